/** Numbers in the results page's prose, formatted one way everywhere. */

/** A share as a percentage with three significant digits ("22.6 %", "0.0386 %"); "—" when unknown. */
export function pct(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return "—";
  if (x === 0) return "0 %";
  return `${Number((100 * x).toPrecision(3))} %`;
}
