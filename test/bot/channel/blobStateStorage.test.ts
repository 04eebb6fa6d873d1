// Conversation and user state in Azure Blob Storage (BlobsStorage against Azurite), through the
// eTag-checked wrapper as the bot uses it: a stale eTag fails with StateConflictError (BlobsStorage
// says so in words only, with no status code), and state in any language reads back as written.
import assert from 'node:assert/strict';
import type { Storage } from 'botbuilder';
import { openBlobStateStorage } from '../../../bot/channel/blobStateStorage.js';
import { ConcurrencyCheckedStorage, StateConflictError } from '../../../bot/channel/checkedStorage.js';
import { azurite, uniqueName } from '../../azurite.js';

describe('state in Azure Blob Storage (Azurite)', function () {
  let blobs: Storage;
  beforeEach(async function () {
    blobs = await openBlobStateStorage({ connectionString: (await azurite()).connectionString, container: uniqueName('state-') });
  });

  it('a write with the eTag of an older read fails with StateConflictError and changes nothing', async function () {
    const storage = new ConcurrencyCheckedStorage(blobs);
    const key = 'msteams/conversations/19:abc@thread.v2/';
    await storage.write({ [key]: { step: 1 } });
    const first = (await storage.read([key]))[key] as { step: number; eTag: string };
    await storage.write({ [key]: { ...first, step: 2 } });
    await assert.rejects(storage.write({ [key]: { step: 3, eTag: first.eTag } }), StateConflictError);
    assert.equal(((await storage.read([key]))[key] as { step: number }).step, 2);
  });

  it('the raw BlobsStorage conflict has no status code; the wrapper still knows it', async function () {
    await blobs.write({ k: { n: 1 } });
    const { eTag } = (await blobs.read(['k'])).k as { eTag: string };
    await blobs.write({ k: { n: 2 } });
    const raw = await blobs.write({ k: { n: 3, eTag } }).then(() => undefined, (error: unknown) => error as { statusCode?: unknown; message: string });
    assert.ok(raw, 'the stale write failed');
    assert.equal(raw.statusCode, undefined);
    assert.match(raw.message, /eTag conflict/);
  });

  it('state in any language and of any size reads back as written', async function () {
    const storage = new ConcurrencyCheckedStorage(blobs);
    const value = { name: 'Åsa Ångström', note: 'déconnecte-moi partout ✓ 日本語 😀', long: 'é日😀'.repeat(30_000) };
    await storage.write({ 'webchat/users/dl_ü': value });
    const read = (await storage.read(['webchat/users/dl_ü']))['webchat/users/dl_ü'] as typeof value & { eTag?: string };
    assert.deepEqual({ name: read.name, note: read.note, long: read.long }, value);
  });
});
