import { sql, type Kysely } from 'kysely';

// Dashboards (issue 4). Built-in dashboards live in code (src/modules/dashboards/defaults.ts); this
// table holds the users' own ones. A dashboard belongs to its owner and to a unit (the owner's unit
// when it was created): shared dashboards are visible to the users of that unit's subtree and to
// those above it. `items` is JSON validated by the service (zod) on every save.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table dashboard (
  id text primary key,
  name text not null,
  owner_id text references app_user (id) on delete cascade,
  org_unit_id text references org_unit (id),
  level_kind text check (level_kind in ('province', 'centre', 'station')),
  items jsonb not null default '[]'::jsonb,
  sort_order int not null default 0,
  shared boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dashboard_owner on dashboard (owner_id);
create index dashboard_shared_unit on dashboard (org_unit_id) where shared;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists dashboard`.execute(db);
}
