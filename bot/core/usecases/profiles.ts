// The signed-in user's own profile, and the organization that manages it.
import type { Directory, Profile, TenantInfo } from '../ports/directory.js';
import { fail, ok, type Result } from '../result.js';

export interface ProfileView {
  readonly profile: Profile;
  readonly organizationName: string;
}

export class Profiles {
  constructor(private readonly deps: { readonly directory: Directory }) {}

  async view(userId: string): Promise<Result<ProfileView, 'notFound'>> {
    const [profile, tenant] = await Promise.all([this.deps.directory.getProfile(userId), this.deps.directory.tenant()]);
    return profile ? ok({ profile, organizationName: tenant.displayName }) : fail('notFound');
  }

  /** The organization: its name, domains and helpdesk, as the directory has them. */
  organization(): Promise<TenantInfo> {
    return this.deps.directory.tenant();
  }
}
