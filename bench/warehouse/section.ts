/**
 * One section of `npm run bench:warehouse`: a named measurement that prints its lines
 * and returns its numbers for --json. Sections are listed once, in bench/warehouse.ts;
 * a new measurement (a ClickHouse cluster against one server, play-log unicity at
 * scale) is one file here exporting a `WarehouseSection` and one entry in that list.
 */
export interface SectionContext {
  /** The repository root (bin/fprisk.js, dist/). */
  root: string;
  seed: number;
  reps: number;
  /** Row counts by name, from --<name> N on the command line (e.g. --parquet-rows). */
  rows: (name: string, fallback: number) => number;
  log: (line: string) => void;
}

export interface SectionResult {
  /** The human-readable report lines. */
  lines: string[];
  /** The same numbers for --json. */
  data: Record<string, unknown>;
  /** Engines that disagree, or anything else that must fail the bench. */
  problems: string[];
}

export interface WarehouseSection {
  /** Short name for --only, e.g. "parquet". */
  id: string;
  title: string;
  run(ctx: SectionContext): Promise<SectionResult>;
}
