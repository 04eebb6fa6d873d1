// Where the demo sign-in's wrong passwords are counted: in the record store, against the account's
// budget that wrong current passwords in the chat use too (Passwords.reservePasswordCheck), so the
// limit holds over every instance on one DATA_DIR or Azure Storage account, and across restarts. A
// name that is no account is counted by a salted digest, never as typed (people sometimes type a
// password into the user name field); the salt is drawn once and kept in the store for every
// instance. The DATA_DIR/demo-signin.json of earlier versions is taken over once: its salt (so its
// digests still match, unless the store has one already) and its failures, each under the account
// or name it counted.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddedDirectory } from '../adapters/embedded/embeddedDirectory.js';
import { VersionConflictError, type RecordStore } from '../core/ports/recordStore.js';
import type { VerificationStore } from '../core/ports/verificationStore.js';
import { passwordSubjectKey, type PasswordSubject } from '../core/usecases/passwords.js';
import type { Logger } from '../logger.js';

const partition = 'demoSignIn';
const saltId = 'nameSalt';

/** The salted digest of a user name as typed (trimmed, in lower case). */
export type NameDigest = (userPrincipalName: string) => string;

const digestWith = (salt: string): NameDigest => (name) => createHash('sha256').update(`${salt}:${name.trim().toLowerCase()}`).digest('hex');

/** The salt every instance digests names with: the one in the store, else `proposed` (or a new one) put there first. */
async function sharedSalt(records: RecordStore, proposed: string): Promise<string> {
  const kept = (await records.get<{ salt?: unknown }>(partition, saltId))?.value.salt;
  if (typeof kept === 'string' && kept) return kept;
  try {
    await records.put(partition, saltId, { salt: proposed }, { absent: true });
    return proposed;
  } catch (error) {
    // Another instance put its salt first: that one stands.
    if (!(error instanceof VersionConflictError)) throw error;
    return sharedSalt(records, proposed);
  }
}

/** What demo-signin.json of earlier versions held: a salt, and failures by salted digest of the name. */
interface EarlierFile {
  readonly salt?: unknown;
  readonly failures?: unknown;
}

export interface SignInNamesParts {
  readonly dataDir: string;
  readonly records: RecordStore;
  readonly verificationStore: VerificationStore;
  readonly directory: EmbeddedDirectory;
  readonly logger: Logger;
}

/** The digest of names that are no account, shared by every instance; takes over demo-signin.json first, if there is one. */
export async function signInNames(parts: SignInNamesParts): Promise<NameDigest> {
  const file = path.join(parts.dataDir, 'demo-signin.json');
  const earlier = existsSync(file) ? await readEarlier(file, parts.logger) : undefined;
  const proposed = typeof earlier?.salt === 'string' && earlier.salt ? earlier.salt : randomBytes(16).toString('hex');
  const salt = await sharedSalt(parts.records, proposed);
  if (earlier !== undefined) {
    // The file's digests are of its own salt: its accounts are found by it; a name that is no
    // account keeps its count only when the store took that salt (else no digest would match it).
    const taken = await takeOver(earlier, digestWith(proposed), salt === proposed, parts);
    // Another instance may have moved it already.
    await rename(file, `${file}.imported`).catch(() => undefined);
    parts.logger.info('demo sign-in failures taken over from demo-signin.json', { accounts: taken });
  }
  return digestWith(salt);
}

async function readEarlier(file: string, logger: Logger): Promise<EarlierFile | undefined> {
  try {
    const read = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return typeof read === 'object' && read !== null && !Array.isArray(read) ? read : {};
  } catch (error) {
    // Gone (another instance moved it) or unreadable: the counts start afresh, the start goes on.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    logger.warn('demo-signin.json could not be read: its failure counts are not taken over', { file });
    return {};
  }
}

/** Puts the file's failures under their account (or name) where nothing is counted yet; returns how many keys it filled. */
async function takeOver(earlier: EarlierFile, digest: NameDigest, keepNames: boolean, parts: SignInNamesParts): Promise<number> {
  const accounts = new Map<string, PasswordSubject>();
  for (const { userPrincipalName } of await parts.directory.demoAccounts()) {
    const user = await parts.directory.findUserByPrincipalName(userPrincipalName);
    if (user) accounts.set(digest(userPrincipalName), { userId: user.id });
  }
  const byKey = new Map<string, string[]>();
  for (const failure of Array.isArray(earlier.failures) ? (earlier.failures as unknown[]) : []) {
    const { account, at } = (failure ?? {}) as { account?: unknown; at?: unknown };
    if (typeof account !== 'string' || typeof at !== 'string' || Number.isNaN(Date.parse(at))) continue;
    const subject = accounts.get(account) ?? (keepNames ? { nameDigest: account } : undefined);
    if (!subject) continue;
    const key = passwordSubjectKey(subject);
    byKey.set(key, [...(byKey.get(key) ?? []), at]);
  }
  for (const [key, times] of byKey) {
    const failures = times.sort((a, b) => Date.parse(a) - Date.parse(b));
    // What is counted already stands (an instance that took the file over first).
    await parts.verificationStore.change('failures', key, (current) => ({ value: current ?? { failures }, answer: undefined }));
  }
  return byKey.size;
}
