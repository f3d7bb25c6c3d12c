/**
 * The tune frontier as one self-contained HTML page: an SVG scatter of every evaluated
 * scheme (information kept against risk), hover a point for its scheme and numbers,
 * and a table sortable by any column. Inline script and style only: the page makes no
 * network request, so it can be mailed or archived as is.
 */
import { SYMLOG_CONSTANT, type FrontierChartOptions, type FrontierChartPoint } from "./frontierChart.js";

export interface FrontierPageRow {
  scheme: string;
  /** Column name → value, shown in the table and the tooltip. */
  values: Record<string, number | string>;
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]);

const W = 720;
const H = 420;
const M = { left: 70, right: 180, top: 20, bottom: 50 };

/** Symmetric log, as on the PNG: linear within ±c, logarithmic beyond. */
function symlog(v: number): number {
  return Math.sign(v) * Math.log1p(Math.abs(v) / SYMLOG_CONSTANT);
}

const COLOR: Record<FrontierChartPoint["role"], string> = { evaluated: "#bbbbbb", frontier: "#0072B2", recommended: "#D55E00", reference: "#000000" };

export function frontierPage(points: FrontierChartPoint[], rows: FrontierPageRow[], o: FrontierChartOptions): string {
  const xs = points.map((p) => p.objective);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs) > x0 ? Math.max(...xs) : x0 + 1;
  const y1 = symlog(Math.max(1, ...points.map((p) => p.risk)));
  const px = (v: number) => M.left + ((v - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (v: number) => H - M.bottom - (symlog(v) / y1) * (H - M.top - M.bottom);
  const frontier = points.filter((p) => p.role === "frontier" || p.role === "recommended").sort((a, b) => a.objective - b.objective);
  let path = "";
  frontier.forEach((p, i) => {
    path += i === 0 ? `M${px(p.objective).toFixed(1)},${py(p.risk).toFixed(1)}` : `H${px(p.objective).toFixed(1)}V${py(p.risk).toFixed(1)}`;
  });
  const yTicks = [0, 0.0001, 0.001, 0.01, 0.1, 1]
    .map((v) => `<g><line x1="${M.left - 4}" x2="${W - M.right}" y1="${py(v).toFixed(1)}" y2="${py(v).toFixed(1)}" stroke="#eee"/><text x="${M.left - 8}" y="${py(v).toFixed(1)}" text-anchor="end" dominant-baseline="middle">${v * 100}%</text></g>`)
    .join("");
  const xTicks = Array.from({ length: 6 }, (_, i) => x0 + ((x1 - x0) * i) / 5)
    .map((v) => `<text x="${px(v).toFixed(1)}" y="${H - M.bottom + 18}" text-anchor="middle">${Number(v.toPrecision(3))}</text>`)
    .join("");
  // Draw the grey points first so coloured ones stay on top.
  const order: FrontierChartPoint["role"][] = ["evaluated", "frontier", "reference", "recommended"];
  const dots = order
    .flatMap((role) => points.map((p, i) => [p, i] as const).filter(([p]) => p.role === role))
    .map(
      ([p, i]) =>
        `<circle class="pt" data-i="${i}" cx="${px(p.objective).toFixed(1)}" cy="${py(p.risk).toFixed(1)}" r="${p.role === "evaluated" ? 4 : 6}" fill="${COLOR[p.role]}"><title>${esc(p.scheme)}</title></circle>` +
        (p.label ? `<text x="${(px(p.objective) + 9).toFixed(1)}" y="${py(p.risk).toFixed(1)}" dominant-baseline="middle" class="lab">${esc(p.label)}</text>` : ""),
    )
    .join("");
  const columns = ["scheme", ...Object.keys(rows[0]?.values ?? {})];
  const cell = (v: number | string) => (typeof v === "number" ? `<td data-v="${v}">${Number.isInteger(v) ? v : Number(v.toPrecision(4))}</td>` : `<td>${esc(v)}</td>`);
  const table = rows.map((r) => `<tr><td>${esc(r.scheme)}</td>${Object.values(r.values).map(cell).join("")}</tr>`).join("\n");
  const data = JSON.stringify(points.map((p) => ({ s: p.scheme, x: p.objective, y: p.risk, m: p.meets, r: p.role }))).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(o.title)}</title>
<style>
body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:24px;color:#222}
svg text{font-size:11px}.lab{font-size:11px;fill:#222}
#tip{position:absolute;display:none;background:#fff;border:1px solid #888;padding:6px 8px;font-size:12px;pointer-events:none;box-shadow:0 1px 4px #0003}
table{border-collapse:collapse;font-size:12px;margin-top:16px}th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}
th{cursor:pointer;background:#f4f4f4}td:first-child,th:first-child{text-align:left}
</style></head><body>
<h2>${esc(o.title)}</h2>
${[o.subtitle ?? []].flat().map((s) => `<p>${esc(s)}</p>`).join("")}
<svg id="chart" width="${W}" height="${H}" role="img" aria-label="${esc(o.riskTitle)} against ${esc(o.objectiveTitle)}">
${yTicks}${xTicks}
<line x1="${M.left}" x2="${W - M.right}" y1="${py(o.threshold).toFixed(1)}" y2="${py(o.threshold).toFixed(1)}" stroke="#555" stroke-dasharray="4 3"/>
<text x="${W - M.right + 4}" y="${py(o.threshold).toFixed(1)}" dominant-baseline="middle">${esc(o.thresholdLabel)}</text>
<path d="${path}" fill="none" stroke="#0072B2" stroke-width="1.5"/>
${dots}
<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle">${esc(o.objectiveTitle)}</text>
<text transform="translate(16 ${(H - M.bottom + M.top) / 2}) rotate(-90)" text-anchor="middle">${esc(o.riskTitle)}</text>
</svg>
<div id="tip"></div>
<table id="schemes"><thead><tr>${columns.map((c, i) => `<th data-col="${i}">${esc(c)}</th>`).join("")}</tr></thead>
<tbody>
${table}
</tbody></table>
<script>
const points = ${data};
const tip = document.getElementById("tip");
for (const c of document.querySelectorAll("circle.pt")) {
  c.addEventListener("mouseenter", (e) => {
    const p = points[Number(c.dataset.i)];
    tip.textContent = "";
    const b = document.createElement("b"); b.textContent = p.s; tip.appendChild(b);
    for (const line of ["${esc(o.objectiveTitle)}: " + p.x.toPrecision(4), "${esc(o.riskTitle)}: " + p.y.toPrecision(4), p.m ? "meets every target" : "misses a target"]) {
      tip.appendChild(document.createElement("br")); tip.appendChild(document.createTextNode(line));
    }
    tip.style.display = "block"; tip.style.left = (e.pageX + 12) + "px"; tip.style.top = (e.pageY + 12) + "px";
  });
  c.addEventListener("mouseleave", () => { tip.style.display = "none"; });
}
let sorted = { col: -1, dir: 1 };
for (const th of document.querySelectorAll("#schemes th")) {
  th.addEventListener("click", () => {
    const col = Number(th.dataset.col);
    sorted = { col, dir: sorted.col === col ? -sorted.dir : 1 };
    const body = document.querySelector("#schemes tbody");
    const rows = [...body.rows];
    const key = (r) => { const td = r.cells[col]; return td.dataset.v !== undefined ? Number(td.dataset.v) : td.textContent; };
    rows.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * sorted.dir; });
    for (const r of rows) body.appendChild(r);
  });
}
</script>
</body></html>
`;
}
