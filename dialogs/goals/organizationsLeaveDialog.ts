// organizations.leave: guest organizations only (the home one is explained, never offered); one that
// does not allow leaving is explained and a request to its administrators is drafted; otherwise a
// check with a sign-in method, then confirmation.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Organization } from '../../bot/core/ports/directory.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { leaveOrganization, organizations } from '../../bot/core/usecases/account.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { dialogIds } from '../dialogIds.js';
import { HandoffOfferDialog, noMethodOffer, type OfferOptions } from '../steps/handoffOfferDialog.js';
import { actorFor, answerOf, askWithCard, endCancelled, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { StepUpDialog, type StepUpResult } from '../steps/stepUpDialog.js';

interface LeaveValues {
  tenantId?: string;
}
const values = (step: WaterfallStepContext): LeaveValues => step.values;

export class OrganizationsLeaveDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.organizationsLeave);
    this.addDialog(new WaterfallDialog(dialogIds.organizationsLeaveSteps, [
      this.pick.bind(this), this.checkAndVerify.bind(this), this.confirm.bind(this), this.leave.bind(this),
    ]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.addDialog(new StepUpDialog(services));
    for (const dialog of HandoffOfferDialog.companions(services)) this.addDialog(dialog);
    this.initialDialogId = dialogIds.organizationsLeaveSteps;
  }

  private async pick(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const list = await organizations(this.services, userId);
    const home = list.find((o) => o.isHome);
    const guests = list.filter((o) => !o.isHome);
    if (guests.length === 0) {
      await step.context.sendActivity(t.t('organizations.nothingToLeave', { home: home?.displayName ?? '' }));
      return step.endDialog();
    }
    const target = (step.options as { target?: string } | undefined)?.target;
    if (target) return step.next({ action: 'choose', fields: { tenantId: target } });
    return askWithCard(step, {
      form: {
        heading: t.t('organizations.leaveHeading'),
        lines: [{ text: t.t('organizations.leavePick') }, ...(home ? [{ text: t.t('organizations.homeExplained', { home: home.displayName }) }] : [])],
        items: guests.map((o) => ({ title: o.displayName, subtitle: o.defaultDomain, buttons: [{ title: t.t('organizations.leaveButton', { organization: o.displayName }), action: 'choose', values: { tenantId: o.tenantId } }] })),
        buttons: [{ title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async checkAndVerify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, identity } = turnInfo(step.context);
    const answer = answerOf(step);
    const userId = signedInUserId(step.context) ?? '';
    if (answer.action !== 'choose') return endCancelled(step);
    const org = (await organizations(this.services, userId)).find((o) => o.tenantId === answer.fields.tenantId);
    if (!org) {
      await step.context.sendActivity(t.t('card.notYours'));
      return step.endDialog();
    }
    if (org.isHome) {
      await step.context.sendActivity(t.t('organizations.homeExplained', { home: org.displayName }));
      return step.endDialog();
    }
    if (!org.allowsSelfLeave) {
      const upn = identity.kind === 'user' ? identity.user.userPrincipalName : '';
      return step.replaceDialog(dialogIds.handoffOffer, {
        headingKey: 'organizations.notAllowed',
        params: { organization: org.displayName, account: upn },
        lineKeys: ['organizations.draftIntro', 'organizations.draft', 'organizations.orHelpdesk'],
        handoff: { category: 'organization', context: { goal: 'organizations.leave', step: 'leaveNotAllowed', objects: [{ kind: 'organization', id: org.tenantId, label: org.displayName }] } },
      } satisfies OfferOptions);
    }
    values(step).tenantId = org.tenantId;
    return step.beginDialog(dialogIds.stepUp, { userId, purpose: 'stepUp', reasonKey: 'organizations.verifyReason' });
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const result = step.result as StepUpResult;
    if (!result.verified) {
      if (result.reason === 'cancelled') return endCancelled(step);
      if (result.reason === 'noMethod') return step.replaceDialog(dialogIds.handoffOffer, noMethodOffer('organizations.leave'));
      return step.endDialog();
    }
    const org = await this.organization(step);
    if (!org) return step.endDialog();
    return askWithCard(step, {
      form: {
        heading: t.t('organizations.confirmHeading', { organization: org.displayName }),
        lines: [{ text: t.t('organizations.confirm', { organization: org.displayName }), warning: true }],
        buttons: [{ title: t.t('organizations.leaveNow'), action: 'leave', style: 'destructive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async leave(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    if (answerOf(step).action !== 'leave') return endCancelled(step);
    const org = await this.organization(step);
    const outcome = await leaveOrganization(this.services, actorFor(step.context, signedInUserId(step.context) ?? ''), values(step).tenantId ?? '');
    await step.context.sendActivity(outcome.ok ? t.t('organizations.left', { organization: org?.displayName ?? '' }) : t.t('card.notYours'));
    return step.endDialog();
  }

  private async organization(step: WaterfallStepContext): Promise<Organization | undefined> {
    return (await organizations(this.services, signedInUserId(step.context) ?? '')).find((o) => o.tenantId === values(step).tenantId);
  }
}
