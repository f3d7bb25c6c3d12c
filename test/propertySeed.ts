/**
 * Property tests draw from one fixed seed, so a run of `npm test` is reproducible:
 * CI and a developer see the same cases, and a failure names the seed and path to
 * replay. To explore new cases, set FPRISK_PROPERTY_SEED to another integer, or to
 * `random` for fast-check's own time-based seed.
 */
import fc from "fast-check";

const requested = process.env.FPRISK_PROPERTY_SEED;
if (requested !== "random") {
  const seed = requested === undefined || requested === "" ? 20_171_222 : Number(requested);
  if (!Number.isSafeInteger(seed)) throw new Error(`FPRISK_PROPERTY_SEED=${requested}: expected an integer or "random"`);
  fc.configureGlobal({ seed });
}
