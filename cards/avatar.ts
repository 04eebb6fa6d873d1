// An initials avatar as an SVG data URI, for people without a photo: never a hot-linked image.
const palette = ['#0f6cbd', '#8764b8', '#c239b3', '#d13438', '#ca5010', '#498205', '#038387', '#4f6bed'];

export function initials(displayName: string): string {
  const words = displayName.trim().split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => (w as string).charAt(0).toLocaleUpperCase()).join('') || '?';
}

function colourFor(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] as string;
}

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function initialsAvatar(displayName: string, key = displayName): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">` +
    `<circle cx="48" cy="48" r="48" fill="${colourFor(key)}"/>` +
    `<text x="48" y="48" dy=".35em" text-anchor="middle" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="38" font-weight="600" fill="#ffffff">${escapeXml(initials(displayName))}</text>` +
    `</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
