// How each account goal is carried out against the directory: by the assistant itself (the
// embedded tenant), through Microsoft Graph with the user's own token (delegated), with the
// assistant's own identity after it has verified the user (application, only where an admin opted
// in), or not at all, by sending the user to Microsoft's own page (portal). Decided at start, from
// what Graph allows a user to do to their own account (see the README's capability table).
import type { GoalIntent } from './goals.js';

export type CapabilityMode = 'embedded' | 'delegated' | 'application' | 'portal';

/** The goals that act on or read the directory account. */
export const accountCapabilities = [
  'profile.view', 'password.change', 'password.reset', 'securityinfo.view', 'securityinfo.add', 'securityinfo.remove',
  'securityinfo.default', 'devices.view', 'devices.disable', 'organizations.view', 'organizations.leave',
  'termsofuse.review', 'signout.everywhere', 'signins.view',
] as const satisfies readonly GoalIntent[];
export type AccountCapability = (typeof accountCapabilities)[number];

export const isAccountCapability = (value: unknown): value is AccountCapability =>
  typeof value === 'string' && (accountCapabilities as readonly string[]).includes(value);

/** The capabilities an admin may let the assistant do with its own identity (GRAPH_PRIVILEGED). */
export const privilegedCapabilities = [
  'password.reset', 'securityinfo.add', 'securityinfo.default', 'devices.disable', 'signins.view',
] as const satisfies readonly AccountCapability[];
export type PrivilegedCapability = (typeof privilegedCapabilities)[number];

export interface CapabilityPlan {
  readonly capability: AccountCapability;
  readonly mode: CapabilityMode;
  /** The Graph permissions the mode needs (delegated scopes or application roles); none for portal. */
  readonly permissions: readonly string[];
  /** Microsoft's page for doing it there, offered when the mode is portal. */
  readonly portal: string;
}

/** Microsoft's own pages, per goal (My Account, Security info, My Sign-ins, password reset). */
export const portalPages: Readonly<Record<AccountCapability, string>> = {
  'profile.view': 'https://myaccount.microsoft.com',
  'password.change': 'https://mysignins.microsoft.com/security-info/password/change',
  'password.reset': 'https://aka.ms/sspr',
  'securityinfo.view': 'https://mysignins.microsoft.com/security-info',
  'securityinfo.add': 'https://mysignins.microsoft.com/security-info',
  'securityinfo.remove': 'https://mysignins.microsoft.com/security-info',
  'securityinfo.default': 'https://mysignins.microsoft.com/security-info',
  'devices.view': 'https://myaccount.microsoft.com/device-list',
  'devices.disable': 'https://myaccount.microsoft.com/device-list',
  'organizations.view': 'https://myaccount.microsoft.com/organizations',
  'organizations.leave': 'https://myaccount.microsoft.com/organizations',
  'termsofuse.review': 'https://myaccount.microsoft.com/settingsandprivacy/privacy',
  'signout.everywhere': 'https://myaccount.microsoft.com',
  'signins.view': 'https://mysignins.microsoft.com',
};

/** What Graph lets a signed-in user do to their own account, and with which delegated scopes. */
const delegated: Partial<Record<AccountCapability, readonly string[]>> = {
  'profile.view': ['User.Read'],
  'password.change': ['User-PasswordProfile.ReadWrite.All'],
  'securityinfo.view': ['UserAuthenticationMethod.Read'],
  'securityinfo.remove': ['UserAuthenticationMethod.ReadWrite'],
  'devices.view': ['User.Read'],
  'signout.everywhere': ['User.RevokeSessions.All'],
};

/** What needs the assistant's own identity (an application role), after it verified the user. */
const application: Readonly<Record<PrivilegedCapability, readonly string[]>> = {
  'password.reset': ['User.Read.All', 'UserAuthenticationMethod.ReadWrite.All', 'User.ReadWrite.All'],
  'securityinfo.add': ['UserAuthenticationMethod.ReadWrite.All'],
  'securityinfo.default': ['UserAuthenticationMethod.ReadWrite.All'],
  'devices.disable': ['Device.ReadWrite.All'],
  'signins.view': ['AuditLog.Read.All'],
};

/** What the assistant's own identity reads on every turn, whatever is privileged. */
export const applicationBaseline: readonly { readonly purpose: string; readonly permission: string }[] = [
  { purpose: '(every turn) find a Teams user by object id', permission: 'User.Read.All' },
  { purpose: "(every turn) the organization's name and domains", permission: 'Organization.Read.All' },
];

/** Every capability with its mode in Graph mode, given the privileged ones an admin opted into. */
export function graphCapabilities(privileged: ReadonlySet<PrivilegedCapability>): readonly CapabilityPlan[] {
  return accountCapabilities.map((capability) => {
    const portal = portalPages[capability];
    const scopes = delegated[capability];
    if (scopes) return { capability, mode: 'delegated', permissions: scopes, portal };
    const roles = (application as Partial<Record<AccountCapability, readonly string[]>>)[capability];
    if (roles && privileged.has(capability as PrivilegedCapability)) return { capability, mode: 'application', permissions: roles, portal };
    return { capability, mode: 'portal', permissions: [], portal };
  });
}

/** The embedded tenant does everything itself. */
export function embeddedCapabilities(): readonly CapabilityPlan[] {
  return accountCapabilities.map((capability) => ({ capability, mode: 'embedded', permissions: [], portal: portalPages[capability] }));
}

/** Reads GRAPH_PRIVILEGED ("signins.view,devices.disable"); an unknown name is an error naming it. */
export function parsePrivileged(text: string | undefined): { ok: true; value: Set<PrivilegedCapability> } | { ok: false; unknown: string } {
  const value = new Set<PrivilegedCapability>();
  for (const name of (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(privilegedCapabilities as readonly string[]).includes(name)) return { ok: false, unknown: name };
    value.add(name as PrivilegedCapability);
  }
  return { ok: true, value };
}
