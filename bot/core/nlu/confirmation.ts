// A typed answer to a confirmation card: "yes", "sure, go ahead", "oui", "ja hoor", "ja tack" read
// as the card's Yes; "no", "non merci", "nee", "nej tack" as its No. Only short, whole answers: a
// sentence that merely contains "yes" is not an answer ("yes but first show my devices").
import { normalizeUtterance } from './normalize.js';

export type Confirmation = 'yes' | 'no';

/** Whole answers, in any of the four languages (people mix them), after normalization. */
const answers: Readonly<Record<Confirmation, readonly string[]>> = {
  yes: [
    // en
    'yes', 'y', '👍', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'k', 'confirm', 'confirmed', 'correct', 'right', 'of course', 'absolutely',
    'go ahead', 'go on', 'do it', 'please do', 'yes please', 'yes do it', 'sure go ahead', 'ok go ahead', 'yes go ahead', 'that is right',
    "that's right", "yes that's right", 'yes i am sure', "yes i'm sure", 'i am sure', "i'm sure", 'proceed', 'agreed', 'i agree', 'alright', 'all right',
    'fine', 'sounds good', 'ok sure', 'i accept', 'accept', 'yes i accept', 'yes i agree', 'accepted', 'go for it', 'sure thing', 'please', 'definitely', 'yes sure',
    // fr
    'oui', 'ouais', 'ouep', "d'accord", 'dac', 'ok merci', 'oui merci', 'oui stp', "oui s'il te plait", "oui s'il vous plait", 'bien sur', 'oui bien sur',
    'vas y', 'allez y', 'confirme', 'je confirme', 'oui je confirme', 'c est bon', "c'est bon", 'exactement', 'tout a fait', 'oui vas y', 'oui allez y',
    "ok d'accord", "oui d'accord", "je suis d'accord", 'entendu', 'ça marche', 'carrément', 'allez', 'vas-y', 'volontiers', 'avec plaisir', "j'accepte", "oui j'accepte", 'accepter', "je l'accepte",
    // nl
    'ja', 'jazeker', 'ja hoor', 'jawel', 'ja graag', 'graag', 'prima', 'oke', 'okee', 'doe maar', 'ga je gang', 'ja doe maar', 'klopt', 'ja klopt', 'akkoord',
    'bevestig', 'zeker', 'natuurlijk', 'ja zeker', 'ik ga akkoord', 'ja akkoord', 'is goed', 'oké', 'ik accepteer', 'ja ik ga akkoord', 'accepteren',
    // sv
    'japp', 'jadå', 'ja tack', 'absolut', 'visst', 'javisst', 'kör', 'kör på', 'gör det', 'ja gör det', 'okej', 'det stämmer', 'stämmer', 'bekräfta', 'självklart', 'gärna', 'varsågod',
    'jag godkänner', 'jag håller med', 'okej då', 'ja jag godkänner', 'jag accepterar', 'ja jag accepterar', 'godkänn', 'godkänner',
  ],
  no: [
    // en
    'no', 'n', 'nope', 'nah', 'no thanks', 'no thank you', 'not now', "don't", 'do not', 'no way', 'no dont', "no don't", 'rather not', 'no i am not sure',
    'i refuse', 'i decline', 'i do not accept', "i don't accept", 'decline', 'refuse',
    // fr
    'non', 'non merci', 'pas maintenant', 'surtout pas', 'non pas maintenant', 'plutot pas', 'non ne le fais pas', 'je refuse', "je n'accepte pas", 'non je refuse', 'refuser',
    // nl
    'nee', 'neen', 'nee dank je', 'nee bedankt', 'liever niet', 'niet nu', 'nee niet doen', 'niet doen', 'nee hoor', 'ik weiger', 'ik ga niet akkoord', 'nee ik ga niet akkoord', 'weigeren',
    // sv
    'nej', 'nej tack', 'inte nu', 'nej inte nu', 'gör det inte', 'hellre inte', 'nä', 'nää', 'jag vägrar', 'jag avböjer', 'jag godkänner inte', 'nej jag godkänner inte', 'avböj', 'neka',
  ],
};

const fold = (text: string): string =>
  normalizeUtterance(text).toLowerCase()
    // "d'accord", "d’accord" and "d accord" are one answer.
    .replace(/['’`]/g, ' ')
    .replace(/[!?.,;:…"“”„«»()-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // A polite word at the end ("yes please", "nej tack") does not change the answer.
    .replace(/ (please|pls|plz|thanks|thank you|merci|stp|svp|alsjeblieft|graag|tack)$/u, '');

const folded = Object.fromEntries(Object.entries(answers).map(([kind, list]) => [kind, new Set(list.map(fold))])) as Record<Confirmation, Set<string>>;
const accentless = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '');

/** Whether the words are said by answers of one kind in a row ("ok" + "do it", "ja" + "kör"), at most three. */
function madeOf(words: readonly string[], answers: ReadonlySet<string>, parts = 0): boolean {
  if (words.length === 0) return parts > 0;
  if (parts === 3) return false;
  for (let n = Math.min(words.length, 4); n >= 1; n -= 1) {
    const phrase = words.slice(0, n).join(' ');
    if ((answers.has(phrase) || answers.has(accentless(phrase))) && madeOf(words.slice(n), answers, parts + 1)) return true;
  }
  return false;
}

/** "Yes please!" → yes, "nee hoor" → no, "ok, do it" → yes; anything longer or otherwise → undefined. */
export function readConfirmation(text: string): Confirmation | undefined {
  if (text.length > 60) return undefined;
  const answer = fold(text);
  if (answer === '' || answer.split(' ').length > 6) return undefined;
  for (const kind of ['yes', 'no'] as const) {
    if (folded[kind].has(answer) || folded[kind].has(accentless(answer))) return kind;
  }
  const words = answer.split(' ');
  for (const kind of ['yes', 'no'] as const) if (madeOf(words, folded[kind])) return kind;
  return undefined;
}

/** Whole answers that refuse outright rather than say "no" ("I decline", "je refuse", "ik weiger", "jag avböjer"). */
const outright = new Set([
  'i refuse', 'i decline', 'i do not accept', "i don't accept", 'decline', 'refuse',
  'je refuse', "je n'accepte pas", 'non je refuse', 'refuser',
  'ik weiger', 'ik ga niet akkoord', 'nee ik ga niet akkoord', 'weigeren',
  'jag vägrar', 'jag avböjer', 'jag godkänner inte', 'nej jag godkänner inte', 'avböj', 'neka',
].map(fold));

/** True for a refusal said outright: it presses a card's Decline where the card has one (a plain "no" only leaves it for later). */
export function refusesOutright(text: string): boolean {
  if (text.length > 60) return false;
  const answer = fold(text);
  return outright.has(answer) || outright.has(accentless(answer));
}
