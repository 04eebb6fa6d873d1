// The PNG reader the Teams packager checks icons with.
import assert from 'node:assert/strict';
import { readPng } from '../../../bot/teamsApp/png.js';
import { writePng, type Rgba } from './pngWriter.js';

describe('readPng', function () {
  const colour = (x: number, y: number): Rgba => [(x * 37 + y * 11) % 256, (x * 5 + y * 101) % 256, (x * y) % 256, (x + y * 3) % 256];

  it('reads the size and every pixel back, whichever filter each row uses (none, sub, up, average, Paeth)', function () {
    const png = readPng(writePng(7, 10, colour, { filterOf: (y) => y % 5 }));
    assert.deepEqual([png.width, png.height, png.hasAlpha], [7, 10, true]);
    for (let y = 0; y < 10; y++) for (let x = 0; x < 7; x++) assert.deepEqual(png.pixel(x, y), colour(x, y), `${x},${y}`);
  });

  it('reads RGB without alpha as opaque', function () {
    const png = readPng(writePng(3, 2, () => [10, 20, 30, 0], { alpha: false, filterOf: () => 4 }));
    assert.equal(png.hasAlpha, false);
    assert.deepEqual(png.pixel(2, 1), [10, 20, 30, 255]);
  });

  it('refuses what is not a PNG, and a file cut short', function () {
    assert.throws(() => readPng(Buffer.from('GIF89a, not a PNG at all, padded to length')), /not a PNG/);
    const whole = writePng(16, 16, colour);
    assert.throws(() => readPng(whole.subarray(0, 40)));
  });
});
