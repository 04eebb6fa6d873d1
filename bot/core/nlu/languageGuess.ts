// The trigram language guess of NLP.js (@nlpjs/language `Language.guess`), made for the one way the
// recognizer asks it: Latin-script text, the supported languages only. On every call the library
// builds the text's trigrams as an object, sorts them, and filters its 130 Latin-script language
// models down to the four asked for; here the four models are picked once and the text's trigrams
// counted in a Map. The models are the library's own objects (training adds the corpus's trigrams
// to them), the distances are sums of whole numbers, so the scores are the library's exactly.
// Other text (mostly outside printable ASCII, which the library takes for another script, or empty)
// is left to the library.
import { supportedLocales, toLocale, type Locale } from '../i18n/i18n.js';

/** A language's trigram model in the library: trigram → rank. */
export type TrigramModel = Readonly<Record<string, number>>;

/** The part of the library's `Language` used here. */
export interface LibraryGuesser {
  guess(text: string, allowList: string[], limit: number): { alpha2: string; score: number }[];
  readonly languagesAlpha2?: Readonly<Record<string, { readonly alpha3: string } | undefined>>;
}

/** What an unknown trigram costs, and how far a text's trigram may be from a known one's rank: the library's figures. */
const missing = 300;
/** The library looks at a text's first 2048 characters. */
const longest = 2048;

export class LanguageGuesser {
  /** The supported languages' ISO 639-3 codes, as the library names its models; none when it lacks one. */
  private readonly codes: readonly { readonly locale: Locale; readonly alpha3: string }[] | undefined;

  /**
   * `latin`: the library's Latin-script models by ISO 639-3 code (its data.json), when it can be
   * had. A model is looked up there on every call, as the library does: creating another NLP.js
   * instance puts fresh models in place.
   */
  constructor(private readonly library: LibraryGuesser, private readonly latin: Readonly<Record<string, TrigramModel>> | undefined) {
    const codes = supportedLocales.map((locale) => ({ locale, alpha3: library.languagesAlpha2?.[locale]?.alpha3 }));
    this.codes = codes.every((c) => c.alpha3 !== undefined) ? (codes as { locale: Locale; alpha3: string }[]) : undefined;
  }

  /** How much each supported language looks like the text, 0..1. */
  scores(text: string): Map<Locale, number> {
    const value = text.slice(0, longest);
    const models = this.models();
    if (models === undefined || value === '' || !isLatin(value)) return this.fromLibrary(text);
    const trigrams = trigramCounts(value);
    const distances = models.map(({ locale, model }) => {
      let distance = 0;
      for (const [trigram, count] of trigrams) distance += trigram in model ? Math.abs(count - (model[trigram] as number) - 1) : missing;
      return { locale, distance };
    });
    const min = Math.min(...distances.map((d) => d.distance));
    const max = value.length * missing - min;
    return new Map(distances.map(({ locale, distance }) => [locale, 1 - (distance - min) / max || 0]));
  }

  /** The four models as the library has them now, or undefined when it lacks one. */
  private models(): { locale: Locale; model: TrigramModel }[] | undefined {
    const { codes, latin } = this;
    if (codes === undefined || latin === undefined) return undefined;
    const models: { locale: Locale; model: TrigramModel }[] = [];
    for (const { locale, alpha3 } of codes) {
      const model = Object.hasOwn(latin, alpha3) ? latin[alpha3] : undefined;
      if (model === undefined) return undefined;
      models.push({ locale, model });
    }
    return models;
  }

  /**
   * The library's guess; none for text in a script none of the four languages is written in (the
   * library then fails on Cyrillic, Arabic or Hebrew text instead of answering): the other evidence
   * and the channel's hint decide.
   */
  private fromLibrary(text: string): Map<Locale, number> {
    const scores = new Map<Locale, number>();
    let guesses: { alpha2: string; score: number }[];
    try {
      guesses = this.library.guess(text, [...supportedLocales], supportedLocales.length);
    } catch {
      return scores;
    }
    for (const guess of guesses) {
      const locale = toLocale(guess.alpha2);
      if (locale && !scores.has(locale)) scores.set(locale, guess.score);
    }
    return scores;
  }
}

/** The library's test for Latin script: more than half the characters printable ASCII. */
function isLatin(value: string): boolean {
  let ascii = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 32 && code <= 126) ascii += 1;
  }
  return ascii > value.length / 2;
}

/** The text's trigrams as the library reads them (ASCII punctuation and digits as spaces, one space between words and around the text), counted. */
function trigramCounts(value: string): Map<string, number> {
  const counts = new Map<string, number>();
  const padded = ` ${value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `;
  if (padded.length < 3) return counts;
  for (let i = 0; i + 3 <= padded.length; i += 1) {
    const trigram = padded.slice(i, i + 3);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return counts;
}
