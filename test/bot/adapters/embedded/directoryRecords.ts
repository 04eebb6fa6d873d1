// What the embedded directory keeps in DATA_DIR: the text of every record file of its partitions,
// and of the journals of the record store (where a write lands first, until its checkpoint).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { filesIn } from '../../../helpers.js';

export async function storedDirectory(dataDir: string): Promise<string> {
  const root = path.join(dataDir, 'records');
  for (;;) {
    const files = (await filesIn(root)).filter((f) => (f.startsWith('directory') && f.endsWith('.json')) || (f.startsWith(`.journal${path.sep}`) && f.endsWith('.log')));
    try {
      return (await Promise.all(files.map((f) => readFile(path.join(root, f), 'utf8')))).join('\n');
    } catch (error) {
      // A journal deleted by its checkpoint after the listing: its records are in their files now.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
