// The device cards: the list (each with its "Disable" button and "I lost a device"), picking the
// device to disable, the confirmation (with the lost-device steps), and the report of what was done.
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { AuthenticationMethod, Device } from '../bot/core/ports/directory.js';
import type { DefaultOption } from '../bot/core/usecases/methods.js';
import { cancelButton, formCard, startsGoal, type FormInput, type FormSpec } from './formCard.js';
import { methodPhrase } from '../bot/core/i18n/methodNames.js';
import { noticeCard } from './noticeCard.js';
import type { CardAttachment } from './renderer.js';
import { defaultChoiceInput } from './securityInfoCards.js';

const joinTypes = new Set(['AzureAd', 'ServerAd', 'Workplace']);

/** The target of the "I lost a device" button. */
export const lostDeviceTarget = 'lost';

/** Graph's names of some systems, as people know them ("MacMDM" is a Mac enrolled in device management). */
const systemNames: Readonly<Record<string, string>> = { macmdm: 'macOS', androidforwork: 'Android', androidenterprise: 'Android', ipad: 'iPadOS', iphone: 'iOS' };
const systemName = (os: string | undefined): string | undefined => (os === undefined ? undefined : systemNames[os.toLowerCase()] ?? os);

/** "Windows 10.0.22631 · Microsoft Entra joined · last sign-in 2 days ago". */
function deviceLine(t: Translator, device: Device, now: Date): string {
  const parts = [[systemName(device.operatingSystem), device.operatingSystemVersion].filter(Boolean).join(' ')];
  if (device.trustType && joinTypes.has(device.trustType)) parts.push(t.t(`devices.join.${device.trustType}`));
  parts.push(device.approximateLastSignInDateTime ? t.t('devices.lastSignIn', { when: t.relative(device.approximateLastSignInDateTime, now) }) : t.t('devices.neverSignedIn'));
  return parts.filter((p) => p !== '').join(' · ');
}

/** "Compliant · Managed", "Not compliant · Not managed"; nothing for what the directory does not say. */
function deviceBadge(t: Translator, device: Device): string {
  const said = (value: boolean | undefined, yes: string, no: string): string => (value === undefined ? '' : t.t(value ? yes : no));
  const states = [said(device.isCompliant, 'devices.compliant', 'devices.notCompliant'), said(device.isManaged, 'devices.managed', 'devices.notManaged')];
  return states.filter(Boolean).join(' · ');
}

/** devices.view: every enabled device, each with a button that starts disabling it. */
export function devicesCard(t: Translator, devices: readonly Device[], now: Date): CardAttachment {
  return formCard({
    heading: t.t('devices.heading'),
    items: devices.map((d) => ({
      title: d.displayName,
      subtitle: deviceLine(t, d, now),
      badge: deviceBadge(t, d),
      badgeTone: d.isCompliant === false ? 'warning' : 'good',
      buttons: [{ title: t.t('devices.disableButton', { device: d.displayName }), action: 'devices.disable', values: { target: d.id } }],
    })),
    buttons: [{ title: t.t('devices.lostButton'), action: 'devices.disable', values: { target: lostDeviceTarget } }],
  }, startsGoal);
}

/** Which device to disable (or which one was lost). */
export function pickDeviceForm(t: Translator, devices: readonly Device[], lost: boolean, now: Date): FormSpec {
  return {
    heading: t.t(lost ? 'devices.lostHeading' : 'devices.disableHeading'),
    lines: [{ text: t.t(lost ? 'devices.lostPick' : 'devices.disablePick') }],
    items: devices.map((d) => ({ title: d.displayName, subtitle: deviceLine(t, d, now), buttons: [{ title: t.t('devices.thisOne', { device: d.displayName }), action: 'choose', values: { deviceId: d.id } }] })),
    buttons: [cancelButton(t)],
  };
}

/** What the lost-device confirmation offers besides disabling. */
export interface LostDeviceOptions {
  /** The Authenticator registered on the device, when it can be removed. */
  readonly authenticator?: AuthenticationMethod;
  /** The defaults to choose from when the default relies on that Authenticator. */
  readonly newDefaultChoices: readonly DefaultOption[];
}

/** The confirmation: it cannot be undone by the user; for a lost device, the related steps as toggles. */
export function disableDeviceForm(t: Translator, device: Device, lost: LostDeviceOptions | undefined): FormSpec {
  const inputs: FormInput[] = [];
  if (lost) {
    inputs.push({ kind: 'toggle', id: 'signOut', label: t.t('devices.lost.signOut') });
    if (lost.authenticator) {
      inputs.push({ kind: 'toggle', id: 'removeAuthenticator', label: t.t('devices.lost.removeAuthenticator', { method: methodPhrase(t, lost.authenticator) }) });
      if (lost.newDefaultChoices.length > 0) inputs.push(defaultChoiceInput(t, 'newDefault', t.t('devices.lost.newDefaultLabel'), lost.newDefaultChoices));
    }
    inputs.push({ kind: 'toggle', id: 'ticket', label: t.t('devices.lost.helpdesk') });
  }
  return {
    heading: t.t('devices.confirmHeading', { device: device.displayName }),
    lines: [
      { text: t.t('devices.cannotUndo'), warning: true },
      { text: t.t('devices.whatItDoes') },
      ...(lost ? [{ text: t.t('devices.lost.intro') }] : []),
    ],
    inputs,
    buttons: [{ title: t.t('devices.disableNow'), action: 'disable', style: 'destructive' }, cancelButton(t)],
  };
}

/** What was done, one line a step. */
export function lostDeviceReportCard(t: Translator, lines: readonly string[]): CardAttachment {
  return noticeCard(t.t('devices.done.heading'), lines);
}
