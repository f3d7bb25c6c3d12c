import { describe, expect, it } from "vitest";
import { ATTRIBUTES, ATTRIBUTE_SHAPE, GENERALIZERS, allowedGeneralizers, generalizerOf, parseScheme, formatScheme, type GeneralizerDef } from "../../../src/schemes/index.js";
import type { ExactGeneralizer } from "../../../src/schemes/generalizers/exact.js";
import { exact } from "../../../src/schemes/generalizers/exact.js";

/** Every capability a GeneralizerDef has, with what its value must be. */
const CAPABILITIES: Record<keyof GeneralizerDef<{ kind: string }>, "string" | "boolean" | "array" | "function" | "function|null"> = {
  kind: "string",
  syntax: "string",
  attributes: "array",
  randomized: "boolean",
  rowLocal: "boolean",
  parse: "function",
  format: "function",
  same: "function",
  scalarKeys: "function|null",
  pairKeys: "function|null",
  textKeys: "function|null",
  fit: "function|null",
  label: "function",
  interval: "function|null",
  keyWidth: "function",
  chartWidth: "function",
  refines: "function",
  refinedBy: "function",
  sql: "function",
};

describe("the generalizer registry", () => {
  it.each(GENERALIZERS.map((d) => [d.kind, d] as const))("%s implements every capability", (_kind, def) => {
    const record = def as unknown as Record<string, unknown>;
    for (const [name, type] of Object.entries(CAPABILITIES)) {
      expect(Object.hasOwn(record, name), `${def.kind}.${name}`).toBe(true);
      const v = record[name];
      if (type === "array") expect(Array.isArray(v), `${def.kind}.${name}`).toBe(true);
      else if (type === "function|null") expect(v === null || typeof v === "function", `${def.kind}.${name}`).toBe(true);
      else expect(typeof v, `${def.kind}.${name}`).toBe(type);
    }
    // no capability beyond the interface (a typo would otherwise pass unnoticed)
    expect(Object.keys(record).sort()).toEqual(Object.keys(CAPABILITIES).sort());
  });

  it("kinds are unique and each is found by generalizerOf", () => {
    const kinds = GENERALIZERS.map((d) => d.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const d of GENERALIZERS) expect(generalizerOf(d.kind)).toBe(d);
  });

  it("an unknown kind is an error, never a silent default", () => {
    expect(() => generalizerOf("median" as never)).toThrow('unknown generalizer kind "median"');
  });

  it("every generalizer applies to at least one attribute, and keys the shape of each", () => {
    for (const d of GENERALIZERS) {
      expect(d.attributes.length, d.kind).toBeGreaterThan(0);
      for (const a of d.attributes) {
        expect(ATTRIBUTES).toContain(a);
        const keys = { scalar: d.scalarKeys, pair: d.pairKeys, text: d.textKeys }[ATTRIBUTE_SHAPE[a]];
        expect(keys, `${d.kind} on ${a}`).not.toBeNull();
      }
    }
    for (const a of ATTRIBUTES) for (const k of allowedGeneralizers(a)) expect(generalizerOf(k).attributes).toContain(a);
  });

  it("every generalizer's syntax parses and prints back canonically on every attribute it takes", () => {
    const unit: Record<string, string> = { duration: "s", bitrate: "kbps", resolution: "px", fps: "", size: "MB", codec: "", container: "" };
    const example: Record<string, (u: string) => string> = {
      round: (u) => `round(3${u})`,
      floor: (u) => `floor(3${u})`,
      sig: () => "sig(2)",
      log: () => "log(10%)",
      quantile: () => "quantile(4)",
      ladder: (u) => `ladder(1,3${u})`,
      geom: (u) => `geom(3${u},scale=2,seed=1)`,
      rround: (u) => `rround(3${u},seed=1)`,
    };
    for (const d of GENERALIZERS) {
      for (const a of d.attributes) {
        const text = example[d.kind]?.(unit[a]) ?? d.kind;
        const s = parseScheme(`${a}=${text}`);
        expect(s.parts[0].generalizer.kind).toBe(d.kind);
        expect(parseScheme(formatScheme(s))).toEqual(s);
      }
    }
  });

  it("the compiler rejects a generalizer that omits a capability", () => {
    // Type-level: `npm run typecheck` fails if this object stops being an error.
    // @ts-expect-error — `sql` (and any other capability) is required, not optional
    const incomplete: GeneralizerDef<ExactGeneralizer> = { ...exact, sql: undefined };
    // @ts-expect-error — leaving a capability out altogether is an error too
    const missing: GeneralizerDef<ExactGeneralizer> = (({ interval: _interval, ...rest }) => rest)(exact);
    expect(incomplete.kind).toBe("exact");
    expect(missing.kind).toBe("exact");
  });
});
