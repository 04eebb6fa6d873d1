// A ticket from creation to resolution over POST /api/messages, the way a Bot Framework channel
// talks to the bot: replies to a turn come back in the response (expectReplies); proactive
// messages (to the agent, back to the user) are posted to the channel's service URL, here a small
// recording channel on 127.0.0.1.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { silentLogger } from '../../../bot/logger.js';
import { cardOf, cardTexts, sharedRecognizer, submitActions } from '../../dialogs/harness.js';
import { demoUserNamed, tempDir } from '../../helpers.js';
import { teamsChat } from './teamsChat.js';

interface Activity { type: string; text?: string; textFormat?: string; attachments?: { content?: unknown }[]; conversation?: { id?: string } }

describe('helpdesk hand-off over /api/messages', function () {
  let data: Awaited<ReturnType<typeof tempDir>>;
  let app: RunningApp;
  let channel: http.Server;
  let serviceUrl = '';
  const delivered: Activity[] = [];

  before(async function () {
    data = await tempDir();
    channel = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) delivered.push(JSON.parse(body) as Activity);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `delivered-${delivered.length}` }));
      });
    });
    await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
    serviceUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}/`;
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: data.dir }), silentLogger, { recognizer: await sharedRecognizer() });
  });
  after(async function () {
    await app.stop();
    await new Promise<void>((resolve) => channel.close(() => resolve()));
    await data.remove();
  });

  function person(userId: string, conversationId: string, locale: string) {
    return {
      ...teamsChat(app.url, { userId, conversationId, locale, serviceUrl }),
      /** What was posted proactively into this conversation. */
      inbox: () => delivered.filter((a) => a.conversation?.id === conversationId),
    };
  }

  it('an employee (Swedish) opens a ticket; the agent (English) assigns and resolves it; the employee is told each time', async function () {
    const sv = translator('sv');
    const en = translator('en');
    const erik = await demoUserNamed('erik');
    const agentId = (await app.directory.tenant()).helpdesk.agents[0] ?? '';
    const agent = person(agentId, 'agent-conversation', 'en-GB');
    await agent.say('hello');
    const employee = person(erik.id, 'employee-conversation', 'sv-SE');
    await employee.say('jag vill prata med supporten');
    await employee.click('submit', { category: 'device', description: 'Min laptop startar inte' });
    const [created] = await employee.click('send');
    const number = /INC-\d{6}/.exec(created?.text ?? '')?.[0] ?? '';
    assert.equal(created?.text, sv.t('helpdesk.created', { number }));

    const [posted] = agent.inbox();
    assert.equal(posted?.text, en.t('agent.newTicket', { number }));
    assert.ok(cardTexts(cardOf(posted as never)).includes('Min laptop startar inte'));
    const assign = submitActions(cardOf(posted as never)).find((d) => d.act === 'assign');
    const [assigned] = await agent.send(assign);
    assert.equal(assigned?.text, en.t('agent.done.assigned', { number, user: erik.displayName }));
    assert.equal(employee.inbox()[0]?.text, sv.t('ticket.user.assigned', { number, agent: (await app.directory.findUserById(agentId))?.displayName ?? '' }));

    await agent.send({ verb: 'ticket.act', ticket: number, act: 'resolve' });
    await agent.click('resolve', { comment: 'Ny laptop beställd' });
    assert.equal(employee.inbox()[1]?.text, sv.t('ticket.user.resolved', { number, resolution: 'Ny laptop beställd' }));
    const [status] = await employee.say('vad är status på mina ärenden?');
    assert.ok(cardTexts(cardOf(status as never)).includes(sv.t('ticket.state.resolved')));
  });

  it('proactive messages go out as plain text: an agent\'s comment with a link and an image in Markdown reaches the user as written', async function () {
    const en = translator('en');
    const emily = await demoUserNamed('emily');
    const agentId = (await app.directory.tenant()).helpdesk.agents[0] ?? '';
    const agent = person(agentId, 'agent-plain', 'en-GB');
    await agent.say('hello');
    const employee = person(emily.id, 'employee-plain', 'en-GB');
    await employee.say('I want to talk to the helpdesk');
    await employee.click('submit', { category: 'device', description: 'See [my screen](https://evil.example/s) **now**' });
    const [created] = await employee.click('send');
    const number = /INC-\d{6}/.exec(created?.text ?? '')?.[0] ?? '';
    const comment = 'Finish at [the reset portal](https://evil.example/reset) ![t](https://evil.example/t.png) **urgent**';
    await agent.send({ verb: 'ticket.act', ticket: number, act: 'resolve' });
    await agent.click('resolve', { comment });
    const told = employee.inbox().find((a) => a.text === en.t('ticket.user.resolved', { number, resolution: comment }));
    assert.ok(told, `the user is told the comment as written: ${JSON.stringify(employee.inbox().map((a) => a.text))}`);
    assert.equal(told.textFormat, 'plain');
    const posted = agent.inbox().filter((a) => typeof a.text === 'string');
    assert.ok(posted.length > 0, 'the agent was told of the new ticket');
    assert.deepEqual(posted.map((a) => a.textFormat), posted.map(() => 'plain'), 'every text the agent was sent is plain');
    assert.deepEqual(employee.inbox().filter((a) => typeof a.text === 'string' && a.textFormat !== 'plain'), [], 'every text the user was sent is plain');
  });
});
