// Map item: the units below the dashboard unit coloured by one data item (ChoroplethMap, bundled
// GeoJSON, today's structure); clicking a unit drills down to it. A unit without data stays uncoloured
// (never a 0), and when not every unit below has reported, the map says how many did.
import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, type MutableRefObject } from 'react';
import { ChoroplethMap } from '../../../components/ChoroplethMap';
import type { ECharts } from '../../../components/EChart';
import { ErrorAlert, Loading } from '../../../components/common';
import { fetchValues, itemKey, rowLevel } from '../dashboardApi';
import type { DashboardItem } from '../../../../../src/modules/dashboards/dashboards.contract.js';
import type { DashContext } from '../dashContext';
import type { ItemHandle } from './handle';
import { CompletenessNote, type Completeness } from '../../../components/Completeness';

/** The units' reporting added up (one data set: the first row's), for one note under the map. */
function totalOf(list: (Completeness | null)[]): Completeness | null {
  const first = list.find((c): c is Completeness => c !== null);
  if (!first) return null;
  const same = list.filter((c): c is Completeness => c !== null && c.dataSet === first.dataSet && c.formsPerUnit === first.formsPerUnit);
  const expected = same.reduce((s, c) => s + c.expected, 0);
  const reported = same.reduce((s, c) => s + c.reported, 0);
  const percent = expected === 0 ? null : Math.round((reported / expected) * 1000) / 10;
  return { ...first, expected, reported, percent, complete: percent !== null && percent >= first.threshold };
}

export function MapItem({ item, ctx, handle }: { item: DashboardItem; ctx: DashContext; handle: MutableRefObject<ItemHandle> }) {
  const q = useQuery({ queryKey: itemKey('values', item, ctx), queryFn: () => fetchValues(item, ctx, []) });
  const values = useMemo(() => {
    const out: Record<string, number | null> = {};
    for (const r of q.data?.rows ?? []) {
      if (r.value !== null) out[r.ou] = (out[r.ou] ?? 0) + r.value;
      else if (!(r.ou in out)) out[r.ou] = null;
    }
    return out;
  }, [q.data]);
  const reporting = useMemo(() => totalOf((q.data?.rows ?? []).map((r) => r.completeness)), [q.data]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const level = rowLevel(item, ctx) ?? ctx.unit.level + 1;
  return (
    <>
      <ChoroplethMap
        parent={ctx.unit.id}
        level={level}
        values={values}
        label={q.data.items[0]?.name}
        height={360}
        onUnitClick={ctx.onDrill}
        onReady={(chart: ECharts | null) => {
          handle.current.png = chart ? () => chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) : undefined;
        }}
      />
      {reporting && reporting.reported < reporting.expected && (
        <Text size="xs" ta="center">
          {q.data.period.name}: <CompletenessNote c={reporting} testId={`map-completeness-${item.id}`} />
        </Text>
      )}
    </>
  );
}
