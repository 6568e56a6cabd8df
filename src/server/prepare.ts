// Prepares a database for soyte: the modules' migrations, then the built-in roles as the modules
// declare them. Run by `soyte start`, every CLI command, the tests' template database and benchmarks.
import type { Config } from '../core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../core/context.js';
import { builtinRolePermissions, installModules, migrationsOf, type ModuleDescriptor } from '../core/modules.js';
import type { Database } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { modules as allModules } from '../modules/index.js';
import { syncBuiltinRoles } from '../modules/users/users.service.js';

/** Migrates and seeds the built-in roles; returns the names of the migrations applied now. */
export async function prepareDatabase(database: Database, config: Config, modules: readonly ModuleDescriptor[] = allModules): Promise<string[]> {
  installModules(modules);
  const applied = await migrateToLatest(database.db, migrationsOf(modules));
  await syncBuiltinRoles(new Ctx(SYSTEM_ACTOR, database.store, config), builtinRolePermissions(modules));
  return applied;
}
