import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedDbError, startEmbedded } from './embedded.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-embedded-'));
fs.chmodSync(dir, 0o755);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function query(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps data across restarts and refuses a second server on the same data directory', async () => {
    const first = await startEmbedded({ dataDir: dir });
    await query(first.adminUrl, 'create table kept (v text); insert into kept values ($$Hoằng Hóa$$)');
    await expect(startEmbedded({ dataDir: dir })).rejects.toThrow(EmbeddedDbError);
    await expect(startEmbedded({ dataDir: dir })).rejects.toThrow(/already running on the data directory/);
    await first.stop();
    expect(fs.existsSync(path.join(dir, 'soyte.lock'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false); // clean shutdown

    const second = await startEmbedded({ dataDir: dir });
    expect(await query(second.adminUrl, 'select v from kept')).toEqual([{ v: 'Hoằng Hóa' }]);
    await second.stop();
  }, 60_000);

  it('takes over a stale lock left by a process that died', async () => {
    fs.writeFileSync(path.join(dir, 'soyte.lock'), '999999'); // no such process
    const server = await startEmbedded({ dataDir: dir });
    expect(await query(server.adminUrl, 'select count(*)::int as n from kept')).toEqual([{ n: 1 }]);
    await server.stop();
  }, 60_000);
});
