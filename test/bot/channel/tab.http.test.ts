// The Teams tab's API, GET /api/tab/summary, on the real server with app credentials, against an
// OpenID issuer shaped like Entra ID's (keys and tokens made by the test): a good single sign-on
// token gets its own user's profile, methods, devices and tickets, and a chat link per item; a
// missing, malformed, expired, not-yet-valid, wrong-audience, other-tenant, wrong-issuer,
// unpublished-key or application token, or one for a disabled or unknown user, is refused with
// the same 401 and no account data; the log names the check and never holds the token. A tenant
// that cannot be reached is an outage (503). Each chat link's phrase is understood by the bot's
// recognizer as its item's goal in all four languages. The page is served with a policy that lets
// Microsoft's hosts frame it.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { tabFrameAncestors } from '../../../bot/channel/tab.js';
import { loadConfig } from '../../../bot/config.js';
import { supportedLocales, translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import { startOidcIssuer, type OidcIssuer } from '../../fakes/oidcIssuer.js';
import { sharedRecognizer } from '../../dialogs/harness.js';
import { captureLogs, demoSeed, tempDir } from '../../helpers.js';
import { silentLogger } from '../../../bot/logger.js';

const tenantId = '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71';
const appId = '5d2e7c41-93b8-4f6a-b0d2-7a1c3e5f9b28';
const domain = 'assistant.contoso.example';

interface Summary {
  locale: string;
  profile: { displayName: string; userPrincipalName: string; jobTitle: string | null };
  methods: { label: string; isDefault: boolean }[];
  devices: { displayName: string }[];
  tickets: { number: string; category: string; state: string }[];
  chat: Record<'profile' | 'methods' | 'devices' | 'tickets', string>;
}

describe('Teams tab API (GET /api/tab/summary)', function () {
  this.timeout(60_000);
  let issuer: OidcIssuer;
  let app: RunningApp;
  let data: Awaited<ReturnType<typeof tempDir>>;
  const logs = captureLogs();
  let anna: { id: string; userPrincipalName: string; displayName: string };
  let disabled: { id: string };
  let other: { id: string; displayName: string };
  const annaTickets: string[] = [];
  let otherTicket = '';

  before(async function () {
    issuer = await startOidcIssuer(tenantId);
    data = await tempDir();
    // The demo tenant with one user disabled.
    const seed = await demoSeed();
    const users = seed.users as unknown as { id: string; userPrincipalName: string; displayName: string; accountEnabled?: boolean; manager?: string }[];
    const find = (name: string) => users.find((u) => u.userPrincipalName.startsWith(`${name}@`));
    anna = find('anna') as typeof anna;
    // Neither of them is Anna's manager, whose name her profile shows.
    const others = users.filter((u) => u !== anna && u.id !== find('anna')?.manager && u.accountEnabled !== false);
    const off = others[0] as (typeof users)[number];
    off.accountEnabled = false;
    disabled = off;
    other = others[1] as typeof other;
    const seedFile = path.join(data.dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(seed));
    app = await startApp(loadConfig({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir, TENANT_SEED: seedFile, LOG_LEVEL: 'debug',
      MicrosoftAppId: appId, MicrosoftAppPassword: 'not-used-here', MicrosoftAppTenantId: tenantId, MicrosoftAppType: 'SingleTenant',
      WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost, BOT_DOMAIN: domain,
    }), logs.logger, { recognizer: await sharedRecognizer() });
    const ticket = (userId: string, displayName: string, category: 'device' | 'password') => app.tickets.create({
      userId, userDisplayName: displayName, channel: 'msteams', locale: 'en', category, description: 'test', context: {}, transcript: [],
    }, new Date());
    annaTickets.push((await ticket(anna.id, anna.displayName, 'device')).number);
    otherTicket = (await ticket(other.id, other.displayName, 'password')).number;
  });
  after(async function () {
    await app?.stop();
    await data?.remove();
    await issuer?.stop();
  });

  const summary = async (authorization: string | undefined, lang = 'en') => {
    const response = await fetch(`${app.url}/api/tab/summary?lang=${lang}`, { headers: authorization ? { authorization } : {} });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const good = (claims: Record<string, unknown> = {}) => issuer.sign({ aud: appId, oid: anna.id, scp: 'access_as_user', ...claims });

  it('a good token gets the user\'s own profile, methods, devices and tickets, with a chat link per item in the asked language', async function () {
    for (const locale of ['en', 'fr'] as Locale[]) {
      const answer = await summary(`Bearer ${await good()}`, locale);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      const body = JSON.parse(answer.text) as Summary;
      const t = translator(locale);
      assert.equal(body.locale, locale);
      assert.equal(body.profile.displayName, anna.displayName);
      assert.equal(body.profile.userPrincipalName, anna.userPrincipalName);
      const methods = await app.directory.listAuthenticationMethods(anna.id);
      assert.equal(body.methods.length, methods.length);
      assert.ok(body.methods.length > 0);
      const devices = (await app.directory.listDevices(anna.id)).filter((d) => d.accountEnabled);
      assert.deepEqual(body.devices.map((d) => d.displayName).sort(), devices.map((d) => d.displayName).sort());
      assert.deepEqual(body.tickets.map((k) => k.number), annaTickets);
      assert.equal(body.tickets[0]?.category, t.t('ticket.category.device'));
      assert.equal(body.tickets[0]?.state, t.t('ticket.state.new'));
      assert.ok(!answer.text.includes(otherTicket) && !answer.text.includes(other.displayName), 'nothing of another user');
      for (const [item, key] of [['profile', 'tab.ask.profile'], ['methods', 'tab.ask.methods'], ['devices', 'tab.ask.devices'], ['tickets', 'tab.ask.tickets']] as const) {
        const link = new URL(body.chat[item]);
        assert.equal(`${link.origin}${link.pathname}`, 'https://teams.microsoft.com/l/chat/0/0');
        assert.equal(link.searchParams.get('users'), `28:${appId}`);
        assert.equal(link.searchParams.get('message'), t.t(key));
      }
    }
  });

  it('takes a v1.0 access token too (its issuer from the v1.0 configuration), whose audience is the manifest\'s resource api://{BOT_DOMAIN}/botid-{app id}, or api://botid-{app id}', async function () {
    for (const aud of [`api://${domain}/botid-${appId}`, `api://botid-${appId}`]) {
      const answer = await summary(`Bearer ${await good({ ver: '1.0', iss: issuer.v1Issuer, aud })}`);
      assert.equal(answer.status, 200, aud);
      assert.equal((JSON.parse(answer.text) as Summary).profile.userPrincipalName, anna.userPrincipalName);
    }
  });

  it('refuses every other token with the same 401 and no account data; the log names the check, never the token', async function () {
    const now = Math.floor(Date.now() / 1000);
    const refused: [string, string | undefined, RegExp][] = [
      ['missing', undefined, /no bearer token/],
      ['not a bearer', `Basic ${Buffer.from('anna:pw').toString('base64')}`, /no bearer token/],
      ['malformed', 'Bearer not-a-token', /no bearer token/],
      ['garbage in three parts', 'Bearer aaa.bbb.ccc', /ERR_JWS_INVALID|ERR_JWT/],
      ['expired', `Bearer ${await issuer.sign({ aud: appId, oid: anna.id, scp: 'access_as_user', iat: now - 7200, nbf: now - 7200 }, { expiresInSeconds: -3600 })}`, /ERR_JWT_EXPIRED/],
      ['not yet valid', `Bearer ${await good({ nbf: now + 3600 })}`, /nbf/],
      ['wrong audience', `Bearer ${await good({ aud: 'b7b5a4f2-1111-4c3d-9e8f-000000000000' })}`, /aud/],
      ['another app\'s resource', `Bearer ${await good({ aud: `api://evil.example/botid-${appId}` })}`, /aud/],
      ['other tenant', `Bearer ${await good({ tid: '11111111-2222-4333-8444-555555555555' })}`, /tenant/],
      ['wrong issuer', `Bearer ${await good({ iss: `https://sts.windows.net/${tenantId}/` })}`, /iss/],
      ['unpublished key', `Bearer ${await issuer.sign({ aud: appId, oid: anna.id, scp: 'access_as_user' }, { unpublishedKey: true })}`, /ERR_JWKS_NO_MATCHING_KEY|ERR_JWS_SIGNATURE/],
      ['application token (no delegated scope)', `Bearer ${await issuer.sign({ aud: appId, oid: anna.id, roles: ['Tab.Read'] })}`, /scope/],
      ['disabled user', `Bearer ${await good({ oid: disabled.id })}`, /notInDirectory/],
      ['unknown user', `Bearer ${await good({ oid: '99999999-8888-4777-8666-555555555555' })}`, /notInDirectory/],
      ['no oid', `Bearer ${await good({ oid: undefined })}`, /oid/],
    ];
    const answers = new Set<string>();
    for (const [name, authorization, reason] of refused) {
      const before = logs.lines.length;
      const answer = await summary(authorization);
      assert.equal(answer.status, 401, name);
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer', name);
      assert.ok(!answer.text.includes(anna.displayName) && !answer.text.includes(anna.userPrincipalName), `${name}: no account data`);
      answers.add(answer.text);
      const logged = logs.lines.slice(before).join('\n');
      assert.match(logged, /tab sign-in refused/, name);
      assert.match(logged, reason, name);
      const token = authorization?.split(' ')[1];
      if (token && token.length > 20) assert.ok(!logged.includes(token) && !logged.includes(token.split('.')[2] ?? '-'), `${name}: token not logged`);
    }
    assert.equal(answers.size, 1, 'every refusal is the same answer');
  });

  it('each chat link\'s phrase is understood by the bot as its item\'s goal, in every language', async function () {
    const recognizer = await sharedRecognizer();
    const goals = { 'tab.ask.profile': 'profile.view', 'tab.ask.methods': 'securityinfo.view', 'tab.ask.devices': 'devices.view', 'tab.ask.tickets': 'ticket.status' };
    for (const locale of supportedLocales) {
      for (const [key, goal] of Object.entries(goals)) {
        const phrase = translator(locale).t(key);
        const recognized = await recognizer.recognize(phrase, locale);
        assert.equal(recognized.intent, goal, `${locale}: "${phrase}"`);
        assert.equal(recognized.locale, locale, `${locale}: "${phrase}"`);
      }
    }
  });

  it('a tenant whose keys cannot be reached is an outage (503), not a refusal, and shows nothing', async function () {
    const gone = await startOidcIssuer(tenantId);
    const token = await gone.sign({ aud: appId, oid: anna.id, scp: 'access_as_user' });
    await gone.stop();
    const local = await tempDir();
    const cut = await startApp(loadConfig({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: local.dir, MicrosoftAppId: appId, MicrosoftAppPassword: 'not-used-here', MicrosoftAppTenantId: tenantId,
      MicrosoftAppType: 'SingleTenant', WEB_SIGNIN_AUTHORITY_HOST: gone.authorityHost,
    }), logs.logger, { recognizer: await sharedRecognizer() });
    try {
      const answer = await fetch(`${cut.url}/api/tab/summary`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(answer.status, 503);
      assert.ok(!(await answer.text()).includes(anna.displayName));
    } finally {
      await cut.stop();
      await local.remove();
    }
  });

  it('serves the tab page with a policy that lets Microsoft\'s hosts frame it, and its strings in four languages', async function () {
    const page = await fetch(`${app.url}/tab/`);
    assert.equal(page.status, 200);
    const policy = page.headers.get('content-security-policy') ?? '';
    const ancestors = /frame-ancestors ([^;]+)/.exec(policy)?.[1]?.split(' ') ?? [];
    assert.deepEqual(ancestors, [...tabFrameAncestors]);
    const listed: readonly string[] = tabFrameAncestors;
    for (const host of ['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.office.com']) assert.ok(listed.includes(host), host);
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.match(await page.text(), /teams-js\.js/);
    const teamsJs = await fetch(`${app.url}/tab/teams-js.js`);
    assert.equal(teamsJs.status, 200);
    assert.match(await teamsJs.text(), /microsoftTeams/);
    for (const locale of ['en', 'fr', 'nl', 'sv'] as Locale[]) {
      const strings = (await (await fetch(`${app.url}/api/tab/strings?lang=${locale}`)).json()) as { locale: string; strings: Record<string, string> };
      assert.equal(strings.locale, locale);
      assert.equal(strings.strings['tab.title'], translator(locale).t('tab.title'));
      assert.ok(Object.keys(strings.strings).every((key) => key.startsWith('tab.')));
    }
  });

  it('without an app id (local mode) the summary is unavailable and the page still loads', async function () {
    const local = await tempDir();
    const plain = await startApp(loadConfig({ PORT: '0', DATA_DIR: local.dir, WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost }), logs.logger, { recognizer: await sharedRecognizer() });
    try {
      const answer = await fetch(`${plain.url}/api/tab/summary`, { headers: { authorization: `Bearer ${await good()}` } });
      assert.equal(answer.status, 503);
      assert.ok(!(await answer.text()).includes(anna.displayName));
      assert.equal((await fetch(`${plain.url}/tab/`)).status, 200);
    } finally {
      await plain.stop();
      await local.remove();
    }
  });

  // Last: it spends the minute's requests of this machine's address.
  it('more than 60 requests a minute from one address are refused (429, with when to try again), counted on every instance of the DATA_DIR', async function () {
    const second = await startApp(loadConfig({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir, TENANT_SEED: path.join(data.dir, 'seed.json'),
      MicrosoftAppId: appId, MicrosoftAppPassword: 'not-used-here', MicrosoftAppTenantId: tenantId, MicrosoftAppType: 'SingleTenant',
      WEB_SIGNIN_AUTHORITY_HOST: issuer.authorityHost, BOT_DOMAIN: domain,
    }), silentLogger, { recognizer: await sharedRecognizer() });
    try {
      const authorization = `Bearer ${await good()}`;
      let answered = 0;
      let refused: Response | undefined;
      for (let i = 0; i < 70 && !refused; i += 1) {
        const response = await fetch(`${(i % 2 === 0 ? app : second).url}/api/tab/summary`, { headers: { authorization } });
        if (response.status === 429) refused = response;
        else answered += 1;
        await response.text();
      }
      assert.ok(refused, 'refused within 70 requests over the two instances');
      assert.ok(answered <= 60, `${answered} answered before the refusal`);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      for (const instance of [app, second]) assert.equal((await fetch(`${instance.url}/api/tab/summary`, { headers: { authorization } })).status, 429);
    } finally {
      await second.stop();
    }
  });
});
