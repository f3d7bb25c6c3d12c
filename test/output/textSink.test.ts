import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { streamSink, stringSink, writeLines } from "../../src/output/textSink.js";

describe("a sink in flat memory", () => {
  it("waits for a full stream instead of buffering everything", async () => {
    const chunks: string[] = [];
    let pending: (() => void) | undefined;
    let maxQueued = 0;
    let queued = 0;
    const slow = new Writable({
      highWaterMark: 1 << 16,
      write(chunk, _enc, done) {
        queued += chunk.length;
        maxQueued = Math.max(maxQueued, queued);
        chunks.push(String(chunk));
        pending = () => {
          queued -= chunk.length;
          done();
        };
        setImmediate(() => pending?.());
      },
    });
    const sink = streamSink(slow);
    const line = "x".repeat(99) + "\n";
    await writeLines(sink, (function* () {
      for (let i = 0; i < 20000; i++) yield line;
    })());
    await sink.flush();
    expect(chunks.join("").length).toBe(20000 * 100);
    // never more than a couple of 64 KiB chunks in flight, though 2 MB were written
    expect(maxQueued).toBeLessThanOrEqual(2 * 65536 + 100);
  });

  it("a string sink collects every line in order", async () => {
    const sink = stringSink();
    await writeLines(sink, ["a\n", "b\n"]);
    expect(sink.text()).toBe("a\nb\n");
  });
});
