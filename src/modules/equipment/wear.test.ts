// Wear of fixed assets, checked by hand across the 2026 rule change (TT 23/2023 → TT 141/2025).
// Every expected figure has its arithmetic next to it. Pure: no database.
import { describe, expect, it } from 'vitest';
import { accumulatedWearAsOf, fullyWornOn, isFixedAsset, valueAsOf, type WearInput } from './wear.js';
import { WEAR_CLASSES, WEAR_RULE_SETS, ruleSetForYear, ruleSetOn, type WearClass, type WearRuleSet } from './wear.rules.js';

const sum = (xs: { wear: number }[]) => xs.reduce((a, x) => a + x.wear, 0);

describe('rule sets', () => {
  it('TT 23/2023 books up to fiscal 2025, TT 141/2025 from fiscal 2026; earlier years use the first set', () => {
    expect(ruleSetOn('2025-12-31').id).toBe('TT23_2023');
    expect(ruleSetOn('2026-01-01').id).toBe('TT141_2025');
    expect(ruleSetOn('2019-05-01').id).toBe('TT23_2023');
    expect(ruleSetForYear(2023).id).toBe('TT23_2023'); // in force 10/06/2023, so on 31/12/2023
    expect(ruleSetForYear(2025).id).toBe('TT23_2023');
    expect(ruleSetForYear(2026).id).toBe('TT141_2025');
  });

  it('every class has a life and the table rate ≈ 100 / life', () => {
    for (const s of WEAR_RULE_SETS) {
      for (const k of WEAR_CLASSES) {
        const row = s.classes[k];
        expect(Number.isInteger(row.lifeYears) && row.lifeYears >= 1).toBe(true);
        expect(Math.abs(row.ratePct - 100 / row.lifeYears)).toBeLessThan(0.01);
        expect(row.label.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('fixed asset thresholds (≥ 1 year and ≥ 10.000.000 đ; houses always)', () => {
  it('cost and life', () => {
    expect(isFixedAsset(10_000_000, 1, '2024-05-01')).toBe(true);
    expect(isFixedAsset(9_999_999, 5, '2024-05-01')).toBe(false);
    expect(isFixedAsset(50_000_000, 0, '2026-05-01')).toBe(false);
    expect(isFixedAsset(10_000_000, 1, '2026-05-01')).toBe(true);
    expect(isFixedAsset(1_000_000, 25, '2026-05-01', 'building')).toBe(true);
  });

  it('an 8.000.000 đ item is not a fixed asset: never worn', () => {
    const item: WearInput = { cost: 8_000_000, acquired: '2024-02-10', wearClass: 'medical' };
    const v = valueAsOf(item, '2035-12-31');
    expect(v).toEqual({ cost: 8_000_000, accumulatedWear: 0, residual: 8_000_000, fullyWorn: false, fixedAsset: false, years: [] });
    expect(fullyWornOn(item)).toBeNull();
    expect(accumulatedWearAsOf(8_000_000, '2024-02-10', 'medical', null, '2035-12-31')).toBe(0);
  });

  it('an asset with its own life under one year is not a fixed asset', () => {
    expect(valueAsOf({ cost: 50_000_000, acquired: '2024-01-01', wearClass: 'medical', lifeYearsOverride: -1 }, '2030-12-31').fixedAsset).toBe(false);
  });
});

describe('a 150.000.000 đ ultrasound put into use on 15/03/2022 (medical)', () => {
  // TT 23/2023 (applied back to 2022): 8 years, 12,5 %: 150.000.000 × 12,5 % = 18.750.000 a year,
  // the year of acquisition counting in full. TT 141/2025: 5 years, 20 %; Điều 18.1 from 2026:
  // (cost − wear to 31/12/2025) ÷ (5 − years used) = 75.000.000 ÷ (5 − 4) = 75.000.000 in 2026.
  const u: WearInput = { cost: 150_000_000, acquired: '2022-03-15', wearClass: 'medical' };

  it('before and within the year of acquisition', () => {
    expect(valueAsOf(u, '2022-03-14').accumulatedWear).toBe(0); // before acquisition
    expect(valueAsOf(u, '2022-12-30').accumulatedWear).toBe(0); // 2022 not booked until 31/12
    expect(valueAsOf(u, '2022-12-31').accumulatedWear).toBe(18_750_000);
  });

  it('30/06/2025: 2022, 2023, 2024 booked', () => {
    // 3 × 18.750.000 = 56.250.000; 150.000.000 − 56.250.000 = 93.750.000
    const v = valueAsOf(u, '2025-06-30');
    expect([v.accumulatedWear, v.residual, v.fullyWorn]).toEqual([56_250_000, 93_750_000, false]);
    expect(v.years.map((y) => y.year)).toEqual([2022, 2023, 2024]);
  });

  it('31/12/2025: 2025 booked under TT 23/2023', () => {
    // 4 × 18.750.000 = 75.000.000
    const v = valueAsOf(u, '2025-12-31');
    expect([v.accumulatedWear, v.residual]).toEqual([75_000_000, 75_000_000]);
    expect(v.years.at(-1)).toEqual({ year: 2025, rule: 'TT23_2023', ratePct: 12.5, wear: 18_750_000 });
  });

  it('31/12/2026: the new 5-year life has one year left, the whole residual is worn', () => {
    // used 2022–2025 = 4 years; remaining 5 − 4 = 1; 75.000.000 ÷ 1 = 75.000.000
    const v = valueAsOf(u, '2026-12-31');
    expect([v.accumulatedWear, v.residual, v.fullyWorn]).toEqual([150_000_000, 0, true]);
    expect(v.years.at(-1)).toEqual({ year: 2026, rule: 'TT141_2025', ratePct: 20, wear: 75_000_000 });
    expect(fullyWornOn(u)).toBe('2026-12-31');
  });

  it('after it is fully worn: stays on the books at 0, nothing more booked', () => {
    const v = valueAsOf(u, '2031-06-30');
    expect([v.accumulatedWear, v.residual, v.fullyWorn, v.years.length]).toEqual([150_000_000, 0, true, 5]);
  });
});

describe('the same ultrasound put into use in 2024: the residual spread over the remaining life', () => {
  // 2024, 2025: 2 × 18.750.000 = 37.500.000. 2026: remaining 5 − 2 = 3 years;
  // (150.000.000 − 37.500.000) ÷ 3 = 37.500.000 a year for 2026, 2027, 2028 (2028 = 2024 + 5 − 1).
  const u: WearInput = { cost: 150_000_000, acquired: '2024-09-01', wearClass: 'medical' };
  it('year by year', () => {
    expect(valueAsOf(u, '2028-12-31').years.map((y) => y.wear)).toEqual([18_750_000, 18_750_000, 37_500_000, 37_500_000, 37_500_000]);
    expect(valueAsOf(u, '2027-12-31').residual).toBe(37_500_000); // 150 − 37,5 − 75 = 37,5 million
    expect(fullyWornOn(u)).toBe('2028-12-31');
  });

  it('an asset whose old wear already passes the new life is worn out in 2026', () => {
    // Bought 2019: 2019–2025 = 7 × 18.750.000 = 131.250.000; 5 − 7 < 0 → 2026 wears the 18.750.000 left
    const old: WearInput = { cost: 150_000_000, acquired: '2019-01-10', wearClass: 'medical' };
    expect(valueAsOf(old, '2025-12-31').residual).toBe(18_750_000);
    expect(valueAsOf(old, '2026-12-31').years.at(-1)).toEqual({ year: 2026, rule: 'TT141_2025', ratePct: 20, wear: 18_750_000 });
    expect(fullyWornOn(old)).toBe('2026-12-31');
  });
});

describe('a 25.000.000 đ computer put into use in 2024 (office_it)', () => {
  // TT 23/2023: 5 years, 20 %: 5.000.000 in 2024 and 2025 → 10.000.000.
  // TT 141/2025: 7 years; remaining 7 − 2 = 5; (25.000.000 − 10.000.000) ÷ 5 = 3.000.000 for 2026–2030.
  const pc: WearInput = { cost: 25_000_000, acquired: '2024-05-20', wearClass: 'office_it' };
  it('across the change', () => {
    expect(valueAsOf(pc, '2025-12-31').accumulatedWear).toBe(10_000_000);
    expect(valueAsOf(pc, '2026-12-31').accumulatedWear).toBe(13_000_000);
    const all = valueAsOf(pc, '2030-12-31');
    expect(all.years.map((y) => [y.year, y.wear])).toEqual([
      [2024, 5_000_000], [2025, 5_000_000], [2026, 3_000_000], [2027, 3_000_000], [2028, 3_000_000], [2029, 3_000_000], [2030, 3_000_000],
    ]);
    expect(all.residual).toBe(0);
    expect(fullyWornOn(pc)).toBe('2030-12-31');
  });

  it('its own life (an override) is kept across the change: no transition', () => {
    // 6 years → 16,67 % of 25.000.000 = 4.167.500 a year; the 6th year (2029) takes 25.000.000 − 5 × 4.167.500 = 4.162.500
    const own: WearInput = { ...pc, lifeYearsOverride: 6 };
    const v = valueAsOf(own, '2040-01-01');
    expect(v.years.map((y) => y.wear)).toEqual([4_167_500, 4_167_500, 4_167_500, 4_167_500, 4_167_500, 4_162_500]);
    expect(v.years.map((y) => y.ratePct)).toEqual([16.67, 16.67, 16.67, 16.67, 16.67, 16.67]);
    expect(fullyWornOn(own)).toBe('2029-12-31');
  });
});

describe('the last year takes the remainder', () => {
  it('a car (15 years, 6,67 % in both tables: no transition)', () => {
    // 800.000.000 × 6,67 % = 53.360.000 a year; 14 years = 747.040.000; 2029 takes 800.000.000 − 747.040.000 = 52.960.000
    const car: WearInput = { cost: 800_000_000, acquired: '2015-04-01', wearClass: 'vehicle' };
    const v = valueAsOf(car, '2029-12-31');
    expect(v.years).toHaveLength(15);
    expect(v.years.slice(0, 14).every((y) => y.wear === 53_360_000)).toBe(true);
    expect(v.years[14]).toEqual({ year: 2029, rule: 'TT141_2025', ratePct: 6.67, wear: 52_960_000 });
    expect(valueAsOf(car, '2028-12-31').residual).toBe(52_960_000);
    expect(fullyWornOn(car)).toBe('2029-12-31');
  });

  it('a rate that would overshoot (7 × 14,29 % = 100,03 %) stops at the cost', () => {
    // 100.000.000 × 14,29 % = 14.290.000 × 6 = 85.740.000; the 7th year: 14.260.000
    const v = valueAsOf({ cost: 100_000_000, acquired: '2026-01-15', wearClass: 'office_it' }, '2035-12-31');
    expect(v.years.map((y) => y.wear)).toEqual([14_290_000, 14_290_000, 14_290_000, 14_290_000, 14_290_000, 14_290_000, 14_260_000]);
  });
});

describe('rounding to whole đồng', () => {
  it('TT 141/2025: ordinary rounding of a cost not divisible by the rate', () => {
    // 23.456.789 × 14,29 % = 3.351.975,1481 → 3.351.975; six years 20.111.850; the seventh 3.344.939
    const v = valueAsOf({ cost: 23_456_789, acquired: '2026-03-01', wearClass: 'office_it' }, '2040-01-01');
    expect(v.years.map((y) => y.wear)).toEqual([3_351_975, 3_351_975, 3_351_975, 3_351_975, 3_351_975, 3_351_975, 3_344_939]);
    expect(v.accumulatedWear).toBe(23_456_789);
  });

  it('TT 23/2023: rounded up (DOMAIN.md), an option of the set', () => {
    // 12.345.673 × 12,5 % = 1.543.209,125 → up 1.543.210; half up 1.543.209
    const a: WearInput = { cost: 12_345_673, acquired: '2023-07-01', wearClass: 'machinery' };
    expect(valueAsOf(a, '2023-12-31').accumulatedWear).toBe(1_543_210);
    const halfUp: WearRuleSet[] = WEAR_RULE_SETS.map((s) => ({ ...s, rounding: 'half_up' as const }));
    expect(valueAsOf(a, '2023-12-31', halfUp).accumulatedWear).toBe(1_543_209);
  });

  it('the 2026 spread of a residual is rounded, the last year absorbing the difference', () => {
    // 25.000.001 × 20 % = 5.000.000,2 → up 5.000.001 (2024, 2025) = 10.000.002; residual 14.999.999
    // ÷ (7 − 2) = 2.999.999,8 → 3.000.000 for 2026–2029; 2030: 14.999.999 − 12.000.000 = 2.999.999
    const v = valueAsOf({ cost: 25_000_001, acquired: '2024-01-02', wearClass: 'office_it' }, '2031-01-01');
    expect(v.years.map((y) => y.wear)).toEqual([5_000_001, 5_000_001, 3_000_000, 3_000_000, 3_000_000, 3_000_000, 2_999_999]);
  });
});

describe('options a province may set', () => {
  it('year of acquisition not worn (acquisitionYearCounts: false)', () => {
    const sets: WearRuleSet[] = WEAR_RULE_SETS.map((s) => ({ ...s, acquisitionYearCounts: false }));
    // 2022 skipped: 2023, 2024, 2025 = 56.250.000; 2026: used 3, remaining 2 → 93.750.000 ÷ 2 = 46.875.000
    const u: WearInput = { cost: 150_000_000, acquired: '2022-03-15', wearClass: 'medical' };
    expect(valueAsOf(u, '2022-12-31', sets).accumulatedWear).toBe(0);
    expect(valueAsOf(u, '2025-12-31', sets).accumulatedWear).toBe(56_250_000);
    expect(valueAsOf(u, '2026-12-31', sets).years.at(-1)?.wear).toBe(46_875_000);
    expect(fullyWornOn(u, sets)).toBe('2027-12-31');
  });

  it("transition 'new_rate_on_cost': the new rate on the cost, the new life's last year taking the rest", () => {
    const sets: WearRuleSet[] = WEAR_RULE_SETS.map((s) => ({ ...s, transition: 'new_rate_on_cost' as const }));
    // computer 2024: 10.000.000 by 2025; 2026–2029: 25.000.000 × 14,29 % = 3.572.500 each; 2030: the rest
    // 25.000.000 − 10.000.000 − 4 × 3.572.500 = 710.000
    const v = valueAsOf({ cost: 25_000_000, acquired: '2024-05-20', wearClass: 'office_it' }, '2031-01-01', sets);
    expect(v.years.map((y) => y.wear)).toEqual([5_000_000, 5_000_000, 3_572_500, 3_572_500, 3_572_500, 3_572_500, 710_000]);
  });
});

describe('bad input is refused, not mis-computed', () => {
  it('throws RangeError', () => {
    const ok: WearInput = { cost: 10_000_000, acquired: '2024-01-01', wearClass: 'medical' };
    expect(() => valueAsOf({ ...ok, acquired: '2024-1-01' }, '2025-01-01')).toThrow(RangeError);
    expect(() => valueAsOf(ok, '2025-13-01')).toThrow(RangeError);
    expect(() => valueAsOf({ ...ok, cost: 1.5 }, '2025-01-01')).toThrow(RangeError);
    expect(() => valueAsOf({ ...ok, cost: -1 }, '2025-01-01')).toThrow(RangeError);
    expect(() => valueAsOf({ ...ok, wearClass: 'boat' as WearClass }, '2025-01-01')).toThrow(RangeError);
    expect(() => valueAsOf({ ...ok, lifeYearsOverride: 2.5 }, '2025-01-01')).toThrow(RangeError);
  });
});

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pad = (n: number) => String(n).padStart(2, '0');

describe('invariants over random assets', () => {
  it('wear + residual = cost, residual ≥ 0, wear grows with the date; fast path = year-by-year walk', () => {
    const r = rng(20260101);
    const option = [WEAR_RULE_SETS, WEAR_RULE_SETS.map((s) => ({ ...s, transition: 'new_rate_on_cost' as const, rounding: 'down' as const }))];
    for (let n = 0; n < 1000; n++) {
      const sets = option[n % 2];
      const cost = r() < 0.1 ? Math.floor(r() * 12_000_000) : Math.floor(r() * 5_000_000_000);
      const acquired = `${2000 + Math.floor(r() * 30)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
      const wearClass = WEAR_CLASSES[Math.floor(r() * WEAR_CLASSES.length)];
      const lifeYearsOverride = r() < 0.2 ? 1 + Math.floor(r() * 30) : null;
      const asset: WearInput = { cost, acquired, wearClass, lifeYearsOverride };
      const worn = fullyWornOn(asset, sets);
      let before = 0;
      for (const y of [1999, 2010, 2022, 2025, 2026, 2027, 2035, 2060, 2110]) {
        for (const date of [`${y}-06-30`, `${y}-12-31`]) {
          const v = valueAsOf(asset, date, sets);
          expect(v.accumulatedWear + v.residual).toBe(cost);
          expect(v.residual).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(v.accumulatedWear)).toBe(true);
          expect(v.accumulatedWear).toBeGreaterThanOrEqual(before);
          expect(sum(v.years)).toBe(v.accumulatedWear);
          expect(v.years.every((x) => x.wear >= 0)).toBe(true);
          expect(valueAsOf(asset, date, sets, false).accumulatedWear).toBe(v.accumulatedWear);
          expect(accumulatedWearAsOf(cost, acquired, wearClass, lifeYearsOverride, date, sets)).toBe(v.accumulatedWear);
          expect(v.fullyWorn).toBe(worn !== null && date >= worn);
          before = v.accumulatedWear;
        }
      }
      if (worn) {
        expect(valueAsOf(asset, worn, sets).residual).toBe(0);
        expect(valueAsOf(asset, `${worn.slice(0, 4)}-12-30`, sets).residual).toBeGreaterThan(0);
      } else {
        expect(valueAsOf(asset, '2200-12-31', sets).accumulatedWear).toBe(0);
      }
    }
  });
});
