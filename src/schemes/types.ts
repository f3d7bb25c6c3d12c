/**
 * Scheme types: a scheme assigns one generalizer to each attribute it observes;
 * attributes it does not name are not observed at all.
 */
import type { NumericField } from "../catalog/catalog.js";

/** Observable attributes, in canonical order (parsing sorts parts into it; printing follows it). */
export const ATTRIBUTES = ["duration", "bitrate", "resolution", "fps", "size"] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** Widths are in internal units: ms, kbps, px, fps, bytes. */
export type Generalizer =
  | { kind: "exact" }
  | { kind: "round"; width: number }
  | { kind: "floor"; width: number }
  | { kind: "sig"; digits: number }
  | { kind: "log"; percent: number }
  | { kind: "quantile"; k: number }
  | { kind: "ladder"; thresholds: number[] }
  | { kind: "class" }
  | { kind: "height" }
  | GeomGeneralizer
  | RRoundGeneralizer;

/**
 * Noise memoization. `memo`: every report of an item carries the same noise (the report
 * index is ignored), so averaging repeated plays learns nothing new — the default,
 * because it is the safe choice (RAPPOR's "permanent" randomized response).
 * `fresh`: each report draws new noise, which a repeat-play averaging attack removes.
 */
export type NoiseMode = "memo" | "fresh";

/**
 * Two-sided geometric noise (discrete Laplace, Ghosh–Roughgarden–Sundararajan 2009) on
 * the integer grid of step `width`: the key is round(x / width) + Z with
 * P(Z = z) ∝ α^|z|, α = exp(−1 / scale). `scale` counts grid steps; the mechanism is
 * ε = 1/scale per step of metric DP (d_X-privacy). Keys are pure functions of
 * (seed, attribute, item, report) — see noise.ts.
 */
export interface GeomGeneralizer {
  kind: "geom";
  width: number;
  scale: number;
  seed: number;
  mode: NoiseMode;
}

/**
 * Randomized rounding (dithering): x goes down to floor(x / width)·width or up one step,
 * up with probability frac(x / width), so the reported value is unbiased: E = x.
 */
export interface RRoundGeneralizer {
  kind: "rround";
  width: number;
  seed: number;
  mode: NoiseMode;
}

export type RandomizedGeneralizer = GeomGeneralizer | RRoundGeneralizer;

export type GeneralizerKind = Generalizer["kind"];

/** Kinds whose keys depend on a seed, the item and the report index, not on the value alone. */
export const RANDOMIZED_KINDS: readonly GeneralizerKind[] = ["geom", "rround"];

export function isRandomized(g: Generalizer): g is RandomizedGeneralizer {
  return g.kind === "geom" || g.kind === "rround";
}

export interface SchemePart {
  attribute: Attribute;
  generalizer: Generalizer;
}

/** Parts sorted in ATTRIBUTES order, each attribute at most once; no parts = nothing observed ("none"). */
export interface Scheme {
  parts: SchemePart[];
}

/** Catalog columns behind each attribute. */
export const ATTRIBUTE_FIELDS: Record<Attribute, readonly NumericField[]> = {
  duration: ["duration_ms"],
  bitrate: ["bitrate_kbps"],
  resolution: ["width", "height"],
  fps: ["fps"],
  size: ["size_bytes"],
};

const SCALAR_GENERALIZERS = ["exact", "round", "floor", "sig", "log", "quantile", "ladder", "geom", "rround"] as const;

/**
 * Generalizers each attribute accepts. Resolution is a pair, so only the ones that make
 * sense for a pair: the pair itself, per-dimension round/floor, its class, its height.
 * Noise is scalar: geom/rround are refused for resolution (noise on a pair of pixel
 * counts would report frame sizes no encoder produces).
 */
export const ALLOWED_GENERALIZERS: Record<Attribute, readonly GeneralizerKind[]> = {
  duration: SCALAR_GENERALIZERS,
  bitrate: SCALAR_GENERALIZERS,
  fps: SCALAR_GENERALIZERS,
  size: SCALAR_GENERALIZERS,
  resolution: ["exact", "round", "floor", "class", "height"],
};
