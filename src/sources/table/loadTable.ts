/**
 * Tables (CSV, TSV, JSON, NDJSON; plain, gzip or stdin) into a catalog: each input is
 * opened and sniffed, its records stream into one CatalogBuilder (several files of a
 * registry dataset must share their header). A single plain UTF-8 CSV file is read byte
 * by byte (csvBytes.ts), which gives the same catalog as csv-parse or declines with a
 * reason for `onNote`.
 */
import type { Catalog } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import { CatalogBuilder, type TableSpec } from "../catalogBuilder.js";
import { openInput, type OpenedInput, type TextEncoding } from "../input.js";
import { sniffInput, type Sniffed } from "../sniff.js";
import { readCsvInto } from "./csv.js";
import { checkHeader, checkMapAgainstHeader, detectFieldMap } from "./detect.js";
import { readCsvBytesInto, type CsvReading } from "./csvBytes.js";
import type { FieldMap } from "./fieldMap.js";
import { readJsonArrayInto, readNdjsonInto } from "./json.js";

export interface TableJob {
  /** Paths, or "-" for stdin. */
  files: string[];
  map?: FieldMap;
  filter?: TableSpec["filter"];
  unique?: string;
  extraFields?: TableSpec["extraFields"];
  relaxQuotes?: boolean;
  skipInvalid: boolean;
  source: string;
  encoding?: TextEncoding;
  /** Told how the load went where a reader should know (e.g. why a CSV went to csv-parse). */
  onNote?: (text: string) => void;
  /** How a single plain CSV file is read (see csvBytes.ts). */
  csv?: CsvReading;
  /** The first input, already opened and sniffed by the caller. */
  first?: { input: OpenedInput; sniffed: Sniffed };
}

/** A title column and one more numeric column of a table (a popularity prior's weights). */
export interface TitleColumnJob extends Omit<TableJob, "map" | "filter" | "unique"> {
  /** The title's column(s); detected from the header when absent. */
  title?: string[];
  column: string;
}

export async function loadTable(job: TableJob): Promise<Catalog> {
  const read = await readTable(job, (header, file) => {
    const map = detectFieldMap(header, job.map);
    checkMapAgainstHeader(map, header, file);
    return { map };
  });
  return read.finish(job.source);
}

/**
 * Titles and the values of one more column, every row kept (no filter, no unique key);
 * rows whose value is not a number are skipped and counted in `catalog.rejected`.
 */
export async function loadTitleColumn(job: TitleColumnJob): Promise<{ catalog: Catalog; values: Float64Array }> {
  const read = await readTable({ ...job, skipInvalid: true }, (header, file) => {
    const title = job.title ?? detectFieldMap(header).title?.columns;
    if (!title) throw new UserError(`${file}: cannot tell which column names the title (columns: ${header.join(", ")})`);
    for (const c of [...title, job.column]) {
      if (!header.includes(c)) throw new UserError(`${file} has no column "${c}" (columns: ${header.join(", ")})`);
    }
    return { map: { title: { columns: title } }, extra: { key: "value", column: job.column } };
  });
  return { catalog: read.finish(job.source), values: read.column("value") };
}

type Resolve = (header: string[], file: string) => Pick<TableSpec, "map" | "extra">;

async function readTable(job: TableJob, resolve: Resolve): Promise<CatalogBuilder> {
  let builder: CatalogBuilder | undefined;
  let firstHeader: string[] | undefined;
  for (let f = 0; f < job.files.length; f++) {
    const given = f === 0 ? job.first : undefined;
    const input = given?.input ?? (await openInput(job.files[f]));
    const file = input.name;
    try {
      const make = (header: string[]): CatalogBuilder => {
        if (builder) {
          builder.beginFile(file);
          if (firstHeader!.join("\u0000") !== header.join("\u0000")) {
            throw new UserError(`${file}: its header differs from ${job.files[0]}'s; files of one catalog must share columns`);
          }
          return builder;
        }
        checkHeader(header, file);
        firstHeader = header;
        builder = new CatalogBuilder({
          file,
          header,
          ...resolve(header, file),
          filter: job.filter,
          unique: job.unique,
          skipInvalid: job.skipInvalid,
          extraFields: job.extraFields,
          source: job.source,
        });
        return builder;
      };
      const sniffed = given?.sniffed ?? sniffInput(input, job.encoding);
      switch (sniffed.kind) {
        case "sqlite":
        case "parquet":
        case "duckdb":
          throw new UserError(`${file}: is ${sniffed.kind === "sqlite" ? "an SQLite database" : sniffed.kind === "parquet" ? "a Parquet file" : "a DuckDB database"}; a catalog of several files must be CSV/TSV/JSON`);
        case "json":
          await readJsonArrayInto(input, job.encoding, make);
          break;
        case "ndjson":
          await readNdjsonInto(input, job.encoding, make);
          break;
        case "csv": {
          // A single plain UTF-8 file is read byte by byte (csvBytes.ts); null means it could
          // not guarantee csv-parse's result (the reason goes to onNote), and csv-parse reads
          // it afresh, into a new builder.
          if (job.files.length === 1 && input.plainFile && (job.encoding ?? "utf8") === "utf8" && !job.relaxQuotes) {
            if (await readCsvBytesInto(file, { ...job.csv, delimiter: sniffed.delimiter!, onNote: job.onNote }, make)) break;
            builder = undefined;
            firstHeader = undefined;
          }
          await readCsvInto(input, { delimiter: sniffed.delimiter!, relaxQuotes: job.relaxQuotes, encoding: job.encoding }, make);
          break;
        }
      }
    } finally {
      input.close();
    }
  }
  return builder!;
}

