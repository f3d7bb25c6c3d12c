/**
 * The per-item report as text, CSV, JSON or one self-contained HTML page. The page
 * makes no network request: inline CSS, no scripts, no external fonts or images.
 * Every format is produced line by line (`itemReportLines`), one item at a time, so a
 * report listing millions of items is streamed, never built as one string.
 */
import type { ItemReport, ItemReportStream, ReportItem } from "../measures/itemReport.js";

/** A built report (items in an array) or a streamed one (items produced on demand). */
type AnyItemReport = ItemReport | ItemReportStream;

const itemsOf = (report: AnyItemReport): Iterable<ReportItem> => (typeof report.items === "function" ? report.items() : report.items);
const listedOf = (report: AnyItemReport): number => ("listed" in report ? report.listed : report.items.length);
import { jsonWithArrayLines } from "./jsonLines.js";
import { csvLines, fitToWidth, formatNumber, leftOutNote, rowSource, textTableLines, wrapText, type Cell, type RowSource, type Table } from "./tabular.js";

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

function itemTable(report: AnyItemReport): RowSource {
  const attrs = report.attributes.map((a) => a.attribute);
  const pop = report.population !== undefined;
  return {
    columns: ["rank", "title", "source", ...attrs, "class_size", "class_titles", "chance_named", "title_unique", ...(pop ? POPULATION_COLUMNS : []), "hidden_by", "confused_with"],
    rows: () => mapIterable(itemsOf(report), (it): Cell[] => [
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

function* mapIterable<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/** "25 of 3503 items listed, 3478 left out (--limit all lists every item)", or "all 3503 items". */
function listedText(report: AnyItemReport): string {
  const listed = listedOf(report);
  const total = listed + report.omitted;
  return report.omitted > 0 ? `${listed} of ${total} items listed, ${report.omitted} left out (--limit all lists every item)` : `all ${total} items`;
}

function summaryLines(report: AnyItemReport): string[] {
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
function populationLines(report: AnyItemReport): string[] {
  const pop = report.population;
  if (!pop) return [];
  const named = Object.entries(pop.estimates).map(([name, e]) => `${name} ${e!.status === "ok" || e!.status === "no_uniques" ? percent(e!.value) : e!.status}`);
  return [
    `In a population of ${formatNumber(pop.population)} records (sampling fraction ${formatNumber(pop.sampling_fraction)}), the estimated share of records (files, not titles) ` +
      `unique on their observation: ${named.join(", ")}; a match is correct ${percent(pop.metrics.pop_kappa_copula)} of the time (copula kappa).`,
  ];
}

function attributeTable(report: AnyItemReport): Table {
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

function* textLines(report: AnyItemReport): Generator<string> {
  yield [...summaryLines(report).map((l) => wrapText(l)), ""].join("\n") + "\n";
  if (report.attributes.length > 0 && report.summary.title_unique_items > 0) {
    yield "What would hide the items named outright (one attribute changed at a time):\n";
    yield* textTableLines(rowSource(attributeTable(report)));
    yield "\n";
  }
  yield `Items, most identifying first (${listedText(report)}):\n`;
  // a terminal gets the telling columns, cut to fit; CSV, JSON and HTML carry them all
  const attrs = report.attributes.map((a) => a.attribute);
  const fit = fitToWidth(itemTable(report), { maxCell: 32, priority: ["rank", "title", ...attrs, "chance_named", "class_size", "hidden_by", "source", "class_titles", "title_unique", "confused_with"] });
  yield* textTableLines(fit.table);
  if (fit.left.length > 0) yield "\n" + leftOutNote(fit.left, "--format csv or html has every column");
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function* htmlTableLines(table: RowSource, className = ""): Generator<string> {
  const cell = (c: Cell) => (c === null ? "—" : typeof c === "number" ? formatNumber(c) : c);
  const numeric = table.columns.map(() => true);
  let any = false;
  for (const r of table.rows()) {
    any = true;
    r.forEach((c, j) => {
      if (typeof c !== "number") numeric[j] = false;
    });
  }
  if (!any) numeric.fill(false);
  const head = table.columns.map((c) => `<th>${escapeHtml(c.replace(/_/g, " "))}</th>`).join("");
  yield `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>\n`;
  for (const r of table.rows()) yield `<tr>${r.map((c, j) => `<td${numeric[j] ? ' class="num"' : ""}>${escapeHtml(cell(c))}</td>`).join("")}</tr>\n`;
  yield "</tbody></table>\n";
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

function* htmlLines(report: AnyItemReport): Generator<string> {
  const s = report.summary;
  const named = s.title_unique_fraction;
  const alone = s.unique_fraction;
  // rows named outright but sharing their observation with other releases of the same title
  const shared = Math.max(0, named - alone);
  const safe = 1 - named;
  const w = (x: number) => `${(100 * x).toFixed(2)}%`;
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>fprisk report — ${escapeHtml(report.scheme)}</title><style>${STYLE}</style></head>
<body>
<h1>Which items of this library stand out under <code>${escapeHtml(report.scheme)}</code></h1>
<p>${summaryLines(report).map(escapeHtml).join("<br>")}</p>
<div class="bar" role="img" aria-label="share of items named outright">
<span class="named" style="width:${w(alone)}"></span><span class="shared" style="width:${w(shared)}"></span><span class="safe" style="width:${w(safe)}"></span></div>
<p class="legend"><span class="named"></span>alone in their class (${percent(alone)})<span class="shared"></span>named, shared only with releases of the same title (${percent(shared)})<span class="safe"></span>hidden among other titles (${percent(safe)})</p>
`;
  if (report.attributes.length > 0 && s.title_unique_items > 0) {
    yield `<h2>What would hide the items named outright</h2>
<p class="note">One attribute changed at a time, the rest of the scheme kept.</p>
`;
    yield* htmlTableLines(rowSource(attributeTable(report)));
  }
  yield `<h2>Items, most identifying first</h2>
<p class="note">${escapeHtml(listedText(report))}.</p>
<p class="note"><b>chance named</b>: share of the items sharing this observation that carry this item's title — the chance that an attacker who picks one of them names it. <b>hidden by</b>: for items named outright, the single change that would hide them.</p>
`;
  yield* htmlTableLines(itemTable(report), "items");
  if (report.omitted > 0) yield `<p class="note">${report.omitted} more items are left out of this page (fprisk report … --limit all lists every item).</p>\n`;
  yield `<p class="note">Made by fprisk${report.redacted ? "; titles and file paths are replaced by salted hashes" : ""}. This page loads nothing from the network.</p>
</body></html>
`;
}

export function* itemReportLines(report: AnyItemReport, format: ItemReportFormat): Generator<string> {
  switch (format) {
    case "json": {
      const { catalog, scheme, summary, population, attributes, omitted, redacted } = report;
      yield* jsonWithArrayLines({ catalog, scheme, summary, ...(population ? { population } : {}), attributes, omitted, redacted }, "items", itemsOf(report));
      return;
    }
    case "csv":
      yield* csvLines(itemTable(report));
      return;
    case "html":
      yield* htmlLines(report);
      return;
    case "table":
      yield* textLines(report);
  }
}

export function renderItemReport(report: ItemReport, format: ItemReportFormat): string {
  return Array.from(itemReportLines(report, format)).join("");
}
