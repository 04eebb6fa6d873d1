// The Directory port over Microsoft Graph: the same domain objects as the embedded tenant, from a
// real Entra ID tenant. What Graph lets a user do to their own account goes with the user's token
// (delegated, /me); what an admin opted into goes with the assistant's own identity (application,
// /users/{id}), only after the dialogs verified the user and for ids the user owns; the rest is
// portal-only (see core/capabilities.ts) and refused here as "notSupported". The tenant's own
// settings (helpdesk, password policy, time zones, agreement titles and texts) come from the
// settings file, since a normal user cannot read them from Graph.
import type * as Graph from '@microsoft/microsoft-graph-types';
import { graphCapabilities, type AccountCapability, type CapabilityPlan, type PrivilegedCapability } from '../../core/capabilities.js';
import {
  DirectoryError, type AgreementAcceptance, type AuthenticationMethod, type AuthenticationMethodKind, type Device, type Directory,
  type DirectoryUser, type NewAuthenticationMethod, type NotFound, type Organization, type PasswordOptions, type PasswordRefusal,
  type PreferredSecondaryMethod, type Profile, type SignIn, type SignInPreferences, type TenantInfo, type TermsOfUse,
} from '../../core/ports/directory.js';
import type { AppTokenProvider, UserTokenProvider } from '../../core/ports/userTokens.js';
import { fail, ok, type Result } from '../../core/result.js';
import type { GraphClient } from './graphClient.js';

/** Larger photos are left out of cards (a card's size is limited). */
const maxPhotoBytes = 200_000;


const userFields = [
  'id', 'userPrincipalName', 'displayName', 'givenName', 'surname', 'jobTitle', 'department', 'mail', 'otherMails', 'officeLocation',
  'businessPhones', 'mobilePhone', 'preferredLanguage', 'accountEnabled', 'signInSessionsValidFromDateTime', 'lastPasswordChangeDateTime',
].join(',');
const deviceFields = 'id,deviceId,displayName,operatingSystem,operatingSystemVersion,accountEnabled,trustType,approximateLastSignInDateTime,isCompliant,isManaged';

/** Graph's method types and the kinds the assistant speaks of; the path segment that deletes each. */
const methodTypes: Readonly<Record<string, { kind: AuthenticationMethodKind; segment?: string }>> = {
  '#microsoft.graph.phoneAuthenticationMethod': { kind: 'phone', segment: 'phoneMethods' },
  '#microsoft.graph.emailAuthenticationMethod': { kind: 'email', segment: 'emailMethods' },
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': { kind: 'microsoftAuthenticator', segment: 'microsoftAuthenticatorMethods' },
  '#microsoft.graph.softwareOathAuthenticationMethod': { kind: 'softwareOath', segment: 'softwareOathMethods' },
  '#microsoft.graph.fido2AuthenticationMethod': { kind: 'fido2', segment: 'fido2Methods' },
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': { kind: 'windowsHelloForBusiness', segment: 'windowsHelloForBusinessMethods' },
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': { kind: 'temporaryAccessPass', segment: 'temporaryAccessPassMethods' },
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
/** An id as one path segment: encoded, so that no id can add a segment, a query or a host. */
const pathId = (id: string): string => encodeURIComponent(id);
/** A value for a $filter string literal: quotes doubled, as OData wants. */
const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

function toUser(u: Graph.User): DirectoryUser {
  return {
    id: String(u.id),
    userPrincipalName: String(u.userPrincipalName ?? ''),
    displayName: String(u.displayName ?? u.userPrincipalName ?? ''),
    givenName: text(u.givenName), surname: text(u.surname), jobTitle: text(u.jobTitle), department: text(u.department), mail: text(u.mail),
    otherMails: texts(u.otherMails), officeLocation: text(u.officeLocation), businessPhones: texts(u.businessPhones),
    mobilePhone: text(u.mobilePhone), preferredLanguage: text(u.preferredLanguage),
    accountEnabled: u.accountEnabled !== false,
    // Graph says nothing of a lock-out to the user or the assistant; a reset always unlocks.
    lockedOut: false,
    // Whether the user registered for self-service reset is in a report an end user cannot read;
    // the reset itself tells (a user with no method gets the portal and the helpdesk).
    selfServicePasswordResetRegistered: true,
    signInSessionsValidFromDateTime: text(u.signInSessionsValidFromDateTime),
    lastPasswordChangeDateTime: text(u.lastPasswordChangeDateTime),
  };
}

function toMethod(m: Graph.AuthenticationMethod & Record<string, unknown>): AuthenticationMethod | undefined {
  const type = text(m['@odata.type']) ?? '';
  const known = methodTypes[type];
  if (!known) return undefined; // the password method, and kinds the assistant does not show
  return {
    id: String(m.id), '@odata.type': type, kind: known.kind,
    phoneNumber: text(m.phoneNumber), phoneType: text(m.phoneType) as AuthenticationMethod['phoneType'],
    emailAddress: text(m.emailAddress), displayName: text(m.displayName), deviceTag: text(m.deviceTag), model: text(m.model),
  };
}

function toDevice(d: Graph.Device): Device {
  return {
    id: String(d.id), deviceId: text(d.deviceId), displayName: String(d.displayName ?? ''),
    operatingSystem: text(d.operatingSystem), operatingSystemVersion: text(d.operatingSystemVersion), accountEnabled: d.accountEnabled !== false,
    trustType: text(d.trustType), approximateLastSignInDateTime: text(d.approximateLastSignInDateTime),
    isCompliant: typeof d.isCompliant === 'boolean' ? d.isCompliant : undefined, isManaged: typeof d.isManaged === 'boolean' ? d.isManaged : undefined,
  };
}

function toSignIn(s: Graph.SignIn): SignIn {
  return {
    id: String(s.id), createdDateTime: String(s.createdDateTime), appDisplayName: text(s.appDisplayName), ipAddress: text(s.ipAddress),
    clientAppUsed: text(s.clientAppUsed),
    location: { city: text(s.location?.city), state: text(s.location?.state), countryOrRegion: text(s.location?.countryOrRegion) },
    deviceDetail: { deviceId: text(s.deviceDetail?.deviceId), displayName: text(s.deviceDetail?.displayName), operatingSystem: text(s.deviceDetail?.operatingSystem), browser: text(s.deviceDetail?.browser) },
    status: { errorCode: s.status?.errorCode ?? undefined, failureReason: text(s.status?.failureReason) },
  };
}

export interface GraphDirectoryOptions {
  readonly graph: GraphClient;
  readonly userTokens: UserTokenProvider;
  /** False when nothing gives users' own tokens yet (no single sign-on): delegated goals then go to the portal. */
  readonly userTokensAvailable?: boolean;
  /** The assistant's own identity; without it only delegated and portal capabilities exist. */
  readonly appTokens?: AppTokenProvider;
  /** What an admin let the assistant do with its own identity (GRAPH_PRIVILEGED). */
  readonly privileged: ReadonlySet<PrivilegedCapability>;
  /** The tenant's settings and agreements (the settings file); id, name and domains come from Graph when it can tell. */
  readonly settings: TenantInfo;
  readonly termsOfUse: readonly TermsOfUse[];
  /** How long the tenant read from Graph is kept. */
  readonly tenantTtlMs?: number;
  readonly now?: () => number;
}

/**
 * A number as Graph takes it: "+{country code} {number}", the number in digits only ("+33 781234567");
 * Graph refuses other forms. The assistant keeps numbers in international format ("+33 7 81 23 45 67"),
 * whose first group is the country code.
 */
export function graphPhoneNumber(international: string): string {
  const [country = '', ...rest] = international.trim().split(/\s+/);
  const [number = '', extension] = rest.join('').split(/x/i);
  return `${country} ${number.replace(/\D/g, '')}${extension ? `x${extension.replace(/\D/g, '')}` : ''}`;
}

export class GraphDirectory implements Directory {
  private readonly plans: readonly CapabilityPlan[];
  private tenantCache?: { value: TenantInfo; until: number };

  constructor(private readonly options: GraphDirectoryOptions) {
    const plans = graphCapabilities(options.appTokens ? options.privileged : new Set());
    // Without a source of users' own tokens (single sign-on), what needs one is done on Microsoft's page.
    this.plans = options.userTokensAvailable === false ? plans.map((p) => (p.mode === 'delegated' ? { ...p, mode: 'portal', permissions: [] } : p)) : plans;
  }

  capabilities(): readonly CapabilityPlan[] {
    return this.plans;
  }

  private allows(capability: AccountCapability): boolean {
    return this.plans.some((p) => p.capability === capability && p.mode !== 'portal');
  }

  private async userToken(userId: string): Promise<string> {
    const token = await this.options.userTokens.tokenFor(userId);
    if (!token) throw new DirectoryError('signInRequired');
    return token;
  }

  private async appToken(capability?: AccountCapability): Promise<string> {
    if (capability && !this.allows(capability)) throw new DirectoryError('notSupported', capability);
    const token = await this.options.appTokens?.token();
    if (!token) throw new DirectoryError('notSupported', 'no application identity');
    return token;
  }

  async tenant(): Promise<TenantInfo> {
    const now = (this.options.now ?? Date.now)();
    if (this.tenantCache && now < this.tenantCache.until) return this.tenantCache.value;
    let value = this.options.settings;
    const token = this.options.appTokens ? await this.options.appTokens.token() : undefined;
    if (token) {
      // The name and domains are a nicety: without them (Graph down, no Organization.Read.All) the settings stand.
      const org = await this.options.graph.send<{ value?: Graph.Organization[] }>('GET', token, '/organization?$select=id,displayName,verifiedDomains').catch((error: unknown) => {
        if (error instanceof DirectoryError) return undefined;
        throw error;
      });
      const first = org?.body?.value?.[0];
      if (first?.id) {
        const domains = (first.verifiedDomains ?? []).slice().sort((a, b) => Number(b.isDefault ?? false) - Number(a.isDefault ?? false)).map((d) => String(d.name ?? '')).filter(Boolean);
        value = { ...value, id: first.id, displayName: text(first.displayName) ?? value.displayName, verifiedDomains: domains.length > 0 ? domains : value.verifiedDomains };
      }
    }
    this.tenantCache = { value, until: now + (this.options.tenantTtlMs ?? 300_000) };
    return value;
  }

  /** With the assistant's identity when it has one (User.Read.All), else with the user's own token (/me). */
  async findUserById(userId: string): Promise<DirectoryUser | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) return undefined;
    const appToken = this.options.appTokens ? await this.options.appTokens.token() : undefined;
    if (appToken) {
      try {
        const answer = await this.options.graph.send<Graph.User>('GET', appToken, `/users/${userId}?$select=${userFields}`);
        return answer.status === 200 && answer.body ? toUser(answer.body) : undefined;
      } catch (error) {
        // Without User.Read.All the user's own token still tells who they are.
        if (!(error instanceof DirectoryError && error.failure === 'denied')) throw error;
      }
    }
    const token = await this.options.userTokens.tokenFor(userId);
    if (!token) return undefined;
    const me = await this.options.graph.send<Graph.User>('GET', token, `/me?$select=${userFields}`);
    return me.status === 200 && me.body?.id === userId ? toUser(me.body) : undefined;
  }

  /** Someone who cannot sign in names an account: only with the assistant's identity, for a reset it was allowed to do. */
  async findUserByPrincipalName(userPrincipalName: string): Promise<DirectoryUser | undefined> {
    if (!this.allows('password.reset') || userPrincipalName.length > 256) return undefined;
    const token = await this.appToken('password.reset');
    const found = await this.options.graph.send<{ value?: Graph.User[] }>('GET', token, `/users?$filter=userPrincipalName eq ${encodeURIComponent(literal(userPrincipalName))}&$select=${userFields}`);
    const user = found.body?.value?.[0];
    return user ? toUser(user) : undefined;
  }

  async getProfile(userId: string): Promise<Profile | undefined> {
    const token = await this.userToken(userId);
    const me = await this.options.graph.send<Graph.User>('GET', token, `/me?$select=${userFields}`);
    if (me.status !== 200 || me.body?.id !== userId) return undefined;
    const [manager, photo] = await Promise.all([
      this.options.graph.send<Graph.User>('GET', token, '/me/manager?$select=id,displayName,jobTitle'),
      this.photo(token),
    ]);
    const m = manager.status === 200 ? manager.body : undefined;
    return { ...toUser(me.body), photo, manager: m?.id ? { id: m.id, displayName: String(m.displayName ?? ''), jobTitle: text(m.jobTitle) } : undefined };
  }

  /** The photo as a data: URI (cards cannot call Graph); none when Graph has none (404). */
  private async photo(token: string): Promise<string | undefined> {
    const answer = await this.options.graph.send<ArrayBuffer>('GET', token, '/me/photo/$value');
    const type = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (answer.status !== 200 || !answer.body || !/^image\/(png|jpeg)$/.test(type) || answer.body.byteLength > maxPhotoBytes) return undefined;
    return `data:${type};base64,${Buffer.from(answer.body).toString('base64')}`;
  }

  verifyPassword(): Promise<boolean> {
    return Promise.reject(new DirectoryError('notSupported', 'a real directory does not verify passwords for others'));
  }

  async changePassword(userId: string, current: string, next: string, _options: PasswordOptions): Promise<Result<void, NotFound | 'wrongCurrent' | 'wrongCurrentOrRefused' | PasswordRefusal>> {
    const token = await this.userToken(userId);
    const answer = await this.options.graph.send('POST', token, '/me/changePassword', { currentPassword: current, newPassword: next });
    if (answer.status === 204 || answer.status === 200) return ok(undefined);
    if (answer.status === 404) return fail('notFound');
    // Graph does not document how it tells a wrong current password from a new one it refuses (its
    // banned-password list, which the assistant cannot check): the user hears both possibilities.
    return fail('wrongCurrentOrRefused');
  }

  /** An administrator's reset of another account (PATCH passwordProfile): Graph has no self-service reset, and resetPassword is not for applications. */
  async resetPassword(userId: string, next: string, _options: PasswordOptions): Promise<Result<void, NotFound | PasswordRefusal>> {
    const token = await this.appToken('password.reset');
    const answer = await this.options.graph.send('PATCH', token, `/users/${pathId(userId)}`, { passwordProfile: { password: next, forceChangePasswordNextSignIn: false } });
    if (answer.status === 204 || answer.status === 200) return ok(undefined);
    if (answer.status === 404) return fail('notFound');
    return fail('policy');
  }

  /** With the user's token; for someone who cannot sign in (a reset the assistant was allowed to do), with its own identity. */
  async listAuthenticationMethods(userId: string): Promise<readonly AuthenticationMethod[]> {
    type Listed = Graph.AuthenticationMethod & Record<string, unknown>;
    const token = await this.options.userTokens.tokenFor(userId);
    const listed = token
      ? await this.options.graph.list<Listed>(token, '/me/authentication/methods')
      : await this.options.graph.list<Listed>(await this.appToken('password.reset'), `/users/${pathId(userId)}/authentication/methods`);
    return listed.items.map(toMethod).filter((m): m is AuthenticationMethod => m !== undefined);
  }

  async addAuthenticationMethod(userId: string, method: NewAuthenticationMethod): Promise<Result<AuthenticationMethod, NotFound>> {
    if (method.kind === 'microsoftAuthenticator') throw new DirectoryError('notSupported', 'the Authenticator registers in its app');
    const token = await this.appToken('securityinfo.add');
    const [segment, body] = method.kind === 'phone'
      ? ['phoneMethods', { phoneNumber: graphPhoneNumber(method.phoneNumber), phoneType: method.phoneType }]
      : ['emailMethods', { emailAddress: method.emailAddress }];
    const created = await this.options.graph.send<Graph.AuthenticationMethod & Record<string, unknown>>('POST', token, `/users/${pathId(userId)}/authentication/${segment}`, body);
    if (created.status === 404) return fail('notFound');
    const added = created.status === 201 && created.body ? toMethod({ ...created.body, '@odata.type': `#microsoft.graph.${method.kind}AuthenticationMethod` }) : undefined;
    if (!added) throw new DirectoryError('unavailable', `add method ${created.status}`);
    return ok(added);
  }

  async removeAuthenticationMethod(userId: string, methodId: string): Promise<Result<void, NotFound>> {
    const token = await this.userToken(userId);
    // The user's own list says which kind it is (and that it is theirs).
    const method = (await this.listAuthenticationMethods(userId)).find((m) => m.id === methodId);
    const segment = method ? methodTypes[method['@odata.type']]?.segment : undefined;
    if (!method || !segment) return fail('notFound');
    const removed = await this.options.graph.send('DELETE', token, `/me/authentication/${segment}/${pathId(methodId)}`);
    if (removed.status === 204 || removed.status === 200) return ok(undefined);
    if (removed.status === 404) return fail('notFound');
    throw new DirectoryError('denied', `remove method ${removed.status} ${removed.code ?? ''}`.trim());
  }

  async getSignInPreferences(userId: string): Promise<SignInPreferences | undefined> {
    if (!this.allows('securityinfo.default')) return undefined;
    const token = await this.appToken('securityinfo.default');
    const answer = await this.options.graph.send<{ userPreferredMethodForSecondaryAuthentication?: string | null }>('GET', token, `beta:/users/${pathId(userId)}/authentication/signInPreferences`);
    if (answer.status !== 200) return undefined;
    return { userPreferredMethodForSecondaryAuthentication: (answer.body?.userPreferredMethodForSecondaryAuthentication ?? 'none') as PreferredSecondaryMethod };
  }

  async setSignInPreferences(userId: string, preferences: SignInPreferences): Promise<Result<void, NotFound>> {
    const token = await this.appToken('securityinfo.default');
    const value = preferences.userPreferredMethodForSecondaryAuthentication;
    const answer = await this.options.graph.send('PATCH', token, `beta:/users/${pathId(userId)}/authentication/signInPreferences`, { userPreferredMethodForSecondaryAuthentication: value === 'none' ? null : value });
    if (answer.status === 204 || answer.status === 200) return ok(undefined);
    if (answer.status === 404) return fail('notFound');
    throw new DirectoryError('denied', `signInPreferences ${answer.status}`);
  }

  async listDevices(userId: string): Promise<readonly Device[]> {
    const listed = await this.options.graph.list<Graph.Device>(await this.userToken(userId), `/me/registeredDevices?$select=${deviceFields}`);
    return listed.items.map(toDevice);
  }

  async disableDevice(userId: string, deviceId: string): Promise<Result<Device, NotFound>> {
    const owned = (await this.listDevices(userId)).find((d) => d.id === deviceId);
    if (!owned) return fail('notFound');
    const token = await this.appToken('devices.disable');
    const answer = await this.options.graph.send('PATCH', token, `/devices/${pathId(deviceId)}`, { accountEnabled: false });
    if (answer.status === 204 || answer.status === 200) return ok({ ...owned, accountEnabled: false });
    if (answer.status === 404) return fail('notFound');
    throw new DirectoryError('denied', `disable device ${answer.status}`);
  }

  listOrganizations(): Promise<readonly Organization[]> {
    return Promise.reject(new DirectoryError('notSupported', 'Graph does not list guest organizations'));
  }

  leaveOrganization(): Promise<Result<void, NotFound | 'homeOrganization' | 'leaveNotAllowed'>> {
    return Promise.reject(new DirectoryError('notSupported', 'Graph cannot leave an organization'));
  }

  listTermsOfUse(): Promise<readonly TermsOfUse[]> {
    return Promise.resolve(this.options.termsOfUse);
  }

  async listAgreementAcceptances(userId: string): Promise<readonly AgreementAcceptance[]> {
    const listed = await this.options.graph.list<Graph.AgreementAcceptance & { agreementVersion?: string }>(await this.userToken(userId), '/me/agreementAcceptances');
    return listed.items.map((a) => ({
      agreementId: String(a.agreementId ?? ''),
      agreementVersion: String(a.agreementVersion ?? a.agreementFileId ?? ''),
      state: a.state === 'declined' ? 'declined' : 'accepted',
      recordedDateTime: String(a.recordedDateTime ?? ''),
    }));
  }

  recordAgreementDecision(): Promise<Result<void, NotFound>> {
    return Promise.reject(new DirectoryError('notSupported', 'terms of use are accepted at sign-in'));
  }

  async revokeSignInSessions(userId: string): Promise<Result<void, NotFound>> {
    const answer = await this.options.graph.send('POST', await this.userToken(userId), '/me/revokeSignInSessions');
    if (answer.status >= 200 && answer.status < 300) return ok(undefined);
    if (answer.status === 404) return fail('notFound');
    throw new DirectoryError('denied', `revokeSignInSessions ${answer.status}`);
  }

  async listSignIns(userId: string, top: number): Promise<readonly SignIn[]> {
    const token = await this.appToken('signins.view');
    const size = Math.max(1, Math.min(50, Math.floor(top)));
    const listed = await this.options.graph.list<Graph.SignIn>(token, `/auditLogs/signIns?$filter=userId eq ${encodeURIComponent(literal(userId))}&$top=${size}`, size);
    return listed.items.map(toSignIn);
  }
}
