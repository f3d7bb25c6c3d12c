/**
 * JSON loaders: an array of objects (`[{…}, …]`) or NDJSON (one object per line).
 * Keys are columns; numbers stay numbers (a declared unit scales them directly).
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { UserError, locatedError } from "../../base/errors.js";
import { CatalogBuilder, type CellValue } from "../catalogBuilder.js";
import { checkMapAgainstHeader, detectFieldMap } from "./detect.js";
import type { FieldMap } from "./fieldMap.js";
import { fileError } from "../sniff.js";

type MakeBuilder = (header: string[], map: FieldMap) => CatalogBuilder;

function cell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

function lineOf(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function start(header: string[], file: string, given: FieldMap | undefined, make: MakeBuilder): CatalogBuilder {
  const map = detectFieldMap(header, given);
  checkMapAgainstHeader(map, header, file);
  return make(header, map);
}

export async function readJsonArrayInto(file: string, given: FieldMap | undefined, make: MakeBuilder): Promise<CatalogBuilder> {
  let text: string;
  try {
    text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
  } catch (e) {
    throw fileError(file, e);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    throw locatedError(file, pos ? lineOf(text, Number(pos[1])) : undefined, `invalid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) {
    throw new UserError(`${file}: expected a JSON array of objects (one per item) or NDJSON, found a ${typeof data}`);
  }
  // Header = every key seen, in first-seen order (records may omit null fields).
  const keys = new Map<string, number>();
  for (const rec of data) {
    if (rec && typeof rec === "object" && !Array.isArray(rec)) for (const k of Object.keys(rec)) if (!keys.has(k)) keys.set(k, keys.size);
  }
  const header = [...keys.keys()];
  if (header.length === 0) throw new UserError(`${file}: the JSON array holds no objects`);
  const builder = start(header, file, given, make);
  const values: CellValue[] = new Array(header.length);
  data.forEach((rec, i) => {
    if (!rec || typeof rec !== "object" || Array.isArray(rec)) {
      throw new UserError(`${file}: record ${i + 1} is not an object`);
    }
    for (let k = 0; k < header.length; k++) values[k] = cell((rec as Record<string, unknown>)[header[k]]);
    builder.add(values, i + 1);
  });
  return builder;
}

export async function readNdjsonInto(file: string, given: FieldMap | undefined, make: MakeBuilder): Promise<CatalogBuilder> {
  const input = createReadStream(file, "utf8");
  const failure = new Promise<never>((_, reject) => input.on("error", (e) => reject(fileError(file, e))));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let builder: CatalogBuilder | undefined;
  let header: string[] = [];
  let values: CellValue[] = [];
  let lineNo = 0;
  const read = (async () => {
    for await (const raw of lines) {
      lineNo++;
      const line = lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw;
      if (line.trim() === "") continue;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        throw locatedError(file, lineNo, `invalid JSON line: ${(e as Error).message}`);
      }
      if (!rec || typeof rec !== "object" || Array.isArray(rec)) throw locatedError(file, lineNo, "expected one JSON object per line");
      if (!builder) {
        header = Object.keys(rec);
        values = new Array(header.length);
        builder = start(header, file, given, make);
      }
      for (let k = 0; k < header.length; k++) values[k] = cell((rec as Record<string, unknown>)[header[k]]);
      builder.add(values, lineNo);
    }
  })();
  await Promise.race([read, failure]);
  if (!builder) throw new UserError(`${file}: the file is empty (expected one JSON object per line)`);
  return builder;
}
