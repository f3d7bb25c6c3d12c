import { describe, expect, it } from "vitest";
import * as schemes from "../../src/schemes/index.js";
import * as format from "../../src/schemes/format.js";
import * as generalize from "../../src/schemes/generalize.js";
import * as nesting from "../../src/schemes/nesting.js";
import * as noise from "../../src/schemes/noise.js";
import * as parse from "../../src/schemes/parse.js";
import * as registry from "../../src/schemes/generalizers/registry.js";
import * as types from "../../src/schemes/types.js";

describe("the schemes entry point", () => {
  it("re-exports every value of types, parse, format, generalize, nesting and noise, the same objects", () => {
    for (const mod of [types, parse, format, generalize, nesting, noise]) {
      for (const [name, value] of Object.entries(mod)) expect(schemes[name as keyof typeof schemes], name).toBe(value);
    }
  });

  it("re-exports the registry's public values and nothing else of it", () => {
    for (const name of ["ALLOWED_GENERALIZERS", "GENERALIZERS", "GENERALIZER_KINDS", "allowedGeneralizers", "generalizerOf", "isRandomized"] as const) {
      expect(schemes[name], name).toBe(registry[name]);
    }
    const own = new Set([types, parse, format, generalize, nesting, noise].flatMap((m) => Object.keys(m)));
    const fromRegistry = Object.keys(schemes).filter((k) => !own.has(k));
    expect(fromRegistry.sort()).toEqual(["ALLOWED_GENERALIZERS", "GENERALIZERS", "GENERALIZER_KINDS", "allowedGeneralizers", "generalizerOf", "isRandomized"]);
  });

  it("parses and prints through the entry point", () => {
    expect(schemes.formatScheme(schemes.parseScheme("bitrate=exact, duration=round(60s)"))).toBe("duration=round(1min),bitrate=exact");
  });
});
