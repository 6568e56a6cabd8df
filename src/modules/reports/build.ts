// Template + a report's own data (free texts, number, date, signer) + figures → ReportDocument.
// Pure: no database, no HTTP. Every expression becomes text here, in Vietnamese:
// numbers vi-VN (509.591; 8,7), phrases ("tăng 24 ca so với cùng kỳ", "đạt 8,7 % kế hoạch",
// "bằng cùng kỳ"), and "chưa có số liệu" wherever a figure is missing — never 0, NaN or undefined.
import { own } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { formatDateVn, nextRange, periodLabel, previousRange, quarterRange, type PeriodRange } from '../../lib/periods.js';
import { NO_DATA, type DocBlock, type Figure, type ReportDocument, type Run } from './document.js';
import { completenessSentence, withheldReason, type Completeness } from './completeness.js';
import { itemList, parseCall, parseText, type Call, type Piece } from './expressions.js';
import type { Figures, Needs, RangeKey } from './figures.js';
import { formatNumber } from './numbers.js';
import { countsRuns, noTasksParagraph, summaryRows, taskListTable, taskSetKey, taskSummaryTable, type TaskSet, type TaskSetKey } from './task-blocks.js';
import type { Measure, TemplateBlock, TemplateDefinition } from './template.schema.js';

export interface BuildContext {
  template: TemplateDefinition;
  unit: { id: string; code: string; name: string };
  parentName: string;
  place: string;
  subunits: { id: string; name: string }[];
  range: PeriodRange;
  figures: Figures;
  report: { number: string | null; issuedOn: string | null; signer: string | null; texts: Record<string, string>; draft: boolean };
  /** Consolidated blocks: key → the sub-units' texts (units without one listed in `missing`). */
  consolidated: Map<string, { entries: { unit: string; text: string }[]; missing: string[] }>;
  /** Task blocks: the tasks of each source and time ('led:period', 'assigned:next' …) the template shows. */
  tasks: Map<TaskSetKey, TaskSet>;
  /** Which sub-units reported the period's forms (null: nothing expected of sub-units, or not known). */
  completeness?: Completeness | null;
  generatedAt: string;
}

export const NO_PLAN = 'chưa có kế hoạch';
/** Room to write the day and month by hand on a draft (non-breaking, so HTML keeps it). */
const BLANK = ` ${'\u00a0'.repeat(6)} `;
export const NO_BASE = 'chưa có số liệu cùng kỳ';
export const NO_COMPARISON = 'chưa có số liệu để so sánh';

// ---------------------------------------------------------------- numbers

export { formatNumber };

// ---------------------------------------------------------------- expressions

interface Evaluated {
  text: string;
  value: number | null;
  missing: boolean;
  /** The figure alone, without the words around it ("269" for "là 269 bệnh nhân"): the frozen copy's text. */
  plain?: string;
  /** Set for figures (data-driven values), for the frozen copy and the differences. */
  figure?: { key: string; label: string };
}

const MEASURE_LABEL: Record<string, string> = {
  value: 'thực hiện',
  ytd: 'lũy kế từ đầu năm',
  lastYear: 'cùng kỳ năm trước',
  lastYearYtd: 'lũy kế cùng kỳ năm trước',
  previous: 'kỳ trước',
  target: 'kế hoạch năm',
  pctPlan: '% kế hoạch',
  ofPlan: '% kế hoạch',
  vsLastYear: 'so với cùng kỳ',
  vsPrevious: 'so với kỳ trước',
  changePct: '% thay đổi',
  changeLastYear: 'chênh lệch so với cùng kỳ',
};

/** "tháng trước", "quý trước", "năm trước"; otherwise the previous period by name ("6 tháng cuối năm 2023"). */
function previousWord(range: PeriodRange): string {
  if (range.kind === 'Monthly') return 'tháng trước';
  if (range.kind === 'Quarterly') return 'quý trước';
  if (range.kind === 'Yearly') return 'năm trước';
  return periodLabel(previousRange(range));
}

/** What "next period" means in a report: after 9 months comes the fourth quarter, not next year's 9 months. */
export function followingRange(r: PeriodRange): PeriodRange {
  return r.kind === 'NineMonths' ? quarterRange(r.to.year, 4) : nextRange(r);
}

function upperVi(s: string) {
  return s.toLocaleUpperCase('vi');
}

/**
 * The year a report is written in when it carries no date yet: the day it is written, but never
 * before the period has ended (a December report written in January is dated in the new year; a
 * May report drafted years later still reads "năm 2024", the year of the day after the period).
 */
export function writtenOn(ctx: BuildContext): string {
  const d = new Date(`${ctx.range.end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  const after = d.toISOString().slice(0, 10);
  const today = todayVn(new Date(ctx.generatedAt));
  return today < after ? today : after;
}

/** A figure with the words around it: "là 235 bệnh nhân"; only the number when `unit`/`before` are absent. */
function wrap(text: string, o: Record<string, string>): string {
  const before = o.before ? `${o.before} ` : '';
  const unit = o.unit ? `${/^[/)]/.test(o.unit) || o.unit === 'đ' ? '' : ' '}${o.unit}` : '';
  return `${before}${text}${unit}`;
}

/** How far through the year the plan should be at the end of the range (% of the annual target). */
function planPace(range: PeriodRange, basis: 'period' | 'ytd'): number {
  const months = basis === 'ytd' ? range.to.month : (range.to.year - range.from.year) * 12 + range.to.month - range.from.month + 1;
  return Math.min(100, (months / 12) * 100);
}

/** Evaluates one call for a unit (the report's unit unless a table row says otherwise). */
function evaluate(call: Call, ctx: BuildContext, ou = ctx.unit.id): Evaluated {
  const o = call.options;
  const f = ctx.figures;
  const dec = (fallback?: number) => (o.decimals !== undefined ? Number(o.decimals) : fallback);
  const words = (text: string): Evaluated => ({ text, value: null, missing: false });
  if (!call.item) {
    switch (call.fn) {
      case 'unit':
        return words(o.upper === 'yes' ? upperVi(ctx.unit.name) : ctx.unit.name);
      case 'parent':
        return words(o.upper === 'yes' ? upperVi(ctx.parentName) : ctx.parentName);
      case 'place':
        return words(o.upper === 'yes' ? upperVi(ctx.place) : ctx.place);
      case 'subunits':
        return words(ctx.subunits.map((s) => s.name).join(', '));
      case 'subunitCount':
        return words(String(ctx.subunits.length));
      case 'completeness': {
        // only=missing: nothing when every sub-unit reported.
        const c = ctx.completeness;
        return words(o.only === 'missing' && (!c || c.reported >= c.expected) ? '' : completenessSentence(c, ctx.range));
      }
      case 'planJudgement':
        return planJudgement(call, ctx);
      case 'period': {
        const r = o.of === 'next' ? followingRange(ctx.range) : ctx.range;
        // Headings write the month as seed 001 does: "THÁNG 5 NĂM 2024", not "THÁNG 05".
        let text = o.style === 'title' ? upperVi(periodLabel(r, 'vi')) : periodLabel(r, 'vi');
        if (o.year === 'no') text = text.replace(/ (năm|NĂM) \d{4}$/, '');
        return words(text);
      }
      case 'periodEnd': {
        const [y, m, d] = ctx.range.end.split('-').map(Number);
        return words(`${d}/${m}/${y}`);
      }
      case 'year':
        return words(String(ctx.range.to.year));
      case 'reportDate':
        return words(ctx.report.issuedOn ? formatDateVn(ctx.report.issuedOn) : `ngày … tháng … năm ${writtenOn(ctx).slice(0, 4)}`);
      default:
        return words('');
    }
  }
  const item = f.items.get(call.item);
  const name = item?.name ?? call.item;
  // A share read from a register (analytics/figures.ts) is a percent: one decimal and "%" ("87,5 %");
  // its change is in percentage points.
  const share = item?.kind === 'figure' && item.figureKind === 'share';
  const defaultDecimals = item?.kind === 'indicator' || share ? (item!.decimals ?? 1) : undefined;
  const optionKey = Object.keys(o)
    .filter((k) => !['decimals', 'round', 'pad', 'zero', 'unit', 'before'].includes(k))
    .sort()
    .map((k) => `${k}=${o[k]}`)
    .join(',');
  const figure = { key: `${call.fn}:${call.item}${optionKey ? `:${optionKey}` : ''}${ou === ctx.unit.id ? '' : `@${ou}`}`, label: `${name} — ${MEASURE_LABEL[call.fn] ?? call.fn}` };
  const missing = (text = NO_DATA): Evaluated => ({ text, value: null, missing: true, figure });
  const number = (v: number, text: string): Evaluated => ({ text, value: v, missing: false, figure });
  // A total whose parts are listed (births = boys + girls) is missing when any part is: a missing
  // part is never counted as 0.
  const parts = itemList(o.parts);
  const get = (range: RangeKey) => {
    const v = f.value(call.item!, range, ou);
    return v === null || parts.some((p) => f.value(p, range, ou) === null) ? null : v;
  };
  // Below the completeness threshold a comparison would compare a partial total: withheld. A register
  // figure is not reported on forms: never withheld.
  const withheld = item?.kind === 'figure' ? null : withheldReason(ctx.completeness, ou === ctx.unit.id ? null : ou);

  switch (call.fn) {
    case 'value':
    case 'ytd':
    case 'lastYear':
    case 'target': {
      const v =
        call.fn === 'target' ? f.target(call.item, ou) : get(call.fn === 'value' ? ((o.period as RangeKey | undefined) ?? 'current') : call.fn);
      if (v === null) return missing(call.fn === 'target' ? NO_PLAN : NO_DATA);
      if (v === 0 && o.zero !== undefined) return number(0, wrap(o.zero, { ...(o.unit ? { unit: o.unit } : {}) }));
      let text = formatNumber(v, dec(defaultDecimals), o.round === 'floor' ? 'floor' : 'half');
      if (o.pad !== undefined && Number.isInteger(v) && v >= 0) text = text.padStart(Number(o.pad), '0');
      return { ...number(v, wrap(text, share && o.unit === undefined ? { ...o, unit: '%' } : o)), plain: text };
    }
    case 'rest': {
      // What the listed parts leave of the total ("khác"), printed only when there is some.
      const total = get('current');
      const listed = itemList(o.minus).map((p) => f.value(p, 'current', ou));
      if (total === null || listed.some((x) => x === null)) return { text: '', value: null, missing: true, figure };
      const rest = Number((total - listed.reduce((a: number, b) => a + b!, 0)).toPrecision(12));
      if (rest <= 0) return number(rest, '');
      let text = formatNumber(rest);
      if (o.pad !== undefined && Number.isInteger(rest)) text = text.padStart(Number(o.pad), '0');
      return number(rest, wrap(text, o));
    }
    case 'pctPlan':
    case 'ofPlan': {
      const target = f.target(call.item, ou);
      const v = get(o.basis === 'period' ? 'current' : 'ytd');
      // ofPlan of a missing value says nothing: the value itself already reads "chưa có số liệu".
      if (v === null) return missing(call.fn === 'ofPlan' ? '' : NO_DATA);
      if (target === null || target === 0) return missing(NO_PLAN);
      if (withheld) return missing(call.fn === 'pctPlan' ? '–' : `chưa so sánh được với kế hoạch do ${withheld}`);
      const pct = (v / target) * 100;
      const text = formatNumber(pct, dec(1));
      return number(pct, call.fn === 'pctPlan' ? text : `đạt ${text} % kế hoạch${o.unit ? ` ${o.unit}` : ''}`);
    }
    case 'vsLastYear':
    case 'vsPrevious': {
      const ytd = call.fn === 'vsLastYear' && o.basis === 'ytd';
      const v = get(ytd ? 'ytd' : 'current');
      const base = get(call.fn === 'vsPrevious' ? 'previous' : ytd ? 'lastYearYtd' : 'lastYear');
      const against = call.fn === 'vsPrevious' ? previousWord(ctx.range) : 'cùng kỳ';
      if (v === null) return missing(NO_COMPARISON);
      if (withheld) return missing(`chưa so sánh được do ${withheld}`);
      if (base === null) return missing(call.fn === 'vsPrevious' ? NO_COMPARISON : NO_BASE);
      const diff = Number((v - base).toPrecision(12));
      const d = dec(defaultDecimals);
      const shown = formatNumber(Math.abs(diff), d);
      if (shown === formatNumber(0, d)) return number(0, call.fn === 'vsPrevious' ? `bằng ${against}` : 'bằng cùng kỳ');
      const unit = o.unit ? ` ${o.unit}` : share ? ' điểm phần trăm' : '';
      return number(diff, `${diff > 0 ? 'tăng' : 'giảm'} ${shown}${unit} so với ${against}`);
    }
    case 'changePct': {
      const v = get('current');
      const base = get(o.compare === 'previous' ? 'previous' : 'lastYear');
      if (v === null) return missing(NO_COMPARISON);
      if (withheld) return missing(`chưa so sánh được do ${withheld}`);
      if (base === null) return missing(NO_COMPARISON);
      if (base === 0) {
        // No percentage of nothing: say what happened.
        const against = o.compare === 'previous' ? previousWord(ctx.range) : 'cùng kỳ';
        return v === 0 ? number(0, 'không thay đổi') : number(v, `${v > 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.abs(v), dec(defaultDecimals))} (${against}: 0)`);
      }
      const pct = ((v - base) / base) * 100;
      const shown = formatNumber(Math.abs(pct), dec(1));
      if (shown === formatNumber(0, dec(1))) return number(0, 'không thay đổi');
      return number(pct, `${pct > 0 ? 'tăng' : 'giảm'} ${shown} %`);
    }
    default:
      return missing();
  }
}

/** A table cell: one measure of one item for one unit. */
function measureCell(measure: Measure, item: string, basis: 'period' | 'ytd' | undefined, decimals: number | undefined, ctx: BuildContext, ou: string): Evaluated {
  const options: Record<string, string> = {};
  if (decimals !== undefined) options.decimals = String(decimals);
  // Register figures are not reported on forms: their comparisons are never withheld.
  const isFigure = ctx.figures.items.get(item)?.kind === 'figure';
  let fn: Call['fn'];
  switch (measure) {
    case 'value':
    case 'ytd':
    case 'lastYear':
    case 'target':
      fn = measure;
      break;
    case 'lastYearYtd':
    case 'previous':
      fn = 'value';
      options.period = measure;
      break;
    case 'pctPlan':
      fn = 'pctPlan';
      if (basis) options.basis = basis;
      break;
    case 'changeLastYear': {
      if (!isFigure && withheldReason(ctx.completeness, ou === ctx.unit.id ? null : ou)) return { text: '–', value: null, missing: true };
      const v = ctx.figures.value(item, 'current', ou);
      const base = ctx.figures.value(item, 'lastYear', ou);
      if (v === null || base === null) return { text: '–', value: null, missing: true };
      const diff = Number((v - base).toPrecision(12));
      return { text: `${diff > 0 ? '+' : diff < 0 ? '−' : ''}${formatNumber(Math.abs(diff), decimals)}`, value: diff, missing: false };
    }
    case 'changePct': {
      if (!isFigure && withheldReason(ctx.completeness, ou === ctx.unit.id ? null : ou)) return { text: '–', value: null, missing: true };
      const v = ctx.figures.value(item, 'current', ou);
      const base = ctx.figures.value(item, 'lastYear', ou);
      if (v === null || base === null || (base === 0 && v !== 0)) return { text: '–', value: null, missing: true };
      const pct = base === 0 ? 0 : ((v - base) / base) * 100;
      return { text: `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${formatNumber(Math.abs(pct), decimals ?? 1)}`, value: pct, missing: false };
    }
  }
  const e = evaluate({ fn, item, options, pos: 0, source: '' }, ctx, ou);
  return e.missing ? { ...e, text: '–' } : e;
}

// ---------------------------------------------------------------- text → runs

interface Collector {
  figures: Map<string, Figure>;
}

const PADDED: readonly string[] = ['value', 'ytd', 'lastYear', 'target', 'rest'];

/**
 * One sentence, one way of writing numbers: when a figure of a sentence is zero-padded ("02", the
 * seed's way for staff counts), so are the other counts of that sentence ("Bác sỹ 05; Điều dưỡng 06").
 */
function padSentences(pieces: Piece[], ctx: BuildContext): Piece[] {
  const sentenceOf: number[] = [];
  let n = 0;
  for (const p of pieces) {
    sentenceOf.push(n);
    if (p.kind === 'text') n += (p.text.match(/\.(\s|$)/g) ?? []).length;
  }
  const pad = new Map<number, string>();
  pieces.forEach((p, i) => {
    if (p.kind === 'call' && PADDED.includes(p.call.fn) && p.call.options.pad !== undefined) {
      pad.set(sentenceOf[i]!, String(Math.max(Number(p.call.options.pad), Number(pad.get(sentenceOf[i]!) ?? 0))));
    }
  });
  if (pad.size === 0) return pieces;
  return pieces.map((p, i) => {
    const want = pad.get(sentenceOf[i]!);
    if (p.kind !== 'call' || want === undefined || !PADDED.includes(p.call.fn) || p.call.options.pad !== undefined || p.call.options.decimals !== undefined) return p;
    const kind = p.call.item ? ctx.figures.items.get(p.call.item)?.figureKind ?? ctx.figures.items.get(p.call.item)?.kind : undefined;
    if (kind === 'indicator' || kind === 'share') return p;
    return { ...p, call: { ...p.call, options: { ...p.call.options, pad: want } } };
  });
}

function piecesToRuns(pieces: Piece[], ctx: BuildContext, col: Collector): Run[] {
  const runs: Run[] = [];
  for (const p of padSentences(pieces, ctx)) {
    const marks = { ...(p.bold ? { bold: true } : {}), ...(p.italic ? { italic: true } : {}) };
    if (p.kind === 'text') {
      runs.push({ text: p.text, ...marks });
      continue;
    }
    const e = evaluate(p.call, ctx);
    // A phrase that says nothing takes its leading space with it ("… chưa có số liệu ." → "….").
    const prev = runs.at(-1);
    if (e.text === '' && prev && / $/.test(prev.text)) runs[runs.length - 1] = { ...prev, text: prev.text.replace(/ +$/, '') };
    if (e.figure) col.figures.set(e.figure.key, { key: e.figure.key, label: e.figure.label, value: e.value, text: e.plain ?? e.text });
    runs.push({ text: e.text, ...marks, ...(e.missing ? { missing: true } : {}), ...(e.figure ? { figure: e.figure.key } : {}) });
  }
  return runs;
}

/** A template text as plain text (header fields, summary, table titles): marks dropped. */
export function plainText(text: string, ctx: BuildContext, col: Collector = { figures: new Map() }): string[] {
  return parseText(text).map((line) => piecesToRuns(line, ctx, col).map((r) => r.text).join(''));
}

/** A text typed by users: its marks (**bold**, *italic*) count, braces are plain text. */
function userLines(text: string): Piece[][] {
  return parseText(text, { expressions: false });
}

/** Free-block text before the user wrote anything: the template's default with its expressions evaluated. */
export function initialText(defaultText: string | undefined, ctx: BuildContext): string {
  if (!defaultText) return '';
  return defaultText.replace(/\{\{([\s\S]*?)\}\}/g, (_whole, inner: string) => evaluate(parseCall(inner, 1), ctx).text);
}

const nonEmpty = (lines: Run[][]) => lines.filter((runs) => runs.some((r) => r.text.trim() !== ''));

// ---------------------------------------------------------------- blocks

function buildBlock(b: TemplateBlock, ctx: BuildContext, col: Collector): DocBlock[] {
  switch (b.type) {
    case 'heading':
      return nonEmpty(parseText(b.text).map((l) => piecesToRuns(l, ctx, col))).map((runs) => ({ kind: 'heading', level: b.level as 1 | 2 | 3 | 4, runs }));
    case 'text':
      return nonEmpty(parseText(b.text).map((l) => piecesToRuns(l, ctx, col))).map((runs) => ({ kind: 'paragraph', runs }));
    case 'free': {
      // A block key may be any identifier, "constructor" too: only the report's own texts count.
      const saved = own(ctx.report.texts, b.key);
      const text = typeof saved === 'string' ? saved : '';
      return nonEmpty(userLines(text).map((l) => piecesToRuns(l, ctx, col))).map((runs) => ({ kind: 'paragraph', runs, source: 'free' }));
    }
    case 'consolidated': {
      const c = ctx.consolidated.get(b.key) ?? { entries: [], missing: ctx.subunits.map((s) => s.name) };
      const out: DocBlock[] = [];
      for (const e of c.entries) {
        const lines = nonEmpty(userLines(e.text).map((l) => piecesToRuns(l, ctx, col)));
        lines.forEach((runs, i) => out.push({ kind: 'paragraph', source: 'consolidated', runs: i === 0 ? [{ text: `- ${e.unit}: `, bold: true }, ...runs] : runs }));
      }
      if (c.entries.length === 0) out.push({ kind: 'paragraph', source: 'consolidated', runs: [{ text: 'Chưa có đơn vị nào báo cáo nội dung này.', italic: true, missing: true }] });
      if (c.missing.length > 0 && c.entries.length > 0) {
        out.push({ kind: 'paragraph', source: 'consolidated', runs: [{ text: `Chưa báo cáo: ${c.missing.join(', ')}.`, italic: true, missing: true }] });
      }
      return out;
    }
    case 'table': {
      const title = b.title ? plainText(b.title, ctx, col).join(' ') : undefined;
      const header = b.rows === 'items' ? ['Chỉ tiêu', ...b.columns.map((c) => c.label)] : ['Đơn vị', ...b.columns.map((c) => c.label)];
      // Every cell is a figure too (frozen at finalising, compared in the differences).
      const cell = (item: string, c: (typeof b.columns)[number], ou: string, rowLabel: string) => {
        const e = measureCell(c.measure, item, c.basis, c.decimals, ctx, ou);
        const key = `table:${c.measure}:${item}${c.basis ? `:basis=${c.basis}` : ''}${ou === ctx.unit.id ? '' : `@${ou}`}`;
        col.figures.set(key, { key, label: `${rowLabel} — ${c.label}`, value: e.value, text: e.text });
        return e;
      };
      const rows: { cells: string[]; total?: boolean }[] = [];
      if (b.rows === 'items') {
        for (const it of b.items ?? []) {
          const label = it.label ? plainText(it.label, ctx, col).join(' ') : ctx.figures.items.get(it.item)?.name ?? it.item;
          rows.push({ cells: [label, ...b.columns.map((c) => cell(it.item, c, ctx.unit.id, label).text)] });
        }
      } else {
        for (const s of ctx.subunits) {
          const cells = b.columns.map((c) => cell(c.item!, c, s.id, s.name));
          // A sub-unit with nothing to show (the hospital in a table of centres' figures) gets no row.
          if (cells.every((e) => e.missing)) continue;
          rows.push({ cells: [s.name, ...cells.map((e) => e.text)] });
        }
        if (b.total !== false) rows.push({ cells: ['Tổng cộng', ...b.columns.map((c) => cell(c.item!, c, ctx.unit.id, 'Tổng cộng').text)], total: true });
      }
      return [{ kind: 'table', ...(title ? { title } : {}), header, rows }];
    }
    case 'tasks':
      return tasksBlock(b, ctx, col);
  }
}

const SOURCE_LABEL = { led: 'Nhiệm vụ chủ trì', assigned: 'Nhiệm vụ đã giao' } as const;
const WHEN_LABEL = { period: 'trong kỳ', next: 'kỳ tới' } as const;

/** A tasks block: the list, the counts per unit, or the sentence of counts. */
function tasksBlock(b: Extract<TemplateBlock, { type: 'tasks' }>, ctx: BuildContext, col: Collector): DocBlock[] {
  const key = taskSetKey(b.source, b.when);
  const set = ctx.tasks.get(key);
  const title = b.title ? plainText(b.title, ctx, col).join(' ').trim() : '';
  const titleParagraph: DocBlock[] = title ? [{ kind: 'paragraph', runs: [{ text: title, bold: true }] }] : [];
  if (!set || set.counts.total === 0 || set.tasks.length === 0) return [...titleParagraph, noTasksParagraph()];
  const shown = (n: number) => `Danh sách gồm ${formatNumber(n)} nhiệm vụ đầu tiên theo thời hạn.`;
  switch (b.view) {
    case 'counts': {
      const { runs, figures } = countsRuns(set.counts, { prefix: `tasks:${key}`, label: `${SOURCE_LABEL[b.source]} ${WHEN_LABEL[b.when]}` });
      for (const f of figures) col.figures.set(f.key, f);
      const note: Run[] = set.truncated ? [{ text: ` (tính trên ${formatNumber(set.tasks.length)} nhiệm vụ đầu tiên theo thời hạn)`, italic: true }] : [];
      return [...titleParagraph, { kind: 'paragraph', runs: note.length ? [...runs.slice(0, -1), ...note, runs.at(-1)!] : runs }];
    }
    case 'summary': {
      const rows = summaryRows(set, b.source, b.when, ctx.unit.name);
      if (!rows.length) return [...titleParagraph, noTasksParagraph()];
      return [taskSummaryTable(rows, title || undefined)];
    }
    case 'list': {
      const out: DocBlock[] = [taskListTable(set.tasks, title || undefined)];
      if (set.truncated) out.push({ kind: 'paragraph', runs: [{ text: shown(set.tasks.length), italic: true }] });
      return out;
    }
  }
}

/** Adds the closing "./." to the last paragraph of the body. */
function closeBody(blocks: DocBlock[]) {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind !== 'paragraph') continue;
    const last = b.runs.at(-1)!;
    if (/\.\/\.\s*$/.test(last.text)) return;
    b.runs = [...b.runs.slice(0, -1), { ...last, text: last.text.replace(/[\s.;:,]+$/, '') }, { text: './.' }];
    return;
  }
  blocks.push({ kind: 'paragraph', runs: [{ text: './.' }] });
}

function recipientsOf(list: string[]): string[] {
  const clean = list.map((r) => r.trim().replace(/^-\s*/, '').replace(/[;.]+$/, '')).filter(Boolean);
  return clean.map((r, i) => `${r}${i === clean.length - 1 ? '.' : ';'}`);
}

export function buildDocument(ctx: BuildContext): { doc: ReportDocument; figures: Figure[] } {
  const t = ctx.template;
  const col: Collector = { figures: new Map() };
  const one = (text: string) => plainText(text, ctx, col).join(' ').trim();
  const built = t.blocks.map((b) => buildBlock(b, ctx, col));
  // Template-independent: when sub-units are missing, the report says so (and names them) before
  // its first figure, unless the template places {{completeness}} itself.
  const sentence = completenessSentence(ctx.completeness, ctx.range);
  const c = ctx.completeness;
  if (sentence && c && c.reported < c.expected && !t.blocks.some((b) => 'text' in b && typeof b.text === 'string' && /\{\{\s*completeness\b/.test(b.text))) {
    const first = t.blocks.findIndex((b) => b.type === 'table' || (b.type === 'text' && blockHasFigures(b.text)));
    // Before the headings that open the first figures, not between a heading and its text.
    let at = first < 0 ? built.length : first;
    while (at > 0 && t.blocks[at - 1]!.type === 'heading') at--;
    built.splice(at, 0, [{ kind: 'paragraph', runs: [{ text: sentence, italic: true }] }]);
  }
  const blocks = built.flat();
  closeBody(blocks);
  const numberPart = ctx.report.number?.trim() ? ctx.report.number.trim() : '\u00a0'.repeat(6);
  const place = one(t.header.place);
  const summary = plainText(t.header.summary, ctx, col).map((s) => s.trim()).filter(Boolean);
  const doc: ReportDocument = {
    header: {
      parentBody: upperVi(one(t.header.parentBody)),
      issuingBody: upperVi(one(t.header.issuingBody)),
      number: `Số: ${one(t.header.numberPattern).replace('{number}', numberPart)}`,
      placeDate: `${place}, ${ctx.report.issuedOn ? formatDateVn(ctx.report.issuedOn) : `ngày${BLANK}tháng${BLANK}năm ${writtenOn(ctx).slice(0, 4)}`}`,
    },
    documentType: upperVi(one(t.header.documentType)),
    summary,
    blocks,
    recipients: recipientsOf(t.recipients.map(one)),
    signature: { authority: t.signature.authority.map((a) => upperVi(one(a))), signer: (ctx.report.signer ?? t.signature.signer ?? '').trim() },
    draft: ctx.report.draft,
    meta: {
      title: `${one(t.header.documentType)} ${summary.join(' ')}`.trim(),
      unitCode: ctx.unit.code,
      period: ctx.range.id,
      templateCode: t.code,
      generatedAt: ctx.generatedAt,
    },
  };
  return { doc, figures: [...col.figures.values()] };
}

function blockHasFigures(text: string): boolean {
  try {
    return parseText(text).some((line) => line.some((p) => p.kind === 'call' && p.call.item !== undefined));
  } catch {
    return false;
  }
}

/**
 * The overall judgement against the plan (seed 004): how many of the listed items are on track —
 * at least the share of the annual target the elapsed months call for (50 % after 6 months) — and
 * which lag, named with their percentage. Withheld when the data are incomplete.
 */
function planJudgement(call: Call, ctx: BuildContext): Evaluated {
  const basis = call.options.basis === 'ytd' ? 'ytd' : 'period';
  const pace = planPace(ctx.range, basis);
  const rows: { name: string; pct: number }[] = [];
  for (const ref of itemList(call.options.items)) {
    const target = ctx.figures.target(ref);
    const v = ctx.figures.value(ref, basis === 'ytd' ? 'ytd' : 'current');
    if (target === null || target === 0 || v === null) continue;
    const name = ctx.figures.items.get(ref)?.name ?? ref;
    rows.push({ name: name.charAt(0).toLocaleLowerCase('vi') + name.slice(1), pct: (v / target) * 100 });
  }
  const figure = { key: `planJudgement:${call.options.items ?? ''}:basis=${basis}`, label: 'Đánh giá chung so với kế hoạch' };
  if (rows.length === 0) return { text: 'Chưa có kế hoạch năm để đánh giá mức độ hoàn thành các chỉ tiêu.', value: null, missing: true, figure };
  const withheld = withheldReason(ctx.completeness, null);
  if (withheld) return { text: `Chưa đánh giá được mức độ hoàn thành kế hoạch do ${withheld}.`, value: null, missing: true, figure };
  const met = rows.filter((r) => r.pct + 1e-9 >= pace);
  const low = rows.filter((r) => r.pct + 1e-9 < pace).sort((a, b) => a.pct - b.pct);
  const paceText = `${formatNumber(pace, 0)} % kế hoạch năm`;
  const count = `${formatNumber(met.length)}/${formatNumber(rows.length)} chỉ tiêu có kế hoạch đạt từ ${paceText} trở lên`;
  const lowText = low.map((r) => `${r.name} (${formatNumber(r.pct, 1)} %)`).join('; ');
  let text: string;
  if (low.length === 0) text = `Các chỉ tiêu đều đạt và vượt tiến độ kế hoạch: ${count}.`;
  else if (met.length === 0) text = `Các chỉ tiêu đều chưa đạt tiến độ kế hoạch (dưới ${paceText}): ${lowText}.`;
  else if (met.length * 10 >= rows.length * 7) text = `Hầu hết các chỉ tiêu đạt và vượt tiến độ kế hoạch: ${count}; các chỉ tiêu đạt thấp: ${lowText}.`;
  else text = `Nhiều chỉ tiêu chưa đạt tiến độ kế hoạch: ${count}; các chỉ tiêu đạt thấp: ${lowText}.`;
  return { text, value: met.length, missing: false, figure };
}

/** The ranges a call reads (plans are read for every item anyway). */
function rangesOfCall(fn: Call['fn'], o: Record<string, string>): RangeKey[] {
  switch (fn) {
    case 'value':
      return [(o.period as RangeKey | undefined) ?? 'current'];
    case 'rest':
      return ['current'];
    case 'ytd':
    case 'lastYear':
      return [fn];
    case 'pctPlan':
    case 'ofPlan':
      return [o.basis === 'period' ? 'current' : 'ytd'];
    case 'vsLastYear':
      return o.basis === 'ytd' ? ['ytd', 'lastYearYtd'] : ['current', 'lastYear'];
    case 'vsPrevious':
      return ['current', 'previous'];
    case 'changePct':
      return ['current', o.compare === 'previous' ? 'previous' : 'lastYear'];
    default:
      return [];
  }
}

function rangesOfMeasure(m: Measure, basis: 'period' | 'ytd' | undefined): RangeKey[] {
  switch (m) {
    case 'value':
      return ['current'];
    case 'ytd':
    case 'lastYear':
    case 'lastYearYtd':
    case 'previous':
      return [m];
    case 'target':
      return [];
    case 'pctPlan':
      return [basis === 'period' ? 'current' : 'ytd'];
    case 'changeLastYear':
    case 'changePct':
      return ['current', 'lastYear'];
  }
}

/**
 * The figures a template needs: per item, the ranges it is read over, for the report's unit and
 * for its sub-units. With `only`, just those texts (e.g. the free blocks' defaults of a new draft).
 */
export function itemsOf(t: TemplateDefinition, only?: string[]): { unit: Needs; subunits: Needs; usesSubunits: boolean } {
  const unit: Needs = new Map();
  const subunits: Needs = new Map();
  const need = (m: Needs, item: string, ranges: RangeKey[]) => {
    const set = m.get(item) ?? new Set<RangeKey>();
    for (const r of ranges) set.add(r);
    m.set(item, set);
  };
  let usesSubunits = false;
  const texts: string[] = only ?? [
    ...Object.values(t.header),
    ...t.signature.authority,
    ...t.recipients,
  ];
  for (const b of only ? [] : t.blocks) {
    if (b.type === 'heading' || b.type === 'text') texts.push(b.text);
    if (b.type === 'consolidated') usesSubunits = true;
    if (b.type === 'tasks' && b.title) texts.push(b.title);
    if (b.type !== 'table') continue;
    if (b.title) texts.push(b.title);
    if (b.rows === 'items') {
      for (const it of b.items ?? []) {
        if (it.label) texts.push(it.label);
        for (const c of b.columns) need(unit, it.item, rangesOfMeasure(c.measure, c.basis));
      }
    } else {
      usesSubunits = true;
      for (const c of b.columns) {
        if (!c.item) continue;
        need(subunits, c.item, rangesOfMeasure(c.measure, c.basis));
        need(unit, c.item, rangesOfMeasure(c.measure, c.basis)); // the total row
      }
    }
  }
  for (const text of texts) {
    for (const line of parseText(text)) {
      for (const p of line) {
        if (p.kind !== 'call') continue;
        if (p.call.item) need(unit, p.call.item, rangesOfCall(p.call.fn, p.call.options));
        for (const part of [...itemList(p.call.options.parts), ...itemList(p.call.options.minus)]) need(unit, part, rangesOfCall(p.call.fn, p.call.options));
        if (p.call.fn === 'planJudgement') for (const it of itemList(p.call.options.items)) need(unit, it, [p.call.options.basis === 'ytd' ? 'ytd' : 'current']);
        if (p.call.fn === 'completeness') usesSubunits = true;
        if (p.call.fn === 'subunits' || p.call.fn === 'subunitCount') usesSubunits = true;
      }
    }
  }
  return { unit, subunits, usesSubunits };
}
