/**
 * Where output text goes, piece by piece: stdout or a file stream. Pieces are
 * gathered into 64 KiB chunks before they reach the stream, and a full stream
 * (a slow pipe) pauses the writer instead of piling text up in memory, so an output
 * of any size is written in flat memory.
 */
import type { Writable } from "node:stream";

const CHUNK_CHARS = 1 << 16;

export interface TextSink {
  /** A promise means "wait before writing more" (the stream is full). */
  write(text: string): Promise<void> | undefined;
  /** Write what is buffered and wait until the stream has taken it. */
  flush(): Promise<void>;
}

/**
 * A stream that fails (a closed pipe: `fprisk … | head`) makes the next write throw
 * its error, so the writer stops instead of producing text nobody reads.
 */
export function streamSink(stream: Writable): TextSink {
  let parts: string[] = [];
  let size = 0;
  let failure: Error | undefined;
  stream.on("error", (e) => (failure ??= e));
  const push = (): Promise<void> | undefined => {
    if (failure) throw failure;
    if (size === 0) return undefined;
    const chunk = parts.join("");
    parts = [];
    size = 0;
    if (stream.write(chunk)) return undefined;
    return new Promise<void>((resolve, reject) => {
      const done = (e?: Error) => {
        stream.off("drain", ok);
        stream.off("error", done);
        stream.off("close", ok);
        if (e) reject(e);
        else resolve();
      };
      const ok = () => done();
      stream.once("drain", ok);
      stream.once("error", done);
      stream.once("close", ok);
    });
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      return size >= CHUNK_CHARS ? push() : undefined;
    },
    async flush() {
      await push();
    },
  };
}

/** Collects the text (tests, and small outputs that are returned as a string). */
export function stringSink(): TextSink & { text(): string } {
  const parts: string[] = [];
  return {
    write(text) {
      parts.push(text);
      return undefined;
    },
    flush: async () => {},
    text: () => parts.join(""),
  };
}

/** Every line into the sink, pausing whenever the stream is full. */
export async function writeLines(sink: TextSink, lines: Iterable<string>): Promise<void> {
  for (const line of lines) {
    const wait = sink.write(line);
    if (wait) await wait;
  }
}
