/**
 * A folder of media files (probed with ffprobe) or of saved ffprobe outputs, walked
 * recursively: `fprisk inspect ~/Movies`.
 *
 * Each file is classified by its first bytes (mediaSniff.ts), not its extension:
 *   - media → probed with ffprobe (bounded concurrency; results cached, probeCache.ts);
 *   - a JSON file that looks like ffprobe output → parsed like a probe;
 *   - anything else (posters, .nfo, subtitles) → ignored and counted by kind.
 * Files that cannot be used are skipped and counted in `rejected` by reason: unreadable
 * files, media ffprobe cannot parse (with its first error line) and, with
 * `skipInvalid`, broken ffprobe JSON (without it, broken JSON stops the load, as a
 * broken row does in a CSV). The load fails only when no item could be read.
 *
 * With a `redactor` (`report --redact-titles`), no folder or file name leaves the
 * scan in clear: events, notes and error messages name files by `redactor.path`
 * (the same hash the report gives the item), and ffprobe's or the OS's detail text
 * has every spelling of the file's path replaced the same way.
 */
import { open, readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { extname, relative, resolve } from "node:path";
import type { Catalog } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import type { Redactor } from "../../base/redact.js";
import { looksLikeFfprobe, parseFfprobeJson, ProbeError, probeItem, probeTitleFallback } from "./ffprobe.js";
import { MEDIA_SNIFF_BYTES, sniffMedia, type NonMediaKind } from "./mediaSniff.js";
import { ProbeItemCollector } from "./probeItems.js";
import { defaultProbeCacheDir, ProbeCache, type CachedProbe, type ProbeFileKey } from "./probeCache.js";
import { describeFfprobe, mapLimit, probeFile, resolveFfprobe } from "./probeRunner.js";
import { errnoText, walkFiles, type WalkedFile } from "./walk.js";

export interface MediaScanOptions {
  skipInvalid?: boolean;
  /** Probe cache folder; false disables the cache; default defaultProbeCacheDir(). */
  probeCacheDir?: string | false;
  /** ffprobe processes at once; default min(4, cores). */
  jobs?: number;
  /** ffprobe binary; default FPRISK_FFPROBE, else `ffprobe` on PATH, else the npm-bundled one (probeRunner.ts). */
  ffprobePath?: string;
  /** Called as files are examined and probed (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Called for every file that gives no item: skipped (a problem) or ignored (not media). */
  onFile?: (event: ScanEvent) => void;
  /** Name files and the folder only by their redacted form in events, notes and errors. */
  redactor?: Redactor;
}

export interface ScanEvent {
  /** The file as walked (folder + relative path), or its redacted name under a redactor. */
  file: string;
  outcome: "skipped" | "ignored";
  /** Count key: "ffprobe failed", "unreadable", "truncated ffprobe JSON", "text", "image"… */
  reason: string;
  /** One line: ffprobe's first error, the errno text, the JSON problem. */
  detail: string;
}

/** How many skipped files `notes` describe one by one. */
const NOTED_SKIPS = 10;

type Candidate = { file: WalkedFile; kind: "media" } | { file: WalkedFile; kind: "probe-json" };

export async function loadMediaFolder(path: string, options: MediaScanOptions = {}): Promise<Catalog> {
  const walked = await walkFiles(path);
  const items = new ProbeItemCollector(path, options.skipInvalid);
  const notes: string[] = [];
  const skipped: ScanEvent[] = [];
  const ignored = new Map<NonMediaKind, number>();
  const ignoredExt = new Map<string, number>();
  const { shown, scrub } = namer(options.redactor);
  const folder = shown(path);
  const skip = (file: string, reason: string, detail: string) => {
    const event: ScanEvent = { file: shown(file), outcome: "skipped", reason, detail: scrub(detail, file) };
    skipped.push(event);
    items.reject(reason, file, detail);
    options.onFile?.(event);
  };
  for (const p of walked.problems) skip(p.path, p.reason, p.detail);

  // 1. Classify by content.
  const candidates: Candidate[] = [];
  const total = walked.files.length;
  for (const file of walked.files) {
    let head: Buffer;
    try {
      head = await readHead(file.path);
    } catch (e) {
      skip(file.path, "unreadable", errnoText(e));
      continue;
    }
    const sniffed = sniffMedia(head);
    if (sniffed.media) candidates.push({ file, kind: "media" });
    else if (sniffed.kind === "text" && looksLikeFfprobe(head.toString("utf8").replace(/^\uFEFF/, ""))) candidates.push({ file, kind: "probe-json" });
    else {
      ignored.set(sniffed.kind, (ignored.get(sniffed.kind) ?? 0) + 1);
      const ext = extname(file.path).toLowerCase() || "(no extension)";
      ignoredExt.set(ext, (ignoredExt.get(ext) ?? 0) + 1);
      options.onFile?.({ file: shown(file.path), outcome: "ignored", reason: sniffed.kind, detail: `not media (${sniffed.kind})` });
    }
  }
  if (candidates.length === 0) {
    if (skipped.length > 0) {
      throw new UserError(`${folder}: nothing could be loaded: ${skipSummary(skipped)} (first: ${skipped[0].file}: ${skipped[0].detail})`);
    }
    const looked = total === 0 ? "the folder holds no files" : `looked at ${total} file${total === 1 ? "" : "s"}: ${kindSummary(ignored)}; extensions ${countList(ignoredExt)}`;
    throw new UserError(`no media files in ${folder} (${looked})`);
  }

  // 2. Results from the cache, then ffprobe for the rest. The binary is resolved
  //    even on a warm cache: an entry made by another ffprobe version is stale.
  const cache = options.probeCacheDir === false ? undefined : new ProbeCache(options.probeCacheDir ?? defaultProbeCacheDir());
  let cacheBroken: string | undefined;
  const results = new Array<CachedProbe | undefined>(candidates.length);
  const toProbe: number[] = [];
  let cacheHits = 0;
  let tampered = 0;
  const staleBy = new Map<string, number>();
  const ffprobe = candidates.some((c) => c.kind === "media") ? await resolveFfprobe(options.ffprobePath) : undefined;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if (c.kind !== "media") continue;
    const found = cache ? await cache.get(cacheKey(c.file), ffprobe!.version) : ({ miss: "absent" } as const);
    if ("hit" in found) {
      results[i] = found.hit;
      cacheHits++;
      continue;
    }
    if (found.miss === "tampered") tampered++;
    if (found.miss === "stale") staleBy.set(found.madeBy, (staleBy.get(found.madeBy) ?? 0) + 1);
    toProbe.push(i);
  }
  let done = candidates.length - toProbe.length;
  options.onProgress?.(done, candidates.length);
  if (ffprobe && toProbe.length > 0) {
    const jobs = Math.max(1, Math.floor(options.jobs ?? Math.min(4, availableParallelism())));
    await mapLimit(
      toProbe,
      jobs,
      async (i) => {
        const c = candidates[i];
        const out = await probeFile(ffprobe, c.file.path);
        let result: CachedProbe;
        if (out.ok) {
          try {
            result = { ok: true, output: JSON.parse(out.json), ffprobe: ffprobe.version };
          } catch {
            result = { ok: false, error: "ffprobe printed invalid JSON", ffprobe: ffprobe.version };
          }
        } else {
          result = { ok: false, error: out.error, ffprobe: ffprobe.version };
        }
        results[i] = result;
        if (cache && !cacheBroken) {
          try {
            await cache.put(cacheKey(c.file), result);
          } catch (e) {
            cacheBroken = (e as Error).message; // an unwritable cache slows later scans, it does not fail this one
          }
        }
      },
      () => options.onProgress?.(++done, candidates.length),
    );
  }

  // 3. Items, in walk order (the same for any --jobs).
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const file = c.file.path;
    try {
      if (c.kind === "probe-json") {
        let text: string;
        try {
          text = await readFile(file, "utf8");
        } catch (e) {
          skip(file, "unreadable", errnoText(e));
          continue;
        }
        items.add(probeItem(parseFfprobeJson(text, file), file, probeTitleFallback(file, true)), file);
        continue;
      }
      const r = results[i]!;
      if (!r.ok) {
        skip(file, "ffprobe failed", `ffprobe: ${r.error}`);
        continue;
      }
      items.add(probeItem(r.output as Record<string, unknown>, file, probeTitleFallback(file)), file);
    } catch (e) {
      if (!(e instanceof ProbeError)) throw e;
      // Broken saved JSON is the user's input and stops the load unless told to skip;
      // a probe of real media that gives no item (e.g. subtitles only) is just skipped.
      if (c.kind === "probe-json" && !options.skipInvalid) throw new UserError(`${scrub(e.message, file)} — fix or remove the file, or pass --skip-invalid to skip such files`);
      skip(file, e.reason, e.message.startsWith(file) ? e.message.slice(file.length).replace(/^:\s*/, "") : e.message);
    }
  }
  if (items.size === 0) {
    throw new UserError(`${folder}: nothing could be loaded: ${skipSummary(skipped)} (first: ${skipped[0].file}: ${skipped[0].detail})`);
  }

  // 4. What a reader of `inspect` should know.
  const probed = toProbe.length;
  if (ffprobe && probed > 0) notes.push(`ran ${describeFfprobe(ffprobe)} on ${probed} file${probed === 1 ? "" : "s"}`);
  if (cache) {
    if (cacheHits > 0) notes.push(`${cacheHits} probe${cacheHits === 1 ? "" : "s"} read from the cache ${cache.dir}, made by the ffprobe in use: ${describeFfprobe(ffprobe!)}`);
    if (tampered > 0) notes.push(`${tampered} probe-cache entr${tampered === 1 ? "y" : "ies"} failed the checksum (edited or damaged) and ${tampered === 1 ? "was" : "were"} probed again`);
    for (const [madeBy, n] of staleBy) notes.push(`${n} probe-cache entr${n === 1 ? "y" : "ies"} made by ${madeBy} ${n === 1 ? "was" : "were"} probed again with ${ffprobe!.version}`);
    if (cacheBroken) notes.push(`probe cache not written: ${cacheBroken}`);
  } else {
    notes.push("probe cache disabled");
  }
  const jsonCount = candidates.filter((c) => c.kind === "probe-json").length;
  if (jsonCount > 0) notes.push(`${jsonCount} saved ffprobe output${jsonCount === 1 ? "" : "s"} read`);
  if (ignored.size > 0) {
    const n = [...ignored.values()].reduce((a, b) => a + b, 0);
    notes.push(`ignored ${n} file${n === 1 ? "" : "s"} that are not media: ${kindSummary(ignored)}`);
  }
  if (walked.repeats > 0) notes.push(`${walked.repeats} files or folders reached again through links were counted once`);
  for (const s of skipped.slice(0, NOTED_SKIPS)) notes.push(`skipped ${options.redactor ? s.file : relative(path, s.file) || s.file}: ${s.detail}`);
  if (skipped.length > NOTED_SKIPS) notes.push(`… and ${skipped.length - NOTED_SKIPS} more skipped files`);
  return items.finish(notes);
}

/**
 * How files are named outside the scan: as walked, or by their redacted form. `scrub`
 * replaces each spelling of a file's path in a detail line (ffprobe prints
 * "file:/abs/path: Invalid data…", the OS the path it was given) by that form.
 */
function namer(redactor: Redactor | undefined): { shown: (file: string) => string; scrub: (text: string, file: string) => string } {
  if (!redactor) return { shown: (f) => f, scrub: (t) => t };
  return {
    shown: (f) => redactor.path(f),
    scrub: (text, file) => {
      const spellings = [...new Set([`file:${resolve(file)}`, resolve(file), file])].filter((p) => p !== "").sort((a, b) => b.length - a.length);
      let out = text;
      for (const p of spellings) out = out.split(p).join(redactor.path(file));
      return out;
    },
  };
}

function cacheKey(file: WalkedFile): ProbeFileKey {
  return { path: file.realPath, size: file.size, mtimeNs: file.mtimeNs };
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(MEDIA_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function countList(counts: Map<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${n} ${k}`).join(", ");
}

function kindSummary(kinds: Map<NonMediaKind, number>): string {
  const word: Record<NonMediaKind, [string, string]> = {
    empty: ["empty file", "empty files"],
    text: ["text file", "text files"],
    image: ["image", "images"],
    other: ["other file", "other files"],
  };
  return [...kinds].map(([k, n]) => `${n} ${word[k][n === 1 ? 0 : 1]}`).join(", ");
}

function skipSummary(skipped: ScanEvent[]): string {
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return `${skipped.length} file${skipped.length === 1 ? "" : "s"} skipped (${countList(counts)})`;
}
