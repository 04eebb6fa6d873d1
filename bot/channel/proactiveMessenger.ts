// Proactive messages through the Bot Framework: into the conversation each user last talked to the
// bot in (the reference is recorded on every turn of a known user and kept in DATA_DIR).
import { MessageFactory, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Logger } from '../logger.js';
import { copyJson } from '../core/json.js';
import type { ConversationReferences, OutgoingMessage, Proactive } from '../core/ports/proactive.js';
import { forChannel, type CardAttachment } from '../../cards/renderer.js';
import { isSharedConversation } from './sharedConversation.js';

export type ContinueConversation = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/**
 * The reference of the conversation an activity belongs to, as stored data. The id of the activity
 * is left out: it changes every turn, and keeping it would rewrite the stored reference each time.
 */
/** The conversation reference of a turn, kept as data; with the language the assistant spoke in it, when known. */
export function referenceOf(activity: Partial<Activity>, language?: string): Record<string, unknown> {
  const { activityId: _perTurn, ...reference } = TurnContext.getConversationReference(activity);
  return { ...(copyJson(reference) as Record<string, unknown>), ...(language === undefined ? {} : { assistantLanguage: language }) };
}

export class ProactiveMessenger implements Proactive {
  constructor(
    private readonly references: ConversationReferences,
    private readonly continueIn: ContinueConversation,
    private readonly logger: Logger,
    /** The bot's public origin, where Teams fetches the cards' avatar PNGs. */
    private readonly imageOrigin: () => string | undefined = () => undefined,
  ) {}

  async languageOf(userId: string): Promise<string | undefined> {
    const language = (await this.references.get(userId))?.assistantLanguage;
    return typeof language === 'string' ? language : undefined;
  }

  async send(userId: string, messages: readonly OutgoingMessage[]): Promise<boolean> {
    const reference = await this.references.get(userId);
    // A reference kept before group chats were told apart may be a group's: nothing personal goes there.
    if (!reference || isSharedConversation(reference)) return false;
    // The adapter hands a failure inside the callback to its turn error handler, not back here: it is caught in the callback.
    let failed: unknown;
    try {
      // Cards in the channel's action model, as in a turn: on Teams, Action.Execute and PNG avatars.
      const audience = { channelId: typeof reference.channelId === 'string' ? reference.channelId : '', imageOrigin: this.imageOrigin() };
      await this.continueIn(reference, async (context) => {
        try {
          for (const m of messages) {
            const attachment = m.attachment?.contentType === 'application/vnd.microsoft.card.adaptive' ? forChannel(m.attachment as CardAttachment, audience) : m.attachment;
            const activity = attachment ? MessageFactory.attachment(attachment, m.text) : MessageFactory.text(m.text ?? '', m.text);
            await context.sendActivity(m.locale === undefined ? activity : { ...activity, locale: m.locale });
          }
        } catch (error) {
          failed = error;
        }
      });
    } catch (error) {
      failed = error;
    }
    if (failed === undefined) return true;
    // The conversation may be gone (a web chat closed, a server restarted); the ticket itself is safe.
    this.logger.warn('proactive message not delivered', { userId, error: failed instanceof Error ? failed.message : 'not delivered' });
    return false;
  }
}
