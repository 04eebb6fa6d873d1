// "Switch to Swedish", "mon anglais n'est pas top, on peut continuer en français ?", "liever in het
// Frans aub", "kan du svara på engelska i stället?": a request to change the language of the
// conversation, in the user's own words. Read by rule, in all four languages, before intents.
//
// A message is a request when it is short, every word of it belongs to the small vocabulary of
// such requests (language names, verbs of asking, preferring and speaking, little words), and it
// names exactly one language it wants. Anything else in it ("colleague", "office", "password",
// "translate") makes it a message about something else that merely mentions a language.
import type { Locale } from '../i18n/i18n.js';

/** Names of each language, as nouns and adjectives, in the four languages (and common typing slips). */
const languageNames: Record<Locale, readonly string[]> = {
  en: ['english', 'anglais', 'anglaise', 'engels', 'engelse', 'engelska', 'engelsk', 'inglish', 'engish'],
  fr: ['french', 'francais', 'française', 'français', 'francaise', 'frans', 'franse', 'franska', 'fransk', 'franch'],
  nl: ['dutch', 'duch', 'nederlands', 'nederlandse', 'néerlandais', 'neerlandais', 'hollandais', 'hollands', 'holländska', 'hollandska', 'nederländska', 'flemish', 'vlaams', 'flamand', 'flamländska'],
  sv: ['swedish', 'suédois', 'suedois', 'suédoise', 'zweeds', 'zweedse', 'svenska', 'svensk'],
};

/**
 * Words that ask, prefer or speak of understanding: a message naming a language needs one of them
 * ("can you", "I'd prefer", "liever", "jag föredrar") unless it is the bare name ("English please").
 */
const cues: Record<Locale, readonly string[]> = {
  en: ['switch', 'change', 'speak', 'talk', 'use', 'reply', 'answer', 'respond', 'write', 'continue', 'prefer', 'rather', 'like', 'want', 'go', 'carry', 'keep', 'set', 'comfortable', 'understand', 'read', 'easier', 'language', 'can', 'could', 'would', 'do', 'u', 'back'],
  fr: ['parle', 'parler', 'parlez', 'parles', 'passe', 'passer', 'passez', 'répondre', 'répondez', 'réponds', 'répond', 'écris', 'écrire', 'écrivez', 'utilise', 'utiliser', 'utilisez', 'changer', 'change', 'bascule', 'basculer', 'continuer', 'continue', 'continuez', 'continuons', 'préfère', 'préfères', 'préférez', 'préférer', 'préférable', 'aimerais', 'voudrais', 'veux', 'mieux', 'plutôt', 'comprends', 'comprend', 'langue', 'peux', 'peut', 'pouvez', 'pourriez', 'pourrais', 'possible', 'faire', 'mettre', 'mets', 'mettez', 'revenir', 'reviens', 'revenez', 'repasser', 'repasse', 'retour'],
  nl: ['spreek', 'spreken', 'spreekt', 'praat', 'praten', 'antwoord', 'antwoorden', 'antwoordt', 'schrijf', 'schrijven', 'schakel', 'overschakelen', 'wissel', 'wisselen', 'gebruik', 'gebruiken', 'verder', 'liever', 'voorkeur', 'voorkeurstaal', 'taal', 'versta', 'begrijp', 'kun', 'kan', 'kunnen', 'mag', 'wil', 'zou', 'graag', 'doen', 'doe', 'verander', 'veranderen', 'zet', 'zetten', 'terug'],
  sv: ['tala', 'talar', 'prata', 'pratar', 'skriv', 'skriva', 'byt', 'byta', 'byter', 'svara', 'svarar', 'använd', 'använda', 'språk', 'föredrar', 'föredra', 'hellre', 'köra', 'ta', 'fortsätt', 'fortsätta', 'förstår', 'kan', 'vill', 'skulle', 'bekväm', 'switcha', 'ändra', 'växla', 'kör', 'tillbaka', 'återgå', 'gå'],
};

/** Little words a request is made of besides its cue (pronouns, prepositions, politeness, "not so good"). */
const fillers: Record<Locale, readonly string[]> = {
  en: ['in', 'to', 'please', 'pls', 'plz', 'the', 'me', 'with', 'i', 'you', 'we', 'us', 'let', 'lets', 's', 'now', 'from', 'on', 'onwards', 'instead', 'of', 'd', 'm', 'am', 'is', 'isn', 't', 'not', 'my', 'very', 'good', 'great', 'so', 'bad', 'really', 'that', 'it', 'ok', 'okay', 'if', 'this', 'just', 'only', 'again', 'back', 'more', 'for', 'all', 'and', 'a', 'bit', 'little', 'sorry', 'hi', 'hello', 'hey', 'thanks', 'thank', 'yes', 'no', 'but', 'actually', 'then', 'here', 'be', 'don', 'dont', 'doesn', 'cannot', 'cant'],
  fr: ['en', 'à', 'l', 'le', 'la', 'les', 'de', 'd', 'du', 'je', 'j', 'tu', 'vous', 'nous', 'on', 'moi', 'me', 'm', 'avec', 'svp', 'stp', 'plaît', 'plait', 's', 'il', 'merci', 'désormais', 'maintenant', 'partir', 'qu', 'que', 'est', 'ce', 'c', 'n', 'ne', 'pas', 'mon', 'ma', 'bien', 'top', 'très', 'bon', 'tout', 'oui', 'non', 'bonjour', 'salut', 'ok', 'mauvais', 'nul', 'si', 'plus', 'suite', 'dorénavant', 'au', 'ça', 'cela', 'nouveau', 'encore'],
  nl: ['in', 'het', 'de', 'naar', 'over', 'alsjeblieft', 'alstublieft', 'aub', 'ajb', 'pls', 'ik', 'je', 'jij', 'u', 'we', 'wij', 'me', 'mij', 'ons', 'mijn', 'niet', 'geen', 'zo', 'goed', 'erg', 'is', 'ook', 'maar', 'voortaan', 'vanaf', 'nu', 'dan', 'even', 'eens', 'plaats', 'van', 'met', 'dank', 'bedankt', 'ja', 'nee', 'hoi', 'hallo', 'sorry', 'beter', 'slecht', 'dit', 'dat', 'heb', 'hebben', 'verder', 'weer', 'opnieuw'],
  sv: ['på', 'till', 'tack', 'snälla', 'jag', 'du', 'vi', 'oss', 'mig', 'min', 'mitt', 'det', 'den', 'inte', 'så', 'bra', 'dålig', 'dåligt', 'är', 'i', 'stället', 'istället', 'för', 'med', 'mer', 'nu', 'från', 'och', 'hej', 'ja', 'nej', 'gärna', 'förlåt', 'ursäkta', 'fortsättningen', 'lite', 'bättre', 'ha', 'igen', 'över'],
};

/** Around the bare name, only these make it still a request ("English please", "på engelska tack"). */
const bareWords = ['please', 'pls', 'plz', 'in', 'thanks', 'en', 'svp', 'stp', 's', 'il', 'vous', 'plait', 'plaît', 'merci', 'het', 'aub', 'ajb', 'alsjeblieft', 'graag', 'på', 'tack', 'snälla', 'ok'];
/** A language right after one of these is the one the user does not want ("not in French", "ik spreek geen Frans"). */
const negations = ['not', 't', 'pas', 'niet', 'geen', 'inte', 'ej', 'never', 'jamais', 'nooit', 'aldrig'];
/** A language right after one of these is the user's own ability ("my French", "mon anglais", "min engelska"). */
const possessives = ['my', 'mon', 'ma', 'mijn', 'min', 'mitt'];
/** Words that say the user is not at ease in a language ("not", "pas top", "geen", "dålig"). */
const shortcomingWords = [...negations, 'bad', 'poor', 'mauvais', 'nul', 'slecht', 'dålig', 'dåligt'];
/** "instead of French", "plutôt qu'en français", "in plaats van Frans", "istället för franska". */
const insteadMarkers = ['instead', 'plutot', 'plaats', 'istallet', 'stallet'];
const insteadLinks = ['of', 'que', 'qu', 'van', 'for'];

/** Longest message read as a request: longer ones are about something else. */
const maxWords = 16;
/** How far back a negation, a possessive or "instead of" reaches. */
const reach = 3;

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const foldAll = (words: readonly string[]): Set<string> => new Set(words.map(fold));
const locales = Object.keys(languageNames) as Locale[];
const names = new Map(locales.map((l) => [l, foldAll(languageNames[l])]));
const cueWords = new Map(locales.map((l) => [l, foldAll(cues[l])]));
const fillerWords = new Map(locales.map((l) => [l, foldAll(fillers[l])]));
const vocabulary = new Set([...cueWords.values(), ...fillerWords.values()].flatMap((s) => [...s]));
const bare = foldAll(bareWords);
const shortcomings = foldAll(shortcomingWords);

/** Whether a and b differ by at most one letter added, dropped, changed or two swapped ("englsh", "frnech"). */
function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  if (i === a.length && i === b.length) return true;
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return swapped || a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/** The language a word names, if any: exactly, or with one slip in a long enough word that means nothing else. */
function languageOf(word: string): Locale | undefined {
  const exact = locales.find((l) => names.get(l)?.has(word));
  if (exact || vocabulary.has(word) || word.length < 6) return exact;
  const near = locales.filter((l) => [...(names.get(l) ?? [])].some((n) => n.length >= 6 && oneSlip(word, n)));
  return near.length === 1 ? near[0] : undefined;
}

/** The language the little words of the message are in, when they clearly are in one ("je ne parle pas bien anglais" → fr). */
function languageOfWords(words: readonly string[]): Locale | undefined {
  const counts = locales.map((l) => [l, words.filter((w) => cueWords.get(l)?.has(w) || fillerWords.get(l)?.has(w)).length] as const).sort((a, b) => b[1] - a[1]);
  const [first, second] = counts;
  return first && first[1] > 0 && (!second || first[1] > second[1]) ? first[0] : undefined;
}

/**
 * The locale asked for, when the whole message is a language-switch request; otherwise undefined.
 * A message that names a language but asks for something else ("my French colleague's profile",
 * "translate this to English") is not one.
 */
export function languageSwitchRequest(text: string): Locale | undefined {
  const words = fold(text).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > maxWords) return undefined;
  const named = words.map(languageOf);
  if (named.some((l, i) => !l && !vocabulary.has(words[i] as string))) return undefined;
  const wanted = new Set<Locale>();
  const unwanted = new Set<Locale>();
  named.forEach((locale, i) => {
    if (!locale) return;
    const before = words.slice(Math.max(0, i - reach), i);
    const previous = words[i - 1] ?? '';
    const notThis =
      possessives.includes(previous) ||
      before.some((w) => negations.includes(w)) ||
      (before.some((w) => insteadLinks.includes(w)) && words.slice(Math.max(0, i - reach - 1), i).some((w) => insteadMarkers.includes(w)));
    (notThis ? unwanted : wanted).add(locale);
  });
  for (const l of unwanted) wanted.delete(l);
  const rest = words.filter((_, i) => !named[i]);
  // Turning a language down ("instead of French", "my Dutch is not very good") is itself about the
  // conversation's language.
  const asks = unwanted.size > 0 || rest.some((w) => locales.some((l) => cueWords.get(l)?.has(w))) || rest.every((w) => bare.has(w));
  if (!asks) return undefined;
  if (wanted.size === 1) return [...wanted][0];
  if (wanted.size > 1 || unwanted.size === 0 || !rest.some((w) => shortcomings.has(w))) return undefined;
  // "my Dutch is not very good", "ik spreek geen Frans": no language asked for, one turned down; the
  // user wants the one they are writing in, when that is clear and not the one turned down.
  const own = languageOfWords(rest);
  return own && !unwanted.has(own) ? own : undefined;
}
