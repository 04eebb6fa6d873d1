// "What is an authenticator?", "c'est quoi la vérification en deux étapes ?", "wat is een
// verificatiecode?", "vad är MFA?": questions about the few ideas this assistant talks about.
// Read before the recognizer (which would take the concept's name for a request about it) and
// answered with a short explanation at any point; a card that waits keeps waiting.
import { foldWords, normalizeUtterance } from './normalize.js';

export type Concept = 'authenticator' | 'verificationCode' | 'multiFactor' | 'defaultMethod' | 'passwordReset';

/** Every concept, in the order a message is checked for them (the most specific name first). */
export const concepts: readonly Concept[] = ['defaultMethod', 'passwordReset', 'multiFactor', 'verificationCode', 'authenticator'];

/** How such a question opens, folded (no accents, apostrophes as spaces), with the common typos. */
const opener = [
  // English
  'wh?a?t ?s', 'wh?at (?:is|are|was)', 'waht (?:is|are)', 'wat (?:s|is)', 'what does', 'what do you mean by', 'explain what', 'define', 'meaning of',
  // French
  'c est quoi', 'cest quoi', 'c quoi', 'c est koi', 'cest koi', 'qu est ce (?:que|qu)', 'quest ce (?:que|qu)', 'que (?:veut dire|signifie)', 'ca veut dire quoi', 'a quoi sert', 'explique(?:z)?(?: moi)? ce qu est',
  // Dutch
  'wat (?:is|zijn|betekent|bedoel je met|houdt)', 'wa is', 'leg (?:eens |me )?uit wat', 'waarvoor dient', 'waar dient',
  // Swedish
  'vad (?:ar|e|betyder|innebar|menas med|menar du med)', 'va (?:ar|e)', 'forklara vad',
].join('|');

/** Words that may come before the question ("so what is…", "mais c'est quoi…"). */
const lead = '(?:so|and|but|ok|okay|euh|alors|et|mais|en|maar|dus|och|men|sa|sorry|pardon|hm+)';

/** Words between the question and the concept: "actually", an article, "the app". */
const between = '(?:actually|exactly|exactement|donc|eigenlijk|precies|nou|egentligen|a|an|the|this|that|le|la|l|les|un|une|des|du|de|d|cette|ce|cet|een|het|die|dat|deze|en|ett|den|det|application|app|appli|applicatie|appen|microsoft|ms|so called|soi disant|zogenaamde|sa kallad|sa kallade)';

/** The concept's names, folded. */
const names: Readonly<Record<Concept, string>> = {
  authenticator: 'a(?:u|o)?th?e?n?ti?[ck]?at(?:o|e|eu)r(?:s|en|n|e|app|appen|appli)?|authentification app|application d authentification|authenticatie ?app|autentiserings ?app(?:en)?',
  verificationCode: [
    'step ?up(?: verification| check| authentication)?', 'verification code', 'security code', 'one time (?:code|password|passcode)', 'otp', 'identity check', 'extra (?:check|verification)',
    'code (?:de )?(?:verification|securite|confirmation)', 'verification (?:supplementaire|d identite)', 'code a usage unique',
    'verificatie ?code', 'beveiligings ?code', 'extra (?:verificatie|controle)', 'eenmalige code',
    'verifierings ?kod(?:en)?', 'verifikations ?kod(?:en)?', 'sakerhets ?kod(?:en)?', 'engangskod(?:en)?', 'extra (?:kontroll|verifiering)(?:en)?',
  ].join('|'),
  multiFactor: [
    'mfa', '2fa', '2 fa', 'multi ?factor(?: authentication)?', 'two ?(?:step|factor)(?: verification| authentication)?', '2 ?step(?: verification)?',
    'authentification (?:multi ?facteurs?|a (?:deux|2) facteurs|forte)', 'double authentification', '(?:validation|verification) en (?:deux|2) etapes',
    'meervoudige (?:verificatie|authenticatie)', 'twee ?(?:staps|factor) ?(?:verificatie|authenticatie)?', 'multi ?factor ?authenticatie',
    'tva ?(?:stegs|faktors) ?(?:verifiering|autentisering)?', 'flerfaktors ?(?:autentisering|verifiering)?', 'multifaktor ?(?:autentisering)?',
  ].join('|'),
  defaultMethod: [
    'default (?:sign ?in |login |verification )?method', 'methode (?:de connexion |de verification )?par defaut',
    'standaard ?(?:aanmeld|verificatie|inlog)?(?:ings)? ?methode', 'standard ?(?:inloggnings)? ?metod(?:en)?', 'standardinloggningsmetod(?:en)?',
  ].join('|'),
  passwordReset: [
    'sspr', 'self ?service password reset', 'password reset', 'self ?service (?:password|reset)',
    'reinitialisation (?:du |de )?(?:votre )?mot de passe(?: en libre service)?', 'reinitialisation en libre service',
    'wachtwoord ?(?:herstel|reset)(?: via selfservice)?', 'selfservice ?wachtwoord ?(?:herstel|reset)?',
    'losenords ?aterstallning(?:en)?', 'aterstallning av losenord(?:et)?', 'sjalvbetjan(?:ing|ad) (?:av )?losenord(?:s ?aterstallning)?',
  ].join('|'),
};

/** The question about each concept: opener, a few words between, the name, and a short tail ("mean", "eigenlijk", "for"). */
const questions = Object.fromEntries(Object.entries(names).map(([concept, name]) =>
  [concept, new RegExp(`^(?:${lead} )?(?:${opener})(?: ${between})* (?:${name})((?: [\\p{L}\\p{N}]+){0,3})$`, 'u')])) as Record<Concept, RegExp>;

/** Words after the concept that make it about the user's own set-up ("what 2FA do I have registered"). */
const ownTail = new Set(['i', 'je', 'j', 'ik', 'jag', 'me', 'moi', 'mij', 'mig', 'have', 'heb', 'har', 'ai', 'registered', 'enregistre', 'enregistree', 'geregistreerd', 'registrerad', 'registrerat', 'configured', 'ingesteld']);

/** Words that make it a question about the user's own ("what is my default method?" asks to see it). */
const ownWords = /\b(?:my|mine|mon|ma|mes|mijn|m n|min|mitt|mina)\b/;

/** Longest message read as such a question, in words. */
const maxWords = 16;

/** "what is an authenticator?" → authenticator; "c'est quoi le MFA ?" → multiFactor; anything else → undefined. */
export function readConceptQuestion(text: string): Concept | undefined {
  if (text.length > 160) return undefined;
  const folded = foldWords(normalizeUtterance(text));
  if (folded === '' || folded.split(' ').length > maxWords || ownWords.test(folded)) return undefined;
  return concepts.find((concept) => {
    const tail = questions[concept].exec(folded)?.[1];
    return tail !== undefined && !tail.split(' ').some((w) => ownTail.has(w));
  });
}
