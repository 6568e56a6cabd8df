import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/20261122_0001_foundation.js';
import * as reporting from './migrations/20261122_0002_reporting.js';
import * as analytics from './migrations/20261122_0003_analytics.js';
import * as dashboards from './migrations/20261122_0004_dashboards.js';
import * as reports from './migrations/20261122_0005_reports.js';

// Migrations are listed here (not discovered on disk) so they work from any working directory.
const migrations: Record<string, Migration> = {
  '20261122_0001_foundation': foundation,
  '20261122_0002_reporting': reporting,
  '20261122_0003_analytics': analytics,
  '20261122_0004_dashboards': dashboards,
  '20261122_0005_reports': reports,
};

/** Names of the migrations this code knows (newest last). */
export function migrationNames(): string[] {
  return Object.keys(migrations).sort();
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
