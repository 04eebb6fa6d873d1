// The record store on Azure Table Storage, against Azurite: the RecordStore contract, then what is
// particular to tables: keys the service accepts, values split over columns, records too large.
import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { maxValueLength, RecordTooLargeError, tableKey, TableRecords } from '../../../../bot/adapters/azure/tableRecords.js';
import { azurite, uniqueName } from '../../../azurite.js';
import { oddNames, recordStoreContract } from '../../core/ports/recordStoreContract.js';

recordStoreContract('TableRecords on Azurite', async () => {
  const { connectionString } = await azurite();
  const table = uniqueName('records');
  return { open: () => TableRecords.open({ connectionString, table }), dispose: () => Promise.resolve() };
});

describe('table records', function () {
  let connectionString: string;
  let table: string;
  before(async function () {
    ({ connectionString } = await azurite());
  });
  beforeEach(function () {
    table = uniqueName('records');
  });

  it('keys: only characters a table key takes, at most 400 of them, one key per name', function () {
    const keys = oddNames.map(tableKey);
    for (const key of keys) {
      assert.match(key, /^[A-Za-z0-9\-_.~@!]{1,400}$/);
    }
    assert.equal(new Set(keys).size, oddNames.length);
    assert.equal(tableKey('anna@contoso.example'), 'anna@contoso.example', 'plain names stay readable');
    assert.equal(tableKey('a/b'), 'a!2Fb');
    assert.notEqual(tableKey('a/b'), tableKey('a!2Fb'));
    assert.match(tableKey('y'.repeat(2000)), /^!![0-9a-f]{64}$/);
  });

  it('opens a table that is missing (creating it) or already there', async function () {
    const first = await TableRecords.open({ connectionString, table });
    await first.put('p', 'a', { n: 1 });
    const second = await TableRecords.open({ connectionString, table });
    assert.deepEqual((await second.get('p', 'a'))?.value, { n: 1 });
  });

  it('splits a large value over columns of at most 32,000 ASCII characters, and reads it back whole', async function () {
    const store = await TableRecords.open({ connectionString, table });
    // Characters of 2, 3 and 4 bytes in UTF-8, out of step with any boundary.
    const value = { text: `x${'é日😀'.repeat(5_000)}`, id: 'ünïcode' };
    await store.put('big', 'one', value);
    const raw = await TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true }).getEntity<Record<string, unknown>>('big', 'one');
    const parts = Object.keys(raw).filter((k) => /^value\d+$/.test(k));
    assert.equal(raw.valueParts, parts.length);
    assert.ok(parts.length >= 4, `${parts.length} columns`);
    for (const part of parts) {
      const text = raw[part] as string;
      assert.ok(text.length <= 32_000);
      assert.match(text, /^[\x20-\x7e]*$/);
    }
    assert.deepEqual((await store.get('big', 'one'))?.value, value);
  });

  it('refuses a record too large for one entity, naming it, and leaves the stored one as it was', async function () {
    const store = await TableRecords.open({ connectionString, table });
    await store.put('tickets', 'T-1', { text: 'small' });
    await assert.rejects(store.put('tickets', 'T-1', { text: 'x'.repeat(maxValueLength) }), (error: unknown) =>
      error instanceof RecordTooLargeError && error.message.includes('tickets/T-1'));
    assert.deepEqual((await store.get('tickets', 'T-1'))?.value, { text: 'small' });
  });

  it('a connection string that is not one: the error names the setting and repeats none of it', async function () {
    const secret = 'AccountKey=c2VjcmV0LXNlY3JldC1zZWNyZXQ=';
    await assert.rejects(TableRecords.open({ connectionString: `Nonsense=1;${secret}`, table }), (error: unknown) =>
      error instanceof Error && error.message.startsWith('AZURE_STORAGE_CONNECTION_STRING') && !error.message.includes('c2VjcmV0'));
  });
});
