// devices.view: the user's devices, newest first: OS and version, join type, last sign-in, state.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Translator } from '../../bot/core/i18n/i18n.js';
import type { Device } from '../../bot/core/ports/directory.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { activeDevices } from '../../bot/core/usecases/account.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { formCard, startsGoal } from '../../cards/formCard.js';
import { dialogIds } from '../dialogIds.js';
import { signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';

const joinTypes = new Set(['AzureAd', 'ServerAd', 'Workplace']);

/** "Windows 10.0.22631 · Microsoft Entra joined · last sign-in 2 days ago". */
export function deviceLine(t: Translator, device: Device, now: Date): string {
  const parts = [[device.operatingSystem, device.operatingSystemVersion].filter(Boolean).join(' ')];
  if (device.trustType && joinTypes.has(device.trustType)) parts.push(t.t(`devices.join.${device.trustType}`));
  parts.push(device.approximateLastSignInDateTime ? t.t('devices.lastSignIn', { when: t.relative(device.approximateLastSignInDateTime, now) }) : t.t('devices.neverSignedIn'));
  return parts.filter((p) => p !== '').join(' · ');
}

export function deviceBadge(t: Translator, device: Device): string {
  const states = [device.isCompliant ? t.t('devices.compliant') : '', device.isManaged ? t.t('devices.managed') : ''];
  return states.filter(Boolean).join(' · ');
}

export class DevicesViewDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.devicesView);
    this.addDialog(new WaterfallDialog(dialogIds.devicesViewSteps, [this.showDevices.bind(this)]));
    this.initialDialogId = dialogIds.devicesViewSteps;
  }

  private async showDevices(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const devices = await activeDevices(this.services, userId);
    if (devices.length === 0) {
      await step.context.sendActivity(t.t('devices.none'));
      return step.endDialog();
    }
    const now = this.services.clock.now();
    const card = formCard({
      heading: t.t('devices.heading'),
      lines: [{ text: t.t('devices.intro', { count: devices.length }) }],
      items: devices.map((d) => ({
        title: d.displayName,
        subtitle: deviceLine(t, d, now),
        badge: deviceBadge(t, d),
        buttons: [{ title: t.t('devices.disableButton', { device: d.displayName }), action: 'devices.disable', values: { target: d.id } }],
      })),
      buttons: [{ title: t.t('devices.lostButton'), action: 'devices.disable', values: { target: 'lost' } }],
    }, startsGoal);
    await step.context.sendActivity(MessageFactory.attachment(card, t.t('devices.intro', { count: devices.length })));
    return step.endDialog();
  }
}
