// Group chats and channels on Teams, as transcripts: the bot stays silent unless @mentioned, reads
// the text without the mention, keeps everyone's account to their personal chat (opened with the
// Teams tenant and the user as member, or the one the user already talks to the bot in) and goes on
// with the goal there; help and the menu stay in the group.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { isForBot, isSharedConversation, removeBotMention } from '../../../bot/channel/sharedConversation.js';
import { demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, submitActions, teamsBot, teamsTenantId, textOf, type GroupMember, type Harness } from '../../dialogs/harness.js';
import { phrases } from '../../dialogs/testData/phrases.js';

/** Everything a person's account shows, from the seed: none of it may appear in a group conversation. */
async function personalDataOf(name: string): Promise<string[]> {
  const user = await demoUserNamed(name);
  const devices = (user.devices as { displayName: string }[] | undefined) ?? [];
  const methods = (user.authenticationMethods as { phoneNumber?: string; emailAddress?: string }[] | undefined) ?? [];
  return [
    ...devices.map((d) => d.displayName),
    ...methods.flatMap((m) => [m.phoneNumber, m.emailAddress]).filter((v): v is string => typeof v === 'string'),
    String(user.mobilePhone), String(user.jobTitle), String(user.department),
  ];
}

describe('group chats and channels', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  const member = async (name: string, locale: string): Promise<GroupMember> => {
    const user = await demoUserNamed(name);
    return { teamsUserId: `29:${name}`, userId: user.id, name: user.displayName, locale };
  };

  it('stays silent when not @mentioned (a message to the others, or one that mentions a colleague): nothing is read or stored', async function () {
    const anna = await member('anna', 'en-US');
    const erik = await member('erik', 'en-US');
    const group = harness.groupChat([anna, erik]);
    assert.deepEqual(await group.say(anna.teamsUserId, phrases.en.devices), []);
    const mentionsErik = await group.from(anna.teamsUserId, {
      text: '<at>Erik</at> show my devices', entities: [{ type: 'mention', text: '<at>Erik</at>', mentioned: { id: erik.teamsUserId, name: 'Erik' } }],
    });
    assert.deepEqual(mentionsErik, []);
    assert.deepEqual(group.transcript, [], 'no typing, no reply');
    const conversationId = group.conversationId;
    const stored = await harness.storage.read([`msteams/conversations/${conversationId}`, `msteams/users/${anna.teamsUserId}`]);
    assert.deepEqual(stored, {}, 'no conversation or user state');
    assert.equal(await harness.services.references.get(anna.userId ?? ''), undefined, 'no conversation reference');
    assert.deepEqual(harness.opened, []);
  });

  for (const locale of supportedLocales) {
    it(`${locale}: an account goal asked in a group chat is answered "I've sent you a private message"; the goal goes on in the personal chat`, async function () {
      const t = translator(locale);
      const anna = await member('anna', phrases[locale].tag);
      const bert = await member('erik', 'sv-SE');
      const group = harness.groupChat([anna, bert]);
      const replies = await group.mention(anna.teamsUserId, phrases[locale].signOut);
      assert.deepEqual(replies.map((r) => r.text), [t.t('group.sentPrivately')]);
      assert.equal(cardOf(replies[0] ?? {}), undefined, 'no card in the group');

      // Teams opened (or found) the 1:1 chat with Anna, in her tenant.
      assert.equal(harness.opened.length, 1);
      const chat = harness.openedChat(anna.teamsUserId);
      assert.ok(chat);
      const [intro, confirm] = chat.inbox();
      assert.equal(intro?.text, t.t('group.continuedHere'));
      assert.ok(submitActions(cardOf(confirm ?? {})).some((d) => d.action === 'yes'), 'the sign-out confirmation, in private');
      assert.equal(confirm?.locale?.slice(0, 2), locale);
      // Anna answers it there; Erik in the group sees nothing of it.
      assert.deepEqual((await chat.submit('no')).map((r) => r.text), [t.t('signout.kept')]);
      assert.equal(group.transcript.filter((a) => a.type === 'message').length, 1);
    });
  }

  it('shows nobody\'s devices, methods or phone numbers in the group: the devices go to the personal chat opened in the Teams tenant', async function () {
    const en = translator('en');
    const anna = await member('anna', 'en-GB');
    const oliver = await member('oliver', 'en-GB');
    const group = harness.groupChat([anna, oliver]);
    for (const phrase of [phrases.en.devices, phrases.en.securityView, phrases.en.profile, phrases.en.signIns, phrases.en.ticketStatus]) {
      assert.deepEqual((await group.mention(anna.teamsUserId, phrase)).map((r) => r.text), [en.t('group.sentPrivately')], phrase);
    }
    const secret = await personalDataOf('anna');
    const shown = JSON.stringify(group.transcript);
    for (const value of secret) assert.ok(!shown.includes(value), `${value} is not in the group conversation`);

    // One conversation opened, the way Teams wants it: the user as member, the tenant twice, the bot.
    assert.equal(harness.opened.length, 1, 'the personal chat is opened once, then found again');
    const [opened] = harness.opened;
    assert.equal(opened?.parameters.isGroup, false);
    assert.equal(opened?.parameters.tenantId, teamsTenantId);
    assert.deepEqual(opened?.parameters.channelData, { tenant: { id: teamsTenantId } });
    assert.deepEqual(opened?.parameters.members?.map((m) => [m.id, m.aadObjectId]), [[anna.teamsUserId, anna.userId]]);
    assert.equal(opened?.parameters.bot.id, teamsBot.id);

    const personal = harness.openedChat(anna.teamsUserId)?.inbox() ?? [];
    const devices = personal.map(textOf).join('\n');
    assert.ok(devices.includes(en.t('devices.heading')), 'the devices card, in private');
    assert.ok(devices.includes('CON-LT-0142') && devices.includes('Pixel 8'));
  });

  it('a user who already talks to the bot in a personal chat is answered there: no new conversation', async function () {
    const fr = translator('fr');
    const claire = await member('claire', 'fr-FR');
    const personal = harness.chat(claire.userId, 'fr-FR', 'msteams', { teamsUserId: claire.teamsUserId });
    await personal.say('bonjour');
    const group = harness.groupChat([claire], 'channel');
    assert.deepEqual((await group.mention(claire.teamsUserId, phrases.fr.devices)).map((r) => r.text), [fr.t('group.sentPrivately')]);
    assert.deepEqual(harness.opened, []);
    const [intro, devices] = personal.inbox();
    assert.equal(intro?.text, fr.t('group.continuedHere'));
    assert.ok(textOf(devices).includes('iPad de Claire'));
  });

  it('a goal waiting in the personal chat gives way to the one asked in the group (it is said)', async function () {
    const en = translator('en');
    const emily = await member('emily', 'en-US');
    const personal = harness.chat(emily.userId, 'en-US', 'msteams', { teamsUserId: emily.teamsUserId });
    await personal.say(phrases.en.signOut);
    const yes = personal.buttonData('yes');
    const group = harness.groupChat([emily]);
    await group.mention(emily.teamsUserId, phrases.en.devices);
    const texts = personal.inbox().map(textOf);
    assert.equal(texts[0], en.t('group.continuedHere'));
    assert.equal(texts[1], en.t('goal.switched'));
    assert.ok(texts[2]?.includes(en.t('devices.heading')));
    assert.equal((await personal.send(yes))[0]?.text, en.t('card.stale'), 'the sign-out card no longer acts');
  });

  it('a reference kept from a group chat (before they were told apart) is never used: the personal chat is opened', async function () {
    const anna = await member('anna', 'en-US');
    const group = harness.groupChat([anna]);
    const groupId = group.conversationId;
    await harness.services.references.save(anna.userId ?? '', { channelId: 'msteams', serviceUrl: 'https://test.com', conversation: { id: groupId, isGroup: true, conversationType: 'groupChat' }, user: { id: anna.teamsUserId } });
    await group.mention(anna.teamsUserId, phrases.en.devices);
    assert.equal(harness.opened.length, 1);
    assert.ok(!JSON.stringify(group.transcript).includes('CON-LT-0142'));
    const stored = await harness.services.references.get(anna.userId ?? '');
    assert.equal((stored?.conversation as { id?: string }).id, harness.opened[0]?.conversationId, 'the personal chat is the user\'s reference now');
  });

  it('help, the menu and small talk stay in the group, without personal data; a menu button goes private, for whoever clicked it', async function () {
    const en = translator('en');
    const anna = await member('anna', 'en-US');
    const james = await member('james', 'en-GB');
    const group = harness.groupChat([anna, james]);
    const [menu] = await group.mention(anna.teamsUserId, phrases.en.help);
    assert.ok(textOf(menu).includes(en.t('menu.intro')));
    assert.deepEqual((await group.mention(james.teamsUserId, 'thanks!')).map((r) => r.text), [en.t('smalltalk.thanks')]);
    assert.deepEqual(harness.opened, []);

    const devicesButton = submitActions(cardOf(menu ?? {})).find((d) => d.goal === 'devices.view');
    assert.ok(devicesButton);
    assert.deepEqual((await group.click(james.teamsUserId, devicesButton)).map((r) => r.text), [en.t('group.sentPrivately')]);
    assert.equal(harness.openedChat(anna.teamsUserId), undefined, 'not Anna, who asked for the menu');
    const devices = (harness.openedChat(james.teamsUserId)?.inbox() ?? []).map(textOf).join('\n');
    assert.ok(devices.includes('CON-LT-0402'), 'James\'s own devices');
    assert.ok(!devices.includes('CON-LT-0142'));
  });

  it('anger in the group gets the helpdesk form in private, not a ticket form in front of everyone', async function () {
    const nl = translator('nl');
    const anna = await member('anna', 'nl-NL');
    const group = harness.groupChat([anna]);
    assert.deepEqual((await group.mention(anna.teamsUserId, 'wat een kutbot')).map((r) => r.text), [nl.t('group.sentPrivately')]);
    const personal = harness.openedChat(anna.teamsUserId)?.inbox() ?? [];
    assert.deepEqual(personal.slice(0, 2).map((r) => r.text), [nl.t('group.continuedHere'), nl.t('smalltalk.frustration')]);
    assert.ok(JSON.stringify(personal).includes(nl.t('helpdesk.descriptionLabel')));
  });

  it('a ticket named or worked by typing in the group is answered in private: nothing of it in the group', async function () {
    const en = translator('en');
    const anna = await member('anna', 'en-US');
    const ticket = await harness.services.tickets.create({
      userId: anna.userId ?? '', userDisplayName: anna.name, channel: 'msteams', locale: 'en', category: 'other', description: 'A private matter', context: {}, transcript: [],
    }, new Date());
    const group = harness.groupChat([anna]);
    for (const text of [`what's happening with ${ticket.number}?`, `open ${ticket.number}`]) {
      assert.deepEqual((await group.mention(anna.teamsUserId, text)).map((r) => r.text), [en.t('group.sentPrivately')], text);
    }
    assert.ok(!JSON.stringify(group.transcript.filter((a) => a.type === 'message')).includes('A private matter'));
    const personal = harness.openedChat(anna.teamsUserId)?.inbox() ?? [];
    assert.ok(personal.some((a) => cardTexts(cardOf(a)).includes(en.t('ticket.heading', { number: ticket.number }))), 'the ticket, in the personal chat');
  });

  it('reads the text without the mention (wherever the mention stands)', async function () {
    const anna = await member('anna', 'en-US');
    const group = harness.groupChat([anna]);
    const read: string[] = [];
    group.adapter.use(async (context, next) => {
      await next();
      read.push(String(context.activity.text));
    });
    const at = `<at>${teamsBot.name}</at>`;
    await group.from(anna.teamsUserId, { text: `hey ${at}, what can you do?`, entities: [{ type: 'mention', text: at, mentioned: { ...teamsBot } }] });
    await group.mention(anna.teamsUserId, 'show my devices');
    assert.deepEqual(read, ['hey , what can you do?', 'show my devices']);
  });

  it('a bare @mention gets the menu, not "I didn\'t understand"', async function () {
    const nl = translator('nl');
    const anna = await member('anna', 'nl-NL');
    const group = harness.groupChat([anna]);
    const [menu, ...rest] = await group.from(anna.teamsUserId, { text: `<at>${teamsBot.name}</at>`, entities: [{ type: 'mention', text: `<at>${teamsBot.name}</at>`, mentioned: { ...teamsBot } }] });
    assert.deepEqual(rest, []);
    assert.ok(textOf(menu).includes(nl.t('menu.intro')));
    assert.ok(!textOf(menu).includes(nl.t('none.intro')));
  });

  it('in the personal chat too, an @mention of the bot is not read as part of the request', async function () {
    const anna = await member('anna', 'en-US');
    const chat = harness.chat(anna.userId, 'en-US', 'msteams', { teamsUserId: anna.teamsUserId });
    const read: string[] = [];
    chat.adapter.use(async (context, next) => {
      await next();
      read.push(String(context.activity.text));
    });
    const botId = chat.adapter.conversation.bot.id;
    await chat.adapter.processActivity({ type: 'message', text: '<at>Bot</at> show my devices', entities: [{ type: 'mention', text: '<at>Bot</at>', mentioned: { id: botId, name: 'Bot' } }] });
    assert.deepEqual(read, ['show my devices']);
    assert.ok(chat.adapter.activeQueue.splice(0).map(textOf).join('\n').includes('CON-LT-0142'));
  });

  it('an anonymous Teams user (no account in the directory) is not answered in the group either', async function () {
    const en = translator('en');
    const stranger: GroupMember = { teamsUserId: '29:stranger', userId: 'ffffffff-0000-4000-8000-000000000000', name: 'Guest', locale: 'en-US' };
    const group = harness.groupChat([stranger]);
    assert.deepEqual((await group.mention(stranger.teamsUserId, phrases.en.passwordReset)).map((r) => r.text), [en.t('group.sentPrivately')]);
    const personal = harness.openedChat(stranger.teamsUserId)?.inbox() ?? [];
    assert.equal(personal[0]?.text, en.t('group.continuedHere'));
    assert.ok(personal.length >= 2, 'the reset starts in private');
  });
});

describe('shared conversation helpers', function () {
  const bot = { id: '28:bot', name: 'Assistant' };
  const mention = { type: 'mention', text: '<at>Assistant</at>', mentioned: bot };

  it('tells group chats and channels from personal chats', function () {
    assert.equal(isSharedConversation({ conversation: { id: 'a', conversationType: 'groupChat', isGroup: true, name: '' } }), true);
    assert.equal(isSharedConversation({ conversation: { id: 'a', conversationType: 'channel', isGroup: true, name: '' } }), true);
    assert.equal(isSharedConversation({ conversation: { id: 'a', conversationType: 'personal', isGroup: false, name: '' } }), false);
    assert.equal(isSharedConversation({}), false);
  });

  it('a message is for the bot when it mentions the bot by the mention\'s text, or is a card click', function () {
    assert.equal(isForBot({ recipient: bot, text: '<at>Assistant</at> hi', entities: [mention] }), true);
    assert.equal(isForBot({ recipient: bot, text: 'hi', entities: [mention] }), false, 'an entity whose text is not in the message');
    assert.equal(isForBot({ recipient: bot, text: '<at>Assistant</at> hi', entities: [{ ...mention, mentioned: { id: '29:someone', name: '' } }] }), false);
    assert.equal(isForBot({ recipient: bot, text: '', value: { verb: 'goal.start', goal: 'help' } }), true);
    assert.equal(isForBot({ recipient: bot, text: 'hi' }), false);
  });

  it('malformed entities (client data) are ignored, never thrown on', function () {
    const entities = [null, 42, { type: 7 }, { type: 'mention' }, { type: 'mention', mentioned: null, text: 'x' }, { type: 'Mention', mentioned: { id: bot.id }, text: '' }] as never[];
    assert.equal(isForBot({ recipient: bot, text: 'hi', entities }), false);
    const activity = { recipient: bot, text: ' hi ', entities };
    removeBotMention(activity);
    assert.equal(activity.text, 'hi');
  });

  it('removes every occurrence of the bot\'s mention, and only the bot\'s', function () {
    const activity = {
      recipient: bot, text: '<at>Assistant</at> ask <at>Erik</at> and <at>Assistant</at>',
      entities: [mention, { type: 'mention', text: '<at>Erik</at>', mentioned: { id: '29:erik', name: 'Erik' } }],
    };
    removeBotMention(activity);
    assert.equal(activity.text, 'ask <at>Erik</at> and');
  });
});
