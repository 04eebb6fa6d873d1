// Words people type for the same thing, brought to one form before the recognizer reads a text in a
// language (and before it learns from the corpus, so both sides agree): texting abbreviations
// ("mdp", "ww", "lösen"), regional words (Swiss "natel", Belgian "GSM", Canadian "courriel",
// Finland-Swedish "int"), English IT words in French, Dutch and Swedish sentences ("device",
// "gelockt", "unlocka"), and the names of services that are not the work account (Netflix,
// WhatsApp, Amazon...), which all become one word so that "my Netflix password" reads as what it is.
import type { Locale } from '../i18n/i18n.js';
import { isAscii } from './normalize.js';

/** The word every third-party service name becomes. */
export const otherService = 'thirdpartyservice';

/** Consumer and third-party services: an account, a password or an order there is not the work account. */
const services = [
  'netflix', 'spotify', 'facebook', 'fb', 'instagram', 'insta', 'whatsapp', 'amazon', 'linkedin', 'twitter', 'tiktok', 'snapchat', 'steam', 'playstation', 'psn',
  'xbox', 'nintendo', 'disney', 'hbo', 'gmail', 'hotmail', 'yahoo', 'icloud', 'uber', 'deliveroo', 'zalando', 'bol', 'ebay', 'paypal', 'swish', 'bankid',
  'itsme', 'revolut', 'klarna', 'airbnb', 'telegram', 'strava', 'duolingo', 'youtube', 'twitch', 'discord', 'reddit', 'pinterest', 'tinder',
  'vinted', 'leboncoin', 'marktplaats', 'blocket', 'tradera', 'coolblue', 'fnac', 'ikea', 'aliexpress', 'temu', 'shein', 'wolt', 'foodora', 'thuisbezorgd',
  'ubereats', 'lyft', 'sj', 'sncb', 'ns', 'sbb', 'viaplay', 'hulu', 'dropbox', 'wetransfer', 'zoom', 'skype', 'roblox', 'fortnite', 
  'ticketmaster', 'tripadvisor', 'expedia', 'ryanair', 'klm', 'sas', 'finnair', 'brusselsairlines', 'lufthansa', 'mobilepay', 'vipps', 'payconiq', 'tikkie', 'twint',
];

const everywhere: Record<string, string> = {
  '2fa': 'mfa', '2-fa': 'mfa', 'tfa': 'mfa', 'mfa:n': 'mfa',
  ...Object.fromEntries(services.map((s) => [s, otherService])),
};

const words: Record<Locale, Record<string, string>> = {
  en: {
    pw: 'password', pwd: 'password', pword: 'password', passwd: 'password', passw: 'password',
    u: 'you', r: 'are', ur: 'your', pls: 'please', plz: 'please', pleas: 'please', thx: 'thanks', ty: 'thanks',
    gimme: 'give me', wanna: 'want to', gonna: 'going to', gotta: 'have to', dunno: "don't know", cant: "can't", dont: "don't", wont: "won't", doesnt: "doesn't",
    deets: 'details', nvm: 'never mind', acct: 'account', msg: 'message', txt: 'text', cell: 'phone', mobile: 'phone', lappy: 'laptop', notifs: 'notifications', notif: 'notification',
    unregister: 'remove', deregister: 'remove',
    im: "i'm", ive: "i've", idk: "i don't know", bc: 'because', coz: 'because', cuz: 'because', w: 'with', wo: 'without', asap: 'now', rn: 'now',
  },
  fr: {
    mdp: 'mot de passe', pwd: 'mot de passe', password: 'mot de passe', pw: 'mot de passe',
    stp: "s'il te plaît", svp: "s'il vous plaît", natel: 'téléphone', gsm: 'téléphone', cellulaire: 'téléphone', cell: 'téléphone', tel: 'téléphone', tél: 'téléphone', smartphone: 'téléphone', iphone: 'téléphone',
    courriel: 'mail', courriels: 'mails', email: 'mail', 'e-mail': 'mail', ordi: 'ordinateur', laptop: 'ordinateur portable', pc: 'ordinateur',
    chu: 'je suis', chui: 'je suis', jsuis: 'je suis', pu: 'plus', ki: 'qui', koi: 'quoi', c: "c'est", g: "j'ai", ds: 'dans', qqch: 'quelque chose', qqn: "quelqu'un", pk: 'pourquoi', pq: 'pourquoi', bcp: 'beaucoup', tt: 'tout', jsp: 'je ne sais pas', slt: 'salut', mrc: 'merci', auj: "aujourd'hui",
    device: 'appareil', devices: 'appareils', login: 'connexion', logout: 'déconnexion', logins: 'connexions', loggé: 'connecté', loggée: 'connectée', reset: 'réinitialiser', reseter: 'réinitialiser', resetter: 'réinitialiser',
    update: 'modifier', updater: 'modifier', barré: 'bloqué', barrée: 'bloquée', lock: 'bloqué', locké: 'bloqué', lockée: 'bloquée', unlock: 'débloquer', délocker: 'débloquer', setup: 'configurer', setuper: 'configurer',
    leave: 'quitter', unregister: 'supprimer', switch: 'changer', switcher: 'changer', preferred: 'préférée', cancel: 'annuler',
    texto: 'sms', textos: 'sms', notif: 'notification', notifs: 'notifications', appli: 'application', app: 'application', tenant: 'organisation', tenants: 'organisations', guest: 'invité', tiquet: 'ticket',
  },
  nl: {
    ww: 'wachtwoord', pw: 'wachtwoord', password: 'wachtwoord', paswoord: 'wachtwoord', passwoord: 'wachtwoord',
    gsm: 'telefoon', gsmnummer: 'telefoonnummer', mobiel: 'telefoon', smartphone: 'telefoon', iphone: 'telefoon', mn: 'mijn', "m'n": 'mijn', ff: 'even', efkes: 'even', nie: 'niet', wa: 'wat', ge: 'je', gij: 'jij', uw: 'je', hebt: 'heb', kunt: 'kan', zijde: 'ben je',
    ne: 'een', nen: 'een', toestel: 'apparaat', toestellen: 'apparaten', device: 'apparaat', devices: 'apparaten', gelockt: 'geblokkeerd', gelocked: 'geblokkeerd', locked: 'geblokkeerd', unlocken: 'deblokkeren', unlock: 'deblokkeren',
    updaten: 'wijzigen', update: 'wijzigen', inloggen: 'aanmelden', login: 'aanmelding', logins: 'aanmeldingen', uitloggen: 'afmelden', logout: 'afmelding', disablen: 'uitschakelen', disable: 'uitschakelen',
    setuppen: 'instellen', setup: 'instellen', default: 'standaard', mail: 'e-mail', mailadres: 'e-mailadres', email: 'e-mail', notificatie: 'melding', notificaties: 'meldingen', pushmelding: 'melding', tenant: 'organisatie', tenants: 'organisaties', guest: 'gast',
    leave: 'verlaten', leaven: 'verlaten', unregister: 'verwijderen', unregisteren: 'verwijderen', switch: 'wijzig', switchen: 'wijzigen', preferred: 'voorkeur', cancel: 'annuleer', cancellen: 'annuleren',
    aub: 'alsjeblieft', azo: 'zo', da: 'dat', ni: 'niet', pc: 'computer', dossier: 'ticket', tiket: 'ticket',
  },
  sv: {
    lösen: 'lösenord', lösenet: 'lösenordet', password: 'lösenord', pw: 'lösenord', lösn: 'lösenord',
    lur: 'telefon', luren: 'telefonen', mobil: 'telefon', mobilen: 'telefonen', mobiltelefon: 'telefon', iphone: 'telefon', smartphone: 'telefon', e: 'är', va: 'vad', nåt: 'något', nån: 'någon', nånting: 'något', nånstans: 'någonstans', int: 'inte', mkt: 'mycket', iaf: 'i alla fall', ngn: 'någon', ngt: 'något', dom: 'de', mej: 'mig', dej: 'dig',
    lockat: 'låst', lockad: 'låst', lockats: 'låsts', locked: 'låst', unlocka: 'lås upp', unlocké: 'lås upp', device: 'enhet', devices: 'enheter', devicen: 'enheten', resetta: 'återställa', resettat: 'återställt',
    disablea: 'inaktivera', disabla: 'inaktivera', setupa: 'ställa in', setup: 'inställning', default: 'standard', login: 'inloggning', logins: 'inloggningar', logout: 'utloggning', mejl: 'e-post', mail: 'e-post', mejladress: 'e-postadress', mailadress: 'e-postadress',
    leave: 'lämna', leava: 'lämna', unregister: 'ta bort', unregistrera: 'ta bort', avregistrera: 'ta bort', switch: 'byt', switcha: 'byt', preferred: 'föredragna', cancel: 'avbryt', cancella: 'avbryt', forca: 'tvinga',
    notis: 'avisering', notisen: 'aviseringen', notiser: 'aviseringar', tenant: 'organisation', tenanten: 'organisationen', tenants: 'organisationer', tenanterna: 'organisationerna', guest: 'gäst', ticket: 'ärende', ticketen: 'ärendet', pc: 'dator', laptop: 'dator', laptopen: 'datorn',
  },
};

/** Lower case, no accents (an ASCII word, most of them, has none to take off). */
const fold = (word: string): string => (isAscii(word) ? word.toLowerCase() : word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
const tables = Object.fromEntries(
  Object.entries(words).map(([locale, table]) => [locale, new Map(Object.entries({ ...table, ...everywhere }).map(([from, to]) => [fold(from), to]))]),
) as Record<Locale, Map<string, string>>;

/** What the tables say, for the model cache: a change here retrains the model. */
export const canonicalTables = JSON.stringify({ everywhere, words });

/** The text with the words of `locale`'s table brought to their one form; lower case, punctuation kept. */
export function canonical(locale: Locale, text: string): string {
  const table = tables[locale];
  return text.toLowerCase().replace(/[\p{L}\p{N}][\p{L}\p{N}'’+:-]*/gu, (word) => {
    const bare = word.replace(/['’+:-]+$/u, '');
    const whole = table.get(fold(bare).replace(/’/g, "'"));
    if (whole !== undefined) return whole;
    // "Netflix-lösenord", "wifi-code": the parts of a compound, but not its single letters ("e-post").
    return bare.includes('-') ? bare.split('-').map((part) => (part.length > 1 ? table.get(fold(part)) : undefined) ?? part).join('-') : word;
  });
}
