/**
 * `--set key=value`: one parameter of a study changed from the command line, checked
 * against the study's schema before anything runs.
 *
 * Keys:
 * - `seed`, `quick`, `name`: the study's own fields;
 * - `catalogs`: the study's catalogs, as comma-separated sources (registry names, paths,
 *   synthetic URIs); ids come from the sources, and every catalog selection that named
 *   the old ones (artifact `catalogs`, T3's `rows`, `servers.catalog`) falls back to all
 *   of the new catalogs (T3: one "same" row each; servers: the first);
 * - `servers.count`, `servers.catalog`;
 * - `F2.plays` (an artifact's parameter; deeper with more dots: `T3.scoreboard.plays`);
 * - `plays` (no artifact named): that parameter of every selected artifact that has it
 *   and whose type the value fits (`plays=1..8` sets F2's and F3's lists, not F4's one number).
 *
 * Values, by the type the schema expects there: numbers; `true`/`false`; lists
 * comma-separated, except lists of schemes, separated by `;` (a scheme holds commas);
 * whole-number lists also as a range `1..8`; anything as JSON when it starts with `[`,
 * `{` or `"`. E.g. `--set plays=1..8`, `--set "F2.schemes=duration=round(1s);duration=round(1min)"`.
 * An override replaces the parameter in full runs and quick runs alike.
 */
import { UserError } from "../../base/errors.js";
import { parseStudy } from "./readStudy.js";
import { defaultCatalogId } from "./resolveStudy.js";
import { ARTIFACT_IDS, ARTIFACT_PARAMETERS, STUDY_SCHEMA } from "./schema.js";
import type { StudyArtifact, StudyFile } from "./types.js";

type Schema = Record<string, unknown>;

const SPLIT_RANGE = /^(\d+)\.\.(\d+)$/;

function schemaAt(path: string[]): Schema | undefined {
  let s: Schema | undefined = STUDY_SCHEMA;
  for (const key of path) {
    const props = s?.properties as Record<string, Schema> | undefined;
    s = props?.[key];
  }
  return s;
}

/** The value of `raw` as the schema at that place expects it. */
export function parseOverrideValue(raw: string, schema: Schema, key: string): unknown {
  const fail = (what: string) => new UserError(`--set ${key}=${raw}: expected ${what}`);
  const trimmed = raw.trim();
  if (/^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch (e) {
      throw fail(`JSON (${(e as Error).message})`);
    }
  }
  const type = schema.type;
  const number = (s: string, what: string) => {
    const n = Number(s.trim());
    if (s.trim() === "" || !Number.isFinite(n)) throw fail(what);
    return n;
  };
  if (type === "integer" || type === "number") return number(trimmed, type === "integer" ? "a whole number" : "a number");
  if (type === "boolean") {
    if (trimmed === "true" || trimmed === "false") return trimmed === "true";
    throw fail("true or false");
  }
  if (type === "array") {
    const items = (schema.items ?? {}) as Schema;
    if (items.type === "integer" || items.type === "number") {
      const range = SPLIT_RANGE.exec(trimmed);
      if (range && items.type === "integer") {
        const [from, to] = [Number(range[1]), Number(range[2])];
        if (to < from) throw fail(`a range from low to high, e.g. 1..8`);
        return Array.from({ length: to - from + 1 }, (_, i) => from + i);
      }
      return trimmed.split(",").map((s) => number(s, `comma-separated numbers or a range such as 1..8`));
    }
    if (items.type === "string") return trimmed.split(/^.*chemes$/.test(key) ? ";" : ",").map((s) => s.trim());
    throw fail("JSON (this parameter holds objects)");
  }
  if (type === "object") throw fail("JSON (this parameter is an object)");
  return raw;
}

function setCatalogs(study: StudyFile, sources: string[]): void {
  study.catalogs = sources.map((source) => ({ source }));
  const ids = sources.map(defaultCatalogId);
  for (const a of Object.values(study.artifacts)) {
    delete a.catalogs;
    if (a.quick) delete a.quick.catalogs;
  }
  const t3 = study.artifacts.T3;
  if (t3) {
    t3.rows = ids.map((catalog) => ({ catalog, attacker: "same" }));
    if (t3.quick) delete t3.quick.rows;
  }
  if (!ids.includes(study.servers.catalog)) study.servers.catalog = ids[0];
  if (study.servers.quick?.catalog && !ids.includes(study.servers.quick.catalog)) delete study.servers.quick.catalog;
}

/** Puts `value` at `path` below `target`, creating nothing but the last key; drops the same key from a `quick` overlay. */
function put(target: Record<string, unknown>, path: string[], value: unknown, text: string): void {
  let o = target;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== "object" || o[k] === null) throw new UserError(`--set ${text}: the study has no "${k}" here`);
    o = o[k] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  o[last] = value;
  const quick = o.quick;
  if (quick && typeof quick === "object" && last in quick) delete (quick as Record<string, unknown>)[last];
}

/**
 * `study` with the `key=value` overrides applied in order (the input is not changed);
 * `only` narrows which artifacts a parameter without an artifact id applies to.
 */
export function applyOverrides(study: StudyFile, sets: readonly string[], only?: readonly string[]): StudyFile {
  const out = structuredClone(study);
  const selected = ARTIFACT_IDS.filter((id) => id in out.artifacts && (!only || only.length === 0 || only.some((o) => o.trim().toUpperCase() === id)));
  for (const text of sets) {
    const eq = text.indexOf("=");
    if (eq <= 0) throw new UserError(`--set ${text}: expected key=value, e.g. --set plays=1..8 or --set F2.targets=500`);
    const key = text.slice(0, eq).trim();
    const raw = text.slice(eq + 1);
    const path = key.split(".");
    if (path[0] === "catalogs" && path.length === 1) {
      const sources = raw.split(",").map((s) => s.trim());
      if (sources.some((s) => s === "")) throw new UserError(`--set ${text}: expected comma-separated catalog sources, e.g. catalogs=chinook-tracks,my.csv`);
      setCatalogs(out, sources);
    } else if (path[0] === "seed" || path[0] === "quick" || path[0] === "name" || path[0] === "servers") {
      const schema = schemaAt(path);
      if (!schema || path.length > 2) throw new UserError(`--set ${text}: unknown key "${key}"; see \`fprisk experiments schema\``);
      put(out as unknown as Record<string, unknown>, path, parseOverrideValue(raw, schema, key), text);
    } else if (ARTIFACT_IDS.includes(path[0].toUpperCase()) && path.length > 1) {
      const id = path[0].toUpperCase();
      const artifact = out.artifacts[id];
      if (!artifact) throw new UserError(`--set ${text}: the study does not build ${id} (it builds ${Object.keys(out.artifacts).join(", ")})`);
      const schema = schemaAt(["artifacts", id, ...path.slice(1)]);
      if (!schema) throw new UserError(`--set ${text}: ${id} has no parameter "${path.slice(1).join(".")}"; its parameters: ${Object.keys(ARTIFACT_PARAMETERS[id]).join(", ")}`);
      put(artifact as Record<string, unknown>, path.slice(1), parseOverrideValue(raw, schema, path[path.length - 1]), text);
    } else {
      const owners = selected.filter((id) => path[0] in ARTIFACT_PARAMETERS[id]);
      if (owners.length === 0) {
        const known = [...new Set(selected.flatMap((id) => Object.keys(ARTIFACT_PARAMETERS[id])))].sort();
        throw new UserError(`--set ${text}: no artifact of the run has a parameter "${path[0]}"; keys: seed, quick, name, catalogs, servers.count, servers.catalog, <artifact>.<parameter>, or one of ${known.join(", ")}`);
      }
      // e.g. plays=1..8: F2's and F3's plays are lists, F4's one number: set where the value fits
      let firstError: unknown;
      let applied = 0;
      for (const id of owners) {
        const schema = schemaAt(["artifacts", id, ...path]);
        if (!schema) throw new UserError(`--set ${text}: ${id}'s "${path[0]}" has no "${path.slice(1).join(".")}"`);
        let value: unknown;
        try {
          value = parseOverrideValue(raw, schema, path[path.length - 1]);
        } catch (e) {
          firstError ??= e;
          continue;
        }
        put(out.artifacts[id] as StudyArtifact as Record<string, unknown>, path, value, text);
        applied++;
      }
      if (applied === 0) throw firstError;
    }
    parseStudy(out, `--set ${text}`);
  }
  return out;
}
