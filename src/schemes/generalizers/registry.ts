/**
 * Every generalizer, one entry each, in the order messages list them. Adding a
 * generalizer is one file in this folder (a `GeneralizerDef`) and one entry here; the
 * grammar, printing, keys, labels, intervals, nesting, the engine, the attacks, the
 * charts and the SQL compiler find it through `generalizerOf`.
 */
import { ATTRIBUTES, type Attribute, type NoiseMode } from "../types.js";
import { classGeneralizer } from "./class.js";
import { exact } from "./exact.js";
import { family } from "./family.js";
import { floor } from "./floor.js";
import type { GeneralizerDef } from "./generalizer.js";
import { geom } from "./geom.js";
import { height } from "./height.js";
import { ladder } from "./ladder.js";
import { log } from "./log.js";
import { quantile } from "./quantile.js";
import { round } from "./round.js";
import { rround } from "./rround.js";
import { sig } from "./sig.js";

export const GENERALIZERS = [
  exact,
  round,
  floor,
  sig,
  log,
  quantile,
  ladder,
  geom,
  rround,
  classGeneralizer,
  height,
  family,
] as const;

type ParamsOf<D> = D extends GeneralizerDef<infer G> ? G : never;

/** A generalizer with its parameters (widths in internal units: ms, kbps, px, fps, bytes). */
export type Generalizer = ParamsOf<(typeof GENERALIZERS)[number]>;
export type GeneralizerKind = Generalizer["kind"];
export type { GeomGeneralizer } from "./geom.js";
export type { RRoundGeneralizer } from "./rround.js";
/** Generalizers whose keys depend on a seed, the item and the report (noise). */
export type RandomizedGeneralizer = Extract<Generalizer, { width: number; seed: number; mode: NoiseMode }>;

const BY_KIND = new Map<string, GeneralizerDef<Generalizer>>(GENERALIZERS.map((d) => [d.kind, d as unknown as GeneralizerDef<Generalizer>]));

/** Every kind, in registry order. */
export const GENERALIZER_KINDS: readonly GeneralizerKind[] = GENERALIZERS.map((d) => d.kind);

export function isGeneralizerKind(kind: string): kind is GeneralizerKind {
  return BY_KIND.has(kind);
}

/** The definition behind a generalizer (or a kind); an unknown kind is a bug and throws. */
export function generalizerOf<G extends Generalizer>(g: G | G["kind"]): GeneralizerDef<G> {
  const kind = typeof g === "string" ? g : g.kind;
  const def = BY_KIND.get(kind);
  if (!def) throw new Error(`unknown generalizer kind "${kind}"`);
  return def as unknown as GeneralizerDef<G>;
}

/** Generalizers each attribute accepts, in registry order. */
export function allowedGeneralizers(attribute: Attribute): readonly GeneralizerKind[] {
  return GENERALIZERS.filter((d) => d.attributes.includes(attribute)).map((d) => d.kind);
}

/** Generalizers each attribute accepts, in registry order. */
export const ALLOWED_GENERALIZERS: Record<Attribute, readonly GeneralizerKind[]> = Object.fromEntries(ATTRIBUTES.map((a) => [a, allowedGeneralizers(a)])) as Record<Attribute, readonly GeneralizerKind[]>;

export function isRandomized(g: Generalizer): g is RandomizedGeneralizer {
  return generalizerOf(g).randomized;
}
