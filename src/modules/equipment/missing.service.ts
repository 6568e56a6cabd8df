// The missing list: each unit's standard list (by unit kind, editable) against its functional stock
// (assets in use or idle, quantities summed over the categories an item accepts). For one station,
// missing = max(0, required − functional). For a centre or the province the stations' lists are added
// up unit by unit: a surplus at one station does not fill another's gap, so `missing` is the sum of
// the stations' gaps and `required − functional` may differ from it.
import ExcelJS from 'exceljs';
import { canAccess, requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { notFound, outOfScope } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { registerFigure, type FigureValue } from '../analytics/figures.js';
import { audit } from '../audit/audit.service.js';
import { unitFor } from './assets.service.js';
import { FUNCTIONAL_STATUSES, MissingQuery, ProcurementQuery, StandardItemInput, type MissingItem, type MissingList, type StandardList } from './equipment.contract.js';
import * as repo from './equipment.repo.js';
import type { UnitInfo } from './equipment.repo.js';

/** Unit kinds that have a standard list. */
export const STANDARD_KINDS = ['station', 'health_centre'] as const;

interface UnitGap {
  unit: UnitInfo;
  items: MissingItem[];
}

/** Each unit below `root` (itself included) that has a standard list, with its items. */
async function gapsBelow(ctx: Ctx, root: UnitInfo, date: string, essentialOnly: boolean): Promise<UnitGap[]> {
  const r = ctx.use(repo);
  const out: UnitGap[] = [];
  for (const kind of STANDARD_KINDS) {
    let standard = await r.standardItems(kind);
    if (essentialOnly) standard = standard.filter((s) => s.essential);
    if (!standard.length) continue;
    const units = root.kind === kind ? [root] : await r.unitsOfKindBelow(root.id, kind, date);
    if (!units.length) continue;
    const stock = new Map<string, Map<string, number>>();
    for (const row of await r.functionalByUnitCategory(units.map((u) => u.id), date, FUNCTIONAL_STATUSES)) {
      let m = stock.get(row.unit_id);
      if (!m) stock.set(row.unit_id, (m = new Map()));
      m.set(row.category_code, row.n);
    }
    const en = ctx.locale === 'en';
    for (const u of units) {
      const m = stock.get(u.id);
      out.push({
        unit: u,
        items: standard.map((s) => {
          const functional = s.categories.reduce((n, c) => n + (m?.get(c) ?? 0), 0);
          return { item: (en && s.name_en) || s.name, code: s.code, required: s.required, functional, missing: Math.max(0, s.required - functional), essential: s.essential };
        }),
      });
    }
  }
  return out;
}

/** Adds the units' lists item by item (same code). */
function addUp(gaps: UnitGap[]): MissingItem[] {
  const by = new Map<string, MissingItem>();
  for (const g of gaps) {
    for (const i of g.items) {
      const t = by.get(i.code);
      if (!t) by.set(i.code, { ...i });
      else {
        t.required += i.required;
        t.functional += i.functional;
        t.missing += i.missing;
      }
    }
  }
  return [...by.values()];
}

export async function missingList(ctx: Ctx, input: unknown): Promise<MissingList> {
  const q = parse(MissingQuery, input);
  const date = q.date ?? todayVn();
  const unit = await unitFor(ctx, q.orgUnit, 'read', date);
  const gaps = await gapsBelow(ctx, unit, date, q.essential === 'true');
  return { orgUnit: { id: unit.id, code: unit.code, name: unit.name }, date, items: addUp(gaps) };
}

/**
 * For each asked unit, how many of the stations below it (on `date`) lack at least one essential item
 * of the station standard list: the figure "stations missing essential items". One pass over all
 * the units below the asked ones, whatever their number.
 */
export async function unitsMissingEssentials(ctx: Ctx, unitIds: readonly string[], date: string): Promise<Map<string, FigureValue>> {
  const r = ctx.use(repo);
  const lacking = new Map<string, number>();
  const counted = new Map<string, number>();
  for (const kind of ['station'] as const) {
    const essential = (await r.standardItems(kind)).filter((s) => s.essential);
    if (!essential.length) continue;
    const pairs = await r.unitsOfKindUnder(unitIds, kind, date);
    const below = [...new Set(pairs.map((p) => p.id))];
    const stock = new Map<string, number>();
    for (const row of await r.functionalByUnitCategory(below, date, FUNCTIONAL_STATUSES)) stock.set(`${row.unit_id}|${row.category_code}`, row.n);
    const lacks = new Set(below.filter((u) => essential.some((s) => s.categories.reduce((n, c) => n + (stock.get(`${u}|${c}`) ?? 0), 0) < s.required)));
    for (const p of pairs) {
      counted.set(p.top, (counted.get(p.top) ?? 0) + 1);
      if (lacks.has(p.id)) lacking.set(p.top, (lacking.get(p.top) ?? 0) + 1);
    }
  }
  const out = new Map<string, FigureValue>();
  for (const u of unitIds) if (counted.get(u)) out.set(u, { value: lacking.get(u) ?? 0 });
  return out;
}

registerFigure({
  code: 'EQ_STATIONS_MISSING_ESSENTIAL',
  name: 'Số trạm y tế còn thiếu trang thiết bị thiết yếu',
  nameEn: 'Stations missing essential equipment',
  kind: 'count',
  module: 'equipment',
  compute: unitsMissingEssentials,
});

/**
 * The procurement proposal for `year` in Excel: one sheet adding up every unit's gaps, one with each
 * unit's missing items. The unit price is an estimate: the median cost of the category's assets
 * bought in the last five years in the register (empty when there are none).
 */
export async function procurementWorkbook(ctx: Ctx, input: unknown): Promise<{ content: Buffer; fileName: string }> {
  const q = parse(ProcurementQuery, input);
  const date = q.date ?? todayVn();
  const year = q.year ?? Number(date.slice(0, 4)) + 1;
  const unit = await unitFor(ctx, q.orgUnit, 'read', date);
  const gaps = await gapsBelow(ctx, unit, date, q.essential === 'true');
  const total = addUp(gaps);
  const standard = new Map<string, string[]>();
  for (const kind of STANDARD_KINDS) for (const s of await ctx.use(repo).standardItems(kind)) standard.set(s.code, s.categories);
  const prices = await ctx.use(repo).medianCosts([...new Set([...standard.values()].flat())], `${Number(date.slice(0, 4)) - 5}-01-01`);
  const priceOf = (code: string) => {
    const cs = (standard.get(code) ?? []).map((c) => prices.get(c)).filter((p): p is number => p != null);
    return cs.length ? Math.min(...cs) : null;
  };
  const en = ctx.locale === 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'soyte';
  const head = (ws: ExcelJS.Worksheet, title: string, cols: { header: string; width: number }[]) => {
    ws.addRow([title]).font = { bold: true, size: 13 };
    ws.addRow([en ? `${unit.name} — as of ${date}` : `${unit.name} — tính đến ngày ${date.split('-').reverse().join('/')}`]);
    ws.addRow([]);
    const h = ws.addRow(cols.map((c) => c.header));
    h.font = { bold: true };
    cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
    ws.views = [{ state: 'frozen', ySplit: 4 }];
  };
  const money = '#,##0';
  const sum = wb.addWorksheet(en ? 'Proposal' : 'Đề xuất');
  head(sum, en ? `EQUIPMENT PROCUREMENT PROPOSAL FOR ${year}` : `ĐỀ XUẤT MUA SẮM TRANG THIẾT BỊ NĂM ${year}`, [
    { header: en ? 'No.' : 'STT', width: 6 }, { header: en ? 'Item' : 'Tên thiết bị', width: 44 }, { header: en ? 'Required' : 'Định mức', width: 11 },
    { header: en ? 'Functional' : 'Hiện có (hoạt động)', width: 14 }, { header: en ? 'To buy' : 'Số lượng đề xuất', width: 14 },
    { header: en ? 'Unit price (est.)' : 'Đơn giá dự kiến (đồng)', width: 20 }, { header: en ? 'Amount (est.)' : 'Thành tiền dự kiến (đồng)', width: 22 },
  ]);
  let n = 0;
  let grand = 0;
  for (const i of total.filter((x) => x.missing > 0)) {
    const p = priceOf(i.code);
    const amount = p == null ? null : p * i.missing;
    if (amount) grand += amount;
    const row = sum.addRow([++n, i.item, i.required, i.functional, i.missing, p, amount]);
    row.getCell(6).numFmt = money;
    row.getCell(7).numFmt = money;
  }
  const t = sum.addRow(['', en ? 'Total' : 'Tổng cộng', '', '', '', '', grand]);
  t.font = { bold: true };
  t.getCell(7).numFmt = money;
  const per = wb.addWorksheet(en ? 'By unit' : 'Theo đơn vị');
  head(per, en ? 'MISSING ITEMS BY UNIT' : 'THIẾT BỊ CÒN THIẾU THEO ĐƠN VỊ', [
    { header: en ? 'Unit' : 'Đơn vị', width: 36 }, { header: en ? 'Item' : 'Tên thiết bị', width: 44 }, { header: en ? 'Required' : 'Định mức', width: 11 },
    { header: en ? 'Functional' : 'Hiện có (hoạt động)', width: 14 }, { header: en ? 'Missing' : 'Còn thiếu', width: 11 },
  ]);
  for (const g of gaps) for (const i of g.items.filter((x) => x.missing > 0)) per.addRow([g.unit.name, i.item, i.required, i.functional, i.missing]);
  await audit(ctx, { action: 'equipment.procurementExport', entityType: 'org_unit', entityId: unit.id, entityCode: unit.code, details: { year, date } });
  return { content: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `De xuat mua sam TTB ${year} - ${unit.code}.xlsx` };
}

// ------------------------------------------------------------------ the standard lists (editable)

export async function getStandard(ctx: Ctx, unitKind: string): Promise<StandardList> {
  requirePermission(ctx, 'equipment:read');
  if (!(STANDARD_KINDS as readonly string[]).includes(unitKind)) throw notFound('standard', unitKind);
  const rows = await ctx.use(repo).standardItems(unitKind);
  return {
    unitKind,
    items: rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, categories: r.categories, required: r.required, essential: r.essential })),
    canEdit: await editsStandards(ctx),
  };
}

/** The Department (a user whose scope holds a root of the tree) edits the standard lists for every unit of a kind. */
async function editsStandards(ctx: Ctx): Promise<boolean> {
  for (const id of await ctx.use(repo).rootUnitIds(todayVn())) if (await canAccess(ctx, { permission: 'equipment:standard', unit: id })) return true;
  return false;
}

async function requireDepartment(ctx: Ctx) {
  if (await editsStandards(ctx)) return;
  requirePermission(ctx, 'equipment:standard');
  throw outOfScope();
}

export async function putStandardItem(ctx: Ctx, input: unknown) {
  await requireDepartment(ctx);
  const x = parse(StandardItemInput, input);
  const r = ctx.use(repo);
  for (const c of x.categories) if (!(await r.getCategory(c))) throw notFound('category', c);
  await r.upsertStandardItem({ id: uid(), unit_kind: x.unitKind, code: x.code, name: x.name, name_en: x.nameEn, categories: x.categories, required: x.required, essential: x.essential });
  await audit(ctx, { action: 'equipment.standardItem', entityType: 'equipment_standard_item', entityId: `${x.unitKind}:${x.code}`, after: x });
  return getStandard(ctx, x.unitKind);
}

export async function deleteStandardItem(ctx: Ctx, unitKind: string, code: string) {
  await requireDepartment(ctx);
  if (!(await ctx.use(repo).deleteStandardItem(unitKind, code))) throw notFound('standard', `${unitKind}/${code}`);
  await audit(ctx, { action: 'equipment.standardItemDelete', entityType: 'equipment_standard_item', entityId: `${unitKind}:${code}` });
  return getStandard(ctx, unitKind);
}
