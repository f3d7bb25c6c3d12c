import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yargs from "yargs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UserError } from "../../src/base/errors.js";
import { makeRedactor } from "../../src/base/redact.js";
import { checkCatalogArgs, loadFromArgs, withCatalog, withOutput, type CatalogArgs } from "../../src/cli/common.js";

const base: CatalogArgs = { catalog: "", "skip-invalid": false };

afterEach(() => vi.restoreAllMocks());

function stderrOf(): () => string {
  let text = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  return () => text;
}

describe("checkCatalogArgs", () => {
  it("accepts unset and whole positive --jobs/--threads", () => {
    expect(() => checkCatalogArgs(base)).not.toThrow();
    expect(() => checkCatalogArgs({ ...base, jobs: 1, threads: 8, "probe-cache": false })).not.toThrow();
  });

  it("rejects an empty --probe-cache and --jobs/--threads that are not whole numbers ≥ 1", () => {
    expect(() => checkCatalogArgs({ ...base, "probe-cache": "" })).toThrow(/--probe-cache needs a folder/);
    expect(() => checkCatalogArgs({ ...base, jobs: 0 })).toThrow(/--jobs must be a whole number ≥ 1, got 0/);
    expect(() => checkCatalogArgs({ ...base, jobs: 2.5 })).toThrow(UserError);
    expect(() => checkCatalogArgs({ ...base, threads: -1 })).toThrow(/--threads must be a whole number ≥ 1, got -1/);
  });
});

describe("withOutput and withCatalog", () => {
  it("declare --format (with its choices) and --out, and the catalog's load options with their defaults", async () => {
    const args = await withOutput(yargs(["--format", "csv", "--out", "x.csv"])).parse();
    expect(args.format).toBe("csv");
    expect(args.out).toBe("x.csv");
    const bad = withOutput(yargs(["--format", "xml"]).exitProcess(false).fail((msg) => {
      throw new Error(msg);
    }));
    expect(() => bad.parse()).toThrow(/Invalid values/);
    const loaded = await yargs(["inspect", "lib.csv"])
      .command("inspect <catalog>", "", (y) => withCatalog(y))
      .parse();
    expect(loaded.catalog).toBe("lib.csv");
    expect(loaded["skip-invalid"]).toBe(false);
    expect(loaded.encoding).toBe("utf8");
    expect(loaded.verbose).toBe(false);
  });
});

describe("loadFromArgs", () => {
  const dir = mkdtempSync(join(tmpdir(), "fprisk-common-"));
  const csv = join(dir, "lib.csv");
  writeFileSync(csv, "title,duration_ms\nA,1000\nB,abc\nC,3000\n");

  it("with --skip-invalid loads the good rows and tells stderr what was skipped, by reason", async () => {
    const text = stderrOf();
    const catalog = await loadFromArgs({ ...base, catalog: csv, "skip-invalid": true });
    expect(catalog.rows).toBe(2);
    expect(catalog.titleNames).toEqual(["A", "C"]);
    expect(text()).toBe("fprisk: skipped 1 row: 1 invalid duration_ms\n");
  });

  it("checks the options before reading anything", async () => {
    await expect(loadFromArgs({ ...base, catalog: join(dir, "missing.csv"), jobs: 0 })).rejects.toThrow(/--jobs/);
  });

  it("under redaction an error names the catalog by its hash, not its path", async () => {
    const redactor = makeRedactor("salt");
    const missing = join(dir, "My Film (2001).csv");
    const error = await loadFromArgs({ ...base, catalog: missing }, redactor).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).not.toContain("My Film");
    expect(message).toContain(redactor.path(missing));
  });
});
