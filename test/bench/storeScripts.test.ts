// The turns `npm run bench:stores` drives still make sense to the bot: against a bot on a DATA_DIR
// filled by every store's script, each script's turns are answered, and none with an error, a
// refused card press or a limit, so that each store's bench measures the work it says it does.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchTenant, driveConversations, startBot, stopServer, type Server, type Turn } from '../../bench/benchKit.js';
import { storeNames, storeScripts } from '../../bench/storeScripts.js';
import { FileRecords } from '../../bot/adapters/embedded/fileRecords.js';
import { stringTable } from '../../bot/core/i18n/i18n.js';

const en = stringTable('en');
/** The start of a message, up to its first placeholder. */
const lead = (key: string): string => (en[key] ?? assert.fail(`no string ${key}`)).split('{')[0] as string;
const refusals = ['error.turn', 'error.concurrentTurn', 'card.unknown', 'card.stale', 'card.notYours', 'verify.throttled', 'verify.locked'].map(lead);

describe('bench:stores scripts', function () {
  this.timeout(120_000);
  let dir: string;
  let server: Server;
  let userIds: readonly string[];

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'store-scripts-'));
    const tenant = await benchTenant(dir, 12, { hashed: true });
    userIds = tenant.userIds;
    const records = new FileRecords(path.join(dir, 'records'));
    for (const name of storeNames) await storeScripts[name].fill?.(records, 20, userIds.slice(0, 4));
    await records.close();
    server = await startBot({ DATA_DIR: dir, TENANT_SEED: tenant.seedFile });
  });

  after(async function () {
    if (server) await stopServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  for (const name of storeNames) {
    it(`${name}: every turn is answered, none with an error, a refused button or a limit`, async function () {
      const script = storeScripts[name];
      const heard: { said: Turn; replies: number; texts: string }[] = [];
      const users = userIds.slice(0, script.drivingUsers?.(4) ?? 4);
      const { errors } = await driveConversations(server.url, users, {
        conversations: 4, rounds: 1, turns: script.turns, conversationPrefix: `script-${name}`,
        onReplies: (_conversation, said, activities) => {
          heard.push({ said, replies: activities.length, texts: activities.map((a) => JSON.stringify([a.text ?? '', a.attachments ?? []])).join(' ') });
        },
      });
      assert.equal(errors, 0);
      // The warm-up round and the counted round, in every conversation.
      assert.equal(heard.length, 2 * 4 * script.turns.length);
      for (const { said, replies, texts } of heard) {
        assert.ok(replies > 0, `no reply to ${JSON.stringify(said)}`);
        for (const refusal of refusals) assert.ok(!texts.includes(refusal), `${JSON.stringify(said)} was answered with "${refusal}"`);
      }
    });
  }
});
