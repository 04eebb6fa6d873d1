// Verification state as records: over the embedded file records, an emptied record leaves no file,
// and the single verification.json of earlier versions is taken over once, every rule still holding
// for what it held.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RecordVerificationStore } from '../../../../bot/adapters/records/recordVerificationStore.js';
import { Verification } from '../../../../bot/core/usecases/verification.js';
import { anna, bert } from '../../../fakes/memoryDirectory.js';
import { minutes, testStart } from '../../../fakes/memoryPorts.js';
import { testBed, type TestBed } from '../../../fakes/testBed.js';
import { filesIn, tempDir } from '../../../helpers.js';

const at = (offset: number): string => new Date(testStart.getTime() + offset).toISOString();
const salt = 'ab'.repeat(16);
const code = '123456';

/** A verification.json as earlier versions wrote it: a pending code, sends, failures, a lock-out, a step-up. */
const legacy = {
  challenges: [{
    id: 'challenge-1', subject: 'user:user-anna', conversationId: 'conversation-1', userId: 'user-anna', methodId: 'anna-mobile', channel: 'sms',
    purpose: 'stepUp', salt, codeHash: createHash('sha256').update(`${salt}:${code}`).digest('hex'), expiresAt: at(minutes(4)), attemptsLeft: 2,
  }],
  sends: ['user:user-anna|conversation:conversation-2', 'conversation:conversation-2', 'user:user-anna']
    .flatMap((key) => Array.from({ length: 5 }, (_, i) => ({ key, at: at(-minutes(10 + i)) }))),
  failures: [{ key: 'password:user-anna', at: at(-minutes(2)) }, { key: 'password:user-anna', at: at(-minutes(1)) }],
  lockouts: [{ key: 'user:user-bert', until: at(minutes(5)) }, { key: 'user:user-bert', until: at(minutes(10)) }, { key: 'user:user-bert', until: at(-minutes(1)) }],
  stepUps: [{ userId: 'user-anna', conversationId: 'conversation-1', at: at(-minutes(1)), methodId: 'anna-mobile' }],
};

describe('RecordVerificationStore', function () {
  let data: Awaited<ReturnType<typeof tempDir>>;
  let bed: TestBed;
  beforeEach(async function () {
    data = await tempDir();
    bed = testBed({ users: [anna(), bert()] });
  });
  afterEach(async function () {
    await data.remove();
  });

  const verificationOver = (store: RecordVerificationStore): Verification =>
    new Verification({ store, notifier: bed.ports.notifier, clock: bed.clock, policy: async () => (await bed.ports.directory.tenant()).policy });

  it('over file records: a record left with nothing to keep leaves no file', async function () {
    const records = data.records();
    const store = new RecordVerificationStore(records);
    const verification = verificationOver(store);
    await verification.grantStepUp('user-anna', 'conversation-1');
    // Closed, the store has written what its journal held to the record files.
    await records.close();
    assert.equal((await filesIn(data.dir)).filter((f) => f.includes('verificationStepUps')).length, 1);
    await verification.revokeStepUps('user-anna');
    await records.close();
    assert.deepEqual((await filesIn(data.dir)).filter((f) => f.includes('verificationStepUps')), []);
    assert.equal(await store.read('stepUps', 'user-anna'), undefined);
  });

  it('takes over the verification.json of earlier versions once, then renames it', async function () {
    const file = path.join(data.dir, 'verification.json');
    await writeFile(file, JSON.stringify(legacy));
    const store = new RecordVerificationStore(data.records());
    assert.equal(await store.importLegacyFile(file), 1 + 3 + 2 + 1, 'a record a conversation, budget, failure key and user');
    assert.equal(existsSync(file), false);
    assert.equal(existsSync(`${file}.imported`), true);
    assert.equal(await store.importLegacyFile(file), 0, 'nothing to take over the second time');

    const verification = verificationOver(store);
    // The lock-out lasts until the latest end; the pending code has its attempts left and passes.
    assert.deepEqual(await verification.lockedUntil('user:user-bert'), new Date(at(minutes(10))));
    const user = await bed.ports.directory.findUserById('user-anna');
    assert.ok(user);
    assert.equal((await verification.freshStepUp(user, 'conversation-1'))?.methodId, 'anna-mobile');
    assert.deepEqual(await verification.check('challenge-1', 'conversation-1', '000000'), { ok: false, error: 'wrong', attemptsLeft: 1 });
    assert.deepEqual(await verification.check('challenge-1', 'conversation-1', code), { ok: true, value: { userId: 'user-anna', methodId: 'anna-mobile', purpose: 'stepUp' } });
    // The sends count against their budgets; the failures against their rule.
    const refused = await verification.issue({ subject: 'user:user-anna', conversationId: 'conversation-2', purpose: 'stepUp', message: (c) => c });
    assert.deepEqual(refused, { ok: false, error: 'throttled', until: new Date(Date.parse(at(-minutes(14))) + minutes(60)) });
    const rule = { limit: 3, windowMinutes: 15, lockMinutes: 15 };
    assert.deepEqual(await verification.recordFailure('password:user-anna', rule), new Date(testStart.getTime() + minutes(15)));
  });

  it('an import cut short and run again keeps what was written since', async function () {
    const file = path.join(data.dir, 'verification.json');
    await writeFile(file, JSON.stringify(legacy));
    const store = new RecordVerificationStore(data.records());
    await verificationOver(store).revokeStepUps('user-anna');
    await verificationOver(store).grantStepUp('user-anna', 'conversation-9');
    await store.importLegacyFile(file);
    assert.deepEqual((await store.read('stepUps', 'user-anna'))?.grants.map((g) => g.conversationId), ['conversation-9']);
  });
});
