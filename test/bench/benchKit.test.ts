// The bench measures the bot as it ships: started with the Node flags of `npm start`, on a tenant
// the bot accepts, with a user for each conversation.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchTenant, botNodeFlags } from '../../bench/benchKit.js';
import { readSeedFile } from '../../bot/adapters/embedded/tenantSeed.js';
import { paths } from '../../bot/paths.js';

describe('bench kit', function () {
  it("starts the bot with exactly the Node flags of package.json's start script", async function () {
    const flags = await botNodeFlags();
    assert.ok(flags.length > 0 && flags.every((flag) => flag.startsWith('--')), `flags: ${flags.join(' ')}`);
    const start = (JSON.parse(await readFile(path.join(paths.root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    assert.ok(start.endsWith(`node ${flags.join(' ')} dist/bot/index.js`), start);
  });

  it('writes a tenant seed of as many distinct users as asked, which the bot accepts', async function () {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-tenant-'));
    try {
      const { seedFile, userIds } = await benchTenant(dir, 50);
      const { seed } = await readSeedFile(seedFile);
      assert.equal(new Set(userIds).size, 50);
      assert.deepEqual(seed.users.map((u) => u.id), userIds);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
