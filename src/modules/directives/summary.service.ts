// The follow-up summary ("Tổng hợp kết quả thực hiện"): per unit — the children of a unit, each with
// its subtree — or per document, the tasks in each bucket (done on time, done late, in progress
// within the deadline, overdue, no deadline; due soon besides), % on time and average days late.
// Within the caller's scope: per unit, the parent must be in scope; per document, only tasks led by
// units in scope are counted.
import ExcelJS from 'exceljs';
import { requireAccess, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { validation } from '../../core/errors.js';
import { translate } from '../../core/i18n.js';
import { parse } from '../../core/input.js';
import { safeCell } from '../../lib/spreadsheet.js';
import { SummaryQuery, type Summary, type SummaryRow } from './directives.contract.js';
import * as summaryRepo from './summary.repo.js';
import { clockOf } from './task-view.js';
import { unitIdOf } from './tasks.service.js';

export async function getSummary(ctx: Ctx, input: unknown): Promise<Summary> {
  requirePermission(ctx, 'task:read');
  const q = parse(SummaryQuery, input);
  if (q.from && q.to && q.to < q.from) throw validation({ to: 'directive.rangeReversed' });
  const clock = await clockOf(ctx);
  const db = ctx.use(summaryRepo);
  const filter = { ...clock, from: q.from, to: q.to, documents: q.document ? [q.document] : undefined };
  let counted: [Pick<SummaryRow, 'unit' | 'document'>, summaryRepo.CountRow | undefined][];
  if (q.groupBy === 'unit') {
    const parent = q.parent ? await unitIdOf(ctx, q.parent) : scopeOf(ctx).root ?? (await rootUnit(ctx));
    await requireAccess(ctx, { unit: parent });
    const [counts, kids, [self]] = await Promise.all([db.countsByUnit(parent, filter), db.childUnits(parent, clock.today), db.unitHeads([parent])]);
    const byKey = new Map(counts.map((c) => [c.key, c]));
    // The parent's own tasks first (a row only when it has some), then each child with its subtree.
    const units = [...(byKey.has(parent) ? [self] : []), ...kids];
    counted = units.map((u) => [{ unit: { id: u.id, code: u.code, name: u.name } }, byKey.get(u.id)]);
  } else {
    const counts = await db.countsByDocument(scopeOf(ctx), filter);
    const heads = new Map((await db.documentHeads(counts.map((c) => c.key))).map((d) => [d.id, d]));
    counted = counts
      .map((c): [Pick<SummaryRow, 'document'>, summaryRepo.CountRow] => {
        const d = heads.get(c.key)!;
        return [{ document: { id: d.id, kind: d.kind, number: d.number, date: d.issued_on, title: d.title } }, c];
      })
      .sort((a, b) => b[0].document!.date.localeCompare(a[0].document!.date));
  }
  const total = { ...EMPTY };
  for (const [, c] of counted) if (c) for (const k of COUNT_KEYS) total[k] += c[k];
  return {
    from: q.from ?? null, to: q.to ?? null, today: clock.today, dueSoonDays: ctx.config.dueSoonWorkingDays,
    rows: counted.map(([head, c]) => row(c, head)), total: row(total, {}),
  };
}

async function rootUnit(ctx: Ctx): Promise<string> {
  const [root] = await ctx.use(summaryRepo).rootUnits();
  if (!root) throw validation({ parent: 'directive.noUnits' });
  return root.id;
}

const EMPTY: summaryRepo.CountRow = { key: '', done_on_time: 0, done_late: 0, in_progress: 0, overdue: 0, no_deadline: 0, due_soon: 0, late_days: 0, late_count: 0 };

function row(c: summaryRepo.CountRow | undefined, head: Pick<SummaryRow, 'unit' | 'document'>): SummaryRow {
  const x = c ?? EMPTY;
  const finished = x.done_on_time + x.done_late;
  return {
    ...head,
    total: x.done_on_time + x.done_late + x.in_progress + x.overdue + x.no_deadline,
    doneOnTime: x.done_on_time,
    doneLate: x.done_late,
    inProgress: x.in_progress,
    overdue: x.overdue,
    noDeadline: x.no_deadline,
    dueSoon: x.due_soon,
    onTimeRate: finished ? Math.round((1000 * x.done_on_time) / finished) / 10 : null,
    averageDaysLate: x.late_count ? Math.round((10 * x.late_days) / x.late_count) / 10 : null,
  };
}

const COUNT_KEYS = ['done_on_time', 'done_late', 'in_progress', 'overdue', 'no_deadline', 'due_soon', 'late_days', 'late_count'] as const;

// ---------------------------------------------------------------------------------------------
// Excel

const COLUMNS = ['doneOnTime', 'doneLate', 'inProgress', 'overdue', 'noDeadline', 'total', 'dueSoon', 'onTimeRate', 'averageDaysLate'] as const;

export async function summaryWorkbook(ctx: Ctx, input: unknown): Promise<{ content: Buffer; disposition: string }> {
  const s = await getSummary(ctx, input);
  const t = (key: string) => translate(`directive.summary.${key}`, ctx.locale);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t('sheet'));
  const byUnit = s.rows.length === 0 || s.rows[0].unit !== undefined;
  ws.addRow([t('title')]).font = { bold: true, size: 14 };
  ws.addRow([`${t('asOf')} ${s.today.split('-').reverse().join('/')}${s.from || s.to ? ` · ${t('deadlines')} ${fmt(s.from)} – ${fmt(s.to)}` : ''}`]);
  ws.addRow([]);
  const header = ws.addRow([t('no'), byUnit ? t('unit') : t('document'), ...COLUMNS.map(t)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  s.rows.forEach((r, i) => {
    const name = r.unit ? r.unit.name : `${r.document!.number ?? ''} ${r.document!.date.split('-').reverse().join('/')} ${r.document!.title ?? ''}`.trim();
    ws.addRow([i + 1, safeCell(name), ...COLUMNS.map((k) => r[k])]);
  });
  const total = ws.addRow(['', t('total'), ...COLUMNS.map((k) => s.total[k])]);
  total.font = { bold: true };
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 48;
  for (let c = 3; c <= COLUMNS.length + 2; c++) ws.getColumn(c).width = 14;
  ws.getColumn(COLUMNS.length + 1).numFmt = '0.0';
  ws.getColumn(COLUMNS.length + 2).numFmt = '0.0';
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  return { content, disposition: `attachment; filename="tong-hop-thuc-hien-nhiem-vu-${s.today}.xlsx"` };
}

const fmt = (d: string | null) => (d ? d.split('-').reverse().join('/') : '…');
