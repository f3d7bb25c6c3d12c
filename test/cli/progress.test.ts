import { afterEach, describe, expect, it, vi } from "vitest";
import { progressBar } from "../../src/cli/progress.js";

const stderr = process.stderr as NodeJS.WriteStream & { isTTY?: boolean };
const wasTTY = stderr.isTTY;

afterEach(() => {
  stderr.isTTY = wasTTY;
  vi.restoreAllMocks();
});

function captured(tty: boolean, run: () => void): string {
  stderr.isTTY = tty;
  let text = "";
  vi.spyOn(stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  run();
  return text;
}

describe("progressBar", () => {
  it("writes nothing when stderr is not a terminal (pipes, CI logs)", () => {
    const text = captured(false, () => {
      const bar = progressBar("sweep");
      bar.update(1, 3);
      bar.update(3, 3);
      bar.stop();
    });
    expect(text).toBe("");
  });

  it("on a terminal draws label, bar, count and unit", () => {
    const text = captured(true, () => {
      const bar = progressBar("probing", "files");
      bar.update(2, 4);
      bar.stop();
    });
    expect(text).toMatch(/probing \[[█░]+\] 2\/4 files/);
  });

  it("stop without any update draws nothing", () => {
    expect(captured(true, () => progressBar("sweep").stop())).toBe("");
  });
});
