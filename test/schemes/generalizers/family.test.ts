import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { makeCatalog, type Catalog } from "../../../src/catalog/catalog.js";
import { codecFamily, family } from "../../../src/schemes/generalizers/family.js";
import { duckdbTrim } from "../../../src/sources/sqlTrim.js";
import { bucketKeys, bucketLabel, explainNesting, formatScheme, generalizerOf, nests, parseScheme, SchemeError } from "../../../src/schemes/index.js";
import { partition } from "../../../src/engine/partition.js";
import { fprisk, tmp } from "../../cliHelpers.js";

function codecCatalog(codecs: string[]): Catalog {
  const n = codecs.length;
  return makeCatalog({ source: "test", rows: n, titleCodes: Int32Array.from(codecs, (_, i) => i), titleNames: codecs.map((_, i) => `t${i}`), numeric: {}, text: { codec: codecs } });
}

const familyPart = parseScheme("codec=family").parts[0];
const exactPart = parseScheme("codec=exact").parts[0];
const labels = (part: typeof familyPart, codecs: string[]) => Array.from(bucketKeys(part, codecCatalog(codecs)), (k) => bucketLabel(part, k));

describe("codec=family", () => {
  it("maps the spellings of a format to its family, others to their lower-cased name", () => {
    expect(labels(familyPart, ["avc1", "H264 ", "h264", "hevc", "hvc1", "", "  ", "prores", "PRORES", "mpeg2video", "xvid", "ec-3", "vp09", "av01"])).toEqual([
      "H.264",
      "H.264",
      "H.264",
      "HEVC",
      "HEVC",
      "not reported",
      "not reported",
      "prores",
      "prores",
      "MPEG-2",
      "MPEG-4 Part 2",
      "E-AC-3",
      "VP9",
      "AV1",
    ]);
    // exact keeps every spelling apart
    expect(labels(exactPart, ["avc1", "h264", "H264 ", ""])).toEqual(["avc1", "h264", "H264 ", "not reported"]);
  });

  it("gives equal keys exactly to names of one family, on any catalog", () => {
    const name = fc.oneof(
      fc.constantFrom("h264", "avc1", "AVC", "hevc", "H265", "hev1", "vp9", "av1", "aac", "mp4a", "ac3", "eac3", "dts", "flac", "opus", "vorbis", "mp3", "", " "),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 40 }), (codecs) => {
        const keys = bucketKeys(familyPart, codecCatalog(codecs));
        for (let i = 0; i < codecs.length; i++) {
          const blank = codecs[i].trim() === "";
          expect(Number.isNaN(keys[i])).toBe(blank);
          if (!blank) expect(bucketLabel(familyPart, keys[i])).toBe(codecFamily(codecs[i]));
          for (let j = 0; j < codecs.length; j++) {
            if (blank || codecs[j].trim() === "") continue;
            expect(keys[i] === keys[j]).toBe(codecFamily(codecs[i]) === codecFamily(codecs[j]));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("parses, prints canonically and applies to codec only", () => {
    expect(parseScheme("codec = Family, duration=round(1s)")).toEqual({
      parts: [
        { attribute: "duration", generalizer: { kind: "round", width: 1000 } },
        { attribute: "codec", generalizer: { kind: "family" } },
      ],
    });
    expect(formatScheme(parseScheme("codec=family,duration=round(1000ms)"))).toBe("duration=round(1s),codec=family");
    expect(() => parseScheme("container=family")).toThrow(SchemeError);
    expect(() => parseScheme("container=family")).toThrow("family does not apply to container (family is only for codec) — container takes exact, drop");
    expect(() => parseScheme("codec=family(2)")).toThrow("family takes no arguments — write family");
    expect(() => parseScheme("codec=round(1s)")).toThrow("codec takes exact, family, drop");
  });

  it("nests: exact ⊑ family ⊑ drop, and not the other way", () => {
    const s = parseScheme;
    expect(nests(s("codec=exact"), s("codec=family"))).toBe(true);
    expect(nests(s("codec=family"), s("codec=family"))).toBe(true);
    expect(nests(s("codec=family"), s("none"))).toBe(true);
    expect(nests(s("codec=family"), s("codec=exact"))).toBe(false);
    expect(explainNesting(s("codec=family"), s("codec=exact"))).toBe("codec: family does not refine exact");
    // the claim holds on catalogs: equal exact keys ⇒ equal family keys
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom("h264", "avc1", "HEVC", "hvc1", ""), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 50 }), (codecs) => {
        const cat = codecCatalog(codecs);
        const e = bucketKeys(exactPart, cat);
        const f = bucketKeys(familyPart, cat);
        const seen = new Map<number, number>();
        for (let i = 0; i < codecs.length; i++) {
          if (e[i] !== e[i]) {
            expect(f[i]).toBeNaN();
            continue;
          }
          const prev = seen.get(e[i]);
          if (prev === undefined) seen.set(e[i], f[i]);
          else expect(f[i]).toBe(prev);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is row-local: the engine keys a large catalog chunk by chunk to the same classes", () => {
    const names = ["h264", "avc1", "hevc", "", "vp9", "prores"];
    const codecs = Array.from({ length: 70_000 }, (_, i) => names[(i * 7 + (i >> 9)) % names.length]);
    const cat = codecCatalog(codecs);
    expect(family.rowLocal).toBe(true);
    const p = partition(cat, parseScheme("codec=family"));
    expect(p.classCount).toBe(5); // H.264, HEVC, not reported, VP9, prores
    const keys = bucketKeys(familyPart, cat);
    const classOfKey = new Map<string, number>();
    for (let i = 0; i < codecs.length; i++) {
      const k = String(keys[i]);
      const c = classOfKey.get(k);
      if (c === undefined) classOfKey.set(k, p.classOf[i]);
      else expect(p.classOf[i]).toBe(c);
    }
  });

  it("has no value interval, key width or chart width, and compiles to SQL", () => {
    expect(family.interval).toBeNull();
    expect(family.keyWidth({ kind: "family" })).toBe(0);
    expect(family.chartWidth({ kind: "family" }, 1)).toBeNull();
    const sql = generalizerOf({ kind: "family" }).sql({ kind: "family" }, "codec", (f) => `"${f}"`);
    const name = `lower(${duckdbTrim('"codec"')})`; // without a dialect, DuckDB's spelling of JavaScript's trim
    expect(sql).toContain(`WHEN ${name} IN ('h264', 'avc1', 'avc', 'avc3') THEN 'H.264'`);
    expect(sql.endsWith(`ELSE ${name} END)`)).toBe(true);
    const spelled = generalizerOf({ kind: "family" }).sql({ kind: "family" }, "codec", (f) => f, undefined, { trim: (x) => `T(${x})` });
    expect(spelled).toMatch(/^\(CASE WHEN lower\(T\(codec\)\) = '' THEN NULL /);
    expect(spelled).not.toContain("trim(");
  });

  it("works end to end: fprisk evaluate with duration=round(1s),codec=family", () => {
    const dir = tmp();
    const file = join(dir, "library.csv");
    writeFileSync(
      file,
      ["title,duration_s,codec", "A,100.2,h264", "B,100.4,avc1", "C,100.1,hevc", "D,200,hvc1", "E,200.3,h265", "F,300,"].join("\n") + "\n",
    );
    const r = fprisk(["evaluate", file, "--scheme", "duration=round(1s),codec=family", "--scheme", "duration=round(1s),codec=exact", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const { results } = JSON.parse(r.stdout) as { results: { scheme: string; metrics: Record<string, number> }[] };
    expect(results.map((x) => x.scheme)).toEqual(["duration=round(1s),codec=family", "duration=round(1s),codec=exact"]);
    // family: {A, B} (100 s, H.264), {C} (100 s, HEVC), {D, E} (200 s, HEVC), {F} (300 s, not reported)
    expect(results[0].metrics.classes).toBe(4);
    // exact: A, B, C apart at 100 s; D and E apart at 200 s; F
    expect(results[1].metrics.classes).toBe(6);
  });
});
