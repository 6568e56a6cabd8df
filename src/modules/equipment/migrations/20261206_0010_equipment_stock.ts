import { sql, type Kysely } from 'kysely';

// Stocktaking, liquidation and transfer of equipment (issue 15).
// - equipment_stocktake: a campaign (kiểm kê) with its date and scope (a unit and its subtree);
//   equipment_stocktake_unit: each unit's confirmation; equipment_stocktake_line: each item found,
//   missing or surplus, with its condition; book_status and book_quantity keep what the register said
//   when the line was written (the signed record shows the differences as counted, even after they are
//   applied to the register: applied_at).
// - equipment_proposal: a liquidation or a transfer, from the proposal through the decision (by the
//   unit or the higher body, by value) to the handover and the receiver's acceptance.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table equipment_stocktake (
  id text primary key,
  name text not null,
  as_of date not null,
  root_unit_id text not null references org_unit (id),
  status text not null default 'open' check (status in ('open', 'closed')),
  created_by text,
  created_at timestamptz not null default now(),
  closed_at timestamptz
);

create table equipment_stocktake_unit (
  stocktake_id text not null references equipment_stocktake (id) on delete cascade,
  org_unit_id text not null references org_unit (id),
  confirmed_at timestamptz,
  confirmed_by text,
  signers jsonb,
  primary key (stocktake_id, org_unit_id)
);

create table equipment_stocktake_line (
  id text primary key,
  stocktake_id text not null references equipment_stocktake (id) on delete cascade,
  org_unit_id text not null references org_unit (id),
  asset_id text references equipment_asset (id) on delete cascade,
  outcome text not null check (outcome in ('found', 'missing', 'surplus')),
  condition text check (condition in ('good', 'broken', 'idle')),
  counted int,
  description text,
  note text,
  category_code text references equipment_category (code),
  book_status text,
  book_quantity int,
  updated_by text,
  updated_at timestamptz not null default now(),
  applied_at timestamptz,
  applied_by text,
  check ((asset_id is null) = (outcome = 'surplus'))
);
create unique index equipment_stocktake_line_asset on equipment_stocktake_line (stocktake_id, asset_id) where asset_id is not null;
create index equipment_stocktake_line_unit on equipment_stocktake_line (stocktake_id, org_unit_id);

create table equipment_proposal (
  id text primary key,
  kind text not null check (kind in ('liquidation', 'transfer')),
  asset_id text not null references equipment_asset (id) on delete cascade,
  from_unit_id text not null references org_unit (id),
  to_unit_id text references org_unit (id),
  reason text not null check (reason in ('fully_worn', 'repair_costly', 'beyond_repair', 'idle', 'other')),
  repair_estimate bigint,
  note text,
  residual bigint not null,
  decider text not null check (decider in ('unit', 'higher')),
  status text not null default 'proposed' check (status in ('proposed', 'approved', 'rejected', 'handed_over', 'done', 'withdrawn')),
  decision_no text,
  decided_by text,
  decided_at timestamptz,
  decision_note text,
  handed_over_at timestamptz,
  handed_over_by text,
  accepted_at timestamptz,
  accepted_by text,
  created_by text,
  created_at timestamptz not null default now(),
  check ((kind = 'transfer') = (to_unit_id is not null))
);
create index equipment_proposal_asset on equipment_proposal (asset_id);
-- One open proposal per asset (proposed, approved or handed over) at a time.
create unique index equipment_proposal_open on equipment_proposal (asset_id) where status in ('proposed', 'approved', 'handed_over');
create index equipment_proposal_from on equipment_proposal (from_unit_id, status);
create index equipment_proposal_to on equipment_proposal (to_unit_id, status) where to_unit_id is not null;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table equipment_proposal, equipment_stocktake_line, equipment_stocktake_unit, equipment_stocktake`.execute(db);
}
