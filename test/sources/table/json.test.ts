import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-json-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, body: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

describe("JSON and NDJSON", () => {
  it("array of objects with nulls and numeric titles", async () => {
    const c = await loadCatalog(file("a.json", JSON.stringify([{ Title: 2012, "Running Time min": 158 }, { Title: "Up", "Running Time min": null }])));
    expect(c.titleNames).toEqual(["2012", "Up"]);
    expect(c.numeric.duration_ms![0]).toBe(158 * 60_000);
    expect(c.numeric.duration_ms![1]).toBeNaN();
  });
  it("NDJSON with line numbers in errors", async () => {
    const ok = await loadCatalog(file("a.ndjson", '{"title":"A","duration_ms":5}\n{"title":"B","duration_ms":"6s"}\n'));
    expect([...ok.numeric.duration_ms!]).toEqual([5, 6000]);
    await expect(loadCatalog(file("b.ndjson", '{"title":"A","duration_ms":5}\n{"title":\n'))).rejects.toThrow(/b\.ndjson:2: invalid JSON line/);
  });
  it("NDJSON with CRLF line ends and blank lines keeps its line numbers", async () => {
    const f = file("crlf.ndjson", '{"title":"A","duration_ms":5}\r\n\r\n{"title":"B","duration_ms":-1}\r\n');
    await expect(loadCatalog(f)).rejects.toThrow(`${f}:3: duration_ms -1 is negative`);
  });
  it("a JSON object instead of an array is explained", async () => {
    await expect(loadCatalog(file("o.json", '{"items": []}'))).rejects.toThrow(/expected a JSON array of objects/);
  });
  it("a JSON number too large for a double (1e400) is a non-finite value, not a present one", async () => {
    const f = file("big.json", '[{"title":"A","duration_ms":1000},{"title":"B","duration_ms":1e400}]');
    await expect(loadCatalog(f)).rejects.toThrow(`${f}:2: duration Infinity is not a finite number`);
    expect((await loadCatalog(f, { skipInvalid: true })).rejected).toEqual({ "non-finite duration_ms": 1 });
  });
});

describe("nesting 10,000 deep", () => {
  const deep = "[".repeat(10_000) + "]".repeat(10_000);
  it("a JSON array: a clean error from the depth limit, not a stack overflow", async () => {
    const f = file("deep.json", `[{"title":"A","duration_ms":1,"extra":${deep}}]`);
    const err = await loadCatalog(f).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(`${f}:1: JSON nested more than 64 levels deep; a catalog is an array of flat objects`);
  });
  it("an NDJSON line, named by its line", async () => {
    const f = file("deep.ndjson", `{"title":"A","duration_ms":1}\n{"title":"B","duration_ms":2,"extra":${deep}}\n`);
    await expect(loadCatalog(f)).rejects.toThrow(`${f}:2: JSON nested more than 64 levels deep`);
  });
  it("modest nesting inside a cell still loads (kept as its JSON text)", async () => {
    const c = await loadCatalog(file("nested.json", '[{"title":"A","duration_ms":1,"codec":{"name":["h264"]}}]'));
    expect(c.text.codec).toEqual(['{"name":["h264"]}']);
  });
});

describe("encodings and gzip", () => {
  it("invalid UTF-8 in JSON and NDJSON names the line; latin1 reads it", async () => {
    const body = Buffer.from('[{"title":"A","duration_ms":1},\n{"title":"Am\xe9lie","duration_ms":2}]', "latin1");
    const f = file("l.json", body);
    await expect(loadCatalog(f)).rejects.toThrow(`${f}:2: not valid UTF-8`);
    expect((await loadCatalog(f, { encoding: "latin1" })).titleNames).toEqual(["A", "Amélie"]);
    const g = file("l.ndjson", Buffer.from('{"title":"A","duration_ms":1}\n{"title":"Am\xe1lie","duration_ms":2}\n', "latin1"));
    await expect(loadCatalog(g)).rejects.toThrow(`${g}:2: not valid UTF-8`);
  });
  it(".json.gz and .ndjson.gz are read transparently", async () => {
    const arr = await loadCatalog(file("a.json.gz", gzipSync('[{"title":"A","duration_ms":5},{"title":"B","duration_ms":6}]')));
    expect([...arr.numeric.duration_ms!]).toEqual([5, 6]);
    const nd = await loadCatalog(file("a.ndjson.gz", gzipSync('{"title":"A","duration_ms":5}\n{"title":"B","duration_ms":"6s"}\n')));
    expect([...nd.numeric.duration_ms!]).toEqual([5, 6000]);
    expect([...nd.origin!.line]).toEqual([1, 2]);
  });
});
