// Annual plan targets of the demo. Seed 001 writes "đạt X % kế hoạch" as the May figure ÷ the annual
// target, rounded to one decimal; `targetFor` finds the whole target nearest to a reference that gives
// exactly that rounding (with a margin, so no float lands on a rounding boundary).
import { apportion } from './random.js';
import { SEED_001, SEED_PERCENTAGES } from './seed001.js';

export function roundHalfUp(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f + 1e-9) / f;
}

/** The integer target T nearest to `near` with value / T × 100 → `pct` at `decimals` decimals. */
export function targetFor(value: number, pct: number, decimals: number, near: number): number {
  const margin = 0.4 * 10 ** -decimals;
  const ok = (t: number) => t > 0 && Math.abs((value / t) * 100 - pct) <= margin;
  for (let d = 0; d < 1_000_000; d++) {
    if (ok(near - d)) return near - d;
    if (ok(near + d)) return near + d;
  }
  throw new Error(`no target gives ${value} → ${pct} %`);
}

/** Monthly rate per 1,000 people of the planned elements (Hoằng Hóa, May 2024). */
export const PLANNED_ELEMENTS = ['EPI_FULL_U1', 'EPI_MEASLES2', 'EPI_TT2_PREG', 'EPI_NT_PROTECTED', 'OPD_VISITS', 'MCH_DELIV_ANC4'];

/** The 2024 targets of Hoằng Hóa: the seed's percentages for immunisation, a year of May for the rest. */
export function seedDistrictTargets(): Record<string, number> {
  const near = SEED_001.EPI_TARGET_CHILDREN!;
  const out: Record<string, number> = {};
  for (const de of PLANNED_ELEMENTS) {
    const pct = SEED_PERCENTAGES.ofPlan[de];
    out[de] = pct !== undefined ? targetFor(SEED_001[de]!, pct, 1, near) : Math.round(SEED_001[de]! * 12 * 1.05);
  }
  return out;
}

/** A district's 2024 targets from its population (Hoằng Hóa's levels per person, ± a little). */
export function districtTargets(pop: number, jitter: number): Record<string, number> {
  const seed = seedDistrictTargets();
  const hhPop = SEED_001.POP_TOTAL!;
  return Object.fromEntries(Object.entries(seed).map(([de, t]) => [de, Math.max(1, Math.round((t * pop * jitter) / hhPop))]));
}

/** A parent's target split over its children by population, adding up exactly. */
export const splitByPopulation = (target: number, pops: number[]) => apportion(target, pops);
