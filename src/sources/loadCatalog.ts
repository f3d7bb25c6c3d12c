/**
 * One entry point for every catalog source: a file path (CSV, TSV, JSON, NDJSON, plain
 * or gzip; ffprobe JSON; a media-server SQLite database; Parquet), a glob of Parquet files
 * ("logs/*.parquet"), a DuckDB database table ("w.duckdb#plays"), "-" for stdin, a folder
 * (media files or saved ffprobe outputs), a registry dataset name, a synthetic URI, or a
 * ClickHouse table (`clickhouse://host:port/db.table`, read into memory).
 * Detects the format and dispatches; FIFOs and devices are refused before they are opened.
 */
import { stat } from "node:fs/promises";
import type { Catalog } from "../catalog/catalog.js";
import { detectCatalogPrecision } from "../catalog/precision.js";
import { parseDurationMs } from "../catalog/units.js";
import { getDataset, datasetFilePaths, type DatasetEntry } from "./registry/registry.js";
import { loadSynthetic } from "./synthetic/synthetic.js";
import { UserError } from "../base/errors.js";
import { fileError, openInput, refuseSpecialFile, STDIN, TEXT_ENCODINGS, type OpenedInput, type TextEncoding } from "./input.js";
import { parseFieldMap, type FieldMap } from "./table/fieldMap.js";
import { loadTable } from "./table/loadTable.js";
import { looksLikeFfprobe, loadFfprobeFiles } from "./media/ffprobe.js";
import { loadMediaDatabase } from "./servers/mediaDb.js";
import { loadMediaFolder, type MediaScanOptions } from "./media/mediaFolder.js";
import { sniffInput, type Sniffed } from "./sniff.js";
import { isClickHouseUrl } from "./clickhouse/clickhouseUrl.js";
import { loadClickHouseCatalog } from "./clickhouse/clickhouseCatalog.js";
import type { CsvReading } from "./table/csvBytes.js";
import { findWarehouseSource, loadWarehouse } from "./warehouse/loadWarehouse.js";

export interface LoadOptions extends MediaScanOptions {
  /** A map spec or parsed map; fields not named are detected from column names. */
  map?: string | FieldMap;
  /** Skip invalid rows (counted by reason in `catalog.rejected`) instead of failing. */
  skipInvalid?: boolean;
  /** Text encoding of CSV/TSV/JSON/NDJSON inputs: "utf8" (default, validated) or "latin1". */
  encoding?: TextEncoding;
  /** Told, one line each, how the load went where a careful user may want to know (e.g. `--verbose`). */
  onNote?: (text: string) => void;
  /** How a plain CSV file is read (e.g. its passes on another thread, see csvBytes.ts); the catalog is the same. */
  csv?: CsvReading;
}

/**
 * Load a catalog from `source`: a path, "-" (stdin: CSV, TSV, JSON or NDJSON, sniffed),
 * a registry dataset name or a synthetic URI. Options are checked before anything is read.
 */
export async function loadCatalog(source: string, options: LoadOptions = {}): Promise<Catalog> {
  if (options.encoding !== undefined && !TEXT_ENCODINGS.includes(options.encoding)) {
    throw new UserError(`encoding must be one of ${TEXT_ENCODINGS.join(", ")}, got "${options.encoding}"`);
  }
  const map = typeof options.map === "string" ? parseFieldMap(options.map) : options.map;
  if (source.startsWith("synthetic:")) {
    if (map) throw new UserError(`--map does not apply to a synthetic source (${source})`);
    return loadSynthetic(source);
  }
  if (isClickHouseUrl(source)) {
    const catalog = await loadClickHouseCatalog(source, { map, skipInvalid: options.skipInvalid, onNote: options.onNote });
    detectCatalogPrecision(catalog);
    return catalog;
  }
  if (source === STDIN) {
    const catalog = await loadInput(await openInput(STDIN), map, options);
    detectCatalogPrecision(catalog);
    return catalog;
  }
  const entry = getDataset(source);
  if (entry && !(await exists(source))) return loadDataset(entry, map, options);
  const warehouse = await findWarehouseSource(source);
  if (warehouse) {
    const catalog = await loadWarehouse(warehouse, { map, skipInvalid: options.skipInvalid });
    detectCatalogPrecision(catalog);
    return catalog;
  }
  let info;
  try {
    info = await stat(source);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" && !/[\\/.]/.test(source)) {
      throw new UserError(`"${source}" is neither a file nor a known dataset (see \`fprisk datasets list\`)`);
    }
    throw fileError(source, e);
  }
  refuseSpecialFile(source, info);
  const catalog = info.isDirectory() ? await loadFolder(source, map, options) : await loadInput(await openInput(source), map, options);
  detectCatalogPrecision(catalog);
  return catalog;
}

function noMap(map: FieldMap | undefined, what: string, source: string): void {
  if (map) throw new UserError(`--map does not apply to ${what} (${source}); its fields are known`);
}

async function loadFolder(source: string, map: FieldMap | undefined, options: LoadOptions): Promise<Catalog> {
  noMap(map, "a folder of media files or ffprobe outputs", source);
  return loadMediaFolder(source, options);
}

async function loadInput(input: OpenedInput, map: FieldMap | undefined, options: LoadOptions): Promise<Catalog> {
  const skipInvalid = options.skipInvalid ?? false;
  const source = input.name;
  let sniffed: Sniffed;
  try {
    sniffed = sniffInput(input, options.encoding);
  } catch (e) {
    input.close();
    throw e;
  }
  if (sniffed.kind === "parquet" || sniffed.kind === "duckdb") {
    // A plain file of either kind was taken by findWarehouseSource; this one is a stream.
    input.close();
    throw new UserError(`${source}: a ${sniffed.kind === "parquet" ? "Parquet file" : "DuckDB database"} must be given as a plain file (DuckDB reads it by path), not ${input.name === "stdin" ? "on stdin" : "compressed"}`);
  }
  if (sniffed.kind === "sqlite" || (sniffed.kind === "json" && looksLikeFfprobe(sniffed.head))) {
    input.close();
    if (!input.plainFile) throw new UserError(`${source}: a media-server database or an ffprobe output must be given as a plain file, not ${input.name === "stdin" ? "on stdin" : "compressed"}`);
    if (sniffed.kind === "sqlite") {
      noMap(map, "a media-server database", source);
      return loadMediaDatabase(source, { skipInvalid });
    }
    noMap(map, "an ffprobe output", source);
    return loadFfprobeFiles([source], { skipInvalid, source });
  }
  return loadTable({ files: [source], first: { input, sniffed }, map, skipInvalid, source, encoding: options.encoding, onNote: options.onNote, csv: options.csv });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Registry datasets are curated: their few upstream defects (vega-movies has one
 * film without a title) are skipped and reported in `rejected`, never fatal.
 */
async function loadDataset(entry: DatasetEntry, userMap: FieldMap | undefined, options: LoadOptions): Promise<Catalog> {
  const catalog = await loadTable({
    files: datasetFilePaths(entry),
    map: { ...parseFieldMap(entry.map), ...userMap },
    filter: entry.filter,
    unique: entry.unique,
    // Jamendo's TSVs put a variable number of tags after the fixed columns.
    extraFields: "ignore",
    relaxQuotes: entry.csv?.relaxQuotes,
    skipInvalid: true,
    source: entry.name,
    encoding: options.encoding,
    onNote: options.onNote,
  });
  // Registries declare what detection cannot see, e.g. runtimes recorded in minutes.
  const declared = entry.precision?.duration;
  if (declared) catalog.precision.duration_ms = parseDurationMs(String(declared));
  detectCatalogPrecision(catalog);
  return catalog;
}
