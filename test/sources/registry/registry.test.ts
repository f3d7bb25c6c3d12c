import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findDatasetDir, packageRoot, siblingSharedDataDir } from "../../../src/sources/registry/dataDir.js";
import {
  datasetFilePaths,
  explainWriteError,
  fetchDataset,
  getDataset,
  listDatasets,
  registryPath,
  tableFiles,
  verifyDataset,
  type DatasetEntry,
} from "../../../src/sources/registry/registry.js";
import { UserError } from "../../../src/base/errors.js";
import { parseFieldMap } from "../../../src/sources/table/fieldMap.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { repoRoot } from "../../helpers.js";

const NAMES = [
  "chinook-tracks",
  "imdb-ggplot2movies",
  "jellyfin-ffprobe-fixtures",
  "msd-subset-10k",
  "mtg-jamendo-durations",
  "netflix-engagement-2023-2024",
  "netflix-titles",
  "spotify-popularity-2024",
  "tmdb-5000-movies",
  "vega-movies",
];

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}


/** Column names of a data file's header (CSV/TSV first record, JSON first object's keys). */
function headerOf(path: string, format: DatasetEntry["format"]): string[] {
  if (format === "json") return Object.keys((JSON.parse(readFileSync(path, "utf8")) as object[])[0]);
  if (format === "ndjson") return Object.keys(JSON.parse(readFileSync(path, "utf8").split("\n")[0]));
  const head = readFileSync(path, "utf8").slice(0, 64 * 1024);
  const firstLine = head.slice(0, head.search(/\r?\n/));
  const [cols] = parseCsv(firstLine, { delimiter: format === "tsv" ? "\t" : ",", bom: true }) as string[][];
  return cols;
}

/** The `## Files` table of a SOURCE.md: file, bytes, sha256. */
function sourceFilesTable(md: string): { path: string; bytes: number; sha256: string }[] {
  const section = md.slice(md.indexOf("## Files"));
  const end = section.indexOf("\n## ", 5);
  const rows = [...(end > 0 ? section.slice(0, end) : section).matchAll(/^\|\s*`([^`]+)`\s*\|\s*(\d+)\s*\|\s*`([0-9a-f]{64})`\s*\|\s*$/gm)];
  return rows.map((m) => ({ path: m[1], bytes: Number(m[2]), sha256: m[3] }));
}

describe("registry.json", () => {
  const list = listDatasets();

  it("has one entry per dataset, in a stable order, with the required fields", () => {
    expect(list.map((d) => d.name)).toEqual(NAMES);
    for (const d of list) {
      expect(d.title, d.name).toMatch(/^[^\n]{10,140}$/);
      expect(d.description.length, d.name).toBeGreaterThan(40);
      expect(["csv", "tsv", "json", "ndjson"]).toContain(d.format);
      expect(d.rows, d.name).toBeGreaterThan(0);
      expect(d.licence, d.name).toBeTruthy();
      expect(d.files.length, d.name).toBeGreaterThan(0);
      expect(tableFiles(d).length, d.name).toBeGreaterThan(0);
      for (const f of d.files) {
        expect(f.sha256, `${d.name}/${f.path}`).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isInteger(f.bytes) && f.bytes > 0).toBe(true);
      }
      const map = parseFieldMap(d.map);
      expect(map.title, d.name).toBeDefined();
      expect(map.duration, d.name).toBeDefined();
      expect(d.upstream.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(d.upstream.commit).toMatch(/^[0-9a-f]{40}$/);
      for (const k of Object.keys(d.upstream.paths)) expect(d.files.map((f) => f.path), `${d.name}: upstream path for ${k}`).toContain(k);
      expect(d.upstream.url).toBe(`https://raw.githubusercontent.com/${d.upstream.repo}/${d.upstream.commit}/`);
      if (d.upstream.derived) {
        expect(d.upstream.recipe, `${d.name} is derived: recipe`).toBeTruthy();
        // the upstream files its recipe reads, checksummed, and every path the entry names among them
        const inputs = d.upstream.inputs ?? [];
        expect(inputs.length, `${d.name}: upstream inputs`).toBeGreaterThan(0);
        for (const i of inputs) {
          expect(i.sha256, `${d.name}: ${i.path}`).toMatch(/^[0-9a-f]{64}$/);
          expect(Number.isInteger(i.bytes) && i.bytes > 0).toBe(true);
        }
        for (const p of Object.values(d.upstream.paths).flat()) expect(inputs.map((i) => i.path), `${d.name}: ${p}`).toContain(p);
      } else {
        expect(d.upstream.inputs, `${d.name} is a copy: no recipe inputs`).toBeUndefined();
        for (const f of d.files) expect(typeof d.upstream.paths[f.path], `${d.name}/${f.path}`).toBe("string");
      }
      if (d.precision?.duration) expect(d.precision.duration).toMatch(/^\d+(\.\d+)?(ms|s)$/);
    }
  });

  it("declares what the brief and the SOURCE.md say about filters, uniqueness and precision", () => {
    const by = Object.fromEntries(list.map((d) => [d.name, d]));
    expect(by["netflix-titles"].filter).toEqual({ column: "type", equals: "Movie" });
    expect(by["spotify-popularity-2024"].unique).toBe("track_id");
    expect(by["netflix-engagement-2023-2024"].unique).toBe("title");
    expect(by["mtg-jamendo-durations"].unique).toBe("TRACK_ID");
    for (const n of ["imdb-ggplot2movies", "tmdb-5000-movies", "netflix-engagement-2023-2024", "netflix-titles", "vega-movies"]) {
      expect(by[n].precision?.duration, n).toBe("60s");
    }
    expect(by["mtg-jamendo-durations"].precision?.duration).toBe("0.1s");
    expect(by["chinook-tracks"].map).toBe("title=name+artist,duration=milliseconds:ms,size=bytes:B");
  });

  it("is found from the package root, not the working directory", () => {
    expect(existsSync(join(packageRoot(), "package.json"))).toBe(true);
    expect(resolve(packageRoot())).toBe(resolve(repoRoot));
    expect(registryPath()).toBe(join(packageRoot(), "datasets", "registry.json"));
    // A child process started in an unrelated folder still finds the registry.
    const elsewhere = mkdtempSync(join(tmpdir(), "fprisk-cwd-"));
    const moduleUrl = pathToFileURL(join(repoRoot, "src", "sources", "registry", "registry.ts")).href;
    const tsx = pathToFileURL(join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;
    const out = spawnSync(process.execPath, ["--import", tsx, "-e", `import(${JSON.stringify(moduleUrl)}).then((m) => console.log(m.listDatasets().length))`], {
      cwd: elsewhere,
      encoding: "utf8",
    });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe("10");
  });
});

describe("the registry agrees with the data folder", () => {
  for (const name of NAMES) {
    describe(name, () => {
      const entry = getDataset(name)!;

      it("every file is there with the registered size, and its sha256 verifies", async () => {
        const checks = await verifyDataset(entry);
        expect(checks.map((c) => c.file)).toEqual(entry.files.map((f) => f.path));
        for (const c of checks) {
          expect(c.actual, c.file).toBe(c.expected);
          expect(c.ok).toBe(true);
          expect(statSync(c.path).size).toBe(entry.files.find((f) => f.path === c.file)!.bytes);
        }
      });

      it("files, bytes, sha256, repo and commit match its SOURCE.md", () => {
        const dir = findDatasetDir(name, entry.files.map((f) => f.path));
        const md = readFileSync(join(dir, "SOURCE.md"), "utf8");
        const table = sourceFilesTable(md);
        expect(table.length).toBeGreaterThan(0);
        const strip = (fs: readonly { path: string; bytes: number; sha256: string }[]) =>
          fs.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })).sort((a, b) => a.path.localeCompare(b.path));
        expect(strip(entry.files)).toEqual(strip(table));
        expect(md).toContain(entry.upstream.commit);
        expect(md).toContain(entry.upstream.repo);
        for (const p of Object.values(entry.upstream.paths).flat()) expect(md, p).toContain(p.split("/").pop()!);
        expect(/\*\*Derived\*\*|is \*\*derived\*\*/.test(md), "derived flag").toBe(entry.upstream.derived);
      });

      it("its map, filter and unique columns are real header columns", () => {
        const [first] = datasetFilePaths(entry);
        const header = headerOf(first, entry.format);
        const map = parseFieldMap(entry.map);
        for (const [field, ref] of Object.entries(map)) {
          for (const col of ref!.columns) expect(header, `${field} → ${col}`).toContain(col);
        }
        if (entry.filter) expect(header).toContain(entry.filter.column);
        if (entry.unique) expect(header).toContain(entry.unique);
        // every table file of one dataset shares the header
        for (const p of datasetFilePaths(entry).slice(1)) expect(headerOf(p, entry.format)).toEqual(header);
      });

      it("parses as strict CSV unless it declares csv.relaxQuotes (and then only relaxed)", () => {
        if (entry.format !== "csv" && entry.format !== "tsv") return;
        const opts = { delimiter: entry.format === "tsv" ? "\t" : ",", bom: true, relax_column_count: entry.format === "tsv" };
        for (const p of datasetFilePaths(entry)) {
          const text = readFileSync(p, "utf8");
          if (entry.csv?.relaxQuotes) {
            expect(() => parseCsv(text, opts)).toThrow(/quote|delimiter/i);
            expect(() => parseCsv(text, { ...opts, relax_quotes: true })).not.toThrow();
          } else {
            expect(() => parseCsv(text, opts)).not.toThrow();
          }
        }
      });

      it("loads with the registered number of rows (rows + rejected = rows after filter/unique)", async () => {
        const c = await loadCatalog(name);
        const rejected = Object.values(c.rejected).reduce((a, b) => a + b, 0);
        expect(c.rows + rejected).toBe(entry.rows);
        expect(c.source).toBe(name);
      });
    });
  }
});

describe("fetchDataset", () => {
  const body = Buffer.from("title,duration_ms\nA,1000\nB,2000\n");
  let server: Server;
  let base = "";
  const requests: string[] = [];
  /** What the server answers for each path; default: the fixture body. */
  const answers = new Map<string, (res: import("node:http").ServerResponse) => void>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      const answer = answers.get(req.url ?? "");
      if (answer) return answer(res);
      res.writeHead(200, { "content-type": "text/csv" }).end(body);
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const addr = server.address() as { port: number };
    base = `http://127.0.0.1:${addr.port}/raw/`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
  afterEach(() => answers.clear());

  function tinyEntry(over: Partial<DatasetEntry["upstream"]> = {}, file: Partial<DatasetEntry["files"][number]> = {}): DatasetEntry {
    return {
      name: "tiny",
      title: "a tiny test dataset",
      description: "served by a local HTTP server in the test",
      files: [{ path: "tiny.csv", bytes: body.length, sha256: sha256(body), ...file }],
      format: "csv",
      map: "title=title,duration=duration_ms:ms",
      rows: 2,
      licence: "test",
      upstream: { repo: "example/tiny", commit: "0".repeat(40), paths: { "tiny.csv": "data/with space/tiny.csv" }, derived: false, url: base, ...over },
    };
  }

  const listDir = (d: string) => (existsSync(d) ? readdirSync(d) : []);

  it("downloads, checks the sha256, and renames into place", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fprisk-fetch-"));
    requests.length = 0;
    const r = await fetchDataset(tinyEntry(), { dataDir });
    expect(requests).toEqual(["/raw/data/with%20space/tiny.csv"]);
    expect(r.dir).toBe(join(dataDir, "tiny"));
    expect(r.files).toEqual([{ file: "tiny.csv", status: "fetched", bytes: body.length, sha256: sha256(body) }]);
    expect(r.message).toMatch(/fetched 1 file into .*sha256 verified/);
    expect(readFileSync(join(dataDir, "tiny", "tiny.csv"))).toEqual(body);
    expect(listDir(join(dataDir, "tiny"))).toEqual(["tiny.csv"]); // no temp file left
    // a second fetch finds it verified and asks nothing
    const again = await fetchDataset(tinyEntry(), { dataDir });
    expect(again.files[0].status).toBe("present");
    expect(requests).toHaveLength(1);
  });

  it("writes into FPRISK_DATA_DIR when no dataDir is given", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fprisk-fetch-env-"));
    const saved = process.env.FPRISK_DATA_DIR;
    process.env.FPRISK_DATA_DIR = dataDir;
    try {
      await fetchDataset(tinyEntry());
    } finally {
      if (saved === undefined) delete process.env.FPRISK_DATA_DIR;
      else process.env.FPRISK_DATA_DIR = saved;
    }
    expect(existsSync(join(dataDir, "tiny", "tiny.csv"))).toBe(true);
  });

  it("a checksum mismatch leaves nothing visible", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fprisk-fetch-bad-"));
    const err = await rejection(fetchDataset(tinyEntry({}, { sha256: sha256("something else") }), { dataDir }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/tiny\/tiny\.csv: checksum mismatch .*expected .* got .*nothing was written/);
    expect(existsSync(join(dataDir, "tiny")), "no folder left behind").toBe(false);
  });

  it("a download larger than registered is cut off and discarded", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fprisk-fetch-big-"));
    const err = await rejection(fetchDataset(tinyEntry({}, { bytes: 5 }), { dataDir }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/larger than the registered 5 bytes/);
    expect(existsSync(join(dataDir, "tiny")), "no folder left behind").toBe(false);
  });

  it("a connection dropped mid-body leaves nothing visible", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fprisk-fetch-drop-"));
    answers.set("/raw/data/with%20space/tiny.csv", (res) => {
      res.writeHead(200, { "content-length": String(body.length) });
      res.write(body.subarray(0, 10));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const err = await rejection(fetchDataset(tinyEntry(), { dataDir }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/could not reach 127\.0\.0\.1:\d+/);
    expect(existsSync(join(dataDir, "tiny")), "no folder left behind").toBe(false);
  });

  it("an HTTP error names the status", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fprisk-fetch-404-"));
    answers.set("/raw/data/with%20space/tiny.csv", (res) => res.writeHead(404, "Not Found").end());
    const err = await rejection(fetchDataset(tinyEntry(), { dataDir }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/answered HTTP 404 Not Found/);
  });

  it("an unreachable host gives one clear line, no stack", async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    const dataDir = mkdtempSync(join(tmpdir(), "fprisk-fetch-off-"));
    const err = await rejection(fetchDataset(tinyEntry({ url: `http://127.0.0.1:${port}/` }), { dataDir }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(new RegExp(`^could not reach 127\\.0\\.0\\.1:${port}: offline\\? \\(ECONNREFUSED\\)`));
    expect(err.message).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dataDir, "tiny")), "no folder left behind").toBe(false);
  });

  it("a derived dataset without a recipe is refused with the derivation quoted, and nothing is asked", async () => {
    requests.length = 0;
    const derived = tinyEntry({ derived: true, recipe: "SELECT t.TrackId … ORDER BY t.TrackId", inputs: [{ path: "data/with space/tiny.csv", bytes: body.length, sha256: sha256(body) }] });
    const err = await rejection(fetchDataset(derived, { dataDir: mkdtempSync(join(tmpdir(), "fprisk-fetch-der-")) }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/tiny cannot be fetched byte-identical: tiny\.csv was produced by a derivation .*SELECT t\.TrackId/);
    expect(requests).toEqual([]);
  });

  it("will not write into a read-only data folder, even as root", async () => {
    const ro = mkdtempSync(join(tmpdir(), "fprisk-fetch-ro-"));
    chmodSync(ro, 0o555);
    try {
      const err = await rejection(fetchDataset(tinyEntry(), { dataDir: ro }));
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toMatch(/will not write into .*read-only data folder.*Unset FPRISK_DATA_DIR/);
      expect(listDir(ro)).toEqual([]);
    } finally {
      chmodSync(ro, 0o755);
    }
  });

  it("never writes into the project's shared datasets folder", async () => {
    const shared = siblingSharedDataDir();
    if (!existsSync(shared)) return; // nothing to protect on this checkout
    const err = await rejection(fetchDataset(tinyEntry(), { dataDir: shared }));
    expect(err.message).toMatch(/will not write into .*the project's shared datasets/);
    expect(existsSync(join(shared, "tiny"))).toBe(false);
    // an already complete dataset there is simply reported present
    const msd = await fetchDataset(getDataset("msd-subset-10k")!, { dataDir: shared });
    expect(msd.files.every((f) => f.status === "present")).toBe(true);
  });

  it("write failures are explained, not thrown as stacks", () => {
    const e = Object.assign(new Error("EROFS: read-only file system"), { code: "EROFS" });
    const out = explainWriteError(e, "/some/dir");
    expect(out).toBeInstanceOf(UserError);
    expect(out.message).toMatch(/cannot write into \/some\/dir: the file system is read-only \(EROFS\)/);
    const other = new Error("boom");
    expect(explainWriteError(other, "/x")).toBe(other);
  });
});
