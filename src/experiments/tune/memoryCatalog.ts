/**
 * A loaded catalog for `tune` (catalogSearch.ts): metrics from scans of its rows in a
 * shared order (measures/rollupEvaluator.ts), attack targets on simulated servers drawn from it or on
 * the user's play log, midpoint errors from its rows. Every answer is immediate, so
 * `tune` over loaded catalogs runs without awaiting anything.
 *
 *   const c = new MemoryCatalog(chinook);
 *   c.prepare(parseSpace("duration=round(1s)|round(1min)"));
 *   c.choiceClasses({ attribute: "duration", generalizer: { kind: "round", widthMs: 60000 } })  // 32 (say)
 */
import type { Catalog } from "../../catalog/catalog.js";
import { summarizeCatalog, type CatalogSummary } from "../../measures/evaluate.js";
import type { Metrics } from "../../measures/metrics.js";
import { catalogAttributes, RollupEvaluator } from "../../measures/rollupEvaluator.js";
import { drawLibraries } from "../../attacks/libraries.js";
import { libraryUniqueness } from "../../attacks/linkage.js";
import { playLogUnicity } from "../../attacks/playLogUnicity.js";
import { runAttack } from "../../attacks/runAttack.js";
import type { PlayLog } from "../../sources/playLog.js";
import { formatScheme } from "../../schemes/format.js";
import type { Attribute, Scheme, SchemePart } from "../../schemes/types.js";
import { resolveThreads, type EngineOptions } from "../../engine/pool.js";
import type { AttackSettings, TuneCatalog } from "./catalogSearch.js";
import { midpointError } from "./objective.js";
import { innerAxis, type SearchSpace } from "./space.js";

export class MemoryCatalog implements TuneCatalog {
  readonly attributes: Set<Attribute>;
  readonly summary: CatalogSummary;
  /**
   * Schemes evaluated at once: per thread, as many as the inner axis has choices (set by
   * `prepare`), so a batch holds whole prefix groups: each prefix's rows are sorted once
   * for all its schemes, and the sorts and the scans are shared out over the threads
   * (measures/rollupEvaluator.ts).
   */
  batch: number;
  private evaluator?: RollupEvaluator;
  private libs?: ReturnType<typeof drawLibraries>;
  /** Schemes to evaluate with the next one, and the metrics of those evaluated ahead. */
  private pending: Scheme[] = [];
  private readonly ahead = new Map<string, Metrics>();

  /** `playLog`: the user's log whose items `catalog` is; linkage(p) is then its unicity. */
  constructor(
    readonly catalog: Catalog,
    private readonly playLog?: PlayLog,
    private readonly engine: EngineOptions = {},
  ) {
    this.attributes = catalogAttributes(catalog);
    this.summary = summarizeCatalog(catalog);
    this.batch = resolveThreads(engine.threads);
  }

  refusal(): undefined {
    return undefined;
  }

  prepare(space: SearchSpace): void {
    const inner = space[innerAxis(space)];
    this.evaluator = new RollupEvaluator(this.catalog, space.map((a) => a.attribute), { ...this.engine, inner: inner.attribute });
    this.batch = resolveThreads(this.engine.threads) * inner.choices.length;
  }

  private rollup(): RollupEvaluator {
    if (!this.evaluator) throw new Error("MemoryCatalog: prepare(space) first");
    return this.evaluator;
  }

  choiceClasses(part: SchemePart): number {
    return this.rollup().choiceCount(part);
  }

  prefetch(schemes: Scheme[]): void {
    this.pending = schemes;
  }

  /** The scheme's metrics: evaluated ahead, or now together with the schemes handed to `prefetch`. */
  metrics(scheme: Scheme): Metrics {
    const key = formatScheme(scheme);
    const known = this.ahead.get(key);
    if (known) {
      this.ahead.delete(key);
      return known;
    }
    const also = this.pending.filter((s) => !this.ahead.has(formatScheme(s)) && formatScheme(s) !== key);
    this.pending = [];
    const results = this.rollup().evaluateMany([scheme, ...also]);
    also.forEach((s, i) => this.ahead.set(formatScheme(s), results[i + 1].metrics));
    return results[0].metrics;
  }

  linkage(scheme: Scheme, plays: number, settings: AttackSettings): number {
    const seed = settings.seed ?? 1;
    if (this.playLog) return playLogUnicity(this.playLog, scheme, { plays: [plays], seed })[0].unique_fraction;
    this.libs ??= drawLibraries(this.catalog, { count: settings.libraries ?? 1000, seed });
    const [row] = libraryUniqueness(this.catalog, this.libs, scheme, { plays: [plays], targets: settings.attackTargets ?? 1000, seed });
    return row.unique_fraction;
  }

  classSuccess(scheme: Scheme, settings: AttackSettings): number {
    const run = runAttack(this.catalog, { scheme, method: "class", targets: settings.attackTargets ?? 1000, seed: settings.seed ?? 1, bootstrap: 0 });
    return run.evaluation.success_at_1.value;
  }

  midpointError(scheme: Scheme, attribute: Attribute): number {
    return midpointError(this.catalog, scheme, attribute);
  }
}
