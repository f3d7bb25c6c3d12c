import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/base/errors.js";
import { loadPrior, priorFromRows, titleWeights } from "../../src/attacks/prior.js";

describe("priorFromRows", () => {
  const rows = [
    { title: "Heroes", season: "1", views: "10" },
    { title: "Heroes", season: "2", views: "5" }, // listed once per period: weights add up
    { title: "The Office", season: "1", views: "4" },
    { title: "Ghost", season: "1", views: "" }, // no number: skipped
    { title: "Zero", season: "1", views: "0" },
    { title: "", season: "1", views: "99" }, // no title: skipped
    { title: "Bad", season: "1", views: "-3" },
  ];
  const prior = priorFromRows("t:views", rows, ["title"], "views");

  it("sums the column per title and skips rows without a title or a number ≥ 0", () => {
    expect(prior.label).toBe("t:views");
    expect(prior.titles).toBe(3); // Heroes, The Office, Zero
    expect(prior.weights.get("Heroes")).toBe(15);
    expect(prior.weights.get("The Office")).toBe(4);
    expect(prior.weights.get("Zero")).toBe(0);
    expect(prior.weights.get("Ghost")).toBeUndefined();
    expect(prior.weights.get("Bad")).toBeUndefined();
  });

  it("the floor for unlisted titles is half the smallest positive weight", () => {
    expect(prior.floor).toBe(2);
    expect([...titleWeights(prior, ["heroes", "Office", "Unknown", "Zero"])]).toEqual([15, 4, 2, 0]);
  });

  it("joins multi-column titles; on a normalized collision the larger weight wins", () => {
    const p = priorFromRows("p", [{ a: "Toy Story", b: "1995", w: "1" }, { a: "TOY STORY!", b: "1995", w: "7" }], ["a", "b"], "w");
    expect(p.titles).toBe(2);
    expect([...titleWeights(p, ["toy story — 1995"])]).toEqual([7]);
  });

  it("a column with no positive number is a UserError", () => {
    expect(() => priorFromRows("x:w", [{ t: "A", w: "0" }, { t: "B", w: "n/a" }], ["t"], "w")).toThrow(/column "w" of x:w has no positive numbers/);
  });
});

describe("loadPrior", () => {
  const dir = mkdtempSync(join(tmpdir(), "fprisk-prior-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csv = join(dir, "engagement.csv");
  writeFileSync(csv, "Title,Hours Viewed\nHeroes,100\nThe Office,40\nHeroes,20\n");

  it("uniform means no prior", async () => {
    expect(await loadPrior("uniform")).toBeUndefined();
  });

  it("reads <file>:<column>, finding the title column from the header", async () => {
    const p = (await loadPrior(`${csv}:Hours Viewed`))!;
    expect(p.titles).toBe(2);
    expect(p.weights.get("Heroes")).toBe(120);
    expect(p.floor).toBe(20);
  });

  it("refuses bad specs, missing columns and tables it cannot read, one line each", async () => {
    await expect(loadPrior("views")).rejects.toThrow(/must be "uniform" or <source>:<column>/);
    await expect(loadPrior(`${csv}:`)).rejects.toThrow(UserError);
    await expect(loadPrior(`${csv}:Views`)).rejects.toThrow(/has no column "Views" \(columns: Title, Hours Viewed\)/);
    await expect(loadPrior("no-such-dataset:views")).rejects.toThrow(/neither a file nor a known dataset/);
    const noTitle = join(dir, "numbers.csv");
    writeFileSync(noTitle, "a,b\n1,2\n");
    await expect(loadPrior(`${noTitle}:b`)).rejects.toThrow(/cannot tell which column (.* )?names the title/);
  });

  it("reads any table format the catalogs read (here JSON), through the same loader", async () => {
    const json = join(dir, "list.json");
    writeFileSync(json, '[{"title": "A", "w": 1}, {"title": "B", "w": 3}]');
    const p = (await loadPrior(`${json}:w`))!;
    expect(p.titles).toBe(2);
    expect(p.weights.get("B")).toBe(3);
    expect(p.floor).toBe(0.5); // half the smallest weight
  });
});
