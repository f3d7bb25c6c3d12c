import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstLine, mapLimit } from "../../../src/sources/media/probeRunner.js";

describe("probe runner helpers", () => {
  it("firstLine drops ffprobe's per-run context prefix", () => {
    expect(firstLine("\n[mov,mp4,m4a,3gp,3g2,mj2 @ 0x5599ff5c61c0] moov atom not found\nfile:x: Invalid data\n")).toBe("moov atom not found");
    expect(firstLine("x.mkv: Invalid data found when processing input\n")).toBe("x.mkv: Invalid data found when processing input");
  });

  it("mapLimit keeps input order and never exceeds the limit", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(5), { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), async (delays, limit) => {
        let running = 0;
        let peak = 0;
        const out = await mapLimit(delays, limit, async (d, i) => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, d));
          running--;
          return i * 2;
        });
        expect(out).toEqual(delays.map((_, i) => i * 2));
        expect(peak).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 25 },
    );
  });
});
