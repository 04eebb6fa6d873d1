// Localized strings and formats. The locale is resolved per turn from an allow-list and passed
// explicitly; there is no global "current language". Strings are ICU MessageFormat (plural and
// select included); dates and times are shown in the user's time zone and region when known,
// otherwise in UTC, said explicitly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { paths } from '../../paths.js';
import { BoundedCache } from '../boundedCache.js';

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

/**
 * The first of the candidate tags that is a well-formed tag of the locale's language with a region
 * ("en-GB" for en; "fr-BE" for fr), canonicalized; else the language with the region of the first
 * candidate that has one, when the runtime writes dates for that pair ("en-FR": English on a French
 * client, 3 Dec 2026, 09:01); else the locale's default region.
 */
export function regionalTag(locale: Locale, ...candidates: readonly (string | undefined | null)[]): string {
  const tags = candidates.filter((c): c is string => typeof c === 'string' && c.length <= 35).map((c) => ({ tag: regionTags.get(c, languageAndRegion), own: toLocale(c) === locale }));
  const own = tags.find((c) => c.own && c.tag !== null)?.tag;
  if (own) return own;
  const region = tags.find((c) => c.tag !== null)?.tag?.split('-')[1];
  const paired = region === undefined ? undefined : `${locale}-${region}`;
  return paired !== undefined && regionTags.get(`pair:${paired}`, () => (writesDatesFor(paired) ? paired : null)) !== null ? paired : formatTags[locale];
}

/** Whether the runtime has date formats of its own for a language and region ("en-FR" yes; "fr-SE" falls back to plain French). */
function writesDatesFor(tag: string): boolean {
  try {
    return new Intl.DateTimeFormat(tag).resolvedOptions().locale === tag;
  } catch {
    return false;
  }
}

/** "en_gb" → "en-GB"; a tag without a region, or not well-formed, → null. */
function languageAndRegion(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.replace(/_/g, '-'));
    // Language and region only: extensions (-u-ca-…, -u-nu-…) would let a client pick calendars and digits.
    const { language, region } = new Intl.Locale(canonical ?? '');
    return region ? `${language}-${region}` : null;
  } catch {
    return null;
  }
}

/** Whether the runtime knows a zone: asked of a DateTimeFormat, which throws on an unknown one. */
function knownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// Both answers cost an Intl object and never change while the process runs; tags and zones come
// from clients (any short string), hence the bound. Every turn asks them again.
const regionTags = new BoundedCache<string | null>(256);
const timeZones = new BoundedCache<boolean>(256);

/** True for a time zone name this runtime knows ("Europe/Stockholm", "UTC"). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 64) return false;
  return timeZones.get(name, knownTimeZone);
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

function argumentNames(elements: readonly MessageFormatElement[], into: Set<string>): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentNames(element.children, into);
      continue;
    }
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentNames(option.value, into);
    }
  }
  return into;
}

/** The named arguments of a message: "Hi {name}, {count, plural, …}" → ["count", "name"]. */
export function placeholders(text: string): string[] {
  return [...argumentNames(parse(text), new Set())].sort();
}

const formats = new Map<string, IntlMessageFormat>();

function messageFormat(locale: Locale, key: string, text: string): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = formats.get(id);
  if (!format) {
    format = new IntlMessageFormat(text, formatTags[locale]);
    formats.set(id, format);
  }
  return format;
}

export interface TranslatorOptions {
  /** The tag for dates and numbers, e.g. "en-GB" (see regionalTag). */
  readonly region?: string;
  /** The user's IANA time zone; without one, times are UTC and say so. */
  readonly timeZone?: string;
}

export interface Translator {
  readonly locale: Locale;
  /** The tag dates and numbers are formatted with ("en-GB"). */
  readonly region: string;
  /** The user's time zone, or undefined when it is not known (times are then shown in UTC, marked). */
  readonly timeZone: string | undefined;
  /** The message for a key with its arguments filled; an unknown key or a missing argument throws. */
  t(key: string, params?: Params): string;
  has(key: string): boolean;
  date(value: Date | string, style?: 'medium' | 'long'): string;
  dateTime(value: Date | string): string;
  /** A time of day: "14:35", or "14:35 UTC" when the user's zone is not known. */
  time(value: Date | string): string;
  /** The time alone when `value` is on the same day as `now` for the user, else the date and time. */
  moment(value: Date | string, now: Date): string;
  /** A whole phrase: "4 days ago", "in 2 hours", "just now". */
  relative(value: Date | string, now: Date): string;
  /** The user's time zone by its name in the language ("Central European Time"), or undefined when not known. */
  zoneName(at: Date): string | undefined;
}

const dayS = 86400;
const monthS = 2592000;
const relativeUnits: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60],
];

// A translator holds nothing of a turn (its date formats are made when first used, and are the same
// for everyone with its language, region and zone), so one is kept for each of those and handed to
// every caller, frozen: a turn makes one, and most turns use the same few.
const translators = new BoundedCache<Translator>(256);

export function translator(locale: Locale, options: TranslatorOptions = {}): Translator {
  return translators.get(`${locale}\n${options.region ?? ''}\n${options.timeZone ?? ''}`, () => Object.freeze(makeTranslator(locale, options)));
}

function makeTranslator(locale: Locale, options: TranslatorOptions): Translator {
  const table = stringTable(locale);
  const english = stringTable('en');
  const region = options.region && toLocale(options.region) === locale ? options.region : formatTags[locale];
  const timeZone = isTimeZone(options.timeZone) ? options.timeZone : undefined;
  const zone = { timeZone: timeZone ?? 'UTC', ...(timeZone ? {} : { timeZoneName: 'short' as const }) };
  // Built when first used: most turns format no date at all.
  const lazy = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  // "08:30" where the clock runs to 24 (en-GB, fr, nl, sv), "8:30 AM" where it does not (en-US).
  const hour = lazy(() => {
    const cycle = new Intl.DateTimeFormat(region, { hour: 'numeric' }).resolvedOptions().hourCycle;
    return cycle === 'h23' || cycle === 'h24' ? '2-digit' as const : 'numeric' as const;
  });
  const dayOf = lazy(() => new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }));
  /** The day a moment falls on in the user's time zone, as a count of days. */
  const calendarDay = (at: Date): number => {
    const [year = 1970, month = 1, day = 1] = dayOf().format(at).split('-').map(Number);
    return Date.UTC(year, month - 1, day) / 86_400_000;
  };
  const dateFormats = {
    medium: lazy(() => new Intl.DateTimeFormat(region, { dateStyle: 'medium', timeZone: timeZone ?? 'UTC' })),
    long: lazy(() => new Intl.DateTimeFormat(region, { dateStyle: 'long', timeZone: timeZone ?? 'UTC' })),
  };
  const dateTimeFormat = lazy(() => new Intl.DateTimeFormat(region, { year: 'numeric', month: 'short', day: 'numeric', hour: hour(), minute: '2-digit', ...zone }));
  const timeFormat = lazy(() => new Intl.DateTimeFormat(region, { hour: hour(), minute: '2-digit', ...zone }));
  const relativeFormat = lazy(() => new Intl.RelativeTimeFormat(region, { numeric: 'auto' }));
  /**
   * A date as the language writes it where the runtime does not: French writes the first day of a
   * month "1er" ("1er févr. 2026"); Swedish puts "kl." before the time of a date ("3 dec. 2026 kl. 08:57").
   */
  const written = (format: Intl.DateTimeFormat, value: Date, withDate: boolean): string => {
    if (locale !== 'fr' && locale !== 'sv') return format.format(value);
    return format.formatToParts(value).map((part) =>
      locale === 'fr' && part.type === 'day' && part.value === '1' ? '1er'
        : locale === 'sv' && withDate && part.type === 'hour' ? `kl. ${part.value}` : part.value).join('');
  };
  const self: Translator = {
    locale,
    region,
    timeZone,
    has: (key) => Object.hasOwn(table, key),
    t(key, params = {}) {
      const text = (Object.hasOwn(table, key) ? table[key] : undefined) ?? (Object.hasOwn(english, key) ? english[key] : undefined);
      if (text === undefined) throw new Error(`Unknown string key "${key}"`);
      const formatted = messageFormat(Object.hasOwn(table, key) ? locale : 'en', key, text).format(params);
      return typeof formatted === 'string' ? formatted : String(formatted);
    },
    date: (value, style = 'medium') => written(dateFormats[style](), new Date(value), false),
    dateTime: (value) => written(dateTimeFormat(), new Date(value), true),
    time: (value) => timeFormat().format(new Date(value)),
    moment: (value, now) => (dayOf().format(new Date(value)) === dayOf().format(now) ? self.time(value) : self.dateTime(value)),
    relative(value, now) {
      const at = new Date(value);
      const seconds = (at.getTime() - now.getTime()) / 1000;
      // Days and weeks go by the calendar in the user's time zone: a sign-in on Sunday morning seen on
      // Wednesday evening was 3 days ago (rounded hours would say 4), and last night's was yesterday.
      if (Math.abs(seconds) >= dayS && Math.abs(seconds) < monthS) {
        const days = calendarDay(at) - calendarDay(now);
        return Math.abs(days) < 7 ? relativeFormat().format(days, 'day') : relativeFormat().format(Math.round(days / 7), 'week');
      }
      for (const [unit, size] of relativeUnits) {
        if (Math.abs(seconds) >= size) return relativeFormat().format(Math.round(seconds / size), unit);
      }
      return self.t('time.justNow');
    },
    zoneName(at) {
      if (!timeZone) return undefined;
      const parts = new Intl.DateTimeFormat(region, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(at);
      return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
    },
  };
  return self;
}
