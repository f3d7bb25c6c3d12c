/**
 * Is this file media? Decided from its first bytes (magic numbers), never from its
 * extension: a `.dat` holding an MP4 is media, a text file named `.mkv` is not.
 *
 * The signatures follow the probe functions of FFmpeg's demuxers (FFmpeg/FFmpeg,
 * libavformat/: mov.c mov_probe, matroskadec.c matroska_probe, mp3dec.c
 * mp3_read_probe, flacdec.c, oggdec.c, avidec.c / wavdec.c (RIFF), mpegts.c
 * get_packet_size (188/192/204-byte packets, as mkvmerge's r_mpeg_ts.cpp also tries),
 * flvdec.c, asfdec_f.c (the ASF header GUID), mpeg.c (pack start code)), reduced to
 * what one read of the head can check. ffprobe has the last word: a file that passes
 * here but does not parse is reported as corrupt.
 */

/** Bytes of the head needed to recognize every format below (TS needs 4 packets of 204). */
export const MEDIA_SNIFF_BYTES = 4096;

export type MediaFormat =
  | "mp4/mov"
  | "matroska/webm"
  | "mp3"
  | "flac"
  | "ogg"
  | "avi"
  | "wav"
  | "mpeg-ts"
  | "mpeg-ps"
  | "flv"
  | "asf/wmv"
  | "aac"
  | "ac3"
  | "aiff"
  | "realmedia";

/** What a non-media file looked like, for the "looked at N files: …" summary. */
export type NonMediaKind = "empty" | "text" | "image" | "other";

export type SniffResult = { media: true; format: MediaFormat } | { media: false; kind: NonMediaKind };

const ascii = (buf: Uint8Array, at: number, text: string): boolean => {
  if (buf.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** ISO-BMFF / QuickTime: a box type at offset 4 (ftyp first; old QuickTime files start with moov/mdat/wide/free). */
const MP4_BOXES = ["ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"];

/** ASF header object GUID 75B22630-668E-11CF-A6D9-00AA0062CE6C, as stored (little-endian fields). */
const ASF_GUID = [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c];

export function sniffMedia(head: Uint8Array): SniffResult {
  if (head.length === 0) return { media: false, kind: "empty" };
  const format = mediaFormat(head);
  if (format) return { media: true, format };
  return { media: false, kind: nonMediaKind(head) };
}

function mediaFormat(b: Uint8Array): MediaFormat | undefined {
  if (b.length >= 8 && MP4_BOXES.some((box) => ascii(b, 4, box))) {
    // A box size below 8 cannot be a real box: plain text such as "abc ftyp…" is not MP4.
    const size = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    if (size === 1 || size >= 8) return "mp4/mov";
  }
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return "matroska/webm";
  if (ascii(b, 0, "fLaC")) return "flac";
  if (ascii(b, 0, "OggS")) return "ogg";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "AVI ")) return "avi";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return "wav";
  if (ascii(b, 0, "RF64") && ascii(b, 8, "WAVE")) return "wav";
  if (ascii(b, 0, "FORM") && (ascii(b, 8, "AIFF") || ascii(b, 8, "AIFC"))) return "aiff";
  if (ascii(b, 0, "FLV") && b[3] === 1) return "flv";
  if (ascii(b, 0, ".RMF")) return "realmedia";
  if (ASF_GUID.every((x, i) => b[i] === x)) return "asf/wmv";
  if (b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0xba) return "mpeg-ps";
  if (isTransportStream(b)) return "mpeg-ts";
  if (ascii(b, 0, "ID3") && b[3] >= 2 && b[3] <= 4) return "mp3"; // ID3v2 usually fronts MP3 (AAC/FLAC rarely)
  if (mpegAudioFrames(b) >= 2) return "mp3";
  if (adtsFrames(b) >= 2) return "aac";
  if (b[0] === 0x0b && b[1] === 0x77) return "ac3";
  return undefined;
}

/**
 * 0x47 sync bytes at a fixed packet stride: 188 (TS), 192 (M2TS, a 4-byte timestamp
 * first) or 204 (TS with FEC). Needs 4 aligned packets, or the whole file when shorter.
 */
function isTransportStream(b: Uint8Array): boolean {
  for (const [stride, first] of [
    [188, 0],
    [192, 4],
    [204, 0],
  ]) {
    const packets = Math.min(4, Math.floor((b.length - first) / stride));
    if (packets < 2) continue;
    let ok = true;
    for (let k = 0; k < packets && ok; k++) ok = b[first + k * stride] === 0x47;
    if (ok) return true;
  }
  return false;
}

// MPEG-1/2/2.5 audio frame header (ISO/IEC 11172-3 §2.4.2.3): 11 sync bits, version,
// layer, bitrate index, sample-rate index, padding. Bitrates in kbps by [version][layer].
const MPA_BITRATES: Record<string, number[]> = {
  "1-1": [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  "1-2": [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  "1-3": [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  "2-1": [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  "2-2": [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  "2-3": [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPA_RATES: Record<number, number[]> = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 25: [11025, 12000, 8000] };

/** Length in bytes of the MPEG audio frame starting at `at`, or 0 if no valid header is there. */
function mpegAudioFrameLength(b: Uint8Array, at: number): number {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return 0;
  const versionBits = (b[at + 1] >> 3) & 3; // 0 = 2.5, 1 = reserved, 2 = 2, 3 = 1
  const layerBits = (b[at + 1] >> 1) & 3; // 0 = reserved, 1 = III, 2 = II, 3 = I
  const bitrateIdx = b[at + 2] >> 4;
  const rateIdx = (b[at + 2] >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIdx === 0 || bitrateIdx === 15 || rateIdx === 3) return 0;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 25;
  const layer = 4 - layerBits;
  const kbps = MPA_BITRATES[`${version === 1 ? 1 : 2}-${layer}`][bitrateIdx];
  const rate = MPA_RATES[version][rateIdx];
  const padding = (b[at + 2] >> 1) & 1;
  if (layer === 1) return (Math.floor((12 * kbps * 1000) / rate) + padding) * 4;
  const perFrame = layer === 3 && version !== 1 ? 72 : 144;
  return Math.floor((perFrame * kbps * 1000) / rate) + padding;
}

/**
 * Consecutive valid MPEG audio frames from the first byte (leading zero padding
 * skipped). Two in a row make a false positive on random binary data unlikely.
 */
function mpegAudioFrames(b: Uint8Array): number {
  let at = 0;
  while (at < b.length && at < 512 && b[at] === 0) at++;
  let frames = 0;
  for (let len = mpegAudioFrameLength(b, at); len > 0; len = mpegAudioFrameLength(b, at)) {
    frames++;
    at += len;
  }
  return frames;
}

/** Consecutive ADTS (raw AAC) frames: sync 0xFFF, layer 0, a 13-bit frame length. */
function adtsFrames(b: Uint8Array): number {
  let at = 0;
  let frames = 0;
  while (at + 7 <= b.length && b[at] === 0xff && (b[at + 1] & 0xf6) === 0xf0) {
    const len = ((b[at + 3] & 3) << 11) | (b[at + 4] << 3) | (b[at + 5] >> 5);
    if (len < 7) break;
    frames++;
    at += len;
  }
  return frames;
}

function nonMediaKind(b: Uint8Array): NonMediaKind {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image"; // JPEG
  if (b[0] === 0x89 && ascii(b, 1, "PNG")) return "image";
  if (ascii(b, 0, "GIF8") || ascii(b, 0, "BM")) return "image";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "image";
  return looksLikeText(b) ? "text" : "other";
}

/** No NUL and few control bytes: text in any ASCII-compatible encoding (UTF-8, Latin-1). */
function looksLikeText(b: Uint8Array): boolean {
  let control = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) control++;
  }
  return control <= b.length / 100;
}
