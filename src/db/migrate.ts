// Applies the modules' migrations (core/modules.ts `migrationsOf`) in name order with Kysely's Migrator.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, unknown>): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations as Record<string, Migration> };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
