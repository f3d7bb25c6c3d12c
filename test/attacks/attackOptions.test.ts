import { describe, expect, it } from "vitest";
import { checkAttackOptions } from "../../src/attacks/attackOptions.js";

describe("checkAttackOptions: names library options, never flags", () => {
  it("checkAttackOptions names openWorld, plays, method — no flags", () => {
    expect(() => checkAttackOptions({ openWorld: 2 })).toThrow("`openWorld` must be a share between 0 and 1, got 2");
    expect(() => checkAttackOptions({ method: "scoreboard" })).toThrow(/^`method` scoreboard needs `plays`/);
    expect(() => checkAttackOptions({ playsFollowPrior: true })).toThrow(/`playsFollowPrior` needs a `prior`/);
    expect(() => checkAttackOptions({ k: 0 })).toThrow(/^`k` must be a whole number ≥ 1, got 0$/);
    expect(() => checkAttackOptions({ k: 5, seed: 3, openWorld: 0.5, targets: "all" })).not.toThrow();
  });

  it("ranges: whole numbers, shares, and which options go together", () => {
    expect(() => checkAttackOptions({ seed: -1 })).toThrow("`seed` must be a whole number ≥ 0, got -1");
    expect(() => checkAttackOptions({ targets: 0 })).toThrow(/`targets` must be a whole number ≥ 1 or "all"/);
    expect(() => checkAttackOptions({ bootstrap: 1.5 })).toThrow(/`bootstrap` must be a whole number ≥ 0/);
    expect(() => checkAttackOptions({ threshold: Infinity })).toThrow(/`threshold` must be a number/);
    expect(() => checkAttackOptions({ baseRate: -0.1 })).toThrow(/`baseRate` must be between 0 and 1/);
    expect(() => checkAttackOptions({ method: "scoreboard", plays: 3, wrongPlays: 4 })).toThrow(/`wrongPlays` must be a whole number from 0 to `plays` \(3\)/);
    expect(() => checkAttackOptions({ method: "linkage", plays: 2, prior: true })).toThrow(/`prior` applies to the item attacks/);
    expect(() => checkAttackOptions({ method: "class", plays: 2, otherAttacker: true })).toThrow(/`method` linkage matches against the victim's own catalog/);
    expect(() => checkAttackOptions({ method: "average" })).toThrow(/`method` average needs `reports`/);
    expect(() => checkAttackOptions({ method: "likelihood", reports: 3 })).toThrow(/`reports` applies to `method` average/);
    expect(() => checkAttackOptions({ playsFollowPrior: true, prior: true, targets: "all" })).toThrow(/give `targets` a count/);
    expect(() => checkAttackOptions({ method: "average", reports: 5, libraries: 10 })).not.toThrow();
  });
});
