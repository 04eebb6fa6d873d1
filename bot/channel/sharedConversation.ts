// Group chats and channels: conversations that several people read. There the bot answers only
// when it is @mentioned (a card click needs no mention), reads the text without the mention, and
// shows nobody's account data (see AccountBot: account goals continue in the personal chat).
import type { Activity } from 'botbuilder';

/** The part of an activity read here. */
type Addressed = Pick<Partial<Activity>, 'conversation' | 'entities' | 'recipient' | 'text' | 'value'>;

/** Teams' conversation types that several people read (`personal` is the 1:1 chat). */
const sharedTypes: ReadonlySet<string> = new Set(['groupChat', 'channel']);

export function isSharedConversation(activity: Pick<Partial<Activity>, 'conversation'>): boolean {
  const conversation = activity.conversation as { conversationType?: unknown; isGroup?: unknown } | undefined;
  return conversation?.isGroup === true || (typeof conversation?.conversationType === 'string' && sharedTypes.has(conversation.conversationType));
}

/** The texts by which this activity @mentions the bot (`<at>Account assistant</at>`), read defensively: entities are client data. */
function botMentions(activity: Addressed): string[] {
  const botId = activity.recipient?.id;
  if (typeof botId !== 'string' || botId === '' || !Array.isArray(activity.entities)) return [];
  const texts: string[] = [];
  for (const entity of activity.entities as unknown[]) {
    const e = entity as { type?: unknown; mentioned?: { id?: unknown }; text?: unknown } | null;
    if (typeof e?.type === 'string' && e.type.toLowerCase() === 'mention' && e.mentioned?.id === botId && typeof e.text === 'string' && e.text !== '') texts.push(e.text);
  }
  return texts;
}

/** A click on a card's button: a value and no text. */
export function isCardClick(activity: Addressed): boolean {
  const text = typeof activity.text === 'string' ? activity.text : '';
  return text.trim() === '' && activity.value !== undefined && activity.value !== null;
}

/** Whether a message in a shared conversation is for the bot: it @mentions the bot, or it is a click on one of the bot's cards. */
export function isForBot(activity: Addressed): boolean {
  const text = typeof activity.text === 'string' ? activity.text : '';
  return isCardClick(activity) || botMentions(activity).some((mention) => text.includes(mention));
}

/** Takes the bot's @mention out of the text ("<at>Account assistant</at> show my devices" → "show my devices"). */
export function removeBotMention(activity: Addressed & { text?: string }): void {
  if (typeof activity.text !== 'string') return;
  let text = activity.text;
  for (const mention of botMentions(activity)) text = text.split(mention).join('');
  activity.text = text.replace(/ {2,}/g, ' ').trim();
}
