import assert from 'node:assert/strict';
import crypto, { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { EmbeddedDirectory } from '../../../../bot/adapters/embedded/embeddedDirectory.js';
import { hashPassword } from '../../../../bot/adapters/embedded/passwordHash.js';
import { seedAgreements, SeedError } from '../../../../bot/adapters/embedded/tenantSeed.js';
import { silentLogger } from '../../../../bot/logger.js';
import { paths } from '../../../../bot/paths.js';
import { captureLogs, demoSeed, tempDir, type TempDir } from '../../../helpers.js';
import { storedDirectory } from './directoryRecords.js';
import { generatedSeed } from './generatedSeed.js';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

describe('embedded directory', function () {
  let data: TempDir;
  let dir: string;
  let directory: EmbeddedDirectory;
  // Each open is another process's: its own record store over DATA_DIR/records.
  const open = () => EmbeddedDirectory.open({ dataDir: dir, seedFile: paths.demoTenant, logger: silentLogger, store: data.records() });

  beforeEach(async function () {
    data = await tempDir();
    dir = data.dir;
    directory = await open();
  });
  afterEach(() => data.remove());

  it('copies the seed into DATA_DIR with passwords hashed, never plain', async function () {
    const seed = await demoSeed();
    const stored = await storedDirectory(dir);
    for (const user of seed.users) if (typeof user.password === 'string') assert.ok(!stored.includes(user.password), `no plain password of ${String(user.userPrincipalName)}`);
    assert.match(stored, /"passwordHash": ?"scrypt\$/);
  });

  it('checks passwords against the hash', async function () {
    const seed = await demoSeed();
    const user = seed.users.find((u) => typeof u.password === 'string') as { id: string; password: string };
    assert.equal(await directory.verifyPassword(user.id, user.password), true);
    assert.equal(await directory.verifyPassword(user.id, user.password + 'x'), false);
    assert.equal(await directory.verifyPassword('nobody', user.password), false);
  });

  it('gives the profile with the manager resolved', async function () {
    const seed = await demoSeed();
    const withManager = seed.users.find((u) => typeof u.manager === 'string') as { id: string; manager: string };
    const manager = seed.users.find((u) => u.id === withManager.manager) as { displayName: string };
    const profile = await directory.getProfile(withManager.id);
    assert.equal(profile?.manager?.displayName, manager.displayName);
    assert.equal(await directory.getProfile('no-such-user'), undefined);
  });

  it('gives the same frozen user while the record is unchanged, and the changed one after a change; the tenant\'s settings likewise', async function () {
    const seed = await demoSeed();
    const id = String(seed.users[0]?.id);
    const user = await directory.findUserById(id);
    assert.ok(user && Object.isFrozen(user) && Object.isFrozen(user.otherMails));
    assert.equal(await directory.findUserById(id), user);
    const at = new Date('2026-12-03T10:00:00Z');
    assert.ok((await directory.setPassword(id, 'Quiet-Orchard-Lamp-58', { unlock: true, at })).ok);
    const changed = await directory.findUserById(id);
    assert.notEqual(changed, user);
    assert.equal(changed?.lastPasswordChangeDateTime, at.toISOString());
    assert.equal(user.lastPasswordChangeDateTime, str(seed.users[0]?.lastPasswordChangeDateTime), 'the user given before is as it was');
    const tenant = await directory.tenant();
    assert.ok(Object.isFrozen(tenant) && Object.isFrozen(tenant.policy));
    assert.equal(await directory.tenant(), tenant);
    assert.equal(tenant.displayName, seed.tenant.displayName);
  });

  it('finds users by principal name, whatever the case', async function () {
    const seed = await demoSeed();
    const upn = String(seed.users[0]?.userPrincipalName);
    assert.equal((await directory.findUserByPrincipalName(upn.toUpperCase()))?.userPrincipalName, upn);
    assert.equal(await directory.findUserByPrincipalName('nobody@contoso.example'), undefined);
  });

  it("changes only the user's own objects: another user's device id is notFound", async function () {
    const seed = await demoSeed();
    const [a, b] = seed.users.filter((u) => Array.isArray(u.devices) && u.devices.length > 0) as { id: string; devices: { id: string }[] }[];
    assert.ok(a && b);
    const result = await directory.disableDevice(a.id, (b.devices[0] as { id: string }).id);
    assert.deepEqual(result, { ok: false, error: 'notFound' });
    assert.equal((await directory.listDevices(b.id)).find((d) => d.id === b.devices[0]?.id)?.accountEnabled, true);
  });

  it('never leaves the home organization', async function () {
    const seed = await demoSeed();
    const user = seed.users[0] as { id: string };
    const home = (await directory.listOrganizations(user.id)).find((o) => o.isHome);
    assert.ok(home);
    assert.deepEqual(await directory.leaveOrganization(user.id, home.tenantId), { ok: false, error: 'homeOrganization' });
  });


  it('gives the tenant as the home organization of a user whose seed lists none, and never leaves it', async function () {
    const seedFile = path.join(dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify({
      tenant: { id: 'tenant-minimal', displayName: 'Minimal Ltd', verifiedDomains: ['minimal.example'] },
      users: [
        { id: 'user-zoe', userPrincipalName: 'zoe@minimal.example', displayName: 'Zoë' },
        { id: 'user-jean', userPrincipalName: 'jean@minimal.example', displayName: 'Jean', organizations: [{ tenantId: 'tenant-guest', displayName: 'Guest Co' }] },
      ],
    }));
    const minimal = await EmbeddedDirectory.open({ dataDir: path.join(dir, 'minimal'), seedFile, logger: silentLogger, store: data.records(path.join(dir, 'minimal', 'records')) });
    const home = { tenantId: 'tenant-minimal', displayName: 'Minimal Ltd', defaultDomain: 'minimal.example', isHome: true, allowsSelfLeave: false };
    assert.deepEqual(await minimal.listOrganizations('user-zoe'), [home]);
    assert.deepEqual((await minimal.listOrganizations('user-jean')).map((o) => [o.tenantId, o.isHome]), [['tenant-minimal', true], ['tenant-guest', false]]);
    assert.deepEqual(await minimal.leaveOrganization('user-zoe', 'tenant-minimal'), { ok: false, error: 'homeOrganization' });
    assert.deepEqual(await minimal.leaveOrganization('user-zoe', 'tenant-guest'), { ok: false, error: 'notFound' });
    assert.deepEqual(await minimal.listOrganizations('no-such-user'), []);
  });
  it('keeps changes across a restart, and re-imports when the seed file changes', async function () {
    const seed = await demoSeed();
    const user = seed.users[0] as { id: string };
    await directory.revokeSignInSessions(user.id, new Date('2026-11-21T10:00:00Z'));
    const reopened = await open();
    assert.equal((await reopened.findUserById(user.id))?.signInSessionsValidFromDateTime, '2026-11-21T10:00:00.000Z');

    const seedFile = path.join(dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify({ ...seed, tenant: { ...seed.tenant, displayName: 'Contoso Renamed' } }));
    const other = await EmbeddedDirectory.open({ dataDir: dir, seedFile, logger: silentLogger, store: data.records() });
    assert.equal((await other.tenant()).displayName, 'Contoso Renamed');
    assert.ok((await readdir(dir)).some((f) => f.endsWith('.bak')), 'the previous data is kept as a backup');
  });

  /** The demo seed written to `name` and imported into DATA_DIR `d`, then a sign-out everywhere made in it; `reopen` opens `d` again as another start would. */
  async function importedWithASignOut(name: string) {
    const seed = await demoSeed();
    const user = seed.users[0] as { id: string };
    const seedFile = path.join(dir, name);
    await writeFile(seedFile, JSON.stringify(seed));
    const reopen = (logger = silentLogger, dataDir = path.join(dir, 'd')) => EmbeddedDirectory.open({ dataDir, seedFile, logger, store: data.records(path.join(dataDir, 'records')) });
    await (await reopen()).revokeSignInSessions(user.id, new Date('2026-11-21T10:00:00Z'));
    const signedOutAt = async (directory: EmbeddedDirectory) => (await directory.findUserById(user.id))?.signInSessionsValidFromDateTime;
    return { seed, seedFile, reopen, signedOutAt };
  }

  it('a seed saved again with the same content (re-indented, with a byte-order mark) is no change: nothing is imported again, changes stay', async function () {
    const { seed, seedFile, reopen, signedOutAt } = await importedWithASignOut('seed.json');
    for (const text of [JSON.stringify(seed, null, 2), `\uFEFF${JSON.stringify(seed, null, 4)}\n`]) {
      await writeFile(seedFile, text);
      const { logger, lines } = captureLogs();
      assert.equal(await signedOutAt(await reopen(logger)), '2026-11-21T10:00:00.000Z', 'the sign-out everywhere is kept');
      assert.deepEqual(lines.filter((l) => l.includes('"warn"')), []);
    }
    assert.ok(!(await readdir(path.join(dir, 'd'))).some((f) => f.endsWith('.bak')), 'no re-import, so no backup');
  });

  it('a seed file gone after its import: the directory in DATA_DIR goes on, with a warning; gone before any import: the start stops, naming the file', async function () {
    const { seedFile, reopen, signedOutAt } = await importedWithASignOut('gone.json');
    await rm(seedFile);
    const { logger, lines } = captureLogs();
    assert.equal(await signedOutAt(await reopen(logger)), '2026-11-21T10:00:00.000Z');
    assert.deepEqual(lines.filter((l) => l.includes('"warn"')).map((l) => (JSON.parse(l) as { msg: string }).msg), ['tenant seed file cannot be read; going on with the directory already in DATA_DIR']);
    await assert.rejects(
      reopen(silentLogger, path.join(dir, 'never')),
      (error: unknown) => error instanceof SeedError && error.message.includes('gone.json') && error.message.includes('cannot be read'),
    );
  });

  it('lists sign-ins newest first', async function () {
    const seed = await demoSeed();
    const user = seed.users.find((u) => Array.isArray(u.signIns) && u.signIns.length > 2) as { id: string };
    const signIns = await directory.listSignIns(user.id, 50);
    const times = signIns.map((s) => s.createdDateTime);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  describe('shared by two processes (two instances over one DATA_DIR)', function () {
    let other: EmbeddedDirectory;
    beforeEach(async function () {
      other = await open();
    });

    it('a sign-out everywhere, a password change and a method removal made through one are seen by the other', async function () {
      const seed = await demoSeed();
      const user = seed.users.find((u) => typeof u.password === 'string' && Array.isArray(u.authenticationMethods) && u.authenticationMethods.length > 1) as { id: string; password: string; authenticationMethods: { id: string }[] };
      await directory.findUserById(user.id);
      await other.findUserById(user.id);

      await directory.revokeSignInSessions(user.id, new Date('2026-11-22T10:00:00Z'));
      assert.equal((await other.findUserById(user.id))?.signInSessionsValidFromDateTime, '2026-11-22T10:00:00.000Z');

      await other.setPassword(user.id, 'Brand-New-Password-42', { unlock: true, at: new Date('2026-11-22T10:05:00Z') });
      assert.equal(await directory.verifyPassword(user.id, 'Brand-New-Password-42'), true);
      assert.equal(await directory.verifyPassword(user.id, user.password), false);
      assert.equal(await directory.isRecentPassword(user.id, user.password, 3), true);

      const removed = user.authenticationMethods[0]?.id as string;
      assert.deepEqual(await directory.removeAuthenticationMethod(user.id, removed), { ok: true, value: undefined });
      assert.ok(!(await other.listAuthenticationMethods(user.id)).some((m) => m.id === removed));
      assert.deepEqual(await other.removeAuthenticationMethod(user.id, removed), { ok: false, error: 'notFound' });
    });

    it('concurrent changes to one user from both all survive', async function () {
      const user = (await demoSeed()).users[0] as { id: string; devices: { id: string }[] };
      const before = (await directory.listAuthenticationMethods(user.id)).length;
      const changes = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? directory : other).addAuthenticationMethod(user.id, { kind: 'email', emailAddress: `extra${i}@example.net` }));
      const revoke = other.revokeSignInSessions(user.id, new Date('2026-11-23T00:00:00Z'));
      const results = await Promise.all([...changes, revoke]);
      assert.ok(results.every((r) => r.ok));
      for (const reader of [directory, other]) {
        const emails = (await reader.listAuthenticationMethods(user.id)).map((m) => m.emailAddress);
        assert.equal(emails.length, before + 30);
        for (let i = 0; i < 30; i += 1) assert.ok(emails.includes(`extra${i}@example.net`), `extra${i} survived`);
        assert.equal((await reader.findUserById(user.id))?.signInSessionsValidFromDateTime, '2026-11-23T00:00:00.000Z');
      }
    });
  });

  it('lists the demo accounts in the seed order, from the records', async function () {
    const seed = await demoSeed();
    const expected = seed.users.filter((u) => typeof u.password === 'string' && u.accountEnabled !== false).map((u) => u.userPrincipalName);
    assert.deepEqual((await directory.demoAccounts()).map((a) => a.userPrincipalName), expected);
  });

  it('takes over the directory.json of earlier versions once, changes and password hashes included', async function () {
    const dataDir = path.join(dir, 'earlier');
    await mkdir(dataDir);
    const seed = await demoSeed();
    const text = await readFile(paths.demoTenant, 'utf8');
    const [first, ...rest] = seed.users;
    const { password, ...user } = first as { password: string; id: string };
    const { termsOfUse: _terms, ...tenant } = seed.tenant;
    await writeFile(path.join(dataDir, 'directory.json'), JSON.stringify({
      meta: { format: 1, seedFile: paths.demoTenant, seedSha256: createHash('sha256').update(text).digest('hex'), importedAt: '2026-01-01T00:00:00.000Z' },
      tenant,
      termsOfUse: seedAgreements(seed),
      users: [
        { ...user, passwordHash: await hashPassword(password), passwordHistory: [], signInSessionsValidFromDateTime: '2026-11-20T12:00:00.000Z' },
        ...rest.map(({ password: _p, ...u }) => ({ ...u, passwordHistory: [] })),
      ],
    }, null, 2));
    const { logger, lines } = captureLogs();
    const taken = await EmbeddedDirectory.open({ dataDir, seedFile: paths.demoTenant, logger, store: data.records(path.join(dataDir, 'records')) });
    assert.equal((await taken.findUserById(user.id))?.signInSessionsValidFromDateTime, '2026-11-20T12:00:00.000Z', 'the change made in directory.json is kept');
    assert.equal(await taken.verifyPassword(user.id, password), true);
    assert.ok(lines.some((l) => l.includes('taken over from directory.json')));
    const files = await readdir(dataDir);
    assert.ok(files.includes('directory.json.imported') && !files.includes('directory.json'));
    assert.ok(!files.some((f) => f.endsWith('.bak')), 'the same seed: nothing imported again');
    const again = await EmbeddedDirectory.open({ dataDir, seedFile: paths.demoTenant, logger, store: data.records(path.join(dataDir, 'records')) });
    assert.equal((await again.findUserById(user.id))?.signInSessionsValidFromDateTime, '2026-11-20T12:00:00.000Z');
  });

  it('imports a 300-user seed with passwords hashed side by side, logging its progress', async function () {
    this.timeout(120_000);
    const seedFile = path.join(dir, 'big.json');
    await writeFile(seedFile, JSON.stringify(await generatedSeed(300)));
    const dataDir = path.join(dir, 'big');
    const { logger, lines } = captureLogs();
    let inFlight = 0;
    let mostInFlight = 0;
    const original = crypto.scrypt;
    (crypto as any).scrypt = (...args: any[]) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const callback = args.pop() as (...r: unknown[]) => void;
      return (original as (...a: any[]) => void)(...args, (...r: unknown[]) => {
        inFlight -= 1;
        callback(...r);
      });
    };
    syncBuiltinESMExports();
    const started = Date.now();
    let big: EmbeddedDirectory;
    try {
      big = await EmbeddedDirectory.open({ dataDir, seedFile, logger, store: data.records(path.join(dataDir, 'records')) });
    } finally {
      (crypto as any).scrypt = original;
      syncBuiltinESMExports();
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`      300-user seed imported in ${seconds.toFixed(1)} s, up to ${mostInFlight} hashes at once`);
    assert.ok(mostInFlight > 1, 'passwords are hashed side by side');
    const entries = lines.map((l) => JSON.parse(l) as { msg: string; users?: number; of?: number; seconds?: number });
    assert.ok(entries.some((e) => e.msg === 'tenant seed import in progress' && e.of === 300 && (e.users ?? 0) > 0), 'progress is logged');
    const done = entries.find((e) => e.msg === 'tenant seed imported');
    assert.equal(done?.users, 300);
    assert.equal(typeof done?.seconds, 'number');
    assert.equal((await big.findUserByPrincipalName('USER299@contoso.example'))?.id, '00000001-0000-4000-8000-' + (299).toString(16).padStart(12, '0'));
    assert.equal(await big.verifyPassword('00000001-0000-4000-8000-' + (299).toString(16).padStart(12, '0'), 'Generated-Password-299'), true);
    assert.equal((await big.demoAccounts()).length, 300);
  });
});
