// The bench measures the bot as it ships: started with the Node flags of `npm start`.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { botNodeFlags } from '../../bench/benchKit.js';
import { paths } from '../../bot/paths.js';

describe('bench kit', function () {
  it("starts the bot with exactly the Node flags of package.json's start script", async function () {
    const flags = await botNodeFlags();
    assert.ok(flags.length > 0 && flags.every((flag) => flag.startsWith('--')), `flags: ${flags.join(' ')}`);
    const start = (JSON.parse(await readFile(path.join(paths.root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    assert.ok(start.endsWith(`node ${flags.join(' ')} dist/bot/index.js`), start);
  });
});
