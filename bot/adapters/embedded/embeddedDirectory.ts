// The embedded directory: a local twin of the Microsoft Graph data model kept in DATA_DIR as records
// (a RecordStore; by default one JSON file a record under DATA_DIR/records):
//   directory.users/<user id>        the user with everything of theirs (methods, devices,
//                                    organizations, agreement acceptances, sign-ins, password hash
//                                    and history, lock-out...)
//   directory.names/<upn, lower case> { userId }: the lookup by user name, one read
//   directory/tenant                 the tenant (policy, helpdesk) and its terms of use
//   directory/seed                   which seed was imported (its SHA-256), when, and its users in order
// The seed is imported on first start (passwords hashed) and changes persist after that. Every read
// comes from the store and every change is a read-modify-write of one user's record at its version
// (updateRecord), so processes sharing the store see each other's changes and never lose them.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {
  AgreementAcceptance, AuthenticationMethod, AuthenticationMethodKind, Device, Directory, DirectoryUser,
  NewAuthenticationMethod, NotFound, Organization, PasswordOptions, PasswordRefusal, PreferredSecondaryMethod, Profile, SignIn,
  SignInPreferences, TenantInfo, TenantPolicy, TermsOfUse,
} from '../../core/ports/directory.js';
import { embeddedCapabilities, type CapabilityPlan } from '../../core/capabilities.js';
import { freezeJson } from '../../core/json.js';
import { changeLocalPassword, resetLocalPassword } from './localPasswords.js';
import { updateRecord, type RecordStore } from '../../core/ports/recordStore.js';
import { fail, ok, type Result } from '../../core/result.js';
import type { Logger } from '../../logger.js';
import { forEachBounded } from './boundedPool.js';
import { hashPassword, isPasswordHash, verifyPassword } from './passwordHash.js';
import { readSeedFile, seedAgreements, SeedError, seedWarnings, validateSeed, type Seed, type SeedObject } from './tenantSeed.js';

interface StoredUser extends SeedObject {
  id: string;
  userPrincipalName: string;
  displayName: string;
  passwordHash?: string;
  passwordHistory: string[];
  authenticationMethods: SeedObject[];
  devices: SeedObject[];
  organizations: SeedObject[];
  agreementAcceptances: SeedObject[];
  signIns: SeedObject[];
  signInPreferences: SeedObject;
}

interface TenantRecord {
  tenant: SeedObject;
  termsOfUse: SeedObject[];
}
/** Before any seed was imported; frozen as a viewed record is. */
const noTenant: TenantRecord = freezeJson({ tenant: {}, termsOfUse: [] });

/** Which seed the records hold. Written last, so an import cut short is done again at the next start. */
interface SeedRecord {
  format: 2;
  seedFile: string;
  seedSha256: string;
  importedAt: string;
  /** The users in the seed's order (the demo sign-in page lists them so). */
  userIds: string[];
}

/** The single file earlier versions kept (DATA_DIR/directory.json), and the shape of a backup. */
interface DirectoryFile {
  meta: { format: 1; seedFile: string; seedSha256: string; importedAt: string };
  tenant: SeedObject;
  termsOfUse: SeedObject[];
  users: StoredUser[];
}

const users = 'directory.users';
const names = 'directory.names';
const directory = 'directory';
const nameKey = (userPrincipalName: string): string => userPrincipalName.trim().toLowerCase();

/** Password hashes in flight at once: scrypt runs on libuv's thread pool, so a few per core keep it busy. */
const hashers = Math.max(2, os.availableParallelism() * 2);
/** Record writes in flight at once when the records carry no password to hash. */
const writers = 16;
/** Progress lines while importing: every tenth of the users (at least 100, at most 1,000), or every so many milliseconds. */
const progressStep = (total: number): number => Math.min(1000, Math.max(100, Math.ceil(total / 10)));
const progressEveryMs = 5000;

const defaultPolicy: TenantPolicy = Object.freeze<TenantPolicy>({
  selfServicePasswordReset: { enabled: true, gates: 1, methods: ['email', 'mobilePhone', 'microsoftAuthenticator'] },
  password: { minLength: 12, requiredCharacterClasses: 3, bannedWords: [], historyCount: 3 },
  verificationCode: { length: 6, ttlSeconds: 300, maxAttempts: 3, maxSendsPerHour: 5, lockoutMinutes: 30 },
  stepUpMinutes: 10,
});

const methodKinds: Record<string, AuthenticationMethodKind> = {
  '#microsoft.graph.phoneAuthenticationMethod': 'phone',
  '#microsoft.graph.emailAuthenticationMethod': 'email',
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': 'microsoftAuthenticator',
  '#microsoft.graph.softwareOathAuthenticationMethod': 'softwareOath',
  '#microsoft.graph.fido2AuthenticationMethod': 'fido2',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': 'windowsHelloForBusiness',
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': 'temporaryAccessPass',
};
const odataTypes: Record<NewAuthenticationMethod['kind'], string> = {
  phone: '#microsoft.graph.phoneAuthenticationMethod',
  email: '#microsoft.graph.emailAuthenticationMethod',
  microsoftAuthenticator: '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
};

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const stringMap = (value: unknown): Record<string, string> =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);
const objects = (value: unknown): SeedObject[] => (Array.isArray(value) ? (value as SeedObject[]) : []);

function toUser(u: StoredUser): DirectoryUser {
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    givenName: str(u.givenName),
    surname: str(u.surname),
    jobTitle: str(u.jobTitle),
    department: str(u.department),
    mail: str(u.mail),
    otherMails: strings(u.otherMails),
    officeLocation: str(u.officeLocation),
    businessPhones: strings(u.businessPhones),
    mobilePhone: str(u.mobilePhone),
    preferredLanguage: str(u.preferredLanguage),
    managerId: str(u.manager),
    accountEnabled: bool(u.accountEnabled, true),
    lockedOut: bool(u.lockedOut, false),
    selfServicePasswordResetRegistered: bool(u.selfServicePasswordResetRegistered, objects(u.authenticationMethods).length > 0),
    signInSessionsValidFromDateTime: str(u.signInSessionsValidFromDateTime),
    lastPasswordChangeDateTime: str(u.lastPasswordChangeDateTime),
    photo: str(u.photo),
  };
}

/**
 * The directory's view of a stored user, made once for each viewed record: a view is the same
 * frozen value until the record changes (when working alone), and every turn looks its user up.
 * The tenant's settings are kept the same way.
 */
const usersOfRecords = new WeakMap<StoredUser, DirectoryUser>();
/** The same for the tenant's settings, which several parts of a turn ask for. */
const tenantsOfRecords = new WeakMap<SeedObject, TenantInfo>();

function userOf(u: StoredUser): DirectoryUser {
  let user = usersOfRecords.get(u);
  if (!user) usersOfRecords.set(u, (user = freezeJson(toUser(u))));
  return user;
}

function toMethod(m: SeedObject): AuthenticationMethod {
  const odataType = String(m['@odata.type']);
  return {
    ...(m as object),
    id: String(m.id),
    '@odata.type': odataType,
    kind: methodKinds[odataType] ?? 'other',
    displayName: str(m.displayName),
  };
}

function toDevice(d: SeedObject): Device {
  return { ...(d as object), id: String(d.id), displayName: String(d.displayName), accountEnabled: bool(d.accountEnabled, true) };
}

function toOrganization(o: SeedObject, homeTenantId: string): Organization {
  const isHome = bool(o.isHome, o.tenantId === homeTenantId);
  return {
    tenantId: String(o.tenantId),
    displayName: String(o.displayName),
    defaultDomain: str(o.defaultDomain),
    isHome,
    allowsSelfLeave: !isHome && bool(o.allowsSelfLeave, true),
  };
}

function toPolicy(raw: unknown): TenantPolicy {
  const p = (raw ?? {}) as Partial<Record<keyof TenantPolicy, Record<string, unknown>>> & { stepUpMinutes?: number };
  return {
    selfServicePasswordReset: { ...defaultPolicy.selfServicePasswordReset, ...(p.selfServicePasswordReset ?? {}) },
    password: { ...defaultPolicy.password, ...(p.password ?? {}) },
    verificationCode: { ...defaultPolicy.verificationCode, ...(p.verificationCode ?? {}) },
    stepUpMinutes: typeof p.stepUpMinutes === 'number' ? p.stepUpMinutes : defaultPolicy.stepUpMinutes,
  };
}

/** The tenant's settings as the assistant reads them from a seed's `tenant` object. */
export function tenantInfoOf(t: SeedObject): TenantInfo {
  const helpdesk = (t.helpdesk ?? {}) as SeedObject;
  return {
    id: String(t.id),
    displayName: String(t.displayName),
    verifiedDomains: strings(t.verifiedDomains),
    helpdesk: {
      displayName: str(helpdesk.displayName) ?? String(t.displayName),
      email: str(helpdesk.email),
      phone: str(helpdesk.phone),
      agents: strings(helpdesk.agents),
    },
    policy: toPolicy(t.policy),
    timeZone: str(t.timeZone),
    officeTimeZones: stringMap(t.officeTimeZones),
  };
}

/** An agreement as a seed gives it. */
export function termsOfUseOf(a: SeedObject): TermsOfUse {
  return {
    id: String(a.id),
    displayName: String(a.displayName),
    version: String(a.version),
    localizedDisplayNames: stringMap(a.localizedDisplayNames),
    content: (a.content ?? {}) as Record<string, string>,
  };
}

function storedUser(raw: SeedObject, passwordHash: string | undefined): StoredUser {
  const { password: _password, ...rest } = raw;
  return {
    ...rest,
    id: String(raw.id),
    userPrincipalName: String(raw.userPrincipalName),
    displayName: String(raw.displayName),
    passwordHash,
    passwordHistory: strings(raw.passwordHistory),
    authenticationMethods: objects(raw.authenticationMethods),
    devices: objects(raw.devices),
    organizations: objects(raw.organizations),
    agreementAcceptances: objects(raw.agreementAcceptances),
    signIns: objects(raw.signIns),
    signInPreferences: (raw.signInPreferences as SeedObject | undefined) ?? { userPreferredMethodForSecondaryAuthentication: 'none' },
  };
}

/** Counts imported users and says so now and then: every so many users or seconds. */
function progress(logger: Logger, total: number): { done(): void; seconds(): number } {
  const started = Date.now();
  let count = 0;
  let loggedAt = started;
  let loggedCount = 0;
  const step = progressStep(total);
  return {
    done(): void {
      count += 1;
      const now = Date.now();
      if (count < total && (count - loggedCount >= step || now - loggedAt >= progressEveryMs)) {
        logger.info('tenant seed import in progress', { users: count, of: total, seconds: Math.round((now - started) / 100) / 10 });
        loggedAt = now;
        loggedCount = count;
      }
    },
    seconds: () => (Date.now() - started) / 1000,
  };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface EmbeddedDirectoryOptions {
  readonly dataDir: string;
  readonly seedFile: string;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Where the records live (the app's record store: files under DATA_DIR/records), opened and closed by the caller. */
  readonly store: RecordStore;
}

export class EmbeddedDirectory implements Directory {
  private constructor(private readonly store: RecordStore) {}

  /**
   * Opens the directory in DATA_DIR, importing the seed on first start or when the seed file changed
   * (the records it replaces are kept as DATA_DIR/directory.json.<time>.bak), and taking over the
   * directory.json of earlier versions once. Throws SeedError (naming the field) when the seed or
   * the stored copy is invalid.
   */
  static async open(options: EmbeddedDirectoryOptions): Promise<EmbeddedDirectory> {
    const now = options.now ?? (() => new Date());
    await mkdir(options.dataDir, { recursive: true });
    const opened = new EmbeddedDirectory(options.store);
    await opened.takeOverLegacyFile(path.join(options.dataDir, 'directory.json'), options.logger);
    const imported = await opened.store.get<SeedRecord>(directory, 'seed');
    const checkStored = async (): Promise<EmbeddedDirectory> => {
      const stored = await opened.exportAll(imported?.value as SeedRecord);
      await validateSeed({ tenant: stored.tenant, users: stored.users, termsOfUse: stored.termsOfUse }, path.join(options.dataDir, 'records'));
      return opened;
    };

    let read: Awaited<ReturnType<typeof readSeedFile>>;
    try {
      read = await readSeedFile(options.seedFile);
    } catch (error) {
      // The seed was imported before and its file is gone since: the directory in DATA_DIR is the tenant now.
      if (!(error instanceof SeedError && error.unreadable && imported)) throw error;
      options.logger.warn('tenant seed file cannot be read; going on with the directory already in DATA_DIR', { seedFile: options.seedFile, problem: error.problems[0] });
      return checkStored();
    }
    const { seed, text, canonical } = read;
    // The same content (re-indented, or with a byte-order mark) is no change: nothing is imported again.
    // Imports of earlier versions recorded the hash of the file's bytes.
    const seedSha256 = sha256(canonical);
    if (imported && (imported.value.seedSha256 === seedSha256 || imported.value.seedSha256 === sha256(text))) {
      if (imported.value.seedSha256 !== seedSha256) await opened.store.put<SeedRecord>(directory, 'seed', { ...imported.value, seedSha256 });
      return checkStored();
    }
    if (imported) {
      const backup = path.join(options.dataDir, `directory.json.${now().toISOString().replace(/[:.]/g, '-')}.bak`);
      await writeFile(backup, JSON.stringify(await opened.exportAll(imported.value)));
      options.logger.warn('tenant seed changed since the last import; importing it again', { seedFile: options.seedFile, backup });
    }
    await opened.importSeed(seed, { format: 2, seedFile: options.seedFile, seedSha256, importedAt: now().toISOString(), userIds: [] }, options.logger);
    return opened;
  }

  /**
   * Writes every user of the seed (passwords hashed, a bounded number at a time), the name index and
   * the tenant; removes users the seed no longer has; then records which seed this was.
   */
  private async importSeed(seed: Seed, meta: SeedRecord, logger: Logger): Promise<void> {
    const warnings = seedWarnings(seed);
    if (warnings.length > 0) logger.warn('tenant seed: some values look wrong (imported as they are)', { count: warnings.length, first: warnings.slice(0, 20) });
    const count = progress(logger, seed.users.length);
    const hashing = seed.users.some((u) => typeof u.password === 'string');
    await forEachBounded(seed.users, hashing ? hashers : writers, async (raw) => {
      const passwordHash = typeof raw.password === 'string' ? await hashPassword(raw.password) : isPasswordHash(raw.passwordHash) ? raw.passwordHash : undefined;
      const user = storedUser(raw, passwordHash);
      await this.store.put(users, user.id, user);
      await this.store.put(names, nameKey(user.userPrincipalName), { userId: user.id });
      count.done();
    });
    const { termsOfUse: _inTenant, ...tenant } = seed.tenant;
    await this.store.put<TenantRecord>(directory, 'tenant', { tenant, termsOfUse: seedAgreements(seed) });
    await this.removeAllBut(users, new Set(seed.users.map((u) => String(u.id))));
    await this.removeAllBut(names, new Set(seed.users.map((u) => nameKey(String(u.userPrincipalName)))));
    await this.store.put<SeedRecord>(directory, 'seed', { ...meta, userIds: seed.users.map((u) => String(u.id)) });
    logger.info('tenant seed imported', { seedFile: meta.seedFile, users: seed.users.length, seconds: Math.round(count.seconds() * 10) / 10 });
  }

  private async removeAllBut(partition: string, keep: ReadonlySet<string>): Promise<void> {
    const gone = (await this.store.ids(partition)).filter((id) => !keep.has(id));
    await forEachBounded(gone, writers, async (id) => {
      await this.store.remove(partition, id);
    });
  }

  /** Everything the records hold, in the shape of the single file earlier versions kept (for a backup, or to validate). */
  private async exportAll(meta: SeedRecord): Promise<DirectoryFile> {
    const [tenant, all] = await Promise.all([this.store.get<TenantRecord>(directory, 'tenant'), this.store.list<StoredUser>(users)]);
    const order = new Map(meta.userIds.map((id, i) => [id, i]));
    const sorted = [...all].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
    return {
      meta: { format: 1, seedFile: meta.seedFile, seedSha256: meta.seedSha256, importedAt: meta.importedAt },
      tenant: tenant?.value.tenant ?? {},
      termsOfUse: tenant?.value.termsOfUse ?? [],
      users: sorted.map((r) => r.value),
    };
  }

  /**
   * Earlier versions kept the whole directory in DATA_DIR/directory.json. Its users (with their
   * password hashes and every change) become records once, with the fingerprint of the seed they
   * came from, and the file is renamed to directory.json.imported.
   */
  private async takeOverLegacyFile(file: string, logger: Logger): Promise<void> {
    if (!existsSync(file) || (await this.store.get(directory, 'seed'))) return;
    let legacy: DirectoryFile;
    try {
      legacy = JSON.parse(await readFile(file, 'utf8')) as DirectoryFile;
    } catch (error) {
      throw new SeedError(file, [`is not valid JSON: ${(error as Error).message}`]);
    }
    const seed: Seed = { tenant: { ...legacy.tenant, termsOfUse: legacy.termsOfUse }, users: legacy.users };
    const meta = legacy.meta;
    await this.importSeed(seed, { format: 2, seedFile: meta.seedFile, seedSha256: meta.seedSha256, importedAt: meta.importedAt, userIds: [] }, logger);
    await rename(file, `${file}.imported`);
    logger.info('directory taken over from directory.json', { users: legacy.users.length });
  }

  /** A user's record to read (frozen, shared with other readers: what a turn looks up, without a copy each time). */
  private async user(userId: string): Promise<StoredUser | undefined> {
    return (await this.store.view<StoredUser>(users, userId))?.value;
  }

  private async tenantRecord(): Promise<TenantRecord> {
    return (await this.store.view<TenantRecord>(directory, 'tenant'))?.value ?? noTenant;
  }

  /**
   * Changes one user's record: `edit` gets a copy of the current record, read at its version, and
   * says whether to write it. On a conflict with another process the record is read and edited again.
   */
  private async change<R extends Result<unknown, string>>(userId: string, edit: (user: StoredUser) => R): Promise<R | Result<never, NotFound>> {
    const outcome: { result: R | Result<never, NotFound> } = { result: fail('notFound') };
    await updateRecord<StoredUser>(this.store, users, userId, (current) => {
      if (!current) {
        outcome.result = fail('notFound');
        return undefined;
      }
      const user = structuredClone(current);
      outcome.result = edit(user);
      return outcome.result.ok ? user : undefined;
    });
    return outcome.result;
  }

  /** Demo sign-in page only: the accounts a visitor can pick from, in the seed's order. Not part of the Directory port. */
  async demoAccounts(): Promise<{ userPrincipalName: string; displayName: string; preferredLanguage?: string }[]> {
    const [all, seed] = await Promise.all([this.store.list<StoredUser>(users), this.store.get<SeedRecord>(directory, 'seed')]);
    const order = new Map((seed?.value.userIds ?? []).map((id, i) => [id, i]));
    return all
      .map((r) => r.value)
      .filter((u) => u.passwordHash && bool(u.accountEnabled, true))
      .sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity))
      .map((u) => ({ userPrincipalName: u.userPrincipalName, displayName: u.displayName, preferredLanguage: str(u.preferredLanguage) }));
  }

  async tenant(): Promise<TenantInfo> {
    const { tenant } = await this.tenantRecord();
    let info = tenantsOfRecords.get(tenant);
    if (!info) tenantsOfRecords.set(tenant, (info = freezeJson(tenantInfoOf(tenant))));
    return info;
  }

  async findUserById(userId: string): Promise<DirectoryUser | undefined> {
    const u = await this.user(userId);
    return u ? userOf(u) : undefined;
  }

  async findUserByPrincipalName(userPrincipalName: string): Promise<DirectoryUser | undefined> {
    const entry = await this.store.view<{ userId: string }>(names, nameKey(userPrincipalName));
    const u = entry ? await this.user(entry.value.userId) : undefined;
    return u && nameKey(u.userPrincipalName) === nameKey(userPrincipalName) ? userOf(u) : undefined;
  }

  async getProfile(userId: string): Promise<Profile | undefined> {
    const u = await this.user(userId);
    if (!u) return undefined;
    const user = userOf(u);
    const m = user.managerId ? await this.user(user.managerId) : undefined;
    return { ...user, manager: m ? { id: m.id, displayName: m.displayName, jobTitle: str(m.jobTitle) } : undefined };
  }

  /** An unknown user id costs the same scrypt run as a known one (a dummy hash), and never matches. */
  async verifyPassword(userId: string, password: string): Promise<boolean> {
    return verifyPassword(password, (await this.user(userId))?.passwordHash);
  }

  changePassword(userId: string, current: string, next: string, options: PasswordOptions): Promise<Result<void, NotFound | 'wrongCurrent' | PasswordRefusal>> {
    return changeLocalPassword(this, userId, current, next, options);
  }

  resetPassword(userId: string, next: string, options: PasswordOptions): Promise<Result<void, NotFound | PasswordRefusal>> {
    return resetLocalPassword(this, userId, next, options);
  }

  capabilities(): readonly CapabilityPlan[] {
    return embeddedCapabilities();
  }

  async isRecentPassword(userId: string, candidate: string, count: number): Promise<boolean> {
    const u = await this.user(userId);
    if (!u) return false;
    const hashes = [u.passwordHash, ...u.passwordHistory.slice(0, Math.max(0, count - 1))];
    for (const hash of hashes) if (await verifyPassword(candidate, hash)) return true;
    return false;
  }

  async setPassword(userId: string, newPassword: string, options: { unlock: boolean; at: Date }): Promise<Result<void, 'notFound'>> {
    if (!(await this.user(userId))) return fail('notFound');
    const hash = await hashPassword(newPassword);
    return this.change(userId, (u) => {
      if (u.passwordHash) u.passwordHistory = [u.passwordHash, ...u.passwordHistory].slice(0, 24);
      u.passwordHash = hash;
      u.lastPasswordChangeDateTime = options.at.toISOString();
      if (options.unlock) u.lockedOut = false;
      return ok(undefined);
    });
  }

  async listAuthenticationMethods(userId: string): Promise<readonly AuthenticationMethod[]> {
    return ((await this.user(userId))?.authenticationMethods ?? []).map(toMethod);
  }

  addAuthenticationMethod(userId: string, method: NewAuthenticationMethod): Promise<Result<AuthenticationMethod, 'notFound'>> {
    const { kind, ...fields } = method;
    const stored: SeedObject = { '@odata.type': odataTypes[kind], id: crypto.randomUUID(), ...fields };
    return this.change(userId, (u) => {
      u.authenticationMethods.push(stored);
      return ok(toMethod(stored));
    });
  }

  removeAuthenticationMethod(userId: string, methodId: string): Promise<Result<void, 'notFound'>> {
    return this.change(userId, (u) => {
      const index = u.authenticationMethods.findIndex((m) => m.id === methodId);
      if (index < 0) return fail('notFound');
      u.authenticationMethods.splice(index, 1);
      return ok(undefined);
    });
  }

  async getSignInPreferences(userId: string): Promise<SignInPreferences | undefined> {
    const u = await this.user(userId);
    if (!u) return undefined;
    const preferred = str(u.signInPreferences.userPreferredMethodForSecondaryAuthentication) ?? 'none';
    return { userPreferredMethodForSecondaryAuthentication: preferred as PreferredSecondaryMethod };
  }

  setSignInPreferences(userId: string, preferences: SignInPreferences): Promise<Result<void, 'notFound'>> {
    return this.change(userId, (u) => {
      u.signInPreferences = { ...u.signInPreferences, ...preferences };
      return ok(undefined);
    });
  }

  async listDevices(userId: string): Promise<readonly Device[]> {
    return ((await this.user(userId))?.devices ?? []).map(toDevice);
  }

  disableDevice(userId: string, deviceId: string): Promise<Result<Device, 'notFound'>> {
    return this.change(userId, (u) => {
      const d = u.devices.find((x) => x.id === deviceId);
      if (!d) return fail('notFound');
      d.accountEnabled = false;
      return ok(toDevice(d));
    });
  }

  async listOrganizations(userId: string): Promise<readonly Organization[]> {
    const [u, { tenant }] = await Promise.all([this.user(userId), this.tenantRecord()]);
    if (!u) return [];
    const home = String(tenant.id);
    const organizations = u.organizations.map((o) => toOrganization(o, home));
    // Every account has a home organization, the tenant itself, as My Account always shows it;
    // a seed that lists only the guest organizations (or none) leaves it to be said here.
    if (organizations.some((o) => o.isHome)) return organizations;
    const info = tenantInfoOf(tenant);
    return [{ tenantId: info.id, displayName: info.displayName, defaultDomain: info.verifiedDomains[0], isHome: true, allowsSelfLeave: false }, ...organizations];
  }

  async leaveOrganization(userId: string, tenantId: string): Promise<Result<void, 'notFound' | 'homeOrganization' | 'leaveNotAllowed'>> {
    const home = String((await this.tenantRecord()).tenant.id);
    return this.change(userId, (u) => {
      const index = u.organizations.findIndex((o) => o.tenantId === tenantId);
      if (index < 0) return fail(tenantId === home ? 'homeOrganization' : 'notFound');
      const org = toOrganization(u.organizations[index] as SeedObject, home);
      if (org.isHome) return fail('homeOrganization');
      if (!org.allowsSelfLeave) return fail('leaveNotAllowed');
      u.organizations.splice(index, 1);
      return ok(undefined);
    });
  }

  async listTermsOfUse(): Promise<readonly TermsOfUse[]> {
    return (await this.tenantRecord()).termsOfUse.map(termsOfUseOf);
  }

  async listAgreementAcceptances(userId: string): Promise<readonly AgreementAcceptance[]> {
    return ((await this.user(userId))?.agreementAcceptances ?? []).map((a) => ({
      agreementId: String(a.agreementId),
      agreementVersion: String(a.agreementVersion),
      state: a.state === 'declined' ? 'declined' : 'accepted',
      recordedDateTime: str(a.recordedDateTime) ?? '',
    }));
  }

  async recordAgreementDecision(userId: string, decision: AgreementAcceptance): Promise<Result<void, 'notFound'>> {
    if (!(await this.tenantRecord()).termsOfUse.some((a) => a.id === decision.agreementId)) return fail('notFound');
    return this.change(userId, (u) => {
      u.agreementAcceptances = [...u.agreementAcceptances.filter((a) => a.agreementId !== decision.agreementId), { ...decision }];
      return ok(undefined);
    });
  }

  revokeSignInSessions(userId: string, at: Date): Promise<Result<void, 'notFound'>> {
    return this.change(userId, (u) => {
      u.signInSessionsValidFromDateTime = at.toISOString();
      return ok(undefined);
    });
  }

  async listSignIns(userId: string, top: number): Promise<readonly SignIn[]> {
    const rows = ((await this.user(userId))?.signIns ?? []).map((s) => ({
      ...(s as object),
      id: String(s.id),
      createdDateTime: String(s.createdDateTime),
      status: { ...((s.status ?? {})) },
    }));
    rows.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
    return rows.slice(0, Math.max(0, top));
  }
}
