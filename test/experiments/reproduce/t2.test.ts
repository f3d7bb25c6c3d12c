import { describe, expect, it } from "vitest";
import { paperCatalogs } from "../../../src/experiments/reproduce/catalogs.js";
import { t2 } from "../../../src/experiments/reproduce/t2.js";
import { evaluateScheme } from "../../../src/measures/evaluate.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { dataDir, tableRecords } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;
const config = { quick: true, seed: 1 };
const WIDTHS = ["1ms", "10ms", "100ms", "1s", "2s", "5s", "10s", "15s", "30s", "1min", "2min", "5min", "10min", "15min", "30min", "1h"];

describe("T2: smallest duration widths meeting a risk target", () => {
  it("names, per catalog and bitrate, the first width that meets the target: it does, the one before does not", async () => {
    const a = await t2.make(config);
    const rows = tableRecords(a.data);
    const catalogs = await paperCatalogs(config);
    // bitrate drop / 100 kbps / 1 Mbps where the catalog has a bitrate, drop only otherwise
    expect(rows.map((r) => `${r.catalog}|${r.bitrate}`)).toEqual(
      catalogs.flatMap(({ label, catalog }) => (catalog.numeric.bitrate_kbps ? ["not reported", "round(100kbps)", "round(1Mbps)"] : ["not reported"]).map((b) => `${label}|${b}`)),
    );
    const tuf = (label: string, width: string, bitrate: string, resolution: string) => {
      const { catalog } = catalogs.find((c) => c.label === label)!;
      const parts = [`duration=round(${width})`];
      if (bitrate !== "not reported") parts.push(`bitrate=${bitrate}`);
      if (resolution !== "not reported") parts.push(`resolution=${resolution}`);
      return evaluateScheme(catalog, parseScheme(parts.join(","))).metrics.title_unique_fraction;
    };
    // checked on every row of one catalog and the dropped-bitrate row of the others
    const checked = rows.filter((r) => r.catalog === "Chinook (iTunes files)" || r.bitrate === "not reported");
    expect(checked.length).toBe(6);
    for (const r of checked) {
      const label = r.catalog as string;
      expect(r["title_unique at 1 ms"]).toBe(tuf(label, "1ms", r.bitrate as string, r.resolution as string));
      for (const [column, target] of [["width for ≤ 1 %", 0.01], ["width for ≤ 0.1 %", 0.001]] as const) {
        const w = r[column] as string;
        if (w.startsWith(">")) {
          expect(tuf(label, "1h", r.bitrate as string, r.resolution as string)).toBeGreaterThan(target);
          continue;
        }
        const i = WIDTHS.indexOf(w);
        expect(i, w).toBeGreaterThanOrEqual(0);
        expect(tuf(label, w, r.bitrate as string, r.resolution as string)).toBeLessThanOrEqual(target);
        for (const finer of WIDTHS.slice(0, i)) expect(tuf(label, finer, r.bitrate as string, r.resolution as string), `${label} ${finer}`).toBeGreaterThan(target);
      }
    }
    const chinook = rows.find((r) => r.catalog === "Chinook (iTunes files)" && r.bitrate === "not reported")!;
    expect(a.text).toContain(`${chinook["width for ≤ 1 %"]} (Chinook (iTunes files))`);
  });
});
