/**
 * A fitted one-dimensional density: a Gaussian kernel density estimate (bandwidth by
 * Silverman's rule of thumb, h = 0.9 · min(σ, IQR/1.34) · n^(−1/5)), evaluated on a
 * grid ("binned KDE": values are linearly binned to grid nodes, then each node's weight
 * is spread over the grid cells by the kernel's exact cell masses). `mass(a, b)` is the
 * probability of [a, b): full cells from a prefix sum, partial cells pro rata, so masses
 * of buckets far narrower than a cell stay accurate (density × width).
 *
 *   const d = fitSmoothedDensity(Float64Array.of(1, 2, 3, 4));
 *   d.mass(-Infinity, Infinity)  // 1
 *   d.mass(2, 2.001)             // ≈ density near 2 × 0.001
 */

/** Cells per bandwidth; 8 keeps the linear-binning error well below the sampling error. */
const CELLS_PER_BANDWIDTH = 8;
/** The kernel is cut at ± this many bandwidths (tail mass 6e−7, renormalized away). */
const KERNEL_REACH = 5;
/** Grid size cap, for columns with extreme outliers (the cells then get wider). */
const MAX_CELLS = 1 << 20;

export interface SmoothedDensity {
  bandwidth: number;
  /** Probability of [a, b) (a ≤ b; ±Infinity allowed). */
  mass(a: number, b: number): number;
}

/** Silverman's rule of thumb (Silverman 1986, eq. 3.31); sorted input. */
export function silvermanBandwidth(sorted: Float64Array): number {
  const n = sorted.length;
  if (n < 2) return 1;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sorted[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const q = (p: number) => {
    const pos = p * (n - 1);
    const i = Math.floor(pos);
    return i + 1 < n ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
  };
  const iqr = (q(0.75) - q(0.25)) / 1.34;
  const spread = iqr > 0 ? Math.min(sd, iqr) : sd;
  const h = 0.9 * spread * n ** -0.2;
  // all values equal: any positive width gives one point mass
  return h > 0 ? h : Math.max(Math.abs(sorted[0]) * 1e-9, 1e-9);
}

/** Mass of N(0, 1) on [a, b), by Simpson's rule on 32 panels (the kernel is smooth there). */
function normalMass(a: number, b: number): number {
  const panels = 32;
  const step = (b - a) / panels;
  const pdf = (x: number) => Math.exp(-0.5 * x * x);
  let s = pdf(a) + pdf(b);
  for (let i = 1; i < panels; i++) s += (i % 2 ? 4 : 2) * pdf(a + i * step);
  return (s * step) / 3 / Math.sqrt(2 * Math.PI);
}

/**
 * Fit to the non-missing `values`; `bandwidthFactor` scales Silverman's bandwidth.
 * Returns undefined when there are no values.
 */
export function fitSmoothedDensity(values: Float64Array, bandwidthFactor = 1): SmoothedDensity | undefined {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  if (n === 0) return undefined;
  const sorted = new Float64Array(n);
  for (let i = 0, j = 0; i < values.length; i++) if (values[i] === values[i]) sorted[j++] = values[i];
  sorted.sort();
  const h = silvermanBandwidth(sorted) * bandwidthFactor;
  const lo = sorted[0] - KERNEL_REACH * h;
  const span = sorted[n - 1] + KERNEL_REACH * h - lo;
  const delta = Math.max(h / CELLS_PER_BANDWIDTH, span / (MAX_CELLS - 1));
  const cells = Math.ceil(span / delta) + 1;

  // linear binning to nodes lo + j·δ
  const weight = new Float64Array(cells + 1);
  for (let i = 0; i < n; i++) {
    const t = (sorted[i] - lo) / delta;
    const j = Math.min(Math.floor(t), cells - 1);
    const f = t - j;
    weight[j] += 1 - f;
    weight[j + 1] += f;
  }
  // kernel mass of cell offset k (cell [kδ, (k+1)δ) relative to a node), k = −reach−1 … reach
  const reach = Math.ceil((KERNEL_REACH * h) / delta);
  const kernel = new Float64Array(2 * reach + 1);
  let ksum = 0;
  for (let k = -reach - 1; k < reach; k++) {
    const m = normalMass((k * delta) / h, ((k + 1) * delta) / h);
    kernel[k + reach + 1] = m;
    ksum += m;
  }
  for (let k = 0; k < kernel.length; k++) kernel[k] /= ksum * n;
  // cell g gets Σ_j weight[j] · K[g − j]
  const cellMass = new Float64Array(cells);
  for (let j = 0; j <= cells; j++) {
    const w = weight[j];
    if (w === 0) continue;
    const from = Math.max(0, j - reach - 1);
    const to = Math.min(cells - 1, j + reach - 1);
    for (let g = from; g <= to; g++) cellMass[g] += w * kernel[g - j + reach + 1];
  }
  const prefix = new Float64Array(cells + 1);
  for (let g = 0; g < cells; g++) prefix[g + 1] = prefix[g] + cellMass[g];
  const total = prefix[cells];

  const mass = (a: number, b: number): number => {
    const u = Math.min(Math.max((a - lo) / delta, 0), cells);
    const v = Math.min(Math.max((b - lo) / delta, 0), cells);
    if (!(v > u)) return 0;
    const ga = Math.min(Math.floor(u), cells - 1);
    const gb = Math.min(Math.floor(v), cells - 1);
    if (ga === gb) return (cellMass[ga] * (v - u)) / total;
    return (cellMass[ga] * (ga + 1 - u) + (prefix[gb] - prefix[ga + 1]) + cellMass[gb] * (v - gb)) / total;
  };
  return { bandwidth: h, mass };
}
