// What a message says it does not want ("I don't want to change my password, I want to see my
// profile", "pas mon mot de passe mais mon numéro"): the parts that refuse a request, and the rest,
// which is the request. The language is not known yet when this is read, so the words of the four
// languages are read together; they do not collide.
import { foldWords } from './normalize.js';

/** "But", "instead", "rather" in the four languages. */
const contrasts = 'but|instead|rather|mais|plutot|plutôt|maar|liever|men|utan|hellre|istallet|istället';
/** Where a message turns from one thing to another: sentence ends, commas, and the contrast words. */
const turns = new RegExp(`(?<=[.!?;,])\\s+|\\n+|\\s+(?=(?:${contrasts})(?=[\\s,]|$))`, 'iu');

/** A contrast word that opens the part after the turn; the request is what follows it. */
const contrastOpener = new RegExp(`^(?:${contrasts})(?=[\\s,]|$)[\\s,]*`, 'iu');

/**
 * Wanting, negated: "don't want", "not looking to", "je (ne) veux pas", "pas besoin", "ik wil
 * (mijn wachtwoord) niet", "hoef niet", "jag vill inte", "behöver inte", and a part that opens with
 * "not" and a thing ("not my password but…"; "not sure…" refuses nothing). Read over folded words (no accents, apostrophes as spaces).
 */
const refusal = new RegExp([
  String.raw`\b(?:do ?n t|dont|do not|did ?n t|did not|would ?n t|would not)\s+(?:really\s+)?(?:want|wanna|need|wish|mean|intend|like)\b`,
  String.raw`\bnot\s+(?:trying|looking|asking|wanting|here)\b`,
  String.raw`\bno need\b`,
  String.raw`\b(?:veux|voudrais|veut|souhaite|cherche|demande)\s+(?:pas|rien|aucun|aucune)\b`,
  String.raw`\bpas besoin\b`,
  String.raw`\bik wil\b(?:\s+\S+){0,4}\s+(?:niet|geen)\b`,
  String.raw`\bwil ik\s+(?:niet|geen)\b`,
  String.raw`\bhoef(?:t)?\s+(?:ik\s+)?(?:niet|geen)\b`,
  String.raw`\bvill\s+(?:jag\s+)?(?:inte|ej)\b`,
  String.raw`\bbehover\s+(?:jag\s+)?inte\b`,
  String.raw`^(?:not (?:my|the|that|this|a|an)|pas (?:mon|ma|mes|le|la|les|ca|ce|cela)|niet (?:mijn|het|de|dat|dit)|inte (?:mitt|min|mina|det|den|de))\b`,
  // "not disable anything", "niks uitschakelen", "rien supprimer", "inget ta bort": nothing of an act.
  String.raw`^(?:not (?!sure\b|yet\b|working\b|able\b|getting\b|receiving\b|really\b)\p{L}+ (?:anything|any)|niks|niets|rien|nothing|inget|ingenting)\b`,
].join('|'), 'u');

/**
 * "Anymore" turns a refusal into a request: "I don't want my old phone to get codes anymore", "ik
 * wil geen sms meer", "jag vill inte ha sms längre" ask for a change.
 */
const noLonger = /\b(?:anymore|any more|longer|plus|meer|langre)\b/u;

const refuses = (part: string): boolean => {
  const words = foldWords(part);
  return refusal.test(words) && !noLonger.test(words);
};

export interface Refusal {
  /** What the message asks for, the refusing parts taken out (the user's words). */
  readonly wanted: string;
  /** The parts that refuse (the user's words). */
  readonly refused: readonly string[];
}

/**
 * The request in a message that also says what it does not want; undefined when no part refuses
 * anything, or when every part does ("I don't want to sign out everywhere" is left to the
 * confirmation that every change asks).
 */
export function withoutRefusals(text: string): Refusal | undefined {
  const parts = text.split(turns).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return undefined;
  const refused = parts.map(refuses);
  if (!refused.includes(true) || !refused.includes(false)) return undefined;
  const wanted = parts
    .filter((_, i) => !refused[i])
    .map((p) => p.replace(/[,;]+$/u, '').replace(contrastOpener, '').trim())
    .filter((p) => foldWords(p) !== '');
  return wanted.length > 0 ? { wanted: wanted.join('. '), refused: parts.filter((_, i) => refused[i]) } : undefined;
}
