// The interruptions, in one place: a message too long to read, a change of language, a question
// about what a word means, cancel and help work the same at any step of any goal, and say the
// right thing when no goal is going on.
// The root dialog asks here first on every turn, so goal dialogs never see them.
import { cardVerbs } from '../cards/cardVerbs.js';
import { maxMessageLength, turnInfo } from '../bot/turn/turnInfo.js';
import { Dialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from './kit.js';
import { sendMenu, sendSuggestions } from './replies.js';
import { cancelledSentence } from './dialogSupport.js';
import { isLanguageAnswerWaiting } from './steps/cardPrompt.js';
import type { GoalIntent } from '../bot/core/goals.js';
import type { SmallTalk } from '../bot/core/nlu/smallTalk.js';
import type { HandoffOptions } from './steps/stepContracts.js';

/** Small talk that, during a goal, points back to the card that waits instead of asking what else to do. */
const waitingWords: ReadonlySet<SmallTalk> = new Set<SmallTalk>(['acknowledgement', 'greeting', 'thanks']);

/**
 * Handles an interruption and returns the turn's result, or undefined to let the turn go on.
 * `dc` is the root's inner context: with a goal on it, the goal is shown again (or cancelled);
 * without one, the root ends after answering.
 */
export async function interrupt(dc: DialogContext): Promise<DialogTurnResult | undefined> {
  const info = turnInfo(dc.context);
  const { t } = info;
  const duringGoal = dc.activeDialog !== undefined;
  if (info.inputTooLong) {
    await dc.context.sendActivity(t.t('input.tooLong', { max: maxMessageLength }));
    return duringGoal ? Dialog.EndOfTurn : dc.endDialog();
  }
  if (info.languageSwitch) {
    await dc.context.sendActivity(t.t('language.switched'));
    if (!duringGoal) return dc.endDialog();
    // The card that waits is shown again in the new language: written again from its strings, or,
    // where it says more than those (an agreement's text), asked again by its dialog, which gets the switch as the card's answer.
    if (isLanguageAnswerWaiting({ dialogStack: dc.stack })) return undefined;
    await dc.repromptDialog();
    return Dialog.EndOfTurn;
  }
  if (info.concept) {
    // "what is an authenticator?": a short explanation; a card that waits still waits, and the answer says so.
    const explained = t.t(`concept.${info.concept}`);
    await dc.context.sendActivity(duringGoal ? `${explained}\n\n${t.t('concept.cardWaits')}` : explained);
    return duringGoal ? Dialog.EndOfTurn : dc.endDialog();
  }
  if (info.smallTalk) {
    // An "ok", a hello or a thanks while a card waits (for something other than yes or no): the card still waits, and the answer says so.
    const said = duringGoal && waitingWords.has(info.smallTalk) ? `smalltalk.${info.smallTalk}DuringGoal` : `smalltalk.${info.smallTalk}`;
    await dc.context.sendActivity(t.t(said));
    // A hello with nothing going on gets three suggestions, not the whole menu.
    if (info.smallTalk === 'greeting' && !duringGoal) await sendSuggestions(dc.context, t);
    // Anger gets a person: the helpdesk form (or, for someone not signed in, its contact) takes over.
    if (info.smallTalk === 'frustration') {
      if (duringGoal) await dc.cancelAllDialogs();
      return dc.beginDialog('helpdesk.ticket' satisfies GoalIntent, { category: 'other' } satisfies HandoffOptions);
    }
    // A greeting or thanks in the middle of a goal leaves it waiting where it was.
    return duringGoal ? Dialog.EndOfTurn : dc.endDialog();
  }
  const intent = info.recognition?.intent;
  if (intent === 'cancel') {
    if (!duringGoal) {
      await dc.context.sendActivity(t.t('cancel.nothing'));
      return dc.endDialog();
    }
    const said = cancelledSentence(dc);
    await dc.cancelAllDialogs();
    await dc.context.sendActivity(said);
    return { status: DialogTurnStatus.cancelled };
  }
  if (intent === 'help' || info.cardAction?.verb === cardVerbs.showMenu) {
    await sendMenu(dc.context, t, duringGoal ? 'menu.introDuringGoal' : 'menu.intro');
    if (!duringGoal) return dc.endDialog();
    await dc.repromptDialog();
    return Dialog.EndOfTurn;
  }
  return undefined;
}
