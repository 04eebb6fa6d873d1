// Every card and form the bot can send, built with one value in every field that comes from people
// or the directory: the renderer test fills it with hostile text, the browser gallery with
// ordinary text, in each language.
import { menuGoals } from '../../bot/core/goals.js';
import type { Translator } from '../../bot/core/i18n/i18n.js';
import type { AuthenticationMethod, Device, HelpdeskContact, Organization, Profile, TermsOfUse } from '../../bot/core/ports/directory.js';
import type { Ticket } from '../../bot/core/ports/tickets.js';
import { auditCard } from '../../cards/auditCards.js';
import { devicesCard, disableDeviceForm, lostDeviceReportCard, pickDeviceForm } from '../../cards/deviceCards.js';
import { answeredCard, formCard, noData, type FormSpec } from '../../cards/formCard.js';
import { methodPhrase } from '../../bot/core/i18n/methodNames.js';
import { menuCard } from '../../cards/menuCard.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { leaveConfirmForm, leavePickForm, organizationsCard } from '../../cards/organizationCards.js';
import { accountNameForm, newPasswordForm, signOutForm, signOutOfferForm } from '../../cards/passwordCards.js';
import { profileCard } from '../../cards/profileCard.js';
import type { CardAttachment } from '../../cards/renderer.js';
import { addDetailsForm, addKindForm, defaultForm, methodsCard, removeConfirmForm, removePickForm } from '../../cards/securityInfoCards.js';
import { secureAccountForm, signInsCard } from '../../cards/signInCards.js';
import { agreementForm, agreementsCard } from '../../cards/termsOfUseCards.js';
import {
  agentTicketCard, handoffOfferForm, helpdeskLines, myTicketsCard, openTicketsCard, resolveForm, sendBackForm, ticketCard, ticketForm, ticketSummaryForm, ticketUpdateCard,
} from '../../cards/ticketCards.js';
import { chooseMethodForm, codeForm } from '../../cards/verificationCards.js';

export const galleryNow = new Date('2026-03-01T12:00:00Z');

/** The cards that show people's and the directory's text, with `v` in each such field. */
export function cardsShowing(t: Translator, v: string): Record<string, CardAttachment> {
  const form = (spec: FormSpec): CardAttachment => formCard(spec, noData);
  const device: Device = { id: 'd1', displayName: v, operatingSystem: v, operatingSystemVersion: v, accountEnabled: true, trustType: 'AzureAd', approximateLastSignInDateTime: '2026-02-27T12:00:00Z', isCompliant: true };
  const authenticator: AuthenticationMethod = { id: 'm1', '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', kind: 'microsoftAuthenticator', displayName: v };
  const phone: AuthenticationMethod = { id: 'm2', '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', kind: 'phone', phoneNumber: v, phoneType: 'mobile' };
  const choices = [{ preference: 'push' as const, method: authenticator }, { preference: 'sms' as const, method: phone }];
  const organizations: Organization[] = [
    { tenantId: 't1', displayName: v, defaultDomain: v, isHome: true, allowsSelfLeave: false },
    { tenantId: 't2', displayName: v, defaultDomain: v, isHome: false, allowsSelfLeave: true },
  ];
  const profile: Profile = {
    id: 'u1', userPrincipalName: v, displayName: v, givenName: v, surname: v, jobTitle: v, department: v, mail: v, otherMails: [v], officeLocation: v,
    businessPhones: [v], mobilePhone: v, accountEnabled: true, lockedOut: false, selfServicePasswordResetRegistered: true, manager: { id: 'm', displayName: v, jobTitle: v },
  };
  const contact: HelpdeskContact = { displayName: v, email: v, phone: v, agents: [] };
  const agreement: TermsOfUse = { id: 'a1', displayName: v, version: v, content: { en: v } };
  const ticket: Ticket = {
    number: 'T-1001', userId: 'u1', userDisplayName: v, channel: 'webchat', locale: 'en', category: 'other', description: v, state: 'assigned',
    createdAt: '2026-02-28T12:00:00Z', updatedAt: '2026-02-28T12:00:00Z', assignedTo: 'agent', resolution: v,
    context: { goal: 'devices.disable', step: v, objects: [{ kind: 'device', id: 'd1', label: v }] },
    transcript: [{ from: 'user', text: v, at: '2026-02-28T11:59:00Z' }, { from: 'bot', text: v, at: '2026-02-28T11:59:01Z' }], history: [],
  };
  return {
    menu: menuCard(t, menuGoals(), t.t('welcome.user', { name: v, organization: v })),
    profile: profileCard(t, profile, v),
    helpdeskNotice: noticeCard(t.t('helpdesk.anonymous'), helpdeskLines(t, contact)),
    audit: auditCard(t, [{ userId: 'u1', actorId: 'u1', action: 'devices.disable', target: `device ${v}`, subject: { type: 'device', name: v }, channel: 'webchat', result: 'success', correlationId: 'c', at: galleryNow.toISOString() }]),
    devices: devicesCard(t, [device], galleryNow),
    pickDevice: form(pickDeviceForm(t, [device], true, galleryNow)),
    disableDevice: form(disableDeviceForm(t, device, { authenticator, newDefaultChoices: choices })),
    lostDeviceReport: lostDeviceReportCard(t, [t.t('devices.done.disabled', { device: v })]),
    organizations: organizationsCard(t, organizations),
    leavePick: form(leavePickForm(t, organizations.slice(1), organizations[0])),
    leaveConfirm: form(leaveConfirmForm(t, organizations[1] as Organization)),
    methods: methodsCard(t, { methods: [authenticator, phone], preference: 'push', current: choices[0], options: choices, defaultMethodIds: ['m1'] }),
    removePick: form(removePickForm(t, [authenticator, phone])),
    removeConfirm: form(removeConfirmForm(t, authenticator, choices)),
    default: form(defaultForm(t, choices, 'push')),
    chooseMethod: form(chooseMethodForm(t, 'verify.choose', [authenticator, phone])),
    code: form(codeForm(t, { destination: methodPhrase(t, authenticator), device: authenticator.displayName, inApp: true, pairing: false, minutes: 10, digits: 8 })),
    signIns: signInsCard(t, [{
      signIn: { id: 's1', createdDateTime: '2026-02-28T12:00:00Z', appDisplayName: v, location: { city: v, countryOrRegion: v }, deviceDetail: { displayName: v, operatingSystem: v, browser: v }, status: { errorCode: 50126, failureReason: v } },
      unusual: true, reason: 'failure',
    }], galleryNow),
    agreements: agreementsCard(t, [{ agreement, status: 'pendingVersion', acceptance: { agreementId: 'a1', agreementVersion: v, state: 'accepted', recordedDateTime: '2026-01-01T00:00:00Z' } }]),
    agreement: form(agreementForm(t, agreement, v, 'en')),
    ticket: ticketCard(t, ticket, { agentName: v, now: galleryNow, lines: [v] }),
    ticketForm: form(ticketForm(t, contact, { context: ticket.context })),
    ticketSummary: form(ticketSummaryForm(t, { category: 'other', description: v, context: ticket.context, attachedLines: 2 })),
    handoffOffer: form(handoffOfferForm(t, v, [v, ...helpdeskLines(t, contact)])),
    myTickets: myTicketsCard(t, [{ ticket, agentName: v }], galleryNow),
    openTickets: openTicketsCard(t, [ticket], 1, galleryNow),
    agentTicket: agentTicketCard(t, ticket, { agentName: v, now: galleryNow, intro: v }),
    sendBack: form(sendBackForm(t, ticket)),
    ticketUpdate: ticketUpdateCard(t, ticket, t.t('ticket.user.resolved', { number: ticket.number, resolution: v }), { agentName: v, now: galleryNow }),
    answered: answeredCard(v, v),
  };
}


/** Forms that show no data of people or the directory: with the cards above, every card the bot sends. */
export function formsWithoutData(t: Translator): Record<string, CardAttachment> {
  const form = (spec: FormSpec): CardAttachment => formCard(spec, noData);
  const policy = { minLength: 12, requiredCharacterClasses: 3, bannedWords: [], historyCount: 5 };
  const ticket = { number: 'INC-000123' } as Ticket;
  return {
    newPassword: form(newPasswordForm(t, { headingKey: 'passwordChange.heading', withCurrent: true, policy, problems: [{ text: t.t('passwordChange.wrongCurrent'), warning: true }] })),
    resetPassword: form(newPasswordForm(t, { headingKey: 'passwordReset.newHeading', introKey: 'passwordReset.verified', withCurrent: false, policy, problems: [] })),
    accountName: form(accountNameForm(t, 'contoso.example')),
    signOut: form(signOutForm(t)),
    signOutOffer: form(signOutOfferForm(t)),
    addKind: form(addKindForm(t, ['phone', 'email', 'authenticator'])),
    addKindAuthenticatorOnPage: form(addKindForm(t, ['phone', 'email'], 'https://mysignins.microsoft.com/security-info')),
    addPhone: form(addDetailsForm(t, 'phone')),
    addEmail: form(addDetailsForm(t, 'email')),
    secureAccount: form(secureAccountForm(t)),
    resolve: form(resolveForm(t, ticket)),
  };
}
