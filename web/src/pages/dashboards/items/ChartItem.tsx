// Chart item (line, bar, stacked bar, pie) over GET /api/analytics. Categories are the units when the
// item reads several units for one period (clicking a bar drills down, which the chart says), the
// periods otherwise. Many units (more than 8: the 26 centres of a province) are drawn as horizontal
// bars so that every name is written out. A missing value is a gap, never a 0; a period or unit whose
// reporting is incomplete says so ("5/8 trạm đã báo cáo") in the tooltip and under the chart.
import { Text } from '@mantine/core';
import { useMemo, useRef, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ECharts, type EChartsCoreOption } from '../../../components/EChart';
import { ErrorAlert, Loading } from '../../../components/common';
import { formatNumber } from '../../../format';
import { useItemData } from '../itemData';
import type { DashboardItem } from '../../../../../src/modules/dashboards/dashboards.contract.js';
import type { DashContext } from '../dashContext';
import type { ItemHandle } from './handle';
import { completenessLabel, CompletenessNote, type Completeness } from '../../../components/Completeness';

/** Unit categories above this many: horizontal bars (every label readable). */
const HORIZONTAL_FROM = 9;

const PALETTE = ['#2563eb', '#f97316', '#16a34a', '#dc2626', '#9333ea', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

/** "Trung tâm Y tế huyện Hoằng Hóa" → "huyện Hoằng Hóa", "Trạm Y tế xã Hoằng Lộc" → "xã Hoằng Lộc" (axis labels). */
export function shortUnitName(name: string): string {
  return name.replace(/^(Trung tâm Y tế|Trạm Y tế)\s+/i, '') || name;
}

/** Drops the words all names share at the start ("Births by sex Male" / "… Female" → "Male" / "Female"). */
export function stripCommonPrefix(names: string[]): string[] {
  if (names.length < 2) return names;
  const words = names.map((n) => n.split(' '));
  let k = 0;
  while (words.every((w) => k < w.length - 1 && w[k] === words[0]![k])) k++;
  return k === 0 ? names : words.map((w) => w.slice(k).join(' '));
}

/** The least complete of several totals' reporting (null when none is known). */
function worstOf(list: (Completeness | null)[]): Completeness | null {
  let worst: Completeness | null = null;
  for (const c of list) if (c && (!worst || (c.percent ?? 100) < (worst.percent ?? 100))) worst = c;
  return worst;
}

/** Text for the tooltip's HTML (unit and item names are data, not markup). */
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

interface ChartModel {
  categories: { id: string; label: string; isUnit: boolean; completeness: Completeness | null }[];
  series: { name: string; values: (number | null)[] }[];
}

export function ChartItem({ item, ctx, handle }: { item: DashboardItem; ctx: DashContext; handle: MutableRefObject<ItemHandle> }) {
  const { t } = useTranslation();
  const q = useItemData(item, ctx);

  const model = useMemo<ChartModel | null>(() => {
    const d = q.data;
    if (!d) return null;
    if (d.byUnit) {
      return {
        categories: d.units.map((u) => ({ id: u.id, label: shortUnitName(u.name), isUnit: true, completeness: worstOf(d.items.map((dx) => d.completeness(dx.id, null, u.id))) })),
        series: stripCommonPrefix(d.items.map((dx) => dx.name)).map((name, i) => ({ name, values: d.units.map((u) => d.value(d.items[i]!.id, null, u.id)) })),
      };
    }
    // Periods on the axis; several units: one series per unit and data item.
    const series = d.units.length > 1
      ? d.items.flatMap((dx) => d.units.map((u) => ({ name: `${dx.name} — ${u.name}`, values: d.periods.map((pe) => d.value(dx.id, pe.id, u.id)) })))
      : stripCommonPrefix(d.items.map((dx) => dx.name)).map((name, i) => ({ name, values: d.periods.map((pe) => d.value(d.items[i]!.id, pe.id, null)) }));
    const one = d.units.length === 1 ? d.units[0]!.id : null;
    return {
      categories: d.periods.map((pe) => ({ id: pe.id, label: pe.label, isUnit: false, completeness: one ? worstOf(d.items.map((dx) => d.completeness(dx.id, pe.id, one))) : null })),
      series,
    };
  }, [q.data]);

  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!model) return null;
    const fmt = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : t('dashboards.noData'));
    if (item.chartType === 'pie') {
      // Slices: the data items (one category) or the categories (one data item); values summed.
      const slices = model.series.length > 1 || model.categories.length === 1
        ? model.series.map((s) => ({ name: s.name, value: s.values.reduce<number>((a, v) => a + (v ?? 0), 0) }))
        : model.categories
            // A category without a value has no slice (not a slice of 0).
            .flatMap((c, i) => (model.series[0]?.values[i] === null || model.series[0]?.values[i] === undefined ? [] : [{ name: c.label, value: model.series[0].values[i], unitId: c.isUnit ? c.id : undefined }]));
      return {
        color: PALETTE,
        tooltip: { trigger: 'item', valueFormatter: fmt },
        legend: { type: 'scroll', bottom: 0 },
        series: [{
          type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: slices,
          label: { formatter: (p: { name: string; percent: number }) => `${p.name}\n${formatNumber(Math.round(p.percent * 10) / 10)} %` },
        }],
      };
    }
    const unitsAxis = model.categories[0]?.isUnit ?? false;
    const horizontal = unitsAxis && model.categories.length >= HORIZONTAL_FROM;
    const rotate = !horizontal && unitsAxis && model.categories.length > 4 ? 30 : 0;
    const categoryAxis = {
      type: 'category',
      data: model.categories.map((c) => c.label),
      // Every label is written (interval 0); long names are cut with "…" and shown whole in the tooltip.
      axisLabel: { rotate, interval: 0, hideOverlap: false, formatter: (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s) },
      triggerEvent: unitsAxis,
      ...(horizontal ? { inverse: true } : {}),
    };
    const valueAxis = { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v) } };
    const drillLine = unitsAxis ? `<br/><i>${t('geo.completeness.drillTooltip')}</i>` : '';
    return {
      color: PALETTE,
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number; seriesName: string; value: unknown; marker: string }[]) => {
          const i = ps[0]?.dataIndex ?? 0;
          const c = model.categories[i];
          const lines = ps.map((p) => `${p.marker}${esc(p.seriesName)}: <b>${esc(fmt(p.value))}</b>`);
          const note = c?.completeness && c.completeness.reported < c.completeness.expected ? `<br/>⚠ ${esc(completenessLabel(t, c.completeness))}` : '';
          return `${esc(c?.label ?? '')}<br/>${lines.join('<br/>')}${note}${drillLine}`;
        },
      },
      legend: { type: 'scroll', top: 0, show: model.series.length > 1 },
      grid: { left: 8, right: 16, top: model.series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: model.series.map((s) => ({
        name: s.name,
        type: item.chartType === 'line' ? 'line' : 'bar',
        stack: item.chartType === 'stacked' ? 'total' : undefined,
        smooth: item.chartType === 'line' ? 0.2 : undefined,
        // A month without data is a gap in the line, not a fall to 0.
        connectNulls: false,
        data: s.values,
        cursor: unitsAxis ? 'pointer' : 'default',
      })),
    };
  }, [model, item.chartType, t]);

  const modelRef = useRef(model);
  modelRef.current = model;

  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  if (!model || !option) return null;
  const empty = model.series.every((s) => s.values.every((v) => v === null));

  const onReady = (chart: ECharts | null) => {
    handle.current.png = chart ? () => chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) : undefined;
    if (!chart) return;
    // Where each unit's bar is (pixels in the container): lets a browser test click a given bar.
    chart.on('finished', () => {
      const m = modelRef.current;
      if (chart.isDisposed() || !m || !m.categories[0]?.isUnit || item.chartType === 'pie') return;
      const points = m.categories.map((c, i) => {
        const v = m.series.reduce((s, x) => s + (x.values[i] ?? 0), 0);
        const horizontal = m.categories.length >= HORIZONTAL_FROM;
        const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, horizontal ? [v / 2, i] : [i, v / 2]) as number[];
        return { id: c.id, x: Math.round(x!), y: Math.round(y!) };
      });
      chart.getDom().setAttribute('data-points', JSON.stringify(points));
    });
  };

  const unitsAxis = (model.categories[0]?.isUnit ?? false) && item.chartType !== 'pie';
  const horizontal = unitsAxis && model.categories.length >= HORIZONTAL_FROM;
  // Periods (or the one unit) whose reporting is incomplete, named under the chart.
  const notes = unitsAxis ? [] : model.categories.filter((c) => c.completeness && c.completeness.reported < c.completeness.expected);
  return (
    <>
      <EChart
        option={option}
        height={horizontal ? Math.max(300, 24 * model.categories.length + 60) : 300}
        testId={`chart-${item.id}`}
        dataAttributes={{ 'data-categories': model.categories.length, 'data-chart-type': item.chartType ?? '' }}
        onReady={onReady}
        onClick={(p) => {
          const cat = p.componentType === 'xAxis' ? model.categories.find((c) => c.label === (p as { value?: string }).value) : model.categories[p.dataIndex];
          const slice = item.chartType === 'pie' ? (p.data as { unitId?: string } | undefined)?.unitId : undefined;
          if (slice) ctx.onDrill(slice);
          else if (cat?.isUnit && item.chartType !== 'pie') ctx.onDrill(cat.id);
        }}
      />
      {unitsAxis && !empty && (
        <Text size="xs" c="dimmed" ta="center" data-testid={`chart-drill-hint-${item.id}`}>
          {t('geo.completeness.drillHint')}
        </Text>
      )}
      {notes.length > 0 && (
        <Text size="xs" ta="center" data-testid={`chart-completeness-${item.id}`}>
          {notes.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ' · '}
              {c.label}: <CompletenessNote c={c.completeness} />
            </span>
          ))}
        </Text>
      )}
      {empty && (
        <Text size="xs" c="dimmed" ta="center">
          {t('dashboards.noData')}
        </Text>
      )}
    </>
  );
}
