/**
 * CSV/TSV loader on csv-parse, streaming: quotes, embedded newlines, BOM, delimiter
 * detection. Each record goes straight into the columnar builder from csv-parse's
 * on_record hook, so no array of rows is ever held.
 */
import { createReadStream } from "node:fs";
import { parse, CsvError } from "csv-parse";
import { UserError, locatedError } from "../../base/errors.js";
import type { CatalogBuilder } from "../catalogBuilder.js";
import { checkMapAgainstHeader, detectFieldMap } from "./detect.js";
import type { FieldMap } from "./fieldMap.js";
import { fileError } from "../sniff.js";

export interface CsvLoadOptions {
  file: string;
  delimiter: string;
  /** Fields named by the user; the rest are detected from the header. */
  map?: FieldMap;
  /** Read stray quotes inside quoted fields literally (a known upstream defect of some files). */
  relaxQuotes?: boolean;
}

/** Stream a delimited file into a builder; returns it unfinished so several files can share one. */
export async function readCsvInto(
  opts: CsvLoadOptions,
  makeBuilder: (header: string[], map: FieldMap) => CatalogBuilder,
): Promise<CatalogBuilder> {
  let builder: CatalogBuilder | undefined;
  let failure: unknown;
  const parser = parse({
    delimiter: opts.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: opts.relaxQuotes ?? false,
    skip_empty_lines: true,
    // Records are consumed here; returning null keeps them out of the stream.
    on_record: (record: string[], context) => {
      if (failure) return null;
      try {
        if (!builder) {
          const header = record.map((h) => h.trim());
          const map = detectFieldMap(header, opts.map);
          checkMapAgainstHeader(map, header, opts.file);
          builder = makeBuilder(header, map);
        } else {
          builder.add(record, context.lines);
        }
      } catch (e) {
        failure = e;
      }
      return null;
    },
  });
  const input = createReadStream(opts.file);
  await new Promise<void>((resolve, reject) => {
    input.on("error", (e) => reject(fileError(opts.file, e)));
    parser.on("error", (e) => reject(e));
    parser.on("end", () => resolve());
    parser.resume();
    input.pipe(parser);
  }).catch((e) => {
    input.destroy();
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      throw locatedError(opts.file, line, `malformed CSV: ${e.message.replace(/^Invalid [^:]*: /, "")}`);
    }
    throw e;
  });
  if (failure) throw failure;
  if (!builder) throw new UserError(`${opts.file}: the file is empty (expected a header line and data rows)`);
  return builder;
}
