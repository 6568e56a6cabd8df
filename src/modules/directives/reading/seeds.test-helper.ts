// The seed notices (../shared/seeds, beside the repository wherever it is cloned), for the reading tests.
import { readSeed } from './seeds.js';

/** The text of the seed whose file name starts with `prefix` ("003_"), or null when the seeds are absent. */
export function seedText(prefix: string): string | null {
  return readSeed(prefix);
}
