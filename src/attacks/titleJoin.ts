/**
 * Joining titles across catalogs by a normalized name. Deliberately simple, so a
 * reader can predict every join:
 *
 *   1. Unicode NFKD, combining marks dropped ("Amélie" → "amelie"), lower case;
 *   2. "&" becomes "and"; every other run of non-letters/non-digits becomes one space;
 *   3. a leading article "the", "a" or "an" is dropped ("The Office" → "office").
 *
 *   normalizeTitle("The Lord of the Rings: The Two Towers")  // "lord of the rings the two towers"
 *
 * Loaders join a multi-column title with " — " (`title=title+year` gives
 * "Toy Story — 1995"); `baseTitle` is the part before the first " — ", the fallback
 * key when the full names of two catalogs carry different suffixes (a year in one,
 * an id in the other).
 */

const ARTICLE = /^(the|a|an) /;
/** The separator loaders put between joined title columns. */
export const TITLE_JOINER = " — ";

export function normalizeTitle(name: string): string {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return folded.replace(ARTICLE, "");
}

/** The first column of a joined title ("Toy Story — 1995" → "Toy Story"). */
export function baseTitle(name: string): string {
  const i = name.indexOf(TITLE_JOINER);
  return i < 0 ? name : name.slice(0, i);
}

/**
 * Looks names up by their normalized full name, then by their normalized base
 * title. Built once from one catalog's names; the first name wins on a collision.
 */
export class TitleIndex<T> {
  private readonly full = new Map<string, T>();
  private readonly base = new Map<string, T>();

  add(name: string, value: T): void {
    const f = normalizeTitle(name);
    if (!this.full.has(f)) this.full.set(f, value);
    const b = normalizeTitle(baseTitle(name));
    if (!this.base.has(b)) this.base.set(b, value);
  }

  get(name: string): T | undefined {
    return this.full.get(normalizeTitle(name)) ?? this.base.get(normalizeTitle(baseTitle(name)));
  }
}
