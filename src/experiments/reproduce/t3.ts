/**
 * T3 — attack success at the rounding widths a Plex-like promise would plausibly use
 * ("generalize duration and bitrate"; no width was ever published), per
 * catalog × scheme × attack, each rate with its bootstrap 95 % interval:
 *
 * - class match: the attacker holds the catalog and names a title of the observed
 *   class (success@1);
 * - likelihood: the same with ±2 s / ±5 % tolerance windows around the attacker's
 *   values (a noisy release database);
 * - linkage: 4 linked plays of one server; the share of servers they single out
 *   (one consistent library) — the attacker answers only then;
 * - Scoreboard-RH (Narayanan & Shmatikov 2008, best-guess mode, φ = 1.5): 8 plays of
 *   which 2 come from other servers, durations off by up to ±14 s — their Netflix
 *   setting of 8 ratings, 2 wrong, ±14 days; success@1.
 *
 * The IMDb row plays simulated release files of IMDb titles (simulateReleases) against
 * the IMDb minute catalog: the coarser public catalog an attacker can download. The
 * library attacks match servers' own files, so that catalog plays no part in them:
 * they are not run there.
 */
import type { LibraryAttackOutcome } from "../../attacks/libraryAttack.js";
import type { Libraries } from "../../attacks/libraries.js";
import { runLibraryAttack } from "../../attacks/libraryAttack.js";
import { evaluateAttack } from "../../attacks/evaluation.js";
import { catalogHasPart } from "../../schemes/schemeView.js";
import { runAttack } from "../../attacks/runAttack.js";
import { simulateReleases } from "../../attacks/simulateReleases.js";
import type { AttackOutcome, RateWithCI } from "../../attacks/types.js";
import type { Catalog } from "../../catalog/catalog.js";
import { renderMarkdownTable, type Table } from "../../output/tabular.js";
import { formatScheme } from "../../schemes/format.js";
import { parseScheme } from "../../schemes/parse.js";
import type { Scheme } from "../../schemes/types.js";
import type { T3Params } from "../study/types.js";
import { loadCached, paramsOf, serversFrom, studyOf } from "./catalogs.js";
import { missingAttributes } from "./notBuilt.js";
import { isSynthetic, pct, shortLabel } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

/** The attack columns, named from the study's parameters. */
export function t3Attacks(p: Pick<T3Params, "toleranceS" | "tolerancePercent" | "linkagePlays" | "scoreboard">) {
  return {
    class: "class match",
    likelihood: `likelihood ±${p.toleranceS} s / ±${p.tolerancePercent} %`,
    linkage: `linkage, ${p.linkagePlays} plays`,
    scoreboard: `Scoreboard-RH, ${p.scoreboard.plays} plays (${p.scoreboard.wrongPlays} wrong, ±${p.scoreboard.durationErrorS} s)`,
  } as const;
}
type AttackKey = keyof ReturnType<typeof t3Attacks>;

/** "minute" for a catalog recording whole minutes, "second", or "millisecond". */
function precisionUnit(catalog: Catalog): string {
  const p = catalog.precision.duration_ms ?? 0;
  return p >= 60_000 ? "minute" : p >= 1000 ? "second" : "millisecond";
}

/** The parts of `scheme` the catalog has data for ("on catalogs without bitrate/resolution, the parts they have"). */
export function schemeFor(catalog: Catalog, scheme: Scheme): Scheme {
  return { parts: scheme.parts.filter((p) => catalogHasPart(p, catalog)) };
}

/**
 * Linkage outcomes as an attacker who answers only when the plays leave one library:
 * success@1 is then the share of servers singled out (closed world, exact plays: the
 * one library left is the target's).
 */
export function singledOut(outcomes: readonly LibraryAttackOutcome[]): AttackOutcome[] {
  return outcomes.map((o) => (o.candidates === 1 ? o : { ...o, answer: { ranked: [], confidence: 0, scoreKind: "posterior" as const } }));
}

/** "0.64 [0.58, 0.71]"; three decimals when the whole interval is under 0.1. */
export function formatRate(r: RateWithCI): string {
  const d = r.ci_high < 0.1 ? 3 : 2;
  return `${r.value.toFixed(d)} [${r.ci_low.toFixed(d)}, ${r.ci_high.toFixed(d)}]`;
}

interface T3Catalog {
  label: string;
  victim: Catalog;
  /** What the item attacks match against. */
  attacker: Catalog | "same";
  attackerLabel: string;
  /** Servers for the library attacks; absent: not run. */
  servers?: Libraries;
  /** How the caption names it. */
  described: string;
  source: string;
  releases: boolean;
  /** The catalog's label without its parenthetical ("IMDb"), and the unit its durations are recorded in. */
  short: string;
  unit: string;
}

interface T3Row {
  catalog: string;
  attacker: string;
  scheme: string;
  attack: AttackKey;
  targets: number;
  rate: RateWithCI;
  noMatch: number;
}

async function t3Catalogs(config: ReproduceConfig, p: T3Params): Promise<{ catalogs: T3Catalog[]; serverCount: number }> {
  const study = studyOf(config);
  const serverCount = study.servers.count;
  const catalogs: T3Catalog[] = [];
  for (const row of p.rows) {
    const c = study.catalogs.find((x) => x.id === row.catalog)!;
    const catalog = await loadCached(c.source, c.map);
    const short = shortLabel(c.label);
    if (row.attacker === "releases") {
      catalogs.push({
        label: row.label ?? c.label,
        victim: simulateReleases(catalog, { seed: config.seed }),
        attacker: catalog,
        attackerLabel: `${short} runtimes (${precisionUnit(catalog)}s)`,
        described: `${short}: release files simulated from ${c.source} runtimes (seed ${config.seed}) attacked with the ${short} ${precisionUnit(catalog)} catalog`,
        source: c.source,
        releases: true,
        short,
        unit: precisionUnit(catalog),
      });
    } else {
      const missing = missingAttributes(catalog, p.schemes).map((a) => `no ${a}`);
      const remarks = [...missing, ...(c.note ? [c.note] : [])];
      const { libraries } = await serversFrom(c, serverCount, config.seed);
      catalogs.push({
        label: row.label ?? c.label,
        victim: catalog,
        attacker: "same",
        attackerLabel: "same catalog",
        servers: libraries,
        described: missing.length > 0 ? `${c.source} (${remarks.join(", ")}: schemes keep the parts a catalog has)` : c.source,
        source: c.source,
        releases: false,
        short,
        unit: precisionUnit(catalog),
      });
    }
  }
  return { serverCount, catalogs };
}

async function makeT3(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "T3");
  const T3_SCHEMES = p.schemes;
  const T3_ATTACKS = t3Attacks(p);
  const targets = p.targets;
  const { catalogs, serverCount } = await t3Catalogs(config, p);
  const rows: T3Row[] = [];
  const total = catalogs.length * T3_SCHEMES.length;
  let step = 0;
  for (const c of catalogs) {
    for (const full of T3_SCHEMES) {
      const scheme = schemeFor(c.victim, parseScheme(full));
      const key = formatScheme(scheme);
      const push = (attack: AttackKey, outcomes: readonly AttackOutcome[], attacker = c.attackerLabel) => {
        const e = evaluateAttack(outcomes, { seed: config.seed });
        rows.push({ catalog: c.label, attacker, scheme: key, attack, targets: e.targets, rate: e.success_at_1, noMatch: e.no_match.value });
      };
      for (const method of ["class", "likelihood"] as const) {
        const run = runAttack(c.victim, {
          scheme,
          method,
          attacker: c.attacker,
          targets,
          seed: config.seed,
          ...(method === "likelihood" ? { tolerance: { durationMs: p.toleranceS * 1000, bitratePercent: p.tolerancePercent } } : {}),
        });
        push(method, run.outcomes);
      }
      if (c.servers) {
        const linkage = runLibraryAttack(c.victim, c.servers, { method: "linkage", scheme, plays: p.linkagePlays, targets, seed: config.seed });
        push("linkage", singledOut(linkage), "every server's library");
        const scoreboard = runLibraryAttack(c.victim, c.servers, { method: "scoreboard", scheme, plays: p.scoreboard.plays, wrongPlays: p.scoreboard.wrongPlays, durationErrorMs: p.scoreboard.durationErrorS * 1000, targets, seed: config.seed });
        push("scoreboard", scoreboard, "every server's library");
      }
      config.onProgress?.("T3", ++step, total);
    }
  }

  const data: Table = {
    columns: ["catalog", "scheme", "attack", "attacker", "targets", "value", "ci_low", "ci_high", "no_match"],
    rows: rows.map((r) => [r.catalog, r.scheme, T3_ATTACKS[r.attack], r.attacker, r.targets, r.rate.value, r.rate.ci_low, r.rate.ci_high, r.noMatch]),
  };
  // The shown table: one line per catalog × scheme, one column per attack.
  const attacks = Object.keys(T3_ATTACKS) as AttackKey[];
  const lines = [...new Map(rows.map((r) => [`${r.catalog}|${r.scheme}`, r])).values()];
  const shown: Table = {
    columns: ["catalog", "scheme", ...attacks.map((a) => T3_ATTACKS[a])],
    rows: lines.map((l) => [
      l.catalog,
      l.scheme,
      ...attacks.map((a) => {
        const r = rows.find((x) => x.catalog === l.catalog && x.scheme === l.scheme && x.attack === a);
        return r ? formatRate(r.rate) : "not run";
      }),
    ]),
  };

  // each row's own form of a scheme (the parts its catalog has)
  const value = (c: T3Catalog, full: string, attack: AttackKey) => {
    const scheme = formatScheme(schemeFor(c.victim, parseScheme(full)));
    return rows.find((r) => r.catalog === c.label && r.scheme === scheme && r.attack === attack)?.rate.value;
  };
  // the Plex-like scheme is the second coarsest (the paper: fine, Plex-like, coarse)
  const plexLike = T3_SCHEMES[T3_SCHEMES.length - 2];
  const coarse = T3_SCHEMES[T3_SCHEMES.length - 1];
  const sentences: string[] = [];
  const syn = catalogs.find((c) => c.servers);
  if (syn) {
    const title = isSynthetic(syn.source) ? "the synthetic title" : `a ${syn.short} title`;
    const attacks = ["class", "linkage", "scoreboard"] as const;
    const fall = attacks.every((a) => (value(syn, coarse, a) ?? 0) <= (value(syn, plexLike, a) ?? 0));
    const despite = p.scoreboard.wrongPlays > 0 ? `wrong plays and ±${p.scoreboard.durationErrorS} s errors` : `±${p.scoreboard.durationErrorS} s errors`;
    sentences.push(
      `At the Plex-like widths (${plexLike}), one play names ${title} ${pct(value(syn, plexLike, "class"))} of the time, ` +
        `while ${p.linkagePlays} linked plays single out ${pct(value(syn, plexLike, "linkage"))} of servers and Scoreboard-RH re-identifies ${pct(value(syn, plexLike, "scoreboard"))} despite ${despite}. ` +
        `At ${coarse} these ${fall ? "fall to" : "are"} ${pct(value(syn, coarse, "class"))}, ${pct(value(syn, coarse, "linkage"))} and ${pct(value(syn, coarse, "scoreboard"))}.`,
    );
  }
  for (const c of catalogs.filter((x) => x.releases)) {
    const own = rows.filter((r) => r.catalog === c.label);
    const schemesSeen = new Set(own.map((r) => r.scheme)).size;
    const best = Math.max(...own.map((r) => r.rate.value));
    const who = `An attacker holding only ${c.short}'s ${c.unit} runtimes`;
    sentences.push(
      best === 0
        ? `${who} names none of the ${targets} simulated ${c.short} release files it is shown, under any of the ${schemesSeen} schemes.`
        : `${who} names at most ${pct(best)} of simulated ${c.short} release files, whichever of the ${schemesSeen} schemes and item attacks.`,
    );
  }
  const text = sentences.join(" ");
  const releases = catalogs.filter((c) => c.releases).map((c) => c.short);

  return {
    id: "T3",
    name: "t3-attacks-at-plex-widths",
    title: t3.title,
    caption:
      `Success@1 with 95 % percentile-bootstrap intervals (1,000 resamples of the targets, seed ${config.seed}); ${targets} targets (plays or servers) per cell. ` +
      `Catalogs: ${catalogs.map((c) => c.described).join("; ")}. ` +
      `Attackers: class match and likelihood (±${p.toleranceS} s, ±${p.tolerancePercent} % windows) hold the catalog shown; ` +
      `linkage (${p.linkagePlays} plays, success = the plays leave one server) and Scoreboard-RH (best guess, φ = 1.5) hold every server's library: ` +
      `${serverCount.toLocaleString("en-US")} synthetic servers per catalog (Zipf popularity, log-normal sizes).` +
      (releases.length ? ` Library attacks are not run on the ${releases.join(", ")} row${releases.length === 1 ? "" : "s"} (they do not use a runtime catalog).` : ""),
    data,
    markdown: renderMarkdownTable(shown),
    text,
  };
}

export const t3: ArtifactMaker = { id: "T3", name: "t3-attacks-at-plex-widths", title: "Attack success at Plex-like rounding widths", describe: "attack success at Plex-like rounding widths", make: makeT3 };
