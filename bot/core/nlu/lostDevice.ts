// Words that say a device was lost, stolen or left somewhere, in the four languages, as people say
// it ("someone stole my laptop", "I left my iPhone in a taxi", "mijn telefoon is gejat", "min mobil
// är borta"), and the kind of device they name (a phone, a laptop). Read over the folded text
// (lower case, no accents, apostrophes as spaces).
import type { DeviceKind } from '../usecases/devices.js';
import { foldWords } from './normalize.js';

const lost = new RegExp([
  // en
  String.raw`\b(?:lost|lose|losing|stolen|stole|steal|robbed|nicked|pinched|theft|missing|misplaced|gone)\b`,
  String.raw`\b(?:can ?t|cannot|can not|couldn ?t) find\b`, String.raw`\b(?:left|forgot|dropped) (?:my|it|the|our)\b`,
  // fr
  String.raw`\b(?:perdu|perdue|perdus|vole|volee|voles|vol|disparu|disparue|egare|egaree|pique|piquee)\b`, String.raw`\b(?:trouve|retrouve) plus\b`,
  // nl
  String.raw`\b(?:kwijt|kwijtgeraakt|verloren|gestolen|gejat|gepikt|vermist|weg)\b`, String.raw`\b(?:laten liggen|vergeten in|niet meer vinden|niet vinden)\b`,
  // sv
  String.raw`\b(?:borttappad|borttappat|tappat|tappade|forlorat|stulen|stulet|stulits|stulit|stal|snott|snodd|saknas|borta|forsvunnen|forsvunnet|forsvann)\b`,
  String.raw`\b(?:blivit av med|hittar inte|glomde|glomt)\b`,
].join('|'), 'u');

/** True when the message says a device was lost or stolen ("my phone was stolen", "j'ai perdu mon portable"). */
export const saysDeviceLost = (text: string): boolean => lost.test(foldWords(text));

const kindWords: Readonly<Record<DeviceKind, RegExp>> = {
  mobile: new RegExp([
    String.raw`\b(?:phones?|telephones?|mobile|mobiles|cell|cellphone|smartphones?|iphone|android|tablets?|ipad)\b`,
    // "portable" alone is a phone in French; an "ordinateur portable" or a "PC portable" is a laptop.
    String.raw`(?<!\b(?:ordinateur|ordi|pc) )\bportable\b`, String.raw`\b(?:cellulaire|natel|gsm|tablette)\b`,
    String.raw`\b(?:telefoon|telefoontje|mobiel|mobieltje)\b`,
    String.raw`\b(?:telefon|telefonen|mobil|mobilen|mobiltelefon|mobiltelefonen|surfplatta|surfplattan)\b`,
  ].join('|'), 'u'),
  computer: new RegExp([
    String.raw`\b(?:laptops?|computers?|pc|notebook|macbook|desktop|workstation)\b`,
    String.raw`\b(?:ordinateur|ordinateurs|ordi|poste de travail)\b`,
    String.raw`\b(?:laptopje|werkstation)\b`,
    String.raw`\b(?:dator|datorn|laptopen)\b`,
  ].join('|'), 'u'),
};

/** The one kind of device the message names ("my phone was stolen": mobile); undefined for none, or for both. */
export function deviceKindIn(text: string): DeviceKind | undefined {
  const folded = foldWords(text);
  const named = (Object.keys(kindWords) as DeviceKind[]).filter((kind) => kindWords[kind].test(folded));
  return named.length === 1 ? named[0] : undefined;
}
