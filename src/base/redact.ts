/**
 * Redacting a user's own library in reports: titles and file paths become stable
 * salted hashes. Stable, so two reports on the same machine can be compared item
 * by item; salted, so nobody can recover a title by hashing a list of film names.
 *
 * The salt comes from `--salt`, else FPRISK_SALT, else a random salt created once
 * in fprisk's config folder ($XDG_CONFIG_HOME/fprisk/redaction-salt, or
 * ~/.config/fprisk/redaction-salt), readable by its owner only.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { extname, join } from "node:path";
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

/** The salt to use: explicit, FPRISK_SALT, or the per-user salt file (created on first use). */
export function resolveSalt(explicit?: string): string {
  if (explicit !== undefined) {
    if (explicit === "") throw new UserError("--salt must not be empty");
    return explicit;
  }
  if (process.env.FPRISK_SALT) return process.env.FPRISK_SALT;
  const file = saltFile();
  try {
    return readFileSync(file, "utf8").trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new UserError(`${file}: cannot read the redaction salt: ${(e as Error).message}`);
  }
  const salt = randomBytes(24).toString("hex");
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    // "wx": if another run created it meanwhile, keep theirs.
    writeFileSync(file, salt + "\n", { mode: 0o600, flag: "wx" });
    return salt;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw new UserError(`${file}: cannot create the redaction salt (${(e as Error).message}); pass --salt or set FPRISK_SALT`);
  }
}
