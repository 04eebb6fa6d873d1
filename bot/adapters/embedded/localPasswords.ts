// Password change and reset for a directory that keeps the password hashes itself (the embedded
// tenant): the current password checked, the new one compared with the current and recent ones,
// then set. What Microsoft Graph does on its side for a real tenant.
import type { NotFound, PasswordOptions, PasswordRefusal } from '../../core/ports/directory.js';
import { fail, type Result } from '../../core/result.js';

export interface LocalPasswords {
  verifyPassword(userId: string, password: string): Promise<boolean>;
  /** True when the candidate equals the current password or one of the last `count` ones. */
  isRecentPassword(userId: string, candidate: string, count: number): Promise<boolean>;
  setPassword(userId: string, next: string, options: { readonly unlock: boolean; readonly at: Date }): Promise<Result<void, NotFound>>;
}

async function refusal(directory: LocalPasswords, userId: string, next: string, historyCount: number): Promise<PasswordRefusal | undefined> {
  if (!(await directory.isRecentPassword(userId, next, Math.max(1, historyCount)))) return undefined;
  return (await directory.verifyPassword(userId, next)) ? 'sameAsCurrent' : 'history';
}

export async function changeLocalPassword(directory: LocalPasswords, userId: string, current: string, next: string, options: PasswordOptions): Promise<Result<void, NotFound | 'wrongCurrent' | PasswordRefusal>> {
  if (!(await directory.verifyPassword(userId, current))) return fail('wrongCurrent');
  const refused = await refusal(directory, userId, next, options.historyCount);
  if (refused) return fail(refused);
  return directory.setPassword(userId, next, { unlock: false, at: options.at });
}

export async function resetLocalPassword(directory: LocalPasswords, userId: string, next: string, options: PasswordOptions): Promise<Result<void, NotFound | PasswordRefusal>> {
  const refused = await refusal(directory, userId, next, options.historyCount);
  if (refused) return fail(refused);
  return directory.setPassword(userId, next, { unlock: true, at: options.at });
}
