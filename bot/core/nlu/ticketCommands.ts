// What a helpdesk agent types instead of pressing a ticket's buttons: "open INC-000123" (or the bare
// number), "assign it to me", "resolve it: password reset done", "send it back", in any of the four
// languages; and the ticket number anyone names in a message ("what's happening with INC-000104?").
// Only whole commands count: a sentence that merely contains "open" or "resolve" is not one. "it"
// (no number) stands for the ticket the agent last worked on; the dialogs know which.
import type { Locale } from '../i18n/i18n.js';
import { ticketNumberDigits, ticketNumberPrefix } from '../ports/tickets.js';
import { foldWords, normalizeUtterance } from './normalize.js';

export type TicketCommandAct = 'open' | 'assign' | 'resolve' | 'sendBack';

export interface TicketCommand {
  readonly act: TicketCommandAct;
  /** The number named (normalized: INC-000123); undefined for "it". */
  readonly ticket?: string;
  /** What followed "resolve it:" (the comment) or "send it back:" (the note), as typed. */
  readonly note?: string;
  /** The language of the words, when only one language says it this way. */
  readonly locale?: Locale;
}

/** Longest message read as a command (a command with a comment can be a sentence or two). */
const maxCommandLength = 600;
/** Longest head (the words before the comment) still read as a command. */
const maxHeadWords = 8;

/** Where the number stood in the folded text. */
const number = 'ticketnr';
/** "it": a pronoun or "this ticket", in each language (after folding). */
const it = {
  en: '(?:it|this(?: one| ticket)?|that(?: one| ticket)?|the ticket)',
  fr: '(?:le|la|celui ci|celui la|ce ticket|le ticket)',
  nl: '(?:hem|het|die|deze|dit ticket|dat ticket|het ticket)',
  sv: '(?:den|det|den har|det har|arendet|ticketen|biljetten)',
} as const;
/** The ticket named, with an optional "(the) ticket" before the number. */
const named = `(?:(?:(?:the|this|le|ce|het|dit|dat|de) )?(?:ticket|incident|arende|arendet|biljett|ticketet) )?${number}`;
const target = (locale: Locale): string => `(?:${named}|${it[locale]})`;
/** "please", "can you", "peux-tu", "kan du" before the verb. */
const please = '(?:(?:can|could|would|will) you )?(?:please |pls |kindly )?';
const pleaseFr = '(?:(?:peux tu|pouvez vous|tu peux|vous pouvez|merci de) )?';
const pleaseSv = '(?:(?:kan du|kan ni|kunde du) )?';
/** "with the comment" before the colon. */
const withComment = {
  en: '(?: with (?:the |a |this )?(?:comment|note|message))?',
  fr: '(?: avec (?:le |un |ce )?(?:commentaire|message))?',
  nl: '(?: met (?:de |het |deze |dit )?(?:opmerking|commentaar|notitie|bericht))?',
  sv: '(?: med (?:kommentaren|kommentar|meddelandet|anteckningen))?',
} as const;
const politeEnd = '(?: please| svp| s il vous plait| s il te plait| alsjeblieft| aub| graag| tack)?';

interface Pattern {
  readonly act: TicketCommandAct;
  /** Undefined when the words are the same in several languages ("open it" is English and Dutch). */
  readonly locale?: Locale;
  readonly re: RegExp;
  /** Words people also use to stop what is going on ("close it", "take it", "stäng den"): a command only with a number or a comment. */
  readonly loose?: boolean;
}

const whole = (source: string): RegExp => new RegExp(`^${source}${politeEnd}$`);

const patterns: readonly Pattern[] = [
  // The number alone, or "ticket INC-000123": show it.
  { act: 'open', re: whole(named) },
  // open / show
  { act: 'open', re: whole(`${please}open(?: up)? ${target('en')}`) },
  { act: 'open', locale: 'en', re: whole(`${please}(?:show(?: me)?|view|display|pull up|bring up|look at|let me see|can you show me|could you show me) ${target('en')}`) },
  { act: 'open', locale: 'fr', re: whole(`${pleaseFr}(?:ouvre|ouvrez|ouvrir|affiche|affichez|afficher|montre(?: moi)?|montrez(?: moi)?|me montrer|voir)(?: le)? ${target('fr')}`) },
  { act: 'open', locale: 'fr', re: whole(`(?:ouvre|ouvrez|affiche|affichez|montre|montrez) (?:le|la)(?: moi)?`) },
  { act: 'open', locale: 'nl', re: whole(`(?:toon|bekijk|open)(?: me| mij)? ${target('nl')}`) },
  { act: 'open', locale: 'nl', re: whole(`(?:laat|geef)(?: me| mij)? ${target('nl')}(?: zien)?`) },
  { act: 'open', locale: 'nl', re: whole(`(?:kun|kan|wil) (?:je|jij|u)(?: me| mij)? ${target('nl')} (?:openen|tonen|laten zien|geven)`) },
  { act: 'open', locale: 'sv', re: whole(`${pleaseSv}(?:oppna|visa(?: mig)?|titta pa|kolla pa)(?: arende)? ${target('sv')}`) },
  // assign to me
  { act: 'assign', locale: 'en', re: whole(`${please}(?:assign|give)(?: ${target('en')})? to (?:me|myself)`) },
  { act: 'assign', locale: 'en', re: whole(`${please}(?:assign|give) me ${target('en')}`) },
  { act: 'assign', locale: 'en', re: whole(`(?:i ?ll|i will|let me|i can) (?:take|handle|pick up|grab) ${target('en')}(?: up)?`) },
  { act: 'assign', locale: 'en', re: whole(`(?:take|claim|grab) ${target('en')}`), loose: true },
  { act: 'assign', locale: 'fr', re: whole(`je (?:le|la) prends`) },
  { act: 'assign', locale: 'fr', re: whole(`je prends ${target('fr')}`) },
  { act: 'assign', locale: 'fr', re: whole(`je m en (?:occupe|charge)`) },
  { act: 'assign', locale: 'fr', re: whole(`je m (?:occupe|charge) (?:de|du) ${target('fr')}`) },
  { act: 'assign', locale: 'fr', re: whole(`(?:assigne|assignez|attribue|attribuez) (?:le|la) moi`) },
  { act: 'assign', locale: 'fr', re: whole(`(?:assigne|assignez|attribue|attribuez) ${target('fr')} a moi`) },
  { act: 'assign', locale: 'fr', re: whole(`(?:assigne|assignez|attribue|attribuez) moi ${target('fr')}`) },
  { act: 'assign', locale: 'nl', re: whole(`ik (?:neem|pak) ${target('nl')}(?: wel)?(?: op me| op)?`) },
  { act: 'assign', locale: 'nl', re: whole(`(?:wijs|ken)(?: ${target('nl')})? (?:toe aan mij|toe aan me|aan mij toe|aan me toe)`) },
  { act: 'assign', locale: 'sv', re: whole(`jag (?:tar|tar hand om|tar over) ${target('sv')}`) },
  { act: 'assign', locale: 'sv', re: whole(`tilldela(?: ${target('sv')} till)? mig(?: ${target('sv')})?`) },
  // resolve (with the comment after a colon or a dash)
  { act: 'resolve', locale: 'en', re: whole(`${please}(?:resolve|solve|mark resolved) ${target('en')}(?: as (?:resolved|done|fixed|solved))?${withComment.en}`) },
  { act: 'resolve', locale: 'en', re: whole(`${please}(?:close|close out) ${target('en')}(?: as (?:resolved|done|fixed|solved))?${withComment.en}`), loose: true },
  { act: 'resolve', locale: 'en', re: whole(`${please}mark ${target('en')} (?:as )?(?:resolved|done|fixed|solved)`) },
  { act: 'resolve', locale: 'fr', re: whole(`(?:resous|resolvez)(?: ${target('fr')})?${withComment.fr}`) },
  { act: 'resolve', locale: 'fr', re: whole(`${pleaseFr}resoudre ${target('fr')}${withComment.fr}`) },
  { act: 'resolve', locale: 'fr', re: whole(`${pleaseFr}(?:ferme|fermez|fermer|cloture|cloturez|cloturer) ${target('fr')}${withComment.fr}`), loose: true },
  { act: 'resolve', locale: 'nl', re: whole(`los(?: ${target('nl')})? op${withComment.nl}`) },
  { act: 'resolve', locale: 'nl', re: whole(`sluit ${target('nl')}(?: af)?${withComment.nl}`), loose: true },
  { act: 'resolve', locale: 'nl', re: whole(`(?:markeer|zet) ${target('nl')} (?:als )?(?:opgelost|afgehandeld)`) },
  { act: 'resolve', locale: 'sv', re: whole(`${pleaseSv}(?:los|losa|atgarda) ${target('sv')}${withComment.sv}`) },
  { act: 'resolve', locale: 'sv', re: whole(`${pleaseSv}(?:stang|stanga|avsluta) ${target('sv')}${withComment.sv}`), loose: true },
  // send back to the user as a self-service task
  { act: 'sendBack', locale: 'en', re: whole(`${please}(?:send|hand|give) ${target('en')} back(?: to (?:the user|them|him|her))?`) },
  { act: 'sendBack', locale: 'fr', re: whole(`(?:renvoie|renvoyez|retourne|retournez)(?: ${target('fr')})?(?: a l utilisateur| a l utilisatrice)?`) },
  { act: 'sendBack', locale: 'nl', re: whole(`stuur ${target('nl')} terug(?: naar de gebruiker)?`) },
  { act: 'sendBack', locale: 'sv', re: whole(`skicka (?:tillbaka ${target('sv')}|${target('sv')} tillbaka)(?: till anvandaren)?`) },
];

/** INC-000123, inc 123, INC000123: a ticket number however it was typed (letters case-folded, digits kept). */
const numberIn = new RegExp(`(?<![\\p{L}\\p{N}])${ticketNumberPrefix}[ -]?(\\d{1,9})(?![\\p{L}\\p{N}])`, 'giu');
/** #123: only after a command's words ("open #123"), never on its own. */
const hashNumberIn = /(?<![\p{L}\p{N}#])#(\d{1,9})(?![\p{L}\p{N}])/gu;

/**
 * A number in running text counts as a ticket's when it looks like one: with its dash, its prefix in
 * capitals or all its digits (INC-123, INC 123, inc000123); "Contoso inc 2024" is a company and a year.
 */
const isFirm = (match: RegExpMatchArray): boolean =>
  match[0].includes('-') || match[0].startsWith(ticketNumberPrefix.toUpperCase()) || (match[1] ?? '').length >= ticketNumberDigits;

/** The normalized number: INC-000123. */
export function ticketNumberOf(digits: string): string {
  return `${ticketNumberPrefix}-${digits.replace(/^0+(?=\d)/, '').padStart(ticketNumberDigits, '0')}`;
}

/** The one ticket number a message names, normalized; undefined for none, or for two different ones. */
export function ticketNumberIn(text: string): string | undefined {
  const found = new Set([...normalizeUtterance(text).matchAll(numberIn)].filter(isFirm).map((m) => ticketNumberOf(m[1] ?? '')));
  return found.size === 1 ? [...found][0] : undefined;
}

/** The command's words and what followed the separator (the comment): "resolve it: done" → "resolve it", "done". */
function splitNote(text: string, separators: RegExp): { head: string; note?: string } {
  const separator = separators.exec(text);
  if (!separator) return { head: text };
  const note = text.slice(separator.index + separator[0].length).trim();
  return { head: text.slice(0, separator.index), note: note === '' ? undefined : note };
}

/** A colon or a dash between spaces ("INC-000123" keeps its own); a comma only before a resolve's comment. */
const noteSeparator = /\s*[:：]\s*|\s+[-–—]+\s+/u;
const commaSeparator = /\s*,\s*/u;

/** A typed ticket command, or undefined when the message is anything else. */
export function readTicketCommand(text: string): TicketCommand | undefined {
  if (text.length > maxCommandLength) return undefined;
  const normalized = normalizeUtterance(text);
  const command = commandIn(splitNote(normalized, noteSeparator));
  if (command) return command;
  // "resolve it, password reset done"; but "open INC-000123, please" stays an open.
  const byComma = commandIn(splitNote(normalized, commaSeparator));
  return byComma?.act === 'resolve' && byComma.note !== undefined ? byComma : undefined;
}

function commandIn({ head, note }: { head: string; note?: string }): TicketCommand | undefined {
  const numbers = new Set([...head.matchAll(numberIn)].map((m) => ticketNumberOf(m[1] ?? '')));
  const hashes = new Set([...head.matchAll(hashNumberIn)].map((m) => ticketNumberOf(m[1] ?? '')));
  const given = new Set([...numbers, ...hashes]);
  if (given.size > 1) return undefined;
  const ticket = [...given][0];
  const folded = foldWords(head.replace(numberIn, ` ${number} `).replace(hashNumberIn, ` ${number} `));
  if (folded === '' || folded.split(' ').length > maxHeadWords) return undefined;
  const pattern = patterns.find((p) => p.re.test(folded));
  if (!pattern) return undefined;
  // "#123" alone is too loose to be a ticket: it counts only after a command's words.
  if (ticket && numbers.size === 0 && folded === number) return undefined;
  if (pattern.loose && !ticket && note === undefined) return undefined;
  // A number alone must look like one of ours ("Contoso inc 2024" is a company and a year).
  if (folded === number && ![...head.matchAll(numberIn)].every(isFirm)) return undefined;
  // Only a resolve or a send back has a comment; "open INC-000123: the user called" is not a command.
  if (note !== undefined && pattern.act !== 'resolve' && pattern.act !== 'sendBack') return undefined;
  return { act: pattern.act, ...(ticket ? { ticket } : {}), ...(note ? { note } : {}), ...(pattern.locale ? { locale: pattern.locale } : {}) };
}
