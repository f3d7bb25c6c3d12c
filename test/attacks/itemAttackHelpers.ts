// Shared by the item-attack tests: answer one victim row as runAttack does.
import type { ClassMatchAttack } from "../../src/attacks/classMatch.js";
import type { LikelihoodAttack } from "../../src/attacks/likelihood.js";
import type { Catalog } from "../../src/catalog/catalog.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { schemeView, viewKeys } from "../../src/schemes/schemeView.js";

/** Answer one victim row with an attack object, as runAttack does. */
export function answerRow(victim: Catalog, attack: ClassMatchAttack | LikelihoodAttack, scheme: string, row: number) {
  const view = schemeView(parseScheme(scheme), victim);
  const keys = view.parts.map((_, p) => viewKeys(view, p, victim)[row]);
  return attack.answer(keys, 10, victim.titleNames[victim.titleCodes[row]]);
}

/** The ranked candidates as [id, score] pairs. */
export const ranked = (r: { answer: { ranked: { id: string; score: number }[] } }) => r.answer.ranked.map((c) => [c.id, c.score]);
