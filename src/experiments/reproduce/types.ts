/**
 * What each figure or table of the study produces: its tidy data (written as CSV),
 * a vega-lite spec for figures, and the key numbers the results page quotes —
 * computed from the data, never typed by hand.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Table } from "../../output/tabular.js";
import type { ResolvedStudy } from "../study/types.js";

export interface ReproduceConfig {
  /** Smaller catalogs, fewer widths and targets: what CI runs (under 2 minutes). */
  quick: boolean;
  /** The seed of every random step. */
  seed: number;
  /** The study whose parameters the artifacts take; the paper's (experiments/paper.json, at `quick` and `seed`) when absent. */
  study?: ResolvedStudy;
  /** Progress of the long parts. */
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface Artifact {
  /** "F1", "T2", … */
  id: string;
  /** File stem in results/, e.g. "f1-risk-vs-width". */
  name: string;
  title: string;
  /** Data, scheme, attacker and seed, in a sentence or two. */
  caption: string;
  /** The tidy data behind it (CSV). */
  data: Table;
  /** Figures only. */
  spec?: TopLevelSpec;
  /** The paragraph of the results page, with numbers taken from the data. */
  text: string;
  /** For tables: the table itself as shown on the results page (markdown). */
  markdown?: string;
}

export interface ArtifactMaker {
  id: string;
  name: string;
  /** The title on the results page (also when the study's data cannot build it). */
  title: string;
  /** One line for `--help` and the progress bar. */
  describe: string;
  make(config: ReproduceConfig): Promise<Artifact>;
}
