/**
 * "Did you mean …?" for a mistyped command or option: the known name at the smallest
 * edit distance (Damerau–Levenshtein, adjacent swaps cost 1), if it is close enough to
 * be a typo rather than a different word.
 *
 * Example: closest("evalute", ["evaluate", "inspect"]) → "evaluate" (distance 1, one
 * letter missing); closest("frobnicate", ["format", "out"]) → undefined.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    // a prefix of a longer option (--redact for --redact-titles) is a typo too
    const d = name.startsWith(typed) && typed.length >= 3 ? 1 : editDistance(typed, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  // at most a third of the letters wrong, and always at least one allowed
  return bestDistance <= Math.max(1, Math.floor(typed.length / 3)) ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Int32Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1];
}
