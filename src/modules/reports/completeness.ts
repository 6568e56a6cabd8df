// Reporting completeness in a report: which expected sub-units sent the period's forms, the sentence
// that says so ("Tháng 11/2024 có 5/8 trạm y tế đã báo cáo; chưa báo cáo: …"), and whether the
// figures are complete enough to be compared with the same period, the previous one or the plan.
// Pure: the counts come from completeness.service.ts (the workflow's completeness).
import { periodLabel, type PeriodRange } from '../../lib/periods.js';
import { formatNumber } from './numbers.js';

export interface Completeness {
  /** Forms expected of the sub-units over the period, and those reported (completed or approved). */
  expected: number;
  reported: number;
  /** The sub-units expected to report, in name order, with their own counts. */
  units: { id: string; name: string; expected: number; reported: number }[];
  /** Each sub-unit sends one form over the period: the sentence counts units ("5/8 trạm y tế"). */
  oneFormEach: boolean;
  /**
   * A sub-unit's counts include the forms of the units below it (a province over its centres counts
   * the stations' forms too): the sentence then speaks of the reports "thuộc" each sub-unit.
   */
  withBelow?: boolean;
  /** What the sub-units are: "trạm y tế", "trung tâm y tế", "đơn vị". */
  noun: string;
  /** Below this rate (%), comparisons are withheld (config completenessThreshold). */
  threshold: number;
}

export const rateOf = (c: { expected: number; reported: number }) => (c.expected === 0 ? 100 : (c.reported / c.expected) * 100);

/** The counts behind a unit's figures: the report's unit (all sub-units) or one sub-unit (a table row). */
function countsFor(c: Completeness, ou: string | null): { expected: number; reported: number; units?: [number, number] } | null {
  if (ou === null) {
    const done = c.units.filter((u) => u.reported >= u.expected).length;
    return { expected: c.expected, reported: c.reported, units: [done, c.units.length] };
  }
  const u = c.units.find((x) => x.id === ou);
  return u ? { expected: u.expected, reported: u.reported } : null;
}

/**
 * Why a comparison of a unit's figures is withheld ("mới có 5/8 trạm y tế báo cáo"), or null when the
 * data are complete enough. `ou` null = the report's unit; otherwise a sub-unit of a table row.
 */
export function withheldReason(c: Completeness | null | undefined, ou: string | null): string | null {
  if (!c) return null;
  const n = countsFor(c, ou);
  if (!n || n.expected === 0 || rateOf(n) >= c.threshold) return null;
  if (n.units && c.oneFormEach) return `mới có ${formatNumber(n.units[0])}/${formatNumber(n.units[1])} ${c.noun} báo cáo`;
  return `mới nhận ${formatNumber(n.reported)}/${formatNumber(n.expected)} báo cáo`;
}

function lead(range: PeriodRange): string {
  if (range.kind === 'Monthly') return `Tháng ${range.from.month}/${range.from.year}`;
  const label = periodLabel(range, 'vi');
  return label.charAt(0).toLocaleUpperCase('vi') + label.slice(1);
}

/** The completeness sentence ('' when nothing was expected of the sub-units). */
export function completenessSentence(c: Completeness | null | undefined, range: PeriodRange): string {
  if (!c || c.expected === 0) return '';
  const late = c.units.filter((u) => u.reported < u.expected);
  let s: string;
  if (c.oneFormEach) {
    const done = c.units.length - late.length;
    s =
      late.length === 0
        ? `${lead(range)} cả ${formatNumber(c.units.length)}/${formatNumber(c.units.length)} ${c.noun} đã báo cáo.`
        : `${lead(range)} có ${formatNumber(done)}/${formatNumber(c.units.length)} ${c.noun} đã báo cáo; chưa báo cáo: ${late.map((u) => u.name).join(', ')}.`;
  } else {
    const pct = formatNumber(rateOf(c), 1);
    if (c.withBelow) {
      s =
        late.length === 0
          ? `${lead(range)} đã nhận đủ ${formatNumber(c.expected)}/${formatNumber(c.expected)} báo cáo của các đơn vị trên địa bàn.`
          : `${lead(range)} đã nhận ${formatNumber(c.reported)}/${formatNumber(c.expected)} báo cáo của các đơn vị trên địa bàn (${pct} %); còn thiếu ${late
              .map((u) => `${formatNumber(u.expected - u.reported)} báo cáo thuộc ${u.name}`)
              .join(', ')}.`;
    } else {
      s =
        late.length === 0
          ? `${lead(range)} các ${c.noun} đã gửi đủ ${formatNumber(c.expected)}/${formatNumber(c.expected)} báo cáo.`
          : `${lead(range)} các ${c.noun} đã gửi ${formatNumber(c.reported)}/${formatNumber(c.expected)} báo cáo (${pct} %); chưa đủ: ${late
              .map((u) => `${u.name} (thiếu ${formatNumber(u.expected - u.reported)})`)
              .join(', ')}.`;
    }
  }
  if (withheldReason(c, null)) {
    s += ` Do tỷ lệ báo cáo dưới ${formatNumber(c.threshold)} %, các số liệu tổng hợp chỉ gồm các đơn vị đã báo cáo và chưa được so sánh với cùng kỳ, kỳ trước và kế hoạch.`;
  }
  return s;
}
