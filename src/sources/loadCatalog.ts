/**
 * One entry point for every catalog source: a file path (CSV, TSV, JSON, NDJSON,
 * ffprobe JSON, a media-server SQLite database), a folder (media files or saved
 * ffprobe outputs), a registry dataset name, or a synthetic URI. Detects the
 * format and dispatches.
 */
import { stat } from "node:fs/promises";
import type { Catalog } from "../catalog/catalog.js";
import { detectCatalogPrecision } from "../catalog/precision.js";
import { parseDurationMs } from "../catalog/units.js";
import { getDataset, datasetFilePaths, type DatasetEntry } from "./registry/registry.js";
import { loadSynthetic } from "./synthetic/synthetic.js";
import { UserError } from "../base/errors.js";
import { CatalogBuilder, type TableSpec } from "./catalogBuilder.js";
import { readCsvInto } from "./table/csv.js";
import { DUCKDB_CSV_MIN_BYTES, tryLoadCsvWithDuckDB } from "./table/duckdbCsv.js";
import { parseFieldMap, type FieldMap } from "./table/fieldMap.js";
import { looksLikeFfprobe, loadFfprobeFiles } from "./media/ffprobe.js";
import { readJsonArrayInto, readNdjsonInto } from "./table/json.js";
import { loadMediaDatabase } from "./servers/mediaDb.js";
import { loadMediaFolder, type MediaScanOptions } from "./media/mediaFolder.js";
import { fileError, sniffFile } from "./sniff.js";

export interface LoadOptions extends MediaScanOptions {
  /** `--map` spec or parsed map; fields not named are detected from column names. */
  map?: string | FieldMap;
  /** Skip invalid rows (counted by reason in `catalog.rejected`) instead of failing. */
  skipInvalid?: boolean;
}

interface TableJob {
  files: string[];
  map?: FieldMap;
  filter?: TableSpec["filter"];
  unique?: string;
  extraFields?: TableSpec["extraFields"];
  relaxQuotes?: boolean;
  skipInvalid: boolean;
  source: string;
}

export async function loadCatalog(source: string, options: LoadOptions = {}): Promise<Catalog> {
  const map = typeof options.map === "string" ? parseFieldMap(options.map) : options.map;
  if (source.startsWith("synthetic:")) {
    if (map) throw new UserError(`--map does not apply to a synthetic source (${source})`);
    return loadSynthetic(source);
  }
  const entry = getDataset(source);
  if (entry && !(await exists(source))) return loadDataset(entry, map);
  let info;
  try {
    info = await stat(source);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" && !/[\\/.]/.test(source)) {
      throw new UserError(`"${source}" is neither a file nor a known dataset (see \`fprisk datasets list\`)`);
    }
    throw fileError(source, e);
  }
  const catalog = await loadPath(source, info.isDirectory(), map, options);
  detectCatalogPrecision(catalog);
  return catalog;
}

async function loadPath(source: string, isFolder: boolean, map: FieldMap | undefined, options: LoadOptions): Promise<Catalog> {
  const skipInvalid = options.skipInvalid ?? false;
  const noMap = (what: string) => {
    if (map) throw new UserError(`--map does not apply to ${what} (${source}); its fields are known`);
  };
  if (isFolder) {
    noMap("a folder of media files or ffprobe outputs");
    return loadMediaFolder(source, options);
  }
  const sniffed = await sniffFile(source);
  if (sniffed.kind === "sqlite") {
    noMap("a media-server database");
    return loadMediaDatabase(source, { skipInvalid });
  }
  if (sniffed.kind === "json" && looksLikeFfprobe(sniffed.head)) {
    noMap("an ffprobe output");
    return loadFfprobeFiles([source], { skipInvalid, source });
  }
  return loadTable({ files: [source], map, skipInvalid, source });
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
async function loadDataset(entry: DatasetEntry, userMap: FieldMap | undefined): Promise<Catalog> {
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
  });
  // Registries declare what detection cannot see, e.g. runtimes recorded in minutes.
  const declared = entry.precision?.duration;
  if (declared) catalog.precision.duration_ms = parseDurationMs(String(declared));
  detectCatalogPrecision(catalog);
  return catalog;
}

async function loadTable(job: TableJob): Promise<Catalog> {
  let builder: CatalogBuilder | undefined;
  let firstHeader: string[] | undefined;
  for (const file of job.files) {
    const make = (header: string[], map: FieldMap): CatalogBuilder => {
      if (builder) {
        builder.beginFile(file);
        if (firstHeader!.join("\u0000") !== header.join("\u0000")) {
          throw new UserError(`${file}: its header differs from ${job.files[0]}'s; files of one catalog must share columns`);
        }
        return builder;
      }
      firstHeader = header;
      builder = new CatalogBuilder({
        file,
        header,
        map,
        filter: job.filter,
        unique: job.unique,
        skipInvalid: job.skipInvalid,
        extraFields: job.extraFields,
      });
      return builder;
    };
    const sniffed = await sniffFile(file);
    switch (sniffed.kind) {
      case "sqlite":
        throw new UserError(`${file}: is an SQLite database; a catalog of several files must be CSV/TSV/JSON`);
      case "json":
        await readJsonArrayInto(file, job.map, make);
        break;
      case "ndjson":
        await readNdjsonInto(file, job.map, make);
        break;
      case "csv":
        // A large single file goes through DuckDB's reader first; null means it could
        // not guarantee csv-parse's result, and csv-parse runs as usual (duckdbCsv.ts).
        if (job.files.length === 1 && (await stat(file)).size >= DUCKDB_CSV_MIN_BYTES) {
          const fast = await tryLoadCsvWithDuckDB(file, sniffed.head, job.map, {
            delimiter: sniffed.delimiter!,
            source: job.source,
            filter: job.filter,
            unique: job.unique,
            relaxQuotes: job.relaxQuotes,
          });
          if (fast) return fast;
        }
        await readCsvInto(
{ file, delimiter: sniffed.delimiter!, map: job.map, relaxQuotes: job.relaxQuotes }, make
        );
        break;
    }
  }
  return builder!.finish(job.source);
}
