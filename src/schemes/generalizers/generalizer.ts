/**
 * What a generalizer must provide to every stage that uses it. Each generalizer is one
 * file in this folder exporting one `GeneralizerDef`, listed once in registry.ts; the
 * grammar, canonical printing, bucket keys, labels, the attacker's value intervals,
 * nesting, the engine's chunking, the attacks' key widths, the risk chart and the SQL
 * compiler all reach it through the registry and nowhere else.
 *
 * Every member is required: a capability that does not apply is an explicit `null`
 * (or, for nesting, an explicit answer), so the compiler rejects a generalizer that
 * forgets one instead of a stage falling back quietly.
 */
import { duckdbTrim } from "../../sources/sqlTrim.js";
import type { Attribute } from "../types.js";
import type { Generalizer } from "./registry.js";

/** One argument inside a generalizer's parentheses, as the grammar tokenized it. */
export interface Arg {
  /** Where the argument starts in the scheme text. */
  start: number;
  numText: string;
  numEnd: number;
  unit?: string;
  unitStart: number;
  /** `name=value` options of randomized generalizers, and where the name starts. */
  name?: string;
  nameStart?: number;
  /** A bare word such as `memo` (numText is then empty). */
  flag?: string;
}

/**
 * The grammar's view of one generalizer being parsed: its tokens, and the checks
 * several generalizers share. Every `fail` throws a SchemeError with a caret.
 */
export interface ArgReader {
  readonly attribute: Attribute;
  readonly kind: string;
  /** The generalizer as written, e.g. "round(60)". */
  readonly text: string;
  /** Arguments inside the parentheses; undefined when there are none. */
  readonly args: readonly Arg[] | undefined;
  /** Where to point when arguments are missing. */
  readonly argsAt: number;
  /** A width for this attribute in examples: "60s", "100kbps", "16px", "1", "100MB". */
  readonly exampleWidth: string;
  /** The unit suggested when one is missing ("s", "kbps", "px", "", "MB"). */
  readonly hintUnit: string;
  fail(index: number, reason: string): never;
  /** Refuse parentheses: the generalizer takes no arguments. */
  noArguments(): void;
  /** The one argument of round/floor/sig/quantile/log. */
  single(needs: string): Arg;
  /** A unitless whole number (digits, buckets). */
  count(arg: Arg, expected: string): number;
  /** Number + unit → internal units, with the unit rules of the attribute. */
  quantity(arg: Arg, unit: string | undefined, missingAt?: Arg, hintUnit?: string): number;
  /** " (did you mean x?)" for a near miss among `options`, else "". */
  didYouMean(name: string, options: readonly string[]): string;
}

/** Which item and which report the keys are for (randomized generalizers only). */
export interface KeyOptions {
  /** Report number, 0-based; memoized noise ignores it. Default 0 (one report per item). */
  reportIndex?: number;
  /** Item identity of row 0 when the rows are a chunk of a larger catalog (default 0). */
  firstItem?: number;
  /** Explicit item identity per row (overrides firstItem): non-negative safe integers. */
  itemIds?: ArrayLike<number>;
}

/** What keying one column needs besides the values. */
export interface KeyContext {
  attribute: Attribute;
  options: KeyOptions;
  /** State fitted on the victim's catalog (`fit`), to key another catalog the same way. */
  fitted: Float64Array | undefined;
}

/** What a value interval needs besides the key. */
export interface IntervalContext {
  /** The victim's recording precision of the field (internal units, 0 = unknown). */
  precision: number;
  /** State fitted on the victim's catalog (`fit`). */
  fitted: Float64Array | undefined;
}

/** Strings the nesting rules quote, formatted by the dispatcher (nesting.ts). */
export interface NestingContext {
  attribute: Attribute;
  /** The finer and coarser generalizers as printed, e.g. "round(1min)". */
  finer: string;
  coarser: string;
  /** "<finer> does not refine <coarser>": the start of every reason. */
  no: string;
  /** A quantity of this attribute with its unit, e.g. 60000 → "1min". */
  quantity(value: number): string;
}

/** `refines` has no rule for this pair: the coarser generalizer's `refinedBy` decides. */
export const ASK_COARSER: unique symbol = Symbol("ask the coarser generalizer");

/** A catalog column as an SQL expression, by catalog field name ("duration_ms", "width"). */
export type SqlColumn = (field: string) => string;

/**
 * The string functions a generalizer's SQL needs, as the target dialect spells them
 * (engine/sql/dialect.ts): ClickHouse 18.16, for one, has no `trim`.
 */
export interface SqlText {
  /** `expr` without what JavaScript's trim removes (sources/sqlTrim.ts). */
  trim(expr: string): string;
}

/** DuckDB's spelling (the embedded engine's), for a generalizer asked without a dialect. */
export const DEFAULT_SQL_TEXT: SqlText = { trim: duckdbTrim };

export interface GeneralizerDef<G extends { kind: string }> {
  readonly kind: G["kind"];
  /** How messages show its syntax: "round(W)", "class". */
  readonly syntax: string;
  /** The attributes it applies to; the grammar refuses the others. */
  readonly attributes: readonly Attribute[];
  /**
   * Keys depend on a seed, the item and the report, not on the value alone. Such
   * generalizers take named options in the grammar and nest only with themselves.
   */
  readonly randomized: boolean;
  /**
   * A row's key depends on that row alone (not `quantile`, which is fitted to the whole
   * column), so the engine may key a catalog a chunk of rows at a time. Randomized ones
   * qualify because their noise hashes the item's identity, which each chunk passes.
   */
  readonly rowLocal: boolean;

  /** Build it from its tokens (the grammar has read the name and the parentheses). */
  parse(r: ArgReader): G;
  /** Canonical text, which `parse` reads back to the same object. */
  format(g: G, attribute: Attribute): string;
  /** Same parameters (b has the same kind). */
  same(a: G, b: G): boolean;

  /**
   * Bucket keys of one scalar column (NaN in, NaN out), or null when it does not apply
   * to scalar attributes.
   */
  scalarKeys: ((g: G, col: Float64Array, ctx: KeyContext) => Float64Array) | null;
  /** Bucket keys of a resolution (width, height pair), or null when it does not apply. */
  pairKeys: ((g: G, width: Float64Array, height: Float64Array) => Float64Array) | null;
  /**
   * Bucket keys of one text column (codec, container): category codes (categories.ts),
   * NaN for a value not reported; null when it does not apply to text attributes.
   */
  textKeys: ((g: G, col: readonly string[], ctx: KeyContext) => Float64Array) | null;
  /**
   * State to fit on the victim's column and publish with the scheme (quantile
   * thresholds), or null when the buckets do not depend on the data.
   */
  fit: ((g: G, col: Float64Array) => Float64Array) | null;
  /** A human-readable representative of one bucket (key not NaN), for reports. */
  label(g: G, attribute: Attribute, key: number): string;
  /**
   * The values [lo, hi) a scalar key stands for, for likelihood scoring and the
   * occupancy model; null when buckets are matched by key only.
   */
  interval: ((g: G, key: number, ctx: IntervalContext) => [number, number]) | null;
  /**
   * Internal units (ms for duration) between neighbouring keys when keys are an evenly
   * spaced scale of the value (|Δkey| · width is a distance), else 0.
   */
  keyWidth(g: G): number;
  /**
   * Where a risk chart puts it on a width axis (internal units): its bucket width, for
   * `exact` the precision the catalog records values with; null when it has no single width.
   */
  chartWidth(g: G, exactPrecision: number): number | null;

  /**
   * Nesting, finer side: null when `f` (this kind) refines `c` — every bucket of f lies
   * inside one bucket of c on every catalog — a reason when it does not, or ASK_COARSER
   * when this file has no rule for c's kind. Equal generalizers and randomized ones are
   * settled before either side is asked (nesting.ts).
   */
  refines(f: G, c: Generalizer, ctx: NestingContext): string | null | typeof ASK_COARSER;
  /** Nesting, coarser side: the answer when the finer generalizer's `refines` asked. */
  refinedBy(c: G, f: Generalizer, ctx: NestingContext): string | null;

  /**
   * The bucket key as an SQL expression over the catalog's columns (NULL = not
   * reported), equal to `scalarKeys`/`pairKeys` (text attributes: a string, equal
   * exactly where the category codes are equal); throws a UserError where it cannot be
   * compiled to SQL (randomized generalizers, whose noise is keyed by item and report).
   * `fitted` is the state `fit` computed on the same data (quantile's thresholds); a
   * generalizer with a `fit` refuses to compile without it. `text` spells the string
   * functions in the target dialect (default: standard SQL).
   */
  sql(g: G, attribute: Attribute, column: SqlColumn, fitted?: Float64Array, text?: SqlText): string;
}
