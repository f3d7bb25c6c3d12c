/**
 * Values in bucket labels, in the attribute's display unit: `1:32:00`, `5.6 Mbps`,
 * `23.976 fps`, `2 GB`. Labels carry enough decimals that distinct buckets get
 * distinct labels (except log's irrational edges, which use the default decimals).
 */
import { formatBitrate, formatDuration, formatFps, formatSize } from "../../catalog/units.js";
import type { Attribute } from "../types.js";

const VALUE_FORMAT: Partial<Record<Attribute, (x: number, decimals?: number) => string>> = {
  duration: (ms) => formatDuration(ms),
  bitrate: formatBitrate,
  size: formatSize,
  fps: formatFps,
};

/** Decimals that keep distinct buckets apart. */
export const VALUE_DECIMALS = 9;

/** A value of a scalar attribute in its display unit; `decimals` null = the unit's default. */
export function formatValue(attribute: Attribute, x: number, decimals: number | null = VALUE_DECIMALS): string {
  const format = VALUE_FORMAT[attribute];
  if (!format) throw new Error(`${attribute} has no scalar values to label`);
  return decimals === null ? format(x) : format(x, decimals);
}

/** "lo–hi" in display units. */
export function formatRange(attribute: Attribute, lo: number, hi: number, decimals: number | null = VALUE_DECIMALS): string {
  return `${formatValue(attribute, lo, decimals)}–${formatValue(attribute, hi, decimals)}`;
}
