// The interruptions, in one place: help, cancel and a change of language work at any step of any goal.
import { maxMessageLength } from '../bot/turn/turnInfo.js';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs';
import { cardVerbs } from '../cards/cardVerbs.js';
import { turnInfo } from '../bot/turn/turnInfo.js';
import { sendMenu } from './replies.js';

export abstract class InterruptibleDialog extends ComponentDialog {
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  /** Handles an interruption and returns the turn's result, or undefined to let the step run. */
  protected async interrupt(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const info = turnInfo(dc.context);
    const { t } = info;
    if (info.inputTooLong) {
      await dc.context.sendActivity(t.t('input.tooLong', { max: maxMessageLength }));
      return Dialog.EndOfTurn;
    }
    if (info.languageSwitch) {
      await dc.context.sendActivity(t.t('language.switched'));
      await dc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    const intent = info.recognition?.intent;
    if (intent === 'cancel') {
      await dc.cancelAllDialogs();
      await dc.context.sendActivity(t.t('cancel.done'));
      return { status: DialogTurnStatus.cancelled };
    }
    if (intent === 'help' || info.cardAction?.verb === cardVerbs.showMenu) {
      await sendMenu(dc.context, t, 'menu.introDuringGoal');
      await dc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    return undefined;
  }
}
