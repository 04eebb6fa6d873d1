// A lost or stolen device: disable it and, as the user chooses in the same confirmation, sign out
// everywhere and remove the Authenticator registered on it. Removing that Authenticator follows the
// same rule as removing any method: after a check with another method, and when the default relied
// on it, with the new default the user chose (never one picked for them).
import type { AuthenticationMethod, Device, PreferredSecondaryMethod } from '../ports/directory.js';
import { fail, ok, type Result } from '../result.js';
import type { Actor } from './actor.js';
import type { Devices } from './devices.js';
import { authenticatorOn, type DefaultOption } from './methods.js';
import type { Passwords } from './passwords.js';
import type { SecurityInfo } from './securityInfo.js';

export interface LostDevicePlan {
  readonly device: Device;
  /** The Authenticator registered on the device, when there is one and it is not the user's last method. */
  readonly authenticator?: AuthenticationMethod;
  /** When the default relies on that Authenticator: the defaults the user must choose from to remove it. */
  readonly newDefaultChoices: readonly DefaultOption[];
}

export interface LostDeviceRequest {
  readonly deviceId: string;
  readonly signOut: boolean;
  /** Set when the user asked to remove the device's Authenticator: whether they passed the check, and the new default. */
  readonly removeAuthenticator?: { readonly verified: boolean; readonly newDefault?: PreferredSecondaryMethod };
}

export interface LostDeviceReport {
  /** The device as disabled; undefined when it was no longer the user's enabled device. */
  readonly disabled?: Device;
  /** Undefined when not asked for. */
  readonly signedOut?: boolean;
  /** Undefined when not asked for; "kept" when the check failed or the removal was refused. */
  readonly authenticator?: 'removed' | 'kept';
  /** When the default relied on the removed Authenticator: the default the user chose instead, with the method that serves it. */
  readonly newDefault?: DefaultOption;
}

export class LostDevice {
  constructor(private readonly deps: { readonly devices: Devices; readonly securityInfo: SecurityInfo; readonly passwords: Passwords }) {}

  /** What can be done for this device of the user's; "notFound" for anything not theirs. */
  async plan(userId: string, deviceId: string | undefined): Promise<Result<LostDevicePlan, 'notFound'>> {
    const device = await this.deps.devices.find(userId, deviceId);
    if (!device) return fail('notFound');
    const authenticator = authenticatorOn(device, await this.deps.securityInfo.methods(userId));
    if (!authenticator) return ok({ device, newDefaultChoices: [] });
    const removal = await this.deps.securityInfo.removalPlan(userId, authenticator.id);
    if (!removal.ok) return ok({ device, newDefaultChoices: [] });
    return ok({ device, authenticator, newDefaultChoices: removal.value.newDefaultChoices });
  }

  /** Disables the device and does each chosen step; reports what was done. */
  async carryOut(actor: Actor, request: LostDeviceRequest): Promise<LostDeviceReport> {
    const plan = await this.plan(actor.userId, request.deviceId);
    const disabled = await this.deps.devices.disable(actor, request.deviceId);
    const signedOut = request.signOut ? (await this.deps.passwords.signOutEverywhere(actor)).ok : undefined;
    let authenticator: LostDeviceReport['authenticator'];
    let chosenDefault: DefaultOption | undefined;
    if (request.removeAuthenticator) {
      const { verified, newDefault } = request.removeAuthenticator;
      const target = plan.ok ? plan.value.authenticator : undefined;
      const removed = verified && target ? await this.deps.securityInfo.remove(actor, target.id, newDefault) : undefined;
      authenticator = removed?.ok ? 'removed' : 'kept';
      // The default changes only when it relied on the Authenticator, to one of the choices offered.
      if (removed?.ok && plan.ok) chosenDefault = plan.value.newDefaultChoices.find((c) => c.preference === newDefault);
    }
    return { disabled: disabled.ok ? disabled.value : undefined, signedOut, authenticator, ...(chosenDefault ? { newDefault: chosenDefault } : {}) };
  }
}
