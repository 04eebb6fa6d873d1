// Every card template, rendered with sample data in every language, must be a valid Adaptive
// Card 1.5 for the adaptivecards library, with only data: images and accessible text.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { menuGoals } from '../../bot/core/goals.js';
import { supportedLocales, translator } from '../../bot/core/i18n/i18n.js';
import type { Profile } from '../../bot/core/ports/directory.js';
import type { Ticket } from '../../bot/core/ports/tickets.js';
import { inflateSync } from 'node:zlib';
import { avatarInDataUri, avatarOf, avatarOfFileName, avatarPath, initials, initialsAvatar } from '../../cards/avatar.js';
import { avatarPng, avatarPngSize } from '../../cards/avatarPng.js';
import { menuCard } from '../../cards/menuCard.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { profileCard } from '../../cards/profileCard.js';
import { escapeMarkdown } from '../../cards/escapeMarkdown.js';
import { cardNames, forChannel, liveView, type CardAttachment, type CardAudience } from '../../cards/renderer.js';
import { formCard, noData } from '../../cards/formCard.js';
import { addDetailsForm, methodsCard } from '../../cards/securityInfoCards.js';
import { codeForm } from '../../cards/verificationCards.js';
import { auditCard } from '../../cards/auditCards.js';
import { devicesCard } from '../../cards/deviceCards.js';
import { signInsCard } from '../../cards/signInCards.js';
import { agreementForm, agreementsCard } from '../../cards/termsOfUseCards.js';
import { agentTicketCard, openTicketsCard } from '../../cards/ticketCards.js';
import { cardsShowing, formsWithoutData, galleryNow } from './cardGallery.js';
import { cardTexts } from '../dialogs/harness.js';

const require = createRequire(import.meta.url);
interface AdaptiveCardsModule {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
}
const AC = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

/** The bot's own origin in the Teams variants: its avatar PNGs are its own images, not hot-linked ones. */
const botOrigin = 'https://assistant.contoso.example';

function validate(attachment: CardAttachment): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(attachment.content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  if (attachment.content.version !== '1.5') problems.push('version must be 1.5');
  const json = JSON.stringify(attachment.content);
  if (json.includes('${')) problems.push('unexpanded template binding');
  for (const url of json.matchAll(/"url":"([^"]*)"/g)) {
    if (!url[1]?.startsWith('data:image/') && !url[1]?.startsWith(`${botOrigin}/api/avatar/`)) problems.push(`hot-linked image ${url[1]}`);
  }
  for (const image of json.matchAll(/"type":"Image"[^}]*}/g)) if (!image[0].includes('"altText"')) problems.push('image without altText');
  return problems;
}

const sampleProfile: Profile = {
  id: 'u1', userPrincipalName: 'zoe@contoso.example', displayName: 'Zoë "Zed" <O\'Brien> & Co', givenName: 'Zoë', surname: "O'Brien",
  jobTitle: 'Engineer', department: 'R&D', mail: 'zoe@contoso.example', otherMails: ['z@example.net', 'zz@example.org'],
  officeLocation: 'Göteborg', businessPhones: ['+46 31 555 0100'], mobilePhone: '+46 70 123 45 67', accountEnabled: true, lockedOut: false,
  selfServicePasswordResetRegistered: true, manager: { id: 'm1', displayName: 'Åsa Ek', jobTitle: 'Head of R&D' },
};

describe('cards', function () {
  for (const locale of supportedLocales) {
    const t = translator(locale);
    const rendered: Record<(typeof cardNames)[number], CardAttachment[]> = {
      menu: [menuCard(t, menuGoals(), t.t('menu.intro')), menuCard(t, menuGoals(), t.t('none.intro'))],
      profile: [profileCard(t, sampleProfile, 'Contoso'), profileCard(t, { ...sampleProfile, manager: undefined, jobTitle: undefined, department: undefined, otherMails: [], businessPhones: [], mobilePhone: undefined }, 'Contoso')],
      notice: [noticeCard(t.t('helpdesk.anonymous'), ['Contoso Service Desk', 'servicedesk@contoso.example'])],
      form: [
        formCard({
          heading: t.t('passwordChange.heading'),
          lines: [{ text: t.t('password.rule.minLength', { min: 12 }), warning: true }, { text: t.t('password.rules', { min: 12, classes: 3, history: 3 }) }],
          inputs: [
            { kind: 'text', id: 'currentPassword', label: t.t('password.current'), style: 'password' },
            { kind: 'choice', id: 'newDefault', label: t.t('securityInfo.newDefaultLabel'), value: 'sms', choices: [{ title: t.t('method.preference.sms', { detail: '+46 70 *** ** 67' }), value: 'sms' }] },
          ],
          buttons: [{ title: t.t('password.changeButton'), action: 'submit', style: 'positive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
          footer: t.t('password.privacy'),
        }, (b) => ({ verb: 'step.submit', nonce: 'n0nce-n0nce-n0nce', action: b.action })),
        formCard({
          heading: t.t('securityInfo.heading'),
          items: [{ title: t.t('method.phone.mobile'), subtitle: '+46 70 *** ** 67', badge: t.t('securityInfo.defaultBadge'), buttons: [{ title: t.t('securityInfo.removeButton', { method: 'x' }), action: 'securityinfo.remove', values: { target: 'm1' } }] }],
          facts: [{ title: 'a', value: 'b' }],
        }, (b) => ({ verb: 'goal.start', goal: b.action })),
      ],
    };
    it(`${locale}: a profile without a manager says none is recorded`, function () {
      const texts = cardTexts(profileCard(t, { ...sampleProfile, manager: undefined }, 'Contoso').content);
      assert.ok(texts.includes(t.t('profile.noManager')), texts.join(' / '));
    });
    for (const name of cardNames) {
      it(`${name} renders as a valid Adaptive Card 1.5 in ${locale}`, function () {
        for (const card of rendered[name]) assert.deepEqual(validate(card), []);
      });
    }
  }

  for (const locale of supportedLocales) {
    it(`every card and form of the gallery is a valid Adaptive Card 1.5 in ${locale}`, function () {
      const t = translator(locale);
      for (const [name, card] of Object.entries({ ...cardsShowing(t, 'Anna de Boer'), ...formsWithoutData(t) })) assert.deepEqual(validate(card), [], name);
    });

    it(`every card of the gallery is valid in its Teams variants too (Action.Execute; shared; live) in ${locale}`, function () {
      const t = translator(locale);
      const personal: CardAudience = { channelId: 'msteams', imageOrigin: botOrigin };
      const shared: CardAudience = { ...personal, sharedFor: { userId: '29:1a2b', note: t.t('cards.onlyFor', { name: 'Anna de Boer' }) } };
      const withNonce = formCard({ heading: t.t('signout.heading'), buttons: [{ title: t.t('common.yes'), action: 'yes', style: 'destructive' }, { title: t.t('common.no'), action: 'no' }] }, (b) => ({ verb: 'step.submit', nonce: 'n0nce-n0nce-n0nce-n0nce', action: b.action }));
      const cards = { ...cardsShowing(t, 'Anna de Boer'), ...formsWithoutData(t), withNonce, profile: profileCard(t, sampleProfile, 'Contoso') };
      for (const [name, card] of Object.entries(cards)) {
        for (const variant of [forChannel(card, personal), forChannel(card, shared), liveView(card, shared)]) {
          assert.deepEqual(validate(variant), [], name);
          assert.equal(JSON.stringify(variant.content).includes('"Action.Submit"') && JSON.stringify(card.content).includes('"verb"'), false, `${name}: a button with a verb left as Action.Submit`);
        }
        assert.deepEqual(forChannel(card, { channelId: 'webchat', imageOrigin: botOrigin }), card, `${name}: Web Chat gets the card as rendered`);
      }
    });
  }

  it('Teams variants: Execute carries the data\'s verb; the shared card has no buttons or inputs and refreshes for its person only', function () {
    const t = translator('en');
    const card = formCard({
      heading: t.t('passwordChange.heading'),
      inputs: [{ kind: 'text', id: 'currentPassword', label: t.t('password.current'), style: 'password' }],
      items: [{ title: 'Pixel 8', buttons: [{ title: t.t('common.yes'), action: 'choose', values: { methodId: 'm1' } }] }],
      buttons: [{ title: t.t('password.changeButton'), action: 'submit' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
    }, (b) => ({ ...(b.values ?? {}), verb: 'step.submit', nonce: 'n0nce-n0nce-n0nce-n0nce', action: b.action }));
    const teams = forChannel(card, { channelId: 'msteams' }).content as { actions: { type: string; verb: string; data: Record<string, string>; associatedInputs: string }[] };
    assert.deepEqual(teams.actions.map((a) => [a.type, a.verb, a.data.action, a.associatedInputs]), [['Action.Execute', 'step.submit', 'submit', 'auto'], ['Action.Execute', 'step.submit', 'cancel', 'none']]);
    assert.deepEqual(teams.actions.map((a) => a.data), (card.content as { actions: { data: unknown }[] }).actions.map((a) => a.data), 'the same data as Action.Submit');
    const note = t.t('cards.onlyFor', { name: 'Anna' });
    const shared = forChannel(card, { channelId: 'msteams', sharedFor: { userId: '29:anna', note } }).content;
    const json = JSON.stringify(shared);
    assert.equal(json.includes('Input.'), false, 'no inputs');
    assert.equal(json.includes('ActionSet'), false, 'no row buttons');
    assert.equal((shared as { actions?: unknown }).actions, undefined, 'no buttons');
    assert.deepEqual((shared as { refresh?: unknown }).refresh, { action: { type: 'Action.Execute', verb: 'card.refresh', data: { verb: 'card.refresh', nonce: 'n0nce-n0nce-n0nce-n0nce' } }, userIds: ['29:anna'] });
    assert.ok(cardTexts(shared).includes(note) && cardTexts(shared).includes(t.t('passwordChange.heading')));
    // A card without one-time buttons (the menu) is for everyone: no refresh, its buttons stay.
    const menu = forChannel(menuCard(t, menuGoals(), t.t('menu.intro')), { channelId: 'msteams', sharedFor: { userId: '29:anna', note } }).content;
    assert.equal((menu as { refresh?: unknown }).refresh, undefined);
    assert.ok(JSON.stringify(menu).includes('"Action.Execute"'));
  });

  it('the Teams card is a copy: the card as rendered stays as it was, and changing the copy changes nothing of it', function () {
    const t = translator('en');
    const cards = { ...cardsShowing(t, 'Anna de Boer'), ...formsWithoutData(t), profile: profileCard(t, sampleProfile, 'Contoso') };
    for (const [name, card] of Object.entries(cards)) {
      const before = JSON.stringify(card);
      const originals = new Set<object>();
      const collect = (value: unknown): void => {
        if (typeof value !== 'object' || value === null) return;
        originals.add(value);
        Object.values(value).forEach(collect);
      };
      collect(card.content);
      const teams = forChannel(card, { channelId: 'msteams', imageOrigin: botOrigin }).content;
      const shared: object[] = [];
      const check = (value: unknown): void => {
        if (typeof value !== 'object' || value === null) return;
        if (originals.has(value)) shared.push(value);
        Object.values(value).forEach(check);
      };
      check(teams);
      assert.deepEqual(shared, [], `${name}: no object shared with the card as rendered`);
      assert.equal(JSON.stringify(card), before, `${name}: the card as rendered is unchanged`);
    }
  });

  it('Teams shows choice and toggle titles and error messages as plain text (it reads no markdown there); Web Chat keeps them escaped', function () {
    const phone = 'Text a code to +46 70 *** ** 34 (mobile)';
    const card = formCard({
      heading: 'Lost device',
      inputs: [
        { kind: 'choice', id: 'method', label: 'Method', errorMessage: 'Pick one [please]', choices: [{ title: phone, value: 'm1' }] },
        { kind: 'toggle', id: 'pixel', label: 'Pixel_8 *work*' },
      ],
      buttons: [{ title: 'Send', action: 'submit' }],
    }, (b) => ({ verb: 'step.submit', nonce: 'n0nce-n0nce-n0nce-n0nce', action: b.action }));
    const inputsOf = (c: CardAttachment): Record<string, unknown>[] => {
      const found: Record<string, unknown>[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (typeof v === 'object' && v !== null) {
          const node = v as Record<string, unknown>;
          if (typeof node.type === 'string' && node.type.startsWith('Input.')) found.push(node);
          Object.values(node).forEach(walk);
        }
      };
      walk(c.content);
      return found;
    };
    const teams = inputsOf(forChannel(card, { channelId: 'msteams' }));
    assert.deepEqual((teams.find((i) => i.type === 'Input.ChoiceSet')?.choices as { title: string }[]).map((c) => c.title), [phone]);
    assert.equal(teams.find((i) => i.type === 'Input.ChoiceSet')?.errorMessage, 'Pick one [please]');
    assert.equal(teams.find((i) => i.type === 'Input.Toggle')?.title, 'Pixel_8 *work*');
    const web = JSON.stringify(forChannel(card, { channelId: 'webchat' }).content);
    assert.ok(web.includes(JSON.stringify(escapeMarkdown(phone))) && !web.includes(JSON.stringify(phone)), 'Web Chat: escaped');
  });

  it('Teams shows the initials avatar as the bot\'s PNG; Web Chat keeps the data URI; a photo stays as it is', function () {
    const t = translator('en');
    const profile = profileCard(t, { ...sampleProfile, displayName: 'Åsa Ek', id: 'u-asa' }, 'Contoso');
    const imageOf = (card: CardAttachment): string => /"type":"Image","url":"([^"]*)"/.exec(JSON.stringify(card.content))?.[1] ?? '';
    const avatar = avatarOf('Åsa Ek', 'u-asa');
    assert.equal(imageOf(forChannel(profile, { channelId: 'msteams', imageOrigin: botOrigin })), `${botOrigin}/api/avatar/%C3%85E-${avatar.colour.slice(1)}.png`);
    assert.equal(imageOf(forChannel(profile, { channelId: 'webchat', imageOrigin: botOrigin })), initialsAvatar('Åsa Ek', 'u-asa'));
    assert.equal(imageOf(forChannel(profile, { channelId: 'msteams' })), initialsAvatar('Åsa Ek', 'u-asa'), 'no origin known: the data URI');
    const photo = profileCard(t, { ...sampleProfile, photo: 'data:image/jpeg;base64,/9j/4AAQ' }, 'Contoso');
    assert.equal(imageOf(forChannel(photo, { channelId: 'msteams', imageOrigin: botOrigin })), 'data:image/jpeg;base64,/9j/4AAQ');
  });

  it('a profile is rendered once for the same data and kept frozen; Teams\' form of a kept card is made once per image origin, a card not kept gets a new one', function () {
    const t = translator('en');
    const card = profileCard(t, { ...sampleProfile, displayName: 'Kept Once', id: 'u-kept' }, 'Contoso');
    assert.equal(profileCard(t, { ...sampleProfile, displayName: 'Kept Once', id: 'u-kept' }, 'Contoso'), card);
    assert.ok(Object.isFrozen(card.content) && Object.isFrozen(card.content.body));
    assert.notEqual(profileCard(t, { ...sampleProfile, displayName: 'Kept Once', id: 'u-kept', jobTitle: 'Archivist' }, 'Contoso'), card, 'other data, another card');
    assert.notDeepEqual(profileCard(translator('fr'), { ...sampleProfile, displayName: 'Kept Once', id: 'u-kept' }, 'Contoso').content, card.content, 'another language, another card');
    const teams = forChannel(card, { channelId: 'msteams', imageOrigin: botOrigin });
    assert.equal(forChannel(card, { channelId: 'msteams', imageOrigin: botOrigin }).content, teams.content);
    assert.ok(Object.isFrozen(teams.content));
    assert.notEqual(forChannel(card, { channelId: 'msteams' }).content, teams.content, 'another origin, another form');
    const notKept = formCard({ heading: t.t('signout.heading'), buttons: [{ title: t.t('common.yes'), action: 'yes' }] }, (b) => ({ verb: 'step.submit', nonce: 'n0nce-n0nce-n0nce-n0nce', action: b.action }));
    assert.ok(!Object.isFrozen(notKept.content));
    const once = forChannel(notKept, { channelId: 'msteams' }).content;
    assert.notEqual(forChannel(notKept, { channelId: 'msteams' }).content, once);
    assert.deepEqual(forChannel(notKept, { channelId: 'msteams' }).content, once);
  });

  it('avatar routes name only initials and a palette colour, and read back exactly', function () {
    for (const name of ['Anna de Boer', 'Åsa Öberg', 'Zoë "Zed" <O\'Brien> & Co', 'Ștefan Ţepeş', '李 明', '  ']) {
      const avatar = avatarOf(name, `key ${name}`);
      assert.deepEqual(avatarInDataUri(initialsAvatar(name, `key ${name}`)), avatar, name);
      assert.deepEqual(avatarOfFileName(avatarPath(avatar).replace('/api/avatar/', '')), avatar, name);
    }
    for (const bad of ['ABC-0f6cbd.png', 'AB-000000.png', 'AB-0f6cbd.svg', '..%2F..-0f6cbd.png', '%E0%A4%A-0f6cbd.png', 'A1-0f6cbd.png', 'anna.de.boer@contoso.example-0f6cbd.png']) {
      assert.equal(avatarOfFileName(bad), undefined, bad);
    }
    assert.equal(avatarInDataUri('data:image/svg+xml;base64,' + Buffer.from('<svg onload="x"/>').toString('base64')), undefined);
  });

  it('the avatar PNG is a valid PNG of the palette colour with white initials, transparent outside the circle', function () {
    const avatar = avatarOf('Anna de Boer');
    const png = avatarPng(avatar);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    assert.equal(png.readUInt32BE(16), avatarPngSize);
    assert.equal(png.readUInt32BE(20), avatarPngSize);
    assert.deepEqual([...png.subarray(24, 29)], [8, 6, 0, 0, 0], '8-bit RGBA');
    // The pixels, from the IDAT chunks.
    const chunks: Buffer[] = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      if (png.toString('ascii', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(chunks));
    const size = avatarPngSize;
    assert.equal(raw.length, (size * 4 + 1) * size);
    const pixel = (x: number, y: number): number[] => [...raw.subarray(y * (size * 4 + 1) + 1 + x * 4, y * (size * 4 + 1) + 5 + x * 4)];
    assert.equal(pixel(0, 0)[3], 0, 'corner transparent');
    const colour = [1, 3, 5].map((i) => parseInt(avatar.colour.slice(i, i + 2), 16));
    assert.deepEqual(pixel(size / 2, 8), [...colour, 255], 'the circle in the avatar colour');
    let white = 0;
    for (let y = 0; y < size; y += 1) for (let x = 0; x < size; x += 1) if (pixel(x, y).join() === '255,255,255,255') white += 1;
    assert.ok(white > size * size * 0.03, `initials drawn (${white} white pixels)`);
  });


  it('badges are coloured by what they say: failures red, things to look at amber, good news green', function () {
    const t = translator('en');
    /** The colour of the TextBlock that shows `text`. */
    const colourOf = (card: CardAttachment, text: string): unknown => {
      let found: unknown = 'absent';
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== 'object') return;
        const o = node as Record<string, unknown>;
        if (o.type === 'TextBlock' && o.text === text) found = o.color;
        Object.values(o).forEach(walk);
      };
      walk(card.content);
      return found;
    };
    const signIn = (errorCode: number, country: string) => ({ id: `s${errorCode}${country}`, createdDateTime: '2026-02-28T12:00:00Z', appDisplayName: 'Outlook', location: { city: 'Lyon', countryOrRegion: country }, deviceDetail: { displayName: 'PC', operatingSystem: 'Windows', browser: 'Edge' }, status: { errorCode } });
    const signIns = signInsCard(t, [
      { signIn: signIn(50126, 'SE'), unusual: true, reason: 'failure' },
      { signIn: signIn(0, 'FR'), unusual: true, reason: 'newCountry' },
    ], galleryNow);
    assert.equal(colourOf(signIns, t.t('signins.unusual.failure')), 'Attention');
    assert.equal(colourOf(signIns, t.t('signins.unusual.newCountry')), 'Warning');
    // A result not recorded is said so, never "successful"; a time to come is marked and not said as "in 3 days".
    const future = { ...signIn(0, 'SE'), id: 'f', createdDateTime: new Date(galleryNow.getTime() + 3 * 86_400_000).toISOString(), status: {} };
    const odd = signInsCard(t, [{ signIn: future, unusual: true, reason: 'future' }], galleryNow);
    assert.equal(colourOf(odd, t.t('signins.unusual.future')), 'Warning');
    const line = cardTexts(odd.content).find((x) => x.includes('Lyon')) ?? '';
    assert.ok(line.endsWith(t.t('signins.resultUnknown')), line);
    assert.ok(!line.includes(t.relative(future.createdDateTime, galleryNow)), line);
    const audit = auditCard(t, [{ userId: 'u1', actorId: 'u1', action: 'password.change', channel: 'webchat', result: 'refused', correlationId: 'c', at: galleryNow.toISOString() }]);
    assert.equal(colourOf(audit, t.t('audit.result.refused')), 'Attention');
    const agreement = { id: 'a1', displayName: 'Acceptable use', version: '2', content: { en: 'Be nice.' } };
    assert.equal(colourOf(agreementsCard(t, [{ agreement, status: 'pendingNew' }]), t.t('termsOfUse.pendingBadge')), 'Warning');
    const devices = devicesCard(t, [{ id: 'd1', displayName: 'CON-LT-0142', operatingSystem: 'Windows', operatingSystemVersion: '11', accountEnabled: true, trustType: 'AzureAd', isCompliant: true }], galleryNow);
    assert.equal(colourOf(devices, t.t('devices.compliant')), 'Good');
    // A device the directory says is neither compliant nor managed says so, as a warning; a Mac in device management is macOS.
    const mac = devicesCard(t, [{ id: 'd2', displayName: 'MacBook Joris', operatingSystem: 'MacMDM', operatingSystemVersion: '15.1', accountEnabled: true, isCompliant: false, isManaged: false }], galleryNow);
    assert.equal(colourOf(mac, `${t.t('devices.notCompliant')} · ${t.t('devices.notManaged')}`), 'Warning');
    assert.ok(cardTexts(mac.content).some((x) => x.startsWith('macOS 15.1')), cardTexts(mac.content).join(' / '));
  });

  it('the audit log speaks the user\'s language: refused attempts by name, what was acted on in words, never ids or internal kinds', function () {
    const at = galleryNow.toISOString();
    const base = { userId: 'u1', actorId: 'u1', channel: 'msteams', correlationId: 'c', at } as const;
    const agreement = { id: 'a1', displayName: 'Acceptable use policy', localizedDisplayNames: { nl: 'Beleid voor acceptabel gebruik' }, version: '2026.1', content: { en: 'Be nice.' } };
    for (const locale of supportedLocales) {
      const t = translator(locale);
      const card = auditCard(t, [
        { ...base, action: 'password.change', result: 'refused', reason: 'wrongPassword' },
        { ...base, action: 'securityinfo.remove', result: 'success', target: 'microsoftAuthenticator iPhone 15', subject: { type: 'method', method: { kind: 'microsoftAuthenticator', detail: 'iPhone 15' } } },
        { ...base, action: 'securityinfo.default', result: 'success', target: 'oath', subject: { type: 'preference', preference: 'oath' } },
        { ...base, action: 'securityinfo.default', result: 'success', target: 'sms', subject: { type: 'preference', preference: 'sms', method: { kind: 'phone', phoneType: 'mobile', detail: '+46 70 *** ** 67' } } },
        { ...base, action: 'securityinfo.default', result: 'success', target: 'voiceOffice', subject: { type: 'preference', preference: 'voiceOffice' } },
        { ...base, action: 'organizations.leave', result: 'success', target: 'organization 2dd2ecce-1ecd-4b7e-81f0-c5109c26c09c', subject: { type: 'organization', name: 'Fabrikam' } },
        { ...base, action: 'termsofuse.decision', result: 'success', target: 'Acceptable use policy 2026.1 declined', subject: { type: 'agreement', agreementId: 'a1', name: 'Acceptable use policy', version: '2026.1', decision: 'declined' } },
        { ...base, action: 'ticket.update', result: 'success', target: 'INC-000100 resolved', subject: { type: 'ticket', number: 'INC-000100', state: 'resolved' } },
      ], [agreement]);
      const texts = cardTexts(card.content).join('\n');
      assert.ok(texts.includes(t.t('audit.action.password.change.refused')), `${locale}: refused change named as such`);
      assert.ok(!texts.includes(t.t('audit.action.password.change')), `${locale}: never "password changed" for a refusal`);
      assert.ok(texts.includes(t.t('method.authenticatorOn', { device: 'iPhone 15' })), locale);
      assert.ok(texts.includes(t.t('method.preference.oath')), locale);
      // The number a default sends codes to, masked; an entry without it names the phone in words, never "Call the office phone " with nothing after it.
      assert.ok(texts.includes(t.t('method.preference.sms', { detail: '+46 70 *** ** 67' })), locale);
      assert.ok(texts.includes(t.t('method.preference.voiceOffice.noDetail')), locale);
      assert.ok(!texts.includes('  '), `${locale}: no blank where a detail was missing`);
      assert.ok(texts.includes('Fabrikam') && !texts.includes('2dd2ecce'), locale);
      assert.ok(texts.includes(t.t('audit.action.termsofuse.declined')), locale);
      assert.ok(texts.includes(t.t('audit.subject.agreement', { agreement: locale === 'nl' ? 'Beleid voor acceptabel gebruik' : 'Acceptable use policy', version: '2026.1' })), locale);
      assert.ok(texts.includes(t.t('audit.subject.ticketState', { number: 'INC-000100', state: t.t('ticket.state.resolved') })), locale);
      for (const internal of ['microsoftAuthenticator', 'oath', ...(locale === 'en' ? [] : ['declined', 'resolved'])]) assert.ok(!new RegExp(`\\b${internal}\\b`).test(texts), `${locale}: "${internal}" shown`);
    }
  });

  it('keeps user data as text: no template injection from directory values', function () {
    const card = JSON.stringify(profileCard(translator('en'), { ...sampleProfile, jobTitle: 'Engineer ${toUpper(name)}' }, 'Contoso').content);
    assert.ok(card.includes('Engineer ${toUpper(name)}'));
    assert.ok(card.includes(JSON.stringify(sampleProfile.displayName).slice(1, -1)));
  });

  it('the sign-in methods card says there are none, with the add button, and no note on masked numbers when nothing is masked', function () {
    const t = translator('en');
    const none = cardTexts(methodsCard(t, { methods: [], preference: 'none', options: [], defaultMethodIds: [] }).content);
    assert.ok(none.includes(t.t('securityInfo.none')) && none.includes(t.t('securityInfo.addButton')));
    assert.ok(!none.includes(t.t('securityInfo.footer')));
    const phone = { id: 'm1', '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', kind: 'phone', phoneNumber: '+31 6 1234 5678', phoneType: 'mobile' } as const;
    const one = cardTexts(methodsCard(t, { methods: [phone], preference: 'none', options: [], defaultMethodIds: [] }).content);
    assert.ok(one.includes(t.t('securityInfo.footer')));
  });

  it('the code input\'s example has as many digits as the tenant\'s codes', function () {
    const t = translator('en');
    for (const digits of [4, 6, 8, 10]) {
      const input = codeForm(t, { destination: 'your mobile phone', inApp: false, pairing: false, minutes: 5, digits }).inputs?.[0];
      assert.equal(input?.kind === 'text' ? input.placeholder : undefined, '1234567890'.slice(0, digits));
    }
  });

  it('terms of use: a text in another language names that language; a decision recorded without its time has no empty date', function () {
    const agreement = { id: 'a1', displayName: 'Regler', version: '2', content: { sv: 'Följ reglerna.' } };
    const fr = translator('fr');
    const form = cardTexts(formCard(agreementForm(fr, agreement, 'Följ reglerna.', 'sv'), noData).content);
    assert.ok(form.includes(fr.t('termsOfUse.otherLanguage', { language: 'suédois' })), form.join(' / '));
    const en = translator('en');
    const listed = cardTexts(agreementsCard(en, [{ agreement, status: 'declined', acceptance: { agreementId: 'a1', agreementVersion: '2', state: 'declined', recordedDateTime: '' } }]).content);
    assert.ok(listed.includes(en.t('termsOfUse.status.declinedUndated')), listed.join(' / '));
    // "why?" at the agreement says why it is asked, not the agreement's text.
    assert.equal(agreementForm(en, agreement, 'Följ reglerna.').why, en.t('termsOfUse.why'));
    // An agreement whose text is blank in every language says so, rather than showing an empty body.
    const blank = cardTexts(formCard(agreementForm(en, { ...agreement, content: { en: '  ' } }, '  '), noData).content);
    assert.ok(blank.includes(en.t('termsOfUse.noText')), blank.join(' / '));
  });

  it('the agent\'s ticket card says where the assistant stopped in words, never its internal step name', function () {
    for (const locale of supportedLocales) {
      const t = translator(locale);
      const ticket: Ticket = {
        number: 'INC-000101', userId: 'u1', userDisplayName: 'Joris', channel: 'msteams', locale, category: 'organization', description: 'Project over', state: 'new',
        createdAt: '2026-02-28T12:00:00Z', updatedAt: '2026-02-28T12:00:00Z',
        context: { goal: 'organizations.leave', step: 'leaveNotAllowed', objects: [{ kind: 'organization', id: 'o1', label: 'Douane Connect' }] }, transcript: [], history: [],
      };
      const texts = cardTexts(agentTicketCard(t, ticket, { now: new Date('2026-03-01T00:00:00Z') }).content).join(' / ');
      assert.ok(texts.includes(t.t('agent.step.leaveNotAllowed')), texts);
      assert.ok(texts.includes(`${t.t('agent.object.organization')} Douane Connect`), texts);
      assert.ok(!texts.includes('leaveNotAllowed'), texts);
      const unknown = cardTexts(agentTicketCard(t, { ...ticket, context: { goal: 'organizations.leave', step: 'someInternalStep' } }, { now: new Date('2026-03-01T00:00:00Z') }).content).join(' / ');
      assert.ok(!unknown.includes('someInternalStep'), unknown);
      assert.ok(unknown.includes(t.t('agent.stoppedAtGoal', { goal: t.t('goal.organizations.leave.title') })), unknown);
    }
  });

  it('the agent\'s list of open tickets says a ticket sent back waits for the user, not "for you"', function () {
    for (const locale of supportedLocales) {
      const t = translator(locale);
      const ticket: Ticket = {
        number: 'INC-000102', userId: 'u1', userDisplayName: 'Emily', channel: 'msteams', locale, category: 'password', description: 'Locked out', state: 'sentBack', task: 'password.change',
        createdAt: '2026-02-28T12:00:00Z', updatedAt: '2026-02-28T12:00:00Z', context: {}, transcript: [], history: [],
      };
      const texts = cardTexts(openTicketsCard(t, [ticket], 1, new Date('2026-03-01T00:00:00Z')).content);
      assert.ok(texts.includes(t.t('agent.state.sentBack')) && !texts.includes(t.t('ticket.state.sentBack')), texts.join(' / '));
    }
  });

  it('the phone card names the phone it adds: a second mobile number is the alternate phone', function () {
    const t = translator('en');
    assert.equal(addDetailsForm(t, 'phone', undefined, undefined, 'alternateMobile').heading, t.t('method.phone.alternateMobile'));
    assert.equal(addDetailsForm(t, 'phone', undefined, undefined, 'mobile').heading, t.t('method.phone.mobile'));
  });

  it('card buttons carry typed actions', function () {
    const card = profileCard(translator('en'), sampleProfile, 'Contoso').content as { actions: { data: unknown }[] };
    assert.deepEqual(card.actions.map((a) => a.data), [{ verb: 'profile.reportError' }, { verb: 'menu.show' }]);
  });

  it('the validator does catch a broken card (the check above can fail)', function () {
    const broken = { contentType: 'application/vnd.microsoft.card.adaptive' as const, content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }, { type: 'Input.Text' }] } };
    assert.ok(validate(broken).length >= 2);
  });

  it('makes initials avatars as data URIs', function () {
    assert.equal(initials('Anna de Boer'), 'AB');
    assert.equal(initials('Åsa'), 'Å');
    assert.equal(initials('  '), '?');
    const uri = initialsAvatar('Anna de Boer');
    assert.match(uri, /^data:image\/svg\+xml;base64,/);
    assert.match(Buffer.from(uri.split(',')[1] as string, 'base64').toString('utf8'), />AB</);
  });
});
