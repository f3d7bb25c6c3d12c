/**
 * `codec=family`: the codec's family instead of the name the file or the server
 * recorded, so the many spellings of one format — an ffprobe `codec_name`, an MP4
 * sample entry (`avc1`, `hvc1`), a media server's column — fall into one bucket:
 *
 *   family          names (compared lower-cased, trimmed)
 *   H.264           h264, avc1, avc, avc3
 *   HEVC            hevc, h265, hvc1, hev1
 *   VP8             vp8, vp08
 *   VP9             vp9, vp09
 *   AV1             av1, av01
 *   MPEG-2          mpeg2video, mpeg2
 *   MPEG-4 Part 2   mpeg4, xvid, divx, mp4v
 *   AAC             aac, mp4a
 *   AC-3            ac3, ac-3
 *   E-AC-3          eac3, ec-3, ec3
 *   DTS             dts
 *   MP3             mp3
 *   FLAC            flac
 *   Opus            opus
 *   Vorbis          vorbis
 *
 * Any other name keeps its lower-cased, trimmed spelling (a family of its own). Every
 * family name above has a capital letter, so such a name never merges with a family.
 *
 *   codec=family  "avc1", "H264 " → both "H.264"; "prores" → "prores"; "" → not reported
 *
 * Nesting: codec=exact ⊑ codec=family ⊑ drop — the family is a function of the name.
 */
import { UserError } from "../../base/errors.js";
import { TEXT_FIELD, type TextAttribute } from "../types.js";
import { categoryKeys, categoryName } from "./categories.js";
import { ASK_COARSER, DEFAULT_SQL_TEXT, type GeneralizerDef } from "./generalizer.js";

export interface FamilyGeneralizer {
  kind: "family";
}

const FAMILIES: Record<string, readonly string[]> = {
  "H.264": ["h264", "avc1", "avc", "avc3"],
  HEVC: ["hevc", "h265", "hvc1", "hev1"],
  VP8: ["vp8", "vp08"],
  VP9: ["vp9", "vp09"],
  AV1: ["av1", "av01"],
  "MPEG-2": ["mpeg2video", "mpeg2"],
  "MPEG-4 Part 2": ["mpeg4", "xvid", "divx", "mp4v"],
  AAC: ["aac", "mp4a"],
  "AC-3": ["ac3", "ac-3"],
  "E-AC-3": ["eac3", "ec-3", "ec3"],
  DTS: ["dts"],
  MP3: ["mp3"],
  FLAC: ["flac"],
  Opus: ["opus"],
  Vorbis: ["vorbis"],
};

const FAMILY_OF = new Map(Object.entries(FAMILIES).flatMap(([family, names]) => names.map((n) => [n, family] as const)));

/** The family of a codec name ("avc1" → "H.264"); other names lower-cased and trimmed. */
export function codecFamily(name: string): string {
  const key = name.trim().toLowerCase();
  return FAMILY_OF.get(key) ?? key;
}

/** An SQL string literal. */
function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export const family: GeneralizerDef<FamilyGeneralizer> = {
  kind: "family",
  syntax: "family",
  attributes: ["codec"],
  randomized: false,
  rowLocal: true,
  parse(r) {
    r.noArguments();
    return { kind: "family" };
  },
  format: () => "family",
  same: () => true,
  scalarKeys: null,
  pairKeys: null,
  textKeys: (_g, col, { attribute }) => categoryKeys(attribute as TextAttribute, col, codecFamily),
  fit: null,
  label: (_g, attribute, key) => categoryName(attribute as TextAttribute, key),
  interval: null,
  keyWidth: () => 0,
  chartWidth: () => null,
  refines: () => ASK_COARSER,
  refinedBy: (_c, _f, ctx) => ctx.no,
  sql(_g, attribute, column, _fitted, text = DEFAULT_SQL_TEXT) {
    if (attribute !== "codec") throw new UserError(`family applies to codec only`);
    const name = `lower(${text.trim(column(TEXT_FIELD.codec))})`;
    const arms = Object.entries(FAMILIES).map(([fam, names]) => `WHEN ${name} IN (${names.map(sqlString).join(", ")}) THEN ${sqlString(fam)}`);
    return `(CASE WHEN ${name} = '' THEN NULL ${arms.join(" ")} ELSE ${name} END)`;
  },
};
