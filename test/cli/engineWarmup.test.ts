import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { csvOffload, warmFor, warmForArgv } from "../../src/cli/engineWarmup.js";
import { closePool, poolSize } from "../../src/engine/pool.js";
import { preparseOut, type PreparseArgs } from "../../src/sources/table/csvPreparse.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-warmup-"));
afterAll(() => {
  closePool();
  rmSync(dir, { recursive: true, force: true });
});
const small = join(dir, "small.csv");
writeFileSync(small, "title,duration_ms\nA,1\n");
const large = join(dir, "large.csv");
writeFileSync(large, "");
truncateSync(large, 8 << 20);

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
  return ok();
};

describe("engine warm-up", () => {
  it("starts the workers for a large file named on the command line, with its --threads; not for a small file or a name", async () => {
    closePool();
    expect(warmFor(small, 2)).toBe(false);
    expect(warmFor("chinook-tracks", 2)).toBe(false);
    warmForArgv(["evaluate", small, "--threads", "3"]);
    warmForArgv(["evaluate", large, "--threads", "1"]);
    await new Promise((r) => setTimeout(r, 100));
    expect(poolSize()).toBe(0);
    warmForArgv(["evaluate", large, "--threads=3"]);
    expect(await until(() => poolSize() === 2)).toBe(true);
  });

  it("csvOffload: none with one thread; with more, passes go to a worker once one is ready", async () => {
    expect(csvOffload(1)).toBeUndefined();
    const offload = csvOffload(2)!;
    const plan = { delim: 44, fields: 1, extraFieldsIgnored: false, numericIndex: new Int32Array(0), numericExponent: new Int32Array(0), numericMantissa: new Float64Array(0), numericPlain: new Uint8Array(0), cells: new Int32Array(0) };
    const buf = new Uint8Array(new SharedArrayBuffer(4));
    buf.set(Buffer.from("a\nb\n"));
    const args: PreparseArgs = { buf, from: 0, limit: 4, final: true, plan, out: preparseOut(plan, 4, 0, true) };
    let done = offload(args);
    for (let i = 0; i < 500 && !done; i++) {
      await new Promise((r) => setTimeout(r, 20));
      done = offload(args);
    }
    await done;
    expect(args.out.meta[0]).toBe(2); // two rows, passed on the worker
  });
});
