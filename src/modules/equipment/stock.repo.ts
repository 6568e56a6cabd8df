// SQL of stocktaking campaigns (their units and lines) and of liquidation and transfer proposals.
// Lists are filtered with the kernel's scope filter (`inScope`); single rows are checked by the
// services through the kernel's access check.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';
import type { AssetStatus } from './equipment.contract.js';
import type { UnitInfo } from './equipment.repo.js';
import type { EquipmentProposalTable, EquipmentStocktakeLineTable, EquipmentStocktakeTable } from './equipment.tables.js';

type Db = Kysely<DB>;
export type StocktakeRow = Selectable<EquipmentStocktakeTable>;
export type LineRow = Selectable<EquipmentStocktakeLineTable>;
export type ProposalRow = Selectable<EquipmentProposalTable>;

const GONE: AssetStatus[] = ['disposed', 'transferred'];

// ------------------------------------------------------------------ units

/** The units open on `date` in a unit's subtree (itself included), the way the tree stands then. */
export async function openUnitsBelow(db: Db, unitId: string, date: string): Promise<UnitInfo[]> {
  const r = await sql<UnitInfo>`
    select u.id, u.code, u.name, u.kind
      from org_unit_closure c join org_unit u on u.id = c.descendant_id
     where c.ancestor_id = ${unitId} and c.valid_from <= ${date}::date and c.valid_to > ${date}::date
       and u.opening_date <= ${date}::date and (u.closed_date is null or u.closed_date > ${date}::date)
     order by c.depth, u.code`.execute(db);
  return r.rows;
}

/** Whether `unitId` is open on `date`. */
export async function unitOpen(db: Db, unitId: string, date: string): Promise<boolean> {
  const r = await sql<{ ok: number }>`select 1 as ok from org_unit where id = ${unitId} and opening_date <= ${date}::date and (closed_date is null or closed_date > ${date}::date)`.execute(db);
  return r.rows.length > 0;
}

/** The parent of a unit on `date` (the body above it, for the header of its documents). */
export async function parentOf(db: Db, unitId: string, date: string): Promise<UnitInfo | undefined> {
  const r = await sql<UnitInfo>`
    select u.id, u.code, u.name, u.kind
      from org_unit_path p join org_unit u on u.id = p.parent_id
     where p.org_unit_id = ${unitId} and p.valid_from <= ${date}::date and p.valid_to > ${date}::date`.execute(db);
  return r.rows[0];
}

/** Usernames of users by id (as the assets' history shows them). */
export async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'username']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}

// ------------------------------------------------------------------ stocktaking campaigns

export async function insertStocktake(db: Db, row: { id: string; name: string; as_of: string; root_unit_id: string; created_by: string | null }, unitIds: readonly string[]) {
  await db.insertInto('equipment_stocktake').values(row).execute();
  if (unitIds.length) {
    await db.insertInto('equipment_stocktake_unit').values(unitIds.map((u) => ({ stocktake_id: row.id, org_unit_id: u, signers: null }))).execute();
  }
}

export async function getStocktake(db: Db, id: string): Promise<StocktakeRow | undefined> {
  const r = await sql<StocktakeRow>`select id, name, as_of::text as as_of, root_unit_id, status, created_by, created_at, closed_at from equipment_stocktake where id = ${id}`.execute(db);
  return r.rows[0];
}

/**
 * Locks the campaign's row until the end of the transaction: shared while a unit counts or confirms
 * (units work at the same time), exclusive to close it (it waits for them, and they for it).
 */
export async function lockStocktake(db: Db, id: string, mode: 'share' | 'update'): Promise<StocktakeRow | undefined> {
  const lock = mode === 'share' ? sql`for share` : sql`for update`;
  const r = await sql<StocktakeRow>`select id, name, as_of::text as as_of, root_unit_id, status, created_by, created_at, closed_at from equipment_stocktake where id = ${id} ${lock}`.execute(db);
  return r.rows[0];
}

/** Locks a unit's row of the campaign (its count, its confirmation) until the end of the transaction. */
export async function lockStocktakeUnit(db: Db, id: string, unitId: string) {
  const r = await sql<{ confirmed_at: Date | null }>`
    select confirmed_at from equipment_stocktake_unit where stocktake_id = ${id} and org_unit_id = ${unitId} for update`.execute(db);
  return r.rows[0];
}

export interface StocktakeListRow extends StocktakeRow {
  root_code: string;
  root_name: string;
  units: number;
  confirmed: number;
}

/**
 * Campaigns the actor sees: those whose scope root is in the actor's scope, or (with `covering`) those
 * that cover a unit — whose root is the unit, above it or below it. The caller checked `covering`.
 */
export async function listStocktakes(db: Db, f: { scope: Scope; covering?: string; status?: string }): Promise<StocktakeListRow[]> {
  const where = [
    f.covering
      ? sql`(exists (select 1 from org_unit_closure c where c.ancestor_id = s.root_unit_id and c.descendant_id = ${f.covering})
          or exists (select 1 from org_unit_closure c where c.ancestor_id = ${f.covering} and c.descendant_id = s.root_unit_id))`
      : inScope(f.scope, sql.ref('s.root_unit_id')),
  ];
  if (f.status) where.push(sql`s.status = ${f.status}`);
  const r = await sql<StocktakeListRow>`
    select s.id, s.name, s.as_of::text as as_of, s.root_unit_id, s.status, s.created_by, s.created_at, s.closed_at,
           u.code as root_code, u.name as root_name,
           (select count(*)::int from equipment_stocktake_unit su where su.stocktake_id = s.id and ${heldOrCounted(sql.ref('su.org_unit_id'))}) as units,
           (select count(*)::int from equipment_stocktake_unit su where su.stocktake_id = s.id and su.confirmed_at is not null) as confirmed
      from equipment_stocktake s join org_unit u on u.id = s.root_unit_id
     where ${sql.join(where, sql` and `)}
     order by s.as_of desc, s.created_at desc
     limit 500`.execute(db);
  return r.rows;
}

/** The unit holds assets of the campaign's book list or has lines in it (needs `s` as the campaign). */
function heldOrCounted(unit: ReturnType<typeof sql.ref>) {
  return sql`(exists (select 1 from equipment_asset a where a.org_unit_id = ${unit} and a.status <> all(${GONE}::text[]) and a.acquired <= s.as_of)
    or exists (select 1 from equipment_stocktake_line l where l.stocktake_id = s.id and l.org_unit_id = ${unit}))`;
}

export interface StocktakeUnitRow {
  org_unit_id: string;
  code: string;
  name: string;
  kind: string;
  confirmed_at: Date | null;
  confirmed_by: string | null;
  signers: { role: string; name: string }[] | null;
  held: number;
  marked: number;
  surplus: number;
}

/** The units of a campaign with their progress (all of them, or those in `unitIds`). */
export async function stocktakeUnits(db: Db, id: string, unitIds?: readonly string[]): Promise<StocktakeUnitRow[]> {
  const only = unitIds ? sql` and su.org_unit_id = any(${[...unitIds]}::text[])` : sql``;
  const r = await sql<StocktakeUnitRow>`
    select su.org_unit_id, u.code, u.name, u.kind, su.confirmed_at, su.confirmed_by, su.signers,
           (select count(*)::int from equipment_asset a where a.org_unit_id = su.org_unit_id and a.status <> all(${GONE}::text[]) and a.acquired <= s.as_of) as held,
           (select count(*)::int from equipment_stocktake_line l join equipment_asset a on a.id = l.asset_id
             where l.stocktake_id = s.id and l.org_unit_id = su.org_unit_id and a.org_unit_id = su.org_unit_id
               and a.status <> all(${GONE}::text[]) and a.acquired <= s.as_of) as marked,
           (select count(*)::int from equipment_stocktake_line l where l.stocktake_id = s.id and l.org_unit_id = su.org_unit_id and l.outcome = 'surplus') as surplus
      from equipment_stocktake_unit su
      join equipment_stocktake s on s.id = su.stocktake_id
      join org_unit u on u.id = su.org_unit_id
     where su.stocktake_id = ${id}${only}
     order by u.code`.execute(db);
  return r.rows;
}

export async function stocktakeUnit(db: Db, id: string, unitId: string) {
  return db.selectFrom('equipment_stocktake_unit').selectAll().where('stocktake_id', '=', id).where('org_unit_id', '=', unitId).executeTakeFirst();
}

export interface HeldAssetRow {
  id: string;
  tag: string;
  name: string;
  org_unit_id: string;
  category_code: string;
  category_name: string;
  category_name_en: string;
  wear_class: string;
  counted: boolean;
  status: AssetStatus;
  quantity: number;
  cost: number;
  acquired: string;
  life_years: number | null;
  room: string | null;
  serial: string | null;
  version: number;
}

/** The book list: assets the units hold (not disposed of or transferred) acquired on or before `asOf`. */
export async function heldAssets(db: Db, unitIds: readonly string[], asOf: string): Promise<HeldAssetRow[]> {
  if (!unitIds.length) return [];
  const r = await sql<HeldAssetRow>`
    select a.id, a.tag, a.name, a.org_unit_id, a.category_code, k.name as category_name, k.name_en as category_name_en,
           k.wear_class, k.counted, a.status, a.quantity, a.cost::float8 as cost, a.acquired::text as acquired, a.life_years,
           a.room, a.serial, a.version
      from equipment_asset a join equipment_category k on k.code = a.category_code
     where a.org_unit_id = any(${[...unitIds]}::text[]) and a.status <> all(${GONE}::text[]) and a.acquired <= ${asOf}::date
     order by a.org_unit_id, a.tag`.execute(db);
  return r.rows;
}

export interface LineListRow extends LineRow {
  category_name: string | null;
  category_name_en: string | null;
}

/** A campaign's lines (of the units in `unitIds`, or all). */
export async function lines(db: Db, id: string, unitIds?: readonly string[]): Promise<LineListRow[]> {
  const only = unitIds ? sql` and l.org_unit_id = any(${[...unitIds]}::text[])` : sql``;
  const r = await sql<LineListRow>`
    select l.*, k.name as category_name, k.name_en as category_name_en
      from equipment_stocktake_line l left join equipment_category k on k.code = l.category_code
     where l.stocktake_id = ${id}${only}
     order by l.org_unit_id, l.updated_at, l.id`.execute(db);
  return r.rows;
}

export async function getLine(db: Db, id: string) {
  return db.selectFrom('equipment_stocktake_line').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Writes the line of an asset (replacing the one it had in this campaign). */
export async function upsertAssetLine(db: Db, row: {
  id: string; stocktake_id: string; org_unit_id: string; asset_id: string; outcome: 'found' | 'missing'; condition: string | null; counted: number | null;
  note: string | null; book_status: string; book_quantity: number; updated_by: string | null;
}) {
  await sql`
    insert into equipment_stocktake_line (id, stocktake_id, org_unit_id, asset_id, outcome, condition, counted, note, book_status, book_quantity, updated_by)
    values (${row.id}, ${row.stocktake_id}, ${row.org_unit_id}, ${row.asset_id}, ${row.outcome}, ${row.condition}, ${row.counted}, ${row.note},
            ${row.book_status}, ${row.book_quantity}, ${row.updated_by})
    on conflict (stocktake_id, asset_id) where asset_id is not null do update
       set org_unit_id = excluded.org_unit_id, outcome = excluded.outcome, condition = excluded.condition, counted = excluded.counted,
           note = excluded.note, book_status = excluded.book_status, book_quantity = excluded.book_quantity,
           updated_by = excluded.updated_by, updated_at = now(), applied_at = null, applied_by = null`.execute(db);
}

export async function insertSurplus(db: Db, row: { id: string; stocktake_id: string; org_unit_id: string; description: string; category_code: string; condition: string; counted: number; note: string | null; updated_by: string | null }) {
  await db.insertInto('equipment_stocktake_line').values({ ...row, outcome: 'surplus', asset_id: null } as never).execute();
}

/** Changes a surplus line of the unit; false when it has none with this id. */
export async function updateSurplus(db: Db, id: string, stocktakeId: string, unitId: string, set: { description: string; category_code: string; condition: string; counted: number; note: string | null; updated_by: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('equipment_stocktake_line')
    .set({ ...set, updated_at: sql`now()` } as never)
    .where('id', '=', id).where('stocktake_id', '=', stocktakeId).where('org_unit_id', '=', unitId).where('outcome', '=', 'surplus')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Removes surplus lines of the unit; answers how many. */
export async function deleteSurplus(db: Db, ids: readonly string[], stocktakeId: string, unitId: string): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .deleteFrom('equipment_stocktake_line')
    .where('id', 'in', [...ids]).where('stocktake_id', '=', stocktakeId).where('org_unit_id', '=', unitId).where('outcome', '=', 'surplus')
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function setUnitConfirmation(db: Db, id: string, unitId: string, c: { confirmed_at: Date | null; confirmed_by: string | null; signers: string | null }) {
  await db.updateTable('equipment_stocktake_unit').set(c).where('stocktake_id', '=', id).where('org_unit_id', '=', unitId).execute();
}

export async function closeStocktake(db: Db, id: string) {
  await db.updateTable('equipment_stocktake').set({ status: 'closed', closed_at: sql`now()` } as never).where('id', '=', id).execute();
}

/** Marks a line's difference applied; false when it already was. */
export async function markApplied(db: Db, lineId: string, userId: string | null): Promise<boolean> {
  const r = await db.updateTable('equipment_stocktake_line').set({ applied_at: sql`now()` as never, applied_by: userId })
    .where('id', '=', lineId).where('applied_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ------------------------------------------------------------------ proposals

export interface ProposalListRow extends ProposalRow {
  tag: string;
  asset_name: string;
  category_code: string;
  category_name: string;
  category_name_en: string;
  asset_status: AssetStatus;
  cost: number;
  quantity: number;
  acquired: string;
  fully_worn_on: string | null;
  asset_unit_id: string;
}

const PROPOSAL_SELECT = sql`
    select p.*, p.residual::float8 as residual, p.repair_estimate::float8 as repair_estimate,
           a.tag, a.name as asset_name, a.category_code, k.name as category_name, k.name_en as category_name_en,
           a.status as asset_status, a.cost::float8 as cost, a.quantity, a.acquired::text as acquired,
           a.fully_worn_on::text as fully_worn_on, a.org_unit_id as asset_unit_id
      from equipment_proposal p
      join equipment_asset a on a.id = p.asset_id
      join equipment_category k on k.code = a.category_code`;

export async function getProposal(db: Db, id: string): Promise<ProposalListRow | undefined> {
  const r = await sql<ProposalListRow>`${PROPOSAL_SELECT} where p.id = ${id}`.execute(db);
  return r.rows[0];
}

/**
 * Proposals whose sending or receiving unit is in the actor's scope (and, with `unit`, in that unit's
 * subtree, which the caller checked). Newest first.
 */
export async function listProposals(db: Db, f: { scope: Scope; unit?: string; kind?: string; status?: string; asset?: string; date: string }): Promise<ProposalListRow[]> {
  const where = [sql`(${inScope(f.scope, sql.ref('p.from_unit_id'))} or (p.to_unit_id is not null and ${inScope(f.scope, sql.ref('p.to_unit_id'))}))`];
  if (f.unit) {
    where.push(sql`exists (select 1 from org_unit_closure c where c.ancestor_id = ${f.unit} and c.valid_from <= ${f.date}::date and c.valid_to > ${f.date}::date
      and (c.descendant_id = p.from_unit_id or c.descendant_id = p.to_unit_id))`);
  }
  if (f.kind) where.push(sql`p.kind = ${f.kind}`);
  if (f.status) where.push(sql`p.status = ${f.status}`);
  if (f.asset) where.push(sql`p.asset_id = ${f.asset}`);
  const r = await sql<ProposalListRow>`${PROPOSAL_SELECT} where ${sql.join(where, sql` and `)} order by p.created_at desc limit 1000`.execute(db);
  return r.rows;
}

export async function openProposalOf(db: Db, assetId: string) {
  return db.selectFrom('equipment_proposal').select(['id', 'kind', 'status']).where('asset_id', '=', assetId)
    .where('status', 'in', ['proposed', 'approved', 'handed_over']).executeTakeFirst();
}

export async function insertProposal(db: Db, row: Omit<ProposalRow, 'status' | 'created_at' | 'decision_no' | 'decided_by' | 'decided_at' | 'decision_note' | 'handed_over_at' | 'handed_over_by' | 'accepted_at' | 'accepted_by'>) {
  await db.insertInto('equipment_proposal').values(row).execute();
}

/** Moves a proposal on from `from` (false when it is no longer there: someone acted meanwhile). */
export async function updateProposal(db: Db, id: string, from: ProposalRow['status'], set: Partial<Record<keyof ProposalRow, unknown>>): Promise<boolean> {
  const r = await db.updateTable('equipment_proposal').set(set as never).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Whether a corrective work order on the asset was closed as beyond repair. */
export async function closedBeyondRepair(db: Db, assetId: string): Promise<boolean> {
  const r = await db.selectFrom('equipment_work_order').select('id').where('asset_id', '=', assetId)
    .where('status', '=', 'done').where('outcome', '=', 'beyond_repair').limit(1).executeTakeFirst();
  return r !== undefined;
}
