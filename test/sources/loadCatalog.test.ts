import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/base/errors.js";
import { loadCatalog } from "../../src/sources/loadCatalog.js";
import { repoRoot } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-loaders-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("registry datasets load with their maps", () => {
  it("netflix-titles keeps movies and reads '90 min'", async () => {
    const c = await loadCatalog("netflix-titles");
    expect(c.rows).toBe(6131);
    expect(c.precision.duration_ms).toBe(60_000);
    expect(c.numeric.duration_ms![0]).toBe(90 * 60_000); // "Dick Johnson Is Dead", 90 min
  });
  it("spotify is deduplicated by track id", async () => {
    const c = await loadCatalog("spotify-popularity-2024");
    expect(c.rows).toBe(4495);
    expect(c.titleNames.length).toBe(4495);
  });
  it("jamendo reads both TSVs with their variable tag columns", async () => {
    const c = await loadCatalog("mtg-jamendo-durations");
    expect(c.rows).toBe(33_027);
    expect(c.precision.duration_ms).toBe(100);
  });
  it("vega-movies from a JSON array", async () => {
    const c = await loadCatalog("vega-movies");
    expect(c.rows).toBe(3200); // one upstream record has no title: skipped and reported
    expect(c.rejected).toEqual({ "empty title": 1 });
    // 1209 runtimes upstream; the untitled record has one (85 min), so 1208 remain.
    expect(c.numeric.duration_ms!.filter((x) => !Number.isNaN(x)).length).toBe(1208);
  });
});

describe("what is not a regular file", () => {
  it("a FIFO is refused with one line before it is opened (no hang)", async () => {
    const fifo = join(dir, "plays.csv");
    execFileSync("mkfifo", [fifo]);
    const err = await loadCatalog(fifo).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(`${fifo}: is a named pipe (FIFO), not a regular file; to read a stream, give "-" as the source and pipe it to stdin`);
  }, 5000);
  it("a character device is refused the same way", async () => {
    await expect(loadCatalog("/dev/zero")).rejects.toThrow("/dev/zero: is a character device, not a regular file");
  }, 5000);
});

/** loadCatalog("-") in a child process whose stdin is `input`; prints the catalog's titles and first durations. */
function fromStdin(input: string | Buffer, options = "{}"): { status: number | null; stdout: string; stderr: string } {
  const script = `
    const { loadCatalog } = await import(${JSON.stringify(join(repoRoot, "src/sources/loadCatalog.ts"))});
    try {
      const c = await loadCatalog("-", ${options});
      console.log(JSON.stringify({ source: c.source, titles: c.titleNames, duration: [...(c.numeric.duration_ms ?? [])], lines: [...c.origin.line] }));
    } catch (e) { console.error(e.message); process.exit(2); }`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { input, encoding: "utf8", cwd: repoRoot });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('"-" reads stdin, sniffed', () => {
  it("CSV, TSV, JSON and NDJSON", () => {
    for (const [input, titles] of [
      ["title,duration_ms\nA,1000\nB,2000\n", ["A", "B"]],
      ["title\tduration_ms\nA\t1000\nB\t2000\n", ["A", "B"]],
      ['[{"title":"A","duration_ms":1000},{"title":"B","duration_ms":2000}]', ["A", "B"]],
      ['{"title":"A","duration_ms":1000}\n{"title":"B","duration_ms":2000}\n', ["A", "B"]],
    ] as const) {
      const r = fromStdin(input);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ source: "stdin", titles, duration: [1000, 2000], lines: input.startsWith("[") ? [1, 2] : input.startsWith("{") ? [1, 2] : [2, 3] });
    }
  });
  it("gzip on stdin, and invalid UTF-8 named as stdin:line", async () => {
    const { gzipSync } = await import("node:zlib");
    const gz = fromStdin(gzipSync("title,duration_ms\nA,1000\nB,2000\n"));
    expect(gz.status, gz.stderr).toBe(0);
    expect(JSON.parse(gz.stdout).titles).toEqual(["A", "B"]);
    const bad = fromStdin(Buffer.from("title,duration_ms\nA,1000\nCaf\xe9,2000\n", "latin1"));
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('stdin:3: not valid UTF-8 (bytes 0xE9 0x2C); if the file is Latin-1 (ISO-8859-1), read it with encoding "latin1"');
    const ok = fromStdin(Buffer.from("title,duration_ms\nA,1000\nCaf\xe9,2000\n", "latin1"), '{ encoding: "latin1" }');
    expect(JSON.parse(ok.stdout).titles).toEqual(["A", "Café"]);
  });
});
