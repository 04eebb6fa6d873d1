// Greetings, thanks, goodbyes, "who are you?" and frustration, as people type them, in the four languages. A short
// whole message is small talk ("hi!", "merci", "bedankt!", "hej då"); anger is recognized anywhere
// in a short message. Read before the recognizer, which would take "bedankt" for cancel and an
// angry message for a request.
import { readConfirmation } from './confirmation.js';
import { normalizeUtterance } from './normalize.js';

export type SmallTalk = 'greeting' | 'thanks' | 'goodbye' | 'identity' | 'acknowledgement' | 'frustration';

const whole: Readonly<Record<Exclude<SmallTalk, 'frustration'>, readonly string[]>> = {
  greeting: [
    'hi', 'hello', 'hey', 'hiya', 'good morning', 'good afternoon', 'good evening', 'hi there', 'hello there', 'yo',
    'bonjour', 'salut', 'coucou', 'bonsoir', 'bonjour a vous',
    'hoi', 'hallo', 'goedemorgen', 'goedemiddag', 'goedenavond', 'hey daar', 'dag',
    'hej', 'hejsan', 'tjena', 'tja', 'god morgon', 'goddag', 'hallå',
    'morning', 'evening', 'afternoon', 'howdy', 'greetings', 'hey there', 'hi all', 'hello all',
    'bonjour bonjour', 'allo', 'hello bonjour', 'bon matin',
    'goeiemorgen', 'goeiemiddag', 'goeienavond', 'hallo daar', 'hoi hoi', 'moin', 'goedendag',
    'hej hej', 'tjenare', 'tjabba', 'hallå där', 'god kväll', 'god eftermiddag', 'morsning',
  ],
  thanks: [
    'thanks', 'thank you', 'thx', 'ty', 'cheers', 'thanks a lot', 'thank you very much', 'great thanks', 'perfect thanks', 'ok thanks', 'thanks that helps',
    'merci', 'merci beaucoup', 'merci bien', 'super merci', 'parfait merci', 'ok merci',
    'bedankt', 'dank je', 'dankjewel', 'dank je wel', 'dank u', 'dank u wel', 'top bedankt', 'super bedankt', 'oke bedankt', 'merci hoor',
    'bedankt hoor', 'dank je wel hoor', 'dankjewel hoor', 'thanks hoor', 'merci beaucoup hoor',
    'tack', 'tack så mycket', 'tusen tack', 'tackar', 'toppen tack', 'perfekt tack', 'okej tack', 'tack tack', 'tackar så mycket',
  ],
  identity: [
    'who are you', 'who r u', 'who are u', 'what are you', 'are you a bot', 'are u a bot', 'r u a bot', 'r u a bot or a human', 'are you a robot', 'are you human', 'are you a human', 'are you a real person', 'are you a person', 'is this a bot', 'am i talking to a bot', 'am i talking to a person', 'are you ai', 'are you an ai',
    'qui es tu', "t'es qui", 'qui etes vous', 'tu es un bot', 'tu es un robot', 'es tu un bot', 'es tu un robot', 'etes vous un robot', 'etes vous un bot', "c'est un bot", "c'est un robot", 'tu es humain', 'es tu humain', 'je parle a un robot',
    'wie ben jij', 'wie ben je', 'wat ben jij', 'wat ben je', 'ben jij een bot', 'ben je een bot', 'ben je een robot', 'ben jij een robot', 'ben je een mens', 'ben jij een mens', 'is dit een bot', 'praat ik met een bot', 'praat ik met een mens',
    'vem är du', 'vad är du', 'är du en bot', 'är du en robot', 'är du en människa', 'är du människa', 'är det en bot', 'pratar jag med en bot', 'pratar jag med en människa', 'är du ai',
  ],
  // "got it", "parfait", "helder", "toppen" with nothing asked; every typed Yes ("ok", "d'accord", "akkoord")
  // is one too (readConfirmation), once no Yes/No card took it as its answer.
  acknowledgement: [
    'okey', 'kk', 'got it', 'understood', 'cool', 'great', 'perfect', 'nice', 'noted', 'ok great', 'ok cool', 'ok got it',
    'compris', 'parfait', 'tres bien', 'super', 'pas de souci', 'bien recu', 'note', "c'est note", 'ok parfait',
    'top', 'helder', 'duidelijk', 'begrepen', 'goed', 'mooi', 'ok prima', 'oke prima',
    'toppen', 'bra', 'perfekt', 'uppfattat', 'kanon', 'fint', 'harligt', 'jattebra',
  ],
  goodbye: [
    'bye', 'goodbye', 'bye bye', 'see you', 'see you later', 'that is all', "that's all", 'thats all', 'thanks bye', 'ok bye',
    'au revoir', 'a plus', 'bonne journee', 'bonne soiree', 'merci au revoir', "c'est tout", 'salut merci',
    'doei', 'dag dag', 'tot ziens', 'fijne dag', 'bedankt doei', 'dat was het', 'tot later',
    'hej då', 'hejdå', 'vi ses', 'ha det bra', 'ha en bra dag', 'tack hej då', 'det var allt',
  ],
};

/** Words of anger or swearing, in the four languages, matched as whole words (folded, no accents); none that is also an everyday word in another of them ("nul" is zero in Dutch, "fan" a fan in English). */
const angry = [
  'fuck', 'fucking', 'fucked', 'shit', 'crap', 'useless', 'stupid', 'idiot', 'idiotic', 'rubbish', 'garbage', 'damn', 'wtf', 'sucks', 'pathetic',
  'merde', 'putain', 'debile', 'bordel', 'chiant', 'inutile',
  'kut', 'kutbot', 'kanker', 'tering', 'shitbot', 'waardeloos', 'waardeloze', 'klote', 'klotebot', 'godverdomme', 'nutteloos', 'nutteloze', 'stom', 'stomme', 'kansloos', 'kansloze',
  'skit', 'skitbot', 'jävla', 'javla', 'helvete', 'värdelös', 'vardelos', 'korkad',
];

const fold = (text: string): string =>
  normalizeUtterance(text).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[’`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();

const foldedWhole = Object.fromEntries(Object.entries(whole).map(([kind, list]) => [kind, new Set(list.map(fold))])) as Record<keyof typeof whole, Set<string>>;
const foldedAngry = new Set(angry.map(fold));

/** Anger said with an everyday word ("nul" is also Dutch for zero): only these phrases of it count. */
const angryPhrases = /\b(?:(?:est|es|t es|c est|bot|truc|service) (?:vraiment |trop |completement |tellement )?nul(?:le)?|nul a chier|(?:bot|ding|app) (?:is|werkt) (?:echt |gewoon )?(?:niks|niets|nergens))\b/u;

/** "Hi!" → greeting, "bedankt!" → thanks, "hej då" → goodbye, "this bot is fucking useless" → frustration; a request → undefined. */
export function readSmallTalk(text: string): SmallTalk | undefined {
  if (text.length > 120) return undefined;
  const folded = fold(text);
  if (folded === '') return undefined;
  const words = folded.split(' ');
  // "skit samma", "skit i det": never mind, not anger.
  const angerWords = folded.replace(/\bskit (samma|i det)\b/g, ' ').split(' ');
  if (words.length <= 12 && (angerWords.some((w) => foldedAngry.has(w)) || angryPhrases.test(folded))) return 'frustration';
  if (words.length > 6) return undefined;
  for (const kind of ['goodbye', 'thanks', 'greeting', 'identity', 'acknowledgement'] as const) if (foldedWhole[kind].has(folded)) return kind;
  return readConfirmation(text) === 'yes' ? 'acknowledgement' : undefined;
}

/** Words that may follow a greeting before the request: "hi bot", "bonjour l'assistant", "hej igen". */
const addressees = new Set([
  'bot', 'assistant', 'there', 'again', 'all', 'team', 'everyone', 'everybody', 'you', 'to you',
  "l'assistant", 'le bot', 'a toi', 'a vous', 'tout le monde', 'a tous',
  'daar', 'allemaal', 'iedereen', 'weer',
  'igen', 'alla', 'allihop', 'boten', 'pa dig', 'hoppsan',
].map(fold));

/** The longest greeting phrase, in words. */
const longestGreeting = Math.max(...[...foldedWhole.greeting].map((g) => g.split(' ').length));

/**
 * The request after a greeting ("good morning! I forgot my password" → "I forgot my password",
 * "hej hej, visa mina enheter" → "visa mina enheter"); undefined when the message opens with no
 * greeting, or is nothing but one.
 */
export function withoutGreeting(text: string): string | undefined {
  const words = normalizeUtterance(text).split(' ');
  let cut = 0;
  for (let found = true; found && cut < words.length;) {
    found = false;
    for (let k = Math.min(longestGreeting, words.length - cut); k >= 1; k -= 1) {
      const phrase = fold(words.slice(cut, cut + k).join(' '));
      if (phrase !== '' && (foldedWhole.greeting.has(phrase) || (cut > 0 && addressees.has(phrase)))) {
        cut += k;
        found = true;
        break;
      }
    }
  }
  const rest = words.slice(cut).join(' ').replace(/^[\s\p{P}]+/u, '');
  return cut > 0 && rest !== '' ? rest : undefined;
}
