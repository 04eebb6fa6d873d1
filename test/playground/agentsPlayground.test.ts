// Every goal's happy path in the Microsoft 365 Agents Playground (a Teams-like client: channel
// msteams, the signed-in user's aadObjectId from .m365agentsplayground.yml), driven through its UI in
// Debian's Chromium, in English. One bot (fresh DATA_DIR) and one Playground for the whole file; the
// goals run in order on Anna's account, each ending on its success text from the locale files.
// Codes come from the demo outbox, as the demo phone/mailbox shows them. Screenshots of each goal go
// to artifacts/playground/.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mkdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app.js';
import { placeholders, stringTable, translator, type Params } from '../../bot/core/i18n/i18n.js';
import { methodPhrase, preferenceLabel } from '../../bot/core/i18n/methodNames.js';
import type { AuthenticationMethod } from '../../bot/core/ports/directory.js';
import { paths } from '../../bot/paths.js';
import { codeIn, demoUserNamed } from '../helpers.js';
import { phrases } from '../dialogs/testData/phrases.js';
import { startTestApp, type TestApp } from '../testApp.js';
import { launchChromium } from '../web/pageHarness.js';
import { startPlayground, type Playground } from './agentsPlayground.js';

const t = translator('en');
const say = phrases.en;
const shots = path.join(paths.root, 'artifacts', 'playground');
const wait = { timeout: 30_000 };

/** The start of a message as the Playground shows it: up to its first quote, link or emphasis (rendered differently), at most 60 characters. */
const lead = (text: string): string => (text.split(/[“”"*_[\uE000]/)[0] ?? '').slice(0, 60).trim();
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The start of a message whatever its arguments: up to its first placeholder. */
const opening = (key: string): string => {
  const raw = stringTable('en')[key] ?? key;
  return lead(t.t(key, Object.fromEntries(placeholders(raw).map((name) => [name, '\uE000']))));
};

describe('Agents Playground (Teams-like client) in Chromium: every goal as Anna, in English', function () {
  this.timeout(120_000);
  let running: TestApp;
  let app: RunningApp;
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let anna: Awaited<ReturnType<typeof demoUserNamed>>;
  let failed = false;
  let shotNumber = 1;

  before(async function () {
    anna = await demoUserNamed('anna');
    running = await startTestApp();
    app = running.app;
    playground = await startPlayground(`${app.url}/api/messages`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await rm(shots, { recursive: true, force: true });
    await mkdir(shots, { recursive: true });
    await page.goto(playground.url);
  });
  after(async function () {
    await browser?.close();
    await playground?.stop();
    await running?.stop();
  });
  // The goals build on each other (a check made in one is reused by the next): stop at the first failure.
  beforeEach(function () {
    if (failed) this.skip();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') failed = true;
    if (this.currentTest?.state === undefined || this.currentTest.isPending()) return;
    const name = (this.currentTest?.title ?? 'step').replace(/[^\w.-]+/g, '-').slice(0, 60);
    await page?.screenshot({ path: path.join(shots, `${String(shotNumber++).padStart(2, '0')}-${name}.png`), fullPage: true }).catch(() => undefined);
  });

  // --- What the test does in the Playground's UI ---

  /** Bot messages (text, which the bot sends as plain text: the Playground shows it without a paragraph) and cards. */
  const botMessages = (text: string): Locator => page.locator('.fai-OutputCard', { hasText: lead(text) });
  const cards = (text: string): Locator => page.locator('.ac-adaptiveCard', { hasText: lead(text) });

  /** Does `action`, then waits for one more element matching `locator` than before and returns it. */
  async function expectNew(locator: Locator, action: () => Promise<unknown>): Promise<Locator> {
    const before = await locator.count();
    await action();
    const added = locator.nth(before);
    await added.waitFor(wait);
    return added;
  }

  /** Types a message in the compose box and sends it. */
  async function type(text: string): Promise<void> {
    const box = page.locator('[role="textbox"][data-lexical-editor="true"]');
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  /** Types `text` and returns the new card that has `heading`. */
  const askForCard = (text: string, heading: string): Promise<Locator> => expectNew(cards(heading), () => type(text));
  /** Presses a card's button and returns the new bot message or card that answers. */
  const press = (card: Locator, button: string | RegExp, answer: Locator): Promise<Locator> =>
    expectNew(answer, () => card.getByRole('button', { name: button, exact: typeof button === 'string' }).click());

  /** What the demo outbox "sent" Anna (her phone and mailbox), oldest first. */
  async function outbox(): Promise<{ text: string }[]> {
    const response = await fetch(`${app.url}/api/dev/outbox?user=${anna.userPrincipalName}`);
    return (await response.json()) as { text: string }[];
  }
  /** Presses `button` and waits for the code it sends to reach the demo outbox: returns the code card and the code. */
  async function sendCode(card: Locator, button: string | RegExp): Promise<{ codeCard: Locator; code: string }> {
    const sent = (await outbox()).length;
    const codeCard = await press(card, button, cards(t.t('code.heading')));
    const messages = await outbox();
    assert.ok(messages.length > sent, 'a code was sent');
    return { codeCard, code: codeIn(messages.at(-1)?.text) };
  }
  /** Types the code into the code card and presses Verify; returns what answers. */
  async function enterCode(codeCard: Locator, code: string, answer: Locator): Promise<Locator> {
    await codeCard.getByLabel(t.t('code.label')).fill(code);
    return press(codeCard, t.t('code.verify'), answer);
  }
  /** The step-up: a code to Anna's alternate e-mail, typed into the code card. */
  async function verifyByEmail(check: Locator, answer: Locator): Promise<Locator> {
    const { codeCard, code } = await sendCode(check, new RegExp(`^${escapeRegExp(opening('verify.sendTo.email'))}`));
    return enterCode(codeCard, code, answer);
  }
  /**
   * Waits until `card`, a card already on screen, shows `text`: the bot updated it in place (today by
   * updating the activity; with Action.Execute on Teams, by the card the invoke returns, which the
   * Playground puts in place of the one whose button was pressed).
   */
  async function expectUpdatedInPlace(card: Locator, text: string): Promise<void> {
    await card.filter({ hasText: lead(text) }).waitFor(wait);
  }
  const methods = (): Promise<readonly AuthenticationMethod[]> => app.directory.listAuthenticationMethods(anna.id);
  const done = (key: string, params?: Params): Locator => botMessages(t.t(key, params));
  /** A bot message that starts as `key` does, whatever its arguments. */
  const opened = (key: string): Locator => page.locator('.fai-OutputCard', { hasText: opening(key) });

  // --- The goals ---

  it('connects as Anna (Teams identity): the welcome names her; she asks for English', async function () {
    // The bot found her by the aadObjectId the Playground sent, and greets her by name in the Teams
    // client's language (the Playground's en-US; it comes before her account's Dutch).
    const greeting = translator('en').t('welcome.user', { name: String(anna.givenName), organization: 'Contoso' });
    await botMessages(greeting).first().waitFor(wait);
    await expectNew(botMessages(t.t('language.switched')), () => type(say.switchHere));
  });

  it('the Playground listens on loopback only', async function () {
    // What the kernel says it listens on (state 0A), IPv4 and IPv6: 127.0.0.1 only.
    const listening: string[] = [];
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of (await readFile(file, 'utf8')).split('\n').slice(1)) {
        const [, local, , state] = line.trim().split(/\s+/);
        const [address, port] = (local ?? '').split(':');
        if (state === '0A' && port && parseInt(port, 16) === playground.port) listening.push(address ?? '');
      }
    }
    assert.ok(listening.length > 0, 'it listens');
    assert.deepEqual([...new Set(listening)], ['0100007F'], `listening on ${listening.join(', ')}`);
    // And, where the machine has another interface, nothing answers there.
    const outside = Object.values(os.networkInterfaces()).flat().find((i) => i?.family === 'IPv4' && !i.internal)?.address;
    if (outside) {
      const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
        const socket = net.connect(playground.port, outside, () => {
          socket.destroy();
          resolve(undefined);
        });
        socket.on('error', resolve);
      });
      assert.equal(error?.code, 'ECONNREFUSED', `nothing answers on ${outside}:${playground.port}`);
    }
  });

  it('help: the menu of everything', async function () {
    const menu = await askForCard(say.help, t.t('menu.title'));
    assert.ok((await menu.getByRole('button').count()) >= 10, 'the goals are buttons');
  });

  it('profile.view', async function () {
    const card = await askForCard(say.profile, t.t('profile.heading'));
    assert.match(await card.innerText(), new RegExp(anna.displayName));
  });

  it('securityinfo.view', async function () {
    await askForCard(say.securityView, t.t('securityInfo.heading'));
  });

  const newPhone = '+33 7 81 23 45 67';
  it('securityinfo.add: a check by e-mail, then a mobile phone proved by a code sent to it', async function () {
    const check = await askForCard(say.securityAdd, t.t('verify.heading'));
    const pick = await verifyByEmail(check, cards(t.t('securityInfo.addPick')));
    const phoneCard = await press(pick, t.t('securityInfo.kind.phone'), cards(t.t('securityInfo.phoneIntro')));
    await phoneCard.getByLabel(t.t('securityInfo.phoneLabel')).fill(newPhone);
    const { codeCard, code } = await sendCode(phoneCard, t.t('securityInfo.sendCodeButton'));
    const added = await enterCode(codeCard, code, opened('securityInfo.added'));
    const phone = (await methods()).find((m) => m.phoneNumber === newPhone);
    assert.ok(phone, 'the phone is one of her methods');
    assert.equal(await added.innerText(), t.t('securityInfo.added', { method: methodPhrase(t, phone) }));
  });

  it('securityinfo.default: text messages to her mobile become the default (the check is still fresh)', async function () {
    const card = await askForCard(say.securityDefault, t.t('securityInfo.defaultPick'));
    const mobile = (await methods()).find((m) => m.phoneType === 'mobile');
    // Shown as written: Teams shows choice titles as plain text (no markdown escapes).
    await card.getByRole('radio', { name: preferenceLabel(t, 'sms', mobile), exact: true }).check();
    const saved = await press(card, t.t('common.save'), opened('securityInfo.defaultChanged'));
    assert.equal(await saved.innerText(), t.t('securityInfo.defaultChanged', { method: preferenceLabel(t, 'sms', mobile) }));
  });

  it('securityinfo.remove: the phone added above', async function () {
    const phone = (await methods()).find((m) => m.phoneNumber === newPhone);
    assert.ok(phone);
    const pick = await askForCard(say.securityRemove, t.t('securityInfo.removePick'));
    const confirm = await press(pick, t.t('securityInfo.removeButton', { method: methodPhrase(t, phone) }), cards(t.t('securityInfo.removeNow')));
    const removed = await press(confirm, t.t('securityInfo.removeNow'), opened('securityInfo.removed'));
    assert.equal(await removed.innerText(), t.t('securityInfo.removed', { method: methodPhrase(t, phone) }));
    assert.ok(!(await methods()).some((m) => m.id === phone.id));
  });

  it('devices.view and devices.disable: the laptop, from its button on the devices card', async function () {
    const list = await askForCard(say.devices, t.t('devices.heading'));
    const laptop = (await app.directory.listDevices(anna.id)).find((d) => d.operatingSystem === 'Windows');
    assert.ok(laptop);
    const confirm = await press(list, t.t('devices.disableButton', { device: laptop.displayName }), cards(t.t('devices.cannotUndo')));
    await press(confirm, t.t('devices.disableNow'), cards(t.t('devices.done.disabled', { device: laptop.displayName })));
    assert.equal((await app.directory.listDevices(anna.id)).find((d) => d.id === laptop.id)?.accountEnabled, false);
  });

  it('organizations.view and organizations.leave: Fabrikam, from its button', async function () {
    const list = await askForCard(say.organizations, t.t('organizations.heading'));
    const confirm = await press(list, t.t('organizations.leaveButton', { organization: 'Fabrikam' }), cards(t.t('organizations.leaveNow')));
    await press(confirm, t.t('organizations.leaveNow'), done('organizations.left', { organization: 'Fabrikam' }));
    assert.ok(!(await app.directory.listOrganizations(anna.id)).some((o) => o.displayName === 'Fabrikam'));
  });

  it('termsofuse.review: the pending version accepted', async function () {
    const withAccept = page.locator('.ac-adaptiveCard').filter({ has: page.getByRole('button', { name: t.t('termsOfUse.accept'), exact: true }) });
    const agreement = await expectNew(withAccept, () => type(say.termsOfUse));
    await press(agreement, t.t('termsOfUse.accept'), opened('termsOfUse.accepted'));
  });

  it('signins.view', async function () {
    await askForCard(say.signIns, t.t('signins.heading'));
  });

  it('helpdesk.ticket: a request sent to the helpdesk', async function () {
    const form = await askForCard(say.helpdesk, t.t('helpdesk.heading'));
    await form.getByLabel(t.t('helpdesk.descriptionLabel')).fill('My laptop was disabled by mistake');
    const summary = await press(form, t.t('common.continue'), cards(t.t('helpdesk.send')));
    await press(summary, t.t('helpdesk.send'), opened('helpdesk.created'));
  });

  it('ticket.status: the ticket just opened', async function () {
    const [ticket] = await app.tickets.listForUser(anna.id);
    assert.ok(ticket);
    const list = await askForCard(say.ticketStatus, t.t('ticket.listHeading'));
    assert.match(await list.innerText(), new RegExp(ticket.number));
  });

  const changed = 'Harbor-Lantern-Quiet-61';
  it('password.change: current, new and confirm in the card', async function () {
    const card = await askForCard(say.passwordChange, t.t('passwordChange.heading'));
    const fields = card.locator('input[type="password"]');
    assert.equal(await fields.count(), 3);
    await fields.nth(0).fill(anna.password);
    await fields.nth(1).fill(changed);
    await fields.nth(2).fill(changed);
    await press(card, t.t('password.changeButton'), done('passwordChange.done'));
    assert.ok(await app.directory.verifyPassword(anna.id, changed));
    // The answered card was cleared where it stands: no password field is left on screen.
    await expectUpdatedInPlace(card, t.t('card.received'));
    assert.equal(await card.locator('input[type="password"]').count(), 0);
  });

  const reset = 'Meadow-Compass-Bright-27';
  it('password.reset: a code by e-mail, a new password; she keeps her sessions', async function () {
    const check = await askForCard(say.passwordReset, t.t('verify.heading'));
    const card = await verifyByEmail(check, cards(t.t('passwordReset.newHeading')));
    const fields = card.locator('input[type="password"]');
    await fields.nth(0).fill(reset);
    await fields.nth(1).fill(reset);
    await press(card, t.t('password.resetButton'), done('passwordReset.done'));
    assert.ok(await app.directory.verifyPassword(anna.id, reset));
    const offer = cards(t.t('signout.offerHeading')).last();
    const sessions = (await app.directory.findUserById(anna.id))?.signInSessionsValidFromDateTime;
    await press(offer, t.t('common.no'), done('signout.skipped'));
    assert.equal((await app.directory.findUserById(anna.id))?.signInSessionsValidFromDateTime, sessions, 'her sessions stand');
  });

  it('signout.everywhere: Yes; the card is answered in place (Action.Execute): what was chosen, no buttons left', async function () {
    const confirm = await askForCard(say.signOut, t.t('signout.heading'));
    await press(confirm, t.t('common.yes'), done('signout.done'));
    await expectUpdatedInPlace(confirm, t.t('cards.answered', { choice: t.t('common.yes') }));
    assert.equal(await confirm.getByRole('button').count(), 0, 'no buttons on the answered card');
  });

  it('cancel: a goal stopped at its card', async function () {
    await askForCard(say.passwordChange, t.t('passwordChange.heading'));
    await expectNew(done('cancel.done'), () => type(say.cancel));
  });
});
