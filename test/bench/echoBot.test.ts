// The bench's baselines: the bare echo bot answers, and the stateful ones keep their conversation
// state on disk, written on every turn (a restart on the same folder carries on counting), the
// dialog echo through component dialogs that leave nothing on the dialog stack once a turn is over.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, stopServer } from '../../bench/benchKit.js';
import { FileRecords } from '../../bot/adapters/embedded/fileRecords.js';
import { paths } from '../../bot/paths.js';

const echoBot = path.join(paths.root, 'dist', 'bench', 'echoBot.js');

async function say(url: string, conversation: string, text: string): Promise<string[]> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', text, channelId: 'msteams', deliveryMode: 'expectReplies', serviceUrl: 'http://127.0.0.1:9/', id: `${conversation}-${text}`,
      from: { id: '29:bench' }, recipient: { id: '28:bot' }, conversation: { id: conversation },
    }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { activities: { text?: string }[] }).activities.map((a) => a.text ?? '');
}

/** Three turns in two conversations, then a restart on the same folder: the count goes on. */
async function countsAcrossRestart(env: NodeJS.ProcessEnv): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stateful-echo-'));
  try {
    const first = await startServer(echoBot, { STATE_DIR: dir, ...env });
    try {
      assert.deepEqual(await say(first.url, 'a', 'one'), ['Echo 1: one']);
      assert.deepEqual(await say(first.url, 'a', 'two'), ['Echo 2: two']);
      assert.deepEqual(await say(first.url, 'b', 'one'), ['Echo 1: one']);
    } finally {
      await stopServer(first);
    }
    const second = await startServer(echoBot, { STATE_DIR: dir, ...env });
    try {
      assert.deepEqual(await say(second.url, 'a', 'three'), ['Echo 3: three']);
    } finally {
      await stopServer(second);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('bench echo bots', function () {
  this.timeout(60_000);

  it('the bare echo bot echoes', async function () {
    const server = await startServer(echoBot, {});
    try {
      assert.deepEqual(await say(server.url, 'a', 'hello'), ['Echo: hello']);
    } finally {
      await stopServer(server);
    }
  });

  for (const [name, env] of [['stateful echo bot', {}], ['dialog echo bot', { DIALOGS: '1' }]] as const) {
    it(`the ${name} counts the turns of each conversation on disk, across a restart`, async function () {
      await countsAcrossRestart(env);
    });
  }

  it('the dialog echo bot ends its dialogs with each turn and writes its state through the record store', async function () {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dialog-echo-'));
    try {
      const server = await startServer(echoBot, { STATE_DIR: dir, DIALOGS: '1' });
      try {
        for (const text of ['one', 'two']) await say(server.url, 'a', text);
      } finally {
        await stopServer(server);
      }
      const records = new FileRecords(dir);
      const conversation = await records.get<{ turns?: number; dialogState?: { dialogStack?: unknown[] } }>('state', 'msteams/conversations/a/');
      const user = await records.get<{ preferences?: unknown }>('state', 'msteams/users/29:bench/');
      await records.close();
      assert.equal(conversation?.value.turns, 2);
      assert.deepEqual(conversation?.value.dialogState?.dialogStack, []);
      assert.deepEqual(user?.value.preferences, {});
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
