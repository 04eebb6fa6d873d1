import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedDirectory } from '../../../../bot/adapters/embedded/embeddedDirectory.js';
import { silentLogger } from '../../../../bot/logger.js';
import { paths } from '../../../../bot/paths.js';
import { demoSeed, tempDir } from '../../../helpers.js';

describe('embedded directory', function () {
  let dir: string;
  let remove: () => Promise<void>;
  let directory: EmbeddedDirectory;
  const open = () => EmbeddedDirectory.open({ dataDir: dir, seedFile: paths.demoTenant, logger: silentLogger });

  beforeEach(async function () {
    ({ dir, remove } = await tempDir());
    directory = await open();
  });
  afterEach(() => remove());

  it('copies the seed into DATA_DIR with passwords hashed, never plain', async function () {
    const seed = await demoSeed();
    const stored = await readFile(path.join(dir, 'directory.json'), 'utf8');
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

  it('keeps changes across a restart, and re-imports when the seed file changes', async function () {
    const seed = await demoSeed();
    const user = seed.users[0] as { id: string };
    await directory.revokeSignInSessions(user.id, new Date('2026-11-21T10:00:00Z'));
    const reopened = await open();
    assert.equal((await reopened.findUserById(user.id))?.signInSessionsValidFromDateTime, '2026-11-21T10:00:00.000Z');

    const seedFile = path.join(dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify({ ...seed, tenant: { ...seed.tenant, displayName: 'Contoso Renamed' } }));
    const other = await EmbeddedDirectory.open({ dataDir: dir, seedFile, logger: silentLogger });
    assert.equal((await other.tenant()).displayName, 'Contoso Renamed');
    assert.ok((await readdir(dir)).some((f) => f.endsWith('.bak')), 'the previous data is kept as a backup');
  });

  it('lists sign-ins newest first', async function () {
    const seed = await demoSeed();
    const user = seed.users.find((u) => Array.isArray(u.signIns) && u.signIns.length > 2) as { id: string };
    const signIns = await directory.listSignIns(user.id, 50);
    const times = signIns.map((s) => s.createdDateTime);
    assert.deepEqual(times, [...times].sort().reverse());
  });
});
