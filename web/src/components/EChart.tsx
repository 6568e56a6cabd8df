// A thin React wrapper around one echarts instance (tree-shaken echarts 5: only the charts and
// components registered below are bundled). Inits on mount, follows the container's size
// (ResizeObserver), applies each new `option`, and disposes on unmount.
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import {
  DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ECElementEvent, ECharts, EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

echarts.use([
  LineChart, BarChart, PieChart, MapChart,
  GridComponent, LegendComponent, DatasetComponent, TooltipComponent, TitleComponent, VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
export type { ECElementEvent, ECharts, EChartsCoreOption };

export interface EChartProps {
  /** A complete option: each new object replaces the previous one (notMerge). */
  option: EChartsCoreOption;
  /** px or any CSS height; default 320 px. */
  height?: number | string;
  /** The instance once created (e.g. for getDataURL), null when it is disposed. */
  onReady?: (chart: ECharts | null) => void;
  onClick?: (params: ECElementEvent) => void;
  testId?: string;
  style?: CSSProperties;
  /** Extra attributes on the container (e.g. data-regions). */
  dataAttributes?: Record<`data-${string}`, string | number>;
}

export function EChart({ option, height = 320, onReady, onClick, testId, style, dataAttributes }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // Handlers change on every render of the parent: keep the latest without re-binding.
  const handlers = useRef({ onReady, onClick });
  handlers.current = { onReady, onClick };

  useEffect(() => {
    const node = el.current!;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => handlers.current.onClick?.(p as ECElementEvent));
    const ro = new ResizeObserver(() => {
      if (!c.isDisposed()) c.resize();
    });
    ro.observe(node);
    handlers.current.onReady?.(c);
    return () => {
      ro.disconnect();
      chart.current = null;
      c.dispose();
      handlers.current.onReady?.(null);
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (c && !c.isDisposed()) c.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={el}
      data-testid={testId}
      {...dataAttributes}
      style={{ width: '100%', height: typeof height === 'number' ? `${height}px` : height, ...style }}
    />
  );
}
