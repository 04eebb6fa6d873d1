// What a reader must see of a text the directory or a person wrote: control characters (NUL, the C0
// and C1 controls but tab and line breaks) say nothing on a screen, and the bidirectional embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make "LAPTOP\u202Egpj.exe" read as
// "LAPTOPexe.jpg". They are taken out of everything the bot shows; the marks a right-to-left script
// needs (U+200E, U+200F) stay.
const hidden = /(?![\t\n\r])[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

export const visibleText = (text: string): string => text.replace(hidden, '');

/** A copy of a card (or any JSON) with every string made visible, except under `data` keys (what buttons send back). */
export function visibleStrings<T>(node: T): T {
  if (typeof node === 'string') return visibleText(node) as T;
  if (Array.isArray(node)) return node.map((n: unknown) => visibleStrings(n)) as T;
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'data' ? v : visibleStrings(v)])) as T;
}
