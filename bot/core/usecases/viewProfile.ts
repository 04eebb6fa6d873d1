// Reads the signed-in user's own profile and who manages that information.
import type { Directory, Profile } from '../ports/directory.js';
import { fail, ok, type Result } from '../ports/result.js';

export interface ProfileView {
  readonly profile: Profile;
  readonly organizationName: string;
}

export async function viewProfile(directory: Directory, userId: string): Promise<Result<ProfileView, 'notFound'>> {
  const [profile, tenant] = await Promise.all([directory.getProfile(userId), directory.tenant()]);
  return profile ? ok({ profile, organizationName: tenant.displayName }) : fail('notFound');
}
