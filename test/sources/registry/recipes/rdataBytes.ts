/**
 * Test helper: hand-made R serializations (XDR, version 2), written the way R's
 * `save()` lays them out, for the reader's and the ggplot2movies recipe's tests.
 */
type Item = (w: Writer) => void;

class Writer {
  parts: Buffer[] = [];
  int(n: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    this.parts.push(b);
  }
  raw(b: Buffer): void {
    this.parts.push(b);
  }
}

const UTF8 = 8 << 12;
const HAS_ATTR = 1 << 9;
const HAS_TAG = 1 << 10;

export function charsxp(s: string | null, latin1 = false): Item {
  return (w) => {
    if (s === null) {
      w.int(9);
      w.int(-1);
      return;
    }
    const bytes = Buffer.from(s, latin1 ? "latin1" : "utf8");
    w.int(9 | (latin1 ? 4 << 12 : UTF8));
    w.int(bytes.length);
    w.raw(bytes);
  };
}

export function symbol(name: string): Item {
  return (w) => {
    w.int(1);
    charsxp(name)(w);
  };
}

/** A pairlist of (tag, value) cells, each tagged with a fresh symbol. */
export function pairlist(cells: [string, Item][]): Item {
  return (w) => {
    for (const [tag, value] of cells) {
      w.int(2 | HAS_TAG);
      symbol(tag)(w);
      value(w);
    }
    w.int(254);
  };
}

function vector(type: number, n: number, body: (w: Writer) => void, attrs?: [string, Item][]): Item {
  return (w) => {
    w.int(type | (attrs ? HAS_ATTR : 0));
    w.int(n);
    body(w);
    if (attrs) pairlist(attrs)(w);
  };
}

export const NA_INT = -2147483648;

export function ints(values: number[], attrs?: [string, Item][], logical = false): Item {
  return vector(logical ? 10 : 13, values.length, (w) => values.forEach((v) => w.int(v)), attrs);
}

/** Doubles; `null` is NA_real_ (a NaN whose low word is 1954). */
export function reals(values: (number | null)[], attrs?: [string, Item][]): Item {
  return vector(
    14,
    values.length,
    (w) => {
      for (const v of values) {
        const b = Buffer.alloc(8);
        if (v === null) {
          b.writeUInt32BE(0x7ff00000, 0);
          b.writeUInt32BE(1954, 4);
        } else b.writeDoubleBE(v);
        w.raw(b);
      }
    },
    attrs,
  );
}

export function strs(values: (string | null)[], attrs?: [string, Item][]): Item {
  return vector(16, values.length, (w) => values.forEach((v) => charsxp(v)(w)), attrs);
}

export function list(values: Item[], attrs?: [string, Item][]): Item {
  return vector(19, values.length, (w) => values.forEach((v) => v(w)), attrs);
}

/** A data frame with the attributes R gives one: names, class, compact row.names c(NA, -n). */
export function dataFrame(columns: [string, Item][], rows: number): Item {
  return list(
    columns.map(([, v]) => v),
    [
      ["names", strs(columns.map(([n]) => n))],
      ["class", strs(["tbl_df", "tbl", "data.frame"])],
      ["row.names", ints([NA_INT, -rows])],
    ],
  );
}

/** The content of an .rda file (uncompressed): magic, XDR header, then the named objects. */
export function rdata(objects: [string, Item][]): Buffer {
  const w = new Writer();
  w.raw(Buffer.from("RDX2\nX\n", "latin1"));
  w.int(2);
  w.int(0x00040201);
  w.int(0x00020300);
  pairlist(objects)(w);
  return Buffer.concat(w.parts);
}
