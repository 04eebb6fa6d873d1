// The root dialog: routes each turn to the goal asked for, by intent or by card action, and answers
// what no goal dialog owns (help, cancel with nothing to cancel, not understood, not signed in).
import { maxMessageLength } from '../bot/turn/turnInfo.js';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { cardVerbs } from '../cards/cardVerbs.js';
import { goalFor } from '../bot/core/goals.js';
import { isGoalIntent, type GoalIntent } from '../bot/core/goals.js';
import { turnInfo } from '../bot/turn/turnInfo.js';
import type { AccountServices } from '../bot/core/usecases/services.js';
import { AuditViewDialog } from './goals/auditViewDialog.js';
import { DevicesDisableDialog } from './goals/devicesDisableDialog.js';
import { DevicesViewDialog } from './goals/devicesViewDialog.js';
import { OrganizationsLeaveDialog } from './goals/organizationsLeaveDialog.js';
import { OrganizationsViewDialog } from './goals/organizationsViewDialog.js';
import { SignInsViewDialog } from './goals/signInsViewDialog.js';
import { SignOutEverywhereDialog } from './goals/signOutEverywhereDialog.js';
import { TermsOfUseDialog } from './goals/termsOfUseDialog.js';
import { dialogIds } from './dialogIds.js';
import { InterruptibleDialog } from './interruptibleDialog.js';
import { PasswordChangeDialog } from './goals/passwordChangeDialog.js';
import { PasswordResetDialog } from './goals/passwordResetDialog.js';
import { ProfileDialog } from './goals/profileDialog.js';
import { HelpdeskTicketDialog, type HandoffOptions } from './goals/helpdeskTicketDialog.js';
import { sendMenu, sendSignInRequired } from './replies.js';
import { TicketStatusDialog } from './goals/ticketStatusDialog.js';
import { AgentTicketDialog, type AgentTicketOptions } from './steps/agentTicketDialog.js';
import { TaskDialog, type TaskOptions } from './steps/taskDialog.js';
import { SecurityInfoAddDialog } from './goals/securityInfoAddDialog.js';
import { SecurityInfoDefaultDialog } from './goals/securityInfoDefaultDialog.js';
import { SecurityInfoRemoveDialog } from './goals/securityInfoRemoveDialog.js';
import { SecurityInfoViewDialog } from './goals/securityInfoViewDialog.js';

/** How sure the recognizer must be before words in the middle of a goal start another one. */
const switchThreshold = 0.7;

/** The goal dialogs, by the intent they carry out. */
const goalDialogs: Record<GoalIntent, string> = {
  'profile.view': dialogIds.profile,
  'password.change': dialogIds.passwordChange,
  'password.reset': dialogIds.passwordReset,
  'securityinfo.view': dialogIds.securityInfoView,
  'securityinfo.add': dialogIds.securityInfoAdd,
  'securityinfo.remove': dialogIds.securityInfoRemove,
  'securityinfo.default': dialogIds.securityInfoDefault,
  'devices.view': dialogIds.devicesView,
  'devices.disable': dialogIds.devicesDisable,
  'organizations.view': dialogIds.organizationsView,
  'organizations.leave': dialogIds.organizationsLeave,
  'termsofuse.review': dialogIds.termsOfUse,
  'signout.everywhere': dialogIds.signOut,
  'signins.view': dialogIds.signInsView,
  'helpdesk.ticket': dialogIds.helpdeskTicket,
  'ticket.status': dialogIds.ticketStatus,
  'audit.view': dialogIds.auditView,
};

export class RootDialog extends InterruptibleDialog {
  private readonly directory;
  private readonly clock;

  constructor(services: AccountServices) {
    super(dialogIds.root);
    this.directory = services.directory;
    this.addDialog(new ProfileDialog(services.directory));
    this.addDialog(new PasswordChangeDialog(services));
    this.addDialog(new PasswordResetDialog(services));
    this.addDialog(new SecurityInfoViewDialog(services));
    this.addDialog(new SecurityInfoAddDialog(services));
    this.addDialog(new SecurityInfoRemoveDialog(services));
    this.addDialog(new SecurityInfoDefaultDialog(services));
    this.addDialog(new DevicesViewDialog(services));
    this.addDialog(new DevicesDisableDialog(services));
    this.addDialog(new OrganizationsViewDialog(services));
    this.addDialog(new OrganizationsLeaveDialog(services));
    this.addDialog(new TermsOfUseDialog(services));
    this.addDialog(new SignOutEverywhereDialog(services));
    this.addDialog(new SignInsViewDialog(services));
    this.addDialog(new AuditViewDialog(services));
    this.addDialog(new HelpdeskTicketDialog(services));
    this.addDialog(new TicketStatusDialog(services));
    this.addDialog(new AgentTicketDialog(services));
    this.addDialog(new TaskDialog(services));
    this.clock = services.clock;
  }

  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.route(innerDc);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const info = turnInfo(innerDc.context);
    // A click on a menu button or a new goal card switches to that goal, whatever was going on.
    if (info.cardAction?.verb === cardVerbs.startGoal || info.cardAction?.verb === cardVerbs.ticketAction) {
      await innerDc.cancelAllDialogs();
      return this.route(innerDc);
    }
    // Asking in words for another goal leaves the current one (nothing of it was changed yet).
    const intent = info.recognition?.intent;
    if (intent && isGoalIntent(intent) && (info.recognition?.score ?? 0) >= switchThreshold && !info.inputTooLong && !info.languageSwitch) {
      await innerDc.cancelAllDialogs();
      await innerDc.context.sendActivity(info.t.t('goal.switched'));
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
        return this.startGoal(dc, action.goal, action.target, action.task);
      } else if (action.verb === cardVerbs.ticketAction) {
        return dc.beginDialog(dialogIds.agentTicket, { ticket: action.ticket, act: action.act } satisfies AgentTicketOptions);
      } else if (action.verb === cardVerbs.showMenu) {
        await sendMenu(dc.context, t);
      } else if (action.verb === cardVerbs.reportProfileError) {
        // The profile is managed by the organization: the helpdesk corrects it, with a ticket.
        return dc.beginDialog(dialogIds.helpdeskTicket, { category: 'profile', context: { goal: 'profile.view' } } satisfies HandoffOptions);
      } else {
        // A step of a goal that is no longer going on: an old, replayed or forged card.
        await dc.context.sendActivity(t.t('card.stale'));
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

  private async startGoal(dc: DialogContext, intent: GoalIntent, target?: string, task?: string): Promise<DialogTurnResult> {
    const { identity, t } = turnInfo(dc.context);
    const goal = goalFor(intent);
    if (goal.signIn && identity.kind !== 'user') {
      await sendSignInRequired(dc.context, t);
      return dc.endDialog();
    }
    const dialogId = goalDialogs[intent];
    if (task) {
      // A task the helpdesk sent back: finishing it resolves the ticket.
      return dc.beginDialog(dialogIds.task, { goal: intent, dialogId, ticket: task, target, since: this.clock.now().toISOString() } satisfies TaskOptions);
    }
    return dc.beginDialog(dialogId, target ? { target } : undefined);
  }
}
