/**
 * The committed figures as a reader sees them, checked on vega's laid-out scenegraph
 * (text sized with the figure font): no curve crosses a text label, no two entries of a
 * legend are drawn alike, no label is cut short with "…", no bars of different groups
 * overlap. Run on results/*.vl.json, the specs behind the committed PNGs and SVGs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { layoutVegaLite } from "../../src/figures/figure.js";
import { repoRoot } from "../helpers.js";

interface SceneItem {
  x?: number;
  y?: number;
  text?: string | string[];
  bounds: { x1: number; y1: number; x2: number; y2: number };
  items?: SceneMark[];
  stroke?: string;
  fill?: string;
  strokeDash?: number[];
  shape?: string;
  opacity?: number;
  x2?: number;
  y2?: number;
  width?: number;
  height?: number;
}
interface SceneMark {
  marktype: string;
  role: string;
  name?: string;
  items: SceneItem[];
}

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
interface Scene {
  texts: { text: string; box: Box }[];
  /** Polylines of line marks, absolute pixels. */
  lines: [number, number][][];
  /** Per legend: the look of each entry's symbol. */
  legends: string[][];
  /** Filled rects of data marks (bars), absolute, with their fill. */
  bars: { box: Box; fill: string }[];
}

/** Flattens the scenegraph into absolute coordinates. */
function collect(mark: SceneMark, dx: number, dy: number, scene: Scene, inLegend: string[] | null): void {
  if (mark.role === "legend-symbol" && inLegend) {
    for (const it of mark.items) inLegend.push(JSON.stringify([it.stroke, it.fill, it.strokeDash ?? null, it.shape, it.opacity]));
    return;
  }
  for (const item of mark.items) {
    if (mark.marktype === "group") {
      const legend = mark.role === "legend" ? [] : inLegend;
      if (mark.role === "legend") scene.legends.push(legend!);
      for (const child of item.items ?? []) collect(child, dx + (item.x ?? 0), dy + (item.y ?? 0), scene, legend);
    } else if (mark.marktype === "text" && item.text !== undefined && item.text !== "") {
      const b = item.bounds;
      scene.texts.push({ text: String(item.text), box: { x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy } });
    }
  }
  if (mark.marktype === "line" && mark.role === "mark") {
    scene.lines.push(mark.items.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => [p.x! + dx, p.y! + dy]));
  }
  if (mark.marktype === "rect" && mark.role === "mark") {
    for (const it of mark.items) {
      const x1 = it.x ?? 0;
      const x2 = it.x2 ?? x1 + (it.width ?? 0);
      const y1 = it.y ?? 0;
      const y2 = it.y2 ?? y1 + (it.height ?? 0);
      if (Math.abs(x2 - x1) > 0.5 && Math.abs(y2 - y1) > 0.5) scene.bars.push({ box: { x1: Math.min(x1, x2) + dx, x2: Math.max(x1, x2) + dx, y1: Math.min(y1, y2) + dy, y2: Math.max(y1, y2) + dy }, fill: String(it.fill) });
    }
  }
}

/** Does segment (a, b) pass through the inside of box (Liang–Barsky clipping)? */
function segmentHitsBox([ax, ay]: [number, number], [bx, by]: [number, number], r: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  for (const [p, q] of [
    [-dx, ax - r.x1],
    [dx, r.x2 - ax],
    [-dy, ay - r.y1],
    [dy, r.y2 - ay],
  ]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

async function sceneOf(spec: TopLevelSpec): Promise<Scene> {
  const view = await layoutVegaLite(spec);
  const root = (view.scenegraph() as unknown as { root: SceneMark }).root;
  const scene: Scene = { texts: [], lines: [], legends: [], bars: [] };
  collect(root, 0, 0, scene, null);
  view.finalize();
  return scene;
}

const resultsDir = join(repoRoot, "results");
// `npm start` writes default-experiment.* into results/ too (git-ignored): only the committed figures
const specs = readdirSync(resultsDir).filter((f) => f.endsWith(".vl.json") && !f.startsWith("default-experiment")).sort();

describe("the committed figures, as a reader sees them", () => {
  it("are all checked", () => {
    expect(specs).toEqual(["f1-risk-vs-width.vl.json", "f2-library-uniqueness-vs-plays.vl.json", "f3-scoreboard-vs-plays.vl.json", "f4-eccentricity-open-world.vl.json", "f5-uniqueness-vs-catalog-size.vl.json", "f6-tune-frontier.vl.json", "f7-population-estimators-vs-truth.vl.json"]);
  });

  for (const file of specs) {
    describe(file, () => {
      let scene: Scene;
      const load = async () => (scene ??= await sceneOf(JSON.parse(readFileSync(join(resultsDir, file), "utf8")) as TopLevelSpec));

      it("no curve crosses a text label", async () => {
        const { texts, lines } = await load();
        expect(lines.length).toBeGreaterThan(0);
        const crossings: string[] = [];
        for (const { text, box } of texts) {
          // a pixel of slack: a curve may touch a label's edge box, not run through its letters
          const inner = { x1: box.x1 + 1, y1: box.y1 + 1, x2: box.x2 - 1, y2: box.y2 - 1 };
          if (inner.x2 <= inner.x1 || inner.y2 <= inner.y1) continue;
          if (lines.some((pts) => pts.some((p, i) => i > 0 && segmentHitsBox(pts[i - 1], p, inner)))) crossings.push(text);
        }
        expect(crossings).toEqual([]);
      });

      it("no two entries of a legend look the same", async () => {
        const { legends } = await load();
        expect(legends.length).toBeGreaterThan(0);
        for (const entries of legends) expect(new Set(entries).size, entries.join("\n")).toBe(entries.length);
      });

      it("no text is cut short", () => {
        const svg = readFileSync(join(resultsDir, file.replace(/\.vl\.json$/, ".svg")), "utf8");
        expect(svg).toMatch(/^<svg/);
        expect(svg).not.toContain("…");
      });

      it("bars of different groups never overlap (every colour drawn is one the legend shows)", async () => {
        const { bars } = await load();
        const overlaps = bars.flatMap((a, i) =>
          bars.slice(i + 1).filter((b) => a.fill !== b.fill && Math.min(a.box.x2, b.box.x2) - Math.max(a.box.x1, b.box.x1) > 0.5 && Math.min(a.box.y2, b.box.y2) - Math.max(a.box.y1, b.box.y1) > 0.5),
        );
        expect(overlaps).toEqual([]);
      });
    });
  }
});
