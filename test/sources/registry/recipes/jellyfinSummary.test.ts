import { describe, expect, it } from "vitest";
import { jellyfinSummary, summaryRow } from "../../../../src/sources/registry/recipes/jellyfinSummary.js";

const FOLDER = "tests/Jellyfin.MediaEncoding.Tests/Test Data/Probing/";

describe("jellyfinSummary recipe", () => {
  it("takes the first video stream that is not cover art, the first audio stream, and copies values as printed", () => {
    const flac = {
      streams: [
        { codec_type: "audio", codec_name: "flac" },
        { codec_type: "video", codec_name: "mjpeg", width: 500, height: 500, disposition: { attached_pic: 1 } },
      ],
      format: { format_name: "flac", duration: "214.240000", size: "28714641", bit_rate: "1072242", tags: { TITLE: "UP NO MORE" } },
    };
    expect(summaryRow("music.json", flac)).toEqual(["music.json", "UP NO MORE", "flac", "214.240000", "28714641", "1072242", null, null, null, null, null, "flac", null, 2n]);
    const mkv = {
      streams: [
        { codec_type: "subtitle", codec_name: "ass" },
        { codec_type: "video", codec_name: "vp8", width: 540, height: 360, avg_frame_rate: "2997/125", bit_rate: "500000" },
        { codec_type: "audio", codec_name: "vorbis", bit_rate: "127998" },
      ],
      format: { format_name: "matroska,webm", duration: "117.700914", tags: { title: "lower-case tag" } },
    };
    expect(summaryRow("web.json", mkv)).toEqual(["web.json", "lower-case tag", "matroska,webm", "117.700914", null, null, "vp8", 540n, 360n, "500000", "2997/125", "vorbis", "127998", 3n]);
    // no format section at all (as in video_mp4_metadata.json)
    expect(summaryRow("bare.json", { streams: [] })).toEqual(["bare.json", null, null, null, null, null, null, null, null, null, null, null, null, 0n]);
  });

  it("reads the 15 fixtures in file-name order and writes one CSV row each", async () => {
    expect(jellyfinSummary.inputs).toHaveLength(15);
    expect([...jellyfinSummary.inputs].sort()).toEqual(jellyfinSummary.inputs);
    const inputs = new Map(
      jellyfinSummary.inputs.map((p, i) => [p, Buffer.from(JSON.stringify({ streams: [{ codec_type: "video", codec_name: "h264", width: 1920, height: 1080 }], format: { format_name: "mov,mp4", duration: `${i}.5` } }))]),
    );
    const csv = (await jellyfinSummary.derive(inputs)).get("ffprobe_summary.csv")!.toString("utf8");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("fixture,title,format_name,duration_s,size_bytes,format_bit_rate,video_codec,width,height,video_bit_rate,avg_frame_rate,audio_codec,audio_bit_rate,n_streams");
    expect(lines).toHaveLength(17); // header + 15 rows + the empty string after the last CRLF
    expect(lines[1]).toBe(`${jellyfinSummary.inputs[0].slice(FOLDER.length)},,"mov,mp4",0.5,,,h264,1920,1080,,,,,1`);
    expect(lines[16]).toBe("");
  });
});
