// "Your password was changed; if this wasn't you, ...": sent to the user's other channels after a change.
import { regionalTag, translator, type Locale } from '../i18n/i18n.js';
import { timeZoneOf } from '../i18n/timeZones.js';
import { methodPhrase } from '../i18n/methodNames.js';
import type { Clock } from '../ports/clock.js';
import type { AuthenticationMethod, Directory, DirectoryUser } from '../ports/directory.js';
import type { Notification, Notifier } from '../ports/notifier.js';

export type NoticeKind = 'passwordChanged' | 'passwordReset' | 'methodAdded' | 'methodRemoved' | 'defaultChanged';

/** The work mailbox and every e-mail and mobile number registered, except the ones to skip. */
function destinations(user: DirectoryUser, methods: readonly AuthenticationMethod[], skipMethodId?: string): Omit<Notification, 'text'>[] {
  const out: Omit<Notification, 'text'>[] = [];
  const seen = new Set<string>();
  const add = (channel: Notification['channel'], to: string | undefined): void => {
    if (!to || seen.has(`${channel}:${to.toLowerCase()}`)) return;
    seen.add(`${channel}:${to.toLowerCase()}`);
    out.push({ userId: user.id, channel, to });
  };
  add('email', user.mail ?? user.userPrincipalName);
  for (const m of methods) {
    if (m.id === skipMethodId) continue;
    if (m.kind === 'email') add('email', m.emailAddress);
    if (m.kind === 'phone' && m.phoneType !== 'office') add('sms', m.phoneNumber);
  }
  return out;
}

export class Notices {
  constructor(private readonly deps: { readonly directory: Directory; readonly notifier: Notifier; readonly clock: Clock }) {}

  /** Tells the user on their other channels, in their language, what changed and what to do if it wasn't them. */
  async send(
    user: DirectoryUser, kind: NoticeKind, locale: Locale,
    options: { methods: readonly AuthenticationMethod[]; skipMethodId?: string; method?: AuthenticationMethod },
  ): Promise<void> {
    const tenant = await this.deps.directory.tenant();
    const t = translator(locale, { region: regionalTag(locale, user.preferredLanguage), timeZone: timeZoneOf(user, tenant) });
    const now = this.deps.clock.now();
    // A notice is read elsewhere (a phone, a mailbox) and later: its time names its zone (in UTC, the time says "UTC" itself).
    const zone = t.zoneName(now);
    const text = t.t(`notice.${kind}`, {
      organization: tenant.displayName,
      when: zone ? `${t.dateTime(now)} (${zone})` : t.dateTime(now),
      detail: options.method ? methodPhrase(t, options.method) : '',
      helpdesk: tenant.helpdesk.displayName,
    });
    for (const d of destinations(user, options.methods, options.skipMethodId)) await this.deps.notifier.send({ ...d, text });
  }
}
