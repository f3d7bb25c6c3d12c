/**
 * Resolution pairs pack into one integer key: width · 65536 + height, a missing
 * dimension as −1. Pixel dimensions are whole numbers below 65535 (16K is 15360×8640).
 *
 *   packPair(1920, 800)  // 125829920 = 1920 · 65536 + 800
 *   unpackPair(-65536 + 1080)  // [NaN, 1080]: the width was missing
 */
export const PAIR_BASE = 65536;

/** The key of a pair of bucket indexes (either NaN = missing); NaN when both are. */
export function packPair(a: number, b: number): number {
  return a !== a && b !== b ? NaN : (a === a ? a : -1) * PAIR_BASE + (b === b ? b : -1) + 0;
}

/** Inverse of the pair packing; a component of −1 (missing) comes back as NaN. */
export function unpackPair(key: number): [number, number] {
  let b = ((key % PAIR_BASE) + PAIR_BASE) % PAIR_BASE;
  let a = (key - b) / PAIR_BASE;
  if (b === PAIR_BASE - 1) {
    // height −1 borrowed from the width: w · 65536 − 1 = (w − 1) · 65536 + 65535
    a += 1;
    b = -1;
  }
  return [a < 0 ? NaN : a, b < 0 ? NaN : b];
}

/** "1920×800", "?" for a missing dimension. */
export function pairLabel(w: number, h: number): string {
  return `${w === w ? w : "?"}×${h === h ? h : "?"}`;
}

/** The SQL form of `packPair` over two index expressions (NULL = missing). */
export function sqlPackPair(a: string, b: string): string {
  return `(CASE WHEN ${a} IS NULL AND ${b} IS NULL THEN NULL ELSE coalesce(${a}, -1) * ${PAIR_BASE} + coalesce(${b}, -1) END)`;
}
