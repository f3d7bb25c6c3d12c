/**
 * Scheme types: a scheme assigns one generalizer to each attribute it observes;
 * attributes it does not name are not observed at all. The generalizers themselves
 * live in generalizers/, one file each, listed in generalizers/registry.ts.
 */
import type { NumericField } from "../catalog/catalog.js";
import type { Generalizer } from "./generalizers/registry.js";

export type { Generalizer, GeneralizerKind, GeomGeneralizer, RRoundGeneralizer } from "./generalizers/registry.js";

/**
 * Observable attributes, in canonical order (parsing sorts parts into it; printing
 * follows it). The index is also a randomized generalizer's noise stream, so new
 * attributes go at the end.
 */
export const ATTRIBUTES = ["duration", "bitrate", "resolution", "fps", "size"] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/**
 * Noise memoization. `memo`: every report of an item carries the same noise (the report
 * index is ignored), so averaging repeated plays learns nothing new — the default,
 * because it is the safe choice (RAPPOR's "permanent" randomized response).
 * `fresh`: each report draws new noise, which a repeat-play averaging attack removes.
 */
export type NoiseMode = "memo" | "fresh";

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
