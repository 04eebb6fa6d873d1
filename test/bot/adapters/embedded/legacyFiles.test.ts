// An existing DATA_DIR keeps its tickets, audit log, conversation references and demo outbox: the single files
// of earlier versions are taken over into records once, then renamed to <name>.imported.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { embeddedPorts } from '../../../../bot/app.js';
import { EmbeddedDirectory } from '../../../../bot/adapters/embedded/embeddedDirectory.js';
import { takeOverLegacyFiles } from '../../../../bot/adapters/embedded/legacyFiles.js';
import { RecordAuditLog } from '../../../../bot/adapters/records/recordAuditLog.js';
import { RecordConversationReferences } from '../../../../bot/adapters/records/recordConversationReferences.js';
import { RecordOutbox } from '../../../../bot/adapters/records/recordOutbox.js';
import { RecordTickets } from '../../../../bot/adapters/records/recordTickets.js';
import type { AuditEntry } from '../../../../bot/core/ports/audit.js';
import type { Ticket } from '../../../../bot/core/ports/tickets.js';
import { silentLogger } from '../../../../bot/logger.js';
import { paths } from '../../../../bot/paths.js';
import { captureLogs, tempDir } from '../../../helpers.js';

const at = '2025-03-10T09:00:00.000Z';
const ticket = (n: number, userId: string, state: Ticket['state']): Ticket => ({
  number: `INC-${String(n).padStart(6, '0')}`, userId, userDisplayName: userId, channel: 'msteams', locale: 'en-US', category: 'other',
  description: `Old ${n}`, state, createdAt: at, updatedAt: at, context: {}, transcript: [], history: [{ at, actorId: userId, action: 'created' }],
});
const entry = (userId: string, target: string): AuditEntry => ({
  userId, actorId: userId, action: 'password.change', target, channel: 'msteams', result: 'success', correlationId: target, at,
});

const sent = (text: string) => ({ to: '+31 6 1234 5678', channel: 'sms', text, sentAt: at });

/** The four files as earlier versions wrote them (lowdb, pretty-printed). */
async function writeOldFiles(dir: string): Promise<void> {
  const pretty = (value: unknown): string => JSON.stringify(value, null, 2);
  await writeFile(path.join(dir, 'tickets.json'), pretty({ lastNumber: 104, tickets: [ticket(100, 'anna', 'resolved'), ticket(103, 'anna', 'new'), ticket(104, 'bert', 'assigned')] }));
  await writeFile(path.join(dir, 'audit.json'), pretty({ entries: [entry('anna', 'first'), entry('bert', 'other'), entry('anna', 'second')] }));
  await writeFile(path.join(dir, 'references.json'), pretty({ byUser: { anna: { conversation: { id: 'a-1' } } } }));
  await writeFile(path.join(dir, 'outbox.json'), pretty({ messages: { anna: [sent('first'), sent('second')], bert: [sent('other')] } }));
}

describe('taking over the single files of earlier versions', function () {
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (data = await tempDir()));
  afterEach(() => data.remove());

  const stores = () => {
    const records = data.records();
    return { tickets: new RecordTickets(records), audit: new RecordAuditLog(records), references: new RecordConversationReferences(records), outbox: new RecordOutbox(records, { now: () => new Date(at) }) };
  };

  it('imports tickets, audit entries, references and outbox messages once, and renames the files', async function () {
    await writeOldFiles(data.dir);
    assert.deepEqual(await takeOverLegacyFiles(data.dir, stores()), { tickets: 3, audit: 3, references: 1, outbox: 3 });
    for (const name of ['tickets.json', 'audit.json', 'references.json', 'outbox.json']) {
      assert.equal(existsSync(path.join(data.dir, name)), false, name);
      assert.equal(existsSync(path.join(data.dir, `${name}.imported`)), true, name);
    }
    assert.deepEqual(await takeOverLegacyFiles(data.dir, stores()), { tickets: 0, audit: 0, references: 0, outbox: 0 }, 'nothing the second time');

    const { tickets, audit, references, outbox } = stores();
    assert.deepEqual(await tickets.get('INC-000103'), ticket(103, 'anna', 'new'));
    assert.deepEqual((await tickets.listForUser('anna')).map((t) => t.number), ['INC-000103', 'INC-000100']);
    assert.deepEqual((await tickets.listOpen()).map((t) => t.number), ['INC-000103', 'INC-000104']);
    assert.equal((await tickets.create({ ...ticket(0, 'anna', 'new') }, new Date(at))).number, 'INC-000105');
    assert.deepEqual((await audit.listForUser('anna', 10)).map((e) => e.target), ['second', 'first']);
    assert.deepEqual(await references.get('anna'), { conversation: { id: 'a-1' } });
    assert.deepEqual(await outbox.messagesFor('anna'), [sent('first'), sent('second')]);
    assert.deepEqual(await outbox.messagesFor('bert'), [sent('other')]);
  });

  it('a DATA_DIR without them starts empty', async function () {
    assert.deepEqual(await takeOverLegacyFiles(data.dir, stores()), { tickets: 0, audit: 0, references: 0, outbox: 0 });
    assert.equal((await stores().tickets.create({ ...ticket(0, 'anna', 'new') }, new Date(at))).number, 'INC-000100');
  });

  it('the composition root takes them over into the records the bot keeps its state in', async function () {
    await writeOldFiles(data.dir);
    const records = data.records();
    const directory = await EmbeddedDirectory.open({ dataDir: data.dir, seedFile: paths.demoTenant, logger: silentLogger, store: records });
    const logs = captureLogs();
    const ports = await embeddedPorts(data.dir, directory, { now: () => new Date(at) }, { continueIn: () => Promise.resolve(), logger: logs.logger }, records);
    assert.equal((await ports.tickets.get('INC-000104'))?.description, 'Old 104');
    assert.equal((await ports.audit.listForUser('bert', 5))[0]?.target, 'other');
    assert.deepEqual(await ports.notifier.messagesFor('bert'), [sent('other')], 'the demo outbox too');
    assert.ok(await ports.records.get('tickets', 'INC-000104'), 'in the one record store of DATA_DIR/records');
    await records.close();
    assert.ok(existsSync(path.join(data.dir, 'records', 'tickets', 'INC-000104.json')), 'once the store is closed, in its own file');
    assert.ok(logs.lines.some((l) => l.includes('taken over')));
  });
});
