import assert from 'node:assert/strict';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedDirectory } from '../../../../bot/adapters/embedded/embeddedDirectory.js';
import { fieldPath, maxSeedBytes, maxSeedDepth, readSeedFile, SeedError, seedWarnings, validateSeed } from '../../../../bot/adapters/embedded/tenantSeed.js';
import { silentLogger } from '../../../../bot/logger.js';
import { paths } from '../../../../bot/paths.js';
import { captureLogs, demoSeed, tempDir } from '../../../helpers.js';
import { storedDirectory } from './directoryRecords.js';

async function problemsOf(mutate: (seed: Record<string, any>) => void): Promise<string[]> {
  const seed = structuredClone(await demoSeed()) as Record<string, any>;
  mutate(seed);
  try {
    await validateSeed(seed, 'seed.json');
  } catch (error) {
    if (error instanceof SeedError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('tenant seed', function () {
  it('the shipped demo tenant is valid and rich enough for every goal', async function () {
    const { seed } = await readSeedFile(paths.demoTenant);
    assert.ok(seed.users.length >= 6);
    const languages = new Set(seed.users.map((u) => String(u.preferredLanguage).slice(0, 2)));
    for (const l of ['en', 'fr', 'nl', 'sv']) assert.ok(languages.has(l), `a user prefers ${l}`);
    assert.ok(seed.users.some((u) => (u.signIns as { location?: { countryOrRegion?: string } }[]).some((s) => s.location?.countryOrRegion && !['NL', 'FR', 'SE', 'GB', 'BE', 'US'].includes(s.location.countryOrRegion))), 'a suspicious sign-in');
    assert.ok(seed.users.some((u) => (u.organizations as { isHome?: boolean }[]).some((o) => o.isHome === false)), 'guest organizations');
    assert.ok(((seed.tenant.helpdesk as { agents: string[] }).agents).length >= 1, 'a helpdesk agent');
    assert.ok((seed.tenant.termsOfUse as unknown[]).length >= 1, 'terms of use');
  });

  it('names the path of a field with a wrong type', async function () {
    const problems = await problemsOf((s) => { s.users[2].devices[0].id = 42; });
    assert.ok(problems.some((p) => p.startsWith('users[2].devices[0].id:')), problems.join('\n'));
  });

  it('names a missing required field', async function () {
    const problems = await problemsOf((s) => { delete s.users[1].userPrincipalName; });
    assert.ok(problems.includes('users[1].userPrincipalName: is required'), problems.join('\n'));
  });

  it('refuses a name of blanks only and a password hash it cannot check, naming where', async function () {
    const problems = await problemsOf((s) => {
      s.users[0].displayName = '   ';
      s.tenant.helpdesk.displayName = ' ';
      s.users[1].passwordHash = 'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0c2FsdA==$' + 'A'.repeat(43) + '=';
      s.users[2].passwordHash = 'garbage';
    });
    for (const path of ['users[0].displayName', 'tenant.helpdesk.displayName', 'users[1].passwordHash', 'users[2].passwordHash']) {
      assert.ok(problems.some((p) => p.startsWith(`${path}:`)), `${path} in ${problems.join('\n')}`);
    }
    assert.deepEqual(await problemsOf((s) => { s.users[0].passwordHash = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$' + 'A'.repeat(43) + '='; }), [], 'a hash as the assistant writes it');
  });

  it('reads a seed saved with a byte-order mark (as Notepad saves it)', async function () {
    const { dir, remove } = await tempDir();
    try {
      const seedFile = path.join(dir, 'bom.json');
      await writeFile(seedFile, `\uFEFF${await readFile(paths.demoTenant, 'utf8')}`);
      assert.ok((await readSeedFile(seedFile)).seed.users.length > 0);
    } finally {
      await remove();
    }
  });

  it('refuses a dangling manager, agreement or helpdesk agent', async function () {
    const problems = await problemsOf((s) => {
      s.users[0].manager = 'no-such-user';
      s.users[1].agreementAcceptances = [{ agreementId: 'no-such-agreement', agreementVersion: '1', state: 'accepted' }];
      s.tenant.helpdesk.agents = ['ghost'];
    });
    assert.ok(problems.some((p) => p.startsWith('users[0].manager:') && p.includes('no-such-user')));
    assert.ok(problems.some((p) => p.startsWith('users[1].agreementAcceptances[0].agreementId:')));
    assert.ok(problems.some((p) => p.startsWith('tenant.helpdesk.agents[0]:')));
  });

  it('refuses duplicate user ids and user names', async function () {
    const problems = await problemsOf((s) => {
      s.users[1].id = s.users[0].id;
      s.users[3].userPrincipalName = String(s.users[2].userPrincipalName).toUpperCase();
    });
    assert.ok(problems.some((p) => p.startsWith('users[1].id: duplicate')));
    assert.ok(problems.some((p) => p.startsWith('users[3].userPrincipalName: duplicate')));
  });

  it('refuses a duplicate agreement id, naming where it is, under the tenant or at the top', async function () {
    const underTenant = await problemsOf((s) => { s.tenant.termsOfUse[1].id = s.tenant.termsOfUse[0].id; });
    assert.ok(underTenant.some((p) => p.startsWith('tenant.termsOfUse[1].id: duplicate agreement id') && p.endsWith('(also at tenant.termsOfUse[0].id)')), underTenant.join('\n'));
    const atTop = await problemsOf((s) => { s.termsOfUse = [{ ...s.tenant.termsOfUse[0] }]; });
    assert.ok(atTop.some((p) => p.startsWith('termsOfUse[0].id: duplicate agreement id') && p.endsWith('(also at tenant.termsOfUse[0].id)')), atTop.join('\n'));
  });

  it('refuses a bad enum value, naming the allowed ones', async function () {
    const problems = await problemsOf((s) => { s.users[0].signInPreferences = { userPreferredMethodForSecondaryAuthentication: 'pigeon' }; });
    assert.ok(problems.some((p) => p.startsWith('users[0].signInPreferences.userPreferredMethodForSecondaryAuthentication: must be one of')));
  });

  it('refuses a time zone that does not exist, naming where', async function () {
    const problems = await problemsOf((s) => {
      s.tenant.timeZone = 'Europe/Atlantis';
      s.tenant.officeTimeZones = { Lyon: 'Europe/Paris', Paris: 'CET+1' };
    });
    assert.ok(problems.some((p) => p.startsWith('tenant.timeZone: "Europe/Atlantis" is not an IANA time zone')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('tenant.officeTimeZones.Paris: "CET+1" is not an IANA time zone')), problems.join('\n'));
    assert.ok(!problems.some((p) => p.includes('Lyon')));
  });

  it('a phone number not in international form or an address that is no e-mail address is imported, and the start names it', async function () {
    assert.deepEqual(seedWarnings(await demoSeed()), [], 'the demo tenant has none');
    const { dir, remove, records } = await tempDir();
    try {
      const seedFile = path.join(dir, 'seed.json');
      await writeFile(seedFile, JSON.stringify({
        tenant: { id: 't1', displayName: 'Tiny' },
        users: [{
          id: 'u1', userPrincipalName: 'x@tiny.example', displayName: 'X Y', mobilePhone: '06 1234 5678', otherMails: ['x.private@example.net', 'not an address'],
          authenticationMethods: [
            { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: 'm1', phoneNumber: 'call me', phoneType: 'mobile' },
            { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: 'm2', phoneNumber: '+1 (425) 555-0100 x12', phoneType: 'office' },
          ],
        }],
      }));
      const { logger, lines } = captureLogs();
      const directory = await EmbeddedDirectory.open({ dataDir: dir, seedFile, logger, store: records() });
      assert.equal((await directory.findUserById('u1'))?.mobilePhone, '06 1234 5678', 'imported as it is');
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; first?: string[] }).find((l) => l.msg.startsWith('tenant seed: some values look wrong'));
      assert.deepEqual(logged?.first?.map((w) => w.split(':')[0]), ['users[0].mobilePhone', 'users[0].otherMails[1]', 'users[0].authenticationMethods[0].phoneNumber']);
    } finally {
      await remove();
    }
  });

  it('keeps unknown fields and defaults missing optional ones', async function () {
    const { dir, remove, records } = await tempDir();
    try {
      const seedFile = path.join(dir, 'seed.json');
      await writeFile(seedFile, JSON.stringify({
        tenant: { id: 't1', displayName: 'Tiny', futureField: { a: 1 } },
        users: [{ id: 'u1', userPrincipalName: 'x@tiny.example', displayName: 'X Y', extension_abc: 'kept' }],
      }));
      const directory = await EmbeddedDirectory.open({ dataDir: dir, seedFile, logger: silentLogger, store: records() });
      const user = await directory.findUserById('u1');
      assert.equal(user?.accountEnabled, true);
      assert.deepEqual(user?.otherMails, []);
      assert.equal((await directory.tenant()).policy.password.minLength, 12);
      const stored = await storedDirectory(dir);
      assert.match(stored, /extension_abc/);
      assert.match(stored, /futureField/);
    } finally {
      await remove();
    }
  });

  it('a seed that is not JSON stops the start with a clear message', async function () {
    const { dir, remove, records } = await tempDir();
    try {
      const seedFile = path.join(dir, 'broken.json');
      await writeFile(seedFile, '{ "tenant": ');
      await assert.rejects(EmbeddedDirectory.open({ dataDir: dir, seedFile, logger: silentLogger, store: records() }), (e: unknown) => e instanceof SeedError && /not valid JSON/.test(e.message));
    } finally {
      await remove();
    }
  });

  it('refuses a seed nested too deep, naming where, and a seed too large, before reading it', async function () {
    const { dir, remove } = await tempDir();
    try {
      const seed = structuredClone(await demoSeed()) as Record<string, any>;
      const levels = 200_000; // deep enough to overflow a recursive check
      seed.users[1].extensionData = 'DEEP';
      const deepFile = path.join(dir, 'deep.json');
      await writeFile(deepFile, JSON.stringify(seed).replace('"DEEP"', `${'['.repeat(levels)}${']'.repeat(levels)}`));
      await assert.rejects(readSeedFile(deepFile), (e: unknown) => e instanceof SeedError && !e.unreadable && e.problems[0] === `users[1]: is nested more than ${maxSeedDepth} levels deep`);
      // Unknown fields nested as deep as real data goes still load.
      seed.users[1].extensionData = { a: { b: { c: [[{ d: 1 }]] } } };
      await writeFile(deepFile, JSON.stringify(seed));
      assert.equal((await readSeedFile(deepFile)).seed.users.length, seed.users.length);

      const hugeFile = path.join(dir, 'huge.json');
      await writeFile(hugeFile, '');
      await truncate(hugeFile, maxSeedBytes + 1); // sparse: no disk is written
      await assert.rejects(readSeedFile(hugeFile), (e: unknown) => e instanceof SeedError && !e.unreadable && /is 257 MB; a seed may be at most 256 MB/.test(e.message));
    } finally {
      await remove();
    }
  });

  it('turns JSON pointers into readable paths', function () {
    assert.equal(fieldPath('/users/2/devices/0/id'), 'users[2].devices[0].id');
    assert.equal(fieldPath('/users/0/authenticationMethods/1/@odata.type'), 'users[0].authenticationMethods[1].@odata.type');
  });
});
