// The clauses of a message, for reading two requests in one ("reset my password and sign me out
// everywhere", "montre mes appareils. Ensuite je veux quitter Fabrikam"): cut at the ends of
// sentences and at the words that join two requests in each language.
import type { Locale } from '../i18n/i18n.js';

/**
 * The words that join two requests: "and", "then", and "also" where it opens a clause. A marker of
 * several words is listed before its parts, so "and then" is cut once.
 */
const joiners: Readonly<Record<Locale, readonly string[]>> = {
  en: ['and then', 'and also', 'as well as', 'and', 'then', 'also'],
  fr: ['et puis', 'et ensuite', 'et aussi', 'et', 'puis', 'ensuite', 'aussi'],
  nl: ['en dan', 'en daarna', 'en ook', 'en', 'daarna', 'ook'],
  sv: ['och sedan', 'och även', 'och också', 'och', 'sedan', 'samt', 'också', 'även'],
};

/**
 * "also" inside a clause ("I also want to leave") adds to it rather than starting one, and so does
 * a Dutch or Swedish "then" after the verb ("visa sedan mina inloggningar"): these cut only at a
 * clause's start.
 */
const openersOnly: Readonly<Record<Locale, readonly string[]>> = {
  en: ['also'],
  fr: ['aussi'],
  nl: ['ook', 'daarna'],
  sv: ['sedan', 'också', 'även'],
};

/** A clause of fewer words ("PIN" in "change my password and PIN") names a thing, not a request. */
const minClauseWords = 2;

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cutters = new Map<Locale, RegExp>(
  (Object.keys(joiners) as Locale[]).map((locale) => {
    const anywhere = joiners[locale].filter((w) => !openersOnly[locale].includes(w)).map(escape);
    const opening = openersOnly[locale].map(escape);
    // A joiner as a whole word, with an optional comma before it; an opener only after a clause's start (a comma or a joiner).
    const pattern = `\\s*,?\\s+(?:${anywhere.join('|')})(?:\\s*,?\\s+(?:${opening.join('|')}))?(?=[\\s,])|,\\s*(?:${opening.join('|')})(?=[\\s,])`;
    return [locale, new RegExp(pattern, 'giu')];
  }),
);

/** Joiners that open a sentence ("Also, I want to leave Fabrikam", "Et puis…"): cut off. */
const leaders = new Map<Locale, RegExp>(
  (Object.keys(joiners) as Locale[]).map((locale) => [locale, new RegExp(`^(?:(?:${joiners[locale].map(escape).join('|')})(?=[\\s,])[\\s,]*)+`, 'iu')]),
);

/** The pieces of a text between sentence ends and joiners, in order, trimmed; empty ones left out. */
function cut(locale: Locale, text: string): string[] {
  const cutter = cutters.get(locale) as RegExp;
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((sentence) => sentence.trim().replace(leaders.get(locale) as RegExp, ''))
    .flatMap((sentence) => sentence.split(cutter))
    .map((clause) => clause.trim().replace(/^[,\s]+|[,\s]+$/g, ''))
    .filter((clause) => clause !== '');
}

/** The clauses of a text in a language, in the order they were said; a clause of one word is left out. */
export function splitClauses(locale: Locale, text: string): string[] {
  return cut(locale, text).filter((clause) => clause.split(/\s+/).filter(Boolean).length >= minClauseWords);
}

/** Words that open a part of a sentence with a reason or a contrast ("…, because I only use the app now", "mais"). */
const reasons: Readonly<Record<Locale, readonly string[]>> = {
  en: ['because', 'since', 'now that', 'but', 'so'],
  fr: ['parce que', 'parce qu', 'puisque', 'puisqu', 'car', 'mais', 'donc'],
  nl: ['omdat', 'aangezien', 'want', 'maar', 'dus'],
  sv: ['eftersom', 'för att', 'men', 'så'],
};
const partCutters = new Map<Locale, RegExp>(
  (Object.keys(reasons) as Locale[]).map((locale) => [locale, new RegExp(`\\s*[,;]\\s*|\\s+(?:${reasons[locale].map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu')]),
);

/**
 * The parts of a text: its clauses, cut also at commas, semicolons and the words that open a reason
 * or a contrast, a part of one word kept ("remove my phone and e-mail"); to read which part of a
 * request says what ("delete the SMS number, I only use the app now").
 */
export function clauseParts(locale: Locale, text: string): string[] {
  return cut(locale, text)
    .flatMap((clause) => clause.split(partCutters.get(locale) as RegExp))
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
