/**
 * Where an evaluation's time goes, phase by phase, for the benchmark: computing bucket
 * keys, radix-partitioning rows, grouping (numbering classes), per-class title
 * statistics and the metrics. Milliseconds, summed over every call given the same object.
 */
export interface PhaseTimes {
  keys: number;
  partition: number;
  group: number;
  titleStats: number;
  metrics: number;
}

export function newPhaseTimes(): PhaseTimes {
  return { keys: 0, partition: 0, group: 0, titleStats: 0, metrics: 0 };
}

/** `fn()`, its wall time added to `phases[phase]` when phases are being recorded. */
export function timed<T>(phases: PhaseTimes | undefined, phase: keyof PhaseTimes, fn: () => T): T {
  if (!phases) return fn();
  const t = performance.now();
  try {
    return fn();
  } finally {
    phases[phase] += performance.now() - t;
  }
}
