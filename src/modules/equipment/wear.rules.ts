// The wear (hao mòn) rules for fixed assets of public units, as dated configuration: which assets are
// fixed assets, and the useful life and yearly rate of each wear class, per regime. wear.ts computes with
// them; docs/equipment.md ("Wear and value") gives the sources and how sure each number is.
//   TT 23/2023/TT-BTC  in force 10/06/2023, applied from fiscal year 2023, replaced on 01/01/2026.
//   TT 141/2025/TT-BTC in force 01/01/2026 and applied from fiscal year 2026 (Điều 19).
// Years before 2023 are computed with the TT 23/2023 table (the earliest set applies backwards): the
// TT 45/2018/TT-BTC table it replaced is not in our sources.

export type WearClass = 'medical' | 'office_it' | 'machinery' | 'vehicle' | 'furniture' | 'building' | 'other';

export const WEAR_CLASSES: readonly WearClass[] = ['medical', 'office_it', 'machinery', 'vehicle', 'furniture', 'building', 'other'];

export interface WearClassRule {
  /** Useful life used for wear (thời gian sử dụng để tính hao mòn), whole years. */
  lifeYears: number;
  /** Yearly wear rate (tỷ lệ hao mòn, % a year) as printed in the table: 100 / life, two decimals. */
  ratePct: number;
  /** The row of the appendix, in Vietnamese. */
  label: string;
  /** Fixed asset whatever its cost and life (houses and structures: TT 141/2025 Điều 3.2.a). */
  alwaysFixed?: boolean;
}

/** How a yearly wear that is not a whole number of đồng is made whole. */
export type WearRounding = 'half_up' | 'up' | 'down';

/**
 * What happens to an asset already on the books when a rule set replaces the previous one and changes
 * its class's life or rate:
 * - 'spread_residual': from the first year of the new set, yearly wear = (cost − accumulated wear at the
 *   end of the previous year) ÷ (new life − years already worn); when the new life is already used up,
 *   the whole residual is worn in that first year. TT 141/2025 Điều 18.1 (read in the text).
 * - 'new_rate_on_cost': the new rate applied to the cost, the last year of the new life taking the rest.
 */
export type WearTransition = 'spread_residual' | 'new_rate_on_cost';

export interface WearRuleSet {
  id: 'TT23_2023' | 'TT141_2025';
  /** The legal text, as a Vietnamese accountant writes it. */
  name: string;
  /** First day in force (YYYY-MM-DD); the set governs every fiscal year whose 31 December falls in [from, to]. */
  from: string;
  /** Last day in force, null while in force. */
  to: string | null;
  /** A fixed asset costs at least this much (đồng) … */
  fixedAssetMinCost: number;
  /** … and is used for at least this many years. */
  fixedAssetMinLifeYears: number;
  classes: Record<WearClass, WearClassRule>;
  /** Option: the year the asset is put into use is worn for a whole year (true) or not at all (false). */
  acquisitionYearCounts: boolean;
  /** Option: rounding of a yearly wear to whole đồng. */
  rounding: WearRounding;
  /** Option: how assets already being worn move onto this set (ignored for the first set). */
  transition: WearTransition;
}

export const WEAR_RULE_SETS: readonly WearRuleSet[] = [
  {
    id: 'TT23_2023',
    name: 'Thông tư 23/2023/TT-BTC',
    from: '2023-06-10',
    to: '2025-12-31',
    fixedAssetMinCost: 10_000_000,
    fixedAssetMinLifeYears: 1,
    // Appendix rows from secondary sources (the appendix was not read in the text): see docs/equipment.md.
    classes: {
      medical: { lifeYears: 8, ratePct: 12.5, label: 'Máy móc, thiết bị chuyên dùng (thiết bị y tế)' },
      office_it: { lifeYears: 5, ratePct: 20, label: 'Máy vi tính để bàn, máy vi tính xách tay, máy in, máy photocopy' },
      machinery: { lifeYears: 8, ratePct: 12.5, label: 'Máy móc, thiết bị phục vụ hoạt động chung (điều hòa, tủ lạnh, máy bơm nước …)' },
      vehicle: { lifeYears: 15, ratePct: 6.67, label: 'Xe ô tô' },
      furniture: { lifeYears: 8, ratePct: 12.5, label: 'Bộ bàn ghế, tủ đựng tài liệu' },
      building: { lifeYears: 25, ratePct: 4, label: 'Nhà cấp III', alwaysFixed: true },
      other: { lifeYears: 8, ratePct: 12.5, label: 'Tài sản cố định hữu hình khác' },
    },
    acquisitionYearCounts: true,
    // DOMAIN.md [V]: "whole đồng rounded up" under TT 23/2023 (not re-read here).
    rounding: 'up',
    transition: 'spread_residual',
  },
  {
    id: 'TT141_2025',
    name: 'Thông tư 141/2025/TT-BTC',
    from: '2026-01-01',
    to: null,
    fixedAssetMinCost: 10_000_000,
    fixedAssetMinLifeYears: 1,
    // Điều 13.1.g: specialised equipment without a life set by another law follows the row "máy móc,
    // thiết bị chuyên dùng khác" — 5 years, 20 % (the row's numbers from secondary sources).
    classes: {
      medical: { lifeYears: 5, ratePct: 20, label: 'Máy móc, thiết bị khác (bao gồm cả máy móc, thiết bị chuyên dùng khác)' },
      office_it: { lifeYears: 7, ratePct: 14.29, label: 'Máy vi tính để bàn, máy vi tính xách tay hoặc máy tính bảng, máy in, máy scan, máy photocopy' },
      machinery: { lifeYears: 5, ratePct: 20, label: 'Máy móc, thiết bị khác (bao gồm cả máy móc, thiết bị chuyên dùng khác)' },
      vehicle: { lifeYears: 15, ratePct: 6.67, label: 'Xe ô tô' },
      furniture: { lifeYears: 10, ratePct: 10, label: 'Bộ bàn ghế ngồi làm việc, bộ bàn ghế họp, bộ bàn ghế tiếp khách, két sắt' },
      building: { lifeYears: 25, ratePct: 4, label: 'Nhà cấp III', alwaysFixed: true },
      other: { lifeYears: 8, ratePct: 12.5, label: 'Tài sản cố định hữu hình khác' },
    },
    acquisitionYearCounts: true,
    // Điều 5.1: whole numbers, rounded "theo quy định tại pháp luật về kế toán": ordinary rounding.
    rounding: 'half_up',
    transition: 'spread_residual',
  },
];

/** The set in force on a date (YYYY-MM-DD); before the first set, the first set. */
export function ruleSetOn(date: string, sets: readonly WearRuleSet[] = WEAR_RULE_SETS): WearRuleSet {
  if (sets.length === 0) throw new RangeError('wear: no rule sets');
  let found = sets[0];
  for (const s of sets) if (s.from <= date) found = s;
  return found;
}

/** The set that books the wear of a fiscal year: the one in force on 31 December of that year. */
export function ruleSetForYear(year: number, sets: readonly WearRuleSet[] = WEAR_RULE_SETS): WearRuleSet {
  return ruleSetOn(`${String(year).padStart(4, '0')}-12-31`, sets);
}
