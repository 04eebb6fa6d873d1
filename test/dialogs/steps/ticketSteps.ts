// Steps the helpdesk transcripts share: an employee opens a ticket through the helpdesk form.
import type { Locale } from '../../../bot/core/i18n/i18n.js';
import type { Chat } from '../harness.js';
import { phrases } from '../testData/phrases.js';

/** The employee asks for the helpdesk, fills in the form and sends it; the new ticket's number. */
export async function openTicket(user: Chat, locale: Locale, description: string): Promise<string> {
  await user.say(phrases[locale].helpdesk);
  await user.submit('submit', { category: 'signInMethods', description });
  const [created] = await user.submit('send');
  return /INC-\d{6}/.exec(created?.text ?? '')?.[0] ?? '';
}
