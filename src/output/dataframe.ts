/**
 * danfojs DataFrame views of results, for notebooks only (`import { toDataFrame }
 * from "fprisk/dataframe"`). Kept at the edge on purpose: danfojs's groupby is
 * quadratic, so nothing in the engine goes through it, and loading it costs seconds.
 */
import { createRequire } from "node:module";
import type { EvaluationResult } from "../measures/evaluate.js";
import { resultsTable } from "./results.js";

const require = createRequire(import.meta.url);

/** One row per scheme: scheme, one column per attribute's generalizer, one per metric. */
export function toDataFrame(result: EvaluationResult): import("danfojs-node").DataFrame {
  const danfo = require("danfojs-node") as typeof import("danfojs-node");
  const table = resultsTable(result, true);
  const rows = table.rows.map((r) => Object.fromEntries(table.columns.map((c, j) => [c, r[j]])));
  return new danfo.DataFrame(rows, { columns: table.columns });
}
