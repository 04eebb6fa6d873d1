// The initials avatar as a PNG, for hosts that do not render SVG (Teams). Drawn here, without an
// image library: a circle in the avatar's colour and the initials in white strokes (a small stroke
// font of A–Z with the accents of the languages the bot speaks), anti-aliased by distance.
// Letters the font does not have leave the circle plain.
import { crc32, deflateSync } from 'node:zlib';
import type { Avatar } from './avatar.js';

type Point = readonly [number, number];
type Stroke = readonly Point[];
interface Glyph { readonly width: number; readonly strokes: readonly Stroke[] }

/** Points along an ellipse from angle a0 to a1 (degrees; y grows downwards, 0 is to the right). */
function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number): Point[] {
  const steps = Math.max(4, Math.ceil(Math.abs(a1 - a0) / 12));
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = ((a0 + ((a1 - a0) * i) / steps) * Math.PI) / 180;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)] as const;
  });
}

// Capitals on a grid 6 units high (0 at the top, 6 on the baseline).
const ring = arc(2.2, 3, 2.2, 3, 0, 360);
const bowlC = arc(2.3, 3, 2.3, 3, -40, -320);
const glyphs: Readonly<Record<string, Glyph>> = {
  A: { width: 4.4, strokes: [[[0, 6], [2.2, 0], [4.4, 6]], [[0.8, 4], [3.6, 4]]] },
  B: { width: 4, strokes: [[[0, 0], [0, 6]], [[0, 0], [2.4, 0], ...arc(2.4, 1.5, 1.5, 1.5, -90, 90), [0, 3]], [[0, 3], [2.5, 3], ...arc(2.5, 4.5, 1.5, 1.5, -90, 90), [0, 6]]] },
  C: { width: 4.3, strokes: [bowlC] },
  D: { width: 4.2, strokes: [[[0, 0], [0, 6]], [[0, 0], [1.4, 0], ...arc(1.4, 3, 2.8, 3, -90, 90), [0, 6]]] },
  E: { width: 3.6, strokes: [[[3.6, 0], [0, 0], [0, 6], [3.6, 6]], [[0, 3], [3, 3]]] },
  F: { width: 3.6, strokes: [[[3.6, 0], [0, 0], [0, 6]], [[0, 3], [3, 3]]] },
  G: { width: 4.4, strokes: [bowlC, [[2.6, 3.6], [4.4, 3.6], [4.4, 5.3]]] },
  H: { width: 4, strokes: [[[0, 0], [0, 6]], [[4, 0], [4, 6]], [[0, 3], [4, 3]]] },
  I: { width: 2, strokes: [[[0, 0], [2, 0]], [[1, 0], [1, 6]], [[0, 6], [2, 6]]] },
  J: { width: 3.6, strokes: [[[3.6, 0], [3.6, 4.4], ...arc(1.9, 4.4, 1.7, 1.6, 0, 180)]] },
  K: { width: 4, strokes: [[[0, 0], [0, 6]], [[4, 0], [0, 3.9]], [[1.4, 2.6], [4, 6]]] },
  L: { width: 3.5, strokes: [[[0, 0], [0, 6], [3.5, 6]]] },
  M: { width: 5, strokes: [[[0, 6], [0, 0], [2.5, 4.4], [5, 0], [5, 6]]] },
  N: { width: 4, strokes: [[[0, 6], [0, 0], [4, 6], [4, 0]]] },
  O: { width: 4.4, strokes: [ring] },
  P: { width: 4, strokes: [[[0, 6], [0, 0], [2.4, 0], ...arc(2.4, 1.6, 1.6, 1.6, -90, 90), [0, 3.2]]] },
  Q: { width: 4.4, strokes: [ring, [[2.7, 4.5], [4.5, 6.3]]] },
  R: { width: 4, strokes: [[[0, 6], [0, 0], [2.4, 0], ...arc(2.4, 1.6, 1.6, 1.6, -90, 90), [0, 3.2]], [[2.2, 3.2], [4, 6]]] },
  S: { width: 4, strokes: [[...arc(2, 1.5, 1.9, 1.5, -20, -270), ...arc(2, 4.5, 2, 1.5, -90, 160)]] },
  T: { width: 4.4, strokes: [[[0, 0], [4.4, 0]], [[2.2, 0], [2.2, 6]]] },
  U: { width: 4, strokes: [[[0, 0], [0, 4], ...arc(2, 4, 2, 2, 180, 0), [4, 0]]] },
  V: { width: 4.4, strokes: [[[0, 0], [2.2, 6], [4.4, 0]]] },
  W: { width: 5.6, strokes: [[[0, 0], [1.4, 6], [2.8, 1.4], [4.2, 6], [5.6, 0]]] },
  X: { width: 4.2, strokes: [[[0, 0], [4.2, 6]], [[4.2, 0], [0, 6]]] },
  Y: { width: 4.4, strokes: [[[0, 0], [2.2, 3], [4.4, 0]], [[2.2, 3], [2.2, 6]]] },
  Z: { width: 4, strokes: [[[0, 0], [4, 0], [0, 6], [4, 6]]] },
  Ø: { width: 4.4, strokes: [ring, [[4.4, -0.3], [0, 6.3]]] },
  Æ: { width: 6, strokes: [[[0, 6], [3, 0], [6, 0]], [[3, 0], [3, 6], [6, 6]], [[1.5, 3.5], [5.5, 3.5]]] },
  '?': { width: 3.6, strokes: [[...arc(1.8, 1.6, 1.8, 1.6, -170, 60), [1.8, 4.2]], [[1.8, 5.8], [1.8, 5.9]]] },
};

/** Accents above (or, for the cedilla, below) a letter, centred on x = 0. */
const marks: Readonly<Record<string, readonly Stroke[]>> = {
  '\u0300': [[[-0.7, -2.2], [0.5, -1.2]]],
  '\u0301': [[[-0.5, -1.2], [0.7, -2.2]]],
  '\u0302': [[[-1.1, -1.1], [0, -2.1], [1.1, -1.1]]],
  '\u0303': [[[-1.3, -1.3], [-0.6, -1.9], [0.6, -1.4], [1.3, -2]]],
  '\u0308': [[[-1, -1.7], [-1, -1.5]], [[1, -1.7], [1, -1.5]]],
  '\u030a': [arc(0, -1.7, 0.75, 0.75, 0, 360)],
  '\u030c': [[[-1.1, -2.1], [0, -1.1], [1.1, -2.1]]],
  '\u0327': [[[0, 6], [0, 6.6], [0.8, 7.1], [0, 7.7]]],
};

interface Segment { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number }

/** The strokes of the initials, laid out side by side with their accents, in grid units. */
function layout(text: string): { segments: Segment[]; width: number; top: number; bottom: number } {
  const segments: Segment[] = [];
  let x = 0;
  let top = 0;
  let bottom = 6;
  const gap = 1.1;
  for (const cluster of text.normalize('NFD').match(/\P{M}\p{M}*/gu) ?? []) {
    const [base, ...accents] = [...cluster];
    const glyph = glyphs[(base ?? '').normalize('NFC')] ?? glyphs[cluster.normalize('NFC')];
    if (!glyph) continue;
    if (x > 0) x += gap;
    const add = (stroke: Stroke, dx: number): void => {
      for (let i = 0; i + 1 < stroke.length; i += 1) {
        const [x1, y1] = stroke[i] as Point;
        const [x2, y2] = stroke[i + 1] as Point;
        segments.push({ x1: x1 + dx, y1, x2: x2 + dx, y2 });
        top = Math.min(top, y1, y2);
        bottom = Math.max(bottom, y1, y2);
      }
    };
    for (const stroke of glyph.strokes) add(stroke, x);
    for (const accent of accents) for (const stroke of marks[accent] ?? []) add(stroke, x + glyph.width / 2);
    x += glyph.width;
  }
  return { segments, width: x, top, bottom };
}

function distance(px: number, py: number, s: Segment): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - s.x1) * dx + (py - s.y1) * dy) / length2));
  return Math.hypot(px - (s.x1 + t * dx), py - (s.y1 + t * dy));
}

/** Side of the square image, in pixels (sharp at twice the size Teams shows a large person image). */
export const avatarPngSize = 192;

function pixels(avatar: Avatar, size: number): Buffer {
  const unit = size / 16;
  const text = layout(avatar.initials);
  // Centred on the cap height; accents only widen the box they were measured in.
  const originX = size / 2 - (text.width * unit) / 2;
  const originY = size / 2 - 3 * unit;
  const halfStroke = 0.42 * unit;
  const radius = size / 2;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(avatar.colour.slice(i, i + 2), 16)) as [number, number, number];
  const rows = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    const row = y * (size * 4 + 1);
    rows[row] = 0;
    for (let x = 0; x < size; x += 1) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      const disc = Math.max(0, Math.min(1, radius - Math.hypot(cx - radius, cy - radius) + 0.5));
      let ink = 0;
      if (disc > 0) {
        const ux = (cx - originX) / unit;
        const uy = (cy - originY) / unit;
        let nearest = Infinity;
        for (const s of text.segments) nearest = Math.min(nearest, distance(ux, uy, s));
        ink = Math.max(0, Math.min(1, halfStroke - nearest * unit + 0.5));
      }
      const at = row + 1 + x * 4;
      rows[at] = Math.round(r + (255 - r) * ink);
      rows[at + 1] = Math.round(g + (255 - g) * ink);
      rows[at + 2] = Math.round(b + (255 - b) * ink);
      rows[at + 3] = Math.round(255 * disc);
    }
  }
  return rows;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const cache = new Map<string, Buffer>();
/** Avatars kept drawn (a palette of 8 times the initials people have: few in practice). */
const cacheSize = 512;

/** The avatar as a PNG image, `avatarPngSize` pixels square, transparent outside the circle. */
export function avatarPng(avatar: Avatar): Buffer {
  const key = `${avatar.initials}\u0000${avatar.colour}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const size = avatarPngSize;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, not interlaced
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels(avatar, size))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
  cache.set(key, png);
  return png;
}
