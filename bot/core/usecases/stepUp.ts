// Step-up verification before a risky change: which of the user's methods may prove it's them, and
// the grant that spares a second check for a while. A grant is bound to the user and the
// conversation, lasts the tenant's stepUpMinutes, and is void after a password change or a
// sign-out everywhere. It also records the method that proved it: a change that removes or replaces
// a method needs a proof with a different method, so a grant proved with that very method never
// counts for it, however recent (else whoever holds one method could verify with it and remove the
// others' way back in, or remove the method they just used).
import type { AuthenticationMethod, Directory } from '../ports/directory.js';
import { userSubject, type Codes } from './codes.js';
import { verifiableMethods } from './methods.js';
import type { Verification } from './verification.js';

/** "stepUp" grants a window; "reset" is a password-reset gate (only the tenant's reset methods count). */
export type StepUpPurpose = 'stepUp' | 'reset';

export class StepUp {
  constructor(private readonly deps: { readonly directory: Directory; readonly verification: Verification; readonly codes: Codes }) {}

  /**
   * True when the user proved it's them in this conversation recently and nothing voided it. `changing`
   * names the methods the change removes or replaces (the ones the check may not use): then the grant
   * counts only if it was proved with another method; one that does not say which method proved it
   * counts for no such change. A change that targets no method (adding one) takes any fresh grant.
   */
  async isFresh(userId: string, conversationId: string, changing: readonly string[] = []): Promise<boolean> {
    const user = await this.deps.directory.findUserById(userId);
    const grant = user && (await this.deps.verification.freshStepUp(user, conversationId));
    if (!grant) return false;
    return changing.length === 0 || (grant.methodId !== undefined && !changing.includes(grant.methodId));
  }

  /** Until when verification is locked for this user (too many wrong codes), if it is. */
  lockedUntil(userId: string): Promise<Date | undefined> {
    return this.deps.verification.lockedUntil(userSubject(userId));
  }

  /** The methods that can prove it's the user for this purpose, without the excluded ones. */
  async methods(userId: string, purpose: StepUpPurpose, exclude: readonly string[] = []): Promise<AuthenticationMethod[]> {
    const { directory, codes } = this.deps;
    const user = await directory.findUserById(userId);
    if (!user) return [];
    const methods = purpose === 'reset' ? await codes.resetMethods(user) : verifiableMethods(await directory.listAuthenticationMethods(user.id));
    return methods.filter((m) => !exclude.includes(m.id));
  }

  /** Records a passed check for the step-up window, with the method whose code passed it. */
  grant(userId: string, conversationId: string, methodId?: string): Promise<void> {
    return this.deps.verification.grantStepUp(userId, conversationId, methodId);
  }
}
