// Password hashing (scrypt), tokens, and the password policy for new passwords.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { dictionary } from '@zxcvbn-ts/language-common';

const scrypt = promisify(crypto.scrypt) as (pw: crypto.BinaryLike, salt: crypto.BinaryLike, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const N = 16384, R = 8, P = 1, LEN = 32;

/** scrypt$N$r$p$salt$hash (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, LEN, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p),
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** A fixed hash to verify against when the user does not exist, so timing does not reveal usernames. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

export interface PasswordPolicy {
  minLength: number;
  /** Refuse the ~49,000 most common passwords of public breach lists (zxcvbn-ts's list). */
  blockCommon: boolean;
}

export const MAX_PASSWORD_LENGTH = 200;

let common: Set<string> | undefined;
function isCommon(lower: string): boolean {
  common ??= new Set(dictionary['passwords-common'] as string[]);
  return common.has(lower);
}

/** Words of this system that make guessable passwords. */
const CONTEXT_WORDS = ['soyte', 'syt', 'ttyt', 'tyt', 'yte', 'matkhau', 'password'];

/**
 * Why a new password is refused, as a message key; null when it is acceptable. As NIST SP 800-63B
 * advises: a minimum length, no composition rules, and no password that is common, repetitive or made
 * of the user's own names (username, unit code) or this system's name.
 */
export function passwordProblem(password: string, policy: PasswordPolicy, context: { username?: string; unitCode?: string } = {}): string | null {
  if (password.length < policy.minLength) return 'password.tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'password.tooLong';
  const lower = password.normalize('NFC').toLowerCase();
  if (new Set(lower).size < 4) return 'password.repetitive';
  if (policy.blockCommon && isCommon(lower)) return 'password.common';
  const letters = lower.replace(/[^\p{L}]/gu, '');
  for (const word of [context.username, context.unitCode].map((w) => w?.toLowerCase().trim()).filter((w): w is string => !!w && w.length >= 3)) {
    if (lower.includes(word) || word.includes(lower)) return 'password.personal';
  }
  if (letters.length && CONTEXT_WORDS.includes(letters) && lower.length - letters.length < 4) return 'password.common';
  return null;
}
