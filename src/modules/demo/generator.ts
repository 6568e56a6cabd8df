// Synthetic monthly values of the default package for one unit, deterministic and consistent with the
// package's validation rules. Pure: no database. Values are keyed 'DE' or 'DE.COC' (as in seed001.ts).
//
// A unit has a profile: its population and its stocks at an anchor month, plus optional exact values
// for some months (Hoằng Hóa's stations and centre in May 2024 hold seed 001). Stocks evolve smoothly
// from the anchor (the same growth factor for a stock and its breakdowns, so "≤" relations survive
// rounding); cumulative counts (COVID-19 doses, e-health records) are the anchor plus or minus the
// monthly increments, so they grow month by month and hit the anchor exactly. Flows are drawn around
// a rate per 1,000 population with seasonality and trends, then their breakdowns are drawn below them.
import { SEED_001 } from './seed001.js';
import { apportion, monthIndex, rng, type Rng } from './random.js';

export type Values = Record<string, number>;

export interface UnitProfile {
  /** Seeds the unit's random streams (the unit code, suffixed for a station's post-reform self). */
  code: string;
  kind: 'station' | 'centre';
  /** Month index of the anchor (the month `pop` and `stocks` hold at). */
  anchor: number;
  pop: number;
  stocks: Values;
  /** Exact values for some months (month index → values); they win over generated ones. */
  fixed?: Map<number, Values>;
  /** Station runs the community mental health programme. */
  mh?: boolean;
  /** Centre runs a methadone facility. */
  mmt?: boolean;
}

const SEED_MONTH = monthIndex('202405');
const SEED_POP = SEED_001.POP_TOTAL!;
const seedRate = (key: string) => (SEED_001[key] ?? 0) / (SEED_POP / 1000);

// ---------------------------------------------------------------- seasonality and trends
const SEASON: Record<string, number[]> = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  flu: [1.5, 1.5, 1.3, 1.1, 0.9, 0.7, 0.6, 0.6, 0.8, 1.0, 1.2, 1.3],
  summer: [0.7, 0.7, 0.8, 0.9, 1.1, 1.3, 1.4, 1.3, 1.1, 0.9, 0.8, 0.7],
  dengue: [0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1.3, 2.0, 2.5, 2.0, 0.9],
  hfmd: [0.6, 0.5, 0.8, 1.2, 1.4, 1.2, 0.9, 0.8, 1.3, 1.5, 1.1, 0.7],
  spring: [1.4, 1.6, 1.7, 1.4, 1.0, 0.7, 0.5, 0.5, 0.6, 0.7, 0.9, 1.1],
  tet: [1.05, 0.8, 1.0, 1.0, 1.0, 0.95, 1.0, 1.0, 1.0, 1.05, 1.05, 1.1],
  births: [1.0, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.05, 1.1, 1.0, 1.0],
};
const season = (name: string, mi: number) => SEASON[name]![mi % 12]!;
/** Years from the seed month (negative before). */
const years = (mi: number) => (mi - SEED_MONTH) / 12;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** A share that moves linearly with time and equals `at0` in May 2024. */
const share = (at0: number, perYear: number, mi: number, lo = 0, hi = 1) => clamp(at0 + perYear * years(mi), lo, hi);

/** Station flows drawn around rate × population: [key, per 1,000 people per month, season]. */
const STATION_FLOWS: [string, number, string][] = [
  ['CD_INFLUENZA', seedRate('CD_INFLUENZA') / SEASON.flu![4]!, 'flu'],
  ['CD_DIARRHOEA', seedRate('CD_DIARRHOEA') / SEASON.summer![4]!, 'summer'],
  ['CD_DYSENTERY', 0.02, 'summer'],
  ['CD_DENGUE', 0.03, 'dengue'],
  ['CD_HFMD', 0.06, 'hfmd'],
  ['CD_CHICKENPOX', 0.05, 'spring'],
  ['CD_MUMPS', 0.02, 'spring'],
  ['CD_MEASLES', 0.003, 'spring'],
  ['CD_VIRAL_HEPATITIS', 0.01, 'flat'],
  ['CD_DOG_BITES', 0.2, 'summer'],
  ['EPI_MEASLES2', seedRate('EPI_MEASLES2'), 'flat'],
  ['EPI_NT_PROTECTED', seedRate('EPI_NT_PROTECTED'), 'flat'],
  ['MAL_SLIDES', seedRate('MAL_SLIDES'), 'summer'],
  ['FS_POISONING_CASES', 0.04, 'summer'],
  ['INJ_CASES', seedRate('INJ_CASES'), 'tet'],
  ['POIS_CHEM_CASES', 0.004, 'flat'],
  ['HIV_NEW', 0.004, 'flat'],
  ['AIDS_DEATHS', 0.0015, 'flat'],
  ['TB_NEW_ALL', 0.012, 'flat'],
  ['GYN_EXAMS', 4, 'flat'],
  ['GYN_VIA_TESTS', 0.8, 'flat'],
  ['GYN_CYTOLOGY', 0.2, 'flat'],
  ['GYN_HPV_TESTS', 0.1, 'flat'],
  ['MCH_ABORTIONS', 0.15, 'flat'],
  ['FP_COMPLICATIONS', 0.002, 'flat'],
  ['COMM_COUNSELLED', seedRate('COMM_COUNSELLED'), 'flat'],
];

const FP_METHODS = ['FP_PILL', 'FP_CONDOM', 'FP_IUD', 'FP_INJECTABLE', 'FP_IMPLANT', 'FP_STERIL_FEMALE', 'FP_STERIL_MALE', 'FP_OTHER'];
const FP_RATES: Record<string, number> = {
  FP_PILL: seedRate('FP_USERS.FP_PILL'), FP_CONDOM: seedRate('FP_USERS.FP_CONDOM'), FP_IUD: 0.02, FP_INJECTABLE: 0.06,
  FP_IMPLANT: 0.02, FP_STERIL_FEMALE: 0.002, FP_STERIL_MALE: 0.0005, FP_OTHER: 0.05,
};
const OBST = ['OC_HAEMORRHAGE', 'OC_ECLAMPSIA', 'OC_NEONATAL_TETANUS', 'OC_UTERINE_RUPTURE', 'OC_INFECTION', 'OC_ABORTION', 'OC_OTHER'];
const OBST_SHARE = [0.4, 0.15, 0.01, 0.02, 0.2, 0.12, 0.1];
export const COVID_DOSES = ['DOSE1', 'DOSE2', 'DOSE3', 'BOOSTER1', 'BOOSTER2', 'ADDITIONAL'] as const;
/** Doses per person per month in January 2023, decaying since. */
const COVID_RATE: Record<string, number> = { DOSE1: 0.0002, DOSE2: 0.0002, DOSE3: 0.0002, BOOSTER1: 0.0015, BOOSTER2: 0.003, ADDITIONAL: 0.0004 };
const COVID_START = monthIndex('202301');

// ---------------------------------------------------------------- anchors (stocks at the anchor month)

/** Stocks of a synthetic station with this population, May 2024 levels (Hoằng Hóa's ratios, varied). */
export function syntheticStationStocks(code: string, pop: number): { stocks: Values; mh: boolean } {
  const r = rng(`${code}|stocks`);
  const per = (key: string, sigma = 0.25) => Math.max(0, Math.round(((SEED_001[key] ?? 0) / SEED_POP) * pop * r.factor(sigma)));
  const s: Values = { POP_TOTAL: pop };
  const prof = {
    PROF_DOCTOR: r.u() < 0.85 ? 1 + (r.u() < 0.15 ? 1 : 0) : 0,
    PROF_ASSISTANT_DOCTOR: 1 + Math.round(r.u() * 3),
    PROF_MIDWIFE: r.u() < 0.45 ? 1 : 0,
    PROF_NURSE: r.u() < 0.8 ? 1 : 0,
    PROF_PHARMACIST: r.u() < 0.3 ? 1 : 0,
    PROF_OTHER: r.u() < 0.1 ? 1 : 0,
  };
  for (const [k, v] of Object.entries(prof)) s[`HR_TYT_STAFF_PROF.${k}`] = v;
  s.HR_TYT_STAFF = Object.values(prof).reduce((a, b) => a + b, 0);
  for (const d of COVID_DOSES) s[`COVID_DOSES_CUM.${d}`] = per(`COVID_DOSES_CUM.${d}`, 0.05);
  // dose 2 follows dose 1 closely (as in the seed: 157.561 after 157.422)
  s['COVID_DOSES_CUM.DOSE2'] = Math.round(s['COVID_DOSES_CUM.DOSE1']! * (SEED_001['COVID_DOSES_CUM.DOSE2']! / SEED_001['COVID_DOSES_CUM.DOSE1']!) * r.factor(0.01));
  s.COVID_BOOSTER_CUM = Math.min(s['COVID_DOSES_CUM.DOSE3']!, per('COVID_BOOSTER_CUM', 0.1));
  s.EPI_TARGET_CHILDREN = per('EPI_TARGET_CHILDREN', 0.1);
  s.SAN_HOUSEHOLDS = Math.round(pop / (3.6 + r.u() * 0.6));
  s.SAN_HH_LATRINE = Math.round(s.SAN_HOUSEHOLDS * (0.78 + r.u() * 0.2));
  s.HIV_LIVING = per('HIV_LIVING', 0.5);
  s.AIDS_LIVING = Math.round(s.HIV_LIVING * (0.15 + r.u() * 0.15));
  s['IOD_GOITRE_MANAGED.GOITRE_ORDINARY'] = per('IOD_GOITRE_MANAGED.GOITRE_ORDINARY', 0.4);
  s['IOD_GOITRE_MANAGED.GOITRE_BASEDOW'] = per('IOD_GOITRE_MANAGED.GOITRE_BASEDOW', 0.5);
  s.IOD_SALT_HH_SURVEYED = 50;
  s.IOD_SALT_HH_ADEQUATE = 50 - Math.min(50, r.count(1.5));
  s.TB_UNDER_TREATMENT = r.count((16 / SEED_POP) * pop * 1.5);
  const mh = r.u() < 0.85;
  s.MH_PROGRAMME = mh ? 1 : 0;
  s.MH_MANAGED = mh ? per('MH_MANAGED', 0.3) : 0;
  s.MH_STABLE = Math.round(s.MH_MANAGED * (0.9 + r.u() * 0.1));
  s.MCH_PREG_MANAGED = Math.round(pop * 0.0105 * r.factor(0.1));
  s.MCH_PREG_ADOLESCENT = Math.round(s.MCH_PREG_MANAGED * 0.025 * r.factor(0.5));
  const coverage = 0.9 + r.u() * 0.095;
  s.EHR_CREATED_CUM = Math.round(pop * coverage);
  s.EHR_PART_B_CUM = Math.round(s.EHR_CREATED_CUM * (0.985 + r.u() * 0.014));
  s.EHR_PART_C_CUM = Math.round(s.EHR_CREATED_CUM * (0.93 + r.u() * 0.06));
  s.EHR_PART_D_CUM = Math.round(s.EHR_CREATED_CUM * (0.98 + r.u() * 0.019));
  return { stocks: s, mh };
}

/** Stocks of a centre whose district has this population (Hoằng Hóa's centre, scaled and varied). */
export function syntheticCentreStocks(code: string, districtPop: number): { stocks: Values; mmt: boolean } {
  const r = rng(`${code}|stocks`);
  const scale = Math.sqrt(districtPop / SEED_POP);
  const s: Values = {};
  const staff = (key: string) => (s[key] = Math.max(0, Math.round((SEED_001[key] ?? 0) * scale * r.factor(0.3))));
  for (const k of Object.keys(SEED_001)) if (/^HR_STAFF_(POSTGRAD|UNIVERSITY|COLLEGE|SECONDARY)\./.test(k) || k === 'HR_STAFF_DRIVER') staff(k);
  if (r.u() < 0.3) s['HR_STAFF_SECONDARY.SEC_MIDWIFE'] = 1 + Math.round(r.u() * 2);
  s.HR_STAFF_OTHER = r.u() < 0.5 ? 1 + Math.round(r.u() * 3) : 0;
  const total = Object.entries(s).filter(([k]) => k.startsWith('HR_STAFF_')).reduce((a, [, v]) => a + v, 0);
  const contract = Math.min(total, Math.round(total * r.u() * 0.12));
  s['HR_STAFF.EMP_PERMANENT'] = total - contract;
  s['HR_STAFF.EMP_CONTRACT'] = contract;
  const mmt = r.u() < 0.35;
  if (mmt) {
    s['HR_MMT_STAFF_ROLE.MMT_PHARMACIST'] = 1;
    s['HR_MMT_STAFF_ROLE.MMT_GUARD'] = 1;
    s['HR_MMT_STAFF_ROLE.MMT_NURSE'] = r.u() < 0.5 ? 1 : 0;
    s['HR_MMT_STAFF.EMP_CONTRACT'] = 2 + s['HR_MMT_STAFF_ROLE.MMT_NURSE'];
    s.MMT_PATIENTS = Math.round(110 * (districtPop / SEED_POP) * r.factor(0.4));
  }
  s.FS_ESTABLISHMENTS = Math.round((610 / SEED_POP) * districtPop * r.factor(0.25));
  return { stocks: s, mmt };
}

// ---------------------------------------------------------------- stock evolution

/** Growth per year of stocks (keys by element code); the same factor for an element's breakdowns. */
const STOCK_TREND: Record<string, number> = {
  POP_TOTAL: 0.006, EPI_TARGET_CHILDREN: -0.01, SAN_HOUSEHOLDS: 0.01, SAN_HH_LATRINE: 0.025, HIV_LIVING: 0.01, AIDS_LIVING: 0.005,
  IOD_GOITRE_MANAGED: -0.03, MH_MANAGED: 0.01, MH_STABLE: 0.01, MCH_PREG_MANAGED: -0.01, MCH_PREG_ADOLESCENT: -0.01,
  FS_ESTABLISHMENTS: 0.03, MMT_PATIENTS: 0.02,
};
/** Stocks that wobble around their trend (amplitude), in phase per unit. */
const STOCK_WOBBLE: Record<string, number> = { MCH_PREG_MANAGED: 0.05, MCH_PREG_ADOLESCENT: 0.05, TB_UNDER_TREATMENT: 0.3, MMT_PATIENTS: 0.04, HIV_LIVING: 0.01, AIDS_LIVING: 0.01 };

function stockFactor(code: string, de: string, mi: number, anchor: number): number {
  const t = (mi - anchor) / 12;
  let f = Math.pow(1 + (STOCK_TREND[de] ?? 0), t);
  const amp = STOCK_WOBBLE[de];
  if (amp) {
    const phase = (rngPhase(code, de) * 2 * Math.PI);
    f *= 1 + amp * (Math.sin(phase + (mi - anchor) * 0.45) - Math.sin(phase));
  }
  return f;
}
const phaseCache = new Map<string, number>();
function rngPhase(code: string, de: string) {
  const k = `${code}|${de}`;
  let v = phaseCache.get(k);
  if (v === undefined) {
    v = rng(`${k}|phase`).u();
    phaseCache.set(k, v);
  }
  return v;
}

// ---------------------------------------------------------------- series

/** Values of a unit for every month in [from, to] (month indexes), one object per month. */
export function unitSeries(p: UnitProfile, from: number, to: number): Values[] {
  return p.kind === 'station' ? stationSeries(p, from, to) : centreSeries(p, from, to);
}

function evolveStocks(p: UnitProfile, mi: number, out: Values, keys: string[]) {
  for (const key of keys) {
    const de = key.split('.')[0]!;
    const base = p.stocks[key];
    if (base === undefined) continue;
    out[key] = Math.max(0, Math.round(base * stockFactor(p.code, de, mi, p.anchor)));
  }
}

/** COVID-19 doses given in a month, by dose (exact values win; none besides them in a fixed month). */
function covidDoses(p: UnitProfile, mi: number): Values {
  const fixed = p.fixed?.get(mi);
  const r = rng(`${p.code}|${mi}|covid`);
  const out: Values = {};
  const decay = Math.exp(-(mi - COVID_START) / 6);
  for (const d of COVID_DOSES) {
    const k = `COVID_DOSES.${d}`;
    out[k] = fixed?.[k] ?? (fixed ? 0 : r.count(p.pop * COVID_RATE[d]! * decay));
  }
  return out;
}

function ehrIncrement(p: UnitProfile, mi: number): number {
  const r = rng(`${p.code}|${mi}|ehr`);
  const rate = mi < monthIndex('202401') ? 0.004 : mi < monthIndex('202501') ? 0.0015 : 0.0008;
  return r.count(p.pop * rate);
}

function stationSeries(p: UnitProfile, from: number, to: number): Values[] {
  const lo = Math.min(from, p.anchor);
  const hi = Math.max(to, p.anchor);
  // cumulative counts relative to the anchor
  const doses: Values[] = [];
  const ehrInc: number[] = [];
  for (let mi = lo; mi <= hi; mi++) {
    doses.push(covidDoses(p, mi));
    ehrInc.push(ehrIncrement(p, mi));
  }
  const cumOffset = (arr: number[], mi: number) => {
    // Σ (anchor, mi] for mi ≥ anchor; −Σ (mi, anchor] before
    let s = 0;
    if (mi >= p.anchor) for (let m = p.anchor + 1; m <= mi; m++) s += arr[m - lo]!;
    else for (let m = mi + 1; m <= p.anchor; m++) s -= arr[m - lo]!;
    return s;
  };
  const doseArr = Object.fromEntries(COVID_DOSES.map((d) => [d, doses.map((x) => x[`COVID_DOSES.${d}`]!)]));
  const stockKeys = Object.keys(p.stocks);
  const series: Values[] = [];
  for (let mi = from; mi <= to; mi++) {
    const out: Values = {};
    evolveStocks(p, mi, out, stockKeys);
    Object.assign(out, doses[mi - lo]);
    for (const d of COVID_DOSES) {
      const k = `COVID_DOSES_CUM.${d}`;
      out[k] = Math.max(out[`COVID_DOSES.${d}`]!, (p.stocks[k] ?? 0) + cumOffset(doseArr[d]!, mi));
    }
    out.COVID_BOOSTER_CUM = p.stocks.COVID_BOOSTER_CUM ?? 0;
    // e-health records: the anchor ± increments, capped by the population; parts trail the records
    const rec0 = p.stocks.EHR_CREATED_CUM ?? 0;
    const rec = clamp(rec0 + cumOffset(ehrInc, mi), 0, out.POP_TOTAL!);
    out.EHR_CREATED_CUM = rec;
    const back = Math.max(0, p.anchor - mi) / 12;
    const fwd = Math.max(0, mi - p.anchor) / 12;
    for (const part of ['EHR_PART_B_CUM', 'EHR_PART_C_CUM', 'EHR_PART_D_CUM']) {
      const gap0 = rec0 - (p.stocks[part] ?? 0);
      const gap = Math.round(gap0 * (1 + 0.8 * back) * Math.max(0.5, 1 - 0.15 * fwd));
      out[part] = clamp(rec - gap, 0, rec);
    }
    stationFlows(p, mi, out);
    // relations between stocks that evolve with different trends
    out.SAN_HH_LATRINE = Math.min(out.SAN_HH_LATRINE ?? 0, out.SAN_HOUSEHOLDS ?? 0);
    out.AIDS_LIVING = Math.min(out.AIDS_LIVING ?? 0, out.HIV_LIVING ?? 0);
    out.MCH_PREG_ADOLESCENT = Math.min(out.MCH_PREG_ADOLESCENT ?? 0, out.MCH_PREG_MANAGED ?? 0);
    series.push(out);
  }
  return series;
}

function stationFlows(p: UnitProfile, mi: number, out: Values) {
  const fx = p.fixed?.get(mi);
  const r: Rng = rng(`${p.code}|${mi}`);
  const pop = out.POP_TOTAL ?? p.pop;
  const k1000 = pop / 1000;
  const pick = (key: string, gen: () => number) => {
    const g = gen(); // always drawn, so a fixed value does not shift the stream for the others
    return (out[key] = fx?.[key] ?? g);
  };
  const usage = rng(`${p.code}|usage`).factor(0.3); // how much the station is used

  for (const [key, rate, s] of STATION_FLOWS) pick(key, () => r.count(rate * k1000 * season(s, mi)));
  // EPI
  pick('EPI_FULL_U1', () => Math.min(out.EPI_TARGET_CHILDREN ?? 0, r.count(seedRate('EPI_FULL_U1') * k1000)));
  pick('EPI_TT2_PREG', () => r.count(seedRate('EPI_TT2_PREG') * k1000));
  if ((out.MCH_PREG_MANAGED ?? 0) < out.EPI_TT2_PREG!) out.MCH_PREG_MANAGED = out.EPI_TT2_PREG!;
  // malaria, TB, HIV, mental health
  pick('MAL_POSITIVE', () => r.binom(out.MAL_SLIDES!, 0.002));
  pick('TB_NEW_AFB', () => r.binom(out.TB_NEW_ALL!, 0.5));
  out.TB_UNDER_TREATMENT = Math.max(out.TB_UNDER_TREATMENT ?? 0, out.TB_NEW_ALL!);
  out.HIV_LIVING = Math.max(out.HIV_LIVING ?? 0, out.HIV_NEW!);
  pick('MH_NEW', () => (p.mh ? r.count(0.006 * k1000) : 0));
  if (p.mh) out.MH_MANAGED = Math.max(out.MH_MANAGED ?? 0, out.MH_NEW!);

  // births and the population programme
  const birthRate = (seedRate('FP_BIRTHS.MALE') + seedRate('FP_BIRTHS.FEMALE')) * Math.pow(0.98, years(mi)) * season('births', mi);
  const births = fx?.MCH_LIVE_BIRTHS ?? r.count(birthRate * k1000);
  out.MCH_LIVE_BIRTHS = births;
  const boys = pick('FP_BIRTHS.MALE', () => r.binom(births, 0.535));
  out['FP_BIRTHS.FEMALE'] = births - boys;
  pick('FP_BIRTHS_THIRD', () => r.binom(births, 0.2));
  for (const m of FP_METHODS) pick(`FP_USERS.${m}`, () => r.count(FP_RATES[m]! * k1000));
  for (const m of FP_METHODS) pick(`MCH_FP_NEW_USERS.${m}`, () => r.binom(out[`FP_USERS.${m}`]!, 0.08));

  // maternal health
  pick('MCH_PREG_NEW', () => r.count(birthRate * 1.05 * k1000));
  pick('MCH_ANC_VISITS', () => r.count(births * 3.3 + 1));
  pick('MCH_ANC_URINE', () => r.binom(out.MCH_ANC_VISITS!, 0.7));
  pick('MCH_STILLBIRTHS', () => r.binom(births, 0.004));
  const deliveries = fx?.['MCH_DELIVERIES.PLACE_STATION'] !== undefined
    ? fx['MCH_DELIVERIES.PLACE_STATION']! + fx['MCH_DELIVERIES.PLACE_OTHER_FACILITY']! + fx['MCH_DELIVERIES.PLACE_OUTSIDE']!
    : Math.min(births + out.MCH_STILLBIRTHS!, Math.max(0, births - r.binom(births, 0.01)) + out.MCH_STILLBIRTHS!);
  const atStation = pick('MCH_DELIVERIES.PLACE_STATION', () => r.binom(deliveries, 0.02));
  const outside = pick('MCH_DELIVERIES.PLACE_OUTSIDE', () => r.binom(deliveries - atStation, 0.005));
  out['MCH_DELIVERIES.PLACE_OTHER_FACILITY'] = deliveries - atStation - outside;
  pick('MCH_DELIV_ADOLESCENT', () => r.binom(deliveries, 0.03));
  pick('MCH_DELIV_ETHNIC', () => r.binom(deliveries, 0.05));
  pick('MCH_DELIV_ANC_MANAGED', () => r.binom(deliveries, 0.98));
  pick('MCH_DELIV_TT_FULL', () => r.binom(deliveries, 0.95));
  pick('MCH_DELIV_ANC4', () => r.binom(deliveries, 0.85));
  pick('MCH_ANC_VISITS_DELIVERED', () => r.count(deliveries * 3.6));
  pick('MCH_DELIV_HEALTH_STAFF', () => deliveries - outside);
  pick('MCH_DELIV_SKILLED', () => r.binom(out.MCH_DELIV_HEALTH_STAFF!, 0.99));
  pick('MCH_TEST_HBV', () => r.binom(deliveries, 0.9));
  pick('MCH_TEST_HBV_POS', () => r.binom(out.MCH_TEST_HBV!, 0.06));
  pick('MCH_TEST_SYPHILIS', () => r.binom(deliveries, 0.8));
  pick('MCH_TEST_SYPHILIS_POS', () => r.binom(out.MCH_TEST_SYPHILIS!, 0.002));
  pick('MCH_TEST_HIV', () => r.binom(deliveries, 0.95));
  pick('MCH_TEST_HIV_POS', () => r.binom(out.MCH_TEST_HIV!, 0.001));
  pick('MCH_TEST_GLUCOSE', () => r.binom(deliveries, 0.6));
  pick('MCH_BIRTH_CERTIFICATES', () => r.binom(births, 0.97));
  pick('MCH_PNC_1W', () => r.binom(deliveries, 0.9));
  pick('MCH_PNC_6W', () => r.binom(deliveries, 0.8));
  const compl = r.binom(deliveries, 0.012);
  const complByType = apportion(compl, OBST_SHARE.map((s) => s * (0.5 + r.u())));
  OBST.forEach((o, i) => {
    pick(`MCH_OBST_COMPLICATIONS.${o}`, () => complByType[i]!);
    pick(`MCH_OBST_COMPL_DEATHS.${o}`, () => r.binom(out[`MCH_OBST_COMPLICATIONS.${o}`]!, 0.01));
  });
  pick('MCH_MATERNAL_DEATHS', () => OBST.reduce((s, o) => s + out[`MCH_OBST_COMPL_DEATHS.${o}`]!, 0));
  pick('MCH_MATERNAL_DEATHS_REVIEWED', () => out.MCH_MATERNAL_DEATHS!);
  // gynaecology and abortion
  pick('GYN_VIA_POSITIVE', () => r.binom(out.GYN_VIA_TESTS!, 0.03));
  pick('GYN_VIA_SUSPICIOUS', () => r.binom(out.GYN_VIA_TESTS! - out.GYN_VIA_POSITIVE!, 0.02));
  pick('GYN_TREATMENTS', () => r.binom(out.GYN_EXAMS!, 0.5));
  pick('GYN_HPV_VACCINE', () => (mi >= monthIndex('202501') ? r.count(0.3 * k1000) : 0));
  pick('MCH_ABORTIONS_LE7W', () => r.binom(out.MCH_ABORTIONS!, 0.7));
  pick('MCH_ABORTIONS_ADOLESCENT', () => r.binom(out.MCH_ABORTIONS!, 0.03));
  // child health
  pick('MCH_LIVE_BIRTHS_ETHNIC', () => r.binom(births, 0.05));
  pick('MCH_EENC_NORMAL', () => r.binom(births, 0.6));
  pick('MCH_EENC_CAESAREAN', () => r.binom(births - out.MCH_EENC_NORMAL!, 0.7));
  pick('MCH_KANGAROO', () => r.binom(births, 0.03));
  pick('MCH_PRETERM', () => r.binom(births, 0.05));
  pick('MCH_ASPHYXIA', () => r.binom(births, 0.01));
  pick('MCH_LBW', () => r.binom(births, 0.04));
  pick('MCH_HBW', () => r.binom(births - out.MCH_LBW!, 0.03));
  pick('MCH_WEIGHED', () => births - r.binom(births, 0.01));
  out.MCH_WEIGHED = clamp(out.MCH_WEIGHED!, out.MCH_LBW! + out.MCH_HBW!, births);
  pick('MCH_VITK1', () => r.binom(births, 0.97));
  pick('MCH_HEPB_24H', () => r.binom(births, 0.85));
  const u5 = pick('MCH_DEATHS_U5', () => r.binom(births, 0.016));
  const u1 = pick('MCH_DEATHS_U1', () => r.binom(u5, 0.75));
  const u28 = pick('MCH_DEATHS_U28D', () => r.binom(u1, 0.6));
  pick('MCH_DEATHS_U7D', () => r.binom(u28, 0.6));
  pick('MCH_DEATHS_U5_ETHNIC', () => r.binom(u5, 0.05));

  // curative care and Project 06
  const visits = pick('OPD_VISITS', () => r.count(seedRate('OPD_VISITS') * k1000 * usage * season('tet', mi)));
  pick('OPD_VISITS_INSURED', () => r.binom(visits, share(0.318, 0.02, mi)));
  pick('OPD_REFERRALS', () => r.binom(visits, 0.0103));
  pick('OPD_REVENUE', () => Math.round((visits * 6270 * rng(`${p.code}|fee`).factor(0.2) * Math.pow(1.04, years(mi))) / 1000) * 1000);
  const checkins = pick('D06_CHIP_CHECKINS', () => r.binom(visits, share(0.19, 0.12, mi, 0.02, 0.7)));
  pick('D06_LOOKUP_OK', () => r.binom(checkins, share(0.887, 0.03, mi, 0.6, 0.99)));
  pick('EPRESC_SENT', () => r.binom(visits, share(0.3035, 0.15, mi, 0.02, 0.9)));
  const payments = pick('PAY_TOTAL', () => r.binom(visits, 0.107));
  pick('PAY_CASHLESS', () => r.binom(payments, share(0.415, 0.12, mi, 0.05, 0.9)));
}

function centreSeries(p: UnitProfile, from: number, to: number): Values[] {
  const series: Values[] = [];
  const stockKeys = Object.keys(p.stocks);
  const scale = p.pop / SEED_POP;
  for (let mi = from; mi <= to; mi++) {
    const out: Values = {};
    evolveStocks(p, mi, out, stockKeys);
    const fx = p.fixed?.get(mi);
    const r = rng(`${p.code}|${mi}`);
    const pick = (key: string, gen: () => number) => {
      const g = gen();
      return (out[key] = fx?.[key] ?? g);
    };
    const around = (key: string, sigma = 0.25) => r.count((SEED_001[key] ?? 0) * scale * r.factor(sigma));
    for (const t of ['TOPIC_EPIDEMIC', 'TOPIC_FOOD_SAFETY', 'TOPIC_SOCIAL_DISEASE', 'TOPIC_OTHER']) pick(`COMM_ARTICLES.${t}`, () => around(`COMM_ARTICLES.${t}`));
    pick('OH_COMPANIES_INSPECTED', () => r.count(2 * scale));
    pick('OH_WORKERS_EXAMINED', () => (out.OH_COMPANIES_INSPECTED ? r.count(57 * out.OH_COMPANIES_INSPECTED) : 0));
    pick('HIV_COUNSELLING', () => around('HIV_COUNSELLING'));
    pick('HIV_NEEDLES', () => (p.mmt ? Math.round(around('HIV_NEEDLES', 0.3) / 100) * 100 : 0));
    pick('HIV_CONDOMS', () => Math.round(around('HIV_CONDOMS', 0.3) / 12) * 12);
    pick('TB_AFB_COHORT', () => r.count(13 * scale));
    pick('TB_AFB_CURED', () => r.binom(out.TB_AFB_COHORT!, 0.85));
    pick('PKDK_TB_INSURED_VISITS', () => around('PKDK_TB_INSURED_VISITS'));
    for (const t of ['LAB_AFB', 'LAB_HIV', 'LAB_MALARIA', 'LAB_FOOD', 'LAB_OTHER']) pick(`LAB_TESTS.${t}`, () => around(`LAB_TESTS.${t}`));
    const checkins = pick('D06_CHIP_CHECKINS', () => r.count(402 * scale * clamp(1 + 0.6 * years(mi), 0.1, 3)));
    pick('D06_LOOKUP_OK', () => r.binom(checkins, share(0.92, 0.02, mi, 0.6, 0.99)));
    series.push(out);
  }
  return series;
}
