/**
 * Reading a study file: JSON, then the JSON Schema (ajv), each mistake reported on one
 * line naming the JSON path and what was expected, e.g.
 *
 *   my.json: /artifacts/F2/plays/0: must be integer
 *   my.json: /artifacts/F2: unknown parameter "play"; known: schemes, plays, targets, quick
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Ajv2020 as Ajv2020Class } from "ajv/dist/2020.js";
import { UserError } from "../../base/errors.js";
import { packageRoot } from "../../sources/registry/dataDir.js";
import { STUDY_SCHEMA } from "./schema.js";
import type { StudyFile } from "./types.js";

let validator: ValidateFunction | undefined;

function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    // Required here, not imported at the top: ajv takes ~0.15 s to load, which every
    // other command would pay at start-up.
    const { Ajv2020 } = createRequire(import.meta.url)("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020Class };
    const ajv = new Ajv2020({ allErrors: false, strict: true, verbose: true });
    validator = ajv.compile(STUDY_SCHEMA);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** One line for one ajv error: the instance path, then what was expected there. */
export function schemaErrorText(e: ErrorObject): string {
  const path = e.instancePath || "/";
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const known = Object.keys(((e.parentSchema as Record<string, unknown>)?.properties as Record<string, unknown>) ?? {});
      return `${path}: unknown key "${String(p.additionalProperty)}"; known: ${known.join(", ")}`;
    }
    case "required":
      return `${path}: missing "${String(p.missingProperty)}"`;
    case "enum":
      return `${path}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "type":
      return `${path}: must be ${Array.isArray(p.type) ? p.type.join(" or ") : String(p.type)}`;
    default:
      return `${path}: ${e.message ?? e.keyword}`;
  }
}

/** A parsed study value checked against the schema; `where` names it in messages (a file name). */
export function parseStudy(value: unknown, where: string): StudyFile {
  const errors = validate(value);
  if (errors.length > 0) throw new UserError(`${where}: ${schemaErrorText(errors[0])}`);
  return value as StudyFile;
}

/** A study file from disk, checked. */
export function readStudyFile(path: string): StudyFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read the study file (${code === "ENOENT" ? "no such file" : code ?? String(e)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${path}: not JSON (${(e as Error).message})`);
  }
  return parseStudy(value, path);
}

/** The committed study of the paper: experiments/paper.json in the package. */
export function paperStudyPath(): string {
  return join(packageRoot(), "experiments", "paper.json");
}

export function paperStudyFile(): StudyFile {
  return readStudyFile(paperStudyPath());
}
