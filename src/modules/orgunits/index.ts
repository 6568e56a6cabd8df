// The orgunits module: the organisation tree — effective-dated units, their changes (open, rename,
// move, close, merge, split) and groups. Its first migration is soyte's foundation (roles, users,
// sessions, tokens, the audit log and the tree), from before modules brought their own.
import { defineModule } from '../../core/modules.js';
import { registerOrgunitsCli } from './orgunits.cli.js';
import { messages } from './orgunits.messages.js';
import { orgUnitRoutes } from './orgunits.routes.js';
import { treeProblems } from './orgunits.service.js';
import * as m0001 from './migrations/20261122_0001_foundation.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'orgunit:read': true;
    'orgunit:write': true;
  }
}

export const orgunitsModule = defineModule({
  name: 'orgunits',
  messages,
  permissions: {
    'orgunit:read': ['system_admin', 'unit_admin', 'data_entry', 'approver', 'viewer'],
    'orgunit:write': ['system_admin', 'unit_admin'],
  },
  migrations: {
    '20261122_0001_foundation': m0001,
  },
  routes: orgUnitRoutes,
  cli: registerOrgunitsCli,
  async check(ctx) {
    return (await treeProblems(ctx)).map((p) => ({
      check: `tree.${p.check}`,
      message: `${p.code} from ${p.from}${p.to ? ` to ${p.to}` : ''}${p.level ? ` (level ${p.level})` : ''}`,
      details: p,
    }));
  },
});
