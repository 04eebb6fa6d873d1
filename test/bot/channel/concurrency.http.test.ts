// One card, one effect: the same submission posted many times at once, over HTTP, is acted on once;
// the copies are told the card was already used. (The nonce is spent by an atomic operation on the
// ledger; turns of one conversation run in order; state saves are eTag-checked.)
import assert from 'node:assert/strict';
import type { RunningApp } from '../../../bot/app.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { demoUserNamed } from '../../helpers.js';
import { startTestApp, type TestApp } from '../../testApp.js';
import { teamsChat } from './teamsChat.js';

describe('concurrent submissions of one card', function () {
  let running: TestApp;
  let app: RunningApp;
  const t = translator('en');

  before(async function () {
    running = await startTestApp();
    app = running.app;
  });
  after(async function () {
    await running.stop();
  });

  const teams = (userId: string, conversationId: string) => teamsChat(app.url, { userId, conversationId });

  it('the helpdesk card posted 10 times at once opens one ticket', async function () {
    const erik = await demoUserNamed('erik');
    const chat = teams(erik.id, 'conv-tickets');
    const before = (await app.tickets.listForUser(erik.id)).length;
    await chat.say('I want to talk to the helpdesk');
    await chat.send(chat.valueOf('submit', { category: 'device', description: 'My laptop does not start' }));
    const send = chat.valueOf('send');
    const answers = await Promise.all(Array.from({ length: 10 }, () => chat.send(send)));
    assert.equal((await app.tickets.listForUser(erik.id)).length - before, 1, 'exactly one ticket');
    const created = answers.filter((replies) => replies.some((r) => /INC-\d{6}/.test(r.text ?? '')));
    assert.equal(created.length, 1);
    const refused = answers.filter((replies) => replies.some((r) => r.text === t.t('card.stale')));
    assert.equal(refused.length, 9, 'every copy is told the card was already used');
  });

  it('ten copies of one wrong current password are checked once', async function () {
    const james = await demoUserNamed('james');
    const chat = teams(james.id, 'conv-password');
    await chat.say('change my password');
    const value = chat.valueOf('submit', { current: 'wrong-Password-1', next: 'Another-long-Secret-42', confirmation: 'Another-long-Secret-42' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => chat.send(value)));
    const audit = (await app.audit.listForUser(james.id, 50)).filter((e) => e.action === 'password.change' && e.result === 'refused');
    assert.equal(audit.length, 1, 'one evaluation of the current password');
    assert.equal(answers.filter((replies) => replies.some((r) => r.text === t.t('card.stale'))).length, 9);
  });
});
