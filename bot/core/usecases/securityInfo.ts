// Sign-in methods: what the user has and may add, parse a new phone or e-mail, add a proven method,
// remove one (never the last, with a new default when the default relied on it), change the default
// (and which method that replaces, for the step-up). Every target id is checked against the user's
// own methods; every change is audited and announced.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { DirectoryError, type AuthenticationMethod, type Directory, type DirectoryUser, type NewAuthenticationMethod, type PreferredSecondaryMethod } from '../ports/directory.js';
import { fail, ok, type Result } from '../result.js';
import type { Actor } from './actor.js';
import type { AuditTrail } from './auditTrail.js';
import { addableKinds, defaultOptions, describeMethod, isDefaultMethod, removalNeedsNewDefault, type AddableKind, type DefaultOption } from './methods.js';
import type { Notices } from './notices.js';
import { methodSummary } from '../i18n/methodNames.js';
import { unlessDirectoryFails } from './followUps.js';
import type { AuditSubject } from '../ports/audit.js';

/** "+46 70 123 45 67", "070-123 45 67" (with the user's country) → the number in international format, or undefined. */
export function parseMobileNumber(text: string, defaultCountry?: string): { e164: string; display: string } | undefined {
  const trimmed = text.trim().replace(/^00/, '+');
  if (trimmed.length > 32) return undefined;
  const country = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(trimmed, country);
  if (!parsed?.isValid()) return undefined;
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return undefined;
  return { e164: parsed.number, display: parsed.formatInternational() };
}

/** The region of a language tag ("sv-SE" → "SE"), a reasonable country for numbers typed without one. */
export const regionOf = (tag: string | undefined): string | undefined => tag?.split(/[-_]/)[1]?.toUpperCase();

const emailPattern = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/u;

export function parseEmail(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.length <= 254 && emailPattern.test(trimmed) ? trimmed : undefined;
}

/** A name for a new Authenticator: control characters and angle brackets removed, at most 64 characters. */
export const cleanDeviceName = (text: string): string => text.trim().replace(/[\p{Cc}<>]/gu, '').slice(0, 64);

export interface MethodsOverview {
  readonly methods: readonly AuthenticationMethod[];
  readonly preference: PreferredSecondaryMethod;
  /** The default setting and the method that serves it, when there is one. */
  readonly current?: DefaultOption;
  /** Every default setting the methods allow. */
  readonly options: readonly DefaultOption[];
  /** Ids of the methods the current default relies on. */
  readonly defaultMethodIds: readonly string[];
}

/** Removing this method: what it is, and the defaults to choose from when the current one relied on it. */
export interface RemovalPlan {
  readonly method: AuthenticationMethod;
  readonly newDefaultChoices: readonly DefaultOption[];
}

export type RemoveFailure = 'notFound' | 'lastMethod' | 'newDefaultRequired' | 'invalidDefault';

/** The audit subject of a default: the setting, and the method that serves it (masked) when there is one. */
function preferenceSubject(preference: PreferredSecondaryMethod, methods: readonly AuthenticationMethod[]): AuditSubject {
  const method = defaultOptions(methods).find((o) => o.preference === preference)?.method;
  return method ? { type: 'preference', preference, method: methodSummary(method) } : { type: 'preference', preference };
}

export class SecurityInfo {
  constructor(private readonly deps: { readonly directory: Directory; readonly auditTrail: AuditTrail; readonly notices: Notices }) {}

  methods(userId: string): Promise<readonly AuthenticationMethod[]> {
    return this.deps.directory.listAuthenticationMethods(userId);
  }

  async method(userId: string, methodId: string | undefined): Promise<AuthenticationMethod | undefined> {
    return (await this.methods(userId)).find((m) => m.id === methodId);
  }

  private async preference(userId: string): Promise<PreferredSecondaryMethod> {
    return (await this.deps.directory.getSignInPreferences(userId))?.userPreferredMethodForSecondaryAuthentication ?? 'none';
  }

  /**
   * Sets the default as part of another change, with its own audit entry: should that change fail,
   * this one is not left unrecorded. `methods` are the ones that may serve it (to name the number).
   */
  private async saveDefault(actor: Actor, preference: PreferredSecondaryMethod, methods: readonly AuthenticationMethod[]): Promise<void> {
    const { directory, auditTrail } = this.deps;
    await auditTrail.attempt(actor, 'securityinfo.default', () => directory.setSignInPreferences(actor.userId, { userPreferredMethodForSecondaryAuthentication: preference }));
    await auditTrail.record(actor, 'securityinfo.default', 'success', { target: preference, subject: preferenceSubject(preference, methods) });
  }

  /** The methods, the default setting and the settings the methods allow. */
  async overview(userId: string): Promise<MethodsOverview> {
    const methods = await this.methods(userId);
    const preference = await this.preference(userId);
    const options = defaultOptions(methods);
    return {
      methods, preference, options,
      current: options.find((o) => o.preference === preference),
      defaultMethodIds: methods.filter((m) => isDefaultMethod(m, methods, preference)).map((m) => m.id),
    };
  }

  /** What the user may add now, which phone slot a new number takes, and Microsoft's page for the Authenticator when it cannot be paired here. */
  async addable(userId: string): Promise<{ kinds: AddableKind[]; phoneType?: 'mobile' | 'alternateMobile'; authenticatorPage?: string }> {
    const addable = addableKinds(await this.methods(userId));
    // A real directory cannot register the Authenticator for someone: that happens in its app, on Microsoft's page.
    const plan = this.deps.directory.capabilities().find((p) => p.capability === 'securityinfo.add');
    if (!plan || plan.mode === 'embedded') return addable;
    return { ...addable, kinds: addable.kinds.filter((k) => k !== 'authenticator'), authenticatorPage: plan.portal };
  }

  /**
   * Whether an address is the user's work address, or any at the organization's domains: no good as
   * the alternate e-mail, which must reach the user when the work account is out of reach.
   */
  async isWorkAddress(user: DirectoryUser, emailAddress: string): Promise<boolean> {
    const address = emailAddress.toLowerCase();
    if ([user.mail, user.userPrincipalName].some((own) => own?.toLowerCase() === address)) return true;
    const domain = address.slice(address.lastIndexOf('@') + 1);
    const { verifiedDomains } = await this.deps.directory.tenant();
    return verifiedDomains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
  }

  /** Adds a method the user has just proven (a code sent to it was typed back). */
  async add(actor: Actor, method: NewAuthenticationMethod): Promise<Result<AuthenticationMethod, 'duplicate' | 'notFound'>> {
    const { directory, auditTrail, notices } = this.deps;
    const user = await directory.findUserById(actor.userId);
    if (!user) return fail('notFound');
    const before = await directory.listAuthenticationMethods(user.id);
    const duplicate = before.some((m) =>
      (method.kind === 'phone' && m.kind === 'phone' && m.phoneNumber?.replace(/\s/g, '') === method.phoneNumber.replace(/\s/g, '')) ||
      (method.kind === 'email' && m.kind === 'email' && m.emailAddress?.toLowerCase() === method.emailAddress.toLowerCase()));
    if (duplicate) return fail('duplicate');
    const added = await auditTrail.attempt(actor, 'securityinfo.add', () => directory.addAuthenticationMethod(user.id, method));
    if (!added.ok) return fail('notFound');
    // The first method that can be a default becomes it, as on the security info page (where the
    // directory lets the assistant set it; the method is added either way), and the log says so. A
    // user who had a method that could be the default and chose none keeps that choice.
    const canSetDefault = directory.capabilities().some((p) => p.capability === 'securityinfo.default' && p.mode !== 'portal');
    const first = defaultOptions([added.value])[0];
    if (canSetDefault && first && defaultOptions(before).length === 0 && (await unlessDirectoryFails(this.preference(user.id), undefined)) === 'none') {
      await unlessDirectoryFails(this.saveDefault(actor, first.preference, [added.value]), undefined);
    }
    await auditTrail.record(actor, 'securityinfo.add', 'success', { target: describeMethod(added.value), subject: { type: 'method', method: methodSummary(added.value) } });
    await unlessDirectoryFails(notices.send(user, 'methodAdded', actor.locale, { methods: before, method: added.value }), undefined);
    return ok(added.value);
  }

  /** Whether the method can be removed, and the new defaults to offer when the current default relied on it. */
  async removalPlan(userId: string, methodId: string | undefined): Promise<Result<RemovalPlan, 'notFound' | 'lastMethod'>> {
    const methods = await this.methods(userId);
    const method = methods.find((m) => m.id === methodId);
    if (!method) return fail('notFound');
    if (methods.length <= 1) return fail('lastMethod');
    const preference = await this.preference(userId);
    const remaining = methods.filter((m) => m.id !== method.id);
    return ok({ method, newDefaultChoices: removalNeedsNewDefault(method, methods, preference) ? defaultOptions(remaining) : [] });
  }

  /** Removes a method; when the default relied on it, `newDefault` must be one of the plan's choices. */
  async remove(actor: Actor, methodId: string, newDefault?: PreferredSecondaryMethod): Promise<Result<AuthenticationMethod, RemoveFailure>> {
    const { directory, auditTrail, notices } = this.deps;
    const user = await directory.findUserById(actor.userId);
    if (!user) return fail('notFound');
    const methods = await directory.listAuthenticationMethods(user.id);
    const method = methods.find((m) => m.id === methodId);
    if (!method) {
      await auditTrail.record(actor, 'securityinfo.remove', 'refused', { reason: 'notFound' });
      return fail('notFound');
    }
    if (methods.length <= 1) return fail('lastMethod');
    const preference = await this.preference(user.id);
    const remaining = methods.filter((m) => m.id !== methodId);
    if (removalNeedsNewDefault(method, methods, preference)) {
      const allowed = defaultOptions(remaining).map((o) => o.preference);
      if (allowed.length > 0 && newDefault === undefined) return fail('newDefaultRequired');
      if (newDefault !== undefined && !allowed.includes(newDefault)) return fail('invalidDefault');
      await this.saveDefault(actor, newDefault ?? 'none', remaining);
    }
    let removed: Awaited<ReturnType<typeof directory.removeAuthenticationMethod>>;
    try {
      removed = await auditTrail.attempt(actor, 'securityinfo.remove', () => directory.removeAuthenticationMethod(user.id, methodId), { subject: { type: 'method', method: methodSummary(method) } });
    } catch (error) {
      // Refused outright (a fresh MFA sign-in wanted, not allowed...): the default goes back to what
      // it was, so the user is rightly told nothing changed. After an unknown outcome it stays.
      const refused = error instanceof DirectoryError && error.failure !== 'outcomeUnknown';
      if (refused && (await this.preference(user.id)) !== preference) await this.saveDefault(actor, preference, methods).catch(() => undefined);
      throw error;
    }
    if (!removed.ok) return fail('notFound');
    await auditTrail.record(actor, 'securityinfo.remove', 'success', { target: describeMethod(method), subject: { type: 'method', method: methodSummary(method) } });
    await unlessDirectoryFails(notices.send(user, 'methodRemoved', actor.locale, { methods, method }), undefined);
    return ok(method);
  }

  /**
   * The methods a change of the default to this setting replaces: the one the current default relies
   * on, unless it serves the new setting too (texts to calls on the same phone replace nothing). The
   * step-up for the change may not be proved with them.
   */
  async replacedByDefault(userId: string, preference: PreferredSecondaryMethod): Promise<string[]> {
    const { options, current } = await this.overview(userId);
    const next = options.find((o) => o.preference === preference);
    return current && current.method.id !== next?.method.id ? [current.method.id] : [];
  }

  /** The default settings the user can choose from, and the current one. */
  async defaultChoices(userId: string): Promise<{ options: readonly DefaultOption[]; current: PreferredSecondaryMethod }> {
    const { options, preference } = await this.overview(userId);
    return { options, current: preference };
  }

  async setDefault(actor: Actor, preference: PreferredSecondaryMethod): Promise<Result<DefaultOption, 'notEligible' | 'notFound'>> {
    const { directory, auditTrail, notices } = this.deps;
    const user = await directory.findUserById(actor.userId);
    if (!user) return fail('notFound');
    const methods = await directory.listAuthenticationMethods(user.id);
    const option = defaultOptions(methods).find((o) => o.preference === preference);
    if (!option) {
      await auditTrail.record(actor, 'securityinfo.default', 'refused', { reason: 'notEligible' });
      return fail('notEligible');
    }
    await auditTrail.attempt(actor, 'securityinfo.default', () => directory.setSignInPreferences(user.id, { userPreferredMethodForSecondaryAuthentication: preference }));
    await auditTrail.record(actor, 'securityinfo.default', 'success', { target: preference, subject: preferenceSubject(preference, methods) });
    await unlessDirectoryFails(notices.send(user, 'defaultChanged', actor.locale, { methods }), undefined);
    return ok(option);
  }
}
