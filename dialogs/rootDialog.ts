// The root dialog: routes each turn to the goal asked for, by intent or by card action, and answers
// what no goal dialog owns (help, cancel with nothing to cancel, not understood, not signed in).
import { maxMessageLength } from '../bot/turnPreparation.js';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { cardVerbs } from '../bot/cardActions.js';
import { goalFor } from '../bot/goals.js';
import type { GoalIntent } from '../bot/nlu/intents.js';
import type { Directory } from '../bot/ports/directory.js';
import { turnInfo } from '../bot/turnInfo.js';
import { dialogIds } from './dialogIds.js';
import { InterruptibleDialog } from './interruptibleDialog.js';
import { ProfileDialog } from './profileDialog.js';
import { sendHelpdeskContact, sendMenu, sendNotInChat, sendSignInRequired } from './replies.js';

/** The goal dialogs, by the intent they carry out. */
const goalDialogs: Partial<Record<GoalIntent, string>> = {
  'profile.view': dialogIds.profile,
};

export class RootDialog extends InterruptibleDialog {
  constructor(private readonly directory: Directory) {
    super(dialogIds.root);
    this.addDialog(new ProfileDialog(directory));
  }

  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.route(innerDc);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const info = turnInfo(innerDc.context);
    // A click on a menu button or a new goal card switches to that goal, whatever was going on.
    if (info.cardAction?.verb === cardVerbs.startGoal) {
      await innerDc.cancelAllDialogs();
      return this.route(innerDc);
    }
    return super.onContinueDialog(innerDc);
  }

  private async route(dc: DialogContext): Promise<DialogTurnResult> {
    const info = turnInfo(dc.context);
    const { t } = info;
    if (info.inputTooLong) {
      await dc.context.sendActivity(t.t('input.tooLong', { max: maxMessageLength }));
      return dc.endDialog();
    }
    if (info.languageSwitch) {
      await dc.context.sendActivity(t.t('language.switched'));
      return dc.endDialog();
    }
    if (info.isCardSubmission) {
      const action = info.cardAction;
      if (!action) {
        await dc.context.sendActivity(t.t('card.unknown'));
      } else if (action.verb === cardVerbs.startGoal) {
        return this.startGoal(dc, action.goal);
      } else if (action.verb === cardVerbs.showMenu) {
        await sendMenu(dc.context, t);
      } else {
        const tenant = await this.directory.tenant();
        await sendHelpdeskContact(dc.context, t, tenant.helpdesk, 'profile.reportErrorHeading');
      }
      return dc.endDialog();
    }
    const intent = info.recognition?.intent ?? 'None';
    switch (intent) {
      case 'help':
        await sendMenu(dc.context, t);
        return dc.endDialog();
      case 'cancel':
        await dc.context.sendActivity(t.t('cancel.nothing'));
        return dc.endDialog();
      case 'None':
        await sendMenu(dc.context, t, 'none.intro');
        return dc.endDialog();
      default:
        return this.startGoal(dc, intent);
    }
  }

  private async startGoal(dc: DialogContext, intent: GoalIntent): Promise<DialogTurnResult> {
    const { identity, t } = turnInfo(dc.context);
    const goal = goalFor(intent);
    if (goal.requiresSignIn && identity.kind !== 'user') {
      await sendSignInRequired(dc.context, t);
      return dc.endDialog();
    }
    const dialogId = goalDialogs[intent];
    if (!goal.inChat || !dialogId) {
      await sendNotInChat(dc.context, t, intent, (await this.directory.tenant()).helpdesk);
      return dc.endDialog();
    }
    return dc.beginDialog(dialogId);
  }
}
