// The Directory port: everything the assistant reads or changes about a user's own account.
// Shapes follow Microsoft Graph v1.0; every call that names an object is scoped to the user,
// so an id that is not theirs is simply "notFound".
import type { Result } from '../result.js';
import type { CapabilityPlan } from '../capabilities.js';

export type AuthenticationMethodKind =
  | 'phone' | 'email' | 'microsoftAuthenticator' | 'softwareOath' | 'fido2'
  | 'windowsHelloForBusiness' | 'temporaryAccessPass' | 'other';

export interface AuthenticationMethod {
  readonly id: string;
  readonly '@odata.type': string;
  readonly kind: AuthenticationMethodKind;
  readonly phoneNumber?: string;
  readonly phoneType?: 'mobile' | 'alternateMobile' | 'office';
  readonly emailAddress?: string;
  readonly displayName?: string;
  readonly deviceTag?: string;
  readonly model?: string;
}

export type NewAuthenticationMethod =
  | { readonly kind: 'phone'; readonly phoneNumber: string; readonly phoneType: 'mobile' | 'alternateMobile' | 'office' }
  | { readonly kind: 'email'; readonly emailAddress: string }
  | { readonly kind: 'microsoftAuthenticator'; readonly displayName: string };

export type PreferredSecondaryMethod = 'push' | 'oath' | 'sms' | 'voiceMobile' | 'voiceAlternateMobile' | 'voiceOffice' | 'none';

export interface SignInPreferences {
  readonly userPreferredMethodForSecondaryAuthentication: PreferredSecondaryMethod;
}

export interface DirectoryUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly givenName?: string;
  readonly surname?: string;
  readonly jobTitle?: string;
  readonly department?: string;
  readonly mail?: string;
  readonly otherMails: readonly string[];
  readonly officeLocation?: string;
  readonly businessPhones: readonly string[];
  readonly mobilePhone?: string;
  readonly preferredLanguage?: string;
  readonly managerId?: string;
  readonly accountEnabled: boolean;
  readonly lockedOut: boolean;
  readonly selfServicePasswordResetRegistered: boolean;
  readonly signInSessionsValidFromDateTime?: string;
  readonly lastPasswordChangeDateTime?: string;
  /** A data: URI (PNG or JPEG) when the user has a photo. */
  readonly photo?: string;
}

export interface Profile extends DirectoryUser {
  readonly manager?: { readonly id: string; readonly displayName: string; readonly jobTitle?: string };
}

export interface Device {
  readonly id: string;
  readonly deviceId?: string;
  readonly displayName: string;
  readonly operatingSystem?: string;
  readonly operatingSystemVersion?: string;
  readonly accountEnabled: boolean;
  readonly trustType?: string;
  readonly approximateLastSignInDateTime?: string;
  readonly isCompliant?: boolean;
  readonly isManaged?: boolean;
}

export interface Organization {
  readonly tenantId: string;
  readonly displayName: string;
  readonly defaultDomain?: string;
  readonly isHome: boolean;
  readonly allowsSelfLeave: boolean;
}

export interface TermsOfUse {
  readonly id: string;
  readonly displayName: string;
  readonly version: string;
  /** The title by language code, where the tenant gives one (else displayName). */
  readonly localizedDisplayNames?: Readonly<Record<string, string>>;
  /** Agreement text by language code (en, fr, nl, sv, ...). */
  readonly content: Readonly<Record<string, string>>;
}

export type AgreementState = 'accepted' | 'declined';

export interface AgreementAcceptance {
  readonly agreementId: string;
  readonly agreementVersion: string;
  readonly state: AgreementState;
  readonly recordedDateTime: string;
}

export interface SignIn {
  readonly id: string;
  readonly createdDateTime: string;
  readonly appDisplayName?: string;
  readonly ipAddress?: string;
  readonly clientAppUsed?: string;
  readonly location?: { readonly city?: string; readonly state?: string; readonly countryOrRegion?: string };
  readonly deviceDetail?: { readonly deviceId?: string; readonly displayName?: string; readonly operatingSystem?: string; readonly browser?: string };
  /** errorCode 0 is a success; without one the result was not recorded (Graph always records it; a seed may not). */
  readonly status: { readonly errorCode?: number; readonly failureReason?: string };
}

export interface HelpdeskContact {
  readonly displayName: string;
  readonly email?: string;
  readonly phone?: string;
  readonly agents: readonly string[];
}

export interface PasswordPolicy {
  readonly minLength: number;
  readonly requiredCharacterClasses: number;
  readonly bannedWords: readonly string[];
  readonly historyCount: number;
}

export interface TenantPolicy {
  readonly selfServicePasswordReset: { readonly enabled: boolean; readonly gates: 1 | 2; readonly methods: readonly string[] };
  readonly password: PasswordPolicy;
  readonly verificationCode: {
    readonly length: number; readonly ttlSeconds: number; readonly maxAttempts: number; readonly maxSendsPerHour: number;
    /** How long verification stays locked after too many wrong codes. */
    readonly lockoutMinutes: number;
  };
  readonly stepUpMinutes: number;
}

export interface TenantInfo {
  readonly id: string;
  readonly displayName: string;
  readonly verifiedDomains: readonly string[];
  readonly helpdesk: HelpdeskContact;
  readonly policy: TenantPolicy;
  /** The IANA time zone of the organization, when it sets one (otherwise times are shown in UTC). */
  readonly timeZone?: string;
  /** Time zones by office location ("Lyon" → "Europe/Paris"), for users whose channel gives none. */
  readonly officeTimeZones?: Readonly<Record<string, string>>;
}

export type NotFound = 'notFound';

/** Why the directory refused a new password: it is the current one, a recent one, or breaks a rule only it knows. */
export type PasswordRefusal = 'sameAsCurrent' | 'history' | 'policy';

export interface PasswordOptions {
  readonly at: Date;
  /** How many earlier passwords may not come back (the tenant's policy). */
  readonly historyCount: number;
}

/** Why a directory could not answer: it cannot be reached, refuses the assistant, needs the user to sign in (again, with MFA), or cannot do this at all. Never carries a token or a response body. */
/** `outcomeUnknown`: a change was sent but no answer came back; it may have been made. */
export type DirectoryFailure = 'unavailable' | 'outcomeUnknown' | 'denied' | 'signInRequired' | 'freshMfaRequired' | 'notSupported';

/** Thrown by a directory adapter when it could not answer; the turn tells the user what happened and that nothing (more) was changed. */
export class DirectoryError extends Error {
  constructor(readonly failure: DirectoryFailure, readonly detail?: string) {
    super(`directory ${failure}${detail ? `: ${detail}` : ''}`);
    this.name = 'DirectoryError';
  }
}

export interface Directory {
  tenant(): Promise<TenantInfo>;
  findUserById(userId: string): Promise<DirectoryUser | undefined>;
  findUserByPrincipalName(userPrincipalName: string): Promise<DirectoryUser | undefined>;
  getProfile(userId: string): Promise<Profile | undefined>;

  /** How each account goal is carried out with this directory (embedded, delegated, application, portal). */
  capabilities(): readonly CapabilityPlan[];

  /** Whether the password is the user's (the demo sign-in; a real directory cannot tell and throws). */
  verifyPassword(userId: string, password: string): Promise<boolean>;
  /**
   * Changes the password when `current` is right (Graph: POST /me/changePassword with the user's token).
   * `wrongCurrentOrRefused`: the directory refused without saying whether the current password was
   * wrong or the new one is on its own list of banned passwords.
   */
  changePassword(userId: string, current: string, next: string, options: PasswordOptions): Promise<Result<void, NotFound | 'wrongCurrent' | 'wrongCurrentOrRefused' | PasswordRefusal>>;
  /** Sets a new password after the assistant verified the user, and unlocks the account (self-service reset). */
  resetPassword(userId: string, next: string, options: PasswordOptions): Promise<Result<void, NotFound | PasswordRefusal>>;

  listAuthenticationMethods(userId: string): Promise<readonly AuthenticationMethod[]>;
  addAuthenticationMethod(userId: string, method: NewAuthenticationMethod): Promise<Result<AuthenticationMethod, NotFound>>;
  removeAuthenticationMethod(userId: string, methodId: string): Promise<Result<void, NotFound>>;
  getSignInPreferences(userId: string): Promise<SignInPreferences | undefined>;
  setSignInPreferences(userId: string, preferences: SignInPreferences): Promise<Result<void, NotFound>>;

  listDevices(userId: string): Promise<readonly Device[]>;
  disableDevice(userId: string, deviceId: string): Promise<Result<Device, NotFound>>;

  listOrganizations(userId: string): Promise<readonly Organization[]>;
  leaveOrganization(userId: string, tenantId: string): Promise<Result<void, NotFound | 'homeOrganization' | 'leaveNotAllowed'>>;

  listTermsOfUse(): Promise<readonly TermsOfUse[]>;
  listAgreementAcceptances(userId: string): Promise<readonly AgreementAcceptance[]>;
  recordAgreementDecision(userId: string, decision: AgreementAcceptance): Promise<Result<void, NotFound>>;

  /** Sets signInSessionsValidFromDateTime to `at`: every session issued before must sign in again. */
  revokeSignInSessions(userId: string, at: Date): Promise<Result<void, NotFound>>;
  listSignIns(userId: string, top: number): Promise<readonly SignIn[]>;
}
