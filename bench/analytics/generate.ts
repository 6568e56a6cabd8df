// Synthetic data for the analytics benchmark: real hierarchies (buildProvincePlan, 2025 reform
// included), the default metadata package, and monthly values COPYed straight into data_value.
//
// province-10y: Thanh Hóa (38), 2016-01..2025-12, every open station and centre, every cell
//   (element × option combo) of its data set → ≈ 23 M values.
// national-5y: several provinces until ≈ 4,000 units, 2021-01..2025-12 → ≈ 72 M values (run locally).
// `stationCells` (default 350 in run.ts) pads every unit-month with plain SUM elements of a separate
// data set up to that many cells per station-month (see below), so that the table has the size.
//
// Values are deterministic (integer hash of unit, element, combo, month): stocks (LAST) move smoothly
// from a per-cell base; flows (SUM) are noisy around a per-cell base. `scale` < 1 keeps only that
// share of the cells per unit-month (chosen per element by hash; the elements the queries use are
// always kept).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { ensurePeriods } from '../../src/modules/datavalues/periods.repo.js';
import { copyIn } from '../../src/db/copy.js';
import { BCTK_YTCS_PACKAGE, CENTRE_DATA_SET, STATION_DATA_SET } from '../../src/modules/metadata/default-package/bctk-ytcs.js';
import { importPackage } from '../../src/modules/metadata/metadata.package.js';
import { buildProvincePlan, listProvinces } from '../../src/modules/orgunits/bootstrap/plan.js';
import { applyProvincePlan } from '../../src/modules/orgunits/orgunits.bootstrap.js';
import { contextOf } from '../../src/db/store.js';

export type Dataset = 'province-10y' | 'national-5y';

export interface DatasetSpec {
  provinces: string[];
  firstYear: number;
  lastYear: number;
}

/** Elements the queries use: always generated whatever the scale. */
export const QUERY_ELEMENTS = ['OPD_VISITS', 'OPD_REFERRALS', 'POP_TOTAL', 'FP_BIRTHS', 'MCH_LIVE_BIRTHS', 'EPI_FULL_U1', 'CD_DIARRHOEA', 'MAL_SLIDES', 'MAL_POSITIVE'];

const NATIONAL_TARGET_UNITS = 4000;

export function datasetSpec(name: Dataset): DatasetSpec {
  if (name === 'province-10y') return { provinces: ['38'], firstYear: 2016, lastYear: 2025 };
  // national-5y: current provinces in code order until the plans hold ≈ 4,000 units.
  const provinces: string[] = [];
  let units = 0;
  for (const p of listProvinces().filter((x) => x.current)) {
    if (units >= NATIONAL_TARGET_UNITS) break;
    provinces.push(p.code);
    units += buildProvincePlan(p.code).units.length;
  }
  return { provinces, firstYear: 2021, lastYear: 2025 };
}

/** 32-bit integer hash (xorshift-multiply), deterministic across runs. */
function h32(a: number, b: number, c: number, d: number): number {
  let x = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) ^ Math.imul(c + 0x165667b1, 0x27d4eb2f);
  x = Math.imul(x ^ (x >>> 13), 0x297a2d39) ^ Math.imul(d + 0x61c88647, 0x9e3779b1);
  x ^= x >>> 16;
  return x >>> 0;
}
const u01 = (a: number, b: number, c: number, d: number) => h32(a, b, c, d) / 4294967296;

interface Cell {
  de: number;
  co: number;
  last: boolean;
}

export interface GenerateResult {
  values: number;
  units: number;
  months: number;
  cellsPerUnitMonth: { station: number; centre: number };
  ms: { hierarchy: number; metadata: number; values: number; index: number; analyze: number };
}

export async function generate(
  db: Kysely<DB>,
  name: Dataset,
  opts: { scale?: number; stationCells?: number; log?: (s: string) => void } = {},
): Promise<GenerateResult> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const scale = opts.scale ?? 1;
  const spec = datasetSpec(name);
  const ms = { hierarchy: 0, metadata: 0, values: 0, index: 0, analyze: 0 };

  let t = Date.now();
  for (const code of spec.provinces) await applyProvincePlan(contextOf(db), buildProvincePlan(code), {});
  ms.hierarchy = Date.now() - t;
  log(`hierarchy: ${spec.provinces.length} province(s) in ${(ms.hierarchy / 1000).toFixed(1)} s`);

  t = Date.now();
  const report = await importPackage(contextOf(db), BCTK_YTCS_PACKAGE);
  if (report.status !== 'OK') throw new Error(`default package: ${report.errors.slice(0, 3).map((e) => e.message).join('; ')}`);
  // Padding: the default package has 163 cells per station-month (52 per centre); the issue's
  // dataset has ~300 per unit-month over ~650 units (≈ 23 M values). The real hierarchy has fewer
  // units open per month (547 stations before the reform, 166 after), so extra plain SUM elements of
  // a separate data set (BENCH_PAD, assigned to stations and centres) bring the table to ≈ 23 M.
  const padCells = Math.max(0, (opts.stationCells ?? 0) - 163);
  if (padCells > 0) {
    const codes = Array.from({ length: padCells }, (_, i) => `BENCH_PAD_${String(i + 1).padStart(3, '0')}`);
    const pad = await importPackage(contextOf(db), {
      package: { code: 'BENCH_PAD', name: 'Bench padding', version: '1' },
      dataElements: codes.map((code) => ({ code, name: `Bench ${code}`, valueType: 'INTEGER_ZERO_OR_POSITIVE', aggregationType: 'SUM', categoryCombo: 'default' })),
      dataSets: [{ code: 'BENCH_PAD', name: 'Bench padding', periodType: 'Monthly', orgUnitKinds: ['station', 'health_centre'], dataElements: codes }],
    } as never);
    if (pad.status !== 'OK') throw new Error(`padding package: ${pad.errors.slice(0, 3).map((e) => e.message).join('; ')}`);
  }
  ms.metadata = Date.now() - t;

  const months: string[] = [];
  for (let y = spec.firstYear; y <= spec.lastYear; y++) for (let m = 1; m <= 12; m++) months.push(`${y}${String(m).padStart(2, '0')}`);
  const periods = await ensurePeriods(db, months);
  const starts = months.map((iso) => `${iso.slice(0, 4)}-${iso.slice(4)}-01`);

  // Cells of each data set: element × its option combos, in primary-key order (de, co).
  const cellsOf = async (setCode: string): Promise<Cell[]> => {
    const rows = await sql<{ de: number; co: number; agg: string; code: string }>`
      select distinct e.iid as de, c.iid as co, e.aggregation_type as agg, e.code
      from data_set s
      join data_set_element se on se.data_set_id = s.id
      join data_element e on e.id = se.data_element_id
      join category_option_combo c on c.category_combo_id = e.category_combo_id
      where s.code = ${setCode}
      order by e.iid, c.iid`.execute(db);
    return rows.rows
      .filter((r) => scale >= 1 || QUERY_ELEMENTS.includes(r.code) || u01(r.de, 7, 7, 7) < scale)
      .map((r) => ({ de: r.de, co: r.co, last: r.agg === 'LAST' }));
  };
  const padding = padCells > 0 ? await cellsOf('BENCH_PAD') : [];
  const merge = (a: Cell[]) => [...a, ...padding].sort((x, y) => x.de - y.de || x.co - y.co);
  const stationCells = merge(await cellsOf(STATION_DATA_SET));
  const centreCells = merge(await cellsOf(CENTRE_DATA_SET));
  const aoRow = await sql<{ iid: number }>`select iid from category_option_combo where code = 'default'`.execute(db);
  const ao = aoRow.rows[0]!.iid;

  const units = (
    await sql<{ iid: number; kind: string; opening_date: string; closed_date: string | null }>`
      select iid, kind, opening_date::text, closed_date::text from org_unit
      where kind in ('station', 'health_centre') order by iid`.execute(db)
  ).rows;
  log(`units: ${units.length} (stations ${units.filter((u) => u.kind === 'station').length}); cells per unit-month: station ${stationCells.length}, centre ${centreCells.length}; months: ${months.length}`);

  // Bulk load: drop the secondary index, COPY in primary-key order, rebuild the index.
  await sql`drop index if exists data_value_de_pe_idx`.execute(db);
  t = Date.now();
  let values = 0;
  let done = 0;
  const pes = months.map((iso) => periods.get(iso)!);
  function* unitChunks(batch: typeof units): Generator<string> {
    for (const u of batch) {
      const cells = u.kind === 'station' ? stationCells : centreCells;
      const open: number[] = [];
      for (let i = 0; i < months.length; i++) {
        const s = starts[i]!;
        if (u.opening_date <= s && (u.closed_date === null || u.closed_date > s)) open.push(i);
      }
      if (open.length === 0) continue;
      const parts: string[] = [];
      const size = u.kind === 'station' ? 1 : 8; // centres report larger figures
      for (const c of cells) {
        const base = 5 + Math.floor(u01(u.iid, c.de, c.co, 0) * 400) * size;
        const trend = (u01(u.iid, c.de, c.co, 1) - 0.3) * 0.004; // per month
        for (const i of open) {
          let v: number;
          if (c.last) v = Math.round(base * 10 * (1 + trend * i) + (u01(u.iid, c.de, c.co, i + 2) < 0.5 ? 0 : 1));
          else v = Math.round(base * (0.5 + u01(u.iid, c.de, c.co, i + 2)));
          parts.push(`${u.iid}\t${c.de}\t${pes[i]}\t${c.co}\t${ao}\t${v}\t${v}\tbench\n`);
        }
      }
      values += parts.length;
      yield parts.join('');
    }
  }
  const BATCH = 25;
  for (let i = 0; i < units.length; i += BATCH) {
    const batch = units.slice(i, i + BATCH);
    await db.transaction().execute((tx) => copyIn(tx, 'copy data_value (ou, de, pe, co, ao, value, num, stored_by) from stdin', unitChunks(batch)));
    done += batch.length;
    if (Math.floor(done / 100) !== Math.floor((done - batch.length) / 100) || done === units.length) {
      const s = (Date.now() - t) / 1000;
      log(`  values: ${done}/${units.length} units, ${values.toLocaleString('en-US')} values, ${s.toFixed(0)} s (${Math.round(values / s).toLocaleString('en-US')}/s)`);
    }
  }
  ms.values = Date.now() - t;
  t = Date.now();
  await db.transaction().execute(async (tx) => {
    await sql`set local maintenance_work_mem = '1GB'`.execute(tx);
    await sql`create index data_value_de_pe_idx on data_value (de, pe)`.execute(tx);
  });
  ms.index = Date.now() - t;
  t = Date.now();
  await sql`analyze`.execute(db);
  ms.analyze = Date.now() - t;
  log(`values: ${values.toLocaleString('en-US')} in ${(ms.values / 1000).toFixed(1)} s; index (de, pe) ${(ms.index / 1000).toFixed(1)} s; analyze ${(ms.analyze / 1000).toFixed(1)} s`);
  return { values, units: units.length, months: months.length, cellsPerUnitMonth: { station: stationCells.length, centre: centreCells.length }, ms };
}
