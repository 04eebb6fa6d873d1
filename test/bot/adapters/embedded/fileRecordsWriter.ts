// A process that writes records as fast as it can and says which writes were acknowledged: the
// kill -9 test kills it mid-write and checks the store afterwards.
import { FileRecords } from '../../../../bot/adapters/embedded/fileRecords.js';
import { updateRecord } from '../../../../bot/core/ports/recordStore.js';

const root = process.argv[2] ?? '';
const store = new FileRecords(root);
for (let n = 1; ; n += 1) {
  await Promise.all([
    store.put('items', `item-${n}`, { n, payload: 'x'.repeat(2000) }),
    updateRecord<{ count: number }>(store, 'counters', 'writes', (current) => ({ count: Math.max(current?.count ?? 0, n) })),
  ]);
  process.stdout.write(`ack ${n}\n`);
}
