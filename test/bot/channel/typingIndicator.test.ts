// The typing indicator: sent on slow turns, never on expectReplies, and a send that fails after the
// turn has ended is logged, not an unhandled rejection (which would stop the process).
import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { TypingIndicator } from '../../../bot/channel/typingIndicator.js';
import { captureLogs } from '../../helpers.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function message(fields: Partial<Activity> = {}): Partial<Activity> {
  return { type: 'message', text: 'hi', channelId: 'test', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u', name: '' }, recipient: { id: 'b', name: '' }, ...fields };
}

describe('typing indicator', function () {
  it('shows typing on a slow turn, and stops when it ends', async function () {
    const adapter = new TestAdapter();
    const sent: string[] = [];
    adapter.sendActivities = (_context, activities) => {
      sent.push(...activities.map((a) => String(a.type)));
      return Promise.resolve(activities.map(() => ({ id: 'x' })));
    };
    const context = new TurnContext(adapter, message());
    await new TypingIndicator(captureLogs().logger, 10, 20).onTurn(context, () => pause(75));
    const count = sent.length;
    assert.ok(count >= 2 && sent.every((t) => t === 'typing'), `typing sent (${count})`);
    await pause(60);
    assert.equal(sent.length, count, 'nothing after the turn');
  });

  it('in a group chat: typing only for a message that @mentions the bot (the others get no answer, so no typing)', async function () {
    const adapter = new TestAdapter();
    const sent: string[] = [];
    adapter.sendActivities = (context, activities) => {
      sent.push(...activities.map(() => String(context.activity.text)));
      return Promise.resolve(activities.map(() => ({ id: 'x' })));
    };
    const group = { id: 'g', isGroup: true, conversationType: 'groupChat', name: '' };
    const mention = { type: 'mention', text: '<at>Bot</at>', mentioned: { id: 'b', name: 'Bot' } };
    for (const text of ['lunch at noon?', '<at>Bot</at> show my devices']) {
      await new TypingIndicator(captureLogs().logger, 5, 10).onTurn(new TurnContext(adapter, message({ text, conversation: group, entities: [mention] })), () => pause(40));
    }
    assert.ok(sent.length > 0 && sent.every((text) => text === '<at>Bot</at> show my devices'), `typing for the mention only (${sent.join(' | ')})`);
  });

  it('sends nothing when the replies travel in the response (expectReplies)', async function () {
    const adapter = new TestAdapter();
    let sent = 0;
    adapter.sendActivities = () => Promise.resolve([{ id: String((sent += 1)) }]);
    await new TypingIndicator(captureLogs().logger, 5, 5).onTurn(new TurnContext(adapter, message({ deliveryMode: 'expectReplies' })), () => pause(40));
    assert.equal(sent, 0);
  });

  it('a send that fails once the turn has ended (revoked context) is logged; nothing goes unhandled', async function () {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const adapter = new TestAdapter();
      // The channel answers slowly, then refuses; by then the turn is over.
      adapter.sendActivities = async () => {
        await pause(50);
        throw new Error('connect ECONNREFUSED 127.0.0.1:9');
      };
      const logs = captureLogs();
      const { proxy, revoke } = Proxy.revocable(new TurnContext(adapter, message()), {});
      await new TypingIndicator(logs.logger, 5, 5).onTurn(proxy, () => pause(20));
      revoke();
      await pause(120);
      assert.deepEqual(unhandled, []);
      assert.ok(logs.lines.some((line) => line.includes('typing indicator not sent')));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
