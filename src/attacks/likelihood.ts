/**
 * Likelihood match: score every attacker item by P(observation | item) × prior
 * weight, normalize, and sum per title into posteriors.
 *
 * P(observation | item) is a product over the observed attributes (independent given
 * the item). For a scalar attribute the attacker does not know the file's value
 * exactly, only an interval U around the value `a` it holds, taken as uniform:
 *
 *   duration  U = [a + dLo, a + dHi],  dLo = −P/2 − δ + oLo,  dHi = P/2 + δ + oHi
 *             (P the attacker's recording precision, e.g. 60 s for minute runtimes;
 *             ±δ the tolerance; [oLo, oHi] the release offset window). With share π
 *             the file is a PAL speed-up: V = [s₁·(a + dLo), s₂·(a + dHi)], s from
 *             23.976/25 to 24/25, and P(dur bucket) = (1 − π)·|B ∩ U|/|U| + π·|B ∩ V|/|V|.
 *             The sum of several uniform errors is approximated by one uniform over
 *             their combined range: simple, and never excludes a possible value.
 *   bitrate   U = [a·(1 − p) − P/2, a·(1 + p) + P/2] for ±p %
 *   others    U = [a − P/2, a + P/2]
 *
 * B is the observed bucket's value interval (observation.ts). When U is a point (the
 * same catalog, no tolerance) the factor is 1 if a ∈ B else 0, so on its own catalog
 * the attack reduces to class matching. When B is a point (`exact` with unknown
 * precision) the factor is the density 1/|U| if the value lies in U. Resolution (and
 * any generalizer without value intervals) matches by bucket key. An item the attacker
 * holds no value for cannot be scored against a reported value and is left out, as
 * class matching leaves it out (a factor of 1 would rank it above every item that fits).
 * "Not reported" (the victim's file lacks the value) matches, on the victim's own
 * catalog, only items without the value; another catalog says nothing about it, so
 * there it does not constrain. A catalog missing an attribute altogether does not
 * constrain it (the part is unused).
 *
 * Speed: items are sorted once by the scan attribute — duration when observed, else
 * the first other scalar attribute with value intervals (bitrate, …); each observation
 * scans only the one or two windows (normal and PAL) of items whose U can overlap
 * its bucket. Schemes with no such attribute (resolution alone) score every item.
 */
import type { Catalog } from "../catalog/catalog.js";
import type { AttackerKnowledge } from "./attacker.js";
import { PAL_RATIO_RANGE } from "./attacker.js";
import { bucketInterval, catalogHasPart, hasInterval, scalarColumn, scalarField, viewKeys, type SchemeView } from "../schemes/schemeView.js";
import { TitleAccumulator, TitleRanker, type RankedAnswer } from "./ranking.js";
import { lowerBound } from "../base/bisect.js";

/** How one attribute's factor is computed. */
interface IntervalModel {
  kind: "interval";
  part: number;
  col: Float64Array;
  /** Multiplicative half-width (bitrate's ±p) and additive bounds of U. */
  rel: number;
  dLo: number;
  dHi: number;
  /** PAL share π (duration only). */
  pal: number;
  /** Victim's recording precision of the field, for exact buckets. */
  victimPrecision: number;
}

interface KeyModel {
  kind: "key";
  part: number;
  keys: Float64Array;
}

type PartModel = IntervalModel | KeyModel;

export class LikelihoodAttack {
  private readonly models: PartModel[] = [];
  /** Parts ignored because the attacker's catalog lacks them. */
  readonly unusedParts: number[] = [];
  /** The attribute items are sorted and scanned by (duration when observed). */
  private readonly duration: IntervalModel | undefined;
  /** Rows with a value of the scan attribute, sorted by it, and those values. */
  private readonly sortedRows: Int32Array;
  private readonly sortedDur: Float64Array;
  /** Rows without a value of the scan attribute: only "not reported" can match them. */
  private readonly undatedRows: Int32Array;
  private readonly acc: TitleAccumulator;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  /** On the victim's own catalog a missing value is knowledge: that item reports "not reported". */
  private readonly missingIsKnown: boolean;

  constructor(
    private readonly knowledge: AttackerKnowledge,
    private readonly view: SchemeView,
    victim: Catalog,
  ) {
    const cat = knowledge.catalog;
    const tol = knowledge.tolerance;
    this.missingIsKnown = knowledge.kind === "same";
    view.parts.forEach((part, p) => {
      if (!catalogHasPart(part, cat)) {
        this.unusedParts.push(p);
        return;
      }
      const col = scalarColumn(part, cat);
      if (!col || !hasInterval(part.generalizer)) {
        this.models.push({ kind: "key", part: p, keys: viewKeys(view, p, cat) });
        return;
      }
      const field = scalarField(part);
      const half = (knowledge.precision[field] ?? 0) / 2;
      // Holding the victim's own values, the attacker reads an exact observation as a point.
      const victimPrecision = knowledge.kind === "same" ? 0 : (victim.precision[field] ?? 0);
      const m: IntervalModel = { kind: "interval", part: p, col, rel: 0, dLo: -half, dHi: half, pal: 0, victimPrecision };
      if (part.attribute === "duration") {
        m.dLo += -tol.durationMs + tol.offsetMs[0];
        m.dHi += tol.durationMs + tol.offsetMs[1];
        m.pal = tol.palShare;
      } else if (part.attribute === "bitrate") {
        m.rel = tol.bitratePercent / 100;
      }
      this.models.push(m);
    });
    const intervals = this.models.filter((m): m is IntervalModel => m.kind === "interval");
    this.duration = intervals.find((m) => view.parts[m.part].attribute === "duration") ?? intervals[0];
    // The scan attribute's factor is the most selective: evaluate it first.
    this.models.sort((a, b) => (a === this.duration ? -1 : b === this.duration ? 1 : 0));
    const dated: number[] = [];
    const undated: number[] = [];
    const d = this.duration?.col;
    for (let i = 0; i < cat.rows; i++) (d && d[i] === d[i] ? dated : undated).push(i);
    if (d) dated.sort((a, b) => d[a] - d[b] || a - b);
    this.sortedRows = Int32Array.from(d ? dated : []);
    this.sortedDur = Float64Array.from(this.sortedRows, (i) => d![i]);
    this.undatedRows = Int32Array.from(d ? undated : []);
    this.acc = new TitleAccumulator(cat.titleNames.length);
    this.lo = new Float64Array(view.parts.length);
    this.hi = new Float64Array(view.parts.length);
  }

  /** Ranked titles for one observation (one bucket key per view part). */
  answer(keys: ArrayLike<number>, maxRanked: number, truth?: string): RankedAnswer {
    for (const m of this.models) {
      if (m.kind !== "interval" || keys[m.part] !== keys[m.part]) continue;
      const [lo, hi] = bucketInterval(this.view, m.part, keys[m.part], m.victimPrecision);
      this.lo[m.part] = lo;
      this.hi[m.part] = hi;
    }
    const dm = this.duration;
    if (!dm) {
      for (let i = 0; i < this.knowledge.catalog.rows; i++) this.score(i, keys);
    } else if (keys[dm.part] !== keys[dm.part]) {
      // Not reported: on its own catalog only items without a value match; otherwise any.
      if (this.missingIsKnown) for (let j = 0; j < this.undatedRows.length; j++) this.score(this.undatedRows[j], keys);
      else for (let i = 0; i < this.knowledge.catalog.rows; i++) this.score(i, keys);
    } else {
      const lo = this.lo[dm.part];
      const hi = this.hi[dm.part];
      // Items whose U = [a(1 − rel) + dLo, a(1 + rel) + dHi] (or PAL V) can meet [lo, hi]:
      // a ∈ [(lo − dHi)/(1 + rel), (hi − dLo)/(1 − rel)], or the PAL window.
      let aLo = (lo - dm.dHi) / (1 + dm.rel);
      let aHi = dm.rel < 1 ? (hi - dm.dLo) / (1 - dm.rel) : Infinity;
      if (dm.pal > 0) {
        const pLo = lo / PAL_RATIO_RANGE[1] - dm.dHi;
        const pHi = hi / PAL_RATIO_RANGE[0] - dm.dLo;
        if (pHi < aLo || pLo > aHi) {
          this.scan(pLo, pHi, keys);
        } else {
          aLo = Math.min(aLo, pLo);
          aHi = Math.max(aHi, pHi);
        }
      }
      // A hair wider than exact, so a rounding in the divisions never drops an item (scoring is exact).
      this.scan(aLo - 1e-9 * Math.abs(aLo), aHi + 1e-9 * Math.abs(aHi), keys);
    }
    return this.rankerFor(maxRanked).rank(this.acc, truth);
  }

  /** Score the items whose scan-attribute value lies in [from, to]. */
  private scan(from: number, to: number, keys: ArrayLike<number>): void {
    const d = this.sortedDur;
    for (let j = lowerBound(d, from); j < d.length && d[j] <= to; j++) this.score(this.sortedRows[j], keys);
  }

  private score(i: number, keys: ArrayLike<number>): void {
    let f = this.knowledge.itemWeight[i];
    for (const m of this.models) {
      const key = keys[m.part];
      const a = m.kind === "key" ? m.keys[i] : m.col[i];
      if (key !== key) {
        // "Not reported": on its own catalog the attacker knows which items lack the value;
        // another catalog says nothing about whether a file carries it.
        if (this.missingIsKnown && a === a) return;
        continue;
      }
      // An item without a value cannot be scored against a reported one (treating it as
      // unconstrained would rank it above every item that fits): it is left out.
      if (a !== a) return;
      if (m.kind === "key") {
        if (a !== key) return;
        continue;
      }
      let g = intervalFactor(a * (1 - m.rel) + m.dLo, a * (1 + m.rel) + m.dHi, this.lo[m.part], this.hi[m.part], a);
      if (m.pal > 0) {
        const palG = intervalFactor(PAL_RATIO_RANGE[0] * (a + m.dLo), PAL_RATIO_RANGE[1] * (a + m.dHi), this.lo[m.part], this.hi[m.part], a * PAL_RATIO_RANGE[0]);
        g = (1 - m.pal) * g + m.pal * palG;
      }
      f *= g;
      if (f === 0) return;
    }
    this.acc.add(this.knowledge.catalog.titleCodes[i], f);
  }

  private ranker: TitleRanker | undefined;

  private rankerFor(maxRanked: number): TitleRanker {
    if (!this.ranker || this.ranker.maxRanked !== maxRanked) this.ranker = new TitleRanker(this.knowledge.answerIds, maxRanked);
    return this.ranker;
  }
}

/**
 * P(value in [lo, hi) | value uniform on [uLo, uHi]); a point U at `a` gives the
 * indicator a ∈ [lo, hi); a point bucket gives the density 1/|U| inside U.
 */
export function intervalFactor(uLo: number, uHi: number, lo: number, hi: number, a: number): number {
  const w = uHi - uLo;
  if (!(w > 0)) return lo === hi ? (a === lo ? 1 : 0) : a >= lo && a < hi ? 1 : 0;
  if (lo === hi) return lo >= uLo && lo <= uHi ? 1 / w : 0;
  const ov = Math.min(hi, uHi) - Math.max(lo, uLo);
  return ov > 0 ? ov / w : 0;
}
