import { Rng } from "../../../src/base/random.js";
import { catalogOf } from "../../helpers.js";

/** N values uniform on the integers 0..R−1 (one title per row). */
export function uniformCatalog(n: number, r: number, seed: number) {
  const rng = new Rng(seed);
  const values = Array.from({ length: n }, () => rng.int(r));
  return catalogOf(
    values.map((_, i) => `t${i}`),
    { duration_ms: values },
  );
}
