/**
 * The catalogs of a study, loaded once per source: in the paper's study
 * (experiments/paper.json) two real per-file catalogs (Chinook's iTunes library,
 * Spotify's ms durations), the seeded synthetic release library, and a minute-level
 * runtime catalog (IMDb) to show how runtime catalogs understate risk; and the
 * synthetic servers of the library attacks, drawn from one of them.
 */
import type { Libraries } from "../../attacks/libraries.js";
import type { Catalog } from "../../catalog/catalog.js";
import { drawLibraries } from "../../attacks/libraries.js";
import { loadCatalog } from "../../sources/loadCatalog.js";
import { paperStudyFile } from "../study/readStudy.js";
import { resolveStudy } from "../study/resolveStudy.js";
import type { ArtifactId, ArtifactParams, ResolvedCatalog, ResolvedStudy } from "../study/types.js";
import type { ReproduceConfig } from "./types.js";

export interface PaperCatalog extends ResolvedCatalog {
  catalog: Catalog;
}

const studies = new Map<string, ResolvedStudy>();

/** The study a config runs: its own, or the paper's at the config's seed and size. */
export function studyOf(config: ReproduceConfig): ResolvedStudy {
  if (config.study) return config.study;
  const key = `${config.quick}|${config.seed}`;
  let s = studies.get(key);
  if (!s) {
    s = resolveStudy({ ...paperStudyFile(), quick: config.quick, seed: config.seed }, { where: "experiments/paper.json" });
    studies.set(key, s);
  }
  return s;
}

/** One artifact's parameters in the config's study. */
export function paramsOf<K extends ArtifactId>(config: ReproduceConfig, id: K): ArtifactParams[K] {
  const p = studyOf(config).artifacts[id];
  if (!p) throw new Error(`the study has no parameters for ${id}`);
  return p as ArtifactParams[K];
}

/** The source of the catalog the servers are drawn from (the paper: the synthetic release library). */
export function syntheticSource(config: ReproduceConfig): string {
  const s = studyOf(config);
  return s.catalogs.find((c) => c.id === s.servers.catalog)!.source;
}

const cache = new Map<string, Catalog>();

export async function loadCached(source: string, map?: string): Promise<Catalog> {
  const key = `${source}\u0000${map ?? ""}`;
  let c = cache.get(key);
  if (!c) {
    c = await loadCatalog(source, map ? { map } : {});
    cache.set(key, c);
  }
  return c;
}

/** The study's catalogs named by `ids` (all of them when absent), in that order, loaded. */
export async function paperCatalogs(config: ReproduceConfig, ids?: readonly string[]): Promise<PaperCatalog[]> {
  const all = studyOf(config).catalogs;
  const list = ids ? ids.map((id) => all.find((c) => c.id === id)!) : all;
  const out: PaperCatalog[] = [];
  for (const c of list) out.push({ ...c, catalog: await loadCached(c.source, c.map) });
  return out;
}

/** The synthetic servers of F2–F5 and T3: libraries drawn from the study's server catalog. */
export interface PaperServers {
  source: string;
  label: string;
  catalog: Catalog;
  libraries: Libraries;
  count: number;
}

const servers = new Map<string, PaperServers>();

/** `count` servers drawn from one catalog with the seed, drawn once per run. */
export async function serversFrom(c: ResolvedCatalog, count: number, seed: number): Promise<PaperServers> {
  const key = `${c.source}|${c.map ?? ""}|${count}|${seed}`;
  let s = servers.get(key);
  if (!s) {
    const catalog = await loadCached(c.source, c.map);
    s = { source: c.source, label: c.label, catalog, libraries: drawLibraries(catalog, { count, seed }), count };
    servers.set(key, s);
  }
  return s;
}

export async function paperServers(config: ReproduceConfig): Promise<PaperServers> {
  const s = studyOf(config);
  return serversFrom(s.catalogs.find((c) => c.id === s.servers.catalog)!, s.servers.count, s.seed);
}
