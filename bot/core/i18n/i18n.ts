// Localized strings and formats. The locale is resolved per turn from an allow-list and passed
// explicitly; there is no global "current language".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../../paths.js';

export const supportedLocales = ['en', 'fr', 'nl', 'sv'] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = 'en';

/** Region used for dates and numbers when only the language is known. */
const formatTags: Record<Locale, string> = { en: 'en-US', fr: 'fr-FR', nl: 'nl-NL', sv: 'sv-SE' };

/** The BCP 47 tag replies carry for a locale, e.g. "sv-SE". */
export function localeTag(locale: Locale): string {
  return formatTags[locale];
}

/** "fr-BE" → "fr", "SV" → "sv"; anything not supported → undefined. */
export function toLocale(tag: string | undefined | null): Locale | undefined {
  if (typeof tag !== 'string') return undefined;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return supportedLocales.find((l) => l === language);
}

export type StringTable = Readonly<Record<string, string>>;

function loadTable(locale: Locale): StringTable {
  return JSON.parse(readFileSync(path.join(paths.locales, `${locale}.json`), 'utf8')) as StringTable;
}

const tables = new Map<Locale, StringTable>();

/** The strings of a locale, read from its file once, when first needed. */
export function stringTable(locale: Locale): StringTable {
  let table = tables.get(locale);
  if (!table) {
    table = loadTable(locale);
    tables.set(locale, table);
  }
  return table;
}

export type Params = Readonly<Record<string, string | number>>;

/** The named placeholders of a string: "Hi {name}" → ["name"]. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}

export interface Translator {
  readonly locale: Locale;
  /** The string for a key with its {placeholders} filled; an unknown key throws (a programming error). */
  t(key: string, params?: Params): string;
  has(key: string): boolean;
  date(value: Date | string, style?: 'medium' | 'long'): string;
  dateTime(value: Date | string): string;
  /** A time of day with its time zone: "14:35 UTC". */
  time(value: Date | string): string;
  relative(value: Date | string, now: Date): string;
}

export function translator(locale: Locale): Translator {
  const table = stringTable(locale);
  const english = stringTable('en');
  const tag = formatTags[locale];
  return {
    locale,
    has: (key) => key in table,
    t(key, params = {}) {
      const text = table[key] ?? english[key];
      if (text === undefined) throw new Error(`Unknown string key "${key}"`);
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
    date: (value, style = 'medium') => new Intl.DateTimeFormat(tag, { dateStyle: style, timeZone: 'UTC' }).format(new Date(value)),
    time: (value) => new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(new Date(value)),
    dateTime: (value) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value)),
    relative(value, now) {
      const seconds = (new Date(value).getTime() - now.getTime()) / 1000;
      const format = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
      const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
      for (const [unit, size] of units) {
        if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
      }
      return format.format(0, 'minute');
    },
  };
}
