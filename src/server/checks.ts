// `soyte db check`: every module's invariants (core/modules.ts `check`), printed with a line per problem.
import type { Ctx } from '../core/context.js';
import type { CheckProblem, ModuleDescriptor } from '../core/modules.js';

/** Runs the checks of every module; returns the number of problems found. */
export async function runChecks(ctx: Ctx, modules: readonly ModuleDescriptor[], log: (line: string) => void): Promise<number> {
  let problems = 0;
  for (const m of modules) {
    if (!m.check) continue;
    const found: CheckProblem[] = await m.check(ctx);
    problems += found.length;
    log(`${m.name}: ${found.length ? `${found.length} problem(s)` : 'ok'}`);
    for (const p of found) log(`  [${p.check}] ${p.message}`);
  }
  return problems;
}
