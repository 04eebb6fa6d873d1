// An in-memory Directory for unit tests, built from a small plain fixture: a tenant with its policy
// and a few people with their methods, devices and organizations. Passwords are kept in plain text
// (it's a fake); every call that names an object is scoped to the user, as the port requires.
import type {
  AgreementAcceptance, AuthenticationMethod, Device, Directory, DirectoryUser, NewAuthenticationMethod, Organization,
  NotFound, PasswordOptions, PasswordRefusal, PreferredSecondaryMethod, Profile, SignIn, SignInPreferences, TenantInfo, TenantPolicy, TermsOfUse,
} from '../../bot/core/ports/directory.js';
import { embeddedCapabilities, type CapabilityPlan } from '../../bot/core/capabilities.js';
import { changeLocalPassword, resetLocalPassword } from '../../bot/adapters/embedded/localPasswords.js';
import { fail, ok, type Result } from '../../bot/core/result.js';

export const homeTenantId = 'tenant-contoso';

/** The policy every test starts from; a test changes what its rule is about with `tenant({ policy })`. */
export const basePolicy: TenantPolicy = {
  selfServicePasswordReset: { enabled: true, gates: 1, methods: ['email', 'mobilePhone', 'microsoftAuthenticator'] },
  password: { minLength: 12, requiredCharacterClasses: 3, bannedWords: ['contoso', 'password'], historyCount: 3 },
  verificationCode: { length: 6, ttlSeconds: 300, maxAttempts: 3, maxSendsPerHour: 5, lockoutMinutes: 30 },
  stepUpMinutes: 10,
};

export type PolicyOverrides = { readonly [K in keyof TenantPolicy]?: TenantPolicy[K] extends object ? Partial<TenantPolicy[K]> : TenantPolicy[K] };

export function tenant(overrides: Partial<Omit<TenantInfo, 'policy'>> & { readonly policy?: PolicyOverrides } = {}): TenantInfo {
  const { policy = {}, ...rest } = overrides;
  return {
    id: homeTenantId,
    displayName: 'Contoso',
    verifiedDomains: ['contoso.com'],
    helpdesk: { displayName: 'Contoso IT Helpdesk', email: 'helpdesk@contoso.com', phone: '+46 8 555 000 00', agents: ['user-sven', 'user-camille'] },
    ...rest,
    policy: {
      selfServicePasswordReset: { ...basePolicy.selfServicePasswordReset, ...policy.selfServicePasswordReset },
      password: { ...basePolicy.password, ...policy.password },
      verificationCode: { ...basePolicy.verificationCode, ...policy.verificationCode },
      stepUpMinutes: policy.stepUpMinutes ?? basePolicy.stepUpMinutes,
    },
  };
}

// Methods, shaped as Graph returns them.
export const mobilePhone = (id: string, phoneNumber: string, phoneType: 'mobile' | 'alternateMobile' | 'office' = 'mobile'): AuthenticationMethod =>
  ({ id, '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', kind: 'phone', phoneNumber, phoneType });
export const officePhone = (id: string, phoneNumber: string): AuthenticationMethod => mobilePhone(id, phoneNumber, 'office');
export const emailMethod = (id: string, emailAddress: string): AuthenticationMethod =>
  ({ id, '@odata.type': '#microsoft.graph.emailAuthenticationMethod', kind: 'email', emailAddress });
export const authenticatorApp = (id: string, displayName: string): AuthenticationMethod =>
  ({ id, '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', kind: 'microsoftAuthenticator', displayName, deviceTag: 'SoftwareTokenActivated' });
export const fido2Key = (id: string, model: string): AuthenticationMethod =>
  ({ id, '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', kind: 'fido2', displayName: model, model });

export const device = (id: string, displayName: string, overrides: Partial<Device> = {}): Device =>
  ({ id, deviceId: `${id}-device`, displayName, operatingSystem: 'Windows', accountEnabled: true, approximateLastSignInDateTime: '2025-03-09T08:00:00.000Z', ...overrides });

export const homeOrganization: Organization = { tenantId: homeTenantId, displayName: 'Contoso', defaultDomain: 'contoso.com', isHome: true, allowsSelfLeave: false };
export const guestOrganization = (tenantId: string, displayName: string, allowsSelfLeave = true): Organization =>
  ({ tenantId, displayName, defaultDomain: `${displayName.toLowerCase()}.com`, isHome: false, allowsSelfLeave });

/** A person as a test describes them: the directory user and everything the directory keeps about them. */
export interface UserFixture extends DirectoryUser {
  readonly password?: string;
  /** Earlier passwords, newest first. */
  readonly previousPasswords?: readonly string[];
  readonly methods: readonly AuthenticationMethod[];
  readonly preference: PreferredSecondaryMethod;
  readonly devices: readonly Device[];
  readonly organizations: readonly Organization[];
  readonly agreements: readonly AgreementAcceptance[];
  readonly signIns: readonly SignIn[];
}

const person = (base: UserFixture) => (overrides: Partial<UserFixture> = {}): UserFixture => ({ ...base, ...overrides });

const nobodyElse = { otherMails: [], businessPhones: [], accountEnabled: true, lockedOut: false, selfServicePasswordResetRegistered: true, agreements: [], signIns: [] } as const;

/** Anna: every kind of method (two of which cannot receive a code), an Authenticator on her phone as the default, a laptop, guest of two organizations. */
export const anna = person({
  ...nobodyElse,
  id: 'user-anna', userPrincipalName: 'anna.lindqvist@contoso.com', displayName: 'Anna Lindqvist', givenName: 'Anna', surname: 'Lindqvist',
  mail: 'anna.lindqvist@contoso.com', preferredLanguage: 'en-US', managerId: 'user-sven',
  password: 'Winter-Morning-42', previousPasswords: ['Autumn-Leaves-Fall-7', 'Summer-Rain-Drops-3', 'Spring-Blossom-Day-9'],
  methods: [
    mobilePhone('anna-mobile', '+46 70 123 45 67'),
    emailMethod('anna-email', 'anna.private@example.net'),
    authenticatorApp('anna-authenticator', 'Pixel 8'),
    officePhone('anna-office', '+46 8 555 010 00'),
    fido2Key('anna-fido2', 'YubiKey 5 NFC'),
  ],
  preference: 'push',
  devices: [device('dev-anna-phone', 'Pixel 8', { operatingSystem: 'Android' }), device('dev-anna-laptop', 'CON-LT-0142')],
  organizations: [homeOrganization, guestOrganization('tenant-fabrikam', 'Fabrikam'), guestOrganization('tenant-northwind', 'Northwind', false)],
});

/** Bert: one mobile phone, texts as his default, one phone device. */
export const bert = person({
  ...nobodyElse,
  id: 'user-bert', userPrincipalName: 'bert.jansen@contoso.com', displayName: 'Bert Jansen', givenName: 'Bert', surname: 'Jansen',
  mail: 'bert.jansen@contoso.com', preferredLanguage: 'nl-NL',
  password: 'Gracht-Fiets-Kaas-11',
  methods: [mobilePhone('bert-mobile', '+31 6 12345678')],
  preference: 'sms',
  devices: [device('dev-bert-phone', 'Bert iPhone', { operatingSystem: 'iOS' })],
  organizations: [homeOrganization],
});

/** Sven and Camille: helpdesk agents, in Swedish and in French. */
export const sven = person({
  ...nobodyElse,
  id: 'user-sven', userPrincipalName: 'sven.berg@contoso.com', displayName: 'Sven Berg', givenName: 'Sven', surname: 'Berg',
  mail: 'sven.berg@contoso.com', preferredLanguage: 'sv-SE', password: 'Fjall-Sjo-Skog-2024',
  methods: [emailMethod('sven-email', 'sven@example.se')], preference: 'none', devices: [], organizations: [homeOrganization],
});
export const camille = person({
  ...nobodyElse,
  id: 'user-camille', userPrincipalName: 'camille.durand@contoso.com', displayName: 'Camille Durand', givenName: 'Camille', surname: 'Durand',
  mail: 'camille.durand@contoso.com', preferredLanguage: 'fr-FR', password: 'Baguette-Velo-Lune-8',
  methods: [emailMethod('camille-email', 'camille@example.fr')], preference: 'none', devices: [], organizations: [homeOrganization],
});

export const termsOfUse: readonly TermsOfUse[] = [
  { id: 'tou-it', displayName: 'IT acceptable use', version: '2', content: { en: 'Use IT resources responsibly.', sv: 'Använd IT-resurser ansvarsfullt.' } },
];

export interface DirectoryFixture {
  readonly tenant?: TenantInfo;
  /** Anna, Bert, Sven and Camille when not given. */
  readonly users?: readonly UserFixture[];
  readonly termsOfUse?: readonly TermsOfUse[];
}

interface Stored {
  user: DirectoryUser;
  password?: string;
  previousPasswords: string[];
  methods: AuthenticationMethod[];
  preference: PreferredSecondaryMethod;
  devices: Device[];
  organizations: Organization[];
  agreements: AgreementAcceptance[];
  signIns: SignIn[];
}

export class MemoryDirectory implements Directory {
  private readonly tenantInfo: TenantInfo;
  private readonly users = new Map<string, Stored>();
  private readonly agreements: readonly TermsOfUse[];
  private methodCount = 0;

  constructor(fixture: DirectoryFixture = {}) {
    // A copy, so that no test changes a fixture another test reads.
    const copy = structuredClone(fixture);
    this.tenantInfo = copy.tenant ?? tenant();
    this.agreements = copy.termsOfUse ?? termsOfUse;
    for (const u of copy.users ?? [anna(), bert(), sven(), camille()]) {
      const { password, previousPasswords = [], methods, preference, devices, organizations, agreements, signIns, ...user } = u;
      this.users.set(user.id, {
        user, password, previousPasswords: [...previousPasswords], preference,
        methods: [...methods], devices: [...devices], organizations: [...organizations], agreements: [...agreements], signIns: [...signIns],
      });
    }
  }

  tenant(): Promise<TenantInfo> {
    return Promise.resolve(this.tenantInfo);
  }

  findUserById(userId: string): Promise<DirectoryUser | undefined> {
    return Promise.resolve(this.users.get(userId)?.user);
  }

  findUserByPrincipalName(userPrincipalName: string): Promise<DirectoryUser | undefined> {
    const wanted = userPrincipalName.trim().toLowerCase();
    return Promise.resolve([...this.users.values()].find((s) => s.user.userPrincipalName.toLowerCase() === wanted)?.user);
  }

  getProfile(userId: string): Promise<Profile | undefined> {
    const user = this.users.get(userId)?.user;
    if (!user) return Promise.resolve(undefined);
    const manager = user.managerId ? this.users.get(user.managerId)?.user : undefined;
    return Promise.resolve({ ...user, manager: manager && { id: manager.id, displayName: manager.displayName, jobTitle: manager.jobTitle } });
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

  verifyPassword(userId: string, password: string): Promise<boolean> {
    const stored = this.users.get(userId)?.password;
    return Promise.resolve(stored !== undefined && stored === password);
  }

  /** `count` includes the current password, as the rules the user reads say ("one of your last {history} passwords"). */
  isRecentPassword(userId: string, candidate: string, count: number): Promise<boolean> {
    const s = this.users.get(userId);
    if (!s) return Promise.resolve(false);
    return Promise.resolve([s.password, ...s.previousPasswords.slice(0, Math.max(0, count - 1))].includes(candidate));
  }

  setPassword(userId: string, newPassword: string, options: { readonly unlock: boolean; readonly at: Date }): Promise<Result<void, 'notFound'>> {
    const s = this.users.get(userId);
    if (!s) return Promise.resolve(fail('notFound'));
    if (s.password !== undefined) s.previousPasswords.unshift(s.password);
    s.password = newPassword;
    s.user = { ...s.user, lastPasswordChangeDateTime: options.at.toISOString(), lockedOut: options.unlock ? false : s.user.lockedOut };
    return Promise.resolve(ok(undefined));
  }

  listAuthenticationMethods(userId: string): Promise<readonly AuthenticationMethod[]> {
    return Promise.resolve([...(this.users.get(userId)?.methods ?? [])]);
  }

  addAuthenticationMethod(userId: string, method: NewAuthenticationMethod): Promise<Result<AuthenticationMethod, 'notFound'>> {
    const s = this.users.get(userId);
    if (!s) return Promise.resolve(fail('notFound'));
    this.methodCount += 1;
    const id = `added-${this.methodCount}`;
    const added = method.kind === 'phone' ? mobilePhone(id, method.phoneNumber, method.phoneType)
      : method.kind === 'email' ? emailMethod(id, method.emailAddress)
        : authenticatorApp(id, method.displayName);
    s.methods.push(added);
    return Promise.resolve(ok(added));
  }

  removeAuthenticationMethod(userId: string, methodId: string): Promise<Result<void, 'notFound'>> {
    const s = this.users.get(userId);
    const index = s?.methods.findIndex((m) => m.id === methodId) ?? -1;
    if (!s || index < 0) return Promise.resolve(fail('notFound'));
    s.methods.splice(index, 1);
    return Promise.resolve(ok(undefined));
  }

  getSignInPreferences(userId: string): Promise<SignInPreferences | undefined> {
    const s = this.users.get(userId);
    return Promise.resolve(s && { userPreferredMethodForSecondaryAuthentication: s.preference });
  }

  setSignInPreferences(userId: string, preferences: SignInPreferences): Promise<Result<void, 'notFound'>> {
    const s = this.users.get(userId);
    if (!s) return Promise.resolve(fail('notFound'));
    s.preference = preferences.userPreferredMethodForSecondaryAuthentication;
    return Promise.resolve(ok(undefined));
  }

  listDevices(userId: string): Promise<readonly Device[]> {
    return Promise.resolve([...(this.users.get(userId)?.devices ?? [])]);
  }

  disableDevice(userId: string, deviceId: string): Promise<Result<Device, 'notFound'>> {
    const s = this.users.get(userId);
    const index = s?.devices.findIndex((d) => d.id === deviceId) ?? -1;
    const current = s?.devices[index];
    if (!s || !current) return Promise.resolve(fail('notFound'));
    const disabled = { ...current, accountEnabled: false };
    s.devices[index] = disabled;
    return Promise.resolve(ok(disabled));
  }

  listOrganizations(userId: string): Promise<readonly Organization[]> {
    return Promise.resolve([...(this.users.get(userId)?.organizations ?? [])]);
  }

  leaveOrganization(userId: string, tenantId: string): Promise<Result<void, 'notFound' | 'homeOrganization' | 'leaveNotAllowed'>> {
    const s = this.users.get(userId);
    const organization = s?.organizations.find((o) => o.tenantId === tenantId);
    if (!s || !organization) return Promise.resolve(fail('notFound'));
    if (organization.isHome) return Promise.resolve(fail('homeOrganization'));
    if (!organization.allowsSelfLeave) return Promise.resolve(fail('leaveNotAllowed'));
    s.organizations = s.organizations.filter((o) => o !== organization);
    return Promise.resolve(ok(undefined));
  }

  listTermsOfUse(): Promise<readonly TermsOfUse[]> {
    return Promise.resolve(this.agreements);
  }

  listAgreementAcceptances(userId: string): Promise<readonly AgreementAcceptance[]> {
    return Promise.resolve([...(this.users.get(userId)?.agreements ?? [])]);
  }

  recordAgreementDecision(userId: string, decision: AgreementAcceptance): Promise<Result<void, 'notFound'>> {
    const s = this.users.get(userId);
    if (!s || !this.agreements.some((a) => a.id === decision.agreementId)) return Promise.resolve(fail('notFound'));
    s.agreements = [...s.agreements.filter((a) => a.agreementId !== decision.agreementId), decision];
    return Promise.resolve(ok(undefined));
  }

  revokeSignInSessions(userId: string, at: Date): Promise<Result<void, 'notFound'>> {
    const s = this.users.get(userId);
    if (!s) return Promise.resolve(fail('notFound'));
    s.user = { ...s.user, signInSessionsValidFromDateTime: at.toISOString() };
    return Promise.resolve(ok(undefined));
  }

  listSignIns(userId: string, top: number): Promise<readonly SignIn[]> {
    const newestFirst = [...(this.users.get(userId)?.signIns ?? [])].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
    return Promise.resolve(newestFirst.slice(0, Math.max(0, top)));
  }
}

export const memoryDirectory = (fixture: DirectoryFixture = {}): MemoryDirectory => new MemoryDirectory(fixture);
