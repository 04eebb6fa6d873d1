import assert from 'node:assert/strict';
import { hashPassword, verifyPassword } from '../../../../bot/adapters/embedded/passwordHash.js';
import { scryptRuns } from '../../../helpers.js';

describe('password hashes', function () {

  it('matches the password it was made from, and nothing else', async function () {
    const stored = await hashPassword('Correct-horse-42');
    assert.equal(await verifyPassword('Correct-horse-42', stored), true);
    assert.equal(await verifyPassword('Correct-horse-43', stored), false);
  });

  it('a missing or malformed hash never matches, and costs the same scrypt run as a real one', async function () {
    const stored = await hashPassword('Correct-horse-42');
    const real = await scryptRuns(() => verifyPassword('guess', stored));
    assert.deepEqual(real, [16384]);
    for (const broken of [undefined, '', 'plain text', 'scrypt$16384$8$1$c2FsdA==$c2hvcnQ=']) {
      let matched = true;
      assert.deepEqual(await scryptRuns(async () => (matched = await verifyPassword('guess', broken))), real, String(broken));
      assert.equal(matched, false);
    }
  });
});
