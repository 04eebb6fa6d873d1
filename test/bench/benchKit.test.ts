// The bench measures the bot as it ships: started with the Node flags of `npm start`, on a tenant
// the bot accepts, with a user for each conversation.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchPassword, benchTenant, botNodeFlags, buttonData } from '../../bench/benchKit.js';
import { verifyPassword } from '../../bot/adapters/embedded/passwordHash.js';
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
      assert.ok(seed.users.every((u) => typeof u.password === 'string' && u.passwordHash === undefined));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a hashed tenant gives every user the bench password as its hash, never in clear', async function () {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-tenant-'));
    try {
      const { seedFile, userIds } = await benchTenant(dir, 30, { hashed: true });
      const { seed } = await readSeedFile(seedFile);
      assert.deepEqual(seed.users.map((u) => u.id), userIds);
      assert.ok(seed.users.every((u) => !('password' in u)), 'no password in clear');
      const hashes = new Set(seed.users.map((u) => u.passwordHash));
      assert.equal(hashes.size, 1);
      const [hash] = hashes;
      assert.equal(await verifyPassword(benchPassword, hash as string), true);
      assert.equal(await verifyPassword(`${benchPassword}x`, hash as string), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('buttonData: the button a press of the driver finds on the last replies', function () {
    const replies = {
      activities: [
        { type: 'message', text: 'Pick one', value: { action: 'choose' } },
        {
          type: 'message',
          attachments: [{
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              type: 'AdaptiveCard',
              body: [{ type: 'Container', items: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Text me', data: { action: 'choose', methodId: 'm1', nonce: 'n' } }] }] }],
              actions: [
                { type: 'Action.Submit', title: 'Cancel', data: { action: 'cancel', nonce: 'n' } },
                { type: 'Action.Execute', title: 'E-mail me', data: { action: 'choose', methodId: 'm2', nonce: 'n' } },
              ],
            },
          }],
        },
      ],
    };

    it('the first button whose data has that action, however deep, Action.Submit or Action.Execute', function () {
      assert.deepEqual(buttonData(replies, 'choose'), { action: 'choose', methodId: 'm1', nonce: 'n' });
      assert.deepEqual(buttonData(replies, 'cancel'), { action: 'cancel', nonce: 'n' });
    });

    it('nothing for an action no button has, or for replies that are not there', function () {
      assert.equal(buttonData(replies, 'submit'), undefined);
      assert.equal(buttonData(undefined, 'choose'), undefined);
      assert.equal(buttonData({ activities: [{ type: 'message', text: 'hello' }] }, 'choose'), undefined);
    });
  });
});
