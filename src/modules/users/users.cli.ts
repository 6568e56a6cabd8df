// `soyte admin-password`: a new password for the user admin (when the printed one is lost), and the
// admin account and its message at `soyte start`.
import type { Command } from 'commander';
import type { Ctx } from '../../core/context.js';
import type { CliDeps } from '../../core/modules.js';
import { randomToken } from './passwords.js';
import { ensureAdmin, resetPassword } from './users.service.js';

export function registerUsersCli(program: Command, deps: CliDeps) {
  program
    .command('admin-password')
    .description('set a new password for the user admin (prints it); ends its sessions and API tokens')
    .option('--password <password>', 'the new password (default: generated); must follow the password policy')
    .action(async (o: { password?: string }) => {
      const pw = o.password ?? `${randomToken(12)}7a`;
      await deps.withContext(async (ctx) => {
        const { created } = await ensureAdmin(ctx, pw);
        if (!created) await resetPassword(ctx, 'admin', pw, { generated: o.password === undefined });
        console.log(`New password of admin: ${pw}`);
      });
    });
}

/** At `soyte start`: creates admin on first start; says how to log in. */
export async function serveAdmin(ctx: Ctx): Promise<string[]> {
  const admin = await ensureAdmin(ctx, ctx.config.adminPassword);
  if (admin.password) {
    return [
      `Log in as admin with the password: ${admin.password}`,
      '(printed once; set SOYTE_ADMIN_PASSWORD on first start to choose it, or run `soyte admin-password`)',
    ];
  }
  return [admin.created ? 'Log in as admin with the password from SOYTE_ADMIN_PASSWORD.' : 'Log in as admin (password set on first start).'];
}
