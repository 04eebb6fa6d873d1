// One conversation with the real server over POST /api/messages, as a Teams client (or, with no
// user, the Emulator) talks to it: replies come back in the HTTP response (expectReplies).
import assert from 'node:assert/strict';
import { cardOf, submitActions } from '../../dialogs/harness.js';

export interface Reply { type: string; text?: string; attachments?: { content?: unknown }[]; conversation?: { id?: string } }

export interface TeamsChatOptions {
  /** The directory user (Teams `aadObjectId`); undefined: an Emulator user nobody vouches for. */
  readonly userId: string | undefined;
  readonly conversationId: string;
  readonly locale?: string;
  /** Where proactive messages go (a recording channel); replies to the turn come back in the response. */
  readonly serviceUrl?: string;
  /** Sees every message reply (a transcript for scans). */
  readonly record?: (replies: readonly Reply[]) => void;
}

/** `appUrl` may change from turn to turn: several instances serving one conversation. */
export function teamsChat(appUrl: string | (() => string), options: TeamsChatOptions) {
  let lastCard: unknown;
  const send = async (fields: Record<string, unknown>): Promise<Reply[]> => {
    const activity = {
      type: 'message', id: `m-${Math.random()}`, channelId: options.userId ? 'msteams' : 'emulator', locale: options.locale ?? 'en-US', deliveryMode: 'expectReplies',
      serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:9/', from: { id: `29:${options.userId ?? options.conversationId}`, aadObjectId: options.userId }, recipient: { id: '28:bot' },
      conversation: { id: options.conversationId, conversationType: 'personal' }, ...fields,
    };
    const url = typeof appUrl === 'string' ? appUrl : appUrl();
    const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    assert.equal(response.status, 200);
    const replies = ((await response.json()) as { activities: Reply[] }).activities.filter((a) => a.type === 'message');
    options.record?.(replies);
    for (const reply of replies) lastCard = cardOf(reply as never) ?? lastCard;
    return replies;
  };
  /** What a click on the last card's button would post, with the inputs typed into it. */
  const valueOf = (action: string, inputs: Record<string, string> = {}): Record<string, unknown> => {
    const data = submitActions(lastCard).find((d) => d.action === action);
    assert.ok(data, `the card has a button ${action}`);
    return { ...data, ...inputs };
  };
  return {
    say: (text: string) => send({ text }),
    send: (value: unknown) => send({ value }),
    click: (action: string, inputs: Record<string, string> = {}) => send({ value: valueOf(action, inputs) }),
    valueOf,
    card: () => lastCard,
  };
}
