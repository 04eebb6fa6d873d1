// What a translator made, and how: each message it filled in (its key and values) and each date or
// time it formatted (the moment and the style). A card kept waiting while the user switches language
// is built again from these, in the new language, without its dialog asking again: the strings of
// the card that a translator made are made once more by the new one; names and other data stay.
import type { Params, Translator } from './i18n.js';

/** How one string was made. */
export type Made =
  /** `nested`: the values that were made strings themselves, shown in this one (not a select's key). */
  | { readonly key: string; readonly params?: Params; readonly nested?: readonly string[] }
  | { readonly format: 'date'; readonly value: string; readonly style?: 'medium' | 'long' }
  | { readonly format: 'dateTime' | 'time'; readonly value: string }
  | { readonly format: 'moment' | 'relative'; readonly value: string; readonly now: string }
  | { readonly format: 'zoneName'; readonly value: string };

/** Each string made, with how it was made (the last way wins for a string made twice). */
export type MadeStrings = ReadonlyMap<string, Made>;

const logs = new WeakMap<Translator, Map<string, Made>>();

const iso = (value: Date | string): string => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
};

/** The same translator, noting every string it makes (read back with `madeBy`). For one turn: the notes live as long as it does. */
export function recording(t: Translator): Translator {
  const log = new Map<string, Made>();
  const note = (text: string, made: Made): string => {
    if (text !== '') log.set(text, made);
    return text;
  };
  const recorder: Translator = {
    locale: t.locale,
    region: t.region,
    timeZone: t.timeZone,
    has: (key) => t.has(key),
    t: (key, params) => {
      const text = t.t(key, params);
      if (!params) return note(text, { key });
      const nested = Object.entries(params).filter(([, value]) => typeof value === 'string' && value !== '' && log.has(value) && text.includes(value)).map(([name]) => name);
      return note(text, { key, params, ...(nested.length > 0 ? { nested } : {}) });
    },
    date: (value, style) => note(t.date(value, style), { format: 'date', value: iso(value), ...(style ? { style } : {}) }),
    dateTime: (value) => note(t.dateTime(value), { format: 'dateTime', value: iso(value) }),
    time: (value) => note(t.time(value), { format: 'time', value: iso(value) }),
    moment: (value, now) => note(t.moment(value, now), { format: 'moment', value: iso(value), now: now.toISOString() }),
    relative: (value, now) => note(t.relative(value, now), { format: 'relative', value: iso(value), now: now.toISOString() }),
    zoneName: (at) => {
      const name = t.zoneName(at);
      return name === undefined ? undefined : note(name, { format: 'zoneName', value: at.toISOString() });
    },
  };
  logs.set(recorder, log);
  return recorder;
}

/** What a recording translator made so far; empty for any other. */
export function madeBy(t: Translator): MadeStrings {
  return logs.get(t) ?? new Map();
}

/** How deep values made of other made strings are followed ("Remove {method}" with method "your mobile phone …"). */
const maxDepth = 4;

/** The string made again by `t`: its values first, where they were made strings too; undefined when `t` cannot make it. */
function remake(made: Made, t: Translator, known: MadeStrings, depth: number): string | undefined {
  try {
    if ('key' in made) {
      if (!made.params) return t.t(made.key);
      const params: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(made.params)) {
        const inner = typeof value === 'string' && depth < maxDepth && made.nested?.includes(name) ? known.get(value) : undefined;
        params[name] = (inner && remake(inner, t, known, depth + 1)) ?? value;
      }
      return t.t(made.key, params);
    }
    switch (made.format) {
      case 'date': return t.date(made.value, made.style);
      case 'dateTime': return t.dateTime(made.value);
      case 'time': return t.time(made.value);
      case 'moment': return t.moment(made.value, new Date(made.now));
      case 'relative': return t.relative(made.value, new Date(made.now));
      case 'zoneName': return t.zoneName(new Date(made.value));
    }
  } catch {
    return undefined;
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A text in the language of `t`: a made string is made again; in a text put together from made
 * strings and data ("Windows 11 · last sign-in 3 days ago"), each made string that stands as a
 * whole (not inside a word) is, the longest first; the rest stays as it was.
 */
export function remakeText(text: string, known: MadeStrings, t: Translator): string {
  const whole = known.get(text);
  if (whole) return remake(whole, t, known, 0) ?? text;
  const parts = [...known.keys()].filter((made) => made.length > 1 && text.includes(made)).sort((a, b) => b.length - a.length);
  if (parts.length === 0) return text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(pattern, (part) => {
    const made = known.get(part);
    return (made && remake(made, t, known, 0)) ?? part;
  });
}

/** The made strings that `texts` use (whole or in part): what must be kept to make them again later. */
export function madeIn(texts: readonly string[], known: MadeStrings): [string, Made][] {
  return [...known].filter(([made]) => texts.some((text) => text.includes(made)));
}
