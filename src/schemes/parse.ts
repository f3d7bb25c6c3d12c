/**
 * The scheme grammar: `attr=gen(,attr=gen)*`, whitespace tolerated, or `none`.
 *
 *   parseScheme("duration=round(60s), bitrate=log(10%), resolution=class")
 *   // → { parts: [ {attribute:"duration", generalizer:{kind:"round", width:60000}},
 *   //              {attribute:"bitrate",  generalizer:{kind:"log", percent:10}},
 *   //              {attribute:"resolution", generalizer:{kind:"class"}} ] }
 *
 * Widths carry units and are stored in internal units (ms, kbps, px, fps, bytes).
 * `attr=drop` means the attribute is not observed, the same as leaving it out.
 * Randomized generalizers take named options after the width, in any order:
 * `geom(1s, scale=5, seed=7)`, `rround(10s, seed=7, fresh)` — seed is required, the
 * mode (memo | fresh) defaults to memo.
 * Every mistake is a SchemeError quoting the scheme with a caret under the bad token.
 */
import { UserError } from "../base/errors.js";
import { applyScale, unitScale } from "../catalog/units.js";
import type { Arg, ArgReader } from "./generalizers/generalizer.js";
import { ALLOWED_GENERALIZERS, GENERALIZERS, generalizerOf, isGeneralizerKind, type GeneralizerKind } from "./generalizers/registry.js";
import { unitKindOf } from "./quantity.js";
import { ATTRIBUTES, isTextAttribute, type Attribute, type Generalizer, type Scheme, type SchemePart } from "./types.js";

const CARET_INDENT = " ".repeat(9);

/** A scheme the user wrote wrongly; `index` is the offending character in `scheme`. */
export class SchemeError extends UserError {
  constructor(
    readonly scheme: string,
    readonly index: number,
    readonly reason: string,
  ) {
    // tabs and newlines would misplace the caret; show them as spaces
    const shown = scheme.replace(/[\t\r\n]/g, " ");
    super(`scheme "${shown}": ${reason}\n${CARET_INDENT}${shown}\n${CARET_INDENT}${" ".repeat(index)}^`);
    this.name = "SchemeError";
  }
}

/** Every generalizer's syntax, in registry order, then `drop` (not observed). */
const GENERALIZER_SYNTAX: Record<GeneralizerKind | "drop", string> = {
  ...(Object.fromEntries(GENERALIZERS.map((d) => [d.kind, d.syntax])) as Record<GeneralizerKind, string>),
  drop: "drop",
};

/** Widths in examples; text attributes (codec, container) take no widths. */
const EXAMPLE_WIDTH: Record<Attribute, string> = {
  duration: "60s",
  bitrate: "100kbps",
  resolution: "16px",
  fps: "1",
  size: "100MB",
  codec: "",
  container: "",
};

/** Unit suggested in "missing unit" hints. */
const HINT_UNIT: Record<Attribute, string> = { duration: "s", bitrate: "kbps", resolution: "px", fps: "", size: "MB", codec: "", container: "" };

const VALID_UNITS: Record<Attribute, string> = {
  duration: "ms, s, min, h",
  bitrate: "bps, kbps, Mbps, Gbps",
  resolution: "px",
  fps: "no unit",
  size: "B, KB, MB, GB, TB, KiB, MiB, GiB, TiB",
  codec: "no unit",
  container: "no unit",
};

function takes(attribute: Attribute): string {
  return [...ALLOWED_GENERALIZERS[attribute], "drop" as const].map((k) => GENERALIZER_SYNTAX[k]).join(", ");
}

/** Levenshtein distance, for "did you mean" hints on short names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

function didYouMean(name: string, options: readonly string[]): string {
  let best: string | undefined;
  let bestD = 3;
  for (const o of options) {
    const d = distance(name, o);
    if (d < bestD) {
      best = o;
      bestD = d;
    }
  }
  return best ? ` (did you mean ${best}?)` : "";
}

interface ArgList {
  args: Arg[];
  /** Positions of "(" and ")". */
  open: number;
  close: number;
}

const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const UNIT = /%|[A-Za-zµ][A-Za-zµ/]*/y;

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(index: number, reason: string): never {
    throw new SchemeError(this.src, index, reason);
  }

  skipWs(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** Character at the cursor, quoted for messages. */
  here(): string {
    return this.pos < this.src.length ? `"${this.src[this.pos]}"` : "the end";
  }

  scheme(): Scheme {
    if (this.src.trim() === "") this.fail(0, `empty scheme — write "none" to observe nothing, or e.g. duration=round(1min)`);
    if (this.src.trim().toLowerCase() === "none") return { parts: [] };
    const parts: SchemePart[] = [];
    const seen = new Set<Attribute>();
    for (;;) {
      const part = this.part(seen);
      if (part) parts.push(part);
      this.skipWs();
      if (this.pos >= this.src.length) break;
      const c = this.src[this.pos];
      if (c === ")") this.fail(this.pos, `unbalanced ")" — no "(" is open here`);
      if (c !== ",") this.fail(this.pos, `expected "," between parts, found ${this.here()}`);
      this.pos++;
    }
    parts.sort((a, b) => ATTRIBUTES.indexOf(a.attribute) - ATTRIBUTES.indexOf(b.attribute));
    return { parts };
  }

  /** One `attr=gen`; null for `attr=drop`. */
  part(seen: Set<Attribute>): SchemePart | null {
    this.skipWs();
    const start = this.pos;
    const name = this.match(IDENT);
    if (name === undefined) {
      if (this.pos >= this.src.length || this.src[this.pos] === ",") {
        this.fail(this.pos, `empty part — expected attr=generalizer, e.g. duration=round(1min)`);
      }
      this.fail(this.pos, `expected an attribute (${ATTRIBUTES.join(", ")}), found ${this.here()}`);
    }
    const lower = name.toLowerCase();
    if (lower === "none") this.fail(start, `"none" must stand alone: it is the scheme that observes nothing`);
    if (!(ATTRIBUTES as readonly string[]).includes(lower)) {
      this.fail(start, `unknown attribute "${name}"${didYouMean(lower, ATTRIBUTES)} — expected one of ${ATTRIBUTES.join(", ")}`);
    }
    const attribute = lower as Attribute;
    if (seen.has(attribute)) this.fail(start, `${attribute} is named twice — each attribute takes one generalizer`);
    seen.add(attribute);
    this.skipWs();
    if (this.src[this.pos] !== "=") {
      this.fail(this.pos, `missing "=" after ${attribute}, found ${this.here()} — write e.g. ${attribute}=${this.exampleFor(attribute)}`);
    }
    this.pos++;
    const generalizer = this.generalizer(attribute);
    return generalizer ? { attribute, generalizer } : null;
  }

  exampleFor(attribute: Attribute): string {
    if (attribute === "resolution") return "class";
    return isTextAttribute(attribute) ? "exact" : `round(${EXAMPLE_WIDTH[attribute]})`;
  }

  generalizer(attribute: Attribute): Generalizer | null {
    this.skipWs();
    const start = this.pos;
    const name = this.match(IDENT);
    if (name === undefined) {
      this.fail(this.pos, `expected a generalizer after "${attribute}=", found ${this.here()} — ${attribute} takes ${takes(attribute)}`);
    }
    const kind = name.toLowerCase();
    const allNames = Object.keys(GENERALIZER_SYNTAX);
    if (!allNames.includes(kind)) {
      this.fail(start, `unknown generalizer "${name}"${didYouMean(kind, allNames)} — ${attribute} takes ${takes(attribute)}`);
    }
    if (kind !== "drop" && !ALLOWED_GENERALIZERS[attribute].includes(kind as GeneralizerKind)) {
      const { attributes } = generalizerOf(kind as GeneralizerKind);
      const only = attributes.length === 1 ? ` (${kind} is only for ${attributes[0]})` : "";
      this.fail(start, `${kind} does not apply to ${attribute}${only} — ${attribute} takes ${takes(attribute)}`);
    }
    const nameEnd = this.pos;
    this.skipWs();
    let list: ArgList | undefined;
    if (this.src[this.pos] === "(") list = this.args(start, isGeneralizerKind(kind) && generalizerOf(kind).randomized);
    else this.pos = nameEnd;
    const text = this.src.slice(start, this.pos);
    return new GeneralizerReader(this, attribute, kind as GeneralizerKind | "drop", text, start, nameEnd, list).build();
  }

  /**
   * `( arg (, arg)* )` with the cursor on "("; `start` is where the generalizer began.
   * With `named`, an argument may also be `name=number[unit]` or a bare word.
   */
  args(start: number, named = false): ArgList {
    const open = this.pos;
    this.pos++;
    const args: Arg[] = [];
    this.skipWs();
    if (this.src[this.pos] === ")") {
      this.pos++;
      return { args, open, close: this.pos - 1 };
    }
    for (;;) {
      this.skipWs();
      const argStart = this.pos;
      if (this.pos >= this.src.length) this.fail(open, `unbalanced "(" in ${this.src.slice(start)} — missing ")"`);
      let name: string | undefined;
      if (named) {
        const word = this.match(IDENT);
        if (word !== undefined) {
          this.skipWs();
          if (this.src[this.pos] === "=") {
            this.pos++;
            this.skipWs();
            name = word.toLowerCase();
          } else {
            args.push({ start: argStart, numText: "", numEnd: this.pos, unitStart: this.pos, flag: word.toLowerCase() });
            if (this.argEnd(start, open)) return { args, open, close: this.pos - 1 };
            continue;
          }
        }
      }
      const valueStart = this.pos;
      const numText = this.match(NUMBER);
      if (numText === undefined) {
        this.fail(this.pos, `expected a number in ${this.src.slice(start, this.pos)}…, found ${this.here()}`);
      }
      const numEnd = this.pos;
      this.skipWs();
      const unitStart = this.pos;
      const unit = this.match(UNIT);
      args.push({ start: name === undefined ? argStart : valueStart, numText, numEnd, unit, unitStart, name, nameStart: argStart });
      if (this.argEnd(start, open)) return { args, open, close: this.pos - 1 };
    }
  }

  /** After an argument: true at ")" (consumed), false at "," (consumed), else an error. */
  argEnd(start: number, open: number): boolean {
    this.skipWs();
    const c = this.src[this.pos];
    if (c === ")") {
      this.pos++;
      return true;
    }
    if (c === ",") {
      this.pos++;
      return false;
    }
    if (this.pos >= this.src.length) this.fail(open, `unbalanced "(" in ${this.src.slice(start)} — missing ")"`);
    this.fail(this.pos, `unexpected ${this.here()} in ${this.src.slice(start, this.pos)}… — expected "," or ")"`);
  }
}

/**
 * The tokens of one generalizer, handed to its `parse` (generalizers/), with the checks
 * several generalizers share. `drop` is the grammar's own: the attribute is not observed.
 */
class GeneralizerReader implements ArgReader {
  constructor(
    readonly p: Parser,
    readonly attribute: Attribute,
    readonly kind: GeneralizerKind | "drop",
    /** The generalizer as written, e.g. "round(60)". */
    readonly text: string,
    readonly start: number,
    readonly nameEnd: number,
    readonly list: ArgList | undefined,
  ) {}

  get args(): Arg[] | undefined {
    return this.list?.args;
  }

  /** Where to point when arguments are missing: the ")" of "()", else just after the name. */
  get argsAt(): number {
    return this.list ? this.list.close : this.nameEnd;
  }

  get exampleWidth(): string {
    return EXAMPLE_WIDTH[this.attribute];
  }

  get hintUnit(): string {
    return HINT_UNIT[this.attribute];
  }

  fail(index: number, reason: string): never {
    return this.p.fail(index, reason);
  }

  didYouMean(name: string, options: readonly string[]): string {
    return didYouMean(name, options);
  }

  build(): Generalizer | null {
    const { kind } = this;
    if (kind === "drop") {
      this.noArguments();
      return null;
    }
    return generalizerOf(kind).parse(this);
  }

  noArguments(): void {
    if (this.list) this.fail(this.list.open, `${this.kind} takes no arguments — write ${this.kind}`);
  }

  single(needs: string): Arg {
    if (!this.args || this.args.length === 0) this.fail(this.argsAt, needs);
    if (this.args.length > 1) this.fail(this.args[1].start, `${this.kind} takes one argument, not ${this.args.length}`);
    return this.args[0];
  }

  count(arg: Arg, expected: string): number {
    if (arg.unit !== undefined) this.fail(arg.unitStart, `${expected} (no unit)`);
    const n = Number(arg.numText);
    if (!Number.isInteger(n)) this.fail(arg.start, expected);
    return n;
  }

  quantity(arg: Arg, unit: string | undefined, missingAt: Arg = arg, hintUnit = HINT_UNIT[this.attribute]): number {
    const { attribute } = this;
    const x = Number(arg.numText);
    if (unit === "%") this.fail(arg.unitStart, `"%" only fits log(P%) — ${this.kind} takes a ${attribute} width such as ${EXAMPLE_WIDTH[attribute]}`);
    let value: number;
    if (attribute === "fps") {
      if (unit !== undefined && unit.toLowerCase() !== "fps") this.fail(arg.unitStart, `fps values take no unit, not "${unit}" — write e.g. fps=round(1)`);
      value = x;
    } else if (unit === undefined) {
      const hint = this.p.src.slice(this.start, missingAt.numEnd) + hintUnit + this.p.src.slice(missingAt.numEnd, this.start + this.text.length);
      this.fail(missingAt.start, `missing unit in ${this.text} — write e.g. ${hint}`);
    } else if (attribute === "resolution") {
      if (unit.toLowerCase() !== "px") this.fail(arg.unitStart, `unknown unit "${unit}" in ${this.text} — resolution takes ${VALID_UNITS.resolution}`);
      value = x;
    } else {
      const kind = unitKindOf(attribute)!;
      try {
        value = applyScale(x, unitScale(kind, unit));
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        const bits = kind === "size" && /b(it|its)?(ps|\/s)?$/.test(unit) ? ` ("${unit}" counts bits)` : "";
        this.fail(arg.unitStart, `unknown unit "${unit}" in ${this.text}${bits} — ${attribute} takes ${VALID_UNITS[attribute]}`);
      }
    }
    return value === 0 ? 0 : value; // -0 would print as 0 and not round-trip
  }
}

/** Parse a scheme; throws SchemeError (a UserError) with a caret under the bad token. */
export function parseScheme(text: string): Scheme {
  return new Parser(text).scheme();
}

/** One generalizer for one attribute (null for `drop`), e.g. from a sweep axis `--duration 60s`. */
export function parseGeneralizer(attribute: Attribute, text: string): Generalizer | null {
  const scheme = parseScheme(`${attribute}=${text}`);
  return scheme.parts.length ? scheme.parts[0].generalizer : null;
}
