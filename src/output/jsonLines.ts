/**
 * A pretty-printed JSON document whose one long array is written element by element,
 * byte-identical to `JSON.stringify(doc, null, 2)` with the array in place — so
 * `inspect --items --format json` on 50 million items never holds the document.
 *
 * Example: jsonWithArrayLines({ catalog: { rows: 2 } }, "items", [{ a: 1 }, { a: 2 }])
 * yields the same text as JSON.stringify({ catalog: { rows: 2 }, items: [{ a: 1 }, { a: 2 }] }, null, 2) + "\n".
 */

const indent = (text: string, pad: string) => text.replace(/\n/g, `\n${pad}`);

export function* jsonWithArrayLines(head: Record<string, unknown>, key: string, elements: Iterable<unknown>): Generator<string> {
  yield "{\n";
  for (const [k, v] of Object.entries(head)) {
    if (v === undefined) continue;
    yield `  ${JSON.stringify(k)}: ${indent(JSON.stringify(v, null, 2), "  ")},\n`;
  }
  yield `  ${JSON.stringify(key)}: [`;
  let first = true;
  for (const e of elements) {
    yield `${first ? "" : ","}\n    ${indent(JSON.stringify(e, null, 2), "    ")}`;
    first = false;
  }
  yield first ? "]\n}\n" : "\n  ]\n}\n";
}
