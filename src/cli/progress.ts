/** A progress bar on stderr, only when stderr is a terminal (never in pipes or CI logs). */
import { createRequire } from "node:module";
import type CliProgress from "cli-progress";

/** `unit` names what is counted ("schemes", "files"). */
export function progressBar(label: string, unit = "schemes"): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  // Loaded only for a bar: most runs (pipes, CI) draw none, and loading it costs every start-up ~5 ms.
  const cliProgress = createRequire(import.meta.url)("cli-progress") as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} ${unit}`, stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
