import { describe, expect, it } from "vitest";
import { frontierPage } from "../../src/figures/frontierPage.js";
import { OPTIONS, POINTS } from "./frontierChart.test.js";

describe("frontierPage", () => {
  const rows = POINTS.map((p) => ({ scheme: p.scheme, values: { risk: p.risk, objective: p.objective, meets: p.meets ? "yes" : "no" } }));
  const html = frontierPage(POINTS, rows, OPTIONS);
  it("one circle per point, one table row per scheme, numbers sortable by value", () => {
    expect(html.match(/<circle class="pt"/g)).toHaveLength(4);
    expect(html.match(/<tr><td>/g)).toHaveLength(4);
    expect(html).toContain('<td data-v="0.008">0.008</td>');
  });
  it("is self-contained and escapes what it shows", () => {
    expect(html).not.toMatch(/https?:|src=|<link|url\(/);
    const evil = frontierPage([{ ...POINTS[0], scheme: "<script>x</script>" }], [{ scheme: "<b>", values: {} }], OPTIONS);
    expect(evil).not.toContain("<script>x</script>");
    expect(evil).toContain("&lt;b&gt;");
  });
});
