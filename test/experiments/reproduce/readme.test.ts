/**
 * Every generated sentence of the committed results page (results/README.md), recomputed
 * from the committed CSVs next to it: each number, and each direction ("more than",
 * "fall to", "needs more than 10 plays"). The recomputation here is independent of the
 * artifact code; only the number format (pct) is shared.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { pct } from "../../../src/experiments/reproduce/text.js";
import { repoRoot } from "../../helpers.js";

type Row = Record<string, string>;
const dir = join(repoRoot, "results");
const csv = (name: string): Row[] => parse(readFileSync(join(dir, `${name}.csv`)), { columns: true }) as Row[];
const num = (s: string | undefined): number => {
  expect(s, "a value the sentence needs is in the CSV").toBeDefined();
  return Number(s);
};

/** The generated paragraph of an artifact: the line after its italic caption. */
function paragraph(page: string, id: string): string {
  const section = page.split(/^## /m).find((s) => s.startsWith(`${id} — `));
  expect(section, id).toBeDefined();
  const lines = section!.split("\n");
  const caption = lines.findIndex((l) => l.startsWith("*") && l.endsWith("*"));
  return lines.slice(caption + 1).find((l) => l.trim() !== "")!;
}

const pp = (x: number) => `${Number((100 * x).toPrecision(2))}`;

describe("results/README.md: every generated sentence, recomputed from the CSVs", () => {
  let page: string;
  let catalogs: Row[];
  beforeAll(() => {
    page = readFileSync(join(dir, "README.md"), "utf8");
    catalogs = csv("t1-catalogs");
  });
  const itemsOf = (label: string) => Number(catalogs.find((c) => c.catalog === label)!.rows);

  it("F1: risk at 1 s and 1 min per catalog, and the model's largest gap from measured unique_fraction", () => {
    const text = paragraph(page, "F1");
    const rows = csv("f1-risk-vs-width");
    const panels = [...new Set(rows.map((r) => r.panel))];
    const expected = panels.map((panel) => {
      const own = rows.filter((r) => r.panel === panel && r.kind === "measured" && r.metric === "title_unique_fraction");
      const resolution = own.some((r) => r.resolution === "class") ? "class" : "not reported";
      const at = (w: number, b: string) => own.find((r) => Number(r.duration_width_s) === w && r.bitrate === b && r.resolution === resolution)?.value;
      const br = at(1, "round(100kbps)");
      return (
        `${panel} (${itemsOf(panel).toLocaleString("en-US")} items): rounding durations to 1 s leaves ${pct(num(at(1, "not reported")))} of items named outright when bitrate is not reported` +
        `${br === undefined ? "" : `, ${pct(num(br))} with bitrate rounded to 100 kbps`}; at 1 min, ${pct(num(at(60, "not reported")))}.`
      );
    });
    for (const s of expected) expect(text).toContain(s);
    // the gap: each model row (drawn under title_unique_fraction) against the measured unique_fraction of the same scheme
    const key = (r: Row) => [r.panel, r.duration_width_s, r.bitrate, r.resolution].join("|");
    const measured = new Map(rows.filter((r) => r.metric === "unique_fraction" && r.kind === "measured").map((r) => [key(r), Number(r.value)]));
    const worst = panels.map((panel) => {
      let best = { panel, gap: -1, row: undefined as Row | undefined, m: NaN };
      for (const r of rows.filter((x) => x.panel === panel && x.kind === "occupancy model" && x.metric === "title_unique_fraction")) {
        const m = measured.get(key(r));
        expect(m, `measured unique_fraction for ${key(r)}`).toBeDefined();
        const gap = Math.abs(Number(r.value) - m!);
        if (gap > best.gap) best = { panel, gap, row: r, m: m! };
      }
      return best;
    });
    expect(text).toContain(`The occupancy model's unique_fraction differs from the measured one by at most ${worst.map((g) => `${pp(g.gap)} percentage points on ${g.panel}`).join(", ")}; `);
    const top = worst.reduce((a, b) => (b.gap > a.gap ? b : a));
    expect(text).toContain(
      `the largest gap is on ${top.panel}, at a ${top.row!.duration_width_s} s duration width with bitrate ${top.row!.bitrate} (model ${pct(Number(top.row!.value))}, measured ${pct(top.m)}).`,
    );
  });

  it("F2: four plays under the finest and middle schemes, and how many plays the coarse one needs for half", () => {
    const text = paragraph(page, "F2");
    const rows = csv("f2-library-uniqueness-vs-plays");
    const at = (scheme: string, p: number) => num(rows.find((r) => r.scheme === scheme && Number(r.plays) === p)?.unique_fraction);
    const m = /^Four plays single out (.+?) of servers when durations are rounded to 1 s and bitrate to 10 kbps, and (.+?) under (\S+); (\S+) needs (.+?) plays to single out half of them \((.+?) at 10 plays\)\.$/.exec(text);
    expect(m, text).not.toBeNull();
    const [, finestShare, middleShare, middle, coarse, needs, coarseAt10] = m!;
    const finest = rows.find((r) => /duration=round\(1s\),bitrate=round\(10kbps\)/.test(r.scheme))!.scheme;
    expect(finestShare).toBe(pct(at(finest, 4)));
    expect(middleShare).toBe(pct(at(middle, 4)));
    expect(coarseAt10).toBe(pct(at(coarse, 10)));
    const plays = [...new Set(rows.map((r) => Number(r.plays)))].sort((a, b) => a - b);
    const first = plays.find((p) => at(coarse, p) >= 0.5);
    expect(needs).toBe(first === undefined ? `more than ${plays.at(-1)}` : String(first));
  });

  it("F3: success from 4 and 10 exact plays, the first k reaching half, wrong plays with ±14 s, the middle scheme", () => {
    const text = paragraph(page, "F3");
    const rows = csv("f3-scoreboard-vs-plays").filter((r) => r.measure === "re-identified");
    const panel = (wrong: number, err: number) => rows.filter((r) => Number(r.wrong_plays) === wrong && Number(r.duration_error_s) === err);
    const exact = panel(0, 0);
    const loose = panel(2, 14);
    const at = (rs: Row[], scheme: string, k: number) => num(rs.find((r) => r.scheme === scheme && Number(r.plays) === k)?.value);
    const [finest, middle] = [...new Set(rows.map((r) => r.scheme))];
    const ks = [...new Set(exact.map((r) => Number(r.plays)))].sort((a, b) => a - b);
    const last = ks.at(-1)!;
    const half = ks.find((k) => at(exact, finest, k) >= 0.5);
    expect(text).toBe(
      `With exact plays, Scoreboard-RH names ${pct(at(exact, finest, 4))} of servers from 4 plays and ${pct(at(exact, finest, last))} from ${last} ` +
        `under the finest scheme (${half === undefined ? `under half even at ${last} plays` : `at least half from k = ${half}`}); ` +
        `with 8 plays of which 2 are wrong and durations off by ±14 s it names ${pct(at(loose, finest, 8))} (N&S: 99 % of Netflix records with 8 ratings, 2 wrong, ±14 days). ` +
        `Under ${middle} it names ${pct(at(exact, middle, last))} from ${last} exact plays.`,
    );
  });

  it("F4: matches in and out of the set at φ = 1.5, and precision at the sample's and at a 10 % base rate", () => {
    const text = paragraph(page, "F4");
    const rows = csv("f4-eccentricity-open-world");
    const phi = 1.5;
    const schemes = [...new Set(rows.map((r) => r.scheme))];
    const summary = (scheme: string) => {
      const own = rows.filter((r) => r.scheme === scheme);
      const curve = (series: string) => num(own.find((r) => r.part === "precision_recall" && r.series === series && Number(r.eccentricity_from) === phi)?.value);
      const dist = own.filter((r) => r.part === "distribution");
      const groups = [...new Set(dist.map((r) => r.series))];
      expect(groups).toEqual(["in the attacker's set", "not in the set"]);
      // out-of-set targets answered at φ: their share in the bins from φ up (bins of 0.5 start at φ)
      const outMatched = dist.filter((r) => r.series === groups[1] && Number(r.eccentricity_from) >= phi).reduce((a, r) => a + Number(r.value), 0);
      const nIn = num(dist.find((r) => r.series === groups[0])?.targets);
      const nOut = num(dist.find((r) => r.series === groups[1])?.targets);
      return { inMatched: curve("recall"), outMatched, precision: curve("precision"), base: nIn / (nIn + nOut) };
    };
    const fine = summary(schemes[0]);
    const coarse = summary(schemes[1]);
    // precision at base rate π from a = correct share of in-set targets, c = answered share of out-of-set
    // ones and the sample's precision p0 (which gives a + b, the answered share of in-set targets)
    const aPlusB = (fine.base * fine.inMatched / fine.precision - (1 - fine.base) * fine.outMatched) / fine.base;
    const atBase = (pi: number) => (pi * fine.inMatched) / (pi * aPlusB + (1 - pi) * fine.outMatched);
    const near = (shown: string, x: number) => expect(shown, `${shown} vs ${x}`).toBe(pct(x));
    const m = /^At φ = 1\.5 with 4 plays, Scoreboard-RH correctly matches (.+?) of in-set targets and wrongly matches (.+?) of out-of-set targets under the finest scheme \((.+?) and (.+?) under (\S+)\)\. Its precision of (.+?) at a (.+?) base rate falls to (.+?) if only 10 % of observed servers were in the set\.$/.exec(text);
    expect(m, text).not.toBeNull();
    near(m![1], fine.inMatched);
    near(m![2], fine.outMatched);
    near(m![3], coarse.inMatched);
    near(m![4], coarse.outMatched);
    expect(m![5]).toBe(schemes[1]);
    near(m![6], fine.precision);
    near(m![7], fine.base);
    near(m![8], atBase(0.1));
    // "falls": a rarer presence in the set lowers precision
    expect(atBase(0.1)).toBeLessThan(fine.precision);
  });

  it("F5: one play and four plays as the catalog and the population grow, which hides more, and IMDb", () => {
    const text = paragraph(page, "F5");
    const rows = csv("f5-uniqueness-vs-catalog-size");
    const value = (panel: RegExp, scheme: string, size: number, metric: string) =>
      num(rows.find((r) => panel.test(r.panel) && r.scheme === scheme && Number(r.size) === size && r.metric === metric && r.kind === "measured")?.value);
    const plays = /^Synthetic releases/;
    const servers = /^Synthetic servers/;
    const sizes = [...new Set(rows.filter((r) => plays.test(r.panel)).map((r) => Number(r.size)))].sort((a, b) => a - b);
    const ms = [...new Set(rows.filter((r) => servers.test(r.panel)).map((r) => Number(r.size)))].sort((a, b) => a - b);
    const [fine, coarse, durationOnly] = [...new Set(rows.filter((r) => plays.test(r.panel)).map((r) => r.scheme))];
    const [n0, n1, m0, m1] = [sizes[0], sizes.at(-1)!, ms[0], ms.at(-1)!];
    const size = (n: number) => n.toLocaleString("en-US");
    const item = (scheme: string, n: number) => value(plays, scheme, n, "title_unique_fraction");
    const server = (scheme: string, m: number) => value(servers, scheme, m, "server_unique_fraction");
    expect(text).toContain(
      `On synthetic release catalogs, one play under ${fine} names the title for ${pct(item(fine, n0))} of ${size(n0)} files and ${pct(item(fine, n1))} of ${size(n1)} ` +
        `(${durationOnly} alone: ${pct(item(durationOnly, n0))} → ${pct(item(durationOnly, n1))}; ${coarse}: ${pct(item(coarse, n0))} → ${pct(item(coarse, n1))}). ` +
        `Four plays single out ${pct(server(fine, m0))} of ${size(m0)} servers and ${pct(server(fine, m1))} of ${size(m1)} under the first scheme ` +
        `(${pct(server(coarse, m0))} → ${pct(server(coarse, m1))} under the second)`,
    );
    // the same growth factor on both sides; "more" when the servers' share falls to the smaller fraction
    const factor = m1 / m0;
    const serverRatio = server(fine, m1) / server(fine, m0);
    const playRatio = item(fine, n0 * factor) / item(fine, n0);
    const verdict = serverRatio < playRatio ? "more than" : "less than";
    expect(text).toContain(
      `: a ${factor}-fold population hides a server ${verdict} a ${factor}-fold catalog hides one play ` +
        `(${pct(server(fine, m0))} → ${pct(server(fine, m1))} against ${pct(item(fine, n0))} → ${pct(item(fine, n0 * factor))}).`,
    );
    const imdb = rows.filter((r) => r.panel === "IMDb (runtimes in minutes)" && r.metric === "title_unique_fraction" && r.kind === "measured");
    const all = itemsOf("IMDb (runtimes in minutes)");
    const imdbAt = (n: number) => num(imdb.find((r) => Number(r.size) === n)?.value);
    expect(text).toContain(`On IMDb runtimes (whole minutes), one play names the title for ${pct(imdbAt(n0))} of ${size(n0)} films and ${pct(imdbAt(all))} of all ${size(all)}.`);
  });

  it("T1: catalogs, items in all, and which record whole minutes", () => {
    const minutes = catalogs.filter((c) => /^1 min/.test(c["duration precision"])).map((c) => c.catalog);
    const total = catalogs.reduce((a, c) => a + Number(c.rows), 0);
    expect(paragraph(page, "T1")).toBe(`${catalogs.length} catalogs, ${total.toLocaleString("en-US")} items in all; ${minutes.join(", ") || "none"} record${minutes.length === 1 ? "s" : ""} runtimes in whole minutes.`);
  });

  it("T1's caption says what happens to a missing duration: it is kept, as a class of its own", () => {
    const section = page.split(/^## /m).find((s) => s.startsWith("T1 — "))!;
    expect(section).toContain("a row with a missing duration is kept, its duration a class of its own");
    expect(section).not.toMatch(/missing duration are skipped/);
  });

  it("T2: the width that brings one play to at most 1 % with bitrate not reported, per catalog", () => {
    const rows = csv("t2-widths-for-targets").filter((r) => r.bitrate === "not reported");
    expect(paragraph(page, "T2")).toBe(`With bitrate not reported, one play names at most 1 % of items once durations are rounded to ${rows.map((r) => `${r["width for ≤ 1 %"]} (${r.catalog})`).join(", ")}.`);
  });

  it("T3: the Plex-like and coarse widths on the synthetic catalog, what falls, and the IMDb ceiling", () => {
    const text = paragraph(page, "T3");
    const rows = csv("t3-attacks-at-plex-widths");
    const v = (catalog: string, scheme: string, attack: RegExp) => num(rows.find((r) => r.catalog === catalog && r.scheme === scheme && attack.test(r.attack))?.value);
    const syn = "Synthetic video releases";
    const schemes = [...new Set(rows.filter((r) => r.catalog === syn).map((r) => r.scheme))];
    const [, plex, coarse] = schemes;
    const attacks = [/^class match/, /^linkage/, /^Scoreboard-RH/];
    const [c1, l1, s1] = attacks.map((a) => v(syn, plex, a));
    const [c2, l2, s2] = attacks.map((a) => v(syn, coarse, a));
    expect(text).toContain(
      `At the Plex-like widths (${plex}), one play names the synthetic title ${pct(c1)} of the time, while 4 linked plays single out ${pct(l1)} of servers ` +
        `and Scoreboard-RH re-identifies ${pct(s1)} despite wrong plays and ±14 s errors. At ${coarse} these fall to ${pct(c2)}, ${pct(l2)} and ${pct(s2)}.`,
    );
    // "fall": each is lower (or already zero) at the coarser widths
    for (const [before, after] of [
      [c1, c2],
      [l1, l2],
      [s1, s2],
    ]) expect(after < before || (after === 0 && before === 0)).toBe(true);
    const imdb = rows.filter((r) => r.catalog === "IMDb titles as release files" && r.value !== "");
    const best = Math.max(...imdb.map((r) => Number(r.value)));
    const nSchemes = new Set(imdb.map((r) => r.scheme)).size;
    expect(text).toContain(
      best === 0
        ? `An attacker holding only IMDb's minute runtimes names none of the ${imdb[0].targets} simulated IMDb release files it is shown, under any of the ${nSchemes} schemes.`
        : `An attacker holding only IMDb's minute runtimes names at most ${pct(best)} of simulated IMDb release files, whichever of the ${nSchemes} schemes and item attacks.`,
    );
  });
  it("F6: per catalog, the recommendation under 1 % and the Plex-like schemes that miss it", () => {
    const text = paragraph(page, "F6");
    const rows = csv("f6-tune-frontier");
    const panels = [...new Set(rows.map((r) => r.panel))];
    expect(panels.length).toBeGreaterThan(0);
    for (const panel of panels) {
      const own = rows.filter((r) => r.panel === panel);
      const rec = own.filter((r) => r.role === "recommended");
      expect(rec.length).toBeLessThanOrEqual(1);
      // the recommendation is the evaluated scheme meeting 1 % with the most bits
      const best = own.filter((r) => r.role !== "reference" && Number(r.title_unique_fraction) <= 0.01).sort((a, b) => Number(b.entropy_bits) - Number(a.entropy_bits))[0];
      if (best) expect(Number(rec[0].entropy_bits)).toBe(Number(best.entropy_bits));
      const recText = rec.length
        ? `the most detailed scheme under 1 % is ${rec[0].scheme} (${num(rec[0].entropy_bits).toFixed(2)} bits, ${pct(num(rec[0].title_unique_fraction))})`
        : "no scheme of the space meets 1 %";
      const refs = own.filter((r) => r.role === "reference");
      const missing = refs.filter((r) => Number(r.title_unique_fraction) > 0.01);
      const refText = missing.length
        ? `${missing.length} of ${refs.length} Plex-like schemes ${missing.length === 1 ? "misses" : "miss"} the target (${missing.map((r) => `${r.label}: ${pct(num(r.title_unique_fraction))}`).join("; ")})`
        : `all ${refs.length} Plex-like schemes meet it`;
      expect(text).toContain(`${panel}: ${recText}; ${refText}.`);
    }
  });

  it("T4: on all catalogs together, the recommendation per target, and how often no Plex-like scheme meets the target", () => {
    const text = paragraph(page, "T4");
    const rows = csv("t4-tuned-schemes");
    const sets = [...new Set(rows.map((r) => r.catalogs))];
    const together = rows.filter((r) => r.catalogs === sets[sets.length - 1]);
    const parts = together.map((r) => {
      const plex = r.plex_like_meeting ? `Plex-like schemes that meet it: ${r.plex_like_meeting}` : "no Plex-like scheme meets it";
      return r.recommended
        ? `for ${r.target} the most detailed scheme is ${r.recommended} (${num(r.entropy_bits).toFixed(2)} bits summed; binding on ${r.binding_catalog} at ${pct(num(r.binding_value))}); ${plex}`
        : `for ${r.target} no scheme of the space qualifies; ${plex}`;
    });
    expect(text).toContain(`On all catalogs together, ${parts.join("; ")}.`);
    // the binding value meets its target (the recommendation qualifies)
    for (const r of rows.filter((x) => x.recommended)) expect(num(r.binding_value)).toBeLessThanOrEqual(Number(r.target.split("<=")[1]));
    const none = rows.filter((r) => !r.plex_like_meeting).length;
    expect(text).toContain(`In ${none} of ${rows.length} catalog-set and target combinations no Plex-like scheme meets the target.`);
  });
});
