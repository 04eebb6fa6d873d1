// The profile card: photo (or initials), name, job, contact details, manager, and who manages it.
import { cardVerbs } from './cardVerbs.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { Profile } from '../bot/core/ports/directory.js';
import { initialsAvatar } from './avatar.js';
import { keptCard, type CardAttachment } from './renderer.js';

export function profileCard(t: Translator, profile: Profile, organizationName: string): CardAttachment {
  const facts: { title: string; value: string }[] = [];
  const add = (key: string, value: string | undefined): void => {
    if (value && value.trim() !== '') facts.push({ title: t.t(`profile.field.${key}`), value });
  };
  add('mail', profile.mail ?? profile.userPrincipalName);
  add('otherMails', profile.otherMails.join(', '));
  add('office', profile.officeLocation);
  add('businessPhones', profile.businessPhones.join(', '));
  add('mobilePhone', profile.mobilePhone);
  // "Who is my manager?" has an answer even when none is recorded.
  add('manager', profile.manager ? [profile.manager.displayName, profile.manager.jobTitle].filter(Boolean).join(', ') : t.t('profile.noManager'));
  add('userPrincipalName', profile.userPrincipalName);
  const hasPhoto = profile.photo !== undefined;
  return keptCard('profile', {
    heading: t.t('profile.heading'),
    name: profile.displayName,
    jobLine: [profile.jobTitle, profile.department].filter(Boolean).join(' · ') || t.t('profile.noJob'),
    image: profile.photo ?? initialsAvatar(profile.displayName, profile.id),
    imageAlt: t.t(hasPhoto ? 'profile.photoAlt' : 'profile.initialsAlt', { name: profile.displayName }),
    facts,
    managedNotice: t.t('profile.managed', { organization: organizationName }),
    reportTitle: t.t('profile.reportError'),
    reportData: { verb: cardVerbs.reportProfileError },
    menuTitle: t.t('menu.show'),
    menuData: { verb: cardVerbs.showMenu },
  });
}
