/**
 * The nominal resolution classes, in key order (class key = index), with their
 * nominal frame size. One table for everything that names a resolution class: the
 * `resolution=class` generalizer, its labels, and the synthetic catalog generator.
 */
export const RESOLUTION_CLASSES = [
  { name: "SD", width: 0, height: 0 },
  { name: "720p", width: 1280, height: 720 },
  { name: "1080p", width: 1920, height: 1080 },
  { name: "1440p", width: 2560, height: 1440 },
  { name: "4K", width: 3840, height: 2160 },
  { name: "8K", width: 7680, height: 4320 },
] as const;

export type ResolutionClassName = (typeof RESOLUTION_CLASSES)[number]["name"];

/** Class index of a class name ("1080p" → 2). */
export function resolutionClassIndex(name: ResolutionClassName): number {
  return RESOLUTION_CLASSES.findIndex((c) => c.name === name);
}

const NOMINAL_WIDTH = RESOLUTION_CLASSES.map((c) => c.width);
const NOMINAL_HEIGHT = RESOLUTION_CLASSES.map((c) => c.height);

/**
 * Class index of a resolution: the largest nominal class whose width ≥ 0.9 · nominal
 * width or height ≥ 0.9 · nominal height, else SD. Width catches letterbox crops
 * (1920×800 is 1080p), height catches narrow ones (1440×1080 is 1080p); the 10 % slack
 * absorbs crops such as 1904×1072. Portrait frames are classified by their long side
 * (1080×1920 is 1080p). A missing dimension is ignored; both missing → NaN.
 */
export function resolutionClass(width: number, height: number): number {
  if (width !== width && height !== height) return NaN;
  let long = width;
  let short = height;
  if (height > width) {
    long = height;
    short = width;
  }
  for (let c = NOMINAL_WIDTH.length - 1; c >= 1; c--) {
    if (long >= 0.9 * NOMINAL_WIDTH[c] || short >= 0.9 * NOMINAL_HEIGHT[c]) return c;
  }
  return 0;
}
