// An initials avatar for people without a photo: never a hot-linked image. Web Chat shows it as an
// SVG data URI; Teams does not render SVG, so there the card points at the bot's own PNG of it
// (`avatarPath`), whose URL holds only what the card shows anyway: the initials and the colour.
import { BoundedCache } from '../bot/core/boundedCache.js';

const palette = ['#0f6cbd', '#8764b8', '#c239b3', '#d13438', '#ca5010', '#498205', '#038387', '#4f6bed'];

/** What an initials avatar shows: one or two letters (or "?") on a colour of the palette. */
export interface Avatar {
  readonly initials: string;
  /** "#0f6cbd": always one of the palette's. */
  readonly colour: string;
}

export function initials(displayName: string): string {
  const words = displayName.trim().split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => firstLetter(w as string).toLocaleUpperCase()).join('') || '?';
}

/** The first letter with its accents ("Å" in NFD is two code points). */
const firstLetter = (word: string): string => word.normalize('NFC').match(/^\p{L}\p{M}*/u)?.[0]?.normalize('NFC') ?? word.charAt(0);

function colourFor(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] as string;
}

export function avatarOf(displayName: string, key = displayName): Avatar {
  return { initials: initials(displayName), colour: colourFor(key) };
}

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

const svgOf = (avatar: Avatar): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">` +
  `<circle cx="48" cy="48" r="48" fill="${avatar.colour}"/>` +
  `<text x="48" y="48" dy=".35em" text-anchor="middle" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="38" font-weight="600" fill="#ffffff">${escapeXml(avatar.initials)}</text>` +
  `</svg>`;

const dataUriPrefix = 'data:image/svg+xml;base64,';

/** Data URIs already drawn, by key and name: a profile shows the same one every time. */
const drawn = new BoundedCache<string>(1024);

export function initialsAvatar(displayName: string, key = displayName): string {
  return drawn.get(`${key}\n${displayName}`, () => `${dataUriPrefix}${Buffer.from(svgOf(avatarOf(displayName, key)), 'utf8').toString('base64')}`);
}

/** Initials the PNG route draws: one or two letters (with their accents), or "?". */
const initialsPattern = /^(?:(?:\p{L}\p{M}*){1,2}|\?)$/u;

/** The avatar an `initialsAvatar` data URI shows, or undefined for any other image. */
export function avatarInDataUri(uri: string): Avatar | undefined {
  if (!uri.startsWith(dataUriPrefix) || uri.length > 2048) return undefined;
  const svg = Buffer.from(uri.slice(dataUriPrefix.length), 'base64').toString('utf8');
  const match = /^<svg [^>]*><circle [^>]*fill="(#[0-9a-f]{6})"\/><text [^>]*>([^<]*)<\/text><\/svg>$/.exec(svg);
  if (!match) return undefined;
  const avatar = { colour: match[1] as string, initials: (match[2] as string).replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))) };
  return svgOf(avatar) === svg && isAvatar(avatar) ? avatar : undefined;
}

const isAvatar = (avatar: Avatar): boolean => palette.includes(avatar.colour) && initialsPattern.test(avatar.initials.normalize('NFC'));

/** The bot's route of the avatar as a PNG: `/api/avatar/AB-0f6cbd.png`. */
export function avatarPath(avatar: Avatar): string {
  return `/api/avatar/${encodeURIComponent(avatar.initials.normalize('NFC'))}-${avatar.colour.slice(1)}.png`;
}

/** The avatar a route's file name (`AB-0f6cbd.png`, URL-encoded) asks for, or undefined if it is not one this bot makes. */
export function avatarOfFileName(fileName: string): Avatar | undefined {
  const match = /^(.{1,60})-([0-9a-f]{6})\.png$/.exec(fileName);
  if (!match) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(match[1] as string).normalize('NFC');
  } catch {
    return undefined;
  }
  const avatar = { initials: decoded, colour: `#${match[2] as string}` };
  return isAvatar(avatar) ? avatar : undefined;
}
