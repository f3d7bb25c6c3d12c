/**
 * The catalogs of the study, loaded once per run: two real per-file catalogs
 * (Chinook's iTunes library, Spotify's ms durations), the seeded synthetic release
 * library, and a minute-level runtime catalog (IMDb) to show how runtime catalogs
 * understate risk.
 */
import type { Libraries } from "../../attacks/libraries.js";
import type { Catalog } from "../../catalog/catalog.js";
import { drawLibraries } from "../../attacks/libraries.js";
import { loadCatalog } from "../../sources/loadCatalog.js";
import type { ReproduceConfig } from "./types.js";

export interface PaperCatalog {
  /** Panel label. */
  label: string;
  /** What `loadCatalog` was given (a registry name or a synthetic URI). */
  source: string;
  catalog: Catalog;
}

/** Synthetic titles: the full run uses the `npm start` default; quick runs a quarter of it. */
export function syntheticSource(config: ReproduceConfig): string {
  return `synthetic:video-library?titles=${config.quick ? 5000 : 20000}&seed=${config.seed}`;
}

const cache = new Map<string, Catalog>();

export async function loadCached(source: string): Promise<Catalog> {
  let c = cache.get(source);
  if (!c) {
    c = await loadCatalog(source);
    cache.set(source, c);
  }
  return c;
}

export async function paperCatalogs(config: ReproduceConfig): Promise<PaperCatalog[]> {
  const list = [
    { label: "Chinook (iTunes files)", source: "chinook-tracks" },
    { label: "Spotify (ms durations)", source: "spotify-popularity-2024" },
    { label: "Synthetic video releases", source: syntheticSource(config) },
    { label: "IMDb (runtimes in minutes)", source: "imdb-ggplot2movies" },
  ];
  const out: PaperCatalog[] = [];
  for (const c of list) out.push({ ...c, catalog: await loadCached(c.source) });
  return out;
}

/** The synthetic servers of F2–F4: libraries drawn from the synthetic release catalog. */
export interface PaperServers {
  source: string;
  catalog: Catalog;
  libraries: Libraries;
  count: number;
}

const servers = new Map<string, PaperServers>();

export async function paperServers(config: ReproduceConfig): Promise<PaperServers> {
  const source = syntheticSource(config);
  const count = config.quick ? 2000 : 10_000;
  const key = `${source}|${count}`;
  let s = servers.get(key);
  if (!s) {
    const catalog = await loadCached(source);
    s = { source, catalog, libraries: drawLibraries(catalog, { count, seed: config.seed }), count };
    servers.set(key, s);
  }
  return s;
}
