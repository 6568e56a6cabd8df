// The seed notices, read by the reading's tests and by its measure against the hand-written expected
// lists: the verbatim copies the demo loads (src/modules/demo/notices/seedNNN.txt), else the originals
// (../shared/seeds beside the repository, wherever it is cloned).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SEEDS_DIR = path.resolve(HERE, '../../../../../shared/seeds');
const COPIES_DIR = path.resolve(HERE, '../../demo/notices');

/** The text of the seed whose file name starts with `prefix` ("003_"), or null when it is nowhere. */
export function readSeed(prefix: string, dir?: string): string | null {
  const copy = path.join(COPIES_DIR, `seed${prefix.replace(/_$/, '')}.txt`);
  if (!dir && fs.existsSync(copy)) return fs.readFileSync(copy, 'utf8');
  const from = dir ?? SEEDS_DIR;
  const f = fs.existsSync(from) ? fs.readdirSync(from).find((n) => n.startsWith(prefix)) : undefined;
  return f ? fs.readFileSync(path.join(from, f), 'utf8') : null;
}
