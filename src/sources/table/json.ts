/**
 * JSON loaders: an array of objects (`[{…}, …]`) or NDJSON (one object per line).
 * Keys are columns; numbers stay numbers (a declared unit scales them directly). Nesting
 * deeper than MAX_JSON_DEPTH is refused before parsing (jsonDepth.ts).
 */
import { UserError, locatedError } from "../../base/errors.js";
import type { CatalogBuilder, CellValue } from "../catalogBuilder.js";
import { readAllText, textLines, type OpenedInput, type TextEncoding } from "../input.js";
import { jsonTooDeep, MAX_JSON_DEPTH } from "./jsonDepth.js";

type MakeBuilder = (header: string[]) => CatalogBuilder;

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

function checkDepth(text: string, file: string, lineOffset: number): void {
  const deep = jsonTooDeep(text);
  if (deep) throw locatedError(file, lineOffset + deep.line, `JSON nested more than ${MAX_JSON_DEPTH} levels deep; a catalog is an array of flat objects`);
}

export async function readJsonArrayInto(input: OpenedInput, encoding: TextEncoding | undefined, make: MakeBuilder): Promise<CatalogBuilder> {
  const file = input.name;
  const text = await readAllText(input, encoding);
  checkDepth(text, file, 0);
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
  const builder = make(header);
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

export async function readNdjsonInto(input: OpenedInput, encoding: TextEncoding | undefined, make: MakeBuilder): Promise<CatalogBuilder> {
  const file = input.name;
  let builder: CatalogBuilder | undefined;
  let header: string[] = [];
  let values: CellValue[] = [];
  let lineNo = 0;
  for await (const line of textLines(input, encoding)) {
    lineNo++;
    if (line.trim() === "") continue;
    checkDepth(line, file, lineNo - 1);
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
      builder = make(header);
    }
    for (let k = 0; k < header.length; k++) values[k] = cell((rec as Record<string, unknown>)[header[k]]);
    builder.add(values, lineNo);
  }
  if (!builder) throw new UserError(`${file}: the file is empty (expected one JSON object per line)`);
  return builder;
}
