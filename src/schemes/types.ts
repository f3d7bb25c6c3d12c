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
  | { kind: "height" };

export type GeneralizerKind = Generalizer["kind"];

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

const SCALAR_GENERALIZERS = ["exact", "round", "floor", "sig", "log", "quantile", "ladder"] as const;

/**
 * Generalizers each attribute accepts. Resolution is a pair, so only the ones that make
 * sense for a pair: the pair itself, per-dimension round/floor, its class, its height.
 */
export const ALLOWED_GENERALIZERS: Record<Attribute, readonly GeneralizerKind[]> = {
  duration: SCALAR_GENERALIZERS,
  bitrate: SCALAR_GENERALIZERS,
  fps: SCALAR_GENERALIZERS,
  size: SCALAR_GENERALIZERS,
  resolution: ["exact", "round", "floor", "class", "height"],
};
