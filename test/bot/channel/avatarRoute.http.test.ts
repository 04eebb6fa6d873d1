// The avatar PNG route of the real server, and a Teams profile card that points at it: Teams does
// not render SVG, so the initials avatar is the bot's own PNG there (Web Chat keeps the data URI).
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { silentLogger } from '../../../bot/logger.js';
import { avatarOf } from '../../../cards/avatar.js';
import { cardOf, sharedRecognizer } from '../../dialogs/harness.js';
import { demoUser, tempDir } from '../../helpers.js';

interface Replies { activities: { type: string; attachments?: unknown[] }[] }

/** Width and height from a PNG's IHDR, after checking its signature. */
function pngSize(body: Buffer): { width: number; height: number } {
  assert.deepEqual([...body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(body.toString('ascii', 12, 16), 'IHDR');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

describe('avatar PNG route', function () {
  let app: RunningApp;
  let remove: () => Promise<void>;

  before(async function () {
    const data = await tempDir();
    remove = data.remove;
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: data.dir }), silentLogger, { recognizer: await sharedRecognizer() });
  });
  after(async function () {
    await app.stop();
    await remove();
  });

  it('GET /api/avatar/<initials>-<colour>.png → a 192×192 PNG, cacheable', async function () {
    const response = await fetch(`${app.url}/api/avatar/%C3%85E-0f6cbd.png`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.match(response.headers.get('cache-control') ?? '', /public, max-age=31536000, immutable/);
    assert.deepEqual(pngSize(Buffer.from(await response.arrayBuffer())), { width: 192, height: 192 });
  });

  it('anything but initials and a palette colour → 404', async function () {
    for (const name of ['Anna-0f6cbd.png', 'AB-123456.png', 'AB-0f6cbd.svg', 'AB.png', '%2E%2E%2Fpasswd-0f6cbd.png']) {
      const response = await fetch(`${app.url}/api/avatar/${name}`);
      assert.equal(response.status, 404, name);
      await response.arrayBuffer();
    }
  });

  it('a Teams profile card shows the bot\'s PNG of the initials, and it loads', async function () {
    const user = await demoUser((u) => u.photo === undefined && typeof u.manager === 'string');
    const activity = {
      type: 'message', id: 'm-avatar', text: 'show my profile', channelId: 'msteams', locale: 'en-US', deliveryMode: 'expectReplies',
      serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:teams-user', aadObjectId: user.id }, recipient: { id: '28:bot' },
      conversation: { id: 'avatar-1', conversationType: 'personal' },
    };
    const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const replies = ((await response.json()) as Replies).activities.filter((a) => a.type === 'message');
    const card = replies.map((r) => cardOf(r as never)).find((c) => c && JSON.stringify(c).includes('"Image"'));
    const url = /"type":"Image","url":"([^"]*)"/.exec(JSON.stringify(card))?.[1] ?? '';
    const avatar = avatarOf(user.displayName, user.id);
    assert.equal(url, `${app.url}/api/avatar/${encodeURIComponent(avatar.initials)}-${avatar.colour.slice(1)}.png`);
    const image = await fetch(url);
    assert.equal(image.status, 200);
    assert.equal(pngSize(Buffer.from(await image.arrayBuffer())).width, 192);
  });
});
