// When a user's sessions and step-ups stop counting: a sign-out everywhere sets
// signInSessionsValidFromDateTime, a new password sets lastPasswordChangeDateTime; whatever was
// granted before either of them is void.
import type { DirectoryUser } from '../ports/directory.js';

/** True when something granted at `grantedAt` (epoch ms) was granted after the user's last revocation. */
export function grantedAfterRevocation(user: DirectoryUser, grantedAt: number): boolean {
  return [user.signInSessionsValidFromDateTime, user.lastPasswordChangeDateTime]
    .map((d) => (d ? Date.parse(d) : Number.NaN))
    .every((revokedAt) => Number.isNaN(revokedAt) || grantedAt > revokedAt);
}
