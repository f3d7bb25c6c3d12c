/**
 * Brent's method (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4):
 * a root of f inside a bracket [a, b] with f(a), f(b) of opposite signs, by inverse
 * quadratic interpolation guarded by bisection — so it never leaves the bracket and
 * cannot diverge, which is why the population solvers bracket first and then call it.
 *
 *   brent((x) => x * x - 2, 0, 2).x  // 1.4142135623730951
 */

export interface RootResult {
  x: number;
  iterations: number;
  converged: boolean;
}

export function brent(f: (x: number) => number, a: number, b: number, xtol = 0, maxIterations = 200): RootResult {
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return { x: a, iterations: 0, converged: true };
  if (fb === 0) return { x: b, iterations: 0, converged: true };
  if (fa > 0 === fb > 0) throw new RangeError(`brent: f(${a}) and f(${b}) have the same sign`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 1; iter <= maxIterations; iter++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xtol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return { x: b, iterations: iter, converged: true };
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
  }
  return { x: b, iterations: maxIterations, converged: false };
}
