// Verification: one-time codes (length, hashing, single use, attempts, expiry, conversation binding),
// send limits and lock-outs, codes for names that are no account, how typed codes are read; the
// limits under parallel requests on two instances, and what is dropped when its record is written.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { RecordVerificationStore, verificationPartitions } from '../../../../bot/adapters/records/recordVerificationStore.js';
import { codeIn, looksLikeCode, normalizeCode, Verification } from '../../../../bot/core/usecases/verification.js';
import { anna, tenant } from '../../../fakes/memoryDirectory.js';
import { minutes, type MemoryNotifier } from '../../../fakes/memoryPorts.js';
import { testBed, type TestBed } from '../../../fakes/testBed.js';

type CodeRequest = Parameters<Verification['issue']>[0];

const annaMobile = '+46 70 123 45 67';

/** A step-up code for Anna, by text message to her mobile. */
const request = (overrides: Partial<CodeRequest> = {}): CodeRequest => ({
  subject: 'user:user-anna',
  conversationId: 'conversation-1',
  purpose: 'stepUp',
  userId: 'user-anna',
  methodId: 'anna-mobile',
  destination: { userId: 'user-anna', channel: 'sms', to: annaMobile },
  message: (code) => `Contoso code: ${code}`,
  ...overrides,
});

/** The code in the last message sent. */
function lastCode(notifier: MemoryNotifier): string {
  const code = /\b(\d{4,10})\b/.exec(notifier.sent.at(-1)?.text ?? '')?.[1];
  assert.ok(code, 'a code was sent');
  return code;
}

/** The same code with its first digit changed: always wrong. */
const wrong = (code: string): string => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;

/** Another instance of the bot over the same records: its own Verification, store and in-process queue. */
const secondInstance = (bed: TestBed): Verification => new Verification({
  store: new RecordVerificationStore(bed.ports.records.anotherProcess()),
  notifier: bed.ports.notifier,
  clock: bed.clock,
  policy: async () => (await bed.ports.directory.tenant()).policy,
});

async function issue(bed: TestBed, overrides: Partial<CodeRequest> = {}): Promise<{ challengeId: string; code: string; expiresAt: Date }> {
  const result = await bed.useCases.verification.issue(request(overrides));
  assert.ok(result.ok, `issued: ${JSON.stringify(result)}`);
  return { ...result.value, code: lastCode(bed.ports.notifier) };
}

describe('Verification', function () {
  describe('codes', function () {
    it('are as long as the tenant policy says, all digits, and go to the destination only', async function () {
      const bed = testBed({ users: [anna()] });
      const { code } = await issue(bed);
      assert.match(code, /^\d{6}$/);
      assert.deepEqual(bed.ports.notifier.sent.map((n) => [n.userId, n.channel, n.to]), [['user-anna', 'sms', annaMobile]]);

      const eight = testBed({ users: [anna()], tenant: tenant({ policy: { verificationCode: { length: 8 } } }) });
      assert.match((await issue(eight)).code, /^\d{8}$/);
    });

    it('are stored only as a salted hash: the code never appears in anything saved', async function () {
      const bed = testBed({ users: [anna()] });
      const { code, challengeId } = await issue(bed);
      const challenge = (await bed.ports.verificationStore.read('challenges', 'conversation-1'))?.stepUp;
      assert.ok(challenge);
      assert.equal(challenge.id, challengeId);
      assert.match(challenge.salt, /^[0-9a-f]{32,}$/);
      assert.match(challenge.codeHash, /^[0-9a-f]{64}$/);
      const unsalted = createHash('sha256').update(code).digest('hex');
      assert.notEqual(challenge.codeHash, unsalted);
      // Pass the code too: no save, before or after, holds it as a word of its own or its unsalted hash.
      assert.ok((await bed.useCases.verification.check(challengeId, 'conversation-1', code)).ok);
      for (const { text: saved = '' } of bed.ports.records.writes) {
        assert.doesNotMatch(saved, new RegExp(`\\b${code}\\b`));
        assert.ok(!saved.includes(unsalted));
      }
    });

    it('differ in salt and hash from one challenge to the next', async function () {
      const bed = testBed({ users: [anna()] });
      await issue(bed, { conversationId: 'conversation-1' });
      await issue(bed, { conversationId: 'conversation-2' });
      const first = (await bed.ports.verificationStore.read('challenges', 'conversation-1'))?.stepUp;
      const second = (await bed.ports.verificationStore.read('challenges', 'conversation-2'))?.stepUp;
      assert.ok(first && second);
      assert.notEqual(first.salt, second.salt);
      assert.notEqual(first.codeHash, second.codeHash);
    });

    it('pass once with the right code, proving user, method and purpose, and cannot be reused', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const { challengeId, code } = await issue(bed);
      assert.deepEqual(await verification.check(challengeId, 'conversation-1', code), { ok: true, value: { userId: 'user-anna', methodId: 'anna-mobile', purpose: 'stepUp' } });
      assert.deepEqual(await verification.check(challengeId, 'conversation-1', code), { ok: false, error: 'unknown' });
    });

    it('accept the code typed with spaces, dashes or dots', async function () {
      const bed = testBed({ users: [anna()] });
      const { challengeId, code } = await issue(bed);
      const typed = ` ${code.slice(0, 3)} - ${code.slice(3)}.`;
      assert.ok((await bed.useCases.verification.check(challengeId, 'conversation-1', typed)).ok);
    });

    it('count wrong codes down, then are exhausted: even the right code fails', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const { challengeId, code } = await issue(bed);
      assert.deepEqual(await verification.check(challengeId, 'conversation-1', wrong(code)), { ok: false, error: 'wrong', attemptsLeft: 2 });
      assert.deepEqual(await verification.check(challengeId, 'conversation-1', wrong(code)), { ok: false, error: 'wrong', attemptsLeft: 1 });
      assert.deepEqual(await verification.check(challengeId, 'conversation-1', wrong(code)), { ok: false, error: 'exhausted' });
      assert.deepEqual(await verification.check(challengeId, 'conversation-1', code), { ok: false, error: 'exhausted' });
    });

    it('expire ttlSeconds after they were issued', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const start = bed.clock.now().getTime();
      const early = await issue(bed);
      assert.equal(early.expiresAt.getTime(), start + 300_000);
      bed.clock.advance(299_000);
      assert.ok((await verification.check(early.challengeId, 'conversation-1', early.code)).ok, 'still valid a second before');

      const late = await issue(bed);
      bed.clock.advance(300_000);
      assert.deepEqual(await verification.check(late.challengeId, 'conversation-1', late.code), { ok: false, error: 'expired' });
    });

    it('check only in the conversation they were issued in', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const { challengeId, code } = await issue(bed, { conversationId: 'conversation-1' });
      assert.deepEqual(await verification.check(challengeId, 'conversation-2', code), { ok: false, error: 'unknown' });
      assert.ok((await verification.check(challengeId, 'conversation-1', code)).ok, 'the attempt elsewhere used up nothing');
    });

    it('replace the earlier code of the same conversation and purpose', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const first = await issue(bed);
      const second = await issue(bed);
      assert.deepEqual(await verification.check(first.challengeId, 'conversation-1', first.code), { ok: false, error: 'unknown' });
      assert.ok((await verification.check(second.challengeId, 'conversation-1', second.code)).ok);
    });
  });

  describe('send limits', function () {
    it('maxSendsPerHour codes per subject in one conversation, then throttled until the oldest send is an hour old', async function () {
      const bed = testBed({ users: [anna()] });
      const first = bed.clock.now().getTime();
      for (let i = 1; i <= 5; i += 1) {
        await issue(bed);
        bed.clock.advance(minutes(1));
      }
      const refused = await bed.useCases.verification.issue(request());
      assert.deepEqual(refused, { ok: false, error: 'throttled', until: new Date(first + minutes(60)) });
      assert.equal(bed.ports.notifier.sent.length, 5, 'nothing sent when throttled');

      bed.clock.advance(first + minutes(60) - bed.clock.now().getTime());
      assert.ok((await bed.useCases.verification.issue(request())).ok);
    });

    it('maxSendsPerHour codes per subject an hour over all conversations: a new conversation gets no more', async function () {
      const bed = testBed({ users: [anna()] });
      const first = bed.clock.now().getTime();
      for (let i = 1; i <= 5; i += 1) {
        await issue(bed, { conversationId: `conversation-${i}` });
        bed.clock.advance(minutes(1));
      }
      const refused = await bed.useCases.verification.issue(request({ conversationId: 'conversation-6' }));
      assert.deepEqual(refused, { ok: false, error: 'throttled', until: new Date(first + minutes(60)) });
      assert.equal(bed.ports.notifier.sent.length, 5, 'nobody\'s phone gets more codes than the policy says');
      assert.equal(await bed.ports.verificationStore.read('sends', 'conversation:conversation-6'), undefined, 'the refused send is not counted in its conversation');
    });

    it('maxSendsPerHour codes per conversation, whatever the subject', async function () {
      const bed = testBed({ users: [anna()] });
      for (let i = 1; i <= 5; i += 1) await issue(bed, { subject: `name:someone-${i}@contoso.com` });
      const refused = await bed.useCases.verification.issue(request({ subject: 'name:someone-6@contoso.com' }));
      assert.equal(refused.ok ? 'issued' : refused.error, 'throttled');
    });
  });

  describe('an anonymous reset for a named account', function () {
    /** Asks for a reset code for the name in the conversation: "sent" (as far as the visitor can tell) or why not. */
    const ask = async (bed: TestBed, name: string, conversationId: string): Promise<string> => {
      const sent = await bed.useCases.codes.send({ kind: 'claimed', name }, conversationId, 'en');
      return sent.ok ? 'sent' : sent.error;
    };

    /** A step-up code for signed-in Anna, in the conversation. */
    const stepUp = async (bed: TestBed, conversationId: string): Promise<string> => {
      const sent = await bed.useCases.codes.send({ kind: 'method', userId: 'user-anna', methodId: 'anna-mobile', purpose: 'stepUp' }, conversationId, 'en');
      return sent.ok ? 'sent' : sent.error;
    };

    it('a visitor in new conversations gets no more codes for a name than the policy allows', async function () {
      const bed = testBed();
      for (let i = 1; i <= 5; i += 1) assert.equal(await ask(bed, 'anna.lindqvist@contoso.com', `conversation-visitor-${i}`), 'sent');
      assert.equal(await ask(bed, 'Anna.Lindqvist@contoso.com', 'conversation-visitor-6'), 'throttled', 'whatever the conversation');
      assert.equal(await ask(bed, 'anna.lindqvist@contoso.com', 'conversation-anna'), 'throttled', 'the name is used up for the hour');
      assert.equal(bed.ports.notifier.sent.length, 5);
    });

    it('the account\'s phone gets no more than the policy an hour, signed-in checks and resets together; the reset still answers as for any name', async function () {
      const bed = testBed();
      for (let i = 1; i <= 3; i += 1) assert.equal(await stepUp(bed, `conversation-anna-${i}`), 'sent');
      const visitor: string[] = [];
      for (let i = 1; i <= 5; i += 1) visitor.push(await ask(bed, 'anna.lindqvist@contoso.com', `conversation-visitor-${i}`));
      assert.deepEqual(visitor, ['sent', 'sent', 'sent', 'sent', 'sent'], 'the reset answers by the name typed');
      assert.equal(bed.ports.notifier.sent.length, 5, 'three step-up codes and two reset codes reached the phone; the rest went nowhere');
      assert.equal(await stepUp(bed, 'conversation-anna-4'), 'throttled', 'the account\'s budget is used up, whoever used it');
      // The same visits for a name that is no account get the same answers.
      const nobody: string[] = [];
      for (let i = 1; i <= 5; i += 1) nobody.push(await ask(bed, 'nobody@contoso.com', `conversation-nobody-${i}`));
      assert.deepEqual(nobody, visitor);
    });

    it('a lock-out earned signed in holds in the reset, silently: nothing is sent, and even a code sent before it cannot pass', async function () {
      const bed = testBed();
      const { codes } = bed.useCases;
      const early = await codes.send({ kind: 'claimed', name: 'anna.lindqvist@contoso.com' }, 'conversation-visitor', 'en');
      assert.ok(early.ok);
      const earlyCode = lastCode(bed.ports.notifier);
      // Anna, signed in, gets six codes wrong: her account is locked.
      for (let round = 1; round <= 2; round += 1) {
        assert.equal(await stepUp(bed, 'conversation-anna'), 'sent');
        const challenge = await codes.send({ kind: 'method', userId: 'user-anna', methodId: 'anna-mobile', purpose: 'stepUp' }, 'conversation-anna', 'en');
        assert.ok(challenge.ok);
        for (let i = 0; i < 3; i += 1) await codes.check(challenge.value.challengeId, 'conversation-anna', wrong(lastCode(bed.ports.notifier)));
      }
      assert.ok(await bed.useCases.verification.lockedUntil('user:user-anna'), 'the account is locked');
      const sent = bed.ports.notifier.sent.length;
      assert.equal(await ask(bed, 'anna.lindqvist@contoso.com', 'conversation-visitor-2'), 'sent', 'the reset answers as for any name');
      assert.equal(bed.ports.notifier.sent.length, sent, 'but nothing reaches the phone');
      assert.deepEqual(await codes.check(early.value.challengeId, 'conversation-visitor', earlyCode), { ok: false, error: 'wrong', attemptsLeft: 2 });
    });

    it('wrong codes in the reset count against the account too: its signed-in checks lock with the name', async function () {
      const bed = testBed();
      const { codes } = bed.useCases;
      let last: string | undefined;
      for (let round = 1; round <= 2; round += 1) {
        const challenge = await codes.send({ kind: 'claimed', name: 'anna.lindqvist@contoso.com' }, 'conversation-visitor', 'en');
        assert.ok(challenge.ok);
        for (let i = 0; i < 3; i += 1) {
          const checked = await codes.check(challenge.value.challengeId, 'conversation-visitor', wrong(lastCode(bed.ports.notifier)));
          last = checked.ok ? 'passed' : checked.error;
        }
      }
      assert.equal(last, 'locked', 'the name is locked, as any name would be');
      assert.equal(await stepUp(bed, 'conversation-anna'), 'locked', 'and so are the account\'s checks');
    });

    it('answers a name that is no account exactly as a real one, limits included', async function () {
      const bed = testBed();
      const run = async (name: string): Promise<string[]> => {
        const answers: string[] = [];
        for (let i = 1; i <= 26; i += 1) answers.push(await ask(bed, name, `conversation-${name}-${Math.ceil(i / 6)}`));
        return answers;
      };
      const known = await run('anna.lindqvist@contoso.com');
      assert.deepEqual(await run('nobody@contoso.com'), known);
      assert.equal(known.filter((a) => a === 'sent').length, 5, 'the limit holds across conversations');
    });
  });

  describe('lock-out', function () {
    it('too many wrong codes lock the subject for lockoutMinutes; a locked subject gets no new code', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const first = await issue(bed);
      for (let i = 0; i < 3; i += 1) await verification.check(first.challengeId, 'conversation-1', wrong(first.code));
      const second = await issue(bed);
      await verification.check(second.challengeId, 'conversation-1', wrong(second.code));
      await verification.check(second.challengeId, 'conversation-1', wrong(second.code));
      const until = new Date(bed.clock.now().getTime() + minutes(30));
      assert.deepEqual(await verification.check(second.challengeId, 'conversation-1', wrong(second.code)), { ok: false, error: 'locked', until });
      assert.deepEqual(await verification.lockedUntil('user:user-anna'), until);

      const sent = bed.ports.notifier.sent.length;
      bed.clock.advance(minutes(29));
      assert.deepEqual(await verification.issue(request({ conversationId: 'conversation-2' })), { ok: false, error: 'locked', until });
      assert.equal(bed.ports.notifier.sent.length, sent, 'no code sent while locked');

      bed.clock.advance(minutes(1));
      assert.equal(await verification.lockedUntil('user:user-anna'), undefined);
      assert.ok((await verification.issue(request({ conversationId: 'conversation-2' }))).ok, 'codes again once the lock ends');
    });

    it('a lock holds even for the right code of a challenge issued before it', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const elsewhere = await issue(bed, { conversationId: 'conversation-2' });
      for (const conversationId of ['conversation-1', 'conversation-3']) {
        const c = await issue(bed, { conversationId });
        for (let i = 0; i < 3; i += 1) await verification.check(c.challengeId, conversationId, wrong(c.code));
      }
      const result = await verification.check(elsewhere.challengeId, 'conversation-2', elsewhere.code);
      assert.equal(result.ok ? 'passed' : result.error, 'locked');
    });

    it('a right code clears the failures counted before it', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const exhausted = await issue(bed);
      for (let i = 0; i < 3; i += 1) await verification.check(exhausted.challengeId, 'conversation-1', wrong(exhausted.code));
      const passed = await issue(bed);
      assert.ok((await verification.check(passed.challengeId, 'conversation-1', passed.code)).ok);
      const again = await issue(bed);
      for (let i = 0; i < 2; i += 1) await verification.check(again.challengeId, 'conversation-1', wrong(again.code));
      assert.deepEqual(await verification.check(again.challengeId, 'conversation-1', wrong(again.code)), { ok: false, error: 'exhausted' }, 'six failures, but not since the pass');
      assert.equal(await verification.lockedUntil('user:user-anna'), undefined);
    });
  });

  describe('a name that is no account', function () {
    it('gets a challenge that looks like any other, that nobody can pass, and nothing is sent', async function () {
      const bed = testBed();
      const { codes } = bed.useCases;
      const known = await codes.send({ kind: 'claimed', name: 'Anna.Lindqvist@contoso.com' }, 'conversation-1', 'en');
      assert.ok(known.ok);
      assert.equal(bed.ports.notifier.sent.length, 1, 'a real account gets its code');
      const realCode = lastCode(bed.ports.notifier);

      const unknown = await codes.send({ kind: 'claimed', name: 'nobody@contoso.com' }, 'conversation-2', 'en');
      assert.ok(unknown.ok);
      assert.deepEqual(Object.keys(unknown.value).sort(), Object.keys(known.value).sort());
      assert.equal(bed.ports.notifier.sent.length, 1, 'nothing sent for a name that is no account');
      const challenge = Object.values((await bed.ports.verificationStore.read('challenges', 'conversation-2')) ?? {}).find((c) => c.id === unknown.value.challengeId);
      assert.ok(challenge);
      assert.equal(challenge.subject, 'name:nobody@contoso.com');
      assert.equal(challenge.userId, undefined);
      assert.equal(challenge.channel, undefined);

      const attempts = [await codes.check(unknown.value.challengeId, 'conversation-2', '000000'), await codes.check(unknown.value.challengeId, 'conversation-2', realCode), await codes.check(unknown.value.challengeId, 'conversation-2', '123456')];
      assert.deepEqual(attempts.map((r) => (r.ok ? 'passed' : r.error)), ['wrong', 'wrong', 'exhausted']);
    });

    it('cannot be passed even when every code can be tried (one-digit codes, ten attempts)', async function () {
      const bed = testBed({ tenant: tenant({ policy: { verificationCode: { length: 1, maxAttempts: 10 } } }) });
      const { codes } = bed.useCases;
      const tryAll = async (challengeId: string, conversationId: string): Promise<number> => {
        let passed = 0;
        for (let digit = 0; digit <= 9; digit += 1) if ((await codes.check(challengeId, conversationId, String(digit))).ok) passed += 1;
        return passed;
      };
      const known = await codes.send({ kind: 'claimed', name: 'anna.lindqvist@contoso.com' }, 'conversation-1', 'en');
      assert.ok(known.ok);
      assert.equal(await tryAll(known.value.challengeId, 'conversation-1'), 1, 'a real account\'s code is one of the ten');
      const unknown = await codes.send({ kind: 'claimed', name: 'nobody@contoso.com' }, 'conversation-2', 'en');
      assert.ok(unknown.ok);
      assert.equal(await tryAll(unknown.value.challengeId, 'conversation-2'), 0);
    });
  });

  describe('two instances, parallel requests', function () {
    it('20 parallel wrong codes: maxAttempts of them are checked, and the lock-out is recorded once', async function () {
      const bed = testBed({ users: [anna()] });
      const [one, two] = [bed.useCases.verification, secondInstance(bed)];
      const first = await issue(bed);
      for (let i = 0; i < 3; i += 1) await one.check(first.challengeId, 'conversation-1', wrong(first.code));
      const { challengeId, code } = await issue(bed);
      const before = bed.ports.records.writes.length;

      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).check(challengeId, 'conversation-1', wrong(code))));
      const writes = bed.ports.records.writes.slice(before);
      const attempts = writes.filter((w) => w.partition === verificationPartitions.challenges && w.kind === 'put');
      assert.deepEqual(attempts.map((w) => (JSON.parse(w.text ?? '') as { stepUp: { attemptsLeft: number } }).stepUp.attemptsLeft), [2, 1, 0], 'three attempts taken, one at a time');
      const failures = writes.filter((w) => w.partition === verificationPartitions.failures && w.kind === 'put');
      assert.equal(failures.length, 3, 'one failure for each code checked');
      assert.equal(failures.filter((w) => w.text?.includes('lockedUntil')).length, 1, 'the lock-out recorded once');

      assert.ok(results.every((r) => !r.ok));
      const until = new Date(bed.clock.now().getTime() + minutes(30));
      assert.ok(results.filter((r) => !r.ok && r.error === 'wrong').length <= 2);
      assert.ok(results.some((r) => !r.ok && r.error === 'locked' && r.until.getTime() === until.getTime()));
      assert.deepEqual(await one.lockedUntil('user:user-anna'), until);
      assert.deepEqual(await two.lockedUntil('user:user-anna'), until);
    });

    it('failures counted ahead of 20 parallel checks on two instances: as many run as the limit, the right one clears only the settled ones, and the fifth failure locks the key for both', async function () {
      const bed = testBed({ users: [anna()] });
      const [one, two] = [bed.useCases.verification, secondInstance(bed)];
      const rule = { limit: 5, windowMinutes: 15, lockMinutes: 15 };
      const key = 'password:user-anna';
      const reserved = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).reserveFailure(key, rule)));
      const running = reserved.flatMap((r) => (r.ok ? [r.value] : []));
      assert.equal(running.length, rule.limit, 'as many checks run as the rule allows');
      assert.ok(reserved.every((r) => r.ok || r.until.getTime() === bed.clock.now().getTime() + minutes(15)), 'the others wait for the oldest to leave the window');
      const [right, ...wrongOnes] = running as [NonNullable<typeof running[0]>, ...typeof running];
      // A right password among them clears what was settled before it, never the checks still running.
      await right.release({ clearEarlier: true });
      const again = await one.reserveFailure(key, rule);
      assert.ok(again.ok, 'its place is free again');
      assert.equal((await two.reserveFailure(key, rule)).ok, false, 'and only its place');
      for (const check of wrongOnes) await check.fail();
      assert.equal(await two.lockedUntil(key), undefined, 'four failures and a check still running: no lock yet');
      await again.value.fail();
      assert.deepEqual(await two.lockedUntil(key), new Date(bed.clock.now().getTime() + minutes(15)), 'the fifth failure locks');
      assert.equal((await one.reserveFailure(key, rule)).ok, false);
      assert.deepEqual(await one.recordFailure(key, rule), new Date(bed.clock.now().getTime() + minutes(15)), 'the chat\'s count sees the same lock');
    });

    it('10 parallel checks of the right code: it passes once', async function () {
      const bed = testBed({ users: [anna()] });
      const [one, two] = [bed.useCases.verification, secondInstance(bed)];
      const { challengeId, code } = await issue(bed);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? one : two).check(challengeId, 'conversation-1', code)));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.error === 'unknown'));
    });

    it('12 parallel sends for one subject in one conversation: maxSendsPerHour are sent, and only they are counted', async function () {
      const bed = testBed({ users: [anna()] });
      const [one, two] = [bed.useCases.verification, secondInstance(bed)];
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? one : two).issue(request())));
      assert.equal(results.filter((r) => r.ok).length, 5);
      assert.ok(results.every((r) => r.ok || r.error === 'throttled'));
      assert.equal(bed.ports.notifier.sent.length, 5);
      for (const key of ['conversation:conversation-1', 'user:user-anna']) {
        assert.equal((await bed.ports.verificationStore.read('sends', key))?.sends.length, 5, `${key}: refused requests took their counts back`);
      }
    });

    it('48 parallel sends for one subject over 8 conversations on two instances: maxSendsPerHour are sent, and only they are counted', async function () {
      const bed = testBed({ users: [anna()] });
      const [one, two] = [bed.useCases.verification, secondInstance(bed)];
      const conversation = (i: number): string => `conversation-${i % 8}`;
      const results = await Promise.all(Array.from({ length: 48 }, (_, i) => (i % 2 === 0 ? one : two).issue(request({ conversationId: conversation(i) }))));
      assert.equal(results.filter((r) => r.ok).length, 5);
      assert.equal(bed.ports.notifier.sent.length, 5);
      assert.equal((await bed.ports.verificationStore.read('sends', 'user:user-anna'))?.sends.length, 5);
      for (let c = 0; c < 8; c += 1) {
        const issued = results.filter((r, i) => r.ok && conversation(i) === `conversation-${c}`).length;
        assert.equal((await bed.ports.verificationStore.read('sends', `conversation:conversation-${c}`))?.sends.length ?? 0, issued);
      }
    });

  });

  describe('pruning: what no longer counts goes when its record is next written', function () {
    const read = <K extends 'challenges' | 'sends' | 'failures' | 'stepUps'>(bed: TestBed, kind: K, key: string) => bed.ports.verificationStore.read(kind, key);

    it('sends older than an hour', async function () {
      const bed = testBed({ users: [anna()] });
      for (let i = 0; i < 4; i += 1) await issue(bed);
      bed.clock.advance(minutes(30));
      await issue(bed, { conversationId: 'conversation-2' });
      bed.clock.advance(minutes(30));
      await issue(bed);
      assert.equal((await read(bed, 'sends', 'conversation:conversation-1'))?.sends.length, 1, 'the four sends of an hour ago are gone');
      assert.equal((await read(bed, 'sends', 'user:user-anna'))?.sends.length, 2);
      assert.equal((await read(bed, 'sends', 'conversation:conversation-2'))?.sends.length, 1, 'a record not written keeps what it had');
    });

    it('expired challenges; a conversation with none left has no record', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const stepUp = await issue(bed);
      bed.clock.advance(minutes(6));
      const reset = await issue(bed, { purpose: 'reset' });
      assert.deepEqual(Object.keys((await read(bed, 'challenges', 'conversation-1')) ?? {}), ['reset']);
      assert.deepEqual(await verification.check(stepUp.challengeId, 'conversation-1', stepUp.code), { ok: false, error: 'unknown' });
      bed.clock.advance(minutes(5));
      assert.deepEqual(await verification.check(reset.challengeId, 'conversation-1', reset.code), { ok: false, error: 'expired' });
      assert.equal(await read(bed, 'challenges', 'conversation-1'), undefined);
      assert.equal(bed.ports.records.values(verificationPartitions.challenges).size, 0);
    });

    it('failures out of their window and ended lock-outs, which never count', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const key = 'password:user-anna';
      const rule = { limit: 3, windowMinutes: 15, lockMinutes: 15 };
      await verification.recordFailure(key, rule);
      await verification.recordFailure(key, rule);
      bed.clock.advance(minutes(16));
      assert.equal(await verification.recordFailure(key, rule), undefined, 'the two old failures do not count');
      assert.equal((await read(bed, 'failures', key))?.failures.length, 1);
      await verification.recordFailure(key, rule);
      const until = await verification.recordFailure(key, rule);
      assert.deepEqual(await read(bed, 'failures', key), { failures: [], lockedUntil: until?.toISOString() });
      bed.clock.advance(minutes(15));
      assert.equal(await verification.lockedUntil(key), undefined, 'an ended lock-out locks nothing');
      assert.equal(await verification.recordFailure(key, rule), undefined);
      assert.deepEqual(await read(bed, 'failures', key), { failures: [bed.clock.now().toISOString()] });
      await verification.clearFailures(key);
      assert.equal(bed.ports.records.values(verificationPartitions.failures).size, 0);
    });

    it('step-ups older than the window; a revocation leaves no record', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification, stepUp } = bed.useCases;
      await verification.grantStepUp('user-anna', 'conversation-1', 'anna-mobile');
      bed.clock.advance(minutes(11));
      assert.equal(await stepUp.isFresh('user-anna', 'conversation-1'), false);
      await verification.grantStepUp('user-anna', 'conversation-2', 'anna-mobile');
      assert.deepEqual((await read(bed, 'stepUps', 'user-anna'))?.grants.map((g) => g.conversationId), ['conversation-2']);
      await verification.revokeStepUps('user-anna');
      assert.equal(bed.ports.records.values(verificationPartitions.stepUps).size, 0);
    });

    it('a passed code leaves no challenge and no failure behind', async function () {
      const bed = testBed({ users: [anna()] });
      const { verification } = bed.useCases;
      const { challengeId, code } = await issue(bed);
      await verification.check(challengeId, 'conversation-1', wrong(code));
      assert.equal((await read(bed, 'failures', 'user:user-anna'))?.failures.length, 1);
      assert.ok((await verification.check(challengeId, 'conversation-1', code)).ok);
      assert.equal(bed.ports.records.values(verificationPartitions.challenges).size, 0);
      assert.equal(bed.ports.records.values(verificationPartitions.failures).size, 0);
    });
  });

  describe('reading typed codes', function () {
    const cases: [string, boolean, string][] = [
      ['123456', true, '123456'],
      ['123 456', true, '123456'],
      ['123-456', true, '123456'],
      ['12.34.56', true, '123456'],
      [' 1234 ', true, '1234'],
      ['1234567890', true, '1234567890'],
      ['123', false, '123'],
      ['12345678901', false, '12345678901'],
      ['12345a', false, '12345a'],
      ['my code', false, 'mycode'],
      ['', false, ''],
    ];
    for (const [typed, isCode, normalized] of cases) {
      it(`"${typed}" ${isCode ? 'looks' : 'does not look'} like a code and reads as "${normalized}"`, function () {
        assert.equal(looksLikeCode(typed), isCode);
        assert.equal(normalizeCode(typed), normalized);
      });
    }

    it('finds the code in a short sentence when it has the tenant\'s length, and only then', function () {
      assert.equal(codeIn('le code c’est 913585', 6), '913585');
      assert.equal(codeIn('it says 123 456', 6), '123456');
      assert.equal(codeIn('koden är 913-585 tror jag', 6), '913585');
      assert.equal(codeIn('4821', 6), '4821', 'a message that is all digits is tried as it is');
      assert.equal(codeIn('Tulpen Amsterdam 2026 X', 6), undefined, 'a passphrase with a year is no code');
      assert.equal(codeIn('code 123456 or 654321', 6), undefined, 'two candidates: neither');
      assert.equal(codeIn('my number is +31 6 1234 5678', 6), undefined);
      assert.equal(codeIn('I did not get a code', 6), undefined);
    });

    it('reads full-width digits (as some keyboards type them) as digits', function () {
      assert.equal(codeIn('４９３８１７', 6), '493817');
      assert.equal(codeIn('４９３　８１７', 6), '493817');
      assert.equal(codeIn('le code est ４９３８１７', 6), '493817');
      assert.equal(looksLikeCode('４９３８１７'), true);
      assert.equal(normalizeCode('４９３－８１７'), '493817');
    });
  });
});
