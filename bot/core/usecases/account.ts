// Devices, organizations, terms of use and sign-in activity: ownership checked by the directory
// (an id that is not the user's is "notFound"), every change audited.
import type { AgreementAcceptance, Device, Organization, SignIn, TermsOfUse } from '../ports/directory.js';
import { audit, type AccountServices, type Actor } from './services.js';

/** The user's enabled devices, most recently used first. */
export async function activeDevices(services: AccountServices, userId: string): Promise<Device[]> {
  const devices = (await services.directory.listDevices(userId)).filter((d) => d.accountEnabled);
  const at = (d: Device): number => Date.parse(d.approximateLastSignInDateTime ?? '') || 0;
  return devices.sort((a, b) => at(b) - at(a));
}

export async function disableDevice(services: AccountServices, actor: Actor, deviceId: string): Promise<{ ok: true; device: Device } | { ok: false }> {
  const owned = (await activeDevices(services, actor.userId)).find((d) => d.id === deviceId);
  if (!owned) {
    await audit(services, actor, 'devices.disable', 'refused', { reason: 'notFound' });
    return { ok: false };
  }
  const result = await services.directory.disableDevice(actor.userId, deviceId);
  if (!result.ok) return { ok: false };
  await audit(services, actor, 'devices.disable', 'success', { target: `device ${owned.displayName}` });
  return { ok: true, device: result.value };
}

/** Home organization first, then guest organizations by name. */
export async function organizations(services: AccountServices, userId: string): Promise<Organization[]> {
  const list = await services.directory.listOrganizations(userId);
  return [...list].sort((a, b) => Number(b.isHome) - Number(a.isHome) || a.displayName.localeCompare(b.displayName));
}

export type LeaveOutcome = { ok: true } | { ok: false; error: 'notFound' | 'homeOrganization' | 'leaveNotAllowed' };

export async function leaveOrganization(services: AccountServices, actor: Actor, tenantId: string): Promise<LeaveOutcome> {
  const result = await services.directory.leaveOrganization(actor.userId, tenantId);
  const org = result.ok ? undefined : (await services.directory.listOrganizations(actor.userId)).find((o) => o.tenantId === tenantId);
  if (!result.ok) {
    await audit(services, actor, 'organizations.leave', 'refused', { reason: result.error, target: org?.displayName });
    return { ok: false, error: result.error };
  }
  await audit(services, actor, 'organizations.leave', 'success', { target: `organization ${tenantId}` });
  return { ok: true };
}

export type AgreementStatus = 'accepted' | 'declined' | 'pendingNew' | 'pendingVersion';

export interface AgreementView {
  readonly agreement: TermsOfUse;
  readonly status: AgreementStatus;
  readonly acceptance?: AgreementAcceptance;
}

/** Each agreement with the user's state: accepted at the current version, declined, or pending. */
export async function agreements(services: AccountServices, userId: string): Promise<AgreementView[]> {
  const all = await services.directory.listTermsOfUse();
  const decisions = await services.directory.listAgreementAcceptances(userId);
  return all.map((agreement) => {
    const acceptance = decisions.find((d) => d.agreementId === agreement.id);
    if (!acceptance) return { agreement, status: 'pendingNew' };
    if (acceptance.agreementVersion !== agreement.version) return { agreement, status: 'pendingVersion', acceptance };
    return { agreement, status: acceptance.state, acceptance };
  });
}

/** The agreement text in the user's language, else English, else any. */
export function agreementText(agreement: TermsOfUse, language: string): { text: string; language: string } {
  for (const lang of [language, 'en', ...Object.keys(agreement.content)]) {
    const text = agreement.content[lang];
    if (text) return { text, language: lang };
  }
  return { text: '', language };
}

export async function decideAgreement(services: AccountServices, actor: Actor, agreementId: string, accept: boolean): Promise<{ ok: boolean }> {
  const agreement = (await services.directory.listTermsOfUse()).find((a) => a.id === agreementId);
  if (!agreement) return { ok: false };
  const result = await services.directory.recordAgreementDecision(actor.userId, {
    agreementId, agreementVersion: agreement.version, state: accept ? 'accepted' : 'declined', recordedDateTime: services.clock.now().toISOString(),
  });
  if (!result.ok) return { ok: false };
  await audit(services, actor, 'termsofuse.decision', 'success', { target: `${agreement.displayName} ${agreement.version} ${accept ? 'accepted' : 'declined'}` });
  return { ok: true };
}

export interface SignInView {
  readonly signIn: SignIn;
  /** Failed, or from a country this account had not signed in from before. */
  readonly unusual: boolean;
  readonly reason?: 'failure' | 'newCountry';
}

/** Recent sign-ins, newest first, with the unusual ones marked. */
export async function recentSignIns(services: AccountServices, userId: string, top = 10): Promise<SignInView[]> {
  const all = await services.directory.listSignIns(userId, 100);
  const oldestFirst = [...all].reverse();
  const seen = new Set<string>();
  const views = new Map<string, SignInView>();
  for (const [index, s] of oldestFirst.entries()) {
    const country = s.location?.countryOrRegion;
    const newCountry = index > 0 && country !== undefined && !seen.has(country);
    if (country && s.status.errorCode === 0) seen.add(country);
    const reason = s.status.errorCode !== 0 ? 'failure' : newCountry ? 'newCountry' : undefined;
    views.set(s.id, { signIn: s, unusual: reason !== undefined, reason });
  }
  return all.slice(0, top).map((s) => views.get(s.id) as SignInView);
}
