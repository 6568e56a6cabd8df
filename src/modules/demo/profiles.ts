// Which demo units report which months, and their profiles (population, stocks at an anchor month,
// exact seed values). Pure: built from the province plan (the same one the org units were loaded from).
import { ALL_ELEMENTS, BCTK_YTCS_PACKAGE, CENTRE_DATA_SET, STATION_DATA_SET } from '../metadata/default-package/bctk-ytcs.js';
import type { ProvincePlan, PlannedUnit } from '../orgunits/bootstrap/plan.types.js';
import { COVID_DOSES, syntheticCentreStocks, syntheticStationStocks, unitSeries, type UnitProfile, type Values } from './generator.js';
import { apportion, monthIndex, rng } from './random.js';
import { SEED_001, SEED_CENTRE_SHARE, SEED_PERIOD, SEED_UNIT } from './seed001.js';

export interface DemoUnit {
  code: string;
  kind: 'station' | 'centre';
  /** Parent centre code in May 2024 (stations before the reform) or after it. */
  parent: string | null;
  /** First and last month index the unit reports. */
  from: number;
  to: number;
  profile: UnitProfile;
}

const SEED_MI = monthIndex(SEED_PERIOD);
export const REFORM_MI = monthIndex('202507');
const LAST_OLD_MI = REFORM_MI - 1;

const aggOf = new Map(ALL_ELEMENTS.map((e) => [e.code, e.agg]));
const isStock = (key: string) => aggOf.get(key.split('.')[0]!) === 'LAST';
const setOf = (code: string) => new Set(BCTK_YTCS_PACKAGE.dataSets!.find((d) => d.code === code)!.sections!.flatMap((s) => s.dataElements!));
export const STATION_ELEMENTS = setOf(STATION_DATA_SET);
export const CENTRE_ELEMENTS = setOf(CENTRE_DATA_SET);

const dateMi = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
/** First month a unit is open for all of; last month it is open at its end. */
const openMonths = (u: PlannedUnit) => ({
  first: u.openingDate.slice(8) === '01' ? dateMi(u.openingDate) : dateMi(u.openingDate) + 1,
  last: u.closedDate ? dateMi(u.closedDate) - (u.closedDate.slice(8) === '01' ? 1 : 0) : Infinity,
});
const parentOn = (u: PlannedUnit, date: string) => {
  let p: string | null = null;
  for (const v of u.versions) if (v.validFrom <= date) p = v.parentCode;
  return p;
};

/** A station's population before the reform (stable per code): around 6.700 people, varied. */
export function rawPopulation(code: string): number {
  return Math.round(6700 * rng(`${code}|pop`).factor(0.35));
}

/**
 * Seed 001 spread over the stations of Hoằng Hóa (in the given order) and the centre: every district
 * total equals the seed; breakdowns are spread by their parent's shares so that no station breaks a
 * rule; stocks go to the anchor, flows to the exact values of May 2024.
 */
export function spreadSeed(stationCodes: string[]): { stations: Map<string, { pop: number; stocks: Values; fixed: Values; mh: boolean }>; centre: { stocks: Values; fixed: Values } } {
  const n = stationCodes.length;
  const S = (k: string) => SEED_001[k] ?? 0;
  const v: Record<string, number[]> = {};
  const by = (key: string, weights: number[], total = S(key)) => (v[key] = apportion(total, weights));
  const pop = by('POP_TOTAL', stationCodes.map(rawPopulation));
  const equal = stationCodes.map(() => 1);
  for (const p of ['PROF_DOCTOR', 'PROF_ASSISTANT_DOCTOR', 'PROF_MIDWIFE', 'PROF_NURSE', 'PROF_PHARMACIST', 'PROF_OTHER']) by(`HR_TYT_STAFF_PROF.${p}`, pop);
  v.HR_TYT_STAFF = pop.map((_, i) => Object.keys(v).filter((k) => k.startsWith('HR_TYT_STAFF_PROF.')).reduce((s, k) => s + v[k]![i]!, 0));
  for (const d of COVID_DOSES) by(`COVID_DOSES_CUM.${d}`, pop);
  by('COVID_BOOSTER_CUM', v['COVID_DOSES_CUM.DOSE3']!);
  for (const d of COVID_DOSES) by(`COVID_DOSES.${d}`, v[`COVID_DOSES_CUM.${d}`]!);
  by('EPI_TARGET_CHILDREN', pop);
  by('EPI_FULL_U1', v.EPI_TARGET_CHILDREN!);
  for (const k of ['CD_INFLUENZA', 'CD_DIARRHOEA', 'EPI_MEASLES2', 'EPI_TT2_PREG', 'EPI_NT_PROTECTED', 'MAL_SLIDES', 'FS_POISONING_CASES', 'INJ_CASES', 'COMM_COUNSELLED']) by(k, pop);
  by('MAL_POSITIVE', v.MAL_SLIDES!);
  by('POIS_CHEM_CASES', pop);
  by('SAN_HOUSEHOLDS', pop);
  by('SAN_HH_LATRINE', v.SAN_HOUSEHOLDS!);
  by('HIV_LIVING', pop);
  by('AIDS_LIVING', v.HIV_LIVING!);
  by('HIV_NEW', pop);
  by('AIDS_DEATHS', pop);
  by('IOD_GOITRE_MANAGED.GOITRE_ORDINARY', pop);
  by('IOD_GOITRE_MANAGED.GOITRE_BASEDOW', pop);
  by('IOD_SALT_HH_SURVEYED', equal);
  by('IOD_SALT_HH_ADEQUATE', v.IOD_SALT_HH_SURVEYED!);
  by('TB_UNDER_TREATMENT', pop);
  by('TB_NEW_ALL', v.TB_UNDER_TREATMENT!);
  by('TB_NEW_AFB', v.TB_NEW_ALL!);
  // the communes running the mental health programme: the seed's count, chosen per code
  const order = stationCodes.map((c, i) => [rng(`${c}|mh`).u(), i] as const).sort((a, b) => b[0] - a[0]);
  const flag = stationCodes.map(() => 0);
  for (const [, i] of order.slice(0, S('MH_PROGRAMME'))) flag[i] = 1;
  v.MH_PROGRAMME = flag;
  by('MH_MANAGED', pop.map((p, i) => p * flag[i]!));
  by('MH_STABLE', v.MH_MANAGED!);
  by('MH_NEW', v.MH_MANAGED!);
  // births: boys spread by births, girls the rest, so boys + girls = live births everywhere
  by('MCH_LIVE_BIRTHS', pop);
  by('FP_BIRTHS.MALE', v.MCH_LIVE_BIRTHS!);
  v['FP_BIRTHS.FEMALE'] = v.MCH_LIVE_BIRTHS!.map((b, i) => b - v['FP_BIRTHS.MALE']![i]!);
  by('FP_BIRTHS_THIRD', v.MCH_LIVE_BIRTHS!);
  // the seed's total (2.726) is pill + condom + IUD: the other methods are zero that month
  for (const m of ['FP_PILL', 'FP_CONDOM', 'FP_IUD', 'FP_INJECTABLE', 'FP_IMPLANT', 'FP_STERIL_FEMALE', 'FP_STERIL_MALE', 'FP_OTHER']) by(`FP_USERS.${m}`, pop);
  const deliveries = apportion(S('MCH_DELIVERIES.PLACE_STATION') + S('MCH_DELIVERIES.PLACE_OTHER_FACILITY') + S('MCH_DELIVERIES.PLACE_OUTSIDE'), v.MCH_LIVE_BIRTHS!);
  by('MCH_DELIVERIES.PLACE_STATION', deliveries);
  by('MCH_DELIVERIES.PLACE_OUTSIDE', deliveries.map((d, i) => d - v['MCH_DELIVERIES.PLACE_STATION']![i]!));
  v['MCH_DELIVERIES.PLACE_OTHER_FACILITY'] = deliveries.map((d, i) => d - v['MCH_DELIVERIES.PLACE_STATION']![i]! - v['MCH_DELIVERIES.PLACE_OUTSIDE']![i]!);
  by('MCH_DELIV_ANC4', deliveries);
  by('MCH_ANC_VISITS_DELIVERED', deliveries);
  by('MCH_DEATHS_U5', v.MCH_LIVE_BIRTHS!);
  by('MCH_LBW', v.MCH_LIVE_BIRTHS!);
  by('OPD_VISITS', pop);
  by('OPD_VISITS_INSURED', v.OPD_VISITS!);
  by('OPD_REFERRALS', v.OPD_VISITS!);
  v.OPD_REVENUE = apportion(S('OPD_REVENUE') / 1000, v.OPD_VISITS!).map((x) => x * 1000);
  by('EPRESC_SENT', v.OPD_VISITS!);
  by('PAY_TOTAL', v.OPD_VISITS!);
  by('PAY_CASHLESS', v.PAY_TOTAL!);
  by('D06_CHIP_CHECKINS', v.OPD_VISITS!, S('D06_CHIP_CHECKINS') - SEED_CENTRE_SHARE.D06_CHIP_CHECKINS!);
  by('D06_LOOKUP_OK', v.D06_CHIP_CHECKINS!, S('D06_LOOKUP_OK') - SEED_CENTRE_SHARE.D06_LOOKUP_OK!);
  by('EHR_CREATED_CUM', pop);
  for (const p of ['B', 'C', 'D']) by(`EHR_PART_${p}_CUM`, v.EHR_CREATED_CUM!);

  // every seed figure of a station element must have been spread
  for (const k of Object.keys(SEED_001)) {
    if (STATION_ELEMENTS.has(k.split('.')[0]!) && !v[k]) throw new Error(`seed figure ${k} is not spread over the stations`);
  }
  const stations = new Map<string, { pop: number; stocks: Values; fixed: Values; mh: boolean }>();
  for (let i = 0; i < n; i++) {
    const code = stationCodes[i]!;
    const synthetic = syntheticStationStocks(code, pop[i]!).stocks;
    const stocks: Values = {};
    const fixed: Values = {};
    // stocks the seed does not give (pregnant women under management) come from the synthetic profile
    for (const [k, x] of Object.entries(synthetic)) if (!(k in v)) stocks[k] = x;
    for (const [k, arr] of Object.entries(v)) (isStock(k) ? stocks : fixed)[k] = arr[i]!;
    stations.set(code, { pop: pop[i]!, stocks, fixed, mh: flag[i] === 1 });
  }
  const centre = { stocks: {} as Values, fixed: {} as Values };
  for (const [k, x] of Object.entries(SEED_001)) {
    const de = k.split('.')[0]!;
    if (!CENTRE_ELEMENTS.has(de)) continue;
    const value = STATION_ELEMENTS.has(de) ? SEED_CENTRE_SHARE[k]! : x;
    (isStock(k) ? centre.stocks : centre.fixed)[k] = value;
  }
  centre.stocks.HR_STAFF_OTHER = 0;
  return { stations, centre };
}

/**
 * The demo units of the province and the months each reports, January 2023 to `lastMonth`
 * (a month index). `only` restricts to one health centre and its stations (the test template).
 */
export function demoUnits(plan: ProvincePlan, lastMonth: number, opts: { only?: string; from?: number } = {}): DemoUnit[] {
  const start = opts.from ?? monthIndex('202301');
  const seedDate = '2024-05-15';
  const stations = plan.units.filter((u) => u.kind === 'station');
  const centres = plan.units.filter((u) => u.kind === 'health_centre');
  const old = stations.filter((u) => openMonths(u).first <= LAST_OLD_MI);
  const seedStations = old.filter((u) => parentOn(u, seedDate) === SEED_UNIT && openMonths(u).first <= SEED_MI && openMonths(u).last >= SEED_MI).map((u) => u.code).sort();
  const seed = spreadSeed(seedStations);

  const out: DemoUnit[] = [];
  const profiles = new Map<string, UnitProfile>();
  for (const u of old) {
    const { first, last } = openMonths(u);
    const s = seed.stations.get(u.code);
    let profile: UnitProfile;
    if (s) {
      profile = { code: u.code, kind: 'station', anchor: SEED_MI, pop: s.pop, stocks: s.stocks, fixed: new Map([[SEED_MI, s.fixed]]), mh: s.mh };
    } else {
      const pop = rawPopulation(u.code);
      const { stocks, mh } = syntheticStationStocks(u.code, pop);
      profile = { code: u.code, kind: 'station', anchor: SEED_MI, pop, stocks, mh };
    }
    profiles.set(u.code, profile);
    // a station that continues after the reform reports as its 2025 self from July 2025 (below)
    out.push({ code: u.code, kind: 'station', parent: parentOn(u, seedDate), from: Math.max(start, first), to: Math.min(lastMonth, last, LAST_OLD_MI), profile });
  }

  // Stations after the reform: population and stocks of their predecessors in June 2025, by share.
  const shares = new Map<string, { pred: string; share: number }[]>();
  const linksFrom = new Map<string, number>();
  for (const e of plan.events) for (const l of e.links) if (l.kind === 'partial' && l.weight == null) linksFrom.set(l.predecessorCode, (linksFrom.get(l.predecessorCode) ?? 0) + 1);
  for (const e of plan.events) {
    for (const l of e.links) {
      if (!profiles.has(l.predecessorCode)) continue;
      const share = l.weight ?? 1 / (linksFrom.get(l.predecessorCode) ?? 1);
      const list = shares.get(l.successorCode) ?? [];
      list.push({ pred: l.predecessorCode, share });
      shares.set(l.successorCode, list);
    }
  }
  const june = new Map<string, Values>();
  const juneOf = (code: string) => {
    let x = june.get(code);
    if (!x) {
      x = unitSeries(profiles.get(code)!, LAST_OLD_MI, LAST_OLD_MI)[0]!;
      june.set(code, x);
    }
    return x;
  };
  for (const u of stations.filter((s) => openMonths(s).last >= REFORM_MI)) {
    const { first, last } = openMonths(u);
    const from = Math.max(start, first, REFORM_MI);
    const to = Math.min(lastMonth, last);
    if (from > to) continue;
    const preds = shares.get(u.code) ?? [];
    let profile: UnitProfile;
    if (preds.length === 0) {
      const pop = rawPopulation(u.code);
      const { stocks, mh } = syntheticStationStocks(u.code, pop);
      profile = { code: `${u.code}|new`, kind: 'station', anchor: SEED_MI, pop, stocks, mh };
    } else if (opts.only && !preds.some((p) => out.some((o) => o.code === p.pred && o.parent === opts.only))) {
      continue; // not needed: the caller keeps one district only
    } else {
      const stocks: Values = {};
      for (const { pred, share } of preds) {
        const j = juneOf(pred);
        for (const [k, x] of Object.entries(j)) if (isStock(k)) stocks[k] = (stocks[k] ?? 0) + x * share;
      }
      for (const k of Object.keys(stocks)) stocks[k] = Math.round(stocks[k]!);
      stocks.MH_PROGRAMME = Math.min(1, stocks.MH_PROGRAMME ?? 0);
      stocks.HR_TYT_STAFF = Object.keys(stocks).filter((k) => k.startsWith('HR_TYT_STAFF_PROF.')).reduce((s, k) => s + stocks[k]!, 0);
      const le = (child: string, parent: string) => (stocks[child] = Math.min(stocks[child] ?? 0, stocks[parent] ?? 0));
      le('AIDS_LIVING', 'HIV_LIVING');
      le('SAN_HH_LATRINE', 'SAN_HOUSEHOLDS');
      le('MH_STABLE', 'MH_MANAGED');
      le('IOD_SALT_HH_ADEQUATE', 'IOD_SALT_HH_SURVEYED');
      le('MCH_PREG_ADOLESCENT', 'MCH_PREG_MANAGED');
      le('COVID_BOOSTER_CUM', 'COVID_DOSES_CUM.DOSE3');
      le('EHR_CREATED_CUM', 'POP_TOTAL');
      for (const p of ['B', 'C', 'D']) le(`EHR_PART_${p}_CUM`, 'EHR_CREATED_CUM');
      // the profile code seeds its random streams: distinct from the pre-reform station of the same code
      profile = { code: `${u.code}|2025`, kind: 'station', anchor: LAST_OLD_MI, pop: stocks.POP_TOTAL!, stocks, mh: stocks.MH_PROGRAMME === 1 };
    }
    if (from <= to) out.push({ code: u.code, kind: 'station', parent: parentOn(u, '2025-07-15'), from, to, profile });
  }

  // Health centres: district population = their stations' in May 2024.
  for (const c of centres) {
    const { first, last } = openMonths(c);
    const districtPop = out.filter((s) => s.kind === 'station' && s.parent === c.code && s.profile.anchor === SEED_MI && s.from <= LAST_OLD_MI).reduce((a, s) => a + s.profile.pop, 0);
    let profile: UnitProfile;
    if (c.code === SEED_UNIT) {
      profile = { code: c.code, kind: 'centre', anchor: SEED_MI, pop: districtPop, stocks: seed.centre.stocks, fixed: new Map([[SEED_MI, seed.centre.fixed]]), mmt: true };
    } else {
      const { stocks, mmt } = syntheticCentreStocks(c.code, districtPop || 50_000);
      profile = { code: c.code, kind: 'centre', anchor: SEED_MI, pop: districtPop || 50_000, stocks, mmt };
    }
    out.push({ code: c.code, kind: 'centre', parent: parentOn(c, seedDate), from: Math.max(start, first), to: Math.min(lastMonth, last), profile });
  }
  if (!opts.only) return out.filter((u) => u.from <= u.to);
  return out.filter((u) => u.from <= u.to && (u.code === opts.only || u.parent === opts.only));
}
