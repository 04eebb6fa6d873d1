// What a message names among the user's own objects: a device or an organization by its name
// (any case, no accents, one typo, a part of it: "fabrikam" for "Fabrikam Ltd", "0142" for
// "CON-LT-0142"), a sign-in method by its kind, its number's last digits or its address, and the
// kind of method or default setting asked for. Only the user's own objects are candidates, so a
// name of anything else never matches; the answer is every candidate that fits, and a caller acts
// on it only when there is exactly one.
import type { Locale } from '../i18n/i18n.js';
import type { AuthenticationMethod, PreferredSecondaryMethod } from '../ports/directory.js';
import type { AddableKind } from '../usecases/methods.js';
import { fold } from './ngramModel.js';
import { clauseParts } from './clauses.js';
import { normalizeUtterance } from './normalize.js';

/**
 * Words that say what kind of thing an object is rather than which one ("phone", "laptop",
 * "bank", "Ltd"): a name token among them never picks an object alone, and a typed one is
 * never read as a typo of a name.
 */
const genericWords = new Set([
  'the', 'my', 'of', 'and', 'on', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'van', 'het', 'een', 'en', 'och', 'pa', 'for', 'med', 'mon', 'ma', 'mijn', 'min', 'mitt', 'mina',
  'phone', 'telephone', 'mobile', 'cell', 'smartphone', 'laptop', 'computer', 'pc', 'tablet', 'desktop', 'workstation', 'device', 'devices', 'work', 'new', 'old', 'personal',
  'portable', 'ordinateur', 'tablette', 'appareil', 'appareils', 'fixe', 'bureau', 'nouveau', 'ancien', 'vieux', 'perso', 'pro',
  'telefoon', 'mobiel', 'gsm', 'apparaat', 'apparaten', 'toestel', 'werk', 'nieuwe', 'oude',
  'telefon', 'mobil', 'mobilen', 'telefonen', 'dator', 'datorn', 'surfplatta', 'enhet', 'enheten', 'jobb', 'nya', 'gamla',
  'app', 'key', 'security', 'authenticator', 'hello', 'windows',
  'organization', 'organisation', 'organisatie', 'company', 'tenant', 'bank', 'banque', 'group', 'groupe', 'groep', 'ltd', 'limited', 'inc', 'llc', 'plc', 'corp', 'co',
  'gmbh', 'ag', 'sa', 'sas', 'sarl', 'bv', 'nv', 'ab', 'oy', 'as', 'foretag', 'bedrijf', 'entreprise', 'societe',
]);

/** Words between a thing and its owner's name. */
const owners = new Set(['de', 'du', 'van', 'von', 'of', 'till']);

const words = (text: string): string[] => fold(normalizeUtterance(text)).split(' ').filter(Boolean);

/** A word as typed: folded, whether it looks like a name (a capital, not at the start), and whether only a space, apostrophe or hyphen separates it from the next. */
interface TypedWord {
  readonly word: string;
  readonly nameLike: boolean;
  readonly joinedToNext: boolean;
}

/** The words of a message as `words` splits them, with what their case and punctuation say. */
function typedWords(text: string): TypedWord[] {
  const plain = normalizeUtterance(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const found = [...plain.matchAll(/[\p{L}\p{N}]+/gu)];
  return found.map((m, i) => {
    const next = found[i + 1];
    const between = next ? plain.slice(m.index + m[0].length, next.index) : '.';
    return { word: m[0].toLowerCase(), nameLike: i > 0 && /\p{Lu}/u.test(m[0]), joinedToNext: /^[\s'’-]*$/u.test(between) };
  });
}
const isDigits = (word: string): boolean => /^\d+$/.test(word);
const isLetters = (word: string): boolean => /^\p{L}+$/u.test(word);

/** Edit distance with swapped neighbours counted once (Damerau–Levenshtein, restricted). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Whether a typed word is this word of a name: the same, the same number, a possessive or plural of it, or one typo away in a long word. */
function sameWord(typed: string, name: string): boolean {
  if (typed === name) return true;
  if (isDigits(typed) || isDigits(name)) return isDigits(typed) && isDigits(name) && typed.replace(/^0+/, '') === name.replace(/^0+/, '') && typed.replace(/^0+/, '') !== '';
  if (!isLetters(typed) || !isLetters(name)) return false;
  // "Erik's" for "Eriks iPhone", "Claires" for "Claire's iPad".
  // A typed kind word is never a form or a typo of a name ("work" is not "Adventure Works").
  if (genericWords.has(typed)) return false;
  if (Math.min(typed.length, name.length) >= 3 && (typed === `${name}s` || name === `${typed}s`)) return true;
  // A typo, in words long enough that one letter does not make another word.
  if (Math.min(typed.length, name.length) < 5 || typed[0] !== name[0]) return false;
  return distance(typed, name) <= (Math.min(typed.length, name.length) >= 9 ? 2 : 1);
}

/** A word of a name that picks an object alone: not a kind word, not a lone letter or digit. */
const isStrong = (word: string): boolean => !genericWords.has(word) && word.length > 1;

/** Which words of a name the message has, and which typed words are of the name; names typed without spaces ("pixel8") too. */
function matchedWords(typed: readonly string[], name: readonly string[]): { readonly words: string[]; readonly at: Set<number> } {
  const matched = new Set<number>();
  const at = new Set<number>();
  name.forEach((word, i) => {
    typed.forEach((t, j) => {
      if (!sameWord(t, word)) return;
      matched.add(i);
      at.add(j);
    });
  });
  for (let start = 0; start < name.length; start += 1) {
    for (let end = start + 2; end <= name.length; end += 1) {
      const j = typed.indexOf(name.slice(start, end).join(''));
      if (j < 0) continue;
      at.add(j);
      for (let i = start; i < end; i += 1) matched.add(i);
    }
  }
  return { words: [...matched].map((i) => name[i] ?? ''), at };
}

/**
 * Whether the name the user typed is another one that shares a word with this one: a name-like
 * word right beside the shared one ("Wingtip Toys" is not "Tailspin Toys", "Anna's iPhone" not
 * "Claire's iPhone"), when this name has words the message lacks.
 */
function anotherName(typed: readonly TypedWord[], at: ReadonlySet<number>, name: readonly string[], matched: readonly string[]): boolean {
  if (name.filter(isStrong).every((w) => matched.includes(w))) return false;
  const beside = (j: number, step: 1 | -1): TypedWord | undefined => {
    for (let k = j + step; k >= 0 && k < typed.length; k += step) {
      if (!(step === 1 ? typed[k - 1] : typed[k])?.joinedToNext) return undefined;
      const word = typed[k];
      // A possessive's "s" ("Anna's") and "de", "van", "of" ("l'iPhone de Pieter") join a name to its owner.
      if (word && word.word.length > 1 && !owners.has(word.word)) return at.has(k) ? undefined : word;
    }
    return undefined;
  };
  return [...at].some((j) => [beside(j, -1), beside(j, 1)].some((w) => w !== undefined && w.nameLike && !genericWords.has(w.word)));
}

/**
 * The objects whose name the message says. An object counts when a distinctive word of its name is
 * in the message (or its whole name, when every word of it is a kind word), with `leadingWord` its
 * first distinctive word, and the name typed is not another one sharing that word; when several count,
 * the ones with the most words that no other of them has win ("Eriks iPhone" over "Eriks iPad"
 * for "erik's iphone"), and a tie leaves them all.
 */
export function objectsNamed<T>(text: string, objects: readonly T[], nameOf: (object: T) => string, options: { readonly leadingWord?: boolean } = {}): T[] {
  const typedAs = typedWords(text);
  const typed = typedAs.map((w) => w.word);
  if (typed.length === 0) return [];
  const typedNumbers = typed.filter((w) => isDigits(w) && w.length >= 2);
  const named = objects.map((object) => ({ object, name: words(nameOf(object)) }))
    .map((o) => {
      const { words: matched, at } = matchedWords(typed, o.name);
      return { ...o, matched, at };
    })
    .filter((o) => o.name.length > 0 && (o.name.some(isStrong) ? o.matched.some(isStrong) : o.matched.length === new Set(o.name).size))
    // An organization is named by its first word ("Northwind" for "Northwind Traders", never "Traders" alone).
    .filter((o) => !options.leadingWord || !o.name.some(isStrong) || o.matched.includes(o.name.find(isStrong) ?? ''))
    .filter((o) => !anotherName(typedAs, o.at, o.name, o.matched))
    // Another number than this name's says another object ("CON-MB-0210" is not "CON-LT-0142", though both are "CON").
    .filter((o) => typedNumbers.length === 0 || !o.name.some((w) => isDigits(w) && w.length >= 2) || o.matched.some(isDigits));
  if (named.length <= 1) return named.map((o) => o.object);
  // The most words no other one has, then the most words.
  const rank = named.map((o) => o.matched.filter((w) => isStrong(w) && !named.some((other) => other !== o && other.name.includes(w))).length * 100 + o.matched.length);
  const best = Math.max(...rank);
  return named.filter((_, i) => rank[i] === best).map((o) => o.object);
}

/** Patterns on folded text (lower case, no accents, words split by single spaces). */
type Patterns = Readonly<Record<Locale, string>>;
const kindWords = {
  phone: {
    en: 'phone\\w*|telephone\\w*|mobile|cell\\w*|sms|texts?|text messages?|numbers?|gsm',
    fr: 'telephone\\w*|tel|portable|mobile|cellulaire|gsm|natel|numeros?|sms|textos?',
    nl: 'telefoon\\w*|mobiel\\w*|gsm\\w*|\\w*nummers?|sms\\w*|sms je',
    sv: 'telefon\\w*|mobil\\w*|\\w*numm?ret|\\w*nummer|sms\\w*|lur\\w*',
  },
  office: {
    en: 'office\\w*|desk phone|work (?:phone|number|line)|landline',
    fr: 'bureau|fixe|professionnel',
    nl: 'kantoor\\w*|werktelefoon|werknummer|vaste\\w*|vast nummer',
    sv: 'kontor\\w*|jobbtelefon\\w*|jobbnummer\\w*|arbetstelefon\\w*|fast\\w* telefon\\w*|fasta numret|vaxel\\w*',
  },
  alternate: {
    en: 'alternate|alternative|second|other|backup|spare',
    fr: 'secondaire|autre|deuxieme|second|alternatif|de secours',
    nl: 'alternatie\\w*|tweede|andere|reserve\\w*',
    sv: 'alternativ\\w*|extra\\w*|reserv\\w*',
  },
  email: {
    en: 'e ?mails?\\w*|mail\\w*|address',
    fr: 'e ?mails?|mail\\w*|courriels?|adresse\\w*',
    nl: 'e ?mail\\w*|mail\\w*|adres\\w*',
    sv: 'e ?post\\w*|mejl\\w*|e ?mail\\w*|mail\\w*|adress\\w*',
  },
  authenticator: {
    en: 'authenticator\\w*|apps?|application',
    fr: 'authenticator|authentificateur|applications?|applis?|apps?',
    nl: 'authenticator\\w*|apps?|applicatie\\w*',
    sv: 'authenticator\\w*|app|appen|appar\\w*|applikation\\w*',
  },
  // An "app password" is something else (a password for old mail clients), not the app.
  appPassword: {
    en: 'apps? passwords?|application passwords?',
    fr: 'mots? de passe d (?:application|appli|app)s?',
    nl: 'app ?wachtwoord\\w*',
    sv: 'app ?losenord\\w*',
  },


  securityKey: {
    en: 'security keys?|keys?|fido2?|passkeys?|yubikey\\w*',
    fr: 'cles?|cles de securite|fido2?|passkeys?|yubikey\\w*',
    nl: '\\w*sleutel\\w*|fido2?|passkeys?|yubikey\\w*',
    sv: '\\w*nyckel\\w*|\\w*nycklar\\w*|fido2?|passkeys?|yubikey\\w*',
  },
  windowsHello: {
    en: 'windows hello\\w*', fr: 'windows hello\\w*', nl: 'windows hello\\w*', sv: 'windows hello\\w*',
  },
  notification: {
    en: 'push\\w*|notifications?|notifs?|approve\\w*',
    fr: 'push|notifications?|notifs?|approuv\\w*|valid\\w*',
    nl: 'push\\w*|meldings?|meldingen|notificaties?|goedkeur\\w*',
    sv: 'push\\w*|aviseringa?r?\\w*|notis\\w*|notifikation\\w*|godkann\\w*',
  },
  code: {
    en: 'codes?|otp|totp|oath|one time',
    fr: 'codes?|otp|totp|oath',
    nl: 'codes?|otp|totp|oath',
    sv: 'kod\\w*|koder|otp|totp|oath',
  },
  text: {
    en: 'sms|texts?|text messages?|texting|texted',
    fr: 'sms|textos?|messages? texte',
    nl: 'sms\\w*|tekstbericht\\w*|berichtje\\w*',
    sv: 'sms\\w*|textmeddelande\\w*',
  },
  call: {
    en: 'calls?|call me|calling|phone calls?|voice',
    fr: 'appels?|appel\\w*|vocal',
    nl: 'bellen|gebeld|belt|oproep\\w*|spraak\\w*',
    sv: 'samtal\\w*|ring\\w*|uppringning\\w*|rost\\w*',
  },
  // "Stop using calls", "rather than texts": what is said is not what is wanted.
  notThis: {
    en: 'stop|instead|rather|no longer|not|dont|don t|never',
    fr: 'arrete\\w*|plus|au lieu|plutot que|pas|jamais',
    nl: 'stop\\w*|niet|geen|in plaats|nooit',
    sv: 'sluta|inte|istallet|ej|aldrig|ingen|inga',
  },
  // Asking to take a method off the account.
  remove: {
    en: 'remove\\w*|delete\\w*|erase\\w*|unregister\\w*|deregister\\w*|drop|get rid of|take off|unlink\\w*',
    fr: 'supprim\\w*|retir\\w*|enlev\\w*|effac\\w*|desinscri\\w*|debarrass\\w*',
    nl: 'verwijder\\w*|weg|weghalen|wis|wissen|schrap\\w*|ontkoppel\\w*',
    sv: 'bort|radera\\w*|avregistrera\\w*|koppla loss',
  },
  ending: {
    en: '(?:ending|ends|end) (?:in|with)|last (?:two |three |four |2 |3 |4 )?digits',
    fr: '(?:finissant|se terminant|terminant|termine|finit|fini) (?:par|en)|derniers chiffres',
    nl: '(?:eindigend|eindigt|eindigen|eindigende) (?:op|met|in)|laatste (?:twee |drie |vier )?cijfers',
    sv: '(?:slutar|slutande|slutande pa|avslutas) (?:pa|med)|sista (?:tva |tre |fyra )?siffr\\w*',
  },
} satisfies Record<string, Patterns>;
type KindWord = keyof typeof kindWords;

// English words are read in every language: people type "app", "sms" or "mail" whatever they speak.
const compiled = new Map<string, RegExp>();
function pattern(kind: KindWord, locale: Locale): RegExp {
  const key = `${kind}:${locale}`;
  let found = compiled.get(key);
  if (!found) {
    const alternatives = locale === 'en' ? kindWords[kind].en : `${kindWords[kind][locale]}|${kindWords[kind].en}`;
    found = new RegExp(`(?:^| )(?:${alternatives})(?= |$)`);
    compiled.set(key, found);
  }
  return found;
}

/** What kinds of thing the message speaks of. */
function kindsSaid(text: string, locale: Locale): Set<KindWord> {
  const folded = words(text).join(' ');
  const kinds = new Set((Object.keys(kindWords) as KindWord[]).filter((kind) => pattern(kind, locale).test(folded)));
  if (kinds.has('appPassword')) kinds.delete('authenticator');
  return kinds;
}

const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
/** The e-mail addresses in a message, as typed. */
export const emailAddressesIn = (text: string): string[] => [...normalizeUtterance(text).matchAll(emailPattern)].map((m) => m[0]);

/** The phone numbers typed in a message (at least six digits, spaces, dashes, dots and brackets allowed), as typed. */
export const phoneNumbersIn = (text: string): string[] =>
  [...normalizeUtterance(text).replace(emailPattern, ' ').matchAll(/\+?\(?\d[\d\s().-]{4,}\d/g)].map((m) => m[0].trim()).filter((n) => n.replace(/\D/g, '').length >= 6);

/** The last digits the message gives for a number ("the one ending in 34", "qui finit par 34"). */
function endingDigits(text: string, locale: Locale): string | undefined {
  const folded = words(text).join(' ');
  const match = new RegExp(`(?:${pattern('ending', locale).source})(?: [a-z]+){0,2} (\\d{2,6})(?= |$)`).exec(folded);
  return match?.[1];
}

const digitsOf = (number: string): string => number.replace(/\D/g, '');

/** Whether a typed number is this phone: the same last eight digits (a national "06…" and an international "+31 6…" agree). */
const sameNumber = (typed: string, phone: string): boolean => {
  const a = digitsOf(typed);
  const b = digitsOf(phone);
  const tail = Math.min(8, a.length, b.length);
  return tail >= 6 && a.slice(-tail) === b.slice(-tail);
};

/**
 * The user's methods the message names, by address, number, last digits, kind and device name; each
 * thing said narrows the list. Nothing said (or nothing that fits) gives an empty list.
 */
export function methodsNamed(text: string, locale: Locale, methods: readonly AuthenticationMethod[]): AuthenticationMethod[] {
  let left = [...methods];
  let said = false;
  const narrow = (keep: (m: AuthenticationMethod) => boolean): void => {
    said = true;
    left = left.filter(keep);
  };
  const addresses = emailAddressesIn(text).map((a) => a.toLowerCase());
  if (addresses.length > 0) narrow((m) => m.kind === 'email' && addresses.includes(m.emailAddress?.toLowerCase() ?? ''));
  const numbers = phoneNumbersIn(text);
  if (numbers.length > 0) narrow((m) => m.kind === 'phone' && numbers.some((n) => sameNumber(n, m.phoneNumber ?? '')));
  const ending = endingDigits(text, locale);
  if (ending) narrow((m) => m.kind === 'phone' && digitsOf(m.phoneNumber ?? '').endsWith(ending));
  const kinds = kindsSaid(text, locale);
  // "The app on my phone": the phone is where the app is, not the method.
  const appOrKey = kinds.has('authenticator') || kinds.has('securityKey') || kinds.has('windowsHello');
  const kindOf = (m: AuthenticationMethod): boolean => {
    if (m.kind === 'microsoftAuthenticator') return kinds.has('authenticator');
    if (m.kind === 'fido2') return kinds.has('securityKey');
    if (m.kind === 'windowsHelloForBusiness') return kinds.has('windowsHello');
    if (m.kind === 'email') return kinds.has('email');
    if (m.kind !== 'phone' || appOrKey || !(kinds.has('phone') || kinds.has('text') || kinds.has('call') || kinds.has('office'))) return false;
    if (kinds.has('office')) return m.phoneType === 'office';
    if (kinds.has('alternate')) return m.phoneType === 'alternateMobile';
    return true;
  };
  const kindSaid = appOrKey || kinds.has('email') || kinds.has('phone') || kinds.has('text') || kinds.has('call') || kinds.has('office');
  if (kindSaid && addresses.length === 0 && numbers.length === 0 && !ending) narrow(kindOf);
  // A named device ("the Authenticator on my Pixel", "the YubiKey") narrows further, when it fits one of those left.
  const withNames = left.filter((m) => m.kind !== 'phone' && m.kind !== 'email' && m.displayName);
  const byName = objectsNamed(text, withNames, (m) => m.displayName ?? '');
  if (byName.length > 0) narrow((m) => byName.includes(m));
  return said ? left : [];
}

/** Words that add nothing to what a part of a message names ("… and the e-mail too", "les deux", "allebei"). */
const fillers = new Set([
  'too', 'also', 'as', 'well', 'both', 'please', 'it', 'one', 'that', 'this', 'them', 'aussi', 'egalement', 'deux', 'svp', 'stp', 'celui', 'ci', 'la',
  'ook', 'allebei', 'beide', 'alsjeblieft', 'aub', 'die', 'dat', 'ocksa', 'aven', 'bada', 'tack', 'snalla', 'den', 'det', 'dem',
]);
/** The kinds that say which method a part of a message means. */
const namingKinds: readonly KindWord[] = ['phone', 'office', 'alternate', 'email', 'authenticator', 'securityKey', 'windowsHello', 'text', 'call', 'code', 'ending'];

/** Whether a part of a message only names methods ("my e-mail too", "the one ending in 34"), asking for nothing of its own. */
function namesOnly(part: string, locale: Locale, methods: readonly AuthenticationMethod[]): boolean {
  const bare = [...emailAddressesIn(part), ...phoneNumbersIn(part)].reduce((text, typed) => text.replace(typed, ' '), part);
  let folded = ` ${words(bare).join(' ')} `;
  for (const kind of namingKinds) folded = folded.replace(new RegExp(pattern(kind, locale).source, 'g'), ' ');
  const names = new Set(methods.flatMap((m) => words(m.displayName ?? '')));
  return folded.split(' ').every((w) => w === '' || genericWords.has(w) || fillers.has(w) || isDigits(w) || names.has(w));
}

/**
 * A message that asks to remove a method, cut in the part that says which and the rest ("remove my
 * phone number and make the app my default", "delete the SMS number, I only use the app now"): the
 * parts with a removal word, and those that only name methods ("… and my e-mail"); the rest asks
 * for something else, and what it names is not what to remove. A message without a removal word
 * (an answer, "my phone number") is all removal.
 */
export function removalAndRest(text: string, locale: Locale, methods: readonly AuthenticationMethod[]): { readonly removal: string; readonly rest: string } {
  const parts = clauseParts(locale, text);
  const asksRemoval = (part: string): boolean => pattern('remove', locale).test(words(part).join(' '));
  if (!parts.some(asksRemoval)) return { removal: text, rest: '' };
  const removal = parts.map((part) => asksRemoval(part) || namesOnly(part, locale, methods));
  return { removal: parts.filter((_, i) => removal[i]).join(', '), rest: parts.filter((_, i) => !removal[i]).join(', ') };
}

/** The kind of method the message asks to add, when it is one the user can add ("add my mobile number", "lägg till appen"). */
export function addableKindSaid(text: string, locale: Locale, addable: readonly AddableKind[]): AddableKind | undefined {
  const kinds = kindsSaid(text, locale);
  const said = new Set<AddableKind>();
  // The app wins over the phone it is on ("set up the authenticator on my new phone").
  if (kinds.has('authenticator')) said.add('authenticator');
  else if (phoneNumbersIn(text).length > 0 || kinds.has('phone') || kinds.has('text')) said.add('phone');
  if (emailAddressesIn(text).length > 0 || (kinds.has('email') && !said.has('phone'))) said.add('email');
  const [only] = said;
  return said.size === 1 && only && addable.includes(only) ? only : undefined;
}

/** The default setting the message asks for ("make the app my default", "par SMS"), when it is exactly one of those offered. */
export function preferenceSaid(text: string, locale: Locale, offered: readonly PreferredSecondaryMethod[]): PreferredSecondaryMethod | undefined {
  const kinds = kindsSaid(text, locale);
  if (kinds.has('notThis')) return undefined;
  const said = new Set<PreferredSecondaryMethod>();
  if (kinds.has('authenticator') || kinds.has('notification')) {
    if (kinds.has('code')) said.add('oath');
    if (kinds.has('notification') || !kinds.has('code')) said.add('push');
  }
  const voice: PreferredSecondaryMethod = kinds.has('office') ? 'voiceOffice' : kinds.has('alternate') ? 'voiceAlternateMobile' : 'voiceMobile';
  if (kinds.has('text')) said.add('sms');
  if (kinds.has('call')) said.add(voice);
  // A phone without "text" or "call": the one of the two the user's phones allow, when only one is offered.
  if (kinds.has('office') && !kinds.has('text')) said.add('voiceOffice');
  else if (kinds.has('phone') && !kinds.has('text') && !kinds.has('call') && !kinds.has('authenticator')) {
    const choices = (['sms', voice] as const).filter((p) => offered.includes(p));
    if (choices.length === 1 && choices[0]) said.add(choices[0]);
    else if (voice !== 'voiceMobile') said.add(voice);
  }
  const fits = [...said].filter((p) => offered.includes(p));
  return fits.length === 1 ? fits[0] : undefined;
}
