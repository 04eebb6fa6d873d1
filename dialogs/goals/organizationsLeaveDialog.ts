// organizations.leave: guest organizations only (the home one is explained, never offered); one that
// does not allow leaving is explained and a request to its administrators is drafted; otherwise a
// check with a sign-in method, then confirmation.
import { objectsNamed } from '../../bot/core/nlu/entities.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { leaveConfirmForm, leavePickForm } from '../../cards/organizationCards.js';
import { dialogIds } from '../dialogIds.js';
import { GoalDialog, type GoalOptions } from '../goalDialog.js';
import type { DialogTurnResult, WaterfallStepContext } from '../kit.js';
import type { OfferOptions } from '../steps/stepContracts.js';
import { verificationSteps } from '../steps/verificationSteps.js';

interface LeaveMemory {
  tenantId: string;
}
type LeaveStep = WaterfallStepContext<GoalOptions>;

export class OrganizationsLeaveDialog extends GoalDialog {
  constructor(useCases: UseCases) {
    super('organizations.leave', useCases, verificationSteps(useCases));
    this.steps([this.pick, this.checkAndVerify, this.confirm, this.leave]);
  }

  private readonly pick = async (step: LeaveStep): Promise<DialogTurnResult> => {
    const list = await this.useCases.organizations.list(this.signedIn(step).id);
    const home = list.find((o) => o.isHome);
    const guests = list.filter((o) => !o.isHome);
    if (guests.length === 0) {
      await this.say(step, 'organizations.nothingToLeave', { home: home?.displayName ?? '' });
      return step.endDialog();
    }
    if (step.options.target) return step.next({ action: 'choose', fields: { tenantId: step.options.target } });
    // An organization named in the message ("leave Fabrikam") goes through the same checks; the home one is explained there.
    const [named, ...others] = objectsNamed(this.saidText(step), list, (o) => o.displayName, { leadingWord: true });
    if (named && others.length === 0) return step.next({ action: 'choose', fields: { tenantId: named.tenantId } });
    return this.ask(step, leavePickForm(this.t(step), guests, home));
  };

  private readonly checkAndVerify = async (step: LeaveStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    if (answer.action !== 'choose') return this.cancelled(step);
    const user = this.signedIn(step);
    const leavable = await this.useCases.organizations.leavable(user.id, answer.fields.tenantId);
    if (!leavable.ok) {
      const org = leavable.organization;
      if (leavable.error === 'notFound' || !org) return this.askAgainAfterRefusedChoice(step);
      if (leavable.error === 'homeOrganization') {
        await this.say(step, 'organizations.homeExplained', { home: org.displayName });
        return step.endDialog();
      }
      return step.replaceDialog(dialogIds.handoffOffer, {
        headingKey: 'organizations.notAllowed',
        params: { organization: org.displayName, account: user.userPrincipalName },
        lineKeys: ['organizations.draftIntro', 'organizations.draft', 'organizations.orHelpdesk'],
        handoff: {
          category: this.ticketCategory,
          context: { goal: this.goal, step: 'leaveNotAllowed', objects: [{ kind: 'organization', id: org.tenantId, label: org.displayName }] },
          suggestion: { key: 'organizations.ticketDescription', params: { organization: org.displayName } },
        },
      } satisfies OfferOptions);
    }
    this.memory<LeaveMemory>(step).tenantId = leavable.value.tenantId;
    return this.verify(step, 'organizations.verifyReason');
  };

  private readonly confirm = async (step: LeaveStep): Promise<DialogTurnResult> => {
    return this.whenVerified(step, async () => {
      const leavable = await this.useCases.organizations.leavable(this.signedIn(step).id, this.memory<LeaveMemory>(step).tenantId);
      if (!leavable.ok) return step.endDialog();
      return this.ask(step, leaveConfirmForm(this.t(step), leavable.value));
    });
  };

  private readonly leave = async (step: LeaveStep): Promise<DialogTurnResult> => {
    if (this.answer(step).action !== 'leave') return this.cancelled(step);
    const user = this.signedIn(step);
    const tenantId = this.memory<LeaveMemory>(step).tenantId ?? '';
    const org = (await this.useCases.organizations.list(user.id)).find((o) => o.tenantId === tenantId);
    const outcome = await this.useCases.organizations.leave(this.actor(step, user.id), tenantId);
    await this.say(step, outcome.ok ? 'organizations.left' : 'card.notYours', { organization: org?.displayName ?? '' });
    return step.endDialog();
  };
}
