// The fixed set of dashboard-like queries of the analytics benchmark (AnalyticsQuery objects, as
// the engine receives them from the API or a dashboard item). Units and elements by code.
import { parseRange, type PeriodRange } from '../../src/lib/periods.js';
import type { AnalyticsQuery, DataItem, OrgUnitSelection } from '../../src/modules/analytics/query.js';

export interface BenchQuery {
  name: string;
  what: string;
  q: AnalyticsQuery;
}

const pe = (...ids: string[]): PeriodRange[] =>
  ids.map((id) => {
    const r = parseRange(id);
    if (!r) throw new Error(`bad range ${id}`);
    return r;
  });
const de = (id: string, extra: Partial<Extract<DataItem, { kind: 'dataElement' }>> = {}): DataItem => ({ kind: 'dataElement', id, ...extra });
const ind = (id: string): DataItem => ({ kind: 'indicator', id });
const unit = (id: string): OrgUnitSelection => ({ kind: 'unit', id });
const level = (n: number, within?: string): OrgUnitSelection => ({ kind: 'level', level: n, within });
const months = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}${String(i + 1).padStart(2, '0')}`);

const AS_OF = '2025-12-31';
const H = (data: DataItem[], periods: PeriodRange[], orgUnits: OrgUnitSelection[]): AnalyticsQuery => ({ data, periods, orgUnits, structure: 'historical', asOf: AS_OF });

/** `root`: the province unit code (SYT38); `centre`: one health centre code; `group`: an org-unit group code. */
export function benchQueries(o: { root: string; centre: string; group: string; lastYear: number; firstYear: number }): BenchQuery[] {
  const y = o.lastYear;
  const years = Array.from({ length: o.lastYear - o.firstYear + 1 }, (_, i) => String(o.firstYear + i));
  return [
    { name: 'province_by_month', what: `province, visits, 12 months of ${y - 1}`, q: H([de('OPD_VISITS')], pe(...months(y - 1)), [unit(o.root)]) },
    { name: 'centres_ytd', what: `every centre, 3 elements, ${y - 1} YTD Oct`, q: H([de('OPD_VISITS'), de('MCH_LIVE_BIRTHS'), de('EPI_FULL_U1')], pe(`${y - 1}YTD10`), [level(2)]) },
    { name: 'stations_ranked', what: `stations of ${o.centre}, visits, one month`, q: H([de('OPD_VISITS')], pe(`${y - 1}05`), [{ kind: 'children', id: o.centre }]) },
    { name: 'stock_last_year', what: `population (LAST) over ${y - 1}, province + centres`, q: H([de('POP_TOTAL')], pe(`${y - 1}`), [unit(o.root), level(2)]) },
    { name: 'rate_by_centre', what: `malaria positivity (%) by centre, ${y - 1}`, q: H([ind('IND_MALARIA_POSITIVITY')], pe(`${y - 1}`), [level(2)]) },
    { name: 'nine_months', what: `diarrhoea, 9 months ${y - 1}, province + centres`, q: H([de('CD_DIARRHOEA')], pe(`${y - 1}N9`), [unit(o.root), level(2)]) },
    { name: 'same_period_last_year', what: `visits by centre, ${y - 1}YTD06 and ${y - 2}YTD06`, q: H([de('OPD_VISITS')], pe(`${y - 1}YTD06`, `${y - 2}YTD06`), [level(2)]) },
    { name: 'group', what: `members of group ${o.group}, visits, ${y - 1}Q2`, q: H([de('OPD_VISITS')], pe(`${y - 1}Q2`), [{ kind: 'group', id: o.group }]) },
    { name: 'level_stations', what: 'all stations (level 3), visits, one month', q: H([de('OPD_VISITS')], pe(`${y - 1}06`), [level(3)]) },
    {
      name: 'reform_current',
      what: `all stations in today's structure, ${y}S1 (pre-reform values carried to post-reform stations)`,
      q: { data: [de('OPD_VISITS')], periods: pe(`${y}S1`), orgUnits: [level(3)], structure: 'current', asOf: AS_OF },
    },
    {
      name: 'reform_stock_current',
      what: `population (LAST) by centre over ${y}, today's structure (closed stations' stocks carried by link shares)`,
      q: { data: [de('POP_TOTAL')], periods: pe(`${y}`), orgUnits: [level(2)], structure: 'current', asOf: AS_OF },
    },
    { name: 'reform_historical', what: `all stations as they were, ${y}S1`, q: H([de('OPD_VISITS')], pe(`${y}S1`), [level(3)]) },
    { name: 'by_option_combo', what: `births by sex, by centre, ${y - 1}`, q: H([de('FP_BIRTHS', { byCoc: true })], pe(`${y - 1}`), [level(2)]) },
    { name: 'trend_by_year', what: `province, visits, each year ${years[0]}..${years.at(-1)}`, q: H([de('OPD_VISITS')], pe(...years), [unit(o.root)]) },
    { name: 'centre_dashboard', what: `one centre: 4 elements × 12 months of ${y - 1}`, q: H([de('OPD_VISITS'), de('MCH_LIVE_BIRTHS'), de('CD_DIARRHOEA'), de('MAL_SLIDES')], pe(...months(y - 1)), [unit(o.centre)]) },
  ];
}
