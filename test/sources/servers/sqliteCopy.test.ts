/**
 * Read-only guarantee: a media server's live database (WAL mode, a writer connection open with
 * un-checkpointed rows) is read from a private copy. The WAL rows are seen; the server's db,
 * -wal and -shm files are byte-for-byte unchanged (sha256, size, mtime); the writer keeps
 * writing afterwards; the private copies are removed, also when loading fails.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { buildFixture } from "../../fixtures/media-db/build.js";
import { repoRoot } from "../../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-mediadb-wal-"));
/** Our own temp root, so "no copy left behind" can be checked without other tests' files. */
const privateTmp = join(dir, "tmp");
const db = join(dir, "MyVideos131.db");
let writer: ChildProcessWithoutNullStreams;

// A server's connection: WAL mode, automatic checkpoints off, one more film committed (so it
// lives only in the -wal file), then it waits for commands on stdin and never closes until told.
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("journal_mode = WAL");
db.pragma("wal_autocheckpoint = 0");
db.exec(\`
  INSERT INTO path (idPath, strPath) VALUES (7, '/data/movies/The Insider (1999)/');
  INSERT INTO files (idFile, idPath, strFilename) VALUES (9, 7, 'The Insider (1999).mkv');
  INSERT INTO movie (idMovie, idFile, c00, premiered) VALUES (5, 9, 'The Insider', '1999-11-05');
  INSERT INTO streamdetails (idFile, iStreamType, strVideoCodec, iVideoWidth, iVideoHeight, iVideoDuration) VALUES (9, 0, 'h264', 1920, 816, 9426);
\`);
process.stdout.write("ready\\n");
let buffered = "";
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  if (buffered.includes("more\\n")) {
    buffered = "";
    db.exec("INSERT INTO path (idPath, strPath) VALUES (8, '/data/x/')");
    process.stdout.write("wrote\\n");
  }
});
process.stdin.on("end", () => { db.close(); process.exit(0); });
`;

function readLine(child: ChildProcessWithoutNullStreams, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes(expected + "\n")) {
        child.stdout.off("data", onData);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`writer exited (${code}) before "${expected}"`)));
  });
}

/** sha256, size and mtime of the database and each companion that exists. */
function snapshot(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const suffix of ["", "-wal", "-shm"]) {
    const p = path + suffix;
    if (!existsSync(p)) continue;
    const s = statSync(p);
    out[suffix || "db"] = `${createHash("sha256").update(readFileSync(p)).digest("hex")} ${s.size} ${s.mtimeMs}`;
  }
  return out;
}

beforeAll(async () => {
  mkdirSync(privateTmp);
  buildFixture("kodi", db);
  writer = spawn(process.execPath, ["-e", WRITER, db], { cwd: repoRoot });
  writer.stderr.on("data", (d) => process.stderr.write(d));
  await readLine(writer, "ready");
});

afterAll(async () => {
  if (writer && writer.exitCode === null) {
    const exited = new Promise((r) => writer.once("exit", r));
    writer.stdin.end();
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("a live WAL database", () => {
  it("is in the state a running server leaves it: rows only in the -wal file", async () => {
    expect(existsSync(db + "-wal")).toBe(true);
    expect(existsSync(db + "-shm")).toBe(true);
    expect(statSync(db + "-wal").size).toBeGreaterThan(0);
    // The main file alone does not hold the new film yet.
    const alone = join(dir, "alone.db");
    copyFileSync(db, alone);
    const c = await loadCatalog(alone);
    expect(c.titleNames).not.toContain("The Insider (1999)");
    expect(c.rows).toBe(7);
  });

  it("is read with its un-checkpointed rows while the writer is open, and left byte-for-byte unchanged", async () => {
    const before = snapshot(db);
    expect(Object.keys(before)).toEqual(["db", "-wal", "-shm"]);
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    let c;
    try {
      c = await loadCatalog(db);
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    }
    expect(c.rows).toBe(8);
    const i = c.titleNames.indexOf("The Insider (1999)");
    expect(i).toBeGreaterThanOrEqual(0);
    const row = Array.from(c.titleCodes).indexOf(i);
    expect(c.numeric.duration_ms![row]).toBe(9426000);
    expect(c.numeric.height![row]).toBe(816);
    expect(c.notes).toContain("read with its write-ahead log (-wal), so changes not yet checkpointed are included");
    expect(snapshot(db)).toEqual(before);
    expect(readdirSync(privateTmp)).toEqual([]); // the private copy is gone
  });

  it("opened through a symlink in another folder, reads the -wal beside the real file (8 rows, not 7)", async () => {
    const elsewhere = join(dir, "links");
    mkdirSync(elsewhere, { recursive: true });
    const link = join(elsewhere, "library.db");
    symlinkSync(db, link);
    const c = await loadCatalog(link);
    expect(c.rows).toBe(8);
    expect(c.titleNames).toContain("The Insider (1999)");
    expect(c.source).toBe(link); // messages and origin still name what the user gave
  });

  it("the real binary reads it too, leaves it unchanged, and the server keeps writing afterwards", async () => {
    const before = snapshot(db);
    const r = spawnSync(process.execPath, [join(repoRoot, "bin", "fprisk.js"), "evaluate", db, "--scheme", "duration=round(1s),resolution=class", "--format", "json"], {
      encoding: "utf8",
      cwd: repoRoot,
      env: { ...process.env, TMPDIR: privateTmp },
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.catalog).toEqual({ source: db, rows: 8, titles: 7 });
    // 8 files; the two Blade Runner releases share 7020 s but differ in class (1080p vs 4K).
    expect(out.results[0].metrics.classes).toBe(8);
    expect(snapshot(db)).toEqual(before);
    expect(readdirSync(privateTmp)).toEqual([]);
    // No lock or checkpoint was left behind: the server's connection can still write.
    const wrote = readLine(writer, "wrote");
    writer.stdin.write("more\n");
    await wrote;
  });

  it("removes its private copy when the database turns out to be corrupt", async () => {
    const bad = join(dir, "bad.db");
    writeFileSync(bad, Buffer.concat([Buffer.from("SQLite format 3\0", "latin1"), Buffer.alloc(300, 7)]));
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    try {
      await expect(loadCatalog(bad)).rejects.toThrow(/the database is corrupt/);
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    }
    expect(readdirSync(privateTmp)).toEqual([]);
  });
});
