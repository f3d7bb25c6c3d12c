/**
 * Redacting a user's own library in reports: titles and file paths become stable
 * salted hashes. Stable, so two reports on the same machine can be compared item
 * by item; salted, so nobody can recover a title by hashing a list of film names.
 *
 * The salt comes from `--salt`, else FPRISK_SALT, else a random salt created once
 * in fprisk's config folder ($XDG_CONFIG_HOME/fprisk/redaction-salt, or
 * ~/.config/fprisk/redaction-salt), readable by its owner only. resolveSalt
 * refuses salts that would not protect (see there).
 */
import { createHash, randomBytes } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, extname, join } from "node:path";
import { UserError } from "./errors.js";

export type Redactor = {
  title(name: string): string;
  /** A path as `<hash><ext>`: file names carry titles, the extension does not. */
  path(path: string): string;
};

/** Salted SHA-256 of the text, 12 hex digits (48 bits: collisions are negligible in one library). */
function saltedHash(salt: string, kind: string, text: string): string {
  return createHash("sha256").update(salt).update("\0").update(kind).update("\0").update(text).digest("hex").slice(0, 12);
}

export function makeRedactor(salt: string): Redactor {
  return {
    title: (name) => `title-${saltedHash(salt, "title", name)}`,
    path: (path) => {
      const ext = extname(path);
      return `file-${saltedHash(salt, "path", path)}${/^\.[A-Za-z0-9]{1,5}$/.test(ext) ? ext : ""}`;
    },
  };
}

export function saltFile(): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "fprisk", "redaction-salt");
}

/**
 * The salt to use: explicit, FPRISK_SALT, or the per-user salt file (created on first
 * use). A salt that protects nothing is refused rather than used: blank (the hashes
 * could be reversed by hashing a list of titles), or kept where others can read it.
 * The salt file must be a regular file (a symlink to one is fine) of mode 0600 or
 * stricter; the error says the fix (`chmod 600 <file>`, or delete it for a new one).
 */
export function resolveSalt(explicit?: string): string {
  if (explicit !== undefined) {
    if (explicit.trim() === "") throw new UserError("--salt must not be empty or blank");
    return explicit;
  }
  const env = process.env.FPRISK_SALT;
  if (env !== undefined && env !== "") {
    if (env.trim() === "") throw new UserError("FPRISK_SALT is blank: set it to a secret, or unset it to use the per-user salt file");
    return env;
  }
  const file = saltFile();
  const existing = readSaltFile(file);
  if (existing !== undefined) return existing;
  const salt = randomBytes(24).toString("hex");
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // "wx": if another run created it meanwhile, keep theirs.
    writeFileSync(file, salt + "\n", { mode: 0o600, flag: "wx" });
    return salt;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      const theirs = readSaltFile(file);
      if (theirs !== undefined) return theirs;
    }
    throw new UserError(`${file}: cannot create the redaction salt (${(e as Error).message}); pass --salt or set FPRISK_SALT`);
  }
}

/** The salt in `file`, undefined when there is no file (nor link) there; refuses a salt that would not protect. */
function readSaltFile(file: string): string | undefined {
  let info;
  try {
    info = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw new UserError(`${file}: cannot read the redaction salt: ${(e as Error).message}`);
    let link: string | undefined;
    try {
      link = lstatSync(file).isSymbolicLink() ? readlinkSync(file) : undefined;
    } catch {
      return undefined; // nothing there at all: a salt will be created
    }
    if (link === undefined) return undefined;
    throw new UserError(`${file}: the redaction salt is a symlink to ${link}, which does not exist; restore that file, or delete the link to have a new salt created`);
  }
  if (!info.isFile()) throw new UserError(`${file}: the redaction salt is not a regular file; delete it to have a new salt created, or pass --salt / set FPRISK_SALT`);
  if (process.platform !== "win32" && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, "0");
    throw new UserError(`${file}: the redaction salt is readable or writable by others (mode ${mode}), so the hashes could be reversed; run \`chmod 600 ${file}\``);
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UserError(`${file}: cannot read the redaction salt: ${(e as Error).message}`);
  }
  const salt = text.trim();
  if (salt === "") throw new UserError(`${file}: the redaction salt is empty; delete the file to have a new salt created, or write a secret into it`);
  return salt;
}
