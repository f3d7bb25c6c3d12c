/**
 * Scheme types: a scheme assigns one generalizer to each attribute it observes;
 * attributes it does not name are not observed at all. The generalizers themselves
 * live in generalizers/, one file each, listed in generalizers/registry.ts.
 */
import type { NumericField, TextField } from "../catalog/catalog.js";
import type { Generalizer } from "./generalizers/registry.js";

export type { Generalizer, GeneralizerKind, GeomGeneralizer, RRoundGeneralizer } from "./generalizers/registry.js";

/**
 * Observable attributes, in canonical order (parsing sorts parts into it; printing
 * follows it). The index is also a randomized generalizer's noise stream, so new
 * attributes go at the end.
 */
export const ATTRIBUTES = ["duration", "bitrate", "resolution", "fps", "size", "codec", "container"] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** Attributes with one numeric value per item. */
export type ScalarAttribute = "duration" | "bitrate" | "fps" | "size";
/** Attributes with one text value per item (a codec name, a container format), keyed as categories. */
export type TextAttribute = "codec" | "container";

/**
 * What an attribute's value is: a number, a pair of pixel dimensions, or a category
 * name. It decides which keys a generalizer must provide for it (`scalarKeys`,
 * `pairKeys`, `textKeys`).
 */
export const ATTRIBUTE_SHAPE: Record<Attribute, "scalar" | "pair" | "text"> = {
  duration: "scalar",
  bitrate: "scalar",
  resolution: "pair",
  fps: "scalar",
  size: "scalar",
  codec: "text",
  container: "text",
};

export function isScalarAttribute(a: Attribute): a is ScalarAttribute {
  return ATTRIBUTE_SHAPE[a] === "scalar";
}

export function isTextAttribute(a: Attribute): a is TextAttribute {
  return ATTRIBUTE_SHAPE[a] === "text";
}

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

/** The numeric column behind each scalar attribute. */
export const SCALAR_FIELD: Record<ScalarAttribute, NumericField> = {
  duration: "duration_ms",
  bitrate: "bitrate_kbps",
  fps: "fps",
  size: "size_bytes",
};

/** The text column behind each text attribute (Catalog.text). */
export const TEXT_FIELD: Record<TextAttribute, TextField> = {
  codec: "codec",
  container: "container",
};

/** Catalog columns behind each attribute. */
export const ATTRIBUTE_FIELDS: Record<Attribute, readonly (NumericField | TextField)[]> = {
  duration: [SCALAR_FIELD.duration],
  bitrate: [SCALAR_FIELD.bitrate],
  resolution: ["width", "height"],
  fps: [SCALAR_FIELD.fps],
  size: [SCALAR_FIELD.size],
  codec: [TEXT_FIELD.codec],
  container: [TEXT_FIELD.container],
};
