import { describe, expect, it } from "vitest";
import { VALUE_DECIMALS, formatRange, formatValue } from "../../../src/schemes/generalizers/valueLabel.js";

describe("formatValue", () => {
  it("prints a value in its attribute's display unit", () => {
    expect(formatValue("duration", 5_520_000)).toBe("1:32:00");
    expect(formatValue("bitrate", 5600)).toBe("5.6 Mbps");
    expect(formatValue("fps", 23.976)).toBe("23.976 fps");
    expect(formatValue("size", 2e9)).toBe("2 GB");
  });

  it("keeps enough decimals to tell buckets apart; null = the unit's default", () => {
    expect(VALUE_DECIMALS).toBe(9);
    expect(formatValue("fps", 24000 / 1001)).toBe("23.976023976 fps");
    expect(formatValue("fps", 24000 / 1001, null)).toBe("23.976 fps");
    expect(formatValue("bitrate", 2000.5)).not.toBe(formatValue("bitrate", 2000.4));
  });

  it("refuses attributes without scalar values", () => {
    expect(() => formatValue("codec", 1)).toThrow(/codec has no scalar values/);
    expect(() => formatValue("resolution", 1)).toThrow(/resolution has no scalar values/);
  });
});

describe("formatRange", () => {
  it("is lo–hi in display units", () => {
    expect(formatRange("duration", 60_000, 120_000)).toBe("0:01:00–0:02:00");
    expect(formatRange("bitrate", 1000, 2000.5)).toBe("1 Mbps–2.0005 Mbps");
  });
});
