// Just enough of PNG to check a Teams app icon: its size, and the colour and transparency of each
// pixel (8-bit greyscale, RGB, grey + alpha or RGBA, not interlaced: what icon editors write).
import { inflateSync } from 'node:zlib';

export interface Png {
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  /** Red, green, blue and alpha (0–255) of the pixel at x, y. */
  pixel(x: number, y: number): readonly [number, number, number, number];
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Channels per pixel by colour type (0 grey, 2 RGB, 4 grey + alpha, 6 RGBA); 3 (palette) is not read. */
const channelsOf: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Reads a PNG; throws an Error that says what is wrong with it. */
export function readPng(data: Buffer): Png {
  if (data.length < 33 || !data.subarray(0, 8).equals(signature)) throw new Error('is not a PNG file');
  let offset = 8;
  let header: Buffer | undefined;
  const compressed: Buffer[] = [];
  while (offset + 8 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    else if (type === 'IDAT') compressed.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header || header.length < 13) throw new Error('has no PNG header');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colourType, , , interlace] = header.subarray(8, 13);
  const channels = channelsOf[colourType ?? -1];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error('must be an 8-bit greyscale, RGB or RGBA PNG that is not interlaced');
  }
  const raw = inflateSync(Buffer.concat(compressed));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('is cut short');
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[y * stride + i - channels] ?? 0 : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i] ?? 0 : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] ?? 0 : 0;
      pixels[y * stride + i] = ((line[i] ?? 0) + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return {
    width,
    height,
    hasAlpha: colourType === 4 || colourType === 6,
    pixel(x, y) {
      const at = y * stride + x * channels;
      const c = (k: number) => pixels[at + k] ?? 0;
      switch (channels) {
        case 1: return [c(0), c(0), c(0), 255];
        case 2: return [c(0), c(0), c(0), c(1)];
        case 3: return [c(0), c(1), c(2), 255];
        default: return [c(0), c(1), c(2), c(3)];
      }
    },
  };
}

function predict(filter: number | undefined, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0: return 0;
    case 1: return left;
    case 2: return up;
    case 3: return Math.floor((left + up) / 2);
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default: throw new Error(`has an unknown filter type ${filter}`);
  }
}
