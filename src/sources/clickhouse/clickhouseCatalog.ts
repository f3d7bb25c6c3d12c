/**
 * A ClickHouse table loaded into memory as a Catalog, so every command (inspect, attack,
 * tune, the in-memory engine) works on it: the relation of clickhouseRelation.ts (the
 * loaders' rules, applied on the server) read row by row into typed arrays.
 *
 * Rows come back sorted by title and values: a Distributed table answers in whatever order
 * its shards finish, and a catalog's title codes (and so the order floating-point sums run
 * in) must not depend on that — the same table gives byte-identical results every run.
 *
 *   const catalog = await loadClickHouseCatalog("clickhouse://127.0.0.1:8123/fp.plays", { map: "duration=secs:s" });
 */
import { makeCatalog, type Catalog, type NumericField, type TextField } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import { TitleDictionary } from "../catalogAssembler.js";
import { openClickHouseRelation, type ClickHouseRelationOptions } from "./clickhouseRelation.js";

/** Rows above this are refused (a warehouse table is for the SQL engine, not for memory). */
export const MAX_LOADED_ROWS = 50_000_000;

export async function loadClickHouseCatalog(source: string, options: ClickHouseRelationOptions = {}): Promise<Catalog> {
  const { relation, connection, rows, rejected } = await openClickHouseRelation(source, options);
  try {
    if (rows > MAX_LOADED_ROWS) {
      throw new UserError(`${relation.source}: ${rows} rows is more than fprisk loads into memory (${MAX_LOADED_ROWS}); evaluate it on the server with the SQL engine`);
    }
    const titles = new TitleDictionary();
    const titleCodes = new Int32Array(rows);
    const numeric: Partial<Record<NumericField, Float64Array>> = {};
    for (const f of relation.numeric) numeric[f] = new Float64Array(rows);
    const text: Partial<Record<TextField, string[]>> = {};
    for (const f of relation.text) text[f] = new Array<string>(rows);
    const numCols = relation.numeric.map((f) => numeric[f]!);
    const textCols = relation.text.map((f) => text[f]!);
    const columns = ["title", ...relation.numeric, ...relation.text];
    let i = 0;
    await connection.eachRow(`SELECT ${columns.join(", ")} FROM ${relation.from} ORDER BY ${columns.join(", ")}`, (row) => {
      if (i >= rows) throw new UserError(`${relation.source}: the table grew while it was read; read it again`);
      titleCodes[i] = titles.code(String(row.title));
      for (let k = 0; k < numCols.length; k++) {
        const v = row[relation.numeric[k]];
        numCols[k][i] = v === null ? NaN : Number(v);
      }
      for (let k = 0; k < textCols.length; k++) {
        const v = row[relation.text[k]];
        textCols[k][i] = v === null ? "" : String(v);
      }
      i++;
    });
    if (i !== rows) throw new UserError(`${relation.source}: the table changed while it was read (${rows} rows counted, ${i} read); read it again`);
    const provenance: Catalog["provenance"] = {};
    for (const f of [...relation.numeric, ...relation.text]) provenance[f] = `${relation.source}, column ${f} of the relation`;
    return makeCatalog({ source: relation.source, rows, titleCodes, titleNames: titles.names, numeric, text, provenance, rejected });
  } finally {
    await connection.close();
  }
}
