/**
 * The per-item report as text, CSV, JSON or one self-contained HTML page. The page
 * makes no network request: inline CSS, no scripts, no external fonts or images.
 */
import type { ItemReport, ReportItem } from "../measures/itemReport.js";
import { formatNumber, renderCsv, renderTextTable, type Cell, type Table } from "./tabular.js";

export type ItemReportFormat = "table" | "csv" | "json" | "html";

const percent = (x: number) => `${formatNumber(100 * x)} %`;

/** "duration: drop hides it; bitrate: round(1Mbps)" — what would hide a title-unique item. */
function hiddenBy(item: ReportItem): string {
  if (!item.causes) return "";
  const parts = item.causes
    .map((c) => {
      const ways = [c.hiddenIfDropped ? "drop" : "", c.hiddenIfCoarsenedTo ?? ""].filter(Boolean);
      return ways.length ? `${c.attribute}: ${ways.join(" or ")}` : "";
    })
    .filter(Boolean);
  return parts.length ? parts.join("; ") : "no single attribute";
}

/** Per-item population columns, present when the report was given a population size. */
const POPULATION_COLUMNS = ["pop_unique_xi", "pop_kappa", "pop_p_unique_given_unique", "pop_e_inverse_size_given_unique"];

function populationCells(it: ReportItem): Cell[] {
  const p = it.population!;
  return [p.uniqueInPopulation, p.correctMatch, p.posteriorUnique, p.posteriorInverseSize];
}

function itemTable(report: ItemReport): Table {
  const attrs = report.attributes.map((a) => a.attribute);
  const pop = report.population !== undefined;
  return {
    columns: ["rank", "title", "source", ...attrs, "class_size", "class_titles", "chance_named", "title_unique", ...(pop ? POPULATION_COLUMNS : []), "hidden_by", "confused_with"],
    rows: report.items.map((it) => [
      it.rank,
      it.title,
      it.source,
      ...attrs.map((a) => it.observation[a] ?? null),
      it.classSize,
      it.classTitles,
      it.chanceNamed,
      it.titleUnique ? "yes" : "no",
      ...(pop ? populationCells(it) : []),
      hiddenBy(it),
      it.confusedWith.map((c) => c.title).join("; "),
    ]),
  };
}

function summaryLines(report: ItemReport): string[] {
  const s = report.summary;
  return [
    `${report.catalog.source}: ${s.items} items, ${s.titles} titles, under ${report.scheme}`,
    `${s.title_unique_items} items (${percent(s.title_unique_fraction)}) are named outright by one observation; ` +
      `${s.unique_items} (${percent(s.unique_fraction)}) share their observation with no other item; ` +
      `a random pick among look-alikes names the title ${percent(s.kappa)} of the time (kappa).`,
    ...populationLines(report),
  ];
}

/** The population estimates in words, each with its status when it has no value. */
function populationLines(report: ItemReport): string[] {
  const pop = report.population;
  if (!pop) return [];
  const named = Object.entries(pop.estimates).map(([name, e]) => `${name} ${e!.status === "ok" || e!.status === "no_uniques" ? percent(e!.value) : e!.status}`);
  return [
    `In a population of ${formatNumber(pop.population)} records (sampling fraction ${formatNumber(pop.sampling_fraction)}), the estimated share of records (files, not titles) ` +
      `unique on their observation: ${named.join(", ")}; a match is correct ${percent(pop.metrics.pop_kappa_copula)} of the time (copula kappa).`,
  ];
}

function attributeTable(report: ItemReport): Table {
  const total = report.summary.title_unique_items;
  return {
    columns: ["attribute", "now", "hidden if dropped", "hidden if coarsened to"],
    rows: report.attributes.map((a) => [
      a.attribute,
      a.generalizer,
      `${a.hidden_if_dropped} of ${total}`,
      a.coarsenings.map((c) => `${c.generalizer}: ${c.hidden}`).join(", ") || "—",
    ]),
  };
}

function renderText(report: ItemReport): string {
  const out = [...summaryLines(report), ""];
  if (report.attributes.length > 0 && report.summary.title_unique_items > 0) {
    out.push("What would hide the items named outright (one attribute changed at a time):", renderTextTable(attributeTable(report)));
  }
  const listed = report.items.length;
  out.push(
    `Items, most identifying first${report.omitted > 0 ? ` (${listed} of ${listed + report.omitted}; --limit all lists every item)` : ""}:`,
    renderTextTable(itemTable(report)),
  );
  return out.join("\n");
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function htmlTable(table: Table, className = ""): string {
  const cell = (c: Cell) => (c === null ? "—" : typeof c === "number" ? formatNumber(c) : c);
  const numeric = table.columns.map((_, j) => table.rows.length > 0 && table.rows.every((r) => typeof r[j] === "number"));
  const head = table.columns.map((c) => `<th>${escapeHtml(c.replace(/_/g, " "))}</th>`).join("");
  const body = table.rows
    .map((r) => `<tr>${r.map((c, j) => `<td${numeric[j] ? ' class="num"' : ""}>${escapeHtml(cell(c))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:75rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4;position:sticky;top:0}td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:flex;height:1.2rem;border:1px solid #999;margin:.5rem 0}.bar span{display:block}
.named{background:#d55e00}.shared{background:#e69f00}.safe{background:#56b4e9}
.legend span{display:inline-block;width:.9rem;height:.9rem;margin:0 .3rem 0 1rem;vertical-align:middle}
.note{color:#555}`;

function renderHtml(report: ItemReport): string {
  const s = report.summary;
  const named = s.title_unique_fraction;
  const alone = s.unique_fraction;
  // rows named outright but sharing their observation with other releases of the same title
  const shared = Math.max(0, named - alone);
  const safe = 1 - named;
  const w = (x: number) => `${(100 * x).toFixed(2)}%`;
  const listed = report.items.length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>fprisk report — ${escapeHtml(report.scheme)}</title><style>${STYLE}</style></head>
<body>
<h1>Which items of this library stand out under <code>${escapeHtml(report.scheme)}</code></h1>
<p>${summaryLines(report).map(escapeHtml).join("<br>")}</p>
<div class="bar" role="img" aria-label="share of items named outright">
<span class="named" style="width:${w(alone)}"></span><span class="shared" style="width:${w(shared)}"></span><span class="safe" style="width:${w(safe)}"></span></div>
<p class="legend"><span class="named"></span>alone in their class (${percent(alone)})<span class="shared"></span>named, shared only with releases of the same title (${percent(shared)})<span class="safe"></span>hidden among other titles (${percent(safe)})</p>
${
  report.attributes.length > 0 && s.title_unique_items > 0
    ? `<h2>What would hide the items named outright</h2>
<p class="note">One attribute changed at a time, the rest of the scheme kept.</p>
${htmlTable(attributeTable(report))}`
    : ""
}
<h2>Items, most identifying first${report.omitted > 0 ? ` (${listed} of ${listed + report.omitted})` : ""}</h2>
<p class="note"><b>chance named</b>: share of the items sharing this observation that carry this item's title — the chance that an attacker who picks one of them names it. <b>hidden by</b>: for items named outright, the single change that would hide them.</p>
${htmlTable(itemTable(report), "items")}
<p class="note">Made by fprisk${report.redacted ? "; titles and file paths are replaced by salted hashes" : ""}. This page loads nothing from the network.</p>
</body></html>
`;
}

export function renderItemReport(report: ItemReport, format: ItemReportFormat): string {
  switch (format) {
    case "json":
      return JSON.stringify(report, null, 2) + "\n";
    case "csv":
      return renderCsv(itemTable(report));
    case "html":
      return renderHtml(report);
    case "table":
      return renderText(report);
  }
}
