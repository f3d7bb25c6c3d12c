import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { Rng, cumulative, normalQuantile } from "../../../src/base/random.js";
import {
  BITRATE_MEDIAN_KBPS,
  FILM_FPS,
  FLAG_ALT_CUT,
  FLAG_PAL,
  RESOLUTION_SHARES,
  generateVideoLibrary,
  generateVideoLibraryWithTruth,
  loadSynthetic,
  parseSyntheticUri,
} from "../../../src/sources/synthetic/synthetic.js";
import type { Catalog } from "../../../src/catalog/catalog.js";

function columnHash(c: Catalog): string {
  const h = createHash("sha256");
  h.update(Buffer.from(c.titleCodes.buffer, c.titleCodes.byteOffset, c.titleCodes.byteLength));
  for (const k of Object.keys(c.numeric).sort()) {
    const col = c.numeric[k as keyof Catalog["numeric"]]!;
    h.update(k);
    h.update(Buffer.from(col.buffer, col.byteOffset, col.byteLength));
  }
  h.update(c.titleNames.join("\n"));
  return h.digest("hex");
}

/** Resolution class from the frame alone, robust to letterbox and pillarbox crops. */
function classOf(w: number, h: number): number {
  const e = Math.max(w, (h * 16) / 9);
  return e >= 3000 ? 3 : e >= 1700 ? 2 : e >= 1100 ? 1 : 0;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe("Rng", () => {
  it("is deterministic, seed-sensitive and uniform enough", () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xa);
    const r = new Rng(7);
    let sum = 0, sum2 = 0, min = 1, max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
      const z = r.normal();
      sum2 += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum2 / n).toBeCloseTo(1, 1);
  });
  it("streams of one seed are independent; large seeds use their high bits", () => {
    expect(new Rng(5, 1).next()).not.toBe(new Rng(5, 2).next());
    expect(new Rng(2 ** 40).next()).not.toBe(new Rng(0).next());
  });
  it("int and pick stay in range and follow the weights", () => {
    const r = new Rng(3);
    const cdf = cumulative([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const k = r.int(6);
      expect(k >= 0 && k < 6).toBe(true);
      counts[r.pick(cdf)]++;
    }
    expect(counts[1]).toBe(0);
    expect(counts[2] / 40_000).toBeCloseTo(0.75, 1);
  });
  it("normalQuantile is the inverse normal CDF", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 6);
    expect(normalQuantile(0.8413447460685429)).toBeCloseTo(1, 7);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361341, 5); // tail branch
    expect(normalQuantile(1 - 1e-6)).toBeCloseTo(4.753424, 5);
    expect(normalQuantile(0.3)).toBeCloseTo(-normalQuantile(0.7), 12);
  });

  it("pins its output: a change here changes every synthetic result", () => {
    const r = new Rng(1);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toMatchInlineSnapshot(`
      [
        752893577,
        3065710894,
        2644409071,
      ]
    `);
  });
});

describe("synthetic URIs", () => {
  it("canonical source: parameters sorted, defaults filled", () => {
    expect(parseSyntheticUri("synthetic:video-library?titles=100&seed=3").canonical).toBe("synthetic:video-library?seed=3&titles=100");
    expect(parseSyntheticUri("synthetic:video-library").canonical).toBe("synthetic:video-library?seed=1&titles=20000");
    expect(parseSyntheticUri("synthetic:video-library?rows=500").canonical).toBe("synthetic:video-library?rows=500&seed=1");
    expect(loadSynthetic("synthetic:video-library?titles=10&seed=2").source).toBe("synthetic:video-library?seed=2&titles=10");
  });

  const bad: [string, RegExp][] = [
    ["synthetic:music-library?titles=5", /unknown synthetic generator "music-library".*video-library/],
    ["synthetic:?titles=5", /unknown synthetic generator "".*video-library/],
    ["synthetic:video-library?films=5", /unknown parameter "films".*valid: rows, seed, titles/],
    ["synthetic:video-library?titles=1.5", /"titles" must be a whole number.*"1\.5"/],
    ["synthetic:video-library?titles=1e6", /"titles" must be a whole number.*"1e6"/],
    ["synthetic:video-library?seed=-1", /"seed" must be a whole number.*"-1"/],
    ["synthetic:video-library?seed=abc", /"seed" must be a whole number.*"abc"/],
    ["synthetic:video-library?titles=", /"titles" must be a whole number/],
    ["synthetic:video-library?titles=0", /"titles" must be from 1/],
    ["synthetic:video-library?rows=999999999999", /"rows" must be from 1 to 100000000/],
    ["synthetic:video-library?titles=5&rows=5", /either titles or rows, not both/],
    ["synthetic:video-library?seed=1&seed=2", /"seed" is given twice/],
    ["synthetic:video-library?constructor=1", /unknown parameter "constructor"/],
  ];
  for (const [uri, re] of bad) {
    it(`refuses ${uri}`, () => {
      let err: unknown;
      try {
        loadSynthetic(uri);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(re);
    });
  }
});

describe("video-library generator", () => {
  it("the same URI gives byte-identical columns; another seed differs", () => {
    const a = loadSynthetic("synthetic:video-library?titles=3000&seed=11");
    const b = loadSynthetic("synthetic:video-library?seed=11&titles=3000");
    const c = loadSynthetic("synthetic:video-library?titles=3000&seed=12");
    expect(columnHash(a)).toBe(columnHash(b));
    expect(columnHash(a)).not.toBe(columnHash(c));
    expect(Buffer.compare(Buffer.from(a.numeric.duration_ms!.buffer), Buffer.from(c.numeric.duration_ms!.buffer))).not.toBe(0);
  });

  it("pins a small library: a change here changes every synthetic result", () => {
    const c = generateVideoLibrary({ titles: 3, seed: 1 });
    const rows = Array.from({ length: c.rows }, (_, i) => [
      c.titleNames[c.titleCodes[i]],
      c.numeric.duration_ms![i],
      c.numeric.bitrate_kbps![i],
      `${c.numeric.width![i]}x${c.numeric.height![i]}`,
      +c.numeric.fps![i].toFixed(3),
    ]);
    expect(rows).toMatchInlineSnapshot(`
      [
        [
          "Title 0000001 (2014)",
          5052089,
          920.715,
          "720x480",
          23.976,
        ],
        [
          "Title 0000001 (2014)",
          5053090,
          6147.924,
          "1920x1038",
          23.976,
        ],
        [
          "Title 0000001 (2014)",
          5054758,
          2673.676,
          "1280x688",
          23.976,
        ],
        [
          "Title 0000001 (2014)",
          5051922,
          3667.213,
          "1920x1040",
          23.976,
        ],
        [
          "Title 0000001 (2014)",
          5064685,
          7131.92,
          "1920x1038",
          23.976,
        ],
        [
          "Title 0000001 (2014)",
          5056093,
          6576.296,
          "1920x1038",
          23.976,
        ],
        [
          "Title 0000002 (2021)",
          5753665,
          7422.103,
          "1920x804",
          23.976,
        ],
        [
          "Title 0000002 (2021)",
          5738608,
          5770.886,
          "1920x800",
          23.976,
        ],
        [
          "Series 000001 S01E01 (1994)",
          2816947,
          13424.091,
          "1480x1080",
          29.97,
        ],
      ]
    `);
  });

  it("titles=N has N titles, each with 1–6 consecutive releases", () => {
    const c = generateVideoLibrary({ titles: 5000, seed: 2 });
    expect(c.titleNames).toHaveLength(5000);
    expect(new Set(c.titleNames).size).toBe(5000);
    const per = new Int32Array(5000);
    for (let i = 0; i < c.rows; i++) {
      per[c.titleCodes[i]]++;
      if (i > 0) expect(c.titleCodes[i] - c.titleCodes[i - 1]).toBeGreaterThanOrEqual(0);
    }
    expect(Math.min(...per)).toBe(1);
    expect(Math.max(...per)).toBe(6);
    // mean 2.53 releases a title; sd of the mean over 5000 titles ≈ 0.022
    expect(c.rows / 5000).toBeGreaterThan(2.45);
    expect(c.rows / 5000).toBeLessThan(2.61);
    for (const col of Object.values(c.numeric)) {
      expect(col).toHaveLength(c.rows);
      expect(col!.some((x) => !Number.isFinite(x) || x <= 0)).toBe(false);
    }
    expect(c.titleNames[0]).toMatch(/^(Title \d{7}|Series \d{6} S\d\dE\d\d) \(\d{4}\)$/);
  });

  it("rows=N gives exactly N rows, and shares its prefix with titles=M", () => {
    for (const n of [1, 2, 7, 12_345]) expect(generateVideoLibrary({ rows: n, seed: 9 }).rows).toBe(n);
    const byRows = generateVideoLibrary({ rows: 1000, seed: 9 });
    const byTitles = generateVideoLibrary({ titles: 1000, seed: 9 });
    const full = byRows.titleNames.length - 1; // the last title may be cut short
    const end = byRows.titleCodes.indexOf(full);
    expect(Array.from(byRows.numeric.duration_ms!.subarray(0, end))).toEqual(Array.from(byTitles.numeric.duration_ms!.subarray(0, end)));
    expect(byRows.titleNames).toEqual(byTitles.titleNames.slice(0, byRows.titleNames.length));
  });

  const { catalog: lib, truth } = generateVideoLibraryWithTruth({ titles: 40_000, seed: 5 });
  const dur = lib.numeric.duration_ms!;
  const n = lib.rows;

  it("releases of one title have near but not identical durations", () => {
    let pairs = 0, identical = 0, far = 0;
    for (let i = 1; i < n; i++) {
      if (lib.titleCodes[i] !== lib.titleCodes[i - 1]) continue;
      // compare releases at the same speed and of the same cut
      if ((truth.rowFlags[i] | truth.rowFlags[i - 1]) & (FLAG_PAL | FLAG_ALT_CUT)) continue;
      pairs++;
      const d = Math.abs(dur[i] - dur[i - 1]);
      if (d === 0) identical++;
      if (d > 60_000) far++;
    }
    expect(pairs).toBeGreaterThan(40_000);
    expect(far).toBe(0); // trims and logos: seconds, never a minute
    expect(identical / pairs).toBeLessThan(0.01); // same millisecond only by frame coincidence
  });

  it("resolution classes follow the documented shares (from frame sizes alone)", () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[classOf(lib.numeric.width![i], lib.numeric.height![i])]++;
    // ≈ 100k rows: a share's standard error is ≤ 0.0016; allow 0.01
    counts.forEach((c, k) => expect(Math.abs(c / n - RESOLUTION_SHARES[k]), `class ${k}`).toBeLessThan(0.01));
  });

  it("letterbox crops appear, only for titles with that aspect", () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = `${lib.numeric.width![i]}x${lib.numeric.height![i]}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const aspect = truth.titleAspect[lib.titleCodes[i]];
      if (key === "1920x800" || key === "1920x804") expect(aspect).toBe(2);
      if (key === "1920x1038" || key === "1920x1040") expect(aspect).toBe(1);
    }
    for (const f of ["1920x800", "1920x804", "1920x1038", "1920x1040", "1280x536", "3840x1600", "1440x1080", "720x576", "720x480"]) {
      expect(seen.get(f) ?? 0, f).toBeGreaterThan(100);
    }
    // a 2.39 film has both cropped and full-frame releases somewhere in the library
    expect(seen.get("1920x1080")! / n).toBeGreaterThan(0.15);
  });

  it("PAL speed-up: exactly ×23.976/25 of the film cut, so 4.1 % shorter than the runtime", () => {
    let pal = 0;
    const ratios: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!(truth.rowFlags[i] & FLAG_PAL)) continue;
      pal++;
      expect(lib.numeric.fps![i]).toBe(25);
      expect(truth.rowSourceFps[i]).toBe(FILM_FPS);
      const frames = truth.rowFrames[i];
      expect(dur[i]).toBe(frames * 40); // 25 fps: 40 ms a frame, no rounding
      const filmMs = (frames * 1000) / FILM_FPS;
      expect(Math.abs(dur[i] / filmMs - 24000 / 1001 / 25)).toBeLessThan(1e-12);
      // films only (≥ 60 min), so seconds of jitter stay below 1 %
      const film = truth.titleKind[lib.titleCodes[i]] === 0;
      if (film && !(truth.rowFlags[i] & FLAG_ALT_CUT)) ratios.push(dur[i] / truth.titleRuntimeMs[lib.titleCodes[i]]);
    }
    expect(pal / n).toBeGreaterThan(0.02);
    expect(pal / n).toBeLessThan(0.06);
    // against the canonical runtime: shorter, by 4.1 % give or take seconds of jitter
    expect(Math.abs(median(ratios) - 0.95904)).toBeLessThan(0.002);
    expect(Math.max(...ratios)).toBeLessThan(0.97);
    expect(Math.min(...ratios)).toBeGreaterThan(0.95);
  });

  it("non-PAL durations are whole frames at their rate, rounded to the millisecond", () => {
    for (let i = 0; i < 5000; i++) {
      if (truth.rowFlags[i] & FLAG_PAL) continue;
      expect(dur[i]).toBe(Math.round((truth.rowFrames[i] * 1000) / lib.numeric.fps![i]));
    }
    const rates = new Set(Array.from(lib.numeric.fps!, (x) => x.toFixed(3)));
    expect([...rates].sort()).toEqual(["23.976", "24.000", "25.000", "29.970"]);
  });

  it("film runtimes centre near 100 min with sd ≈ 20; episodes near 22 and 44 min", () => {
    const films: number[] = [];
    const episodes: number[] = [];
    for (let t = 0; t < lib.titleNames.length; t++) {
      const m = truth.titleRuntimeMs[t] / 60_000;
      (truth.titleKind[t] ? episodes : films).push(m);
    }
    const mean = films.reduce((a, b) => a + b, 0) / films.length;
    const sd = Math.sqrt(films.reduce((a, b) => a + (b - mean) ** 2, 0) / films.length);
    expect(mean).toBeGreaterThan(99);
    expect(mean).toBeLessThan(106);
    expect(sd).toBeGreaterThan(17);
    expect(sd).toBeLessThan(23);
    expect(median(films)).toBeGreaterThan(mean - 6); // right-skewed: median below mean
    expect(median(films)).toBeLessThan(mean);
    expect(Math.min(...films)).toBeGreaterThanOrEqual(60);
    expect(episodes.length / lib.titleNames.length).toBeCloseTo(0.25, 1);
    // two slots, 22 and 44 min, with ≈ 9 % spread: they barely meet at √(22·44) ≈ 31 min
    expect(Math.min(...episodes)).toBeGreaterThan(12);
    expect(Math.max(...episodes)).toBeLessThan(80);
    const half = episodes.filter((m) => m > 17 && m < 28).length / episodes.length;
    const hour = episodes.filter((m) => m > 34 && m < 56).length / episodes.length;
    // series-level draws (≈ 80 episodes each): few independent units, so loose bounds
    expect(half).toBeGreaterThan(0.25);
    expect(hour).toBeGreaterThan(0.45);
    expect(half + hour).toBeGreaterThan(0.97);
  });

  it("bitrate medians per class match the documented ones", () => {
    const byClass: number[][] = [[], [], [], []];
    for (let i = 0; i < n; i++) byClass[truth.rowClass[i]].push(lib.numeric.bitrate_kbps![i]);
    byClass.forEach((v, k) => {
      expect(Math.abs(median(v) / BITRATE_MEDIAN_KBPS[k] - 1), `class ${k}`).toBeLessThan(0.05);
    });
    // ordered: SD < 720p < 1080p < 2160p
    expect(median(byClass[0])).toBeLessThan(median(byClass[1]));
    expect(median(byClass[2])).toBeLessThan(median(byClass[3]));
  });

  it("declares its precision and provenance", () => {
    expect(lib.precision.duration_ms).toBe(1);
    expect(lib.precision.bitrate_kbps).toBe(0.001);
    expect(lib.provenance.duration_ms).toMatch(/synthetic/);
    expect(lib.source).toBe("synthetic:video-library?seed=5&titles=40000");
  });
});

describe("generateVideoLibrary memory", () => {
  it("builds title codes and numeric columns in shared memory, so the engine's threads read them without a copy", () => {
    const catalog = generateVideoLibrary({ rows: 500, seed: 4 });
    expect(catalog.titleCodes.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const col of Object.values(catalog.numeric)) expect(col!.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});
