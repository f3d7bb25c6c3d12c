/**
 * CSV/TSV loader on csv-parse, streaming: quotes, embedded newlines, BOM, delimiter
 * detection. Each record goes straight into the columnar builder from csv-parse's
 * on_record hook, so no array of rows is ever held. Text arrives decoded and checked
 * by input.ts (UTF-8 or Latin-1, plain, gzip or stdin).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UserError, locatedError } from "../../base/errors.js";
import type { CatalogBuilder } from "../catalogBuilder.js";
import { decodeText, type OpenedInput, type TextEncoding } from "../input.js";

export interface CsvReadOptions {
  delimiter: string;
  /** Read stray quotes inside quoted fields literally (a known upstream defect of some files). */
  relaxQuotes?: boolean;
  encoding?: TextEncoding;
}

/** Stream a delimited input into a builder made from its header; returns it unfinished so several files can share one. */
export async function readCsvInto(input: OpenedInput, opts: CsvReadOptions, makeBuilder: (header: string[]) => CatalogBuilder): Promise<CatalogBuilder> {
  // Loaded when a file needs it: most CSV files are read by csvBytes.ts, and loading it costs every start-up ~5 ms.
  const { parse, CsvError } = await import("csv-parse");
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
        if (!builder) builder = makeBuilder(record.map((h) => h.trim()));
        else builder.add(record, context.lines);
      } catch (e) {
        failure = e;
      }
      return null;
    },
  });
  parser.resume();
  try {
    await pipeline(Readable.from(decodeText(input, opts.encoding)), parser);
  } catch (e) {
    input.close();
    if (e instanceof CsvError) {
      const line = (e as { lines?: number }).lines;
      throw locatedError(input.name, line, `malformed CSV: ${e.message.replace(/^Invalid [^:]*: /, "")}`);
    }
    throw e;
  }
  if (failure) throw failure;
  if (!builder) throw new UserError(`${input.name}: the file is empty (expected a header line and data rows)`);
  return builder;
}
