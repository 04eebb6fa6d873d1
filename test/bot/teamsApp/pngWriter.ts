// A small PNG encoder for tests: 8-bit RGB or RGBA, each row with the filter the caller picks, so the
// reader's five filters are all exercised.
import { crc32, deflateSync } from 'node:zlib';

export type Rgba = readonly [number, number, number, number];

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

function predict(filter: number, left: number, up: number, upLeft: number): number {
  if (filter === 1) return left;
  if (filter === 2) return up;
  if (filter === 3) return Math.floor((left + up) / 2);
  if (filter === 4) {
    const p = left + up - upLeft;
    const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
    return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
  }
  return 0;
}

/** A PNG of `width`×`height` whose pixel at x, y is `colour(x, y)`; row y uses filter `filterOf(y)`. */
export function writePng(width: number, height: number, colour: (x: number, y: number) => Rgba,
  options: { alpha?: boolean; filterOf?: (y: number) => number } = {}): Buffer {
  const alpha = options.alpha ?? true;
  const channels = alpha ? 4 : 3;
  const stride = width * channels;
  const raw = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = colour(x, y);
      for (let k = 0; k < channels; k++) raw[y * stride + x * channels + k] = c[k] ?? 255;
    }
  }
  const filtered = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const filter = options.filterOf?.(y) ?? 0;
    filtered[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? raw[y * stride + i - channels] ?? 0 : 0;
      const up = y > 0 ? raw[(y - 1) * stride + i] ?? 0 : 0;
      const upLeft = y > 0 && i >= channels ? raw[(y - 1) * stride + i - channels] ?? 0 : 0;
      filtered[y * (stride + 1) + 1 + i] = ((raw[y * stride + i] ?? 0) - predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, alpha ? 6 : 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(filtered)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
