import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { expectUserError as expectOneLineError, fprisk as run, type CliResult } from "../../cliHelpers.js";

// Runs the built binary: `npm run build` first.
const fprisk = (...args: string[]) => run(args);
const expectUserError = (r: CliResult, pattern: RegExp) => expectOneLineError(r, pattern, 1);

const RATE_KEYS = ["success_at_1", "success_at_k", "no_match", "wrong_confident"] as const;

describe("fprisk attack", () => {
  it("--help shows examples and the attacker flags", () => {
    const r = fprisk("attack", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
    for (const flag of ["--attacker", "--tolerance", "--prior", "--method", "--targets", "--seed", "--plays", "--libraries", "--wrong-plays", "--duration-error", "--mode", "--phi", "--open-world", "--format", "--out"]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it("JSON carries every rate as {value, ci_low, ci_high}, plus targets and seed", () => {
    const r = fprisk("attack", "chinook-tracks", "--scheme", "duration=round(1000ms)", "--targets", "200", "--seed", "3", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.catalog).toEqual({ source: "chinook-tracks", rows: 3503, titles: 3351 });
    expect(j.scheme).toBe("duration=round(1s)"); // canonical
    expect(j.attacker).toBe("same");
    expect(j.method).toBe("class");
    expect(j.targets).toBe(200);
    expect(j.seed).toBe(3);
    expect(j.k).toBe(5);
    for (const key of RATE_KEYS) {
      expect(Object.keys(j[key])).toEqual(["value", "ci_low", "ci_high"]);
      expect(j[key].ci_low).toBeLessThanOrEqual(j[key].value);
      expect(j[key].ci_high).toBeGreaterThanOrEqual(j[key].value);
    }
    expect(j.precision_recall.length).toBeGreaterThan(5);
  });

  it("on the same catalog with every target, expected_success equals evaluate's kappa", () => {
    const scheme = "duration=round(10s),bitrate=log(10%)";
    const a = JSON.parse(fprisk("attack", "chinook-tracks", "--scheme", scheme, "--targets", "all", "--bootstrap", "0", "--format", "json").stdout);
    const e = JSON.parse(fprisk("evaluate", "chinook-tracks", "--scheme", scheme, "--format", "json").stdout);
    expect(a.targets).toBe(3503);
    expect(a.expected_success.value).toBeCloseTo(e.results[0].metrics.kappa, 12);
  });

  it("is byte-identical under a seed, and --out writes the same bytes", () => {
    const args = ["attack", "spotify-popularity-2024", "--scheme", "duration=round(1s)", "--method", "likelihood", "--tolerance", "duration=1s", "--targets", "150", "--seed", "5", "--format", "json"];
    const a = fprisk(...args);
    const b = fprisk(...args);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = join(mkdtempSync(join(tmpdir(), "fprisk-attack-")), "run.json");
    const c = fprisk(...args, "--out", out);
    expect(c.code, c.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(a.stdout);
    expect(JSON.parse(a.stdout).tolerance.duration_ms).toBe(1000);
  });

  it("CSV is tidy: one row per rate", () => {
    const r = fprisk("attack", "chinook-tracks", "--scheme", "duration=round(1s)", "--targets", "100", "--format", "csv", "--k", "3");
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.metric)).toEqual(expect.arrayContaining(["success_at_1", "success_at_3", "no_match", "wrong_confident", "expected_success"]));
    expect(new Set(rows.map((x) => x.scheme))).toEqual(new Set(["duration=round(1s)"]));
  });

  it("table output names the attacker and the curve", () => {
    const r = fprisk("attack", "chinook-tracks", "--scheme", "duration=round(1s)", "--targets", "50");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/attacker\s+same, prior uniform/);
    expect(r.stdout).toMatch(/success_at_5/);
    expect(r.stdout).toMatch(/threshold\s+answered\s+precision\s+recall/);
  });

  it("a coarser public catalog: simulated TMDB release files against TMDB's minute runtimes", () => {
    const r = fprisk("attack", "tmdb-5000-movies", "--simulate-releases", "--attacker", "tmdb-5000-movies", "--method", "likelihood", "--scheme", "duration=round(1s)", "--targets", "200", "--format", "json", "--bootstrap", "100");
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.attacker).toBe("tmdb-5000-movies");
    expect(j.tolerance.offset_ms).toEqual([-6000, 31000]);
    expect(j.in_catalog).toBe(200);
    expect(j.no_match.value).toBeLessThan(0.05);
    expect(j.notes[0]).toMatch(/^4803 of 4803 attacker titles joined/);
  });

  it("a popularity prior from Netflix views, with plays drawn by it", () => {
    const r = fprisk("attack", "netflix-engagement-2023-2024", "--simulate-releases", "--attacker", "netflix-engagement-2023-2024", "--prior", "netflix-engagement-2023-2024:views", "--plays-follow-prior", "--method", "likelihood", "--scheme", "duration=round(1s)", "--targets", "300", "--format", "json", "--bootstrap", "100");
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.prior).toBe("netflix-engagement-2023-2024:views");
    // ≈ 100 titles share each minute of runtime, but popular ones are both played and guessed more
    expect(j.success_at_1.value).toBeGreaterThan(0.05);
  });

  it("open world: --open-world 0.5 halves the in-catalog targets", () => {
    const r = fprisk("attack", "chinook-tracks", "--scheme", "duration=exact", "--targets", "400", "--open-world", "0.5", "--format", "json", "--bootstrap", "50");
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.open_world_share).toBe(0.5);
    expect(j.in_catalog / j.targets).toBeGreaterThan(0.45);
    expect(j.in_catalog / j.targets).toBeLessThan(0.55);
    expect(j.success_at_1.value).toBeLessThanOrEqual(j.in_catalog / j.targets);
  });

  it("library attacks: --method scoreboard and --plays with class (linkage) run and are scored", () => {
    const sb = fprisk("attack", "synthetic:video-library?titles=1000&seed=2", "--method", "scoreboard", "--plays", "4", "--libraries", "100", "--targets", "30", "--scheme", "duration=round(1s)", "--format", "json", "--bootstrap", "50");
    expect(sb.code, sb.stderr).toBe(0);
    const s = JSON.parse(sb.stdout);
    expect(s.method).toBe("scoreboard");
    expect(s.targets).toBe(30);
    for (const key of RATE_KEYS) expect(Object.keys(s[key])).toEqual(["value", "ci_low", "ci_high"]);
    const lk = fprisk("attack", "synthetic:video-library?titles=1000&seed=2", "--plays", "3", "--libraries", "100", "--targets", "30", "--scheme", "duration=round(1s)", "--format", "json", "--bootstrap", "50");
    expect(lk.code, lk.stderr).toBe(0);
    expect(JSON.parse(lk.stdout).method).toBe("linkage");
    const again = fprisk("attack", "synthetic:video-library?titles=1000&seed=2", "--plays", "3", "--libraries", "100", "--targets", "30", "--scheme", "duration=round(1s)", "--format", "json", "--bootstrap", "50");
    expect(again.stdout).toBe(lk.stdout);
  });

  it("scoreboard flags reach the attack: --wrong-plays, --duration-error, --mode, --phi", () => {
    const r = fprisk("attack", "synthetic:video-library?titles=1000&seed=2", "--method", "scoreboard", "--plays", "4", "--wrong-plays", "1", "--duration-error", "2s", "--mode", "entropic", "--phi", "1", "--libraries", "100", "--targets", "20", "--scheme", "duration=round(1s)", "--format", "json", "--bootstrap", "20");
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.targets).toBe(20);
    // a confident Scoreboard-RH answer is one whose eccentricity passed φ
    expect(j.threshold).toBe(1);
    expectUserError(fprisk("attack", "synthetic:video-library?titles=1000&seed=2", "--method", "scoreboard", "--scheme", "duration=round(1s)"), /--method scoreboard needs --plays: how many/);
  });

  it("--method average dispatches to the averaging attack and needs --reports", () => {
    const r = fprisk("attack", "synthetic:video-library?titles=500", "--method", "average", "--reports", "3", "--targets", "20", "--scheme", "duration=round(60s)", "--format", "json", "--bootstrap", "20");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).method).toBe("average");
    expectUserError(fprisk("attack", "synthetic:video-library?titles=500", "--method", "average", "--scheme", "duration=round(60s)"), /needs --reports/);
  });

  it("bad input exits 2 with one line", () => {
    expectUserError(fprisk("attack", "chinook-tracks", "--scheme", "duration=round(1s)", "--attacker", "nosuch-catalog"), /"nosuch-catalog" is neither a file nor a known dataset/);
    expectUserError(fprisk("attack", "chinook-tracks", "--scheme", "duration=round(1s)", "--tolerance", "duration=fast"), /--tolerance: "duration=fast" is not valid/);
    expectUserError(fprisk("attack", "chinook-tracks", "--scheme", "duration=round(1s)", "--prior", "netflix-engagement-2023-2024:nocolumn"), /has no column "nocolumn"/);
    expectUserError(fprisk("attack", "chinook-tracks", "--scheme", "duration=round(1s)", "--targets", "some"), /--targets must be a whole number/);
    expectUserError(fprisk("attack", "chinook-tracks", "--scheme", "resolution=class"), /needs width, height/);
    expectUserError(fprisk("attack", "chinook-tracks", "--scheme", "duration=round(1s)", "--open-world", "2"), /--open-world must be a share/);
    expectUserError(fprisk("attack", "chinook-tracks", "--scheme", "duration=round(1s)", "--attacker", "imdb-ggplot2movies", "--method", "scoreboard", "--plays", "2"), /victim's own catalog/);
  });
});
