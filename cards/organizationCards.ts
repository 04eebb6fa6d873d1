// The organization cards: home and guest organizations (a "Leave" button on each guest one), which
// one to leave, and the confirmation.
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { Organization } from '../bot/core/ports/directory.js';
import { cancelButton, formCard, startsGoal, type FormSpec } from './formCard.js';
import type { CardAttachment } from './renderer.js';

/** The sentence over the organizations card: in how many the user is a guest. */
export function organizationsSummary(t: Translator, organizations: readonly Organization[]): string {
  const guests = organizations.filter((o) => !o.isHome).length;
  return guests === 0 ? t.t('organizations.noGuest') : t.t('organizations.intro', { count: guests });
}

/** organizations.view: the home organization marked, never with a leave button. */
export function organizationsCard(t: Translator, organizations: readonly Organization[]): CardAttachment {
  return formCard({
    heading: t.t('organizations.heading'),
    items: organizations.map((o) => ({
      title: o.displayName,
      subtitle: [o.defaultDomain, t.t(o.isHome ? 'organizations.home' : 'organizations.guest')].filter(Boolean).join(' · '),
      badge: o.isHome ? t.t('organizations.homeBadge') : '',
      badgeTone: 'accent',
      buttons: o.isHome ? [] : [{ title: t.t('organizations.leaveButton', { organization: o.displayName }), action: 'organizations.leave', values: { target: o.tenantId } }],
    })),
  }, startsGoal);
}

/** Which guest organization to leave; the home one is explained. */
export function leavePickForm(t: Translator, guests: readonly Organization[], home: Organization | undefined): FormSpec {
  return {
    heading: t.t('organizations.leaveHeading'),
    lines: [{ text: t.t('organizations.leavePick') }, ...(home ? [{ text: t.t('organizations.homeExplained', { home: home.displayName }) }] : [])],
    items: guests.map((o) => ({ title: o.displayName, subtitle: o.defaultDomain, buttons: [{ title: t.t('organizations.leaveButton', { organization: o.displayName }), action: 'choose', values: { tenantId: o.tenantId } }] })),
    buttons: [cancelButton(t)],
  };
}

export function leaveConfirmForm(t: Translator, organization: Organization): FormSpec {
  return {
    heading: t.t('organizations.confirmHeading', { organization: organization.displayName }),
    lines: [{ text: t.t('organizations.confirm', { organization: organization.displayName }), warning: true }],
    buttons: [{ title: t.t('organizations.leaveNow'), action: 'leave', style: 'destructive' }, cancelButton(t)],
  };
}
