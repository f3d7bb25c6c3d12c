import fc from "fast-check";
import { JS_WHITE_SPACE } from "../../src/base/jsWhiteSpace.js";

/** Every white space JavaScript trims, and characters some engines call white space but JavaScript's trim keeps (NEL, MONGOLIAN VOWEL SEPARATOR, ZERO WIDTH SPACE, WORD JOINER, controls), and others. */
const CHARS = [...JS_WHITE_SPACE.map((cp) => String.fromCodePoint(cp)), "\u0085", "\u180e", "\u200b", "\u2060", "\u0001", "\u001f", "a", "h", "2", "6", "4", "-", "é", "'", "\\", "😀"];

/** One of those characters. */
export const TRIM_TEST_CHARS = fc.constantFrom(...CHARS);

/** A text of up to 12 of them. */
export const trimTestText = fc.array(TRIM_TEST_CHARS, { maxLength: 12 }).map((a) => a.join(""));
