// The personal (1:1) chat with a user, for what must not be said in a group chat or a channel: the
// Teams personal chat the user last talked to the bot in, else one the Bot Framework opens (POST
// /v3/conversations with the user as member and the Teams tenant; Teams gives back the existing
// 1:1 chat when there is one).
import type { Activity, ChannelAccount, ConversationParameters, TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ConversationAddress, ConversationReferences } from '../core/ports/proactive.js';
import { referenceOf, type ContinueConversation } from './proactiveMessenger.js';

/** Opens a conversation at the channel's service and runs `logic` in it. */
export type CreateConversation = (serviceUrl: string, parameters: ConversationParameters, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

const teamsChannelId = 'msteams';

/** Whether a stored reference is a Teams personal chat (references kept before group chats were told apart may be a group's). */
function isPersonalTeamsChat(reference: ConversationAddress): boolean {
  const conversation = reference.conversation as { conversationType?: unknown; isGroup?: unknown } | undefined;
  return reference.channelId === teamsChannelId && conversation?.conversationType === 'personal' && conversation.isGroup !== true;
}

/** The Teams tenant of an activity: `channelData.tenant.id`, else `conversation.tenantId`. */
export function teamsTenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof fromChannelData === 'string' && fromChannelData !== '') return fromChannelData;
  const fromConversation = activity.conversation?.tenantId;
  return typeof fromConversation === 'string' && fromConversation !== '' ? fromConversation : undefined;
}

export class PersonalChats {
  constructor(
    private readonly references: ConversationReferences,
    private readonly continueIn: ContinueConversation,
    private readonly createIn: CreateConversation,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs `logic` in the personal chat of the sender of `activity` (a message in a shared
   * conversation), `userId` in the directory when known. False when that chat could not be reached
   * (the app is not installed for the user, the channel refused) or `logic` failed there (its
   * messages did not get through): the group is then told to open the chat itself.
   */
  async continueWith(activity: Partial<Activity>, userId: string | undefined, logic: (context: TurnContext) => Promise<void>): Promise<boolean> {
    // The adapter hands a failure inside the callback to its turn error handler, not back here: it is caught in the callback,
    // so a personal chat whose messages did not get through is said to be unreachable, not "sent you a private message".
    let failed: unknown;
    const run = async (context: TurnContext): Promise<void> => {
      try {
        await logic(context);
      } catch (error) {
        failed = error;
      }
    };
    const delivered = (): boolean => {
      if (failed === undefined) return true;
      this.logger.error('the request could not be carried on in the personal chat', { userId, error: failed });
      return false;
    };
    try {
      const stored = userId === undefined ? undefined : await this.references.get(userId);
      if (stored && isPersonalTeamsChat(stored)) {
        await this.continueIn(stored, run);
        return delivered();
      }
      if (activity.channelId !== teamsChannelId || !activity.serviceUrl || !activity.from?.id || !activity.recipient?.id) return false;
      const tenantId = teamsTenantOf(activity);
      const member: ChannelAccount = { id: activity.from.id, name: activity.from.name ?? '', ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}) };
      const parameters: ConversationParameters = {
        isGroup: false,
        bot: { id: activity.recipient.id, name: activity.recipient.name ?? '' },
        members: [member],
        ...(tenantId ? { tenantId } : {}),
        channelData: tenantId ? { tenant: { id: tenantId } } : {},
      };
      await this.createIn(activity.serviceUrl, parameters, async (context) => {
        // The activity the adapter makes for a new conversation names neither the user nor the kind of chat.
        context.activity.from = member;
        context.activity.conversation = { ...context.activity.conversation, conversationType: 'personal', isGroup: false };
        if (userId !== undefined) await this.references.save(userId, referenceOf(context.activity));
        await run(context);
      });
      return delivered();
    } catch (error) {
      this.logger.warn('personal chat not reached', { userId, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }
}
