// What the embedded directory keeps in DATA_DIR: the text of every record file of its partitions.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { filesIn } from '../../../helpers.js';

export async function storedDirectory(dataDir: string): Promise<string> {
  const root = path.join(dataDir, 'records');
  const files = (await filesIn(root)).filter((f) => f.startsWith('directory') && f.endsWith('.json'));
  return (await Promise.all(files.map((f) => readFile(path.join(root, f), 'utf8')))).join('\n');
}
