import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../../cliHelpers.js";

describe("fprisk tune", () => {
  it("on Chinook and Spotify: the recommendation, why nothing finer, the frontier (JSON)", () => {
    const r = fprisk(["tune", "chinook-tracks", "spotify-popularity-2024", "--target", "title_unique_fraction<=0.01", "--space", "duration=round(1s)|round(5s)|round(15s)|round(1min),bitrate=exact|round(100kbps)|drop", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["targets", "space", "objective", "catalogs", "evaluated", "pruned", "frontier", "recommended"]);
    expect(out.catalogs.map((c: { source: string }) => c.source)).toEqual(["chinook-tracks", "spotify-popularity-2024"]);
    expect(out.evaluated + out.pruned).toBe(12);
    // Chinook needs 15 s to get under 1 % (T2 of the study); bitrate exact or at 100 kbps breaks it
    expect(out.recommended.scheme).toBe("duration=round(15s)");
    expect(out.recommended.metrics["chinook-tracks"].title_unique_fraction).toBeLessThanOrEqual(0.01);
    expect(out.recommended.binding).toMatchObject({ target: "title_unique_fraction<=0.01", catalog: "chinook-tracks" });
    const finer = out.recommended.finer.find((f: { attribute: string }) => f.attribute === "duration");
    expect(finer.choice).toBe("round(5s)");
    expect(finer.breaks.value).toBeGreaterThan(0.01);
    for (const f of out.frontier) expect(Object.keys(f)).toEqual(["scheme", "metrics", "objective", "meets"]);
    expect(out.frontier.some((f: { scheme: string }) => f.scheme === out.recommended.scheme)).toBe(true);
  });

  it("nothing qualifies: exit 0, recommended null and the closest scheme per target", () => {
    const r = fprisk(["tune", "chinook-tracks", "--target", "title_unique_fraction<=0", "--space", "duration=round(1s)|round(1min)", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.recommended).toBeNull();
    expect(out.closest).toHaveLength(1);
    expect(out.closest[0]).toMatchObject({ target: "title_unique_fraction<=0", scheme: "duration=round(1min)" });
  });

  it("text report and CSV", () => {
    const t = fprisk(["tune", "spotify-popularity-2024", "--target", "title_unique_fraction<=0.01", "--space", "duration=round(1s)|round(5s)|round(15s)"]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^recommended: duration=round\(5s\)$/m);
    expect(t.stdout).toMatch(/duration round\(1s\) → title_unique_fraction [0-9.]+ on spotify-popularity-2024 breaks title_unique_fraction<=0.01/);
    const c = fprisk(["tune", "spotify-popularity-2024", "--target", "kappa<=0.5", "--space", "duration=round(1s)|round(5s)", "--format", "csv"]);
    expect(c.stdout.split("\n")[0]).toBe("scheme,catalog,kappa,entropy_bits,objective,meets,frontier");
  });

  it("--plot and --html write the chart and a self-contained page", () => {
    const dir = tmp();
    const png = join(dir, "frontier.png");
    const html = join(dir, "frontier.html");
    const r = fprisk(["tune", "chinook-tracks", "--target", "title_unique_fraction<=0.01", "--space", "duration=round(1s)|round(15s)|round(1min)", "--plot", png, "--html", html]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
    const page = readFileSync(html, "utf8");
    expect(page).toContain("recommended: duration=round(15s)");
    expect(page).toContain("Plex-like 1 min / 1 Mbps / class");
    expect(page).not.toMatch(/https?:|src=|<link|url\(/);
  });

  it("usage errors stop before any catalog is read or file written", () => {
    const dir = tmp();
    const out = join(dir, "x.json");
    expectUserError(fprisk(["tune", "no-such-file.csv", "--target", "title_unique<=0.1", "--out", out]), /unknown metric title_unique/);
    expectUserError(fprisk(["tune", "no-such-file.csv", "--target", "kappa<=0.1", "--space", "duration=blur(3s)"]), /blur/, 4);
    expectUserError(fprisk(["tune", "no-such-file.csv", "--target", "kappa<=0.1", "--objective", "speed"]), /objective "speed"/);
    expectUserError(fprisk(["tune", "no-such-file.csv", "--target", "kappa<=0.1", "--plot", "x.jpg"]), /--plot: give a .png or .svg/);
    expect(existsSync(out)).toBe(false);
  });
});
