// The user's own devices: the enabled ones, most recently used first; disabling one is audited.
// Ownership is checked by the directory (another user's device id is "notFound").
import type { Device, Directory } from '../ports/directory.js';
import { fail, ok, type Result } from '../result.js';
import type { Actor } from './actor.js';
import type { AuditTrail } from './auditTrail.js';

/** A kind of device as people name it: a phone or tablet, or a computer. */
export type DeviceKind = 'mobile' | 'computer';

/** The kind of a device by its operating system as Graph names it ("iOS", "IPad", "AndroidForWork", "MacMDM", "Windows"); undefined for any other. */
export function deviceKindOf(device: Pick<Device, 'operatingSystem'>): DeviceKind | undefined {
  const system = (device.operatingSystem ?? '').toLowerCase().replace(/\s+/g, '');
  if (/^(?:android|ios|ipados|iphone|ipad|windowsphone|windowsmobile)/.test(system)) return 'mobile';
  if (/^(?:windows|mac|linux|ubuntu|chrome)/.test(system)) return 'computer';
  return undefined;
}

export class Devices {
  constructor(private readonly deps: { readonly directory: Directory; readonly auditTrail: AuditTrail }) {}

  /** The user's enabled devices, most recently used first. */
  async active(userId: string): Promise<Device[]> {
    const devices = (await this.deps.directory.listDevices(userId)).filter((d) => d.accountEnabled);
    const at = (d: Device): number => Date.parse(d.approximateLastSignInDateTime ?? '') || 0;
    return devices.sort((a, b) => at(b) - at(a));
  }

  /** One of the user's enabled devices, or undefined for any other id. */
  async find(userId: string, deviceId: string | undefined): Promise<Device | undefined> {
    return (await this.active(userId)).find((d) => d.id === deviceId);
  }

  async disable(actor: Actor, deviceId: string): Promise<Result<Device, 'notFound'>> {
    const owned = await this.find(actor.userId, deviceId);
    if (!owned) {
      await this.deps.auditTrail.record(actor, 'devices.disable', 'refused', { reason: 'notFound' });
      return fail('notFound');
    }
    const result = await this.deps.auditTrail.attempt(actor, 'devices.disable', () => this.deps.directory.disableDevice(actor.userId, deviceId), { subject: { type: 'device', name: owned.displayName } });
    if (!result.ok) return fail('notFound');
    await this.deps.auditTrail.record(actor, 'devices.disable', 'success', { target: `device ${owned.displayName}`, subject: { type: 'device', name: owned.displayName } });
    return ok(result.value);
  }
}
