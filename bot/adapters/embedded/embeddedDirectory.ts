// The embedded directory: a local twin of the Microsoft Graph data model kept in DATA_DIR with lowdb.
// The seed is imported on first start (passwords hashed) and changes persist in DATA_DIR after that.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type {
  AgreementAcceptance, AuthenticationMethod, AuthenticationMethodKind, Device, Directory, DirectoryUser,
  NewAuthenticationMethod, Organization, PreferredSecondaryMethod, Profile, SignIn, SignInPreferences,
  TenantInfo, TenantPolicy, TermsOfUse,
} from '../../core/ports/directory.js';
import { fail, ok, type Result } from '../../core/result.js';
import type { Logger } from '../../logger.js';
import { hashPassword, isPasswordHash, verifyPassword } from './passwordHash.js';
import { readSeedFile, seedAgreements, SeedError, validateSeed, type Seed, type SeedObject } from './tenantSeed.js';

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

interface DirectoryFile {
  meta: { format: 1; seedFile: string; seedSha256: string; importedAt: string };
  tenant: SeedObject;
  termsOfUse: SeedObject[];
  users: StoredUser[];
}

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

async function importSeed(seed: Seed, seedFile: string, seedSha256: string, at: Date): Promise<DirectoryFile> {
  const users: StoredUser[] = [];
  for (const raw of seed.users) {
    const { password, ...rest } = raw;
    const passwordHash = typeof password === 'string' ? await hashPassword(password) : isPasswordHash(rest.passwordHash) ? rest.passwordHash : undefined;
    users.push({
      ...rest,
      id: String(raw.id),
      userPrincipalName: String(raw.userPrincipalName),
      displayName: String(raw.displayName),
      passwordHash,
      passwordHistory: [],
      authenticationMethods: objects(raw.authenticationMethods),
      devices: objects(raw.devices),
      organizations: objects(raw.organizations),
      agreementAcceptances: objects(raw.agreementAcceptances),
      signIns: objects(raw.signIns),
      signInPreferences: (raw.signInPreferences as SeedObject | undefined) ?? { userPreferredMethodForSecondaryAuthentication: 'none' },
    });
  }
  const { termsOfUse: _inTenant, ...tenant } = seed.tenant;
  return {
    meta: { format: 1, seedFile, seedSha256, importedAt: at.toISOString() },
    tenant,
    termsOfUse: seedAgreements(seed),
    users,
  };
}

export interface EmbeddedDirectoryOptions {
  readonly dataDir: string;
  readonly seedFile: string;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export class EmbeddedDirectory implements Directory {
  private constructor(private readonly db: Low<DirectoryFile>) {}

  /**
   * Opens the directory in DATA_DIR, importing the seed on first start or when the seed file changed.
   * Throws SeedError (naming the field) when the seed or the stored copy is invalid.
   */
  static async open(options: EmbeddedDirectoryOptions): Promise<EmbeddedDirectory> {
    const now = options.now ?? (() => new Date());
    const { seed, text } = await readSeedFile(options.seedFile);
    const seedSha256 = createHash('sha256').update(text).digest('hex');
    await mkdir(options.dataDir, { recursive: true });
    const file = path.join(options.dataDir, 'directory.json');
    const empty: DirectoryFile = { meta: { format: 1, seedFile: '', seedSha256: '', importedAt: '' }, tenant: {}, termsOfUse: [], users: [] };
    const db = new Low<DirectoryFile>(new JSONFile<DirectoryFile>(file), empty);
    if (existsSync(file)) {
      try {
        await db.read();
      } catch (error) {
        throw new SeedError(file, [`is not valid JSON: ${(error as Error).message}`]);
      }
      const stored = db.data as DirectoryFile | undefined;
      if (stored?.meta?.seedSha256 === seedSha256) {
        await validateSeed({ tenant: stored.tenant, users: stored.users, termsOfUse: stored.termsOfUse }, file);
        return new EmbeddedDirectory(db);
      }
      const backup = `${file}.${now().toISOString().replace(/[:.]/g, '-')}.bak`;
      await copyFile(file, backup);
      options.logger.warn('tenant seed changed since the last import; importing it again', { seedFile: options.seedFile, backup });
    }
    db.data = await importSeed(seed, options.seedFile, seedSha256, now());
    await db.write();
    options.logger.info('tenant seed imported', { seedFile: options.seedFile, users: seed.users.length });
    return new EmbeddedDirectory(db);
  }

  private get data(): DirectoryFile {
    return this.db.data;
  }

  private user(userId: string): StoredUser | undefined {
    return this.data.users.find((u) => u.id === userId);
  }

  /** Demo sign-in page only: the accounts a visitor can pick from. Not part of the Directory port. */
  demoAccounts(): { userPrincipalName: string; displayName: string; preferredLanguage?: string }[] {
    return this.data.users
      .filter((u) => u.passwordHash && bool(u.accountEnabled, true))
      .map((u) => ({ userPrincipalName: u.userPrincipalName, displayName: u.displayName, preferredLanguage: str(u.preferredLanguage) }));
  }

  tenant(): Promise<TenantInfo> {
    const t = this.data.tenant;
    const helpdesk = (t.helpdesk ?? {}) as SeedObject;
    return Promise.resolve({
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
    });
  }

  findUserById(userId: string): Promise<DirectoryUser | undefined> {
    const u = this.user(userId);
    return Promise.resolve(u ? toUser(u) : undefined);
  }

  findUserByPrincipalName(userPrincipalName: string): Promise<DirectoryUser | undefined> {
    const wanted = userPrincipalName.trim().toLowerCase();
    const u = this.data.users.find((x) => x.userPrincipalName.toLowerCase() === wanted);
    return Promise.resolve(u ? toUser(u) : undefined);
  }

  getProfile(userId: string): Promise<Profile | undefined> {
    const u = this.user(userId);
    if (!u) return Promise.resolve(undefined);
    const user = toUser(u);
    const m = user.managerId ? this.user(user.managerId) : undefined;
    return Promise.resolve({ ...user, manager: m ? { id: m.id, displayName: m.displayName, jobTitle: str(m.jobTitle) } : undefined });
  }

  /** An unknown user id costs the same scrypt run as a known one (a dummy hash), and never matches. */
  async verifyPassword(userId: string, password: string): Promise<boolean> {
    return verifyPassword(password, this.user(userId)?.passwordHash);
  }

  async isRecentPassword(userId: string, candidate: string, count: number): Promise<boolean> {
    const u = this.user(userId);
    if (!u) return false;
    const hashes = [u.passwordHash, ...u.passwordHistory.slice(0, Math.max(0, count - 1))];
    for (const hash of hashes) if (await verifyPassword(candidate, hash)) return true;
    return false;
  }

  async setPassword(userId: string, newPassword: string, options: { unlock: boolean; at: Date }): Promise<Result<void, 'notFound'>> {
    const u = this.user(userId);
    if (!u) return fail('notFound');
    const hash = await hashPassword(newPassword);
    if (u.passwordHash) u.passwordHistory = [u.passwordHash, ...u.passwordHistory].slice(0, 24);
    u.passwordHash = hash;
    u.lastPasswordChangeDateTime = options.at.toISOString();
    if (options.unlock) u.lockedOut = false;
    await this.db.write();
    return ok(undefined);
  }

  listAuthenticationMethods(userId: string): Promise<readonly AuthenticationMethod[]> {
    return Promise.resolve((this.user(userId)?.authenticationMethods ?? []).map(toMethod));
  }

  async addAuthenticationMethod(userId: string, method: NewAuthenticationMethod): Promise<Result<AuthenticationMethod, 'notFound'>> {
    const u = this.user(userId);
    if (!u) return fail('notFound');
    const { kind, ...fields } = method;
    const stored: SeedObject = { '@odata.type': odataTypes[kind], id: crypto.randomUUID(), ...fields };
    u.authenticationMethods.push(stored);
    await this.db.write();
    return ok(toMethod(stored));
  }

  async removeAuthenticationMethod(userId: string, methodId: string): Promise<Result<void, 'notFound'>> {
    const u = this.user(userId);
    const index = u?.authenticationMethods.findIndex((m) => m.id === methodId) ?? -1;
    if (!u || index < 0) return fail('notFound');
    u.authenticationMethods.splice(index, 1);
    await this.db.write();
    return ok(undefined);
  }

  getSignInPreferences(userId: string): Promise<SignInPreferences | undefined> {
    const u = this.user(userId);
    if (!u) return Promise.resolve(undefined);
    const preferred = str(u.signInPreferences.userPreferredMethodForSecondaryAuthentication) ?? 'none';
    return Promise.resolve({ userPreferredMethodForSecondaryAuthentication: preferred as PreferredSecondaryMethod });
  }

  async setSignInPreferences(userId: string, preferences: SignInPreferences): Promise<Result<void, 'notFound'>> {
    const u = this.user(userId);
    if (!u) return fail('notFound');
    u.signInPreferences = { ...u.signInPreferences, ...preferences };
    await this.db.write();
    return ok(undefined);
  }

  listDevices(userId: string): Promise<readonly Device[]> {
    return Promise.resolve((this.user(userId)?.devices ?? []).map(toDevice));
  }

  async disableDevice(userId: string, deviceId: string): Promise<Result<Device, 'notFound'>> {
    const d = this.user(userId)?.devices.find((x) => x.id === deviceId);
    if (!d) return fail('notFound');
    d.accountEnabled = false;
    await this.db.write();
    return ok(toDevice(d));
  }

  listOrganizations(userId: string): Promise<readonly Organization[]> {
    const home = String(this.data.tenant.id);
    return Promise.resolve((this.user(userId)?.organizations ?? []).map((o) => toOrganization(o, home)));
  }

  async leaveOrganization(userId: string, tenantId: string): Promise<Result<void, 'notFound' | 'homeOrganization' | 'leaveNotAllowed'>> {
    const u = this.user(userId);
    const index = u?.organizations.findIndex((o) => o.tenantId === tenantId) ?? -1;
    if (!u || index < 0) return fail('notFound');
    const org = toOrganization(u.organizations[index] as SeedObject, String(this.data.tenant.id));
    if (org.isHome) return fail('homeOrganization');
    if (!org.allowsSelfLeave) return fail('leaveNotAllowed');
    u.organizations.splice(index, 1);
    await this.db.write();
    return ok(undefined);
  }

  listTermsOfUse(): Promise<readonly TermsOfUse[]> {
    return Promise.resolve(this.data.termsOfUse.map((a) => ({
      id: String(a.id),
      displayName: String(a.displayName),
      version: String(a.version),
      content: (a.content ?? {}) as Record<string, string>,
    })));
  }

  listAgreementAcceptances(userId: string): Promise<readonly AgreementAcceptance[]> {
    return Promise.resolve((this.user(userId)?.agreementAcceptances ?? []).map((a) => ({
      agreementId: String(a.agreementId),
      agreementVersion: String(a.agreementVersion),
      state: a.state === 'declined' ? 'declined' : 'accepted',
      recordedDateTime: str(a.recordedDateTime) ?? '',
    })));
  }

  async recordAgreementDecision(userId: string, decision: AgreementAcceptance): Promise<Result<void, 'notFound'>> {
    const u = this.user(userId);
    if (!u || !this.data.termsOfUse.some((a) => a.id === decision.agreementId)) return fail('notFound');
    u.agreementAcceptances = [...u.agreementAcceptances.filter((a) => a.agreementId !== decision.agreementId), { ...decision }];
    await this.db.write();
    return ok(undefined);
  }

  async revokeSignInSessions(userId: string, at: Date): Promise<Result<void, 'notFound'>> {
    const u = this.user(userId);
    if (!u) return fail('notFound');
    u.signInSessionsValidFromDateTime = at.toISOString();
    await this.db.write();
    return ok(undefined);
  }

  listSignIns(userId: string, top: number): Promise<readonly SignIn[]> {
    const rows = (this.user(userId)?.signIns ?? []).map((s) => ({
      ...(s as object),
      id: String(s.id),
      createdDateTime: String(s.createdDateTime),
      status: { errorCode: 0, ...((s.status ?? {})) },
    }));
    rows.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
    return Promise.resolve(rows.slice(0, Math.max(0, top)));
  }
}
