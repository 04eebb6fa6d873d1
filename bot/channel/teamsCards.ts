// Cards on Teams: Universal Actions. Every card the bot sends in a turn goes out in the channel's
// action model (see forChannel in cards/renderer.ts): on Teams, Action.Execute, PNG avatars and, in
// a conversation others see, one-time buttons for their person only. An Action.Execute arrives as an
// `adaptiveCard/action` invoke: it runs the turn an Action.Submit message runs, and is answered with
// the card to show in place of the one pressed (the answered card, without its buttons) or with a
// short message that leaves it as it is (a stale or replayed card, a menu button).
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { liveCardOnOpenPrompt } from '../../dialogs/steps/cardPrompt.js';
import { cardVerbs } from '../../cards/cardVerbs.js';
import { forChannel, liveView, type CardAttachment, type CardAudience } from '../../cards/renderer.js';
import { cardInvokeAnswer } from '../turn/cardInvoke.js';
import type { TurnInfo } from '../turn/turnInfo.js';
import type { Translator } from '../core/i18n/i18n.js';

const adaptiveCard = 'application/vnd.microsoft.card.adaptive';

const cardResponse = (card: CardAttachment): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: adaptiveCard, value: card.content });
/** An invoke's answer that leaves the card as it is and shows a short message. */
export const invokeMessage = (text: string): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> });

export class TeamsCards {
  constructor(
    private readonly dialogState: StatePropertyAccessor<DialogState>,
    /** The bot's public origin, where Teams fetches the avatar PNGs; without it avatars stay data URIs. */
    private readonly imageOrigin: () => string | undefined = () => undefined,
  ) {}

  /** Who the cards of this turn go to. */
  audience(context: TurnContext, t: Translator | undefined): CardAudience {
    const activity = context.activity;
    const type = activity.conversation?.conversationType;
    const shared = activity.channelId === 'msteams' && (type === 'groupChat' || type === 'channel');
    const userId = activity.from?.id;
    const name = activity.from?.name?.trim();
    return {
      channelId: activity.channelId,
      imageOrigin: this.imageOrigin(),
      ...(shared && userId && t ? { sharedFor: { userId, note: name ? t.t('cards.onlyFor', { name }) : t.t('cards.onlyForAsker') } } : {}),
    };
  }

  /** Puts every card sent in this turn into the channel's action model. */
  adapt(context: TurnContext, translatorOf: (context: TurnContext) => Translator | undefined): void {
    context.onSendActivities(async (ctx, activities, next) => {
      for (const activity of activities) {
        if (activity.type !== 'message' || !activity.attachments?.some((a) => a.contentType === adaptiveCard)) continue;
        const audience = this.audience(ctx, translatorOf(ctx));
        activity.attachments = activity.attachments.map((a) => (a.contentType === adaptiveCard ? forChannel(a as CardAttachment, audience) : a));
      }
      return next();
    });
  }

  /**
   * Answers an Action.Execute. The refresh of a card others see gives its person the live card;
   * any other press runs `converse` (the turn an Action.Submit message runs) and is answered with
   * what the dialogs decided for the card.
   */
  async answer(context: TurnContext, value: AdaptiveCardInvokeValue, info: TurnInfo, converse: () => Promise<void>): Promise<AdaptiveCardInvokeResponse> {
    const { t } = info;
    if (value.action.verb === cardVerbs.refreshCard) {
      const data: unknown = value.action.data;
      const nonce = typeof data === 'object' && data !== null && typeof (data as { nonce?: unknown }).nonce === 'string' ? (data as { nonce: string }).nonce : '';
      const userId = info.identity.kind === 'user' ? info.identity.user.id : undefined;
      const live = nonce === '' ? undefined : liveCardOnOpenPrompt(await this.dialogState.get(context), nonce, userId);
      // A card no longer waiting, or another person's: they keep the card everyone sees.
      return live ? cardResponse(liveView(live, this.audience(context, t))) : invokeMessage(t.t('card.stale'));
    }
    await converse();
    const answer = cardInvokeAnswer(context);
    if (answer?.kind === 'card') return cardResponse(forChannel(answer.card, this.audience(context, t)));
    if (answer?.kind === 'message') return invokeMessage(answer.text);
    // A button that starts something (a goal from the menu): the card stays; the replies follow in the chat.
    return invokeMessage(t.t('cards.seeReplies'));
  }
}
