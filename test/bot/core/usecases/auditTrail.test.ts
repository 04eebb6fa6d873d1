// AuditTrail: what the user is shown of their own log.
import assert from 'node:assert/strict';
import { anna } from '../../../fakes/memoryDirectory.js';
import { testBed } from '../../../fakes/testBed.js';

describe('AuditTrail', function () {
  it('shows the user every change and every telling refusal, not the new passwords the policy refused (the log keeps them)', async function () {
    const bed = testBed({ users: [anna()] });
    const actor = { userId: 'user-anna', channel: 'msteams', conversationId: 'conversation-1', correlationId: 'c', locale: 'en' } as const;
    const trail = bed.useCases.auditTrail;
    await trail.record(actor, 'password.change', 'refused', { reason: 'wrongPassword' });
    for (let i = 0; i < 12; i++) await trail.record(actor, 'password.change', 'refused', { reason: 'policy.minLength' });
    await trail.record(actor, 'password.change', 'success');
    const shown = await trail.shownToUser('user-anna', 10);
    assert.deepEqual(shown.map((e) => [e.result, e.reason]), [['success', undefined], ['refused', 'wrongPassword']]);
    assert.equal((await trail.recent('user-anna', 20)).length, 14, 'every entry is still in the log');
  });
});
