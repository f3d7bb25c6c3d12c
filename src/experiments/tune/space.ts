/**
 * The search space of `tune`: per attribute an ordered list of choices, finest first,
 * `|`-separated, `drop` meaning "not reported":
 *
 *   parseSpace("duration=round(1s)|round(1min),bitrate=drop|log(10%),resolution=exact|class")
 *   // 2 × 2 × 2 = 8 schemes
 *
 * `--keep attr:generalizer` keeps only the choices at least as fine as the given one,
 * decided by nesting (a choice is kept when its classes lie inside the kept one's for
 * every catalog): `--keep bitrate:ladder(1,3,6,10Mbps)` keeps `exact` and
 * `ladder(1,3,6,10Mbps)` itself but drops `round(1Mbps)`, whose buckets straddle 1 Mbps.
 */
import { UserError } from "../../base/errors.js";
import { formatGeneralizer } from "../../schemes/format.js";
import { nests } from "../../schemes/nesting.js";
import { parseGeneralizer } from "../../schemes/parse.js";
import { isRandomized } from "../../schemes/generalizers/registry.js";
import { ATTRIBUTES, type Attribute, type Generalizer, type Scheme } from "../../schemes/types.js";
import { innerAttribute } from "../../measures/rollupEvaluator.js";
import { splitList } from "../sweep.js";

/** One attribute's choices, finest first; null = drop. */
export interface SpaceAxis {
  attribute: Attribute;
  choices: (Generalizer | null)[];
}

export type SearchSpace = SpaceAxis[];

/**
 * Documented defaults: durations from exact to one hour, bitrates on absolute and
 * relative grids, resolution as reported, by height or by class — and each dropped.
 */
export const DEFAULT_SPACE_TEXT: Partial<Record<Attribute, string>> = {
  duration: "exact|round(1s)|round(5s)|round(15s)|round(1min)|round(5min)|round(15min)|round(1h)|drop",
  bitrate: "exact|round(10kbps)|round(100kbps)|log(1%)|log(5%)|log(10%)|round(1Mbps)|log(25%)|log(50%)|round(10Mbps)|drop",
  resolution: "exact|height|class|drop",
};

function parseAxis(attribute: Attribute, text: string): SpaceAxis {
  const seen = new Set<string>();
  const choices: (Generalizer | null)[] = [];
  for (const raw of text.split("|")) {
    const alt = raw.trim();
    if (!alt) throw new UserError(`space: an empty choice in ${attribute}=${text}`);
    const g = parseGeneralizer(attribute, alt);
    if (g && isRandomized(g)) throw new UserError(`space: ${attribute}=${alt} is randomized; tune searches deterministic generalizers (evaluate noise with evaluate or attack)`);
    const key = g ? formatGeneralizer(attribute, g) : "drop";
    if (seen.has(key)) continue;
    seen.add(key);
    choices.push(g);
  }
  return { attribute, choices };
}

/** Parse `attr=a|b|c,attr=…`; attributes in canonical order. */
export function parseSpace(text: string): SearchSpace {
  const axes = new Map<Attribute, SpaceAxis>();
  for (const item of splitList(text)) {
    const eq = item.indexOf("=");
    const attr = item.slice(0, eq).trim() as Attribute;
    if (eq < 0 || !(ATTRIBUTES as readonly string[]).includes(attr)) {
      throw new UserError(`space: "${item}" should be attribute=choice|choice…, attribute one of ${ATTRIBUTES.join(", ")}`);
    }
    if (axes.has(attr)) throw new UserError(`space: ${attr} is given twice`);
    axes.set(attr, parseAxis(attr, item.slice(eq + 1)));
  }
  if (axes.size === 0) throw new UserError("space: give at least one attribute, e.g. duration=round(1s)|round(1min)");
  return ATTRIBUTES.filter((a) => axes.has(a)).map((a) => axes.get(a)!);
}

/** The default space over the given attributes (those some catalog has). */
export function defaultSpace(attributes: readonly Attribute[]): SearchSpace {
  return ATTRIBUTES.filter((a) => attributes.includes(a) && DEFAULT_SPACE_TEXT[a]).map((a) => parseAxis(a, DEFAULT_SPACE_TEXT[a]!));
}

export interface KeepRule {
  attribute: Attribute;
  generalizer: Generalizer | null;
}

/** Parse `attr:generalizer,attr:generalizer`. */
export function parseKeep(text: string): KeepRule[] {
  return splitList(text).map((item) => {
    const colon = item.indexOf(":");
    const attr = item.slice(0, colon).trim() as Attribute;
    if (colon < 0 || !(ATTRIBUTES as readonly string[]).includes(attr)) {
      throw new UserError(`keep: "${item}" should be attribute:generalizer, e.g. resolution:class`);
    }
    return { attribute: attr, generalizer: parseGeneralizer(attr, item.slice(colon + 1).trim()) };
  });
}

/** Whether choice `g` of `attribute` is at least as fine as `kept` (nesting on every catalog). */
function atLeastAsFine(attribute: Attribute, g: Generalizer | null, kept: Generalizer | null): boolean {
  const scheme = (x: Generalizer | null): Scheme => ({ parts: x ? [{ attribute, generalizer: x }] : [] });
  return nests(scheme(g), scheme(kept));
}

/** The space with every axis restricted by the keep rules; an axis left empty is an error. */
export function applyKeep(space: SearchSpace, keep: KeepRule[]): SearchSpace {
  for (const rule of keep) {
    if (!space.some((a) => a.attribute === rule.attribute)) throw new UserError(`keep: ${rule.attribute} is not in the search space`);
  }
  return space.map((axis) => {
    const rules = keep.filter((r) => r.attribute === axis.attribute);
    const choices = axis.choices.filter((g) => rules.every((r) => atLeastAsFine(axis.attribute, g, r.generalizer)));
    if (choices.length === 0) {
      const kept = rules.map((r) => (r.generalizer ? formatGeneralizer(axis.attribute, r.generalizer) : "drop")).join(", ");
      throw new UserError(`keep: no choice for ${axis.attribute} is at least as fine as ${kept}; add one to --space`);
    }
    return { ...axis, choices };
  });
}

/**
 * The axis the search varies fastest (tune.ts) and that a loaded catalog sorts its rows
 * by (measures/rollupEvaluator.ts `innerAttribute`: the scalar one with the most
 * choices); the last axis when none is scalar.
 */
export function innerAxis(space: SearchSpace): number {
  const inner = innerAttribute(space.flatMap((a) => a.choices.flatMap((g) => (g ? [{ attribute: a.attribute, generalizer: g }] : []))));
  const i = space.findIndex((a) => a.attribute === inner);
  return i >= 0 ? i : space.length - 1;
}

/** Every scheme of the space (first axis varies slowest). */
export function spaceSchemes(space: SearchSpace): Scheme[] {
  let out: Scheme[] = [{ parts: [] }];
  for (const axis of space) {
    const next: Scheme[] = [];
    for (const s of out) {
      for (const g of axis.choices) next.push(g ? { parts: [...s.parts, { attribute: axis.attribute, generalizer: g }] } : s);
    }
    out = next;
  }
  return out;
}

/** Canonical text of a space, for output. */
export function formatSpace(space: SearchSpace): string {
  return space.map((a) => `${a.attribute}=${a.choices.map((g) => (g ? formatGeneralizer(a.attribute, g) : "drop")).join("|")}`).join(",");
}
