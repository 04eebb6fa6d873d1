// devices.disable: pick a device, confirm (the user cannot undo it; an administrator must re-enable
// it). When the device was lost or stolen, the same card offers the related steps: sign out
// everywhere, remove the Authenticator registered on it (after a check with another method, and
// with a new default when the default relied on it), and the helpdesk. Each chosen step is done and
// reported.
import { objectsNamed } from '../../bot/core/nlu/entities.js';
import { deviceKindIn, saysDeviceLost } from '../../bot/core/nlu/lostDevice.js';
import type { PreferredSecondaryMethod } from '../../bot/core/ports/directory.js';
import { deviceKindOf } from '../../bot/core/usecases/devices.js';
import type { LostDeviceReport } from '../../bot/core/usecases/lostDevice.js';
import { isPreferredSecondaryMethod } from '../../bot/core/usecases/methods.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { disableDeviceForm, lostDeviceReportCard, lostDeviceTarget, pickDeviceForm } from '../../cards/deviceCards.js';
import type { Translator } from '../../bot/core/i18n/i18n.js';
import { preferenceLabel } from '../../bot/core/i18n/methodNames.js';
import { noteChangeMade } from '../dialogSupport.js';
import { GoalDialog, type GoalOptions } from '../goalDialog.js';
import { MessageFactory, type DialogTurnResult, type WaterfallStepContext } from '../kit.js';
import { HelpdeskTicketDialog } from './helpdeskTicketDialog.js';
import { stepUpResultOf, type HandoffOptions } from '../steps/stepContracts.js';
import { StepUpDialog } from '../steps/stepUpDialog.js';

interface DisableMemory {
  lost: boolean;
  deviceId: string;
  signOut: boolean;
  ticket: boolean;
  removeAuthenticator: boolean;
  newDefault: PreferredSecondaryMethod;
}
type DisableStep = WaterfallStepContext<GoalOptions>;

/** One line per step asked for: what was done, or that it wasn't. */
function reportLines(t: Translator, report: LostDeviceReport): string[] {
  const lines = [report.disabled ? t.t('devices.done.disabled', { device: report.disabled.displayName }) : t.t('devices.done.notDisabled')];
  if (report.signedOut !== undefined) lines.push(t.t(report.signedOut ? 'devices.done.signedOut' : 'devices.done.notSignedOut'));
  if (report.authenticator) lines.push(t.t(report.authenticator === 'removed' ? 'devices.done.authenticatorRemoved' : 'devices.done.authenticatorKept'));
  if (report.newDefault) lines.push(t.t('devices.done.newDefault', { method: preferenceLabel(t, report.newDefault.preference, report.newDefault.method) }));
  return lines;
}

export class DevicesDisableDialog extends GoalDialog {
  constructor(useCases: UseCases) {
    super('devices.disable', useCases, [new StepUpDialog(useCases), new HelpdeskTicketDialog(useCases)]);
    this.steps([this.pickDevice, this.confirm, this.verifyIfNeeded, this.carryOut]);
  }

  private readonly pickDevice = async (step: DisableStep): Promise<DialogTurnResult> => {
    const target = step.options.target;
    const memory = this.memory<DisableMemory>(step);
    const said = target && target !== lostDeviceTarget ? '' : this.saidText(step);
    memory.lost = target === lostDeviceTarget || saysDeviceLost(said);
    const devices = await this.useCases.devices.active(this.signedIn(step).id);
    if (devices.length === 0) {
      await this.say(step, 'devices.none');
      return step.endDialog();
    }
    if (target && target !== lostDeviceTarget) return step.next({ action: 'choose', fields: { deviceId: target } });
    // A device named in the message ("disable CON-LT-0142") is chosen as if from the card, and checked the same way.
    const [named, ...others] = objectsNamed(said, devices, (d) => d.displayName);
    if (named && others.length === 0) return step.next({ action: 'choose', fields: { deviceId: named.id } });
    // "My phone was stolen": only the phones and tablets are offered (all the devices when none is one).
    const kind = deviceKindIn(said);
    const ofKind = kind ? devices.filter((d) => deviceKindOf(d) === kind) : [];
    return this.ask(step, pickDeviceForm(this.t(step), ofKind.length > 0 ? ofKind : devices, memory.lost, this.useCases.clock.now()));
  };

  private readonly confirm = async (step: DisableStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    if (answer.action !== 'choose') return this.cancelled(step);
    const plan = await this.useCases.lostDevice.plan(this.signedIn(step).id, answer.fields.deviceId);
    if (!plan.ok) return this.askAgainAfterRefusedChoice(step, this.memory<DisableMemory>(step).lost ? { said: '', target: lostDeviceTarget } : { said: '' });
    const memory = this.memory<DisableMemory>(step);
    memory.deviceId = plan.value.device.id;
    return this.ask(step, disableDeviceForm(this.t(step), plan.value.device, memory.lost ? plan.value : undefined));
  };

  private readonly verifyIfNeeded = async (step: DisableStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    if (answer.action !== 'disable') return this.cancelled(step);
    const memory = this.memory<DisableMemory>(step);
    // The lost-device steps are read only from the card that offered them.
    const lost = memory.lost === true;
    memory.signOut = lost && answer.fields.signOut === 'true';
    memory.ticket = lost && answer.fields.ticket === 'true';
    if (isPreferredSecondaryMethod(answer.fields.newDefault)) memory.newDefault = answer.fields.newDefault;
    const plan = await this.useCases.lostDevice.plan(this.signedIn(step).id, memory.deviceId);
    const authenticator = plan.ok ? plan.value.authenticator : undefined;
    memory.removeAuthenticator = lost && authenticator !== undefined && answer.fields.removeAuthenticator === 'true';
    if (!authenticator || !memory.removeAuthenticator) return step.next();
    // Removing a sign-in method needs a check with another one, as everywhere else.
    return this.verify(step, 'devices.lost.verifyReason', { excludeMethodIds: [authenticator.id] });
  };

  private readonly carryOut = async (step: DisableStep): Promise<DialogTurnResult> => {
    const memory = this.memory<DisableMemory>(step);
    const check = memory.removeAuthenticator ? stepUpResultOf(step.result) : undefined;
    // Stopping at the check stops everything: nothing was changed yet.
    if (check && !check.verified && check.reason === 'cancelled') return this.cancelled(step);
    const report = await this.useCases.lostDevice.carryOut(this.actor(step, this.signedIn(step).id), {
      deviceId: memory.deviceId ?? '',
      signOut: memory.signOut === true,
      removeAuthenticator: check ? { verified: check.verified, newDefault: memory.newDefault } : undefined,
    });
    if (report.disabled || report.signedOut || report.authenticator === 'removed') noteChangeMade(step);
    const lines = reportLines(this.t(step), report);
    await step.context.sendActivity(MessageFactory.attachment(lostDeviceReportCard(this.t(step), lines), undefined, lines[0]));
    if (!memory.ticket || !report.disabled) return step.endDialog();
    // The helpdesk gets a ticket with the device and what was done already, the description drafted from it.
    return step.beginDialog('helpdesk.ticket', {
      category: this.ticketCategory,
      context: { goal: this.goal, step: 'lostDevice', objects: [{ kind: 'device', id: report.disabled.id, label: report.disabled.displayName }] },
      suggestion: {
        key: 'devices.lost.ticketDescription',
        params: {
          device: report.disabled.displayName,
          signedOut: report.signedOut === undefined ? 'notAsked' : report.signedOut ? 'yes' : 'no',
          authenticator: report.authenticator ?? 'notAsked',
        },
      },
    } satisfies HandoffOptions);
  };
}
