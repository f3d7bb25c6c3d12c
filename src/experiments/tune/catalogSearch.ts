/**
 * What `tune` asks of one catalog, wherever its rows are. The search (tune.ts) runs over
 * a `CatalogSearch` per catalog: the scheme as that catalog sees it (attributes it lacks
 * are unobserved), its metrics plus the attack targets' values, cached per restricted
 * scheme, and the objective terms. Those rules live here once; the numbers come from a
 * `TuneCatalog`:
 *
 * - memoryCatalog.ts: a loaded `Catalog`, scanned in one shared order of its rows (the default);
 * - sqlCatalog.ts: a relation that stays in DuckDB or ClickHouse, one grouping query per
 *   scheme, each answer a Promise.
 *
 * Every method of a `TuneCatalog` may answer with a value or a Promise of one; the
 * search is one generator (base/steps.ts) that `tune` runs synchronously over loaded
 * catalogs and `tuneAsync` runs awaiting each answer, so both take the same steps.
 *
 *   const search = new CatalogSearch(new MemoryCatalog(chinook), options);
 *   runSync(search.metrics(parseScheme("duration=round(1min)")))   // { rows: 3503, … }
 */
import type { CatalogSummary } from "../../measures/evaluate.js";
import type { Metrics } from "../../measures/metrics.js";
import { formatScheme } from "../../schemes/format.js";
import type { Attribute, Scheme, SchemePart } from "../../schemes/types.js";
import { need, type Step } from "../../base/steps.js";
import { marginal, type Objective } from "./objective.js";
import type { SearchSpace } from "./space.js";
import { targetKey, type Target } from "./target.js";

type Answer<T> = T | Promise<T>;

/** The attack settings of a search (TuneOptions' fields of the same names). */
export interface AttackSettings {
  targets: Target[];
  seed?: number;
  libraries?: number;
  attackTargets?: number;
}

/** One catalog's numbers for the search; schemes given to it are already restricted to `attributes`. */
export interface TuneCatalog {
  /** Source, rows and titles, as `summarizeCatalog` gives them. */
  readonly summary: CatalogSummary;
  /** The attributes it can observe. */
  readonly attributes: Set<Attribute>;
  /** Why this catalog cannot be searched here for these targets, objective and space (one line), or undefined. */
  refusal(targets: Target[], objective: Objective, space: SearchSpace): string | undefined;
  /** Called once with the space before any other question (attributes in the space, choices to count). */
  prepare(space: SearchSpace): Answer<void>;
  /** Distinct values one choice of an attribute it has takes (after `prepare`). */
  choiceClasses(part: SchemePart): number;
  /** The risk metrics of a scheme. */
  metrics(scheme: Scheme): Answer<Metrics>;
  /**
   * Schemes it likes to evaluate at once (a catalog that works on several threads):
   * `prefetch` hands it the ones to evaluate with the next `metrics` call; their
   * metrics are asked for later, if the search still needs them.
   */
  readonly batch?: number;
  prefetch?(schemes: Scheme[]): void;
  /** Share of servers singled out by `plays` plays (linkage(p) targets). */
  linkage(scheme: Scheme, plays: number, settings: AttackSettings): Answer<number>;
  /** Class-match success@1 (class_success targets). */
  classSuccess(scheme: Scheme, settings: AttackSettings): Answer<number>;
  /** Mean |bucket midpoint − raw value| of one attribute (error(attr) terms; NaN when it has no values). */
  midpointError(scheme: Scheme, attribute: Attribute): Answer<number>;
}

/** Batches evaluated at once when nothing is pruned (see `lookahead`). */
const UNPRUNED_BATCHES = 4;

export class CatalogSearch {
  readonly attributes: Set<Attribute>;
  private readonly cache = new Map<string, Metrics>();
  private readonly plain = new Map<string, Metrics>();

  constructor(
    readonly catalog: TuneCatalog,
    private readonly settings: AttackSettings,
  ) {
    this.attributes = catalog.attributes;
  }

  /** The scheme as this catalog sees it: attributes it lacks are unobserved. */
  restrict(scheme: Scheme): Scheme {
    return { parts: scheme.parts.filter((p) => this.attributes.has(p.attribute)) };
  }

  *prepare(space: SearchSpace): Step<void> {
    yield* need(this.catalog.prepare(space));
  }

  /** Distinct values one choice takes on this catalog (1 for an attribute it lacks). */
  choiceClasses(part: SchemePart): number {
    return this.attributes.has(part.attribute) ? this.catalog.choiceClasses(part) : 1;
  }

  /**
   * Schemes this catalog may evaluate ahead of time, besides the one asked for (0:
   * none). Without pruning none of them is evaluated in vain, so it takes several
   * batches at once, which its threads share out more evenly.
   */
  lookahead(prune: boolean): number {
    const batch = this.catalog.batch ?? 1;
    return batch <= 1 ? 0 : (prune ? batch : UNPRUNED_BATCHES * batch) - 1;
  }

  /** Hand the catalog schemes to evaluate with the next one (those not known yet). */
  prefetch(schemes: Scheme[]): void {
    if (!this.catalog.prefetch) return;
    const todo = schemes.map((s) => this.restrict(s)).filter((r) => !this.plain.has(formatScheme(r)));
    if (todo.length > 0) this.catalog.prefetch(todo);
  }

  /** The scheme's metrics, plus each attack target's value under `targetKey`. */
  *metrics(scheme: Scheme): Step<Metrics> {
    const r = this.restrict(scheme);
    const key = formatScheme(r);
    let m = this.cache.get(key);
    if (m) return m;
    m = { ...(yield* this.plainMetrics(r)) };
    for (const t of this.settings.targets) {
      if (t.kind === "linkage") m[targetKey(t)] = yield* need(this.catalog.linkage(r, t.plays, this.settings));
      if (t.kind === "class_success") m[targetKey(t)] = yield* need(this.catalog.classSuccess(r, this.settings));
    }
    this.cache.set(key, m);
    return m;
  }

  /** The metrics alone (no attacks), cached: a restricted scheme. */
  private *plainMetrics(r: Scheme): Step<Metrics> {
    const key = formatScheme(r);
    let m = this.plain.get(key);
    if (!m) {
      m = yield* need(this.catalog.metrics(r));
      this.plain.set(key, m);
    }
    return m;
  }

  *objective(scheme: Scheme, objective: Objective): Step<number> {
    let total = 0;
    for (const term of objective.terms) {
      if (term.kind === "entropy") total += term.weight * (yield* this.metrics(scheme)).entropy_bits;
      else if (!this.attributes.has(term.attribute!)) continue;
      else if (term.kind === "bits") total += term.weight * (yield* this.plainMetrics(marginal(this.restrict(scheme), term.attribute!))).entropy_bits;
      else {
        const e = yield* need(this.catalog.midpointError(this.restrict(scheme), term.attribute!));
        if (e === e) total -= term.weight * e;
      }
    }
    return total;
  }
}
