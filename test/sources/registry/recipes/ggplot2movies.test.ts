import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decompressRData, ggplot2movies } from "../../../../src/sources/registry/recipes/ggplot2movies.js";
import { dataFrame, ints, NA_INT, rdata, reals, strs } from "./rdataBytes.js";

/** bzip2 of "RDX2\nbzip2 says hello\n" (made with Python's bz2.compress). */
const BZIP2_HELLO = "QlpoOTFBWSZTWXjl1lUAAAPfgAAQQAAQAAQAEEAyZMgwIAAigxNNNNlChppgAnVY3Ts7Znh8LAqD8XckU4UJB45dZVA=";

const MOVIES = dataFrame(
  [
    ["title", strs(["$", "$1000 a Touchdown"])],
    ["year", ints([1971, 1939])],
    ["length", ints([121, 71])],
    ["budget", ints([NA_INT, 250000])],
    ["rating", reals([6.4, 6])],
    ["mpaa", strs(["", "PG"])],
    ["Short", ints([0, 1])],
  ],
  2,
);

describe("ggplot2movies recipe", () => {
  it("writes the movies data frame as write.csv does", async () => {
    const rda = gzipSync(rdata([["movies", MOVIES]]));
    const out = await ggplot2movies.derive(new Map([["data/movies.rda", rda]]));
    expect(out.get("movies.csv")!.toString("utf8")).toBe(
      '"title","year","length","budget","rating","mpaa","Short"\n' + '"$",1971,121,NA,6.4,"",0\n' + '"$1000 a Touchdown",1939,71,250000,6,"PG",1\n',
    );
  });

  it("decompresses bzip2 and gzip, passes plain R data through, refuses anything else", () => {
    expect(decompressRData(Buffer.from(BZIP2_HELLO, "base64")).toString("latin1")).toBe("RDX2\nbzip2 says hello\n");
    const plain = rdata([["movies", MOVIES]]);
    expect(decompressRData(gzipSync(plain))).toEqual(plain);
    expect(decompressRData(plain)).toBe(plain);
    expect(() => decompressRData(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0]))).toThrow(/neither bzip2, gzip nor uncompressed/);
  });

  it("an .rda without a movies object names what it holds", async () => {
    const rda = rdata([["films", MOVIES]]);
    await expect(ggplot2movies.derive(new Map([["data/movies.rda", rda]]))).rejects.toThrow("data/movies.rda holds no object named movies (it holds films)");
  });
});
