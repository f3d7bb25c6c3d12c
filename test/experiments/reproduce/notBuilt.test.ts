/** An artifact the study's data cannot build: which attributes are missing, and the reason the page gives. */
import { describe, expect, it } from "vitest";
import { ArtifactNotBuilt, missingAttributes, requireAttributes } from "../../../src/experiments/reproduce/notBuilt.js";
import { catalogOf } from "../../helpers.js";

const durationsOnly = catalogOf(["a", "b"], { duration_ms: [1000, 2000] });
const full = catalogOf(["a", "b"], { duration_ms: [1000, 2000], bitrate_kbps: [800, 900], width: [1920, 1280], height: [1080, 720] });

describe("notBuilt", () => {
  it("missingAttributes: the attributes schemes read that a catalog lacks, once each", () => {
    const schemes = ["duration=round(1s),bitrate=round(1Mbps),resolution=class", "duration=round(1min),bitrate=round(2Mbps)"];
    expect(missingAttributes(durationsOnly, schemes)).toEqual(["bitrate", "resolution"]);
    expect(missingAttributes(full, schemes)).toEqual([]);
    expect(missingAttributes(durationsOnly, ["duration=round(1s)"])).toEqual([]);
  });

  it("requireAttributes throws ArtifactNotBuilt with the reason the page shows", () => {
    expect(() => requireAttributes("F2", "My songs", full, ["duration=round(1s),bitrate=round(1Mbps)"])).not.toThrow();
    let e: unknown;
    try {
      requireAttributes("F2", "My songs", durationsOnly, ["duration=round(1s),bitrate=round(1Mbps)"]);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ArtifactNotBuilt);
    expect((e as ArtifactNotBuilt).id).toBe("F2");
    expect((e as ArtifactNotBuilt).reason).toBe("its schemes use bitrate, which My songs does not record (its schemes: duration=round(1s),bitrate=round(1Mbps))");
  });
});
