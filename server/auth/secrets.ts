// Passwords (scrypt from node:crypto), random secrets and constant-time comparisons.
//
// A stored password is `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` (base64url): the cost travels with
// the hash, so it can be raised later without invalidating existing passwords.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** OWASP's recommendation for scrypt: N = 2^17, r = 8, p = 1 (128 MiB, about 0.3 s). */
export const DEFAULT_SCRYPT_COST = 17;
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

const costOptions = (logN: number, r: number, p: number): ScryptOptions => ({ N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r * p + 1024 * 1024 });

/** Unicode passwords compare by their NFC form (the same word typed on two systems). */
const normalise = (password: string) => password.normalize('NFC');

export async function hashPassword(password: string, logN = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(normalise(password), salt, costOptions(logN, 8, 1));
  return `scrypt$${logN}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `password` matches `stored`; false for any malformed hash. Constant time in the key comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  if (![logN, r, p].every(Number.isInteger) || logN < 1 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await scryptAsync(normalise(password), salt, costOptions(logN, r, p));
  return timingSafeEqual(key, expected);
}

/** A random secret, base64url (32 bytes: 43 characters). */
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** SHA-256 hex: how session and token secrets are stored (they are random, so no salt or slow hash is needed). */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Compare two strings in constant time (both hashed first, so their lengths do not leak). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password easy to copy: 20 characters without look-alikes (about 117 bits). */
export function randomPassword(length = 20): string {
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling keeps the distribution uniform.
      if (byte < 256 - (256 % ALPHABET.length) && out.length < length) out.push(ALPHABET[byte % ALPHABET.length]);
    }
  }
  return out.join('');
}

/** The problem with a new password, in French, or undefined. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string') return 'doit être un texte';
  if ([...password].length < PASSWORD_MIN_LENGTH) return `doit compter au moins ${PASSWORD_MIN_LENGTH} caractères`;
  if (password.length > PASSWORD_MAX_LENGTH) return `ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères`;
  return undefined;
}
