// A process that adds one to a counter record, again and again, saying each time it did: two of
// them over one folder must not lose an increment.
import { FileRecords } from '../../../../bot/adapters/embedded/fileRecords.js';
import { updateRecord } from '../../../../bot/core/ports/recordStore.js';

const [root = '', times = '100'] = process.argv.slice(2);
const store = new FileRecords(root);
for (let n = 1; n <= Number(times); n += 1) {
  await updateRecord<{ n: number }>(store, 'c', 'counter', (current) => ({ n: (current?.n ?? 0) + 1 }), 200);
  process.stdout.write(`added ${n}\n`);
}
