// The bench's baselines: the bare echo bot answers, and the stateful one keeps its conversation
// state on disk, written on every turn (a restart on the same folder carries on counting).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, stopServer } from '../../bench/benchKit.js';
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

  it('the stateful echo bot counts the turns of each conversation on disk, across a restart', async function () {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stateful-echo-'));
    try {
      const first = await startServer(echoBot, { STATE_DIR: dir });
      try {
        assert.deepEqual(await say(first.url, 'a', 'one'), ['Echo 1: one']);
        assert.deepEqual(await say(first.url, 'a', 'two'), ['Echo 2: two']);
        assert.deepEqual(await say(first.url, 'b', 'one'), ['Echo 1: one']);
      } finally {
        await stopServer(first);
      }
      const second = await startServer(echoBot, { STATE_DIR: dir });
      try {
        assert.deepEqual(await say(second.url, 'a', 'three'), ['Echo 3: three']);
      } finally {
        await stopServer(second);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
