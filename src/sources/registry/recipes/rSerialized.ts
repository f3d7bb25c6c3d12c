/**
 * A reader for R's serialization format (XDR, versions 2 and 3) as `save()` writes it
 * into an .rda/.RData file after the `RDX2\n` / `RDX3\n` magic, enough for data
 * frames: NULL, symbols, pairlists, strings, logical, integer, double and character
 * vectors, lists, attributes and back-references. Anything else (closures,
 * environments, ALTREP objects) is refused by name rather than misread.
 *
 * The stream is a tree of items, each an int of flags (type in the low byte; bit 9:
 * has attributes; bit 10: has tag) followed by the item's payload, e.g. an integer
 * vector of 2 is `0000000d 00000002 00000001 80000000` = c(1L, NA).
 *
 *   const { objects } = readRData(bunzipped);
 *   objects.get("movies")   // { kind: "list", values: [...], attributes: Map { "names" → …, "class" → … } }
 */

/** R's NA_integer_ (and NA for logicals): INT_MIN. */
export const NA_INTEGER = -2147483648;

export type RObject =
  | { kind: "null" }
  | { kind: "symbol"; name: string }
  | { kind: "pairlist"; items: { tag: string | null; value: RObject }[]; attributes: Attributes }
  | { kind: "logical" | "integer"; values: Int32Array; attributes: Attributes }
  /** `na[i]` = 1 where the value is NA_real_ (a NaN R tells from NaN by its low word, 1954). */
  | { kind: "double"; values: Float64Array; na: Uint8Array; attributes: Attributes }
  | { kind: "character"; values: (string | null)[]; attributes: Attributes }
  | { kind: "list"; values: RObject[]; attributes: Attributes };

export type Attributes = Map<string, RObject>;

const NULL_OBJECT: RObject = { kind: "null" };

const TYPE_NAMES: Record<number, string> = {
  3: "closure",
  4: "environment",
  5: "promise",
  6: "language object",
  238: "ALTREP object",
  240: "language object",
};

/** The named objects of an .rda/.RData file's content (already decompressed). */
export function readRData(bytes: Uint8Array): { version: number; objects: Map<string, RObject> } {
  const magic = new TextDecoder("latin1").decode(bytes.subarray(0, 5));
  if (magic !== "RDX2\n" && magic !== "RDX3\n") throw new Error(`not an R data file (magic ${JSON.stringify(magic)}, expected RDX2 or RDX3)`);
  const { version, value } = readSerialized(bytes.subarray(5));
  if (value.kind !== "pairlist") throw new Error("an R data file holds a pairlist of named objects");
  return { version, objects: new Map(value.items.map((i) => [i.tag ?? "", i.value])) };
}

/** One serialized R object (the content of an .rds file, or of an .rda after its magic). */
export function readSerialized(bytes: Uint8Array): { version: number; value: RObject } {
  const r = new Reader(bytes);
  const format = String.fromCharCode(r.byte(), r.byte());
  if (format !== "X\n") throw new Error(`R serialization format ${JSON.stringify(format)} is not XDR ("X\\n"); only XDR is supported`);
  const version = r.int();
  r.int(); // R version that wrote it
  r.int(); // oldest R version that can read it
  if (version === 3) r.skip(r.int()); // native encoding name
  else if (version !== 2) throw new Error(`R serialization version ${version} (only 2 and 3 are supported)`);
  return { version, value: r.item() };
}

class Reader {
  private at = 0;
  private readonly view: DataView;
  private readonly refs: RObject[] = [];
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true });
  private readonly latin1 = new TextDecoder("latin1");

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  byte(): number {
    this.need(1);
    return this.bytes[this.at++];
  }

  int(): number {
    this.need(4);
    const v = this.view.getInt32(this.at);
    this.at += 4;
    return v;
  }

  skip(n: number): void {
    this.need(n);
    this.at += n;
  }

  private need(n: number): void {
    if (this.at + n > this.bytes.length) throw new Error(`R serialization ends early at byte ${this.at} (needs ${n} more)`);
  }

  private length(): number {
    const n = this.int();
    if (n !== -1) return n;
    const hi = this.int();
    const lo = this.int();
    return hi * 2 ** 32 + (lo >>> 0);
  }

  /** A CHARSXP's text; null for NA_character_. Encoding from the flags' levels bits. */
  private charsxp(flags: number): string | null {
    const n = this.int();
    if (n === -1) return null;
    this.need(n);
    const raw = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    const levels = flags >>> 12;
    return levels & 4 ? this.latin1.decode(raw) : this.utf8.decode(raw);
  }

  item(): RObject {
    const flags = this.int();
    const type = flags & 0xff;
    const hasAttr = (flags & (1 << 9)) !== 0;
    switch (type) {
      case 254: // NILVALUE_SXP
        return NULL_OBJECT;
      case 255: {
        // REFSXP: index in the flags' upper bits, or in the next int when 0
        const index = flags >>> 8 || this.int();
        const ref = this.refs[index - 1];
        if (!ref) throw new Error(`R serialization: reference ${index} to an object not read yet`);
        return ref;
      }
      case 1: {
        // SYMSXP: a CHARSXP item, remembered for later REFSXPs
        const name = this.item();
        if (name.kind !== "character") throw new Error("R serialization: a symbol's name is not a string");
        const sym: RObject = { kind: "symbol", name: name.values[0] ?? "NA" };
        this.refs.push(sym);
        return sym;
      }
      case 2: {
        // LISTSXP (pairlist): attributes, tag, CAR, then CDR — read iteratively
        const items: { tag: string | null; value: RObject }[] = [];
        let attributes: Attributes = new Map();
        let f = flags;
        for (;;) {
          if (f & (1 << 9)) attributes = this.attributes();
          const tag = f & (1 << 10) ? this.symbolName() : null;
          items.push({ tag, value: this.item() });
          f = this.int();
          if ((f & 0xff) === 254) break;
          if ((f & 0xff) !== 2) throw new Error(`R serialization: a pairlist continues with type ${f & 0xff}`);
        }
        return { kind: "pairlist", items, attributes };
      }
      case 9: {
        const s = this.charsxp(flags);
        return { kind: "character", values: [s], attributes: new Map() };
      }
      case 10:
      case 13: {
        const n = this.length();
        const values = new Int32Array(n);
        for (let i = 0; i < n; i++) values[i] = this.int();
        return { kind: type === 10 ? "logical" : "integer", values, attributes: this.maybeAttributes(hasAttr) };
      }
      case 14: {
        const n = this.length();
        this.need(8 * n);
        const values = new Float64Array(n);
        const na = new Uint8Array(n);
        for (let i = 0; i < n; i++, this.at += 8) {
          values[i] = this.view.getFloat64(this.at);
          if (Number.isNaN(values[i]) && this.view.getUint32(this.at + 4) === 1954) na[i] = 1;
        }
        return { kind: "double", values, na, attributes: this.maybeAttributes(hasAttr) };
      }
      case 16: {
        const n = this.length();
        const values: (string | null)[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const f = this.int();
          if ((f & 0xff) !== 9) throw new Error(`R serialization: a character vector holds type ${f & 0xff}`);
          values[i] = this.charsxp(f);
        }
        return { kind: "character", values, attributes: this.maybeAttributes(hasAttr) };
      }
      case 19: {
        const n = this.length();
        const values: RObject[] = new Array(n);
        for (let i = 0; i < n; i++) values[i] = this.item();
        return { kind: "list", values, attributes: this.maybeAttributes(hasAttr) };
      }
      default:
        throw new Error(`R serialization: unsupported item type ${type}${TYPE_NAMES[type] ? ` (${TYPE_NAMES[type]})` : ""}`);
    }
  }

  private symbolName(): string {
    const s = this.item();
    if (s.kind !== "symbol") throw new Error("R serialization: a tag is not a symbol");
    return s.name;
  }

  private maybeAttributes(has: boolean): Attributes {
    return has ? this.attributes() : new Map();
  }

  /** An attribute pairlist (tag → value). */
  private attributes(): Attributes {
    const list = this.item();
    if (list.kind !== "pairlist") throw new Error("R serialization: attributes are not a pairlist");
    return new Map(list.items.map((i) => [i.tag ?? "", i.value]));
  }
}
