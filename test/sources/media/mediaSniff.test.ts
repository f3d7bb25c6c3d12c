import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sniffMedia } from "../../../src/sources/media/mediaSniff.js";
import { join } from "node:path";
import { repoRoot } from "../../helpers.js";

// Made by scripts/make-media-fixtures.sh.
const fixtures = join(repoRoot, "test", "fixtures", "media");
const fx = (name: string) => join(fixtures, name);

describe("media sniffing by content", () => {
  const head = (name: string) => readFileSync(fx(name)).subarray(0, 4096);

  it("recognizes each fixture by its bytes, whatever its extension", () => {
    expect(sniffMedia(head("test-pattern-40k.mp4"))).toEqual({ media: true, format: "mp4/mov" });
    expect(sniffMedia(head("extras/trailer.dat"))).toEqual({ media: true, format: "mp4/mov" });
    expect(sniffMedia(head("matroska-sample.mkv"))).toEqual({ media: true, format: "matroska/webm" });
    expect(sniffMedia(head("web clip.webm"))).toEqual({ media: true, format: "matroska/webm" });
    expect(sniffMedia(head("music/01 sine song.mp3"))).toEqual({ media: true, format: "mp3" });
    expect(sniffMedia(head("music/02 low hum.flac"))).toEqual({ media: true, format: "flac" });
    // truncated, but its head is still MP4: ffprobe decides it is corrupt
    expect(sniffMedia(head("broken-download.mp4"))).toEqual({ media: true, format: "mp4/mov" });
    expect(sniffMedia(head("not-a-movie.mkv"))).toEqual({ media: false, kind: "text" });
    expect(sniffMedia(head("test-pattern.nfo"))).toEqual({ media: false, kind: "text" });
    expect(sniffMedia(head("extras/cover.png"))).toEqual({ media: false, kind: "image" });
    expect(sniffMedia(new Uint8Array(0))).toEqual({ media: false, kind: "empty" });
  });

  it("MPEG-TS: 0x47 every 188 bytes (M2TS: every 192 after a 4-byte timestamp)", () => {
    const ts = new Uint8Array(188 * 4).fill(0x11);
    for (let k = 0; k < 4; k++) ts[k * 188] = 0x47;
    expect(sniffMedia(ts)).toEqual({ media: true, format: "mpeg-ts" });
    ts[188 * 2] = 0x48; // one lost sync byte: not TS
    expect(sniffMedia(ts).media).toBe(false);
    const m2ts = new Uint8Array(192 * 4).fill(0x11);
    for (let k = 0; k < 4; k++) m2ts[4 + k * 192] = 0x47;
    expect(sniffMedia(m2ts)).toEqual({ media: true, format: "mpeg-ts" });
  });

  it("MP3 without ID3: two consecutive valid frame headers (MPEG-1 layer III, 128 kbps, 44.1 kHz = 417 bytes)", () => {
    const frame = 417; // floor(144 · 128000 / 44100)
    const b = new Uint8Array(frame * 2 + 4).fill(0x55);
    for (const at of [0, frame, 2 * frame]) b.set([0xff, 0xfb, 0x90, 0x64], at);
    expect(sniffMedia(b)).toEqual({ media: true, format: "mp3" });
    b.set([0x55, 0x55], frame); // the second frame is not where the first says: not MP3
    expect(sniffMedia(b).media).toBe(false);
  });

  it("RIFF: AVI and WAV are media, WebP is an image; ASF by its GUID; FLV; MPEG-PS", () => {
    const riff = (form: string) => Buffer.concat([Buffer.from("RIFF"), Buffer.from([1, 0, 0, 0]), Buffer.from(form), Buffer.alloc(20)]);
    expect(sniffMedia(riff("AVI "))).toEqual({ media: true, format: "avi" });
    expect(sniffMedia(riff("WAVE"))).toEqual({ media: true, format: "wav" });
    expect(sniffMedia(riff("WEBP"))).toEqual({ media: false, kind: "image" });
    const asf = Buffer.from("3026b2758e66cf11a6d900aa0062ce6c0000", "hex");
    expect(sniffMedia(asf)).toEqual({ media: true, format: "asf/wmv" });
    expect(sniffMedia(Buffer.from([0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9]))).toEqual({ media: true, format: "flv" });
    expect(sniffMedia(Buffer.from([0, 0, 1, 0xba, 0x44, 0, 4, 0]))).toEqual({ media: true, format: "mpeg-ps" });
  });

  it("a container signature is enough: any tail after it is still media", () => {
    const signatures = [
      [Buffer.from([0, 0, 0, 0x20]), Buffer.from("ftypisom")],
      [Buffer.from([0x1a, 0x45, 0xdf, 0xa3])],
      [Buffer.from("fLaC")],
      [Buffer.from("OggS")],
    ].map((parts) => Buffer.concat(parts));
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 600 }), (sig, tail) => {
        expect(sniffMedia(Buffer.concat([sig, tail])).media).toBe(true);
      }),
    );
  });

  it("plain text without a signature is text, never media", () => {
    const words = fc.array(fc.constantFrom("the", "movie", "Heat", "1995", "notes", "\n", " ", "x264", "1080p", "-", "."), { maxLength: 80 });
    fc.assert(
      fc.property(words, (parts) => {
        const text = Buffer.from("Release: " + parts.join(" "));
        expect(sniffMedia(text)).toEqual({ media: false, kind: "text" });
      }),
    );
  });
});

