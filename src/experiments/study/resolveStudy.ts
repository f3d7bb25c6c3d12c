/**
 * From a checked study file to what a run uses: under `quick`, each `quick` overlay
 * replaces the parameters it names; "{seed}" in a catalog source becomes the seed;
 * catalog ids and labels are filled in; schemes are put in canonical form; every
 * reference (a catalog id, a scheme, a width, a target) is checked, so a mistake stops
 * the run before anything is read. E.g. with `"quick": true`,
 *
 *   { "source": "synthetic:video-library?titles=20000&seed={seed}", "quick": { "source": "…titles=5000…" } }
 *
 * resolves to `{ id: "synthetic", label: <source>, source: "synthetic:video-library?titles=5000&seed=1" }`.
 */
import { basename, extname } from "node:path";
import { UserError } from "../../base/errors.js";
import { formatScheme } from "../../schemes/format.js";
import { parseScheme } from "../../schemes/parse.js";
import { parseSyntheticUri } from "../../sources/synthetic/synthetic.js";
import { sweepSchemes } from "../sweep.js";
import { parseTarget } from "../tune/target.js";
import { ARTIFACT_IDS, ARTIFACT_PARAMETERS } from "./schema.js";
import type { ArtifactParams, ResolvedCatalog, ResolvedStudy, StudyArtifact, StudyCatalog, StudyFile } from "./types.js";

export const DEFAULT_SEED = 1;

/** A catalog's id when the study gives none: the dataset name, the file's stem, or "synthetic". */
export function defaultCatalogId(source: string): string {
  if (source.startsWith("synthetic:")) return "synthetic";
  const stem = basename(source, extname(source)).replace(/\.(csv|tsv|json|ndjson)$/i, "");
  return stem.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[^A-Za-z0-9]+/, "") || "catalog";
}

/** `value` with its `quick` overlay applied (under quick) and the overlay removed. */
function overlay<T extends { quick?: object }>(value: T, quick: boolean): Omit<T, "quick"> {
  const { quick: q, ...rest } = value;
  return quick && q ? { ...rest, ...q } : rest;
}

/** A mistake at a JSON path of the study, one line. */
function at(where: string, path: string, what: string): UserError {
  return new UserError(`${where}: ${path}: ${what}`);
}

/** Re-throws a library's UserError (a bad scheme, width, target) prefixed with the JSON path. */
function check<T>(where: string, path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof UserError) throw at(where, path, e.message.split("\n")[0]);
    throw e;
  }
}

function resolveCatalogs(file: StudyFile, seed: number, quick: boolean, where: string): ResolvedCatalog[] {
  const seen = new Set<string>();
  return file.catalogs.map((c: StudyCatalog, i) => {
    const v = overlay(c, quick);
    const source = v.source.replaceAll("{seed}", String(seed));
    if (source.startsWith("synthetic:")) check(where, `/catalogs/${i}/source`, () => parseSyntheticUri(source));
    const id = c.id ?? defaultCatalogId(v.source);
    if (seen.has(id)) throw at(where, `/catalogs/${i}`, `catalog id "${id}" is used twice; give each catalog its own "id"`);
    seen.add(id);
    return { id, label: v.label ?? source, source, ...(v.map ? { map: v.map } : {}), ...(v.note ? { note: v.note } : {}) };
  });
}

/** The artifacts whose parameters include a catalog selection (all the study's catalogs when absent). */
const WITH_CATALOGS = ARTIFACT_IDS.filter((id) => "catalogs" in ARTIFACT_PARAMETERS[id]);

const canonical = (s: string) => formatScheme(parseScheme(s));

/** Checks and canonical forms of one artifact's parameters (after the overlay). */
function resolveArtifact(id: string, raw: Record<string, unknown>, ids: string[], where: string): Record<string, unknown> {
  const base = `/artifacts/${id}`;
  const p: Record<string, unknown> = { ...raw };
  if (WITH_CATALOGS.includes(id)) {
    const list = (raw.catalogs as string[] | undefined) ?? ids;
    list.forEach((c, i) => {
      if (!ids.includes(c)) throw at(where, `${base}/catalogs/${i}`, `no catalog "${c}" in the study; catalogs: ${ids.join(", ")}`);
    });
    p.catalogs = list;
  }
  for (const key of ["schemes", "syntheticSchemes", "realSchemes", "serverSchemes"]) {
    const list = raw[key] as string[] | undefined;
    if (list) p[key] = list.map((s, i) => check(where, `${base}/${key}/${i}`, () => canonical(s)));
  }
  if (id === "F1") {
    const f = raw as unknown as ArtifactParams["F1"];
    check(where, `${base}/widths`, () => sweepSchemes({ duration: f.widths }));
    check(where, `${base}/bitrates`, () => sweepSchemes({ bitrate: f.bitrates }));
    check(where, `${base}/resolutions`, () => sweepSchemes({ resolution: f.resolutions }));
  }
  if (id === "T2") {
    const t = raw as unknown as ArtifactParams["T2"];
    check(where, `${base}/widths`, () => sweepSchemes({ duration: t.widths }));
    check(where, `${base}/bitrates`, () => sweepSchemes({ bitrate: t.bitrates }));
  }
  if (id === "F6") check(where, `${base}/target`, () => parseTarget(raw.target as string));
  if (id === "T4") (raw.targets as string[]).forEach((t, i) => check(where, `${base}/targets/${i}`, () => parseTarget(t)));
  if (id === "T3") {
    (raw.rows as { catalog: string }[]).forEach((r, i) => {
      if (!ids.includes(r.catalog)) throw at(where, `${base}/rows/${i}/catalog`, `no catalog "${r.catalog}" in the study; catalogs: ${ids.join(", ")}`);
    });
  }
  if (id === "F3") {
    const f = p as unknown as ArtifactParams["F3"];
    for (const [i, panel] of f.panels.entries()) {
      if (!f.plays.some((k) => k > panel.wrongPlays)) throw at(where, `${base}/panels/${i}`, `with ${panel.wrongPlays} wrong plays no number of plays in "plays" is large enough (k must exceed the wrong plays)`);
    }
  }
  if (id === "F4" && (p.schemes as string[]).length !== 2) throw at(where, `${base}/schemes`, "must hold exactly 2 schemes (the finer one first)");
  if (id === "T3" && (p.schemes as string[]).length < 2) throw at(where, `${base}/schemes`, "must hold at least 2 schemes (fine, Plex-like, coarse)");
  for (const key of ["sizes", "servers"]) {
    const list = p[key] as number[] | undefined;
    if (list && list.some((v, i) => i > 0 && v <= list[i - 1])) throw at(where, `${base}/${key}`, "must be ascending");
  }
  return p;
}


/**
 * The study a run uses. `only` (artifact ids, any case) narrows the artifacts; an id the
 * study does not build is a usage error.
 */
export function resolveStudy(file: StudyFile, options: { where?: string; only?: string[] } = {}): ResolvedStudy {
  const where = options.where ?? "study";
  const seed = file.seed ?? DEFAULT_SEED;
  const quick = file.quick ?? false;
  const catalogs = resolveCatalogs(file, seed, quick, where);
  const ids = catalogs.map((c) => c.id);
  const servers = overlay(file.servers, quick);
  if (!ids.includes(servers.catalog)) throw at(where, "/servers/catalog", `no catalog "${servers.catalog}" in the study; catalogs: ${ids.join(", ")}`);
  const present = ARTIFACT_IDS.filter((id) => id in file.artifacts);
  let chosen = present;
  if (options.only && options.only.length > 0) {
    const wanted = options.only.map((s) => s.trim().toUpperCase()).filter(Boolean);
    const unknown = wanted.filter((id) => !present.includes(id));
    if (unknown.length > 0) throw new UserError(`\`only\`: unknown ${unknown.join(", ")} (known: ${present.join(", ")})`);
    chosen = present.filter((id) => wanted.includes(id));
  }
  const artifacts: Record<string, unknown> = {};
  for (const id of chosen) artifacts[id] = resolveArtifact(id, overlay(file.artifacts[id] as StudyArtifact, quick), ids, where);
  const { lock: _lock, ...rest } = file;
  const resolvedFile: StudyFile = {
    ...rest,
    seed,
    quick,
    artifacts: Object.fromEntries(chosen.map((id) => [id, file.artifacts[id]])),
  };
  return { name: file.name ?? "study", seed, quick, catalogs, servers: { catalog: servers.catalog, count: servers.count }, artifacts: artifacts as Partial<ArtifactParams>, file: resolvedFile, ...(file.lock ? { lockRead: file.lock } : {}) };
}
