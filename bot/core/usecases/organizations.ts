// The organizations the user belongs to: the home one, and those where they are a guest. Leaving a
// guest organization is audited; the home one can never be left, and some organizations forbid it.
import type { Directory, Organization } from '../ports/directory.js';
import { fail, ok, type Result } from '../result.js';
import type { Actor } from './actor.js';
import type { AuditTrail } from './auditTrail.js';

export type LeaveRefusal = 'notFound' | 'homeOrganization' | 'leaveNotAllowed';

export class Organizations {
  constructor(private readonly deps: { readonly directory: Directory; readonly auditTrail: AuditTrail }) {}

  /** Home organization first, then guest organizations by name. */
  async list(userId: string): Promise<Organization[]> {
    const list = await this.deps.directory.listOrganizations(userId);
    return [...list].sort((a, b) => Number(b.isHome) - Number(a.isHome) || a.displayName.localeCompare(b.displayName));
  }

  /** The organization when the user may leave it; else why not ("notFound" for one that is not theirs). */
  async leavable(userId: string, tenantId: string | undefined): Promise<Result<Organization, { readonly error: LeaveRefusal; readonly organization?: Organization }>> {
    const organization = (await this.list(userId)).find((o) => o.tenantId === tenantId);
    if (!organization) return fail('notFound');
    if (organization.isHome) return fail('homeOrganization', { organization });
    if (!organization.allowsSelfLeave) return fail('leaveNotAllowed', { organization });
    return ok(organization);
  }

  async leave(actor: Actor, tenantId: string): Promise<Result<void, LeaveRefusal>> {
    const org = (await this.deps.directory.listOrganizations(actor.userId)).find((o) => o.tenantId === tenantId);
    const subject = org ? { subject: { type: 'organization', name: org.displayName } as const } : {};
    const result = await this.deps.directory.leaveOrganization(actor.userId, tenantId);
    if (!result.ok) {
      await this.deps.auditTrail.record(actor, 'organizations.leave', 'refused', { reason: result.error, target: org?.displayName, ...subject });
      return fail(result.error);
    }
    await this.deps.auditTrail.record(actor, 'organizations.leave', 'success', { target: `organization ${tenantId}`, ...subject });
    return ok(undefined);
  }
}
