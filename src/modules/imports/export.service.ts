// Export of data values in DHIS2's dataValueSets shapes (JSON, CSV), limited to the actor's scope.
import { requirePermission, scopeOf, unitsInScope } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, notFound, outOfScope } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { parsePeriod } from '../../lib/periods.js';
import { safeCell } from '../../lib/spreadsheet.js';
import { CSV_COLUMNS, ExportQuery, type DataValueSet, type ExportedValue } from './imports.contract.js';
import * as exportRepo from './export.repo.js';
import * as subtreeRepo from './subtree.repo.js';

export type { DataValueSet, ExportedValue } from './imports.contract.js';

/** Values of the requested data sets / elements, periods and units, in DHIS2's shape. */
export async function exportDataValues(ctx: Ctx, input: unknown): Promise<DataValueSet> {
  requirePermission(ctx, 'data:read');
  const q = parse(ExportQuery, input);
  if (!q.dataSet?.length && !q.dataElement?.length) throw new AppError('VALIDATION_FAILED', 'imports.export.needDataSet', { fields: { dataSet: 'field.required' } });
  if (!q.orgUnit?.length) throw new AppError('VALIDATION_FAILED', 'imports.export.needOrgUnit', { fields: { orgUnit: 'field.required' } });
  if (!q.period?.length && !(q.startDate && q.endDate)) {
    throw new AppError('VALIDATION_FAILED', 'imports.export.needPeriod', { fields: { period: 'field.required' } });
  }
  const periods = (q.period ?? []).map((p) => {
    const pp = parsePeriod(p);
    if (!pp) throw new AppError('VALIDATION_FAILED', 'imports.export.badPeriod', { fields: { period: 'field.invalid' } }, { period: p });
    return pp;
  });
  const base = q.idScheme ?? 'uid';
  const deScheme = q.dataElementIdScheme ?? base;
  const ouScheme = q.orgUnitIdScheme ?? base;
  const cocScheme = q.categoryOptionComboIdScheme ?? base;
  const repo = ctx.use(exportRepo);

  // Data sets and elements, by uid or code.
  const elementIids = new Set<number>();
  let dataSetOut: string | undefined;
  if (q.dataSet?.length) {
    const sets = await repo.dataSetsByKeys(q.dataSet);
    for (const k of q.dataSet) if (!sets.some((s) => s.id === k || s.code === k)) throw notFound('dataSet', k);
    if (sets.length === 1) dataSetOut = (q.dataSetIdScheme ?? base) === 'code' ? sets[0].code : sets[0].id;
    for (const iid of await repo.elementIidsOfDataSets(sets.map((s) => s.id))) elementIids.add(iid);
  }
  if (q.dataElement?.length) {
    const els = await repo.elementsByKeys(q.dataElement);
    for (const k of q.dataElement) if (!els.some((s) => s.id === k || s.code === k)) throw notFound('dataElement', k);
    for (const e of els) elementIids.add(e.iid);
  }

  // Units: each must exist and be readable by the actor (in their subtree at some time).
  const units = await repo.unitsByKeys(q.orgUnit);
  for (const k of q.orgUnit) if (!units.some((u) => u.id === k || u.code === k)) throw notFound('orgUnit', k);
  const readable = await unitsInScope(ctx, units.map((u) => u.id));
  if (units.some((u) => !readable.has(u.id))) throw outOfScope();
  const unitIds = units.map((u) => u.id);
  const descendants = q.children || q.includeDescendants;
  if (elementIids.size === 0) return { dataSet: dataSetOut, dataValues: [] };

  const from = periods.length ? periods.reduce((a, p) => (p.start < a ? p.start : a), periods[0].start) : q.startDate!;
  const to = periods.length ? periods.reduce((a, p) => (p.end > a ? p.end : a), periods[0].end) : q.endDate!;
  const max = ctx.config.maxExportCells;
  const rows = await repo.exportRows({
    elementIids: [...elementIids],
    periods: periods.map((p) => p.iso),
    startDate: q.startDate,
    endDate: q.endDate,
    units: descendants ? { intervals: await ctx.use(subtreeRepo).descendantIntervals(unitIds, from, to) } : { ids: unitIds },
    scope: scopeOf(ctx),
    limit: max + 1,
  });
  if (rows.length > max) throw new AppError('QUERY_TOO_LARGE', 'imports.export.tooMany', { maxValues: max }, { count: `> ${max.toLocaleString('en-US')}` });

  const pick = (s: string, id: string, code: string | null) => (s === 'code' ? (code ?? id) : id);
  const dataValues = rows.map((v) => {
    const out: ExportedValue = {
      dataElement: pick(deScheme, v.de_id, v.de_code),
      period: v.iso,
      orgUnit: pick(ouScheme, v.ou_id, v.ou_code),
      categoryOptionCombo: pick(cocScheme, v.co_id, v.co_code),
      attributeOptionCombo: pick(cocScheme, v.ao_id, v.ao_code),
      value: v.value,
      storedBy: v.stored_by,
      created: new Date(v.created).toISOString(),
      lastUpdated: new Date(v.last_updated).toISOString(),
      followup: v.follow_up,
    };
    if (v.comment) out.comment = v.comment;
    return out;
  });
  return {
    ...(dataSetOut ? { dataSet: dataSetOut } : {}),
    ...(periods.length === 1 ? { period: periods[0].iso } : {}),
    ...(units.length === 1 && !descendants ? { orgUnit: pick(ouScheme, units[0].id, units[0].code) } : {}),
    dataValues,
  };
}

/** A CSV field: neutralised against formula injection (lib/spreadsheet.ts), quoted when it needs to be. */
function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? safeCell(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * DHIS2 CSV (with a header row). Text a spreadsheet would run as a formula (= + - @ …) gets a leading
 * apostrophe; plain numbers such as -5 stay as they are. The import removes that apostrophe again.
 */
export function toCsv(set: DataValueSet): string {
  const parts = [CSV_COLUMNS.join(',') + '\n'];
  for (const v of set.dataValues) {
    const fields = [v.dataElement, v.period, v.orgUnit, v.categoryOptionCombo, v.attributeOptionCombo, v.value, v.storedBy, v.lastUpdated, v.comment ?? '', v.followup, false];
    parts.push(fields.map(csvField).join(',') + '\n');
  }
  return parts.join('');
}
