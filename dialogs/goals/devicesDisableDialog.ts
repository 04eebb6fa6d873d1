// devices.disable: pick a device, confirm (the user cannot undo it; an administrator must re-enable
// it). When the device was lost or stolen, the same card offers the related steps: sign out
// everywhere, remove the Authenticator registered on it (after a check with another method), and
// the helpdesk. Each chosen step is done and reported.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { AuthenticationMethod, Device } from '../../bot/core/ports/directory.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { activeDevices, disableDevice } from '../../bot/core/usecases/account.js';
import { defaultOptions, removalNeedsNewDefault } from '../../bot/core/usecases/methods.js';
import { signOutEverywhere } from '../../bot/core/usecases/passwords.js';
import { removeMethod } from '../../bot/core/usecases/securityInfo.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import type { FormInput } from '../../cards/formCard.js';
import { methodLabel } from '../../cards/methodLabels.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { deviceLine } from './devicesViewDialog.js';
import { dialogIds } from '../dialogIds.js';
import { actorFor, answerOf, askWithCard, endCancelled, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { HelpdeskTicketDialog, type HandoffOptions } from './helpdeskTicketDialog.js';
import { StepUpDialog, type StepUpResult } from '../steps/stepUpDialog.js';

/** Words that say a device was lost or stolen, in the four languages. */
const lostWords = /(?<!\p{L})(lost|lose|stolen|missing|perdu|perdue|vol[ée]e?|disparu|kwijt|verloren|gestolen|vermist|borttappad|tappat|tappade|förlorat|stulen|stulits|saknas)(?!\p{L})/iu;

interface DisableValues {
  lost?: boolean;
  deviceId?: string;
  signOut?: boolean;
  ticket?: boolean;
  authenticatorId?: string;
}
const values = (step: WaterfallStepContext): DisableValues => step.values;

/** The Authenticator registration on that device, matched by name. */
const authenticatorOn = (device: Device, methods: readonly AuthenticationMethod[]): AuthenticationMethod | undefined =>
  methods.find((m) => m.kind === 'microsoftAuthenticator' && m.displayName?.trim().toLowerCase() === device.displayName.trim().toLowerCase());

export class DevicesDisableDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.devicesDisable);
    this.addDialog(new WaterfallDialog(dialogIds.devicesDisableSteps, [
      this.pickDevice.bind(this), this.confirm.bind(this), this.verifyIfNeeded.bind(this), this.carryOut.bind(this),
    ]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.addDialog(new StepUpDialog(services));
    this.addDialog(new HelpdeskTicketDialog(services));
    this.initialDialogId = dialogIds.devicesDisableSteps;
  }

  private async pickDevice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const target = (step.options as { target?: string } | undefined)?.target;
    values(step).lost = target === 'lost' || lostWords.test(step.context.activity.text ?? '');
    const devices = await activeDevices(this.services, userId);
    if (devices.length === 0) {
      await step.context.sendActivity(t.t('devices.none'));
      return step.endDialog();
    }
    if (target && target !== 'lost') return step.next({ action: 'choose', fields: { deviceId: target } });
    const now = this.services.clock.now();
    return askWithCard(step, {
      form: {
        heading: t.t(values(step).lost ? 'devices.lostHeading' : 'devices.disableHeading'),
        lines: [{ text: t.t(values(step).lost ? 'devices.lostPick' : 'devices.disablePick') }],
        items: devices.map((d) => ({ title: d.displayName, subtitle: deviceLine(t, d, now), buttons: [{ title: t.t('devices.thisOne', { device: d.displayName }), action: 'choose', values: { deviceId: d.id } }] })),
        buttons: [{ title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const answer = answerOf(step);
    const userId = signedInUserId(step.context) ?? '';
    if (answer.action !== 'choose') return endCancelled(step);
    const device = (await activeDevices(this.services, userId)).find((d) => d.id === answer.fields.deviceId);
    if (!device) {
      await step.context.sendActivity(t.t('card.notYours'));
      return step.endDialog();
    }
    values(step).deviceId = device.id;
    const inputs: FormInput[] = [];
    if (values(step).lost) {
      inputs.push({ kind: 'toggle', id: 'signOut', label: t.t('devices.lost.signOut') });
      const authenticator = authenticatorOn(device, await this.services.directory.listAuthenticationMethods(userId));
      if (authenticator) inputs.push({ kind: 'toggle', id: 'removeAuthenticator', label: t.t('devices.lost.removeAuthenticator', { method: methodLabel(t, authenticator) }) });
      inputs.push({ kind: 'toggle', id: 'ticket', label: t.t('devices.lost.helpdesk') });
    }
    return askWithCard(step, {
      form: {
        heading: t.t('devices.confirmHeading', { device: device.displayName }),
        lines: [
          { text: t.t('devices.cannotUndo'), warning: true },
          { text: t.t('devices.whatItDoes') },
          ...(values(step).lost ? [{ text: t.t('devices.lost.intro') }] : []),
        ],
        inputs,
        buttons: [{ title: t.t('devices.disableNow'), action: 'disable', style: 'destructive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async verifyIfNeeded(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = answerOf(step);
    const userId = signedInUserId(step.context) ?? '';
    if (answer.action !== 'disable') return endCancelled(step);
    const v = values(step);
    v.signOut = answer.fields.signOut === 'true';
    v.ticket = answer.fields.ticket === 'true';
    const device = (await activeDevices(this.services, userId)).find((d) => d.id === v.deviceId);
    const authenticator = device && authenticatorOn(device, await this.services.directory.listAuthenticationMethods(userId));
    if (!authenticator || answer.fields.removeAuthenticator !== 'true') return step.next({ skipped: true });
    v.authenticatorId = authenticator.id;
    // Removing a sign-in method needs a check with another one, as everywhere else.
    return step.beginDialog(dialogIds.stepUp, { userId, purpose: 'stepUp', excludeMethodIds: [authenticator.id], reasonKey: 'devices.lost.verifyReason' });
  }

  private async carryOut(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context) ?? '';
    const actor = actorFor(step.context, userId);
    const v = values(step);
    const check = step.result as StepUpResult | { skipped: true };
    // Stopping at the check stops everything: nothing was changed yet.
    if ('verified' in check && !check.verified && check.reason === 'cancelled') return endCancelled(step);
    const verified = 'verified' in check && check.verified;
    const report: string[] = [];
    const disabled = await disableDevice(this.services, actor, v.deviceId ?? '');
    report.push(disabled.ok ? t.t('devices.done.disabled', { device: disabled.device.displayName }) : t.t('devices.done.notDisabled'));
    if (v.signOut) report.push(t.t((await signOutEverywhere(this.services, actor)) ? 'devices.done.signedOut' : 'devices.done.notSignedOut'));
    if (v.authenticatorId) {
      if (verified) {
        const methods = await this.services.directory.listAuthenticationMethods(userId);
        const method = methods.find((m) => m.id === v.authenticatorId);
        const preference = (await this.services.directory.getSignInPreferences(userId))?.userPreferredMethodForSecondaryAuthentication ?? 'none';
        const next = method && removalNeedsNewDefault(method, methods, preference) ? defaultOptions(methods.filter((m) => m.id !== method.id))[0]?.preference : undefined;
        const removed = await removeMethod(this.services, actor, v.authenticatorId, next);
        report.push(t.t(removed.ok ? 'devices.done.authenticatorRemoved' : 'devices.done.authenticatorKept'));
      } else {
        report.push(t.t('devices.done.authenticatorKept'));
      }
    }
    await step.context.sendActivity(MessageFactory.attachment(noticeCard(t.t('devices.done.heading'), report), undefined, report[0]));
    if (!v.ticket || !disabled.ok) return step.endDialog();
    // The helpdesk gets a ticket with the device and what was done already.
    return step.beginDialog(dialogIds.helpdeskTicket, {
      category: 'device',
      context: { goal: 'devices.disable', step: 'lostDevice', objects: [{ kind: 'device', id: disabled.device.id, label: disabled.device.displayName }] },
    } satisfies HandoffOptions);
  }
}
