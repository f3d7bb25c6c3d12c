/**
 * The redaction salt must protect: never blank, never readable by others, never a
 * crash on a broken link or a FIFO — each refusal a UserError that says the fix.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/base/errors.js";
import { makeRedactor, resolveSalt, saltFile } from "../../src/base/redact.js";

let saved: { xdg?: string; salt?: string };
let file: string;

beforeEach(() => {
  saved = { xdg: process.env.XDG_CONFIG_HOME, salt: process.env.FPRISK_SALT };
  process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), "fprisk-salt-"));
  delete process.env.FPRISK_SALT;
  file = saltFile();
  mkdirSync(join(file, ".."), { recursive: true });
});

afterEach(() => {
  for (const [k, v] of [["XDG_CONFIG_HOME", saved.xdg], ["FPRISK_SALT", saved.salt]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function refusal(task: () => unknown): UserError {
  let thrown: unknown;
  try {
    task();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(UserError);
  return thrown as UserError;
}

describe("the redaction salt", () => {
  it("is created once, 0600, then reused", () => {
    const first = resolveSalt();
    expect(first).toMatch(/^[0-9a-f]{48}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveSalt()).toBe(first);
    expect(readFileSync(file, "utf8")).toBe(first + "\n");
  });

  it("an empty or whitespace-only salt file is refused (its hashes would be unsalted)", () => {
    for (const text of ["", "\n", "  \t \n"]) {
      writeFileSync(file, text, { mode: 0o600 });
      expect(refusal(() => resolveSalt()).message).toBe(`${file}: the redaction salt is empty; delete the file to have a new salt created, or write a secret into it`);
    }
  });

  it("a blank --salt or FPRISK_SALT is refused; an empty FPRISK_SALT means unset", () => {
    expect(refusal(() => resolveSalt("   ")).message).toBe("--salt must not be empty or blank");
    expect(refusal(() => resolveSalt("")).message).toBe("--salt must not be empty or blank");
    process.env.FPRISK_SALT = " \t";
    expect(refusal(() => resolveSalt()).message).toMatch(/^FPRISK_SALT is blank/);
    process.env.FPRISK_SALT = "";
    expect(resolveSalt()).toMatch(/^[0-9a-f]{48}$/); // the per-user file
    process.env.FPRISK_SALT = "pepper";
    expect(resolveSalt()).toBe("pepper");
    expect(resolveSalt("explicit")).toBe("explicit");
  });

  it("a dangling symlink is a clear error, not a crash", () => {
    symlinkSync(join(tmpdir(), "fprisk-no-such-salt"), file);
    expect(refusal(() => resolveSalt()).message).toBe(
      `${file}: the redaction salt is a symlink to ${join(tmpdir(), "fprisk-no-such-salt")}, which does not exist; restore that file, or delete the link to have a new salt created`,
    );
  });

  it("a symlink to a private salt file is followed", () => {
    const real = join(process.env.XDG_CONFIG_HOME!, "kept-salt");
    writeFileSync(real, "s3cret\n", { mode: 0o600 });
    symlinkSync(real, file);
    expect(resolveSalt()).toBe("s3cret");
  });

  it("a salt others can read or write is refused with the chmod that fixes it", () => {
    writeFileSync(file, "s3cret\n");
    for (const mode of [0o644, 0o640, 0o604, 0o620, 0o666]) {
      chmodSync(file, mode);
      expect(refusal(() => resolveSalt()).message).toBe(
        `${file}: the redaction salt is readable or writable by others (mode ${mode.toString(8)}), so the hashes could be reversed; run \`chmod 600 ${file}\``,
      );
    }
    chmodSync(file, 0o600);
    expect(resolveSalt()).toBe("s3cret");
    chmodSync(file, 0o400); // stricter is fine
    expect(resolveSalt()).toBe("s3cret");
  });

  it("a folder or a FIFO in its place is refused without reading it (a FIFO would block)", () => {
    mkdirSync(file);
    expect(refusal(() => resolveSalt()).message).toMatch(/the redaction salt is not a regular file; delete it/);
    const other = join(process.env.XDG_CONFIG_HOME!, "other");
    process.env.XDG_CONFIG_HOME = other;
    mkdirSync(join(saltFile(), ".."), { recursive: true });
    expect(spawnSync("mkfifo", ["-m", "600", saltFile()]).status).toBe(0);
    expect(refusal(() => resolveSalt()).message).toMatch(/the redaction salt is not a regular file/);
  });

  it("hashes depend on the salt: same salt, same hash; another salt, another hash", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string(), (s1, s2, title) => {
        fc.pre(s1 !== s2);
        expect(makeRedactor(s1).title(title)).toBe(makeRedactor(s1).title(title));
        expect(makeRedactor(s1).title(title)).not.toBe(makeRedactor(s2).title(title));
      }),
    );
  });
});
