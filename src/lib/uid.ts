import crypto from 'node:crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;

/** A DHIS2-compatible uid: 11 characters, a letter first, then letters and digits. */
export function uid(): string {
  const bytes = crypto.randomBytes(11);
  let s = LETTERS[bytes[0] % LETTERS.length];
  for (let i = 1; i < 11; i++) s += ALNUM[bytes[i] % ALNUM.length];
  return s;
}

export function isUid(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{10}$/.test(s);
}
