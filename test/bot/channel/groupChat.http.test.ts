// Group-chat privacy over POST /api/messages, as Teams talks to the bot: the @mention, the tenant in
// channelData, the aadObjectId. The bot opens the personal chat at the channel's connector (POST
// /v3/conversations, here a recording fake on 127.0.0.1) and the goal goes on there; the group
// conversation receives only "I've sent you a private message".
import assert from 'node:assert/strict';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { cardOf, cardTexts } from '../../dialogs/harness.js';
import { startFakeConnector, type FakeConnector } from '../../fakes/connectorServer.js';
import { demoUserNamed } from '../../helpers.js';
import { startTestApp, type TestApp } from '../../testApp.js';

const tenantId = '72f988bf-0000-4000-8000-00000000c0de';
const bot = { id: '28:0f3c1a52-bot', name: 'Account assistant' };
const groupId = '19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2';

describe('group chat privacy over /api/messages', function () {
  let test: TestApp;
  let connector: FakeConnector;
  before(async function () {
    connector = await startFakeConnector();
    test = await startTestApp();
  });
  after(async function () {
    await test.stop();
    await connector.stop();
  });

  /** A message in the group chat from a member, as Teams posts it; the replies of the turn (expectReplies), if asked for. */
  async function post(member: { teamsId: string; userId: string }, text: string, options: { mention?: boolean; expectReplies?: boolean } = {}) {
    const at = `<at>${bot.name}</at>`;
    const mention = options.mention ?? true;
    const activity = {
      type: 'message', id: `m-${Math.random()}`, channelId: 'msteams', locale: 'en-GB', serviceUrl: connector.url,
      ...(options.expectReplies === false ? {} : { deliveryMode: 'expectReplies' }),
      from: { id: member.teamsId, name: 'Member', aadObjectId: member.userId }, recipient: bot,
      conversation: { id: groupId, conversationType: 'groupChat', isGroup: true, tenantId },
      channelData: { tenant: { id: tenantId } },
      text: mention ? `${at} ${text}` : text,
      entities: mention ? [{ type: 'mention', text: at, mentioned: bot }] : [],
    };
    const response = await fetch(`${test.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    assert.ok(response.status === 200 || response.status === 201, `status ${response.status}`);
    const body = await response.text();
    const replies = body ? ((JSON.parse(body) as { activities?: { type: string; text?: string }[] }).activities ?? []) : [];
    return replies.filter((a) => a.type === 'message');
  }

  it('silent without the @mention; with it, the devices go to the personal chat the bot opens in the tenant, and the group gets only the notice', async function () {
    const en = translator('en');
    const anna = await demoUserNamed('anna');
    const member = { teamsId: '29:anna-teams', userId: anna.id };

    assert.deepEqual(await post(member, 'show my devices', { mention: false }), []);
    assert.equal(connector.created.length, 0);

    assert.deepEqual((await post(member, 'show my devices')).map((r) => r.text), [en.t('group.sentPrivately')]);
    assert.equal(connector.created.length, 1);
    const [parameters] = connector.created;
    assert.equal(parameters?.isGroup, false);
    assert.equal(parameters?.tenantId, tenantId);
    assert.deepEqual(parameters?.channelData, { tenant: { id: tenantId } });
    assert.deepEqual((parameters?.bot as { id?: string }).id, bot.id);
    assert.deepEqual((parameters?.members as { id: string; aadObjectId?: string }[]).map((m) => [m.id, m.aadObjectId]), [[member.teamsId, anna.id]]);

    const personal = connector.deliveredTo(`a:personal-${member.teamsId}`);
    assert.equal(personal[0]?.text, en.t('group.continuedHere'));
    const card = cardTexts(cardOf(personal[1] as never));
    assert.ok(card.includes(en.t('devices.heading')) && card.includes('CON-LT-0142'), 'the devices, in private');

    // Asked again, without expectReplies: the reply to the group goes to the group's conversation,
    // the goal to the same personal chat (found again, not opened a second time).
    await post(member, 'show my sign-in methods', { expectReplies: false });
    assert.equal(connector.created.length, 1);
    const toGroup = connector.deliveredTo(groupId).filter((a) => a.type === 'message');
    assert.deepEqual(toGroup.map((a) => a.text), [en.t('group.sentPrivately')]);
    const inGroup = JSON.stringify(toGroup);
    for (const value of ['CON-LT-0142', 'Pixel 8', '+31 6 1234 5678', 'anna.private@example.net']) assert.ok(!inGroup.includes(value), value);
    assert.equal(connector.deliveredTo(`a:personal-${member.teamsId}`).length, 4, 'the methods, in private');
  });

  it('when Teams refuses to open the personal chat (the app is not installed for that user), the group is told, and still sees nothing', async function () {
    const en = translator('en');
    const erik = await demoUserNamed('erik');
    connector.refuseCreate(403);
    try {
      const replies = await post({ teamsId: '29:erik-teams', userId: erik.id }, 'show my devices');
      assert.deepEqual(replies.map((r) => r.text), [en.t('group.privateChatUnavailable')]);
      assert.ok(!JSON.stringify(replies).includes('CON-LT-0311'));
    } finally {
      connector.refuseCreate(undefined);
    }
  });
});
