/** Numbers in the results page's prose, formatted one way everywhere. */
import { splitTopLevel } from "../../base/splitTopLevel.js";

/** A share as a percentage with three significant digits ("22.6 %", "0.0386 %"); "—" when unknown. */
export function pct(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return "—";
  if (x === 0) return "0 %";
  return `${Number((100 * x).toPrecision(3))} %`;
}

/** "1ms" → "1 ms", "10min" → "10 min": a width as the study writes it, as prose writes it. */
export function widthText(width: string): string {
  return width.replace(/^([\d.]+)\s*(?=[a-zµ])/i, "$1 ");
}

/** Seconds in the largest whole unit: 0.1 → "100 ms", 1 → "1 s", 60 → "1 min", 90 → "90 s". */
export function secondsText(s: number): string {
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  if (s >= 1) return `${s} s`;
  return `${Number((s * 1000).toPrecision(6))} ms`;
}

/** Whether a catalog source is a synthetic URI (its rows come from the seed). */
export function isSynthetic(source: string): boolean {
  return source.startsWith("synthetic:");
}

/** A label without its parenthetical: "IMDb (runtimes in minutes)" → "IMDb". */
export function shortLabel(label: string): string {
  return label.replace(/\s*\(.*\)\s*$/, "") || label;
}

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** 4 → "four" ("Four" capitalized); numbers above ten as digits. */
export function numberWord(n: number, capital = false): string {
  const w = WORDS[n] ?? String(n);
  return capital ? w[0].toUpperCase() + w.slice(1) : w;
}

const PLURAL: Record<string, string> = { duration: "durations" };

/**
 * A scheme of roundings in words, for a sentence's "when …": "duration=round(1s),bitrate=round(10kbps),resolution=exact"
 * → "durations are rounded to 1 s and bitrate to 10 kbps" (exact parts say nothing). Undefined when a part
 * is not a plain rounding (the caller quotes the scheme instead).
 */
export function schemeProse(scheme: string): string | undefined {
  const parts: string[] = [];
  for (const part of splitTopLevel(scheme)) {
    const m = /^(\w+)=(.*)$/.exec(part.trim());
    if (!m) return undefined;
    const [, attr, g] = m;
    if (g === "exact") continue;
    const r = /^round\(([^)]+)\)$/.exec(g);
    if (!r) return undefined;
    parts.push(parts.length === 0 ? `${PLURAL[attr] ?? attr} ${PLURAL[attr] ? "are" : "is"} rounded to ${widthText(r[1])}` : `${attr} to ${widthText(r[1])}`);
  }
  return parts.length > 0 ? parts.join(" and ") : undefined;
}
