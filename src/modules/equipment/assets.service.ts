// The asset register: create, change, list and read assets, their value as of a date and their
// history. Access (through the kernel's one check): a unit's assets are read by anyone whose scope
// holds the unit; a station reports on its own (equipment:report); its centre manages them
// (equipment:manage on a unit in scope today). The other parts of the module (care, stock, import)
// load assets through `assetFor` and change their status through `changeStatus`, so every change is
// checked and lands in the history the same way.
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { canAccess, requireAccess, requireActorUser, requirePermission, scopeOf, type AccessRule } from '../../core/access.js';
import type { Ctx, Permission } from '../../core/context.js';
import { AppError, conflict, notFound, validation } from '../../core/errors.js';
import { cleanText, parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { searchKey } from '../../lib/text.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import { CATEGORIES, CATEGORY_GROUPS, STATION_STANDARD } from './catalogue.js';
import {
  AssetQuery, CreateAssetInput, FUNCTIONAL_STATUSES, GONE_STATUSES, StatusInput, UpdateAssetInput, ValueQuery,
  type AssetDetail, type AssetList, type AssetStatus, type AssetSummary, type AssetValue, type Category,
} from './equipment.contract.js';
import * as repo from './equipment.repo.js';
import type { AssetListRow, AssetRow, UnitInfo } from './equipment.repo.js';
import { fullyWornOn, isFixedAsset, valueAsOf, type WearInput } from './wear.js';
import { ruleSetOn, type WearClass } from './wear.rules.js';
import { contentDisposition } from '../../lib/files.js';

/** Photos and documents of one asset: each file and all of them together. */
export const FILE_MAX_MB = 10;
export const ASSET_FILES_MAX_MB = 50;

// ------------------------------------------------------------------ catalogue

/**
 * Loads the catalogue and the example station list into the database when missing: at start-up, and
 * by the demo loader, which runs before the modules' start-up work on a first start.
 */
export function ensureDefaultCatalogue(ctx: Ctx) {
  return ensureCatalogue(ctx, [{ unitKind: 'station', items: STATION_STANDARD }]);
}

/** Loads the catalogue and the given standard lists into the database when missing. */
export async function ensureCatalogue(ctx: Ctx, standard: { unitKind: string; items: readonly { code: string; name: string; nameEn: string; categories: string[]; required: number; essential: boolean }[] }[]) {
  await ctx.use(repo).ensureCategories(
    CATEGORIES.map((c, i) => ({ code: c.code, group_code: c.group, name: c.name, name_en: c.nameEn, risk_class: c.riskClass, wear_class: c.wearClass, counted: !!c.counted, position: i })),
  );
  for (const s of standard) {
    await ctx.use(repo).seedStandardItems(
      s.unitKind,
      s.items.map((x, i) => ({ id: uid(), code: x.code, name: x.name, name_en: x.nameEn, categories: x.categories, required: x.required, essential: x.essential, position: i })),
    );
  }
}

export async function listCategories(ctx: Ctx): Promise<{ categories: Category[]; groups: { code: string; name: string }[] }> {
  requirePermission(ctx, 'equipment:read');
  const rows = await ctx.use(repo).listCategories();
  const en = ctx.locale === 'en';
  return {
    categories: rows.map((r) => ({
      code: r.code, group: r.group_code, groupName: groupName(r.group_code, en), name: en ? r.name_en : r.name,
      riskClass: r.risk_class, wearClass: r.wear_class, counted: r.counted,
    })),
    groups: Object.entries(CATEGORY_GROUPS).map(([code, g]) => ({ code, name: en ? g.nameEn : g.name })),
  };
}

function groupName(code: string, en: boolean): string {
  const g = CATEGORY_GROUPS[code];
  return g ? (en ? g.nameEn : g.name) : code;
}

// ------------------------------------------------------------------ access

export type AssetAccess = 'read' | 'report' | 'manage';
const PERMISSION: Record<AssetAccess, Permission> = { read: 'equipment:read', report: 'equipment:report', manage: 'equipment:manage' };

/** The access rule for acting on a unit's assets: reading keeps history readable; acting needs the unit today. */
export function ruleFor(unitId: string, access: AssetAccess, today = todayVn()): AccessRule {
  return access === 'read' ? { permission: PERMISSION.read, unit: unitId } : { permission: PERMISSION[access], unit: unitId, asOf: today };
}

/** An asset, after the kernel's check that the actor may read, report on or manage it. */
export async function assetFor(ctx: Ctx, id: string, access: AssetAccess): Promise<AssetRow> {
  requirePermission(ctx, PERMISSION[access]);
  const a = await ctx.use(repo).getAsset(id);
  if (!a) throw notFound('asset', id);
  await requireAccess(ctx, ruleFor(a.org_unit_id, access));
  return a;
}

/** A unit (id or code) the actor may act on; the actor's own unit when none is given. */
export async function unitFor(ctx: Ctx, ref: string | undefined, access: AssetAccess, date = todayVn()): Promise<UnitInfo> {
  requirePermission(ctx, PERMISSION[access]);
  const r = ref ?? scopeOf(ctx).root ?? undefined;
  if (!r) throw validation({ orgUnit: 'field.required' });
  const u = await ctx.use(repo).findUnit(r);
  if (!u) throw notFound('orgUnit', r);
  await requireAccess(ctx, access === 'read' ? { permission: PERMISSION.read, unit: u.id, asOf: date } : ruleFor(u.id, access, date));
  return u;
}

// ------------------------------------------------------------------ history

export interface Change {
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  note?: string | null;
}

/** Writes one entry of an asset's history (and the audit log); returns the event id. */
export async function recordEvent(ctx: Ctx, assetId: string, tag: string, c: Change): Promise<number> {
  const id = await ctx.use(repo).insertEvent({
    asset_id: assetId, action: c.action, before: c.before ?? null, after: c.after ?? null, note: c.note ?? null,
    user_id: ctx.actor.id, username: ctx.actor.id ? ctx.actor.username : null,
  });
  await audit(ctx, { action: `equipment.${c.action}`, entityType: 'equipment_asset', entityId: assetId, entityCode: tag, before: c.before ?? undefined, after: c.after ?? undefined });
  return id;
}

/**
 * Sets an asset's status (and any other columns given) if it is still at `version` (CONFLICT when
 * someone changed it meanwhile), and writes the history. For the other parts of the module (work
 * orders, inspections, stocktaking, liquidation, transfer); the caller has checked access.
 */
export async function changeStatus(
  ctx: Ctx, a: AssetRow, status: AssetStatus, c: Omit<Change, 'before' | 'after'> & { set?: Partial<AssetRow>; on?: string },
): Promise<AssetRow> {
  const on = c.on ?? todayVn();
  const set: Partial<AssetRow> = { ...c.set, ...(status !== a.status ? { status, status_since: on } : {}) };
  const row = await ctx.use(repo).updateAsset(a.id, a.version, set, ctx.actor.id);
  if (!row) throw conflict('equipment.staleAsset');
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of Object.keys(set) as (keyof AssetRow)[]) {
    if (k === 'status_since' || k === 'search_key') continue;
    before[k] = a[k];
    after[k] = row[k];
  }
  await recordEvent(ctx, a.id, a.tag, { action: c.action, before, after, note: c.note });
  return row;
}

// ------------------------------------------------------------------ wear

async function wearClassOf(ctx: Ctx, category: string): Promise<WearClass> {
  const k = await ctx.use(repo).getCategory(category);
  return (k?.wear_class ?? 'other') as WearClass;
}

function wearInput(a: Pick<AssetRow, 'cost' | 'acquired' | 'life_years'>, wearClass: WearClass): WearInput {
  return { cost: Number(a.cost), acquired: a.acquired, wearClass, lifeYearsOverride: a.life_years };
}

/** What the search finds an asset by: its name, tag, serial and model, without case or tone marks. */
export function assetSearchKey(a: { name: string; tag: string; serial: string | null; model: string | null }): string {
  return searchKey([a.name, a.tag, a.serial, a.model].filter(Boolean).join(' '));
}

/** Whether it is a fixed asset and when it becomes fully worn: derived columns, recomputed on change. */
export function derivedColumns(cost: number, acquired: string, lifeYears: number | null, wearClass: WearClass): { fixed_asset: boolean; fully_worn_on: string | null } {
  const life = lifeYears ?? ruleSetOn(acquired).classes[wearClass].lifeYears;
  const fixed = isFixedAsset(cost, life, acquired, wearClass);
  return { fixed_asset: fixed, fully_worn_on: fixed ? fullyWornOn({ cost, acquired, wearClass, lifeYearsOverride: lifeYears }) : null };
}

export async function assetValue(ctx: Ctx, id: string, input: unknown): Promise<AssetValue> {
  const q = parse(ValueQuery, input);
  const a = await assetFor(ctx, id, 'read');
  const date = q.date ?? todayVn();
  const v = valueAsOf(wearInput(a, await wearClassOf(ctx, a.category_code)), date);
  return { cost: v.cost, accumulatedWear: v.accumulatedWear, residual: v.residual, date, fixedAsset: v.fixedAsset, fullyWorn: v.fullyWorn, years: v.years };
}

// ------------------------------------------------------------------ create, change

async function checkCategory(ctx: Ctx, code: string) {
  const k = await ctx.use(repo).getCategory(code);
  if (!k) throw validation({ category: 'equipment.unknownCategory' });
  return k;
}

/** A tag for a new asset: the unit's code and the next number, e.g. TYT15877-0012. */
async function newTag(ctx: Ctx, unit: UnitInfo): Promise<string> {
  const n = await ctx.use(repo).nextTagNumber(unit.code);
  return `${unit.code}-${String(n).padStart(4, '0')}`;
}

export async function createAsset(ctx: Ctx, input: unknown): Promise<AssetDetail> {
  const row = await addAsset(ctx, input);
  return getAsset(ctx, row.id);
}

/** Writes a new asset (checks, tag, history, the hooks) and returns its row: createAsset without the answer (imports). */
export async function addAsset(ctx: Ctx, input: unknown): Promise<AssetRow> {
  const x = parse(CreateAssetInput, input);
  const today = todayVn();
  const unit = await unitFor(ctx, x.orgUnit, 'manage', today);
  const k = await checkCategory(ctx, x.category);
  if (x.acquired > today) throw validation({ acquired: 'equipment.acquiredInFuture' });
  if (x.quantity > 1 && !k.counted) throw validation({ quantity: 'equipment.notCounted' });
  const id = uid();
  return ctx.transaction(async (tx) => {
    const tag = x.tag ?? (await newTag(tx, unit));
    if (await tx.use(repo).tagTaken(tag)) throw validation({ tag: 'equipment.tagTaken' });
    const row = await tx.use(repo).insertAsset({
      id, tag, org_unit_id: unit.id, room: x.room, category_code: k.code, name: x.name, risk_class: x.riskClass ?? k.risk_class,
      make: x.make, model: x.model, serial: x.serial, year_made: x.yearMade, origin: x.origin, supplier: x.supplier,
      acquired: x.acquired, cost: x.cost, funding: x.funding, warranty_until: x.warrantyUntil, accessories: x.accessories,
      quantity: x.quantity, life_years: x.lifeYears, ...derivedColumns(x.cost, x.acquired, x.lifeYears, k.wear_class as WearClass),
      status: x.status, status_since: today, notes: x.notes, created_by: ctx.actor.id, updated_by: ctx.actor.id,
      search_key: assetSearchKey({ name: x.name, tag, serial: x.serial, model: x.model }),
    });
    await recordEvent(tx, id, row.tag, { action: 'create', after: { ...x, tag: row.tag, orgUnit: unit.code } });
    await onCreated(tx, row);
    return row;
  });
}

/** Hooks other parts of the module register to act on a new asset (e.g. its inspection schedules). */
const createdHooks: ((ctx: Ctx, a: AssetRow) => Promise<void>)[] = [];
export function onAssetCreated(hook: (ctx: Ctx, a: AssetRow) => Promise<void>): void {
  createdHooks.push(hook);
}
async function onCreated(ctx: Ctx, a: AssetRow) {
  for (const h of createdHooks) await h(ctx, a);
}

const COLUMN: Record<string, keyof AssetRow> = {
  tag: 'tag', room: 'room', category: 'category_code', name: 'name', riskClass: 'risk_class', make: 'make', model: 'model', serial: 'serial',
  yearMade: 'year_made', origin: 'origin', supplier: 'supplier', acquired: 'acquired', cost: 'cost', funding: 'funding',
  warrantyUntil: 'warranty_until', accessories: 'accessories', quantity: 'quantity', lifeYears: 'life_years', notes: 'notes',
};

export async function updateAsset(ctx: Ctx, id: string, input: unknown): Promise<AssetDetail> {
  const x = parse(UpdateAssetInput, input);
  const a = await assetFor(ctx, id, 'manage');
  if (GONE_STATUSES.includes(a.status)) throw conflict('equipment.assetGone');
  const set: Partial<AssetRow> = {};
  for (const [k, col] of Object.entries(COLUMN)) {
    const v = (x as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (k === 'tag' && v === null) continue;
    if (a[col] !== v) (set as Record<string, unknown>)[col] = v;
  }
  if (set.acquired && set.acquired > todayVn()) throw validation({ acquired: 'equipment.acquiredInFuture' });
  const k = await checkCategory(ctx, set.category_code ?? a.category_code);
  if ((set.quantity ?? a.quantity) > 1 && !k.counted) throw validation({ quantity: 'equipment.notCounted' });
  if (set.tag && (await ctx.use(repo).tagTaken(set.tag, a.id))) throw validation({ tag: 'equipment.tagTaken' });
  if ('name' in set || 'tag' in set || 'serial' in set || 'model' in set) {
    set.search_key = assetSearchKey({ name: set.name ?? a.name, tag: set.tag ?? a.tag, serial: set.serial !== undefined ? set.serial : a.serial, model: set.model !== undefined ? set.model : a.model });
  }
  if ('cost' in set || 'acquired' in set || 'life_years' in set || 'category_code' in set) {
    Object.assign(set, derivedColumns(Number(set.cost ?? a.cost), set.acquired ?? a.acquired, set.life_years !== undefined ? set.life_years : a.life_years, k.wear_class as WearClass));
  }
  if (!Object.keys(set).length) return getAsset(ctx, id);
  await ctx.transaction((tx) => changeStatus(tx, { ...a, version: x.version }, a.status, { action: 'update', set, note: x.note }));
  return getAsset(ctx, id);
}

/** A manager puts an asset back in use, marks it idle or broken (work orders do it for repairs). */
export async function setStatus(ctx: Ctx, id: string, input: unknown): Promise<AssetDetail> {
  const x = parse(StatusInput, input);
  const a = await assetFor(ctx, id, 'manage');
  if (!['in_use', 'idle', 'broken'].includes(a.status)) throw conflict('equipment.statusLocked', undefined, { status: a.status });
  await ctx.transaction((tx) => changeStatus(tx, { ...a, version: x.version }, x.status, { action: 'status', note: x.note }));
  return getAsset(ctx, id);
}

// ------------------------------------------------------------------ read

function summary(r: AssetListRow): AssetSummary {
  return {
    id: r.id, tag: r.tag, name: r.name, category: r.category_code, categoryName: r.category_name, status: r.status,
    cost: Number(r.cost), quantity: r.quantity, acquired: r.acquired, orgUnit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    room: r.room, riskClass: r.risk_class, fullyWornOn: r.fully_worn_on, nextDue: r.next_due,
  };
}

/** A filtered list is counted up to this many matches ("hơn 10.000"). */
const COUNT_CAP = 10_000;

const STATUS_FILTER: Record<string, { statuses?: readonly AssetStatus[]; exclude?: readonly AssetStatus[] }> = {
  functional: { statuses: FUNCTIONAL_STATUSES },
  gone: { statuses: GONE_STATUSES },
  all: {},
};

/**
 * The assets of a unit and its whole subtree (as it stands today), those no longer held (disposed,
 * transferred) left out unless asked for. `paging=false` answers every asset (the contract for other
 * tools); otherwise a page with its pager.
 */
export async function listAssets(ctx: Ctx, input: unknown): Promise<AssetList> {
  const q = parse(AssetQuery, input);
  const date = todayVn();
  const unit = await unitFor(ctx, q.orgUnit, 'read', date);
  const st = q.status ? (STATUS_FILTER[q.status] ?? { statuses: [q.status as AssetStatus] }) : { exclude: GONE_STATUSES };
  const f: repo.AssetFilter = {
    root: unit.id, date, q: q.q ? searchKey(q.q) : undefined, category: q.category, group: q.group, statuses: st.statuses, excludeStatuses: st.exclude, fullyWornOn: q.fullyWornOn,
  };
  if (q.paging === 'false') return { assets: (await ctx.use(repo).listAssets(f)).map(summary) };
  if (f.q) f.unitIds = await ctx.use(repo).subtreeUnitIds(unit.id, date);
  const [rows, count] = await Promise.all([
    ctx.use(repo).listAssets({ ...f, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    ctx.use(repo).countAssets(f, COUNT_CAP),
  ]);
  const { total, capped } = count;
  return { assets: rows.map(summary), pager: { page: q.page, pageSize: q.pageSize, total, pageCount: Math.ceil(total / q.pageSize), ...(capped ? { totalIsAtLeast: true } : {}) } };
}

export async function getAsset(ctx: Ctx, id: string): Promise<AssetDetail> {
  const a = await assetFor(ctx, id, 'read');
  return detail(ctx, a);
}

/** An asset by its label's tag (what a scanned QR label opens). */
export async function getAssetByTag(ctx: Ctx, tag: string): Promise<AssetDetail> {
  requirePermission(ctx, 'equipment:read');
  const a = await ctx.use(repo).getAssetByTag(tag);
  if (!a) throw notFound('asset', tag);
  await requireAccess(ctx, ruleFor(a.org_unit_id, 'read'));
  return detail(ctx, a);
}

async function detail(ctx: Ctx, a: AssetRow): Promise<AssetDetail> {
  const r = ctx.use(repo);
  const [units, k, events, files, due] = await Promise.all([
    r.unitsByIds([a.org_unit_id]), r.getCategory(a.category_code), r.listEvents(a.id), r.listFiles(a.id), r.nextDueOf([a.id]),
  ]);
  const u = units.get(a.org_unit_id)!;
  const wc = (k?.wear_class ?? 'other') as WearClass;
  const date = todayVn();
  const v = valueAsOf(wearInput(a, wc), date);
  const [manage, report] = await Promise.all([canAccess(ctx, ruleFor(a.org_unit_id, 'manage', date)), canAccess(ctx, ruleFor(a.org_unit_id, 'report', date))]);
  return {
    id: a.id, tag: a.tag, name: a.name, category: a.category_code, categoryName: (ctx.locale === 'en' ? k?.name_en : k?.name) ?? a.category_code,
    status: a.status, cost: Number(a.cost), quantity: a.quantity, acquired: a.acquired, orgUnit: { id: u.id, code: u.code, name: u.name },
    room: a.room, riskClass: a.risk_class, fullyWornOn: a.fully_worn_on, nextDue: due.get(a.id) ?? null,
    make: a.make, model: a.model, serial: a.serial, yearMade: a.year_made, origin: a.origin, supplier: a.supplier, funding: a.funding,
    warrantyUntil: a.warranty_until, accessories: a.accessories, lifeYears: a.life_years, fixedAsset: a.fixed_asset, statusSince: a.status_since,
    notes: a.notes, version: a.version,
    value: { cost: v.cost, accumulatedWear: v.accumulatedWear, residual: v.residual, date, fixedAsset: v.fixedAsset, fullyWorn: v.fullyWorn, years: v.years },
    files: files.map((f) => ({ id: f.id, kind: f.kind, fileName: f.file_name, size: f.size, at: new Date(f.created_at).toISOString() })),
    history: events.map((e) => ({ id: e.id, action: e.action, before: e.before, after: e.after, note: e.note, user: e.username, at: new Date(e.at).toISOString() })),
    can: { manage: manage && !GONE_STATUSES.includes(a.status), report: report && !GONE_STATUSES.includes(a.status) },
  };
}

// ------------------------------------------------------------------ files

const UploadQuery = z.object({ kind: z.enum(['photo', 'document']).default('photo'), event: z.string().max(30).optional() });

export interface UploadedFile {
  fileName: string;
  mime: string;
  stream: Readable;
}

/**
 * Adds a photo or document to an asset: managers any, a station its photos (of a breakdown …).
 * Each file at most FILE_MAX_MB, all of an asset's files at most ASSET_FILES_MAX_MB; photos must be
 * images. `event` ties the file to an entry of the history (a reported breakdown).
 */
export async function uploadFile(ctx: Ctx, id: string, query: unknown, file: UploadedFile | undefined, eventId?: number): Promise<{ id: string; size: number }> {
  const q = parse(UploadQuery, query);
  const user = requireActorUser(ctx);
  const a = await assetFor(ctx, id, q.kind === 'photo' ? 'report' : 'manage');
  if (!file) throw validation({ file: 'equipment.fileMissing' });
  const content = await readLimited(file.stream, FILE_MAX_MB * 1024 * 1024);
  if (!content.length) throw validation({ file: 'equipment.fileEmpty' });
  const mime = cleanText(file.mime || 'application/octet-stream').slice(0, 100);
  if (q.kind === 'photo' && !/^image\/(jpeg|png|webp|gif|heic|heif)$/.test(mime)) throw validation({ file: 'equipment.notAPhoto' });
  const used = await ctx.use(repo).fileBytesOf(a.id);
  if (used + content.length > ASSET_FILES_MAX_MB * 1024 * 1024) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'equipment.assetFilesFull', { maxMb: ASSET_FILES_MAX_MB }, { max: ASSET_FILES_MAX_MB });
  }
  const fid = uid();
  const fileName = cleanText(file.fileName || (q.kind === 'photo' ? 'anh.jpg' : 'tai-lieu')).slice(0, 200);
  await ctx.transaction(async (tx) => {
    const ev = eventId ?? (q.event ? Number(q.event) : null);
    await tx.use(repo).insertFile({
      id: fid, asset_id: a.id, kind: q.kind, file_name: fileName, mime, size: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'), content, event_id: Number.isInteger(ev) ? ev : null, created_by: user,
    });
    await recordEvent(tx, a.id, a.tag, { action: 'file', after: { kind: q.kind, fileName, size: content.length } });
  });
  return { id: fid, size: content.length };
}

async function readLimited(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.resume();
      throw new AppError('PAYLOAD_TOO_LARGE', 'equipment.fileTooLarge', { maxMb: FILE_MAX_MB }, { max: FILE_MAX_MB });
    }
    chunks.push(chunk as Buffer);
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'equipment.fileTooLarge', { maxMb: FILE_MAX_MB }, { max: FILE_MAX_MB });
  return Buffer.concat(chunks);
}

export async function downloadFile(ctx: Ctx, assetId: string, fileId: string): Promise<{ content: Buffer; mime: string; disposition: string }> {
  const a = await assetFor(ctx, assetId, 'read');
  const f = await ctx.use(repo).getFile(fileId);
  if (!f || f.asset_id !== a.id) throw notFound('file', fileId);
  return { content: f.content, mime: f.mime, disposition: contentDisposition(f.file_name, f.kind === 'photo' ? 'inline' : 'attachment') };
}
