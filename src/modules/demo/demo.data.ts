// Demo data: the default metadata package, monthly values for the demo province (seed 001 for
// Hoằng Hóa in May 2024, synthetic elsewhere), form states and the 2024 plans. Values are written
// straight into data_value with COPY (no data_value_audit rows for the demo bulk load: the audit
// trail starts with the first real change).
import type { Ctx } from '../../core/context.js';
import { addWorkingDays } from '../../lib/calendar.js';
import { todayVn } from '../../lib/dates.js';
import { parsePeriod } from '../../lib/periods.js';
import * as periodsRepo from '../datavalues/periods.repo.js';
import { BCTK_YTCS_PACKAGE, CENTRE_DATA_SET, STATION_DATA_SET } from '../metadata/default-package/bctk-ytcs.js';
import { importPackage } from '../metadata/metadata.package.js';
import { buildProvincePlan } from '../orgunits/bootstrap/plan.js';
import type { Progress } from '../orgunits/orgunits.bootstrap.js';
import * as repo from './demo.repo.js';
import { unitSeries, type Values } from './generator.js';
import { districtTargets, PLANNED_ELEMENTS, seedDistrictTargets, splitByPopulation } from './plans.js';
import { CENTRE_ELEMENTS, demoUnits, STATION_ELEMENTS, type DemoUnit } from './profiles.js';
import { monthIndex, monthIso, rng } from './random.js';
import { SEED_PERIOD, SEED_UNIT, SEED_YEAR } from './seed001.js';

export type DemoHistory = 'full' | 'seed';

export interface DemoDataResult {
  values: number;
  forms: number;
  planTargets: number;
  months: number;
  units: number;
}

/** What happens to a unit's form for a past month. */
type Fate = 'missing' | 'open' | 'completed' | 'returned' | 'approved';

export function formFate(code: string, mi: number, lastMonth: number, keep: boolean): { fate: Fate; late: boolean; day: number; approveAfter: number } {
  const r = rng(`${code}|${mi}|form`);
  const x = r.u();
  const late = r.u() < 0.08;
  const day = r.u();
  const approveAfter = 1 + Math.floor(r.u() * 6);
  if (keep) return { fate: 'approved', late: false, day, approveAfter };
  const age = lastMonth - mi; // 0 = last month
  let fate: Fate;
  if (age === 0) fate = x < 0.12 ? 'missing' : x < 0.2 ? 'open' : x < 0.75 ? 'completed' : 'approved';
  else if (age === 1) fate = x < 0.04 ? 'missing' : x < 0.2 ? 'completed' : x < 0.22 ? 'returned' : 'approved';
  else fate = x < 0.02 ? 'missing' : x < 0.05 ? 'completed' : x < 0.06 ? 'returned' : 'approved';
  return { fate, late, day, approveAfter };
}

const tsv = (v: string | number | boolean | null) => (v === null ? '\\N' : String(v));

/**
 * Rows handed to COPY at a time: small enough that PostgreSQL stores (and rolls up) one unit's values
 * while the next units are generated, large enough to keep the writes few.
 */
const COPY_CHUNK_ROWS = 2_000;

export async function loadDemoData(
  ctx: Ctx,
  opts: { history: DemoHistory; progress?: Progress; today?: string; province?: string },
): Promise<DemoDataResult> {
  const progress = opts.progress ?? (() => {});
  const demo = ctx.use(repo);
  // 1. the default package
  progress('metadata', 0, 1);
  const report = await importPackage(ctx, BCTK_YTCS_PACKAGE);
  if (report.status !== 'OK') {
    throw new Error(`The default package did not import: ${report.errors.slice(0, 5).map((e) => `${e.type} ${e.code}: ${e.message}`).join('; ')}`);
  }
  progress('metadata', 1, 1);

  // 2. the units and months
  const today = opts.today ?? todayVn();
  const lastMonth = monthIndex(today.slice(0, 4) + today.slice(5, 7)) - 1;
  const plan = buildProvincePlan(opts.province ?? '38');
  const seedMi = monthIndex(SEED_PERIOD);
  const units: DemoUnit[] = opts.history === 'seed'
    ? demoUnits(plan, seedMi, { only: SEED_UNIT, from: monthIndex(`${SEED_YEAR}01`) })
    : demoUnits(plan, lastMonth);
  const firstMi = Math.min(...units.map((u) => u.from));
  const lastMi = Math.max(...units.map((u) => u.to));
  const months: string[] = [];
  for (let mi = firstMi; mi <= lastMi; mi++) months.push(monthIso(mi));
  const periods = await ctx.use(periodsRepo).ensurePeriods(months);

  // 3. ids
  const [unitRows, deRows, cocRows, sets] = await Promise.all([demo.units(), demo.dataElements(), demo.optionCombos(), demo.dataSets([STATION_DATA_SET, CENTRE_DATA_SET])]);
  const unitBy = new Map(unitRows.map((u) => [u.code, u]));
  const deBy = new Map(deRows.map((d) => [d.code, d]));
  const cocBy = new Map(cocRows.filter((c) => c.code).map((c) => [`${c.category_combo_id}|${c.code}`, c.iid]));
  const defaultCoc = cocRows.find((c) => c.code === 'default')!.iid;
  const setBy = new Map(sets.map((s) => [s.code, s]));

  /** key 'DE' or 'DE.COC' → [de iid, coc iid, zero significant], cached. */
  const keyCache = new Map<string, [number, number, boolean]>();
  const resolve = (key: string): [number, number, boolean] => {
    let r = keyCache.get(key);
    if (r === undefined) {
      const [code, coc] = key.split('.');
      const de = deBy.get(code!);
      const co = de ? (coc ? cocBy.get(`${de.category_combo_id}|${coc}`) : defaultCoc) : undefined;
      if (!de || co === undefined) throw new Error(`demo value ${key} does not match the package`);
      r = [de.iid, co, de.zero_is_significant && !coc];
      keyCache.set(key, r);
    }
    return r;
  };

  // 4. values and form states, unit by unit
  const forms: string[] = [];
  let values = 0;
  let done = 0;
  const total = units.length;
  const at = (date: string, hour: number) => `${date} ${String(hour).padStart(2, '0')}:00:00+07`;
  function* chunks(): Generator<string> {
    let buf: string[] = [];
    for (const u of units) {
      const unit = unitBy.get(u.code);
      if (!unit) throw new Error(`demo unit ${u.code} is not loaded`);
      const set = setBy.get(u.kind === 'station' ? STATION_DATA_SET : CENTRE_DATA_SET)!;
      const allowed = u.kind === 'station' ? STATION_ELEMENTS : CENTRE_ELEMENTS;
      const series = unitSeries(u.profile, u.from, u.to);
      // rows of one unit in primary-key order (de, pe, co): the index grows at its end, much faster
      const rows: [number, string][] = [];
      for (let i = 0; i < series.length; i++) {
        const vals: Values = series[i]!;
        const mi = u.from + i;
        const iso = monthIso(mi);
        const pe = periods.get(iso)!;
        const seedForm = (u.code === SEED_UNIT || u.parent === SEED_UNIT) && mi <= seedMi && mi >= monthIndex(`${SEED_YEAR}01`);
        const f = formFate(u.code, mi, lastMonth, seedForm);
        if (f.fate === 'missing') continue;
        const p = parsePeriod(iso)!;
        const deadline = addWorkingDays(p.end, set.deadline_working_days);
        const completedDate = f.late ? addWorkingDays(deadline, 1 + Math.floor(f.day * 12)) : addWorkingDays(p.end, Math.max(1, Math.round(f.day * set.deadline_working_days)));
        const stamp = at(completedDate, 9 + Math.floor(f.day * 8));
        for (const [key, v] of Object.entries(vals)) {
          const de = key.split('.')[0]!;
          if (!allowed.has(de)) continue;
          const [deIid, co, zeroSig] = resolve(key);
          if (v === 0 && !zeroSig) continue;
          rows.push([(deIid * 100_000 + pe) * 100_000 + co, `${unit.iid}\t${deIid}\t${pe}\t${co}\t${defaultCoc}\t${v}\t${v}\tdemo\t${stamp}\t${stamp}\n`]);
        }
        if (f.fate !== 'open') {
          const approvedDate = addWorkingDays(completedDate, f.approveAfter);
          const approved = f.fate === 'approved';
          forms.push([
            set.id, unit.id, pe, f.fate, stamp, 'demo', f.late ? 'Báo cáo muộn do thiếu số liệu từ thôn' : null, !f.late,
            approved ? at(approvedDate, 15) : null, approved ? 'demo' : null,
          ].map(tsv).join('\t') + '\n');
        }
      }
      rows.sort((a, b) => a[0] - b[0]);
      for (const r of rows) buf.push(r[1]);
      values += rows.length;
      if (buf.length >= COPY_CHUNK_ROWS) {
        yield buf.join('');
        buf = [];
      }
      done++;
      if (done % 10 === 0 || done === total) progress('unit data', done, total);
    }
    if (buf.length) yield buf.join('');
  }

  await ctx.transaction(async (tx) => {
    const bulk = tx.use(repo);
    await bulk.copyValues(chunks());
    progress('forms', 0, forms.length);
    await bulk.copyForms([forms.join('')]);
    progress('forms', forms.length, forms.length);
  });

  // 5. plans: province = Σ districts, district = Σ stations (by population); 2024 for the seed history,
  // every year of the history up to the current one for the full demo.
  const planUnits = opts.history === 'full' ? units : demoUnits(plan, seedMi);
  const planYears = opts.history === 'full' ? yearsFrom(Math.floor(firstMi / 12), Math.floor((lastMonth + 1) / 12)) : [SEED_YEAR];
  const planRows = planTargetsOf(planUnits, unitBy, deBy, planYears);
  await demo.insertPlanTargets(planRows);
  const planTargets = planRows.length;
  progress('plans', planTargets, planTargets);
  await demo.analyzeValues();
  return { values, forms: forms.length, planTargets, months: months.length, units: units.length };
}

const yearsFrom = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** Targets of other years: the 2024 levels of the district, grown by 3 % a year (plans rise yearly). */
const GROWTH_PER_YEAR = 0.03;

/** The plan targets of the demo's years (pure: the caller stores them). */
function planTargetsOf(
  units: DemoUnit[],
  unitBy: Map<string, { id: string }>,
  deBy: Map<string, { id: string }>,
  years: number[],
): repo.PlanTargetRow[] {
  const seedMi = monthIndex(SEED_PERIOD);
  const rows: repo.PlanTargetRow[] = [];
  for (const year of years) {
    const jan = monthIndex(`${year}01`);
    // The stations a year's plan is set for: those reporting in its January (in 2024, those of the seed profile).
    const stations =
      year === SEED_YEAR
        ? units.filter((u) => u.kind === 'station' && u.from <= jan + 11 && u.profile.anchor === seedMi)
        : units.filter((u) => u.kind === 'station' && u.from <= jan && u.to >= jan);
    const centres = units.filter((u) => u.kind === 'centre');
    const growth = (1 + GROWTH_PER_YEAR) ** (year - SEED_YEAR);
    const add = (code: string, de: string, value: number, method: 'manual' | 'population') =>
      rows.push({ year, org_unit_id: unitBy.get(code)!.id, target_type: 'dataElement', target_id: deBy.get(de)!.id, value, method, updated_by: 'demo' });
    const province: Record<string, number> = {};
    for (const c of centres) {
      const kids = stations.filter((s) => s.parent === c.code);
      if (kids.length === 0) continue;
      const pops = kids.map((k) => k.profile.pop);
      const base = c.code === SEED_UNIT ? seedDistrictTargets() : districtTargets(pops.reduce((a, b) => a + b, 0), rng(`${c.code}|plan`).factor(0.05));
      for (const de of PLANNED_ELEMENTS) {
        const target = year === SEED_YEAR ? base[de]! : Math.max(1, Math.round(base[de]! * growth));
        add(c.code, de, target, 'manual');
        province[de] = (province[de] ?? 0) + target;
        splitByPopulation(target, pops).forEach((t, i) => add(kids[i]!.code, de, t, 'population'));
      }
    }
    if (unitBy.has('SYT38')) {
      for (const de of PLANNED_ELEMENTS) {
        add('SYT38', de, province[de]!, 'manual');
        for (const other of ['BVDK38', 'CDC38']) if (unitBy.has(other)) add(other, de, 0, 'manual');
      }
    }
  }
  return rows;
}
