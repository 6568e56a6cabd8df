// At `soyte start`: loads the demo province into an empty database (with progress), and says which
// demo users exist.
import type { Ctx } from '../../core/context.js';
import { cliProgressReporter } from '../../lib/progress.js';
import { DEMO_USERS, isLoaded, loadDemo, databaseIsEmpty } from './demo.service.js';

export async function serveDemo(ctx: Ctx, io: { log(line: string): void }): Promise<string[]> {
  const { config } = ctx;
  if (!config.loadDemo) return [];
  if (!(await isLoaded(ctx)) && (await databaseIsEmpty(ctx))) {
    io.log('Loading the demo province Thanh Hóa (38)…');
    const p = cliProgressReporter();
    const t = Date.now();
    const r = await loadDemo(ctx, { password: config.demoPassword, progress: p.report, history: 'full' });
    p.done();
    io.log(
      `Demo loaded in ${((Date.now() - t) / 1000).toFixed(1)} s: ${r.units} units, ${r.events} merge events, ${r.links} links; ` +
        `${r.data.values.toLocaleString('vi-VN')} data values (${r.data.months} months), ${r.data.forms.toLocaleString('vi-VN')} forms, ${r.data.planTargets.toLocaleString('vi-VN')} plan targets.`,
    );
  }
  if (!(await isLoaded(ctx))) return [];
  const pw = config.demoPassword === 'Demo@2024' ? 'Demo@2024' : 'from SOYTE_DEMO_PASSWORD';
  return [`Demo users (password ${pw}): ${DEMO_USERS.map((u) => u.username).join(', ')}`];
}
