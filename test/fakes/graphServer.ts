// A stateful fake of Microsoft Graph, for tests only (product code never imports it): node:http on
// 127.0.0.1, state from a tenant seed, answering the endpoints the Graph directory adapter calls with
// the documented shapes (/work/shared/reference/graph-api.md, learn.microsoft.com/graph): entity and
// collection bodies, $select, @odata.nextLink paging, the error body
// { "error": { "code", "message", "innerError": { "date", "request-id", "client-request-id" } } },
// request-id / client-request-id headers, Retry-After on throttling, claims challenges.
//
// Tokens are JWT-shaped (header.payload.signature, base64url) and HMAC-signed with a key of this
// instance: only tokens it issued and that have not expired are accepted.
//
// Error codes. Documented: InvalidAuthenticationToken (401), Authorization_RequestDenied (403),
// Request_ResourceNotFound (404 directory objects, unknown paths), Request_UnsupportedQuery ($filter).
// Chosen here, because Graph does not document them for these cases (VERIFY against a tenant):
//   - changePassword with a wrong current password: 400 `invalidRequest` (from the generic list at
//     learn.microsoft.com/graph/errors). What Graph answers for "invalid current password" is NOT
//     precisely documented; an adapter should treat any 400 from changePassword as a refusal.
//   - a phone method that the default sign-in method relies on, `mobile` while `alternateMobile`
//     exists, a signInPreferences value with no matching method: 400 `invalidRequest`.
//   - a malformed phone number: 400 `invalidPhoneNumber` (Graph documents the format
//     "+{country} {number}[x{ext}]" and that other numbers are rejected, not the code).
//   - a phone of that phoneType / an email method that already exists: 409 `conflict`.
//   - an authentication method or operation that is not the user's: 404 `itemNotFound` (the
//     authentication-methods service uses the generic camelCase codes).
//   - no photo: 404 `ImageNotFound`. Malformed body, $select of an unknown property, bad $top or
//     $skiptoken, /me with an application token: 400 `BadRequest`. Right path, wrong verb: 405
//     `Request_BadRequest`.
// $select returns exactly the selected properties (null or [] when unset): like Graph, `id` only when
// selected; `@odata.type` always on items of relationships (manager, registeredDevices) and on methods.
// Not modelled: password policy or history (the bot checks those itself), Conditional Access beyond
// the fresh-MFA rule, revocation of already issued access tokens (Graph does not revoke them either).
import { createHmac, randomBytes, randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Seed, SeedObject } from '../../bot/adapters/embedded/tenantSeed.js';

export interface FakeGraphRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly path: string;
  /** The kind of token the request carried, when the fake accepted it ('none' otherwise). */
  readonly auth: 'user' | 'app' | 'none';
  readonly userId?: string;
  /** Header names in lower case. */
  readonly headers: Record<string, string | undefined>;
  /** The parsed JSON body, if any. */
  readonly body?: unknown;
}

/** A user as the fake holds it. Mutable, so a test can arrange state as well as assert on it. */
export interface FakeGraphUser {
  readonly id: string;
  /** The Graph user properties served by /me and /users (userPrincipalName, displayName, mail, accountEnabled...). */
  readonly properties: Record<string, unknown>;
  managerId: string | undefined;
  /** Plain text, for the fake only. */
  password: string | undefined;
  lastPasswordChangeDateTime: string | undefined;
  signInSessionsValidFromDateTime: string | undefined;
  /** Not a Graph property: what resetPassword clears. */
  lockedOut: boolean;
  photo: { readonly contentType: string; readonly bytes: Buffer } | undefined;
  /** Graph-shaped authentication methods, as seeded (the password method every user has is not listed here). */
  methods: Record<string, unknown>[];
  signInPreferences: { userPreferredMethodForSecondaryAuthentication: string | null; isSystemPreferredAuthenticationMethodEnabled: boolean };
  /** Graph device objects (`id` is the object id, `deviceId` the device's own id). */
  devices: Record<string, unknown>[];
  /** Graph agreementAcceptance objects. */
  agreementAcceptances: Record<string, unknown>[];
  /** Sign-ins as seeded; served with userId, userDisplayName and userPrincipalName added. */
  signIns: Record<string, unknown>[];
}

export interface FakeGraph {
  /** "http://127.0.0.1:<port>": the adapter calls `${url}/v1.0/...` and `${url}/beta/...`. */
  readonly url: string;
  /**
   * A delegated token for a user, as an on-behalf-of exchange would return: payload with oid, tid,
   * scp (space-separated scopes), iat, exp and mfaTime (epoch seconds). Defaults: every delegated
   * scope the fake knows (DELEGATED_SCOPES), MFA just done, valid for an hour.
   */
  userToken(userId: string, options?: { scopes?: readonly string[]; mfaSecondsAgo?: number; expiresInSeconds?: number }): string;
  /** An application token: payload with roles (application permissions), tid and appid. */
  appToken(roles: readonly string[], options?: { expiresInSeconds?: number }): string;
  /**
   * The next `times` (default 1) requests whose path and query match (and method, if given) fail with
   * this status and code, before any other check. `retryAfter` adds Retry-After (seconds);
   * `claimsChallenge` adds WWW-Authenticate with error="insufficient_claims" and a base64 claims value.
   */
  failNext(match: { readonly method?: string; readonly path: RegExp }, failure: { readonly status: number; readonly code: string; readonly retryAfter?: number; readonly claimsChallenge?: boolean }, times?: number): void;
  /** Every request received, in order (including those that failed or are still delayed). */
  readonly requests: readonly FakeGraphRequest[];
  /** Collections are served this many items a page (default 2), with @odata.nextLink to the next page; a smaller $top wins. */
  pageSize: number;
  /** Wait `ms` before answering requests whose path and query match; `match` undefined removes the delay. */
  delay(match: RegExp | undefined, ms: number): void;
  /** The live state, for assertions and arrangements. */
  readonly users: ReadonlyMap<string, FakeGraphUser>;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
export const EMAIL_METHOD_ID = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f';
export const PHONE_METHOD_IDS: Readonly<Record<string, string>> = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
};
/** The claims a fresh-MFA challenge asks for: authentication context c1. */
export const MFA_CLAIMS = Buffer.from(JSON.stringify({ access_token: { acrs: { essential: true, value: ['c1'] } } })).toString('base64');
/** Every delegated scope the fake checks: what userToken grants unless told otherwise. */
export const DELEGATED_SCOPES: readonly string[] = [
  'User.Read', 'User-PasswordProfile.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite', 'AgreementAcceptance.Read', 'User.RevokeSessions.All',
];
const FRESH_MFA_SECONDS = 600;
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const CLIENT_APP_ID = '7f3c2a51-6a0e-4c51-9a1e-2b0f4d6c8e10';

type Json = Record<string, unknown>;

/** A Graph entity type: its properties, which of them are collections (served [] when unset), the default set. */
interface EntityType { readonly name: string; readonly properties: readonly string[]; readonly collections?: readonly string[]; readonly defaults?: readonly string[] }

const USER: EntityType = {
  name: 'user',
  properties: [
    'aboutMe', 'accountEnabled', 'ageGroup', 'assignedLicenses', 'assignedPlans', 'birthday', 'businessPhones', 'city', 'companyName',
    'consentProvidedForMinor', 'country', 'createdDateTime', 'creationType', 'deletedDateTime', 'department', 'displayName', 'employeeHireDate',
    'employeeId', 'employeeLeaveDateTime', 'employeeOrgData', 'employeeType', 'externalUserState', 'externalUserStateChangeDateTime', 'faxNumber',
    'givenName', 'hireDate', 'id', 'identities', 'imAddresses', 'interests', 'isResourceAccount', 'jobTitle', 'lastPasswordChangeDateTime',
    'legalAgeGroupClassification', 'mail', 'mailNickname', 'mobilePhone', 'mySite', 'officeLocation', 'onPremisesDistinguishedName',
    'onPremisesDomainName', 'onPremisesImmutableId', 'onPremisesLastSyncDateTime', 'onPremisesSamAccountName', 'onPremisesSecurityIdentifier',
    'onPremisesSyncEnabled', 'onPremisesUserPrincipalName', 'otherMails', 'passwordPolicies', 'pastProjects', 'postalCode', 'preferredDataLocation',
    'preferredLanguage', 'preferredName', 'provisionedPlans', 'proxyAddresses', 'responsibilities', 'schools', 'securityIdentifier', 'showInAddressList',
    'signInSessionsValidFromDateTime', 'skills', 'state', 'streetAddress', 'surname', 'usageLocation', 'userPrincipalName', 'userType',
  ],
  collections: ['assignedLicenses', 'assignedPlans', 'businessPhones', 'identities', 'imAddresses', 'interests', 'otherMails', 'pastProjects', 'provisionedPlans', 'proxyAddresses', 'responsibilities', 'schools', 'skills'],
  defaults: ['businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'],
};
const DEVICE: EntityType = {
  name: 'device',
  properties: [
    'accountEnabled', 'alternativeSecurityIds', 'approximateLastSignInDateTime', 'complianceExpirationDateTime', 'deviceCategory', 'deviceId',
    'deviceMetadata', 'deviceOwnership', 'deviceVersion', 'displayName', 'enrollmentProfileName', 'enrollmentType', 'id', 'isCompliant', 'isManaged',
    'isManagementRestricted', 'isRooted', 'managementType', 'manufacturer', 'mdmAppId', 'model', 'onPremisesLastSyncDateTime',
    'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'operatingSystem', 'operatingSystemVersion', 'physicalIds', 'profileType',
    'registrationDateTime', 'systemLabels', 'trustType',
  ],
  collections: ['alternativeSecurityIds', 'physicalIds', 'systemLabels'],
};
const ORGANIZATION: EntityType = {
  name: 'organization',
  properties: ['assignedPlans', 'businessPhones', 'city', 'country', 'countryLetterCode', 'createdDateTime', 'deletedDateTime', 'displayName', 'id',
    'marketingNotificationEmails', 'onPremisesLastSyncDateTime', 'onPremisesSyncEnabled', 'postalCode', 'preferredLanguage', 'provisionedPlans',
    'state', 'street', 'technicalNotificationMails', 'tenantType', 'verifiedDomains'],
  collections: ['assignedPlans', 'businessPhones', 'marketingNotificationEmails', 'provisionedPlans', 'technicalNotificationMails', 'verifiedDomains'],
};
const AGREEMENT_ACCEPTANCE: EntityType = {
  name: 'agreementAcceptance',
  properties: ['agreementFileId', 'agreementId', 'deviceDisplayName', 'deviceId', 'deviceOSType', 'deviceOSVersion', 'expirationDateTime', 'id',
    'recordedDateTime', 'state', 'userDisplayName', 'userEmail', 'userId', 'userPrincipalName'],
};
const SIGN_IN: EntityType = {
  name: 'signIn',
  properties: ['appDisplayName', 'appId', 'appliedConditionalAccessPolicies', 'clientAppUsed', 'conditionalAccessStatus', 'correlationId',
    'createdDateTime', 'deviceDetail', 'id', 'ipAddress', 'isInteractive', 'location', 'resourceDisplayName', 'resourceId', 'riskDetail',
    'riskEventTypes', 'riskEventTypes_v2', 'riskLevelAggregated', 'riskLevelDuringSignIn', 'riskState', 'status', 'userDisplayName', 'userId',
    'userPrincipalName'],
  collections: ['appliedConditionalAccessPolicies', 'riskEventTypes', 'riskEventTypes_v2'],
};

/** DELETE /me/authentication/{segment}/{id}: the segments Graph serves, with the type each holds. */
const METHOD_SEGMENTS: Readonly<Record<string, string>> = {
  phonemethods: '#microsoft.graph.phoneAuthenticationMethod',
  emailmethods: '#microsoft.graph.emailAuthenticationMethod',
  microsoftauthenticatormethods: '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  softwareoathmethods: '#microsoft.graph.softwareOathAuthenticationMethod',
  fido2methods: '#microsoft.graph.fido2AuthenticationMethod',
  windowshelloforbusinessmethods: '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
};
const PHONE_TYPE = '#microsoft.graph.phoneAuthenticationMethod';
const EMAIL_TYPE = '#microsoft.graph.emailAuthenticationMethod';
/** The phone each default method relies on. */
const PHONE_FOR_PREFERENCE: Readonly<Record<string, string>> = { sms: 'mobile', voiceMobile: 'mobile', voiceAlternateMobile: 'alternateMobile', voiceOffice: 'office' };
const PREFERENCES = ['push', 'oath', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice', 'sms'];
/** "+{country code} {number}x{extension}", the number in digits, as "+1 5555551234" (Graph rejects other forms). */
const PHONE_NUMBER = /^\+\d{1,3} \d{4,14}(x\d{1,10})?$/;

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad request.', 401: 'Unauthorized.', 403: 'Forbidden.', 404: 'Not found.', 409: 'Conflict.', 429: 'Too many requests.',
  500: 'Internal server error.', 502: 'Bad gateway.', 503: 'Service unavailable.', 504: 'Gateway timeout.',
};

/** Graph's DateTimeOffset form: whole seconds, UTC. */
const graphNow = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly bytes?: { readonly contentType: string; readonly data: Buffer };
  readonly error?: { readonly code: string; readonly message: string };
  readonly headers?: Record<string, string>;
}

/** A Graph error, thrown by a handler and answered by the dispatcher. */
class GraphFault extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}
const fault = (status: number, code: string, message: string, headers?: Record<string, string>): GraphFault => new GraphFault(status, code, message, headers);
const notFound = (what: string): GraphFault =>
  fault(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);
const claimsChallenge = (): Record<string, string> => ({
  'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}", error="insufficient_claims", claims="${MFA_CLAIMS}"`,
});
const bearerChallenge = { 'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"` };

interface Token { readonly kind: 'user' | 'app'; readonly oid?: string; readonly scopes: ReadonlySet<string>; readonly mfaTime?: number }

interface Ctx {
  readonly method: string;
  readonly rawUrl: string;
  readonly query: URLSearchParams;
  readonly params: readonly string[];
  readonly body: unknown;
  readonly token: Token;
  readonly select: readonly string[] | undefined;
}

interface Route {
  readonly method: string;
  readonly path: RegExp;
  /** Delegated scopes, any of which grants the call (undefined: not callable with a user token). */
  readonly scopes?: readonly string[];
  /** Application roles, any of which grants the call ('any': every app token). */
  readonly roles?: readonly string[] | 'any';
  /** The user must have done MFA within the last ten minutes (credential changes). */
  readonly freshMfa?: boolean;
  readonly handle: (ctx: Ctx) => Reply;
}

function dataUri(uri: unknown): FakeGraphUser['photo'] {
  const match = typeof uri === 'string' ? /^data:(image\/[a-z]+);base64,(.*)$/.exec(uri) : null;
  return match ? { contentType: match[1] ?? 'image/png', bytes: Buffer.from(match[2] ?? '', 'base64') } : undefined;
}

const asObjects = (value: unknown): Json[] => (Array.isArray(value) ? (structuredClone(value) as Json[]) : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A deterministic GUID-shaped id (the agreement file of an agreement version). */
function derivedId(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('|')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function userFromSeed(seed: SeedObject): FakeGraphUser {
  const id = String(seed.id);
  const properties: Json = {};
  for (const name of USER.properties) {
    if (name in seed && name !== 'lastPasswordChangeDateTime' && name !== 'signInSessionsValidFromDateTime') properties[name] = structuredClone(seed[name]);
  }
  const preferred = (seed.signInPreferences as Json | undefined)?.userPreferredMethodForSecondaryAuthentication;
  return {
    id,
    properties,
    managerId: asString(seed.manager),
    password: asString(seed.password),
    lastPasswordChangeDateTime: asString(seed.lastPasswordChangeDateTime),
    signInSessionsValidFromDateTime: asString(seed.signInSessionsValidFromDateTime),
    lockedOut: seed.lockedOut === true,
    photo: dataUri(seed.photo),
    methods: asObjects(seed.authenticationMethods),
    signInPreferences: {
      userPreferredMethodForSecondaryAuthentication: typeof preferred === 'string' && preferred !== 'none' ? preferred : null,
      isSystemPreferredAuthenticationMethodEnabled: false,
    },
    devices: asObjects(seed.devices),
    agreementAcceptances: asObjects(seed.agreementAcceptances).map((a) => {
      const agreementId = String(a.agreementId);
      return {
        id: `${agreementId}_${id}`,
        agreementId,
        agreementFileId: derivedId(agreementId, String(a.agreementVersion)),
        userId: id,
        userDisplayName: seed.displayName,
        userPrincipalName: seed.userPrincipalName,
        userEmail: seed.mail ?? null,
        deviceId: null, deviceDisplayName: null, deviceOSType: null, deviceOSVersion: null,
        recordedDateTime: a.recordedDateTime ?? null,
        expirationDateTime: null,
        state: a.state,
      };
    }),
    signIns: asObjects(seed.signIns),
  };
}

/** The selected properties (or the type's default set), null or [] when unset; `@odata.type` first when given. */
function project(type: EntityType, values: Json, select: readonly string[] | undefined, odataType?: string): Json {
  const out: Json = odataType ? { '@odata.type': odataType } : {};
  for (const asked of select ?? type.defaults ?? type.properties) {
    const name = type.properties.find((p) => p.toLowerCase() === asked.toLowerCase());
    if (!name) throw fault(400, 'BadRequest', `Parsing OData Select and Expand failed: Could not find a property named '${asked}' on type 'microsoft.graph.${type.name}'.`);
    out[name] = values[name] ?? (type.collections?.includes(name) ? [] : null);
  }
  return out;
}

function userValues(user: FakeGraphUser): Json {
  return {
    userType: 'Member',
    ...user.properties,
    id: user.id,
    lastPasswordChangeDateTime: user.lastPasswordChangeDateTime ?? null,
    signInSessionsValidFromDateTime: user.signInSessionsValidFromDateTime ?? null,
  };
}

function listedMethods(user: FakeGraphUser): Json[] {
  const methods = user.methods.map((m) => (m['@odata.type'] === PHONE_TYPE ? { smsSignInState: 'notAllowedByPolicy', ...m } : { ...m }));
  return [...methods, {
    '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
    id: PASSWORD_METHOD_ID,
    password: null,
    createdDateTime: user.lastPasswordChangeDateTime ?? null,
  }];
}

/** True when the user has a method that the default-method preference can use. */
function hasMethodFor(user: FakeGraphUser, preference: string): boolean {
  const phoneType = PHONE_FOR_PREFERENCE[preference];
  if (phoneType) return user.methods.some((m) => m['@odata.type'] === PHONE_TYPE && m.phoneType === phoneType);
  const types = preference === 'push'
    ? ['#microsoft.graph.microsoftAuthenticatorAuthenticationMethod']
    : ['#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', '#microsoft.graph.softwareOathAuthenticationMethod', '#microsoft.graph.hardwareOathAuthenticationMethod'];
  return user.methods.some((m) => types.includes(String(m['@odata.type'])));
}

/** RegExp.test from the start of the string, whatever the flags (a /g pattern keeps lastIndex between calls). */
function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.alloc(0)));
  });
}

export async function startFakeGraph(seed: Seed): Promise<FakeGraph> {
  const tenantId = String(seed.tenant.id);
  const users = new Map<string, FakeGraphUser>(seed.users.map((u) => [String(u.id), userFromSeed(u)]));
  const operations = new Map<string, { readonly userId: string; readonly createdDateTime: string }>();
  const requests: FakeGraphRequest[] = [];
  const failures: { match: { readonly method?: string; readonly path: RegExp }; failure: Parameters<FakeGraph['failNext']>[1]; remaining: number }[] = [];
  let slow: { readonly match: RegExp; readonly ms: number } | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const secret = randomBytes(32);
  let url = '';
  let stopping: Promise<void> | undefined;

  // Tokens ---------------------------------------------------------------------------------------
  const signature = (signed: string): Buffer => createHmac('sha256', secret).update(signed).digest();
  function issue(payload: Json): string {
    const head = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${head}.${body}.${signature(`${head}.${body}`).toString('base64url')}`;
  }
  /** The token of an Authorization header, or why it is refused. */
  function verify(authorization: string | undefined): Token | string {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!bearer) return 'Access token is empty.';
    const [head, body, sig] = bearer.split('.');
    if (!head || !body || sig === undefined) return 'IDX14100: JWT is not well formed.';
    const expected = signature(`${head}.${body}`);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'Access token validation failure. Invalid signature.';
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Json;
    if (typeof payload.exp !== 'number' || payload.exp <= Math.floor(Date.now() / 1000)) return 'Lifetime validation failed, the token is expired.';
    if (payload.idtyp === 'app') {
      return { kind: 'app', scopes: new Set((payload.roles as string[]).map((r) => r.toLowerCase())) };
    }
    return {
      kind: 'user',
      oid: String(payload.oid),
      scopes: new Set(String(payload.scp).split(' ').filter(Boolean).map((s) => s.toLowerCase())),
      mfaTime: typeof payload.mfaTime === 'number' ? payload.mfaTime : undefined,
    };
  }

  // Helpers for handlers -------------------------------------------------------------------------
  const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ status, body, headers });
  const noContent: Reply = { status: 204 };
  const context = (version: 'v1.0' | 'beta', what: string): string => `${url}/${version}/$metadata#${what}`;
  const me = (ctx: Ctx): FakeGraphUser => {
    const user = users.get(ctx.token.oid ?? '');
    if (!user) throw notFound(ctx.token.oid ?? '');
    return user;
  };
  const userAt = (key: string): FakeGraphUser => {
    const user = users.get(key) ?? [...users.values()].find((u) => String(u.properties.userPrincipalName).toLowerCase() === key.toLowerCase());
    if (!user) throw notFound(key);
    return user;
  };
  const bodyOf = (ctx: Ctx): Json => {
    if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) throw fault(400, 'BadRequest', 'Empty Payload. JSON content expected.');
    return ctx.body as Json;
  };
  const stringField = (body: Json, name: string): string => {
    const value = body[name];
    if (typeof value !== 'string' || value === '') throw fault(400, 'BadRequest', `Invalid or missing value for parameter '${name}'.`);
    return value;
  };

  /** One page of a collection: pageSize items (or fewer, when $top asks for fewer), and the link to the next page. */
  function page(ctx: Ctx, items: Json[], odataContext: string): Reply {
    const top = ctx.query.get('$top');
    let size = Math.max(1, Math.floor(fake.pageSize));
    if (top !== null) {
      const n = Number(top);
      if (!Number.isInteger(n) || n < 1 || n > 999) throw fault(400, 'BadRequest', `Invalid value '${top}' for query option $top.`);
      size = Math.min(size, n);
    }
    let offset = 0;
    const skiptoken = ctx.query.get('$skiptoken');
    if (skiptoken !== null) {
      const decoded = /^o:(\d+)$/.exec(Buffer.from(skiptoken, 'base64url').toString('utf8'));
      if (!decoded) throw fault(400, 'BadRequest', 'Invalid $skiptoken.');
      offset = Number(decoded[1]);
    }
    const body: Json = { '@odata.context': odataContext, value: items.slice(offset, offset + size) };
    if (offset + size < items.length) {
      const [path = '', query = ''] = ctx.rawUrl.split('?');
      const kept = query.split('&').filter((pair) => pair !== '' && decodeURIComponent(pair.split('=')[0] ?? '') !== '$skiptoken');
      kept.push(`$skiptoken=${Buffer.from(`o:${offset + size}`).toString('base64url')}`);
      body['@odata.nextLink'] = `${url}${path}?${kept.join('&')}`;
    }
    return json(body);
  }

  // Routes ---------------------------------------------------------------------------------------
  const USER_READ = ['User.Read', 'User.ReadWrite', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'];
  const METHODS_READ = ['UserAuthenticationMethod.Read', 'UserAuthenticationMethod.ReadWrite', 'UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'];
  const METHODS_WRITE = ['UserAuthenticationMethod.ReadWrite', 'UserAuthenticationMethod.ReadWrite.All'];
  const USERS_READ_ALL = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
  const ID = '([^/]+)';
  const route = (method: string, path: string, rest: Omit<Route, 'method' | 'path'>): Route => ({ method, path: new RegExp(`^${path}$`, 'i'), ...rest });

  const routes: Route[] = [
    route('GET', '/v1\\.0/me', {
      scopes: USER_READ,
      handle: (ctx) => json({ '@odata.context': context('v1.0', 'users/$entity'), ...project(USER, userValues(me(ctx)), ctx.select) }),
    }),
    route('GET', '/v1\\.0/me/manager', {
      scopes: USER_READ,
      handle: (ctx) => {
        const manager = users.get(me(ctx).managerId ?? '');
        if (!manager) throw notFound('manager');
        return json({ '@odata.context': context('v1.0', 'directoryObjects/$entity'), ...project(USER, userValues(manager), ctx.select, '#microsoft.graph.user') });
      },
    }),
    route('GET', '/v1\\.0/me/photo/\\$value', {
      scopes: USER_READ,
      handle: (ctx) => {
        const photo = me(ctx).photo;
        if (!photo) throw fault(404, 'ImageNotFound', 'The photo wasn\'t found.');
        return { status: 200, bytes: { contentType: photo.contentType, data: photo.bytes } };
      },
    }),
    route('POST', '/v1\\.0/me/changePassword', {
      scopes: ['User-PasswordProfile.ReadWrite.All', 'Directory.AccessAsUser.All'],
      freshMfa: true,
      handle: (ctx) => {
        const body = bodyOf(ctx);
        const current = stringField(body, 'currentPassword');
        const next = stringField(body, 'newPassword');
        const user = me(ctx);
        if (user.password === undefined || current !== user.password) throw fault(400, 'invalidRequest', 'The current password is not correct.');
        user.password = next;
        user.lastPasswordChangeDateTime = graphNow();
        return noContent;
      },
    }),
    route('GET', '/v1\\.0/me/authentication/methods', {
      scopes: METHODS_READ,
      handle: (ctx) => json({ '@odata.context': context('v1.0', 'users(\'me\')/authentication/methods'), value: listedMethods(me(ctx)) }),
    }),
    route('DELETE', `/v1\\.0/me/authentication/(${Object.keys(METHOD_SEGMENTS).join('|')})/${ID}`, {
      scopes: METHODS_WRITE,
      freshMfa: true,
      handle: (ctx) => {
        const user = me(ctx);
        const [segment = '', id] = ctx.params;
        const method = user.methods.find((m) => m.id === id && m['@odata.type'] === METHOD_SEGMENTS[segment.toLowerCase()]);
        if (!method) throw fault(404, 'itemNotFound', `No ${segment} method with id '${id}' for this user.`);
        if (method['@odata.type'] === PHONE_TYPE) {
          const preference = user.signInPreferences.userPreferredMethodForSecondaryAuthentication ?? '';
          if (PHONE_FOR_PREFERENCE[preference] === method.phoneType) {
            throw fault(400, 'invalidRequest', 'This phone is the user\'s default sign-in method and can\'t be deleted; change the default method first.');
          }
          if (method.phoneType === 'mobile' && user.methods.some((m) => m['@odata.type'] === PHONE_TYPE && m.phoneType === 'alternateMobile')) {
            throw fault(400, 'invalidRequest', 'A mobile phone can\'t be deleted while an alternateMobile phone exists.');
          }
        }
        user.methods = user.methods.filter((m) => m !== method);
        return noContent;
      },
    }),
    route('GET', '/v1\\.0/me/registeredDevices', {
      scopes: USER_READ,
      handle: (ctx) => page(ctx, me(ctx).devices.map((d) => project(DEVICE, d, ctx.select, '#microsoft.graph.device')), context('v1.0', 'directoryObjects')),
    }),
    route('GET', '/v1\\.0/me/agreementAcceptances', {
      scopes: ['AgreementAcceptance.Read', 'AgreementAcceptance.Read.All'],
      handle: (ctx) => page(ctx, me(ctx).agreementAcceptances.map((a) => project(AGREEMENT_ACCEPTANCE, a, ctx.select)), context('v1.0', 'agreementAcceptances')),
    }),
    route('POST', '/v1\\.0/me/revokeSignInSessions', {
      scopes: ['User.RevokeSessions.All', 'User.ReadWrite.All'],
      handle: (ctx) => {
        me(ctx).signInSessionsValidFromDateTime = graphNow();
        return json({ '@odata.context': context('v1.0', 'Edm.Boolean'), value: true });
      },
    }),
    route('GET', '/v1\\.0/organization', {
      roles: ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
      scopes: USER_READ,
      handle: (ctx) => {
        const domains = Array.isArray(seed.tenant.verifiedDomains) ? (seed.tenant.verifiedDomains as string[]) : [];
        const organization = {
          id: tenantId,
          displayName: seed.tenant.displayName,
          tenantType: 'AAD',
          verifiedDomains: domains.map((name, i) => ({
            capabilities: 'Email, OfficeCommunicationsOnline', isDefault: i === 0, isInitial: name.toLowerCase().endsWith('.onmicrosoft.com'), name, type: 'Managed',
          })),
        };
        return json({ '@odata.context': context('v1.0', 'organization'), value: [project(ORGANIZATION, organization, ctx.select)] });
      },
    }),
    route('GET', '/v1\\.0/users', {
      roles: USERS_READ_ALL,
      handle: (ctx) => {
        let list = [...users.values()];
        const filter = ctx.query.get('$filter');
        if (filter !== null) {
          const upn = /^\s*userPrincipalName\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter)?.[1];
          if (upn === undefined) throw fault(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified: ${filter}`);
          const wanted = upn.replace(/''/g, '\'').toLowerCase();
          list = list.filter((u) => String(u.properties.userPrincipalName).toLowerCase() === wanted);
        }
        return page(ctx, list.map((u) => project(USER, userValues(u), ctx.select)), context('v1.0', 'users'));
      },
    }),
    route('GET', `/v1\\.0/users/${ID}`, {
      roles: USERS_READ_ALL,
      handle: (ctx) => json({ '@odata.context': context('v1.0', 'users/$entity'), ...project(USER, userValues(userAt(ctx.params[0] ?? '')), ctx.select) }),
    }),
    // An administrator's password reset (Update user, passwordProfile): User.ReadWrite.All for an app.
    route('PATCH', `/v1\\.0/users/${ID}`, {
      roles: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
      handle: (ctx) => {
        const user = userAt(ctx.params[0] ?? '');
        const profile = bodyOf(ctx).passwordProfile as { password?: unknown; forceChangePasswordNextSignIn?: unknown } | undefined;
        if (!profile || typeof profile.password !== 'string' || profile.password.length < 8) {
          throw fault(400, 'Request_BadRequest', 'The specified password does not comply with password complexity requirements. Please provide a different password.');
        }
        user.password = profile.password;
        user.lastPasswordChangeDateTime = graphNow();
        user.lockedOut = false;
        return { status: 204 };
      },
    }),
    route('GET', `/v1\\.0/users/${ID}/authentication/methods`, {
      roles: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
      handle: (ctx) => {
        const user = userAt(ctx.params[0] ?? '');
        return json({ '@odata.context': context('v1.0', `users('${user.id}')/authentication/methods`), value: listedMethods(user) });
      },
    }),
    route('POST', `/v1\\.0/users/${ID}/authentication/phoneMethods`, {
      roles: ['UserAuthenticationMethod.ReadWrite.All'],
      handle: (ctx) => {
        const user = userAt(ctx.params[0] ?? '');
        const body = bodyOf(ctx);
        const phoneType = stringField(body, 'phoneType');
        const phoneNumber = stringField(body, 'phoneNumber');
        const id = PHONE_METHOD_IDS[phoneType];
        if (!id) throw fault(400, 'invalidRequest', `Invalid phoneType '${phoneType}'.`);
        if (!PHONE_NUMBER.test(phoneNumber)) throw fault(400, 'invalidPhoneNumber', 'The phone number must have the form "+{country code} {number}x{extension}".');
        if (user.methods.some((m) => m['@odata.type'] === PHONE_TYPE && m.phoneType === phoneType)) {
          throw fault(409, 'conflict', `The user already has a phone method of type '${phoneType}'.`);
        }
        const method = { id, phoneNumber, phoneType, smsSignInState: 'notAllowedByPolicy' };
        user.methods.push({ '@odata.type': PHONE_TYPE, ...method });
        return json({ '@odata.context': context('v1.0', `users('${user.id}')/authentication/phoneMethods/$entity`), ...method }, 201);
      },
    }),
    route('POST', `/v1\\.0/users/${ID}/authentication/emailMethods`, {
      roles: ['UserAuthenticationMethod.ReadWrite.All'],
      handle: (ctx) => {
        const user = userAt(ctx.params[0] ?? '');
        const emailAddress = stringField(bodyOf(ctx), 'emailAddress');
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(emailAddress)) throw fault(400, 'invalidRequest', 'Invalid email address.');
        if (user.methods.some((m) => m['@odata.type'] === EMAIL_TYPE)) throw fault(409, 'conflict', 'The user already has an email method.');
        const method = { id: EMAIL_METHOD_ID, emailAddress };
        user.methods.push({ '@odata.type': EMAIL_TYPE, ...method });
        return json({ '@odata.context': context('v1.0', `users('${user.id}')/authentication/emailMethods/$entity`), ...method }, 201);
      },
    }),
    // Documented as delegated only (an administrator resetting someone else): "Application: Not supported".
    route('POST', `/v1\\.0/users/${ID}/authentication/methods/${ID}/resetPassword`, {
      scopes: ['UserAuthenticationMethod.ReadWrite.All'],
      handle: (ctx) => {
        const user = userAt(ctx.params[0] ?? '');
        if ((ctx.params[1] ?? '').toLowerCase() !== PASSWORD_METHOD_ID) throw fault(404, 'itemNotFound', `No password method with id '${ctx.params[1]}'.`);
        const given = ctx.body === undefined ? undefined : bodyOf(ctx).newPassword;
        if (given !== undefined && (typeof given !== 'string' || given === '')) throw fault(400, 'BadRequest', 'Invalid value for parameter \'newPassword\'.');
        const newPassword = given ?? randomBytes(9).toString('base64url');
        user.password = newPassword;
        user.lastPasswordChangeDateTime = graphNow();
        user.lockedOut = false;
        const operationId = randomUUID();
        operations.set(operationId, { userId: user.id, createdDateTime: graphNow() });
        const location = `${url}/v1.0/users/${user.id}/authentication/operations/${operationId}`;
        // A password the system generated comes back in the body; one the caller chose does not.
        return given === undefined
          ? json({ '@odata.context': context('v1.0', 'microsoft.graph.passwordResetResponse'), newPassword }, 202, { location })
          : { status: 202, headers: { location } };
      },
    }),
    route('GET', `/v1\\.0/users/${ID}/authentication/operations/${ID}`, {
      scopes: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
      roles: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
      handle: (ctx) => {
        const user = userAt(ctx.params[0] ?? '');
        const operation = operations.get(ctx.params[1] ?? '');
        if (!operation || operation.userId !== user.id) throw fault(404, 'itemNotFound', `No operation with id '${ctx.params[1]}'.`);
        return json({
          '@odata.context': context('v1.0', `users('${user.id}')/authentication/operations/$entity`),
          id: ctx.params[1], createdDateTime: operation.createdDateTime, lastActionDateTime: operation.createdDateTime,
          status: 'succeeded', statusDetail: null, resourceLocation: null,
        });
      },
    }),
    route('GET', `/beta/users/${ID}/authentication/signInPreferences`, {
      roles: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
      handle: (ctx) => {
        const user = userAt(ctx.params[0] ?? '');
        return json({
          '@odata.context': context('beta', `users('${user.id}')/authentication/signInPreferences`),
          ...user.signInPreferences,
          systemPreferredAuthenticationMethod: null,
        });
      },
    }),
    route('PATCH', `/beta/users/${ID}/authentication/signInPreferences`, {
      roles: ['UserAuthenticationMethod.ReadWrite.All'],
      handle: (ctx) => {
        const user = userAt(ctx.params[0] ?? '');
        const body = bodyOf(ctx);
        const preferred = body.userPreferredMethodForSecondaryAuthentication;
        const systemPreferred = body.isSystemPreferredAuthenticationMethodEnabled;
        if (preferred !== undefined && (typeof preferred !== 'string' || !PREFERENCES.includes(preferred))) {
          throw fault(400, 'BadRequest', `Invalid value ${JSON.stringify(preferred)} for property 'userPreferredMethodForSecondaryAuthentication'.`);
        }
        if (systemPreferred !== undefined && typeof systemPreferred !== 'boolean') {
          throw fault(400, 'BadRequest', 'Invalid value for property \'isSystemPreferredAuthenticationMethodEnabled\'.');
        }
        if (typeof preferred === 'string' && !hasMethodFor(user, preferred)) {
          throw fault(400, 'invalidRequest', `The user has no registered method that '${preferred}' can use.`);
        }
        if (typeof preferred === 'string') user.signInPreferences.userPreferredMethodForSecondaryAuthentication = preferred;
        if (typeof systemPreferred === 'boolean') user.signInPreferences.isSystemPreferredAuthenticationMethodEnabled = systemPreferred;
        return noContent;
      },
    }),
    route('PATCH', `/v1\\.0/devices/${ID}`, {
      roles: ['Device.ReadWrite.All', 'Directory.ReadWrite.All'],
      handle: (ctx) => {
        const id = ctx.params[0] ?? '';
        const device = [...users.values()].flatMap((u) => u.devices).find((d) => String(d.id).toLowerCase() === id.toLowerCase());
        if (!device) throw notFound(id);
        const accountEnabled = bodyOf(ctx).accountEnabled;
        if (typeof accountEnabled !== 'boolean') throw fault(400, 'BadRequest', 'Invalid or missing value for property \'accountEnabled\'.');
        device.accountEnabled = accountEnabled;
        return noContent;
      },
    }),
    route('GET', '/v1\\.0/auditLogs/signIns', {
      roles: ['AuditLog.Read.All'],
      handle: (ctx) => {
        let list = [...users.values()];
        const filter = ctx.query.get('$filter');
        if (filter !== null) {
          const userId = /^\s*userId\s+eq\s+'([^']*)'\s*$/i.exec(filter)?.[1];
          if (userId === undefined) throw fault(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified: ${filter}`);
          list = list.filter((u) => u.id === userId);
        }
        const rows = list
          .flatMap((u) => u.signIns.map((s): Json => ({ ...s, userId: u.id, userDisplayName: u.properties.displayName, userPrincipalName: u.properties.userPrincipalName })))
          .sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));
        return page(ctx, rows.map((row) => project(SIGN_IN, row, ctx.select)), context('v1.0', 'auditLogs/signIns'));
      },
    }),
  ];

  // Dispatch -------------------------------------------------------------------------------------
  function answer(method: string, rawUrl: string, verified: Token | string, body: unknown, badBody: boolean): Reply {
    const failed = failures.find((f) => f.remaining > 0 && (!f.match.method || f.match.method.toUpperCase() === method) && matches(f.match.path, rawUrl));
    if (failed) {
      failed.remaining -= 1;
      const headers: Record<string, string> = {};
      if (failed.failure.retryAfter !== undefined) headers['retry-after'] = String(failed.failure.retryAfter);
      if (failed.failure.claimsChallenge) Object.assign(headers, claimsChallenge());
      return { status: failed.failure.status, error: { code: failed.failure.code, message: STATUS_MESSAGES[failed.failure.status] ?? 'Failed.' }, headers };
    }

    const parsed = new URL(rawUrl, 'http://fake');
    let pathname: string;
    try {
      pathname = decodeURIComponent(parsed.pathname).replace(/\/+$/, '');
    } catch {
      throw fault(400, 'BadRequest', 'Malformed URL.');
    }
    const matching = routes.map((r) => ({ r, m: r.path.exec(pathname) })).filter((x) => x.m);
    if (matching.length === 0) throw fault(404, 'Request_ResourceNotFound', `Resource not found for the segment '${pathname.split('/').pop() ?? ''}'.`);
    const hit = matching.find((x) => x.r.method === method);
    if (!hit?.m) throw fault(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    const target = hit.r;

    if (typeof verified === 'string') throw fault(401, 'InvalidAuthenticationToken', verified, bearerChallenge);
    if (verified.kind === 'app' && !target.roles) {
      if (/^\/v1\.0\/me(\/|$)/i.test(pathname)) throw fault(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
      throw fault(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
    const granted = verified.kind === 'app'
      ? target.roles === 'any' || (target.roles ?? []).some((r) => verified.scopes.has(r.toLowerCase()))
      : (target.scopes ?? []).some((s) => verified.scopes.has(s.toLowerCase()));
    if (!granted) throw fault(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    if (target.freshMfa && verified.kind === 'user' && Math.floor(Date.now() / 1000) - (verified.mfaTime ?? 0) > FRESH_MFA_SECONDS) {
      throw fault(401, 'InvalidAuthenticationToken', 'The access token does not satisfy the authentication context this operation requires: sign in again with multi-factor authentication.', claimsChallenge());
    }
    if (badBody) throw fault(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');

    const selectParam = parsed.searchParams.get('$select');
    return target.handle({
      method,
      rawUrl,
      query: parsed.searchParams,
      params: hit.m.slice(1).map((p) => p ?? ''),
      body,
      token: verified,
      select: selectParam === null ? undefined : selectParam.split(',').map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('@')),
    });
  }

  function send(res: ServerResponse, reply: Reply, requestId: string, clientRequestId: string): void {
    const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': clientRequestId, ...reply.headers };
    let payload: Buffer | undefined;
    if (reply.error) {
      const date = new Date().toISOString().slice(0, 19);
      payload = Buffer.from(JSON.stringify({ error: { ...reply.error, innerError: { date, 'request-id': requestId, 'client-request-id': clientRequestId } } }));
      headers['content-type'] = 'application/json';
    } else if (reply.bytes) {
      payload = reply.bytes.data;
      headers['content-type'] = reply.bytes.contentType;
    } else if (reply.body !== undefined) {
      payload = Buffer.from(JSON.stringify(reply.body));
      headers['content-type'] = 'application/json';
    }
    if (payload) headers['content-length'] = String(payload.length);
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const headers = flatHeaders(req);
    const verified = verify(headers.authorization);
    let body: unknown;
    let badBody = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        badBody = true;
      }
    }
    const token = typeof verified === 'string' ? undefined : verified;
    requests.push({ method, path: rawUrl, auth: token?.kind ?? 'none', ...(token?.oid ? { userId: token.oid } : {}), headers, ...(body !== undefined ? { body } : {}) });

    if (slow && matches(slow.match, rawUrl)) {
      const ms = slow.ms;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      });
    }
    if (stopping) return;

    let reply: Reply;
    try {
      reply = answer(method, rawUrl, verified, body, badBody);
    } catch (error) {
      reply = error instanceof GraphFault
        ? { status: error.status, error: { code: error.code, message: error.message }, headers: error.headers }
        : { status: 500, error: { code: 'generalException', message: (error as Error).message } };
    }
    send(res, reply, randomUUID(), headers['client-request-id'] ?? randomUUID());
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeGraph = {
    url,
    userToken(userId, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return issue({
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${tenantId}/`,
        iat: now,
        nbf: now,
        exp: now + (options.expiresInSeconds ?? 3600),
        appid: CLIENT_APP_ID,
        idtyp: 'user',
        oid: userId,
        sub: userId,
        tid: tenantId,
        upn: users.get(userId)?.properties.userPrincipalName,
        scp: (options.scopes ?? DELEGATED_SCOPES).join(' '),
        amr: ['pwd', 'mfa'],
        mfaTime: now - (options.mfaSecondsAgo ?? 0),
        uti: randomUUID(),
      });
    },
    appToken(roles, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return issue({
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${tenantId}/`,
        iat: now,
        nbf: now,
        exp: now + (options.expiresInSeconds ?? 3600),
        appid: CLIENT_APP_ID,
        idtyp: 'app',
        oid: derivedId('service principal', CLIENT_APP_ID),
        tid: tenantId,
        roles: [...roles],
        uti: randomUUID(),
      });
    },
    failNext(match, failure, times = 1) {
      failures.push({ match, failure, remaining: times });
    },
    requests,
    pageSize: 2,
    delay(match, ms) {
      slow = match ? { match, ms } : undefined;
    },
    users,
    stop() {
      stopping ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return stopping;
    },
  };
  return fake;
}
