// signins.view: recent sign-ins (time, app, place, device, browser, result), unusual ones marked
// (a failure, a new country). "This wasn't me" starts the guided path: sign out everywhere, change
// the password, and the helpdesk.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { localeTag, type Translator } from '../../bot/core/i18n/i18n.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { recentSignIns, type SignInView } from '../../bot/core/usecases/account.js';
import { signOutEverywhere } from '../../bot/core/usecases/passwords.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { formCard, startsGoal } from '../../cards/formCard.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { dialogIds } from '../dialogIds.js';
import { actorFor, answerOf, askWithCard, endCancelled, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { PasswordChangeDialog } from './passwordChangeDialog.js';
import { HelpdeskTicketDialog, type HandoffOptions } from './helpdeskTicketDialog.js';

const notMe = 'notMe';

function place(t: Translator, view: SignInView): string {
  const { city, countryOrRegion } = view.signIn.location ?? {};
  let country = countryOrRegion;
  try {
    if (countryOrRegion) country = new Intl.DisplayNames([localeTag(t.locale)], { type: 'region' }).of(countryOrRegion) ?? countryOrRegion;
  } catch {
    // Not a region code: show it as it is.
  }
  return [city, country].filter(Boolean).join(', ');
}

function signInLine(t: Translator, view: SignInView, now: Date): string {
  const s = view.signIn;
  const device = [s.deviceDetail?.displayName, s.deviceDetail?.operatingSystem, s.deviceDetail?.browser].filter(Boolean).join(', ');
  const result = s.status.errorCode === 0 ? t.t('signins.success') : t.t('signins.failure', { reason: s.status.failureReason ?? String(s.status.errorCode) });
  return [`${t.dateTime(s.createdDateTime)} (${t.relative(s.createdDateTime, now)})`, place(t, view), device, result].filter(Boolean).join(' · ');
}

export class SignInsViewDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.signInsView);
    this.addDialog(new WaterfallDialog(dialogIds.signInsViewSteps, [this.show.bind(this), this.secure.bind(this), this.changePassword.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.addDialog(new PasswordChangeDialog(services));
    this.addDialog(new HelpdeskTicketDialog(services));
    this.initialDialogId = dialogIds.signInsViewSteps;
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    if ((step.options as { target?: string } | undefined)?.target === notMe) return this.offerSteps(step);
    const views = await recentSignIns(this.services, userId);
    if (views.length === 0) {
      await step.context.sendActivity(t.t('signins.none'));
      return step.endDialog();
    }
    const now = this.services.clock.now();
    const unusual = views.filter((v) => v.unusual).length;
    const card = formCard({
      heading: t.t('signins.heading'),
      lines: [{ text: unusual > 0 ? t.t('signins.unusualIntro', { count: unusual }) : t.t('signins.intro', { count: views.length }), warning: unusual > 0 }],
      items: views.map((v) => ({
        title: v.signIn.appDisplayName ?? t.t('signins.unknownApp'),
        subtitle: signInLine(t, v, now),
        badge: v.reason ? t.t(`signins.unusual.${v.reason}`) : '',
      })),
      buttons: [{ title: t.t('signins.notMe'), action: 'signins.view', style: 'destructive', values: { target: notMe } }],
      footer: t.t('signins.footer'),
    }, startsGoal);
    await step.context.sendActivity(MessageFactory.attachment(card, unusual > 0 ? t.t('signins.unusualIntro', { count: unusual }) : t.t('signins.intro', { count: views.length })));
    return step.endDialog();
  }

  /** "This wasn't me": the steps that protect the account, chosen in one card. */
  private async offerSteps(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    return askWithCard(step, {
      form: {
        heading: t.t('signins.secureHeading'),
        lines: [{ text: t.t('signins.secureIntro') }],
        inputs: [
          { kind: 'toggle', id: 'signOut', label: t.t('signins.step.signOut') },
          { kind: 'toggle', id: 'changePassword', label: t.t('signins.step.changePassword') },
          { kind: 'toggle', id: 'helpdesk', label: t.t('signins.step.helpdesk') },
        ],
        buttons: [{ title: t.t('common.continue'), action: 'secure', style: 'positive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async secure(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const answer = answerOf(step);
    const userId = signedInUserId(step.context) ?? '';
    if (answer.action !== 'secure') return endCancelled(step);
    (step.values as { changePassword?: boolean }).changePassword = answer.fields.changePassword === 'true';
    if (answer.fields.signOut === 'true') {
      await step.context.sendActivity(t.t((await signOutEverywhere(this.services, actorFor(step.context, userId))) ? 'signout.done' : 'identity.unknownUser'));
    }
    if (answer.fields.helpdesk === 'true') {
      return step.beginDialog(dialogIds.helpdeskTicket, { category: 'other', context: { goal: 'signins.view', step: 'notMe' } } satisfies HandoffOptions);
    }
    return step.next();
  }

  private async changePassword(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.values as { changePassword?: boolean }).changePassword) return step.beginDialog(dialogIds.passwordChange);
    return step.endDialog();
  }
}
