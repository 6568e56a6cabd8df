// The seed notices (../shared/seeds, beside the repository wherever it is cloned), for the reading tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/seeds');

/** The text of the seed whose file name starts with `prefix` ("003_"), or null when the seeds are absent. */
export function seedText(prefix: string): string | null {
  const f = fs.existsSync(SEEDS) ? fs.readdirSync(SEEDS).find((n) => n.startsWith(prefix)) : undefined;
  return f ? fs.readFileSync(path.join(SEEDS, f), 'utf8') : null;
}
