// Proactive messages through the Bot Framework: into the conversation each user last talked to the
// bot in (the reference is recorded on every turn of a known user and kept in DATA_DIR).
import { MessageFactory, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ConversationReferences, OutgoingMessage, Proactive } from '../core/ports/proactive.js';
import { isSharedConversation } from './sharedConversation.js';

export type ContinueConversation = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/**
 * The reference of the conversation an activity belongs to, as stored data. The id of the activity
 * is left out: it changes every turn, and keeping it would rewrite the stored reference each time.
 */
export function referenceOf(activity: Partial<Activity>): Record<string, unknown> {
  const { activityId: _perTurn, ...reference } = TurnContext.getConversationReference(activity);
  return JSON.parse(JSON.stringify(reference)) as Record<string, unknown>;
}

export class ProactiveMessenger implements Proactive {
  constructor(private readonly references: ConversationReferences, private readonly continueIn: ContinueConversation, private readonly logger: Logger) {}

  async send(userId: string, messages: readonly OutgoingMessage[]): Promise<boolean> {
    const reference = await this.references.get(userId);
    // A reference kept before group chats were told apart may be a group's: nothing personal goes there.
    if (!reference || isSharedConversation(reference)) return false;
    try {
      await this.continueIn(reference, async (context) => {
        for (const m of messages) {
          await context.sendActivity(m.attachment ? MessageFactory.attachment(m.attachment, m.text) : MessageFactory.text(m.text ?? '', m.text));
        }
      });
      return true;
    } catch (error) {
      // The conversation may be gone (a web chat closed, a server restarted); the ticket itself is safe.
      this.logger.warn('proactive message not delivered', { userId, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }
}
