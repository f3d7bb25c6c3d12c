/**
 * `tune`: the most detailed scheme of a search space that still meets every risk
 * target on every catalog.
 *
 *   tune([chinook], { targets: [parseTarget("title_unique_fraction<=0.01")],
 *                     space: parseSpace("duration=round(1s)|round(15s)|round(1min)") })
 *   // → recommended: duration=round(15s) (say), with its metrics, the frontier, and
 *   //   why round(1s) was not chosen (title_unique_fraction 0.073 on chinook > 0.01)
 *
 * How it stays fast (every step exact):
 * 1. Per catalog, the rows are sorted once by the value of the inner attribute (the
 *    scalar axis with the most choices, `innerAxis`), and each choice of each
 *    attribute is applied once to that attribute's distinct values (every
 *    deterministic generalizer is a function of the raw value), giving lookup tables.
 * 2. Schemes that differ only in their inner choice share a prefix (their other
 *    parts): the rows are regrouped by prefix class once, keeping the inner order,
 *    so each scheme's classes are runs of consecutive rows and one scan gives its
 *    class-size totals (measures/rollupEvaluator.ts, engine/intervalScan.ts). The
 *    search varies the inner axis fastest, so those schemes come together. `quantile`
 *    is fitted to the whole column, so schemes using it are partitioned from rows.
 * 3. A loaded catalog evaluates a batch of schemes on all its threads at once: the
 *    search hands it the next schemes that the current verdict cannot prune (see the
 *    loop below).
 * 4. Schemes run coarse to fine; a scheme that fails a target whose metric can only
 *    get worse under refinement prunes every scheme that nests into it (finer), on the
 *    per-attribute nesting rules — so round widths with an even ratio never prune.
 *
 * The recommendation is the qualifying scheme with the best objective; ties go to the
 * lexicographically smallest canonical scheme.
 *
 * The search is written once, as a generator over per-catalog `TuneCatalog`s
 * (catalogSearch.ts): `tune` runs it synchronously over loaded catalogs (steps 1–3
 * above), `tuneAsync` awaits each answer, so a catalog can also be a relation in DuckDB
 * or ClickHouse (sqlCatalog.ts: one grouping query per scheme) with the same order,
 * pruning and result.
 */
import { UserError } from "../../base/errors.js";
import { runAsync, runSync, type Step } from "../../base/steps.js";
import type { Catalog } from "../../catalog/catalog.js";
import type { CatalogSummary } from "../../measures/evaluate.js";
import type { Metrics } from "../../measures/metrics.js";
import type { PlayLog } from "../../sources/playLog.js";
import { formatGeneralizer, formatScheme } from "../../schemes/format.js";
import { nests } from "../../schemes/nesting.js";
import type { Attribute, Scheme } from "../../schemes/types.js";
import { CatalogSearch, type TuneCatalog } from "./catalogSearch.js";
import { MemoryCatalog } from "./memoryCatalog.js";
import { type Objective, parseObjective } from "./objective.js";
import { applyKeep, defaultSpace, formatSpace, innerAxis, type KeepRule, type SearchSpace } from "./space.js";
import { failurePropagatesToFiner, meets, targetKey, violation, type Target } from "./target.js";
import { paretoFrontier } from "./frontier.js";

export interface TuneOptions {
  targets: Target[];
  /** Default: `defaultSpace` over the attributes the catalogs have. */
  space?: SearchSpace;
  keep?: KeepRule[];
  /** Default: entropy. */
  objective?: Objective;
  /** Seed of the attack targets (linkage servers and plays, class-match targets). Default 1. */
  seed?: number;
  /** Servers drawn per catalog for linkage targets (default 1000). */
  libraries?: number;
  /**
   * Per catalog (same order), the user's play log it is the items of (`log.items`):
   * linkage(p) is then that log's unicity (attacks/playLogUnicity.ts: its own servers,
   * p distinct plays each drawn with the seed) instead of simulated servers'.
   */
  playLogs?: (PlayLog | undefined)[];
  /** Targets sampled for attack targets (default 1000). */
  attackTargets?: number;
  /** Skip schemes that provably fail (default true). */
  prune?: boolean;
  /** Schemes outside the space to evaluate for comparison (e.g. Plex-like promises). */
  references?: Scheme[];
  onProgress?: (done: number, total: number) => void;
  /** Threads of loaded catalogs (default: available parallelism); the result is the same for any. */
  threads?: number;
}

export interface SchemeOutcome {
  scheme: Scheme;
  /** Canonical text. */
  text: string;
  /** Per catalog (same order as the input): metrics, plus attack values under targetKey. */
  metrics: Metrics[];
  objective: number;
  meets: boolean;
}

export interface TargetMiss {
  target: string;
  catalog: string;
  value: number;
}

export interface FinerChoice {
  attribute: Attribute;
  /** The next finer choice of that attribute in the space. */
  choice: string;
  scheme: string;
  /** The first target it breaks (null when it meets them all). */
  breaks: TargetMiss | null;
  /** Whether its verdict comes from pruning (a coarser scheme already failed). */
  pruned: boolean;
  objective: number | null;
}

export interface TuneResult {
  targets: string[];
  space: string;
  objective: string;
  catalogs: CatalogSummary[];
  evaluated: number;
  pruned: number;
  outcomes: SchemeOutcome[];
  frontier: SchemeOutcome[];
  recommended: (SchemeOutcome & { binding: TargetMiss; finer: FinerChoice[] }) | null;
  /** When nothing qualifies: per target, the scheme that comes closest. */
  closest: { target: string; scheme: string; value: number; catalog: string }[];
  /** The reference schemes, evaluated like the others but outside the search. */
  references: SchemeOutcome[];
}

/**
 * What Plex's 2017 promise might have meant: one second and 100 kbps, a minute and
 * a megabit with resolution classes, five minutes and two megabits.
 */
export const PLEX_LIKE_SCHEMES: { label: string; scheme: string }[] = [
  { label: "Plex-like 1 s / 100 kbps", scheme: "duration=round(1s),bitrate=round(100kbps)" },
  { label: "Plex-like 1 min / 1 Mbps / class", scheme: "duration=round(1min),bitrate=round(1Mbps),resolution=class" },
  { label: "Plex-like 5 min / 2 Mbps / class", scheme: "duration=round(5min),bitrate=round(2Mbps),resolution=class" },
];

/** Per axis: which choice nests in which (choice i finer than or equal to choice j). */
function axisNesting(space: SearchSpace): boolean[][][] {
  return space.map((axis) =>
    axis.choices.map((gi) =>
      axis.choices.map((gj) => nests({ parts: gi ? [{ attribute: axis.attribute, generalizer: gi }] : [] }, { parts: gj ? [{ attribute: axis.attribute, generalizer: gj }] : [] })),
    ),
  );
}

function validateTargets(targets: Target[]): void {
  if (targets.length === 0) throw new UserError("give at least one target, e.g. title_unique_fraction<=0.01");
}

/** Tune loaded catalogs (in memory: nothing is awaited). */
export function tune(catalogs: Catalog[], options: TuneOptions): TuneResult {
  validateTargets(options.targets);
  if (catalogs.length === 0) throw new UserError("give at least one catalog");
  if (options.playLogs && (options.playLogs.length !== catalogs.length || options.playLogs.some((l, i) => l && l.items !== catalogs[i]))) {
    throw new UserError("playLogs must list, per catalog, the play log whose items it is (or nothing)");
  }
  return runSync(search(catalogs.map((c, i) => new MemoryCatalog(c, options.playLogs?.[i], { threads: options.threads })), options));
}

/**
 * Tune catalogs wherever they are (catalogSearch.ts): loaded ones (`MemoryCatalog`) and
 * relations in a database (`SqlCatalog`), in any mix; the same search as `tune`, each
 * answer awaited. `options.playLogs` belongs to `tune`: here each catalog brings its own.
 *
 *   await tuneAsync([await SqlCatalog.open(duck, relation)], { targets: [parseTarget("k_min>=5")] })
 */
export async function tuneAsync(catalogs: TuneCatalog[], options: TuneOptions): Promise<TuneResult> {
  validateTargets(options.targets);
  if (catalogs.length === 0) throw new UserError("give at least one catalog");
  if (options.playLogs) throw new UserError("tuneAsync: give each catalog its play log (MemoryCatalog, SqlCatalog), not playLogs");
  return runAsync(search(catalogs, options));
}

function* search(catalogs: TuneCatalog[], options: TuneOptions): Step<TuneResult> {
  const objective = options.objective ?? parseObjective("entropy");
  const present = new Set<Attribute>();
  for (const c of catalogs) for (const a of c.attributes) present.add(a);
  let space = options.space ?? defaultSpace([...present]);
  if (space.length === 0) throw new UserError("no attribute of the search space is in any catalog");
  space = applyKeep(space, options.keep ?? []);
  for (const c of catalogs) {
    const why = c.refusal(options.targets, objective, space);
    if (why) throw new UserError(why);
  }
  const searches = catalogs.map((c) => new CatalogSearch(c, options));
  for (const s of searches) yield* s.prepare(space);

  // Every scheme as choice indices, coarse to fine: by the product of each choice's
  // distinct values on the first catalog that has the attribute, over every attribute
  // but the inner one, then by the inner one's (nesting implies ≤ on every factor, so a
  // scheme comes after every scheme it nests into, up to ties). Schemes that differ only
  // in the inner attribute come together: the evaluator sorts the rows once for them.
  const counts = space.map((axis) => {
    const s = searches.find((x) => x.attributes.has(axis.attribute));
    return axis.choices.map((g) => (g && s ? s.choiceClasses({ attribute: axis.attribute, generalizer: g }) : 1));
  });
  let combos: number[][] = [[]];
  for (const axis of space) combos = combos.flatMap((c) => axis.choices.map((_, i) => [...c, i]));
  const inner = innerAxis(space);
  const lead = (c: number[]) => c.reduce((p, i, a) => (a !== inner ? p * counts[a][i] : p), 1);
  const last = (c: number[]) => counts[inner][c[inner]];
  const schemeOf = (c: number[]): Scheme => ({
    parts: c.flatMap((i, a) => (space[a].choices[i] ? [{ attribute: space[a].attribute, generalizer: space[a].choices[i]! }] : [])),
  });
  const texts = combos.map((c) => formatScheme(schemeOf(c)));
  const order = combos
    .map((_, i) => i)
    .sort((x, y) => lead(combos[x]) - lead(combos[y]) || last(combos[x]) - last(combos[y]) || (texts[x] < texts[y] ? -1 : texts[x] > texts[y] ? 1 : 0));

  function* outcomeOf(scheme: Scheme, text: string): Step<SchemeOutcome> {
    const metrics: Metrics[] = [];
    for (const s of searches) metrics.push(yield* s.metrics(scheme));
    const ok = options.targets.every((t) => metrics.every((m) => meets(t, m[targetKey(t)])));
    let sum = 0;
    for (const s of searches) sum += yield* s.objective(scheme, objective);
    return { scheme, text, metrics, objective: sum, meets: ok };
  }
  const nestsIn = axisNesting(space);
  const finerOrEqual = (a: number[], b: number[]) => a.every((i, k) => nestsIn[k][i][b[k]]);
  const prune = options.prune ?? true;
  const failing: number[][] = [];
  const byIndex = new Map<number, SchemeOutcome>();
  const prunedBy = new Map<number, number>();
  let done = 0;
  // Catalogs that evaluate several schemes at once (on several threads) are handed the
  // next schemes in order that the current one's verdict cannot prune (none finer than
  // it) and no failure so far prunes; a later failure may still prune one, whose numbers
  // are then unused. The result does not depend on it.
  const lookahead = Math.max(0, ...searches.map((s) => s.lookahead(prune)));
  const aheadOf = (pos: number): Scheme[] => {
    const ahead: Scheme[] = [];
    for (let j = pos + 1; j < order.length && ahead.length < lookahead; j++) {
      const c = combos[order[j]];
      if (prune && (finerOrEqual(c, combos[order[pos]]) || failing.some((f) => finerOrEqual(c, f)))) continue;
      ahead.push(schemeOf(c));
    }
    return ahead;
  };
  for (let pos = 0; pos < order.length; pos++) {
    const idx = order[pos];
    const combo = combos[idx];
    const killer = prune ? failing.find((f) => finerOrEqual(combo, f)) : undefined;
    if (killer) {
      prunedBy.set(idx, combos.indexOf(killer));
    } else {
      if (lookahead > 0) {
        const ahead = aheadOf(pos);
        for (const s of searches) s.prefetch(ahead);
      }
      const o = yield* outcomeOf(schemeOf(combo), texts[idx]);
      byIndex.set(idx, o);
      if (options.targets.some((t) => failurePropagatesToFiner(t) && o.metrics.some((m) => !meets(t, m[targetKey(t)])))) failing.push(combo);
    }
    options.onProgress?.(++done, order.length);
  }

  const outcomes = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o);
  const qualifying = outcomes.filter((o) => o.meets);
  qualifying.sort((a, b) => b.objective - a.objective || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const best = qualifying[0];
  const labels = catalogs.map((c) => c.summary.source);
  const firstMiss = (o: SchemeOutcome): TargetMiss | null => {
    for (const t of options.targets) {
      for (let c = 0; c < o.metrics.length; c++) {
        const v = o.metrics[c][targetKey(t)];
        if (!meets(t, v)) return { target: t.text, catalog: labels[c], value: v };
      }
    }
    return null;
  };

  let recommended: TuneResult["recommended"] = null;
  if (best) {
    const idx = texts.indexOf(best.text);
    const combo = combos[idx];
    // Binding: the target and catalog with the least room, relative to the threshold.
    let binding: TargetMiss = { target: options.targets[0].text, catalog: labels[0], value: best.metrics[0][targetKey(options.targets[0])] };
    let slack = Infinity;
    for (const t of options.targets) {
      for (let c = 0; c < best.metrics.length; c++) {
        const v = best.metrics[c][targetKey(t)];
        const s = -violation(t, v) / Math.max(Math.abs(t.value), 1e-12);
        if (s < slack) {
          slack = s;
          binding = { target: t.text, catalog: labels[c], value: v };
        }
      }
    }
    const finer: FinerChoice[] = [];
    space.forEach((axis, a) => {
      if (combo[a] === 0) return;
      const next = combo.slice();
      next[a] = combo[a] - 1;
      const j = combos.findIndex((c) => c.every((x, k) => x === next[k]));
      const g = axis.choices[next[a]];
      const o = byIndex.get(j);
      const killer = prunedBy.get(j);
      finer.push({
        attribute: axis.attribute,
        choice: g ? formatGeneralizer(axis.attribute, g) : "drop",
        scheme: texts[j],
        breaks: o ? firstMiss(o) : killer !== undefined ? firstMiss(byIndex.get(killer)!) : null,
        pruned: !o,
        objective: o ? o.objective : null,
      });
    });
    recommended = { ...best, binding, finer };
  }

  const closest = best
    ? []
    : options.targets.map((t) => {
        let top: { target: string; scheme: string; value: number; catalog: string } | undefined;
        let worstBest = Infinity;
        for (const o of outcomes) {
          let worst = -Infinity;
          let at = 0;
          o.metrics.forEach((m, c) => {
            const v = violation(t, m[targetKey(t)]);
            if (v > worst) {
              worst = v;
              at = c;
            }
          });
          if (worst < worstBest) {
            worstBest = worst;
            top = { target: t.text, scheme: o.text, value: o.metrics[at][targetKey(t)], catalog: labels[at] };
          }
        }
        return top!;
      });

  const references: SchemeOutcome[] = [];
  for (const s of options.references ?? []) references.push(yield* outcomeOf(s, formatScheme(s)));
  return {
    targets: options.targets.map((t) => t.text),
    space: formatSpace(space),
    objective: objective.text,
    catalogs: catalogs.map((c) => c.summary),
    evaluated: byIndex.size,
    pruned: prunedBy.size,
    outcomes,
    frontier: paretoFrontier(outcomes, options.targets),
    recommended,
    closest,
    references,
  };
}
