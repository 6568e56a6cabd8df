import { sql, type Kysely } from 'kysely';

// The equipment register (issue 15).
// - equipment_category: the catalogue (data, editable): group, risk class and wear class by default,
//   whether items are counted by quantity (low-value tools) rather than one row per item.
// - equipment_asset: one fixed asset, or a counted lot of tools (quantity > 1), held by a unit (and a
//   room). cost is the unit cost in whole đồng; status is the asset's state today. fully_worn_on is
//   derived from cost, acquisition and the wear rules (kept so that "fully worn on a date" is an index
//   range); the register never stores a computed value otherwise.
// - equipment_event: the history of every change (who, when, what before and after).
// - equipment_file: photos and documents, stored with their checksum and size limits.
// - equipment_standard_item: the standard lists per unit kind (what a station should hold), editable;
//   the missing list is the standard minus the functional stock.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Trigram indexes make "contains" searches over a national register an index lookup, and btree_gin
  // lets the same index hold the unit, so a centre's search reads only its own matches (both are
  // trusted extensions shipped with PostgreSQL: the database owner may create them).
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists btree_gin`.execute(db);
  await sql`
create table equipment_category (
  code text primary key,
  group_code text not null,
  name text not null,
  name_en text not null,
  risk_class text check (risk_class in ('A', 'B', 'C', 'D')),
  wear_class text not null,
  counted boolean not null default false,
  position int not null default 0
);

create table equipment_asset (
  id text primary key,
  tag text not null,
  org_unit_id text not null references org_unit (id),
  room text,
  category_code text not null references equipment_category (code),
  name text not null,
  risk_class text check (risk_class in ('A', 'B', 'C', 'D')),
  make text,
  model text,
  serial text,
  year_made int,
  origin text,
  supplier text,
  acquired date not null,
  cost bigint not null check (cost >= 0),
  funding text not null default 'ngan_sach' check (funding in ('ngan_sach', 'xa_hoi_hoa', 'vien_tro', 'du_an', 'khac')),
  warranty_until date,
  accessories text,
  quantity int not null default 1 check (quantity >= 1),
  life_years int check (life_years between 1 and 100),
  fixed_asset boolean not null,
  fully_worn_on date,
  status text not null default 'in_use' check (status in
    ('in_use', 'broken', 'in_repair', 'idle', 'pending_disposal', 'disposed', 'transferred', 'locked')),
  status_since date not null,
  notes text,
  -- name, tag, serial and model without case or tone marks ("may sieu am" finds "Máy siêu âm").
  search_key text not null default '',
  version int not null default 1,
  created_at timestamptz not null default now(),
  created_by text,
  updated_at timestamptz not null default now(),
  updated_by text
);
create unique index equipment_asset_tag on equipment_asset (lower(tag));
-- Lists and KPIs read a unit's assets by status: the columns they need, in one index.
create index equipment_asset_unit on equipment_asset (org_unit_id, status) include (category_code, cost, quantity, fully_worn_on, acquired);
create index equipment_asset_worn on equipment_asset (fully_worn_on) where fully_worn_on is not null;
create index equipment_asset_search on equipment_asset using gin (org_unit_id, search_key gin_trgm_ops);

create table equipment_event (
  id bigint generated always as identity primary key,
  asset_id text not null references equipment_asset (id) on delete cascade,
  action text not null,
  before jsonb,
  after jsonb,
  note text,
  user_id text,
  username text,
  at timestamptz not null default now()
);
create index equipment_event_asset on equipment_event (asset_id, id);

create table equipment_file (
  id text primary key,
  asset_id text not null references equipment_asset (id) on delete cascade,
  kind text not null check (kind in ('photo', 'document')),
  file_name text not null,
  mime text not null,
  size int not null,
  sha256 text not null,
  content bytea not null,
  event_id bigint references equipment_event (id) on delete set null,
  created_by text,
  created_at timestamptz not null default now()
);
create index equipment_file_asset on equipment_file (asset_id);

create table equipment_standard_item (
  id text primary key,
  unit_kind text not null,
  code text not null,
  name text not null,
  name_en text,
  categories text[] not null,
  required int not null check (required >= 0),
  essential boolean not null default false,
  position int not null default 0,
  unique (unit_kind, code)
);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table equipment_standard_item, equipment_file, equipment_event, equipment_asset, equipment_category`.execute(db);
}
