/**
 * P(a ≤ Z ≤ b) for Z ~ N(0, R), a correlation matrix R of dimension d ≤ 5: the cell
 * probability of the copula model. Deterministic (no random draws) and exact in one
 * dimension.
 *
 * Method: Genz's (1992) separation of variables. With R = L Lᵀ (Cholesky) and Z = L Y,
 *
 *   P = ∫_{[0,1]^{d−1}} e_1 · e_2(w_1) · … · e_d(w_1 … w_{d−1}) dw,
 *   e_k = Φ(b'_k) − Φ(a'_k),  a'_k = (a_k − Σ_{j<k} L_kj y_j)/L_kk  (b'_k likewise),
 *   y_j = Φ⁻¹(Φ(a'_j) + w_j e_j),
 *
 * so the last variable is integrated exactly and the others numerically. Variables are
 * taken narrowest first (smallest marginal mass, Genz's ordering), and each of the d − 1
 * integration variables gets a rule chosen from its conditional interval's width
 * (b_k − a_k)/L_kk on the normal-score scale:
 *
 * - narrower than 0.05: the midpoint w = ½ — the integrand then varies by O(width) and the
 *   midpoint rule's relative error is O(width²) ≲ 1e−4;
 * - otherwise: 8-point Gauss–Legendre on [0, 1] (the integrand is smooth in w).
 *
 * So d = 1 is exact (P = the marginal mass), d = 2 is a 1-D Gauss–Legendre integral of an
 * exact conditional probability, and a fine-grained cell (every dimension narrow) costs one
 * evaluation per dimension. Tests compare against a brute-force 2-D/3-D integration.
 *
 * `lowerU`, `mass` give each marginal interval in probability space (u = Φ(a), mass =
 * Φ(b) − Φ(a)) as the marginal model computed them, which keeps tiny cells accurate: the
 * first variable's mass is used as is, never as a difference of two nearly equal Φ values.
 *
 *   const integ = new RectangleIntegrator(Float64Array.of(1, 0, 0, 1), 2);  // R = I
 *   integ.probability([0, 0.5], [0.5, 0.5])  // 0.25: [0, ½] × [½, 1] of two independent margins
 */
import { normalCdf, normalMass, normalQuantileRefined } from "./special.js";

/** Lower Cholesky factor of a symmetric d×d matrix (row-major), or undefined if not positive definite. */
export function choleskyLower(R: Float64Array, d: number): Float64Array | undefined {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = R[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      if (i === j) {
        if (!(s > 1e-12)) return undefined;
        L[i * d + i] = Math.sqrt(s);
      } else {
        L[i * d + j] = s / L[j * d + j];
      }
    }
  }
  return L;
}

/** Gauss–Legendre 8-point nodes and weights on [0, 1]. */
const GL_X = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
const GL_W = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];
const NODES = GL_X.map((x) => 0.5 * (x + 1));
const WEIGHTS = GL_W.map((w) => 0.5 * w);
const MIDPOINT = [0.5];
const ONE = [1];

/** Conditional intervals narrower than this (normal-score units) use the midpoint rule. */
export const NARROW = 0.05;

/**
 * The rectangle probability for a correlation matrix R (row-major d×d). Each dimension j
 * is given as its marginal interval [lowerU[j], lowerU[j] + mass[j]] in probability space.
 */
export class RectangleIntegrator {
  private readonly d: number;
  private readonly R: Float64Array;
  private readonly order: number[];
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly y: Float64Array;
  private L: Float64Array;
  private lu: Float64Array;
  private m: Float64Array;
  /** Cholesky factors by dimension order, so each ordering is factored once. */
  private readonly factors = new Map<string, Float64Array>();

  constructor(R: Float64Array, d: number) {
    if (!choleskyLower(R, d)) throw new RangeError("correlation matrix is not positive definite");
    this.d = d;
    this.R = R;
    this.order = Array.from({ length: d }, (_, j) => j);
    this.a = new Float64Array(d);
    this.b = new Float64Array(d);
    this.y = new Float64Array(d);
    this.L = new Float64Array(d * d);
    this.lu = new Float64Array(d);
    this.m = new Float64Array(d);
  }

  probability(lowerU: ArrayLike<number>, mass: ArrayLike<number>): number {
    const d = this.d;
    for (let j = 0; j < d; j++) if (!(mass[j] > 0)) return 0;
    if (d === 1) return Math.min(1, mass[0]);
    const order = this.order;
    for (let j = 0; j < d; j++) order[j] = j;
    order.sort((p, q) => mass[p] - mass[q] || p - q);
    const key = order.join("");
    let L = this.factors.get(key);
    if (!L) {
      const Rp = new Float64Array(d * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Rp[i * d + j] = this.R[order[i] * d + order[j]];
      L = choleskyLower(Rp, d)!;
      this.factors.set(key, L);
    }
    this.L = L;
    for (let k = 0; k < d; k++) {
      const j = order[k];
      const lo = lowerU[j];
      const hi = Math.min(1, lo + mass[j]);
      this.lu[k] = lo;
      this.m[k] = hi - lo;
      this.a[k] = normalQuantileRefined(lo);
      this.b[k] = normalQuantileRefined(hi);
    }
    return Math.min(1, this.level(0));
  }

  /** ∫ over w_k … of e_k · (rest), given y_0 … y_{k−1}. */
  private level(k: number): number {
    const d = this.d;
    const L = this.L;
    let mu = 0;
    for (let j = 0; j < k; j++) mu += L[k * d + j] * this.y[j];
    const lkk = L[k * d + k];
    const ak = (this.a[k] - mu) / lkk;
    const bk = (this.b[k] - mu) / lkk;
    const e = k === 0 ? this.m[0] : normalMass(ak, bk);
    if (k === d - 1 || !(e > 0)) return e;
    const narrow = (this.b[k] - this.a[k]) / lkk < NARROW;
    const nodes = narrow ? MIDPOINT : NODES;
    const weights = narrow ? ONE : WEIGHTS;
    // y = Φ⁻¹(Φ(a') + w·e), computed from the upper tail when a' > 0 (no 1 − 1 cancellation).
    const upper = ak > 0;
    const base = k === 0 ? this.lu[0] : upper ? normalCdf(-ak) : normalCdf(ak);
    let sum = 0;
    for (let t = 0; t < nodes.length; t++) {
      if (k === 0) this.y[0] = normalQuantileRefined(base + nodes[t] * e);
      else this.y[k] = upper ? -normalQuantileRefined(base - nodes[t] * e) : normalQuantileRefined(base + nodes[t] * e);
      sum += weights[t] * this.level(k + 1);
    }
    return e * sum;
  }
}
