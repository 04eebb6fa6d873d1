// Low-level HTTP probes for the server tests: requests with exactly the headers given (fetch would
// not let a test set Host), websocket upgrades, and a fingerprint of DATA_DIR.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { filesIn } from '../../helpers.js';

interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: string }

/** A request with exactly the headers given (fetch would not let a test set Host). */
export function raw(url: string, method: string, requestPath: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: requestPath, headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Answers to a websocket upgrade: the status line, or "no answer" when nothing came back in time. */
export function upgrade(url: string, requestPath: string, headers: Record<string, string>): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const req = http.request({ hostname, port, path: requestPath, headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers } });
    const timer = setTimeout(() => { req.destroy(); resolve('no answer'); }, 3000);
    req.on('response', (res) => { clearTimeout(timer); resolve(String(res.statusCode)); res.resume(); });
    req.on('upgrade', (res, socket) => { clearTimeout(timer); socket.destroy(); resolve(String(res.statusCode)); });
    req.on('error', () => { clearTimeout(timer); resolve('closed'); });
    req.end();
  });
}

/** A fingerprint of every file in DATA_DIR: its path and a hash of its content, one line each. */
export async function dataFingerprint(dir: string): Promise<string> {
  const lines: string[] = [];
  // Temp and lock files (".name…") come and go while a write is under way; the records are what count.
  // A journal is deleted by its checkpoint: one gone since the listing is left out.
  for (const name of (await filesIn(dir)).filter((f) => !path.basename(f).startsWith('.'))) {
    const content = await readFile(path.join(dir, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (content !== undefined) lines.push(`${name} ${createHash('sha256').update(content).digest('hex').slice(0, 16)}`);
  }
  return lines.join('\n');
}

/**
 * The fingerprint of DATA_DIR once it is at rest: the turns under way finished, and the record
 * store's journal checkpointed (its records in their own files, which a checkpoint writes a moment
 * after the writes), so that a later fingerprint differs only by a change.
 */
export async function restingFingerprint(dir: string): Promise<string> {
  let last = '';
  for (let stable = 0; stable < 3 || last.includes(`.journal${path.sep}`);) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const now = await dataFingerprint(dir);
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}
