// A process that dies mid-run, for scheduler.test.ts: it runs the daily job 'test.crash' on the
// database given as argument; the job writes its notice, says "ready" and waits, and the test kills
// the process (SIGKILL) there.
import { testConfig } from '../../core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../../core/context.js';
import { connect } from '../../db/connection.js';
import { notify, registerDailyJob, runDueJobs } from './notifications.service.js';

const [url, userId, now] = process.argv.slice(2) as [string, string, string];
const database = connect(url, 'external');
registerDailyJob('test.crash', async (ctx, day) => {
  await notify(ctx, { userIds: [userId], kind: 'test.crash', params: {}, dedupeKey: `test.crash:${day}` });
  process.stdout.write('ready\n');
  await new Promise(() => {}); // killed here
});
await runDueJobs(new Ctx(SYSTEM_ACTOR, database.store, testConfig()), new Date(now), { only: ['test.crash'] });
