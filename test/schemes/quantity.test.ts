import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBitrateKbps, parseDurationMs, parseSizeBytes } from "../../src/catalog/units.js";
import { formatQuantity, unitKindOf } from "../../src/schemes/quantity.js";

describe("unitKindOf", () => {
  it("names the unit kind of duration, bitrate and size; none for resolution, fps and text", () => {
    expect(unitKindOf("duration")).toBe("duration");
    expect(unitKindOf("bitrate")).toBe("bitrate");
    expect(unitKindOf("size")).toBe("size");
    expect(unitKindOf("resolution")).toBeUndefined();
    expect(unitKindOf("fps")).toBeUndefined();
    expect(unitKindOf("codec")).toBeUndefined();
  });
});

describe("formatQuantity", () => {
  it("uses the largest unit in which the value is whole", () => {
    expect(formatQuantity("duration", 60_000)).toBe("1min");
    expect(formatQuantity("duration", 3_600_000)).toBe("1h");
    expect(formatQuantity("duration", 1500)).toBe("1500ms");
    expect(formatQuantity("bitrate", 0.5)).toBe("500bps");
    expect(formatQuantity("bitrate", 1000)).toBe("1Mbps");
    expect(formatQuantity("bitrate", 5600)).toBe("5600kbps");
    expect(formatQuantity("size", 2e9)).toBe("2GB");
    expect(formatQuantity("size", 1024)).toBe("1KiB");
  });

  it("falls back to the internal unit, px for resolution and a bare number for fps", () => {
    expect(formatQuantity("duration", 0.5)).toBe("0.5ms");
    expect(formatQuantity("size", 1.5)).toBe("1.5B");
    expect(formatQuantity("resolution", 16)).toBe("16px");
    expect(formatQuantity("fps", 0.1)).toBe("0.1");
  });

  it("parses back to the very same double", () => {
    const parsers = { duration: parseDurationMs, bitrate: parseBitrateKbps, size: parseSizeBytes } as const;
    fc.assert(
      fc.property(
        fc.constantFrom("duration", "bitrate", "size" as const),
        fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.double({ min: 1e-3, max: 1e12, noNaN: true })),
        (attribute, value) => {
          expect(parsers[attribute](formatQuantity(attribute, value))).toBe(value);
        },
      ),
    );
  });
});
