// Text that comes from people or the directory must reach every card so that it reads literally:
// a ticket description like "[click to approve](https://evil.example)" must not become a live,
// disguised link on the agent's card. Each card that shows such data is built with hostile values
// and its markdown-rendered texts (TextBlocks, facts, toggle and choice titles, error messages) are
// passed through markdown-it configured as Web Chat configures it for cards.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { menuGoals } from '../../bot/core/goals.js';
import { supportedLocales, translator, type Translator } from '../../bot/core/i18n/i18n.js';
import type { AuthenticationMethod, Device, HelpdeskContact, Organization, Profile, TermsOfUse } from '../../bot/core/ports/directory.js';
import type { Ticket } from '../../bot/core/ports/tickets.js';
import { auditCard } from '../../cards/auditCards.js';
import { devicesCard, disableDeviceForm, lostDeviceReportCard, pickDeviceForm } from '../../cards/deviceCards.js';
import { answeredCard, formCard, noData, type FormSpec } from '../../cards/formCard.js';
import { methodLabel } from '../../cards/methodLabels.js';
import { menuCard } from '../../cards/menuCard.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { leaveConfirmForm, leavePickForm, organizationsCard } from '../../cards/organizationCards.js';
import { profileCard } from '../../cards/profileCard.js';
import type { CardAttachment } from '../../cards/renderer.js';
import { defaultForm, methodsCard, removeConfirmForm, removePickForm } from '../../cards/securityInfoCards.js';
import { signInsCard } from '../../cards/signInCards.js';
import { agreementForm, agreementsCard } from '../../cards/termsOfUseCards.js';
import {
  agentTicketCard, handoffOfferForm, helpdeskLines, myTicketsCard, openTicketsCard, sendBackForm, ticketCard, ticketForm, ticketSummaryForm, ticketUpdateCard,
} from '../../cards/ticketCards.js';
import { chooseMethodForm, codeForm } from '../../cards/verificationCards.js';

const require = createRequire(import.meta.url);
interface MarkdownIt { render(markdown: string): string }
const MarkdownItClass = require('markdown-it') as new (options: Record<string, boolean>) => MarkdownIt;
// As botframework-webchat 4.18 renders card markdown (bundle/src/markdown/renderMarkdown.ts).
const webChat = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

/** Markup a user must not be able to produce. */
const hostile = [
  '[click to approve](https://evil.example/approve)',
  '![pixel](https://evil.example/p.png)',
  '# Urgent: approve now',
  '**VERIFIED** by IT',
  '<img src="https://evil.example/p.png"> <b>bold</b>',
  '<https://evil.example/approve>',
  '1. first',
  '> quoted _emphasis_ `code` ~~struck~~',
  '[ref]: https://evil.example',
];

/** Ordinary values that must still read exactly as they are. */
const legitimate = ['CON-LT-0142', '+31 6 1234 5678', 'anna.de-boer@contoso.example', 'O\'Brien & "Partners" (c) -- 3...'];

const now = new Date('2026-03-01T12:00:00Z');

/** Cards that show the value only masked (a phone number): checked for markup, not for the whole value. */
const showsMaskedOnly = new Set(['default']);

function cardsShowing(t: Translator, v: string): Record<string, CardAttachment> {
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
    audit: auditCard(t, [{ userId: 'u1', actorId: 'u1', action: 'devices.disable', target: v, channel: 'webchat', result: 'success', correlationId: 'c', at: now.toISOString() }]),
    devices: devicesCard(t, [device], now),
    pickDevice: form(pickDeviceForm(t, [device], true, now)),
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
    code: form(codeForm(t, { destination: methodLabel(t, authenticator), inApp: true, pairing: false, minutes: 10 })),
    signIns: signInsCard(t, [{
      signIn: { id: 's1', createdDateTime: '2026-02-28T12:00:00Z', appDisplayName: v, location: { city: v, countryOrRegion: v }, deviceDetail: { displayName: v, operatingSystem: v, browser: v }, status: { errorCode: 50126, failureReason: v } },
      unusual: true, reason: 'failure',
    }], now),
    agreements: agreementsCard(t, [{ agreement, status: 'pendingVersion', acceptance: { agreementId: 'a1', agreementVersion: v, state: 'accepted', recordedDateTime: '2026-01-01T00:00:00Z' } }]),
    agreement: form(agreementForm(t, agreement, v, true)),
    ticket: ticketCard(t, ticket, { agentName: v, now, lines: [v] }),
    ticketForm: form(ticketForm(t, contact, { context: ticket.context })),
    ticketSummary: form(ticketSummaryForm(t, { category: 'other', description: v, context: ticket.context, attachedLines: 2 })),
    handoffOffer: form(handoffOfferForm(t, v, [v, ...helpdeskLines(t, contact)])),
    myTickets: myTicketsCard(t, [{ ticket, agentName: v }], now),
    openTickets: openTicketsCard(t, [ticket], 1, now),
    agentTicket: agentTicketCard(t, ticket, { agentName: v, now, intro: v }),
    sendBack: form(sendBackForm(t, ticket)),
    ticketUpdate: ticketUpdateCard(t, ticket, t.t('ticket.user.resolved', { number: ticket.number, resolution: v }), { agentName: v, now }),
    answered: answeredCard(v, v),
  };
}

/** The texts of a card that Adaptive Cards hosts pass through markdown. */
function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const push = (value: unknown): void => { if (typeof value === 'string') out.push(value); };
    if (o.type === 'TextBlock') push(o.text);
    if (o.type === 'Input.Toggle') push(o.title);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title?: unknown; value?: unknown }[]) { push(f.title); push(f.value); }
    if (o.type === 'Input.ChoiceSet' && o.style === 'expanded' && Array.isArray(o.choices)) for (const c of o.choices as { title?: unknown }[]) push(c.title);
    if (typeof o.type === 'string' && o.type.startsWith('Input.')) push(o.errorMessage);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

const decode = (html: string): string =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&amp;/g, '&');

/** What a reader sees of a rendered text, and any markup in it other than paragraphs and bare links that show their own target. */
function read(markdown: string): { visible: string; markup: string[] } {
  const html = webChat.render(markdown).trim();
  const markup: string[] = [];
  const withoutBareLinks = html.replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (whole, href: string, text: string) => {
    const target = decode(href);
    if (decode(text) !== target && `mailto:${decode(text)}` !== target) markup.push(whole);
    return text;
  });
  for (const tag of withoutBareLinks.matchAll(/<(?!\/?p>)[^>]*>/g)) markup.push(tag[0]);
  return { visible: decode(withoutBareLinks.replace(/<[^>]*>/g, '')), markup };
}

describe('cards: text from people and the directory reads literally', function () {
  for (const locale of supportedLocales) {
    const t = translator(locale);

    it(`no hostile value becomes markup on any card in ${locale}`, function () {
      const problems: string[] = [];
      for (const value of hostile) {
        for (const [name, card] of Object.entries(cardsShowing(t, value))) {
          const texts = markdownTexts(card.content).map(read);
          const markup = texts.flatMap((text) => text.markup);
          if (markup.length > 0) problems.push(`${name} ${JSON.stringify(value)}: live markup ${markup.join(' ')}`);
          if (!showsMaskedOnly.has(name) && !texts.some(({ visible }) => visible.includes(value))) problems.push(`${name} ${JSON.stringify(value)}: not shown as typed`);
        }
      }
      assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.join('\n')}`);
    });

    it(`ordinary names, numbers and addresses read exactly as they are in ${locale}`, function () {
      const problems: string[] = [];
      for (const value of legitimate) {
        for (const [name, card] of Object.entries(cardsShowing(t, value))) {
          if (!showsMaskedOnly.has(name) && !markdownTexts(card.content).map(read).some(({ visible }) => visible.includes(value))) problems.push(`${name} ${JSON.stringify(value)}`);
        }
      }
      assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.join('\n')}`);
    });
  }
});
