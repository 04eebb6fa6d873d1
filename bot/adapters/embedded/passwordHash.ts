// Passwords are kept as scrypt hashes: "scrypt$N$r$p$salt$hash", salt and hash in base64.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const r = 8;
const p = 1;
const keyLength = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  readonly salt: Buffer;
  readonly key: Buffer;
  readonly options: ScryptOptions;
}

/**
 * Stands in for a user who does not exist or has no password: the parameters of a real hash, a
 * random salt, and a random key that no password produces.
 */
const dummyHash: ParsedHash = { salt: randomBytes(16), key: randomBytes(keyLength), options: { N, r, p } };

function parse(stored: string | undefined): ParsedHash | undefined {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, rr, pp, saltText, keyText] = parts as [string, string, string, string, string, string];
  const key = Buffer.from(keyText, 'base64');
  return key.length === keyLength ? { salt: Buffer.from(saltText, 'base64'), key, options: { N: Number(n), r: Number(rr), p: Number(pp) } } : undefined;
}

/**
 * Compares in constant time. A missing or malformed hash never matches, and costs the same scrypt
 * run as a real one (against a dummy hash), so the time taken does not tell whether there was one.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const real = parse(stored);
  const { salt, key: expected, options } = real ?? dummyHash;
  const key = await scrypt(password, salt, options);
  return timingSafeEqual(key, expected) && real !== undefined;
}

export function isPasswordHash(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('scrypt$') && value.split('$').length === 6;
}
