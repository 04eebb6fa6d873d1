// What the transcript keeps of a turn: the user's message and the bot's replies, redacted; a card
// as its heading and lines, the same whether the card is kept (the menu, shown again and again) or
// made for the turn; at most the last 20 lines.
import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, MessageFactory, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { menuGoals } from '../../../bot/core/goals.js';
import { translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import type { TranscriptLine } from '../../../bot/core/ports/tickets.js';
import { ConversationHistory } from '../../../bot/turn/conversationHistory.js';
import { standardMenuCard } from '../../../cards/menuCard.js';
import { noticeCard } from '../../../cards/noticeCard.js';

const now = (): Date => new Date('2026-12-03T10:00:00Z');

/** A conversation's history over conversation state, as the bot keeps it; `lines` reads what it holds. */
function conversation(): { turn: (text: string, locale: Locale, replies: readonly Partial<Activity>[]) => Promise<void>; lines: () => Promise<string[]> } {
  const state = new ConversationState(new MemoryStorage());
  const accessor = state.createProperty<TranscriptLine[]>('recentTurns');
  const history = new ConversationHistory(accessor);
  const adapter = new TestAdapter();
  const context = (text: string): TurnContext => new TurnContext(adapter, {
    type: 'message', text, channelId: 'msteams', conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u1', name: '' }, recipient: { id: 'bot', name: '' },
  });
  return {
    /** One turn: the user says `text`, the bot sends `replies` (in `locale`). */
    async turn(text, locale, replies) {
      const turnContext = context(text);
      await history.record(turnContext, async () => {
        for (const reply of replies) await turnContext.sendActivity({ ...reply, locale });
      }, now);
      await state.saveChanges(turnContext);
    },
    async lines() {
      return ((await accessor.get(context(''), [])) ?? []).map((l) => `${l.from}: ${l.text}`);
    },
  };
}

describe('conversation history', function () {
  it('keeps a card as its heading and lines, the kept menu as any other card, in the language it was shown in; text redacted', async function () {
    const chat = conversation();
    for (const locale of ['fr', 'fr', 'sv'] as const) {
      const t = translator(locale);
      await chat.turn('help', locale, [MessageFactory.attachment(standardMenuCard(t, menuGoals(), 'menu.intro'))]);
    }
    const t = translator('en');
    const notice = noticeCard(t.t('signout.heading'), [t.t('signout.done')]);
    await chat.turn('my code is 482913', 'en', [MessageFactory.attachment(notice), MessageFactory.text('Your code 482913 was sent.')]);
    const menuLine = (locale: Locale): string => `[${translator(locale).t('menu.title')}] / ${translator(locale).t('menu.intro')}`;
    assert.deepEqual(await chat.lines(), [
      'user: help', `bot: ${menuLine('fr')}`,
      'user: help', `bot: ${menuLine('fr')}`,
      'user: help', `bot: ${menuLine('sv')}`,
      'user: my code is […]', `bot: [${t.t('signout.heading')}] / ${t.t('signout.done')}`, 'bot: Your code […] was sent.',
    ]);
  });

  it('keeps the last 20 lines', async function () {
    const chat = conversation();
    for (let i = 0; i < 15; i += 1) await chat.turn(`message ${i}`, 'en', [MessageFactory.text(`answer ${i}`)]);
    const lines = await chat.lines();
    assert.equal(lines.length, 20);
    assert.deepEqual(lines.slice(-2), ['user: message 14', 'bot: answer 14']);
  });
});
