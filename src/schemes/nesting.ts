/**
 * Nesting: scheme A nests in B when, for every catalog, every class of A lies inside one
 * class of B — B is A with some detail removed. Search over schemes relies on it
 * (coarsening can only merge classes).
 *
 *   nests(parseScheme("duration=round(1min)"), parseScheme("duration=round(3min)"))  // true: ratio 3 is odd
 *   nests(parseScheme("duration=round(1min)"), parseScheme("duration=round(2min)"))  // false: ratio 2 is even
 *
 * Per attribute: one the coarser scheme does not observe is fine; one it observes must be
 * observed by the finer scheme with a generalizer that refines the coarser one.
 * Ratios count as whole numbers up to floating-point noise (16 ulp, relative), so decimal
 * widths such as 0.1 and 0.3 fps nest despite 0.3 / 0.1 = 2.9999999999999996, and
 * log(10%) nests in log(21%) despite ln 1.21 / ln 1.1 = 1.9999999999999982. A looser
 * tolerance would accept bucket edges that really differ, further apart than the boundary
 * snapping in generalize.ts can absorb.
 */
import { formatGeneralizer, formatQuantity } from "./format.js";
import { logBase } from "./generalize.js";
import { isRandomized, type Attribute, type Generalizer, type Scheme } from "./types.js";

const TOLERANCE = 16 * Number.EPSILON;

/** The nearest whole number to a ratio (≥ ½) if it is one within tolerance, else undefined. */
function wholeNumber(ratio: number): number | undefined {
  const k = Math.round(ratio);
  return k >= 1 && Math.abs(ratio - k) <= TOLERANCE * k ? k : undefined;
}

/**
 * Is t an edge of a grid of step `a` shifted by `offset` steps, i.e. t = (k + offset)·a for
 * a whole k? Compared in value space, so that only 0 is a multiple near 0.
 */
function onGrid(t: number, a: number, offset: number): boolean {
  const k = Math.round(t / a - offset);
  return Math.abs(t - (k + offset) * a) <= TOLERANCE * Math.abs(t);
}

function sameGeneralizer(a: Generalizer, b: Generalizer): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "round":
    case "floor":
      return a.width === (b as typeof a).width;
    case "sig":
      return a.digits === (b as typeof a).digits;
    case "log":
      return a.percent === (b as typeof a).percent;
    case "quantile":
      return a.k === (b as typeof a).k;
    case "ladder": {
      const t = (b as typeof a).thresholds;
      return a.thresholds.length === t.length && a.thresholds.every((v, i) => v === t[i]);
    }
    case "geom": {
      const o = b as typeof a;
      return a.width === o.width && a.scale === o.scale && a.seed === o.seed && a.mode === o.mode;
    }
    case "rround": {
      const o = b as typeof a;
      return a.width === o.width && a.seed === o.seed && a.mode === o.mode;
    }
    default:
      return true;
  }
}

/**
 * Why generalizer `f` does not refine `c` for `attribute` (null when it does). Rules for
 * widths hold per dimension for resolution round/floor too.
 */
export function explainRefinement(attribute: Attribute, f: Generalizer, c: Generalizer): string | null {
  if (sameGeneralizer(f, c)) return null;
  if (isRandomized(f) || isRandomized(c)) {
    // Noise moves each item across bucket edges independently of its neighbours, so two
    // items in one class of the finer scheme can land in different classes of the coarser
    // one (and vice versa) — even exact values do not determine a noisy bucket. Only the
    // identical randomized generalizer (same seed and mode) gives the same classes.
    return `${formatGeneralizer(attribute, f)} does not refine ${formatGeneralizer(attribute, c)}: randomized generalizers nest only with themselves (noise moves items across bucket edges independently)`;
  }
  if (f.kind === "exact") return null;
  const fs = formatGeneralizer(attribute, f);
  const cs = formatGeneralizer(attribute, c);
  const q = (v: number) => formatQuantity(attribute, v);
  const no = `${fs} does not refine ${cs}`;

  if (f.kind === "floor" && c.kind === "floor") {
    const k = wholeNumber(c.width / f.width);
    return k !== undefined ? null : `${no}: ${q(c.width)} is not a whole multiple of ${q(f.width)}`;
  }
  if (f.kind === "round" && c.kind === "round") {
    // round(b) edges sit at (k + ½)·b, round(a) edges at (j + ½)·a: the former are among the
    // latter only when b/a is odd. With b = 2a, round(a)'s bucket [a/2, 3a/2) straddles
    // round(2a)'s edge at a.
    const ratio = c.width / f.width;
    const k = wholeNumber(ratio);
    if (k !== undefined && k % 2 === 1) return null;
    if (k !== undefined) {
      return `${no}: the width ratio ${k} is even, so a ${q(f.width)} bucket straddles two ${q(c.width)} buckets (round nests only for odd ratios)`;
    }
    return `${no}: the width ratio ${Number(ratio.toPrecision(6))} is not a whole number`;
  }
  if (f.kind === "floor" && c.kind === "round") {
    // round(b) edges (k − ½)·b are multiples of a exactly when b/a is even
    const k = wholeNumber(c.width / f.width);
    if (k !== undefined && k % 2 === 0) return null;
    return `${no}: round(${q(c.width)}) has edges at odd multiples of ${q(c.width / 2)}, which floor(${q(f.width)}) does not share (floor nests in round only when the ratio is even)`;
  }
  if (f.kind === "round" && c.kind === "floor") {
    return `${no}: floor has an edge at 0, which lies inside round's bucket around 0`;
  }
  if ((f.kind === "floor" || f.kind === "round") && c.kind === "ladder") {
    // every ladder threshold must be a bucket edge of f: a multiple of a (floor) or a half-odd multiple (round)
    const offset = f.kind === "round" ? -0.5 : 0;
    for (const t of c.thresholds) {
      if (!onGrid(t, f.width, offset)) {
        const edges = f.kind === "round" ? `odd multiples of ${q(f.width / 2)}` : `multiples of ${q(f.width)}`;
        return `${no}: threshold ${q(t)} is not a bucket edge of ${fs} (its edges are ${edges})`;
      }
    }
    return null;
  }
  if (f.kind === "ladder" && c.kind === "ladder") {
    const missing = c.thresholds.find((t) => !f.thresholds.includes(t));
    return missing === undefined ? null : `${no}: threshold ${q(missing)} of the coarser ladder is not in the finer one`;
  }
  if (f.kind === "log" && c.kind === "log") {
    const ratio = logBase(c.percent) / logBase(f.percent);
    const k = wholeNumber(ratio);
    if (k !== undefined) return null;
    return `${no}: ln(1+${c.percent}%)/ln(1+${f.percent}%) = ${Number(ratio.toPrecision(6))} is not a whole number`;
  }
  if (f.kind === "sig" || c.kind === "sig") {
    // sig(3) puts 1249 at 1250 and sig(2) puts 1250 at 1300 but 1249 at 1200
    return `${no}: sig only nests with itself (significant-digit buckets of different sizes overlap)`;
  }
  if (f.kind === "quantile" || c.kind === "quantile") {
    return `${no}: quantile buckets are fitted per K and only nest with themselves`;
  }
  if (attribute === "resolution") {
    if (f.kind === "height" && c.kind === "class") {
      // class also looks at width: letterboxed 1920×800 is 1080p but 1280×800 is 720p
      return `${no}: 1920×800 and 1280×800 share a height but not a class (class also reads the width)`;
    }
    if (f.kind === "class" && c.kind === "height") {
      return `${no}: 1920×1080 and 1920×800 share a class but not a height`;
    }
    if (c.kind === "class") return `${no}: a pixel bucket can straddle a class boundary (0.9 × the nominal size)`;
  }
  return no;
}

/**
 * Why `finer` does not nest in `coarser`, one reason per attribute joined by "; ",
 * or null when it nests.
 */
export function explainNesting(finer: Scheme, coarser: Scheme): string | null {
  const reasons: string[] = [];
  for (const c of coarser.parts) {
    const f = finer.parts.find((p) => p.attribute === c.attribute);
    if (!f) {
      reasons.push(`${c.attribute}: observed by the coarser scheme (${formatGeneralizer(c.attribute, c.generalizer)}) but not by the finer one`);
      continue;
    }
    const why = explainRefinement(c.attribute, f.generalizer, c.generalizer);
    if (why) reasons.push(`${c.attribute}: ${why}`);
  }
  return reasons.length ? reasons.join("; ") : null;
}

/** True iff, for every catalog, every class of `finer` lies inside one class of `coarser`. */
export function nests(finer: Scheme, coarser: Scheme): boolean {
  return explainNesting(finer, coarser) === null;
}
