// A request's activity through the channel as the server hands it over (already checked there):
// authenticated by its Authorization header, run, and answered with the replies asked for, an
// invoke's answer, or 401 without any detail of why.
import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, type Activity, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Request, Response } from 'restify';
import { BotChannel } from '../../../bot/channel/botChannel.js';
import type { ComposedBot } from '../../../bot/channel/composeBot.js';
import { loadConfig } from '../../../bot/config.js';
import { captureLogs } from '../../helpers.js';

interface Answer { status?: number; body?: unknown; ended: boolean }

/** A channel whose bot runs `turn`; what each activity it is given reaches the turn as. */
function channelRunning(turn: (context: TurnContext) => Promise<void>, env: Record<string, string> = {}): { channel: BotChannel; seen: Activity[]; lines: string[] } {
  const { logger, lines } = captureLogs();
  const channel = new BotChannel(loadConfig(env), logger);
  const conversationState = new ConversationState(new MemoryStorage());
  const seen: Activity[] = [];
  const bot = { run: async (context: TurnContext) => {
    seen.push(context.activity);
    await turn(context);
  } };
  channel.attach({ bot, conversationState, dialogState: conversationState.createProperty<DialogState>('dialogState') } as unknown as ComposedBot);
  return { channel, seen, lines };
}

/** Hands `body` to the channel as the server would, with these headers; the answer it wrote. */
async function post(channel: BotChannel, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const answer: Answer = { ended: false };
  const res = {
    status: (status: number) => {
      answer.status = status;
      return status;
    },
    send: (sent: unknown) => {
      answer.body = sent;
    },
    end: () => {
      answer.ended = true;
    },
  };
  await channel.process({ body, headers } as unknown as Request, res as unknown as Response);
  return answer;
}

const message = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'message', text: 'hello', channelId: 'msteams', locale: 'en-US', serviceUrl: 'http://127.0.0.1:9/', id: 'a-1',
  from: { id: '29:user', aadObjectId: '00000000-0000-4000-8000-000000000001' }, recipient: { id: '28:bot' }, conversation: { id: 'chat-1' }, ...extra,
});

describe('the channel, for a request the server checked', function () {
  it('runs the turn and answers 200 with the replies asked for (expectReplies)', async function () {
    const { channel } = channelRunning(async (context) => {
      await context.sendActivity(`You said ${context.activity.text}`);
    });
    const answer = await post(channel, message({ deliveryMode: 'expectReplies' }));
    assert.equal(answer.status, 200);
    assert.ok(answer.ended);
    const replies = (answer.body as { activities?: Partial<Activity>[] }).activities ?? [];
    assert.deepEqual(replies.map((a) => a.text), ['You said hello']);
  });

  it('answers 200 with no body when no replies were asked for', async function () {
    const { channel, seen } = channelRunning(() => Promise.resolve());
    const answer = await post(channel, message());
    assert.deepEqual(answer, { status: 200, ended: true });
    assert.equal(seen.length, 1);
  });

  it('answers an invoke with the answer the turn gave it', async function () {
    const { channel } = channelRunning(async (context) => {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' } } });
    });
    const answer = await post(channel, message({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x' } } }));
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' });
  });

  it('hands the turn the activity\'s times as dates, with their texts kept beside them', async function () {
    const { channel, seen } = channelRunning(() => Promise.resolve());
    await post(channel, message({ timestamp: '2026-12-03T10:15:00.000Z', localTimestamp: '2026-12-03T11:15:00.000+01:00' }));
    const activity = seen[0] as Activity & { rawTimestamp?: string; rawLocalTimestamp?: string };
    assert.ok(activity.timestamp instanceof Date);
    assert.equal(activity.timestamp.toISOString(), '2026-12-03T10:15:00.000Z');
    assert.equal(activity.rawTimestamp, '2026-12-03T10:15:00.000Z');
    assert.ok(activity.localTimestamp instanceof Date);
    assert.equal(activity.rawLocalTimestamp, '2026-12-03T11:15:00.000+01:00');
  });

  it('with app credentials, answers a request without a valid token 401, with no detail of why, and never runs the turn', async function () {
    const { channel, seen, lines } = channelRunning(() => Promise.resolve(), { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
    for (const headers of [{}, { authorization: 'Bearer abc' }] as Record<string, string>[]) {
      const answer = await post(channel, message({ serviceUrl: 'https://smba.trafficmanager.net/emea/' }), headers);
      assert.equal(answer.status, 401);
      assert.ok(answer.ended);
      assert.deepEqual(answer.body, { error: { code: 'unauthorized', message: 'The request is not authenticated.' } });
    }
    assert.deepEqual(seen, []);
    const logged = lines.filter((l) => l.includes('request not authenticated'));
    assert.equal(logged.length, 2);
    assert.ok(logged.every((l) => !l.includes('Bearer abc')), 'the token is never logged');
  });
});
