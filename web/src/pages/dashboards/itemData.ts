// The numbers of a chart or table item in one shape, from either source:
// - one period and several units (children / a level): GET /api/analytics/values, which lists EVERY
//   unit (also those without data) in the server's row order;
// - otherwise: GET /api/analytics (DHIS2), which lists only what has data.
import { useQuery } from '@tanstack/react-query';
import { cellsOf, fetchAnalytics, fetchValues, itemKey } from './dashboardApi';
import { itemPeriods, shortPeriodLabel } from './periods';
import type { DashboardItem } from '../../../../src/modules/dashboards/dashboards.contract.js';
import type { DashContext } from './dashContext';
import type { Completeness } from '../../../../src/modules/analytics/analytics.contract.js';

export interface ItemData {
  items: { id: string; name: string }[];
  periods: { id: string; label: string }[];
  units: { id: string; name: string }[];
  /** Units are the rows / categories (several units, one period). */
  byUnit: boolean;
  value: (dx: string, pe: string | null, ou: string | null) => number | null;
  /** Reporting behind a total (null: unknown or nothing expected). `pe`/`ou` null: the only one. */
  completeness: (dx: string, pe: string | null, ou: string | null) => Completeness | null;
}

const MULTI_RELATIVE = /^(LAST_\d+_|MONTHS_|QUARTERS_|LAST_2_|LAST_4_|LAST_5_)/;

export function isUnitAxis(item: DashboardItem, ctx: DashContext): boolean {
  const pes = itemPeriods(item.period, ctx.period);
  return item.unit.kind !== 'dashboard' && pes.length === 1 && !MULTI_RELATIVE.test(pes[0]!);
}

export function useItemData(item: DashboardItem, ctx: DashContext) {
  const byUnit = isUnitAxis(item, ctx);
  return useQuery({
    queryKey: itemKey(byUnit ? 'units' : 'analytics', item, ctx),
    queryFn: async (): Promise<ItemData> => {
      if (byUnit) {
        const r = await fetchValues(item, ctx, ['previous']);
        const map = new Map(r.rows.map((row) => [`${row.dx}|${row.ou}`, row.value]));
        const done = new Map(r.rows.map((row) => [`${row.dx}|${row.ou}`, row.completeness ?? null]));
        return {
          items: r.items.map((i) => ({ id: i.id, name: i.name })),
          periods: [{ id: r.period.id, label: r.period.name }],
          units: r.orgUnits.map((u) => ({ id: u.id, name: u.name })),
          byUnit: true,
          value: (dx, _pe, ou) => (ou === null ? null : map.get(`${dx}|${ou}`) ?? null),
          completeness: (dx, _pe, ou) => (ou === null ? null : done.get(`${dx}|${ou}`) ?? null),
        };
      }
      const r = await fetchAnalytics(item, ctx);
      const { cells, name, dims } = cellsOf(r);
      const dxs = dims.dx ?? [...new Set(cells.map((c) => c.dx))];
      const pes = dims.pe ?? [...new Set(cells.map((c) => c.pe))];
      const ous = dims.ou ?? [...new Set(cells.map((c) => c.ou))];
      const done = new Map((r.metaData?.completeness?.cells ?? []).map((c) => [`${c.pe}|${c.ou}`, c]));
      return {
        items: dxs.map((id) => ({ id, name: name(id) })),
        periods: pes.map((id) => ({ id, label: shortPeriodLabel(id, name(id)) })),
        units: ous.map((id) => ({ id, name: name(id) })),
        byUnit: false,
        value: (dx, pe, ou) => {
          const hits = cells.filter((c) => c.dx === dx && (pe === null || c.pe === pe) && (ou === null || c.ou === ou));
          return hits.length ? hits.reduce((s, c) => s + c.value, 0) : null;
        },
        completeness: (_dx, pe, ou) => done.get(`${pe ?? pes[0]}|${ou ?? ous[0] ?? ctx.unit.id}`) ?? null,
      };
    },
  });
}
