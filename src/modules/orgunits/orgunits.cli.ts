// `soyte init --province <code>`: a province's health hierarchy before and after the 2025 reform, from
// the bundled official unit lists, with progress.
import type { Command } from 'commander';
import type { CliDeps } from '../../core/modules.js';
import { cliProgressReporter } from '../../lib/progress.js';
import { buildProvincePlan, listProvinces } from './bootstrap/plan.js';
import { applyProvincePlan } from './orgunits.bootstrap.js';

export function registerOrgunitsCli(program: Command, deps: CliDeps) {
  program
    .command('init')
    .description("build a province's health hierarchy (before and after the 2025 reform) from the bundled official unit lists")
    .requiredOption('--province <code>', 'GSO province code, e.g. 38 for Thanh Hóa')
    .option('--list', 'only list the province codes')
    .action(async (o: { province: string; list?: boolean }) => {
      if (o.list) {
        for (const p of listProvinces()) console.log(`${p.code}  ${p.name}${p.mergedInto ? `  (merged into ${p.mergedInto})` : ''}`);
        return;
      }
      const plan = buildProvincePlan(o.province);
      await deps.withContext(async (ctx) => {
        console.log(`Building the health hierarchy of ${plan.province.name} (${plan.units.length} units)…`);
        const p = cliProgressReporter();
        const r = await applyProvincePlan(ctx, plan, { progress: p.report });
        p.done();
        console.log(`Done: ${r.units} units, ${r.events} events, ${r.links} links.`);
        for (const w of plan.warnings ?? []) console.log(`  warning: ${w}`);
      });
    });
}
