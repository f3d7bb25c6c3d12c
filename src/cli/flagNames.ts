/**
 * The library names its options as in code (`openWorld`, `durationErrorMs`), quoted in
 * backticks inside its error messages; the command line shows the flag the user typed
 * (`--open-world`, `--duration-error`). Only names listed here are rewritten, so other
 * backticked text (`fprisk datasets list`) is left alone.
 *
 * Example: "`openWorld` must be a share between 0 and 1, got 2"
 *        → "--open-world must be a share between 0 and 1, got 2".
 */
const FLAG_OF: Record<string, string> = {
  attacker: "attacker",
  baseRate: "base-rate",
  bootstrap: "bootstrap",
  durationErrorMs: "duration-error",
  ffprobePath: "ffprobe",
  jobs: "jobs",
  k: "k",
  libraries: "libraries",
  limit: "limit",
  map: "map",
  method: "method",
  mode: "mode",
  only: "only",
  openWorld: "open-world",
  phi: "phi",
  plays: "plays",
  playsFollowPrior: "plays-follow-prior",
  prior: "prior",
  probeCacheDir: "probe-cache",
  reports: "reports",
  riskThreshold: "risk-threshold",
  salt: "salt",
  scheme: "scheme",
  seed: "seed",
  skipInvalid: "skip-invalid",
  targets: "targets",
  threshold: "threshold",
  tolerance: "tolerance",
  wrongPlays: "wrong-plays",
};

export function cliMessage(message: string): string {
  return message.replace(/`([A-Za-z]+)`/g, (whole, name: string) => (FLAG_OF[name] ? `--${FLAG_OF[name]}` : whole));
}
