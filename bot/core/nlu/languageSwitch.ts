// "Switch to Swedish", "en français svp", "kun je Nederlands praten?": a request to change the
// language of the conversation. Recognised by rule, in all four languages, before intents.
import type { Locale } from '../i18n/i18n.js';

const languageNames: Record<Locale, string[]> = {
  en: ['english', 'anglais', 'engels', 'engelska', 'engelsk'],
  fr: ['french', 'francais', 'français', 'frans', 'franska', 'franse', 'fransk'],
  nl: ['dutch', 'nederlands', 'néerlandais', 'neerlandais', 'hollandais', 'holländska', 'hollandska', 'nederländska', 'flemish', 'vlaams', 'flamand'],
  sv: ['swedish', 'suédois', 'suedois', 'zweeds', 'svenska', 'svensk'],
};

/** Words that, next to a language name, make the message a request to switch. */
const switchWords = [
  // en
  'switch', 'change', 'speak', 'talk', 'use', 'reply', 'answer', 'respond', 'write', 'language', 'in', 'please', 'pls', 'can', 'could',
  // fr
  'parle', 'parlez', 'parler', 'passe', 'passer', 'passez', 'en', 'répondre', 'repondre', 'écris', 'ecris', 'écrire', 'ecrire', 'réponds', 'reponds', 'langue', 'utilise', 'svp', 'stp', 'changer', 'bascule',
  // nl
  'spreek', 'spreken', 'praat', 'praten', 'antwoorden', 'schrijf', 'schrijven', 'schakel', 'over', 'wissel', 'gebruik', 'antwoord', 'taal', 'graag', 'alsjeblieft', 'aub', 'kun', 'kan', 'je', 'naar',
  // sv
  'tala', 'prata', 'skriv', 'skriva', 'byt', 'byta', 'till', 'på', 'pa', 'svara', 'använd', 'anvand', 'språk', 'sprak', 'snälla', 'snalla', 'tack', 'kan', 'du',
];

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const foldedNames = Object.entries(languageNames).map(([locale, names]) => [locale as Locale, names.map(fold)] as const);
const foldedSwitchWords = new Set(switchWords.map(fold));

/**
 * The locale asked for, when the whole message is a language-switch request; otherwise undefined.
 * A message that names a language but asks for something else ("my French colleague's profile") is not one.
 */
export function languageSwitchRequest(text: string): Locale | undefined {
  const words = fold(text).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return undefined;
  const named = foldedNames.filter(([, names]) => words.some((w) => names.includes(w)));
  if (named.length !== 1) return undefined;
  const [locale, names] = named[0] as (typeof foldedNames)[number];
  const rest = words.filter((w) => !names.includes(w));
  return rest.every((w) => foldedSwitchWords.has(w) || ['to', 'me', 'with', 'i', 'you', 'we', 'now', 'from', 'on', 'om', 'met', 'me', 'moi', 'avec', 'nous', 'vous', 'tu', 'oss', 'mig', 'mij', 'ons', 'the', 'de', 'het', 'le', 'la', 'instead', 'plutot', 'liever', 'istallet', 'hellre', 'let', 's', 'lets', 'us', 'please'].includes(w))
    ? locale
    : undefined;
}
