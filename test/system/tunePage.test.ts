/**
 * The `tune --html` page in a real browser: Debian's Chromium driven by puppeteer-core
 * (no browser download). The page must draw the chart with every evaluated scheme,
 * show a tooltip on hover, sort its table on a header click, and make no network
 * request. Without Chromium the test FAILS saying what to install.
 *
 * Part of `npm run test:system`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { fprisk, tmp } from "../cliHelpers.js";

const CHROMIUM = process.env.FPRISK_CHROMIUM ?? "/usr/bin/chromium";

describe("tune --html in headless Chromium", () => {
  it("renders the chart, shows a tooltip on hover, sorts the table, requests nothing", async () => {
    expect(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium (or set FPRISK_CHROMIUM)`).toBe(true);
    const dir = tmp();
    const page = join(dir, "frontier.html");
    const r = fprisk(["tune", "chinook-tracks", "--target", "title_unique_fraction<=0.01", "--space", "duration=round(1s)|round(5s)|round(15s)|round(1min),bitrate=exact|round(100kbps)|drop", "--html", page, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const evaluated = JSON.parse(r.stdout).evaluated as number;

    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${join(dir, "profile")}`],
    });
    try {
      const tab = await browser.newPage();
      const requests: string[] = [];
      tab.on("request", (q) => requests.push(q.url()));
      const errors: string[] = [];
      tab.on("pageerror", (e) => errors.push(String(e)));
      await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
      // every evaluated scheme and the three Plex-like references are drawn
      expect(await tab.$$eval("circle.pt", (c) => c.length)).toBe(evaluated + 3);
      expect(await tab.$eval("#tip", (t) => getComputedStyle(t).display)).toBe("none");
      const rec = await tab.$$eval("circle.pt", (cs) => cs.findIndex((c) => c.getAttribute("fill") === "#D55E00"));
      const circles = await tab.$$("circle.pt");
      await circles[rec].hover();
      const tip = await tab.$eval("#tip", (t) => ({ display: getComputedStyle(t).display, text: t.textContent }));
      expect(tip.display).toBe("block");
      expect(tip.text).toContain("duration=round(15s)");
      expect(tip.text).toContain("meets every target");
      // sort by the objective column, twice: ascending then descending
      const objectiveCol = await tab.$$eval("#schemes th", (ths) => ths.findIndex((t) => t.textContent === "objective"));
      const column = () => tab.$$eval("#schemes tbody tr", (rows, c) => rows.map((r) => Number((r as HTMLTableRowElement).cells[c as number].dataset.v)), objectiveCol);
      await tab.click(`#schemes th[data-col="${objectiveCol}"]`);
      const up = await column();
      expect(up).toEqual([...up].sort((a, b) => a - b));
      await tab.click(`#schemes th[data-col="${objectiveCol}"]`);
      const down = await column();
      expect(down).toEqual([...up].reverse());
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
