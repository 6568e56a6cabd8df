// Choropleth map of org units (contract D): GET /api/geo/orgUnits (GeoJSON from the bundled
// boundaries, no tile server), coloured by `values` (by unitId) with an echarts map series.
// A health centre comes as several commune polygons carrying its unitId: they are merged into one
// region per unit, so a click or a hover names the unit.
import { Alert, Box, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { formatNumber } from '../format';
import { currentLang } from '../i18n';
import { EChart, echarts, type ECharts, type EChartsCoreOption } from './EChart';
import { Loading } from './common';

import type { GeoCollection, Position } from '../../../src/modules/geo/geo.contract.js';

export const geoKeys = {
  units: (parent: string, level: number, lang: string) => ['geo', 'orgUnits', parent, level, lang] as const,
};

/** GeoJSON of the units of `level` inside `parent` (today's structure), cached for a few minutes. */
export function useGeoUnits(parent: string, level: number) {
  const lang = currentLang();
  return useQuery({
    queryKey: geoKeys.units(parent, level, lang),
    queryFn: () => api.get<GeoCollection>('/api/geo/orgUnits', { parent, level }),
    staleTime: 5 * 60_000,
    enabled: parent !== '',
  });
}

interface Region {
  unitId: string;
  name: string;
  code: string;
}

/** One feature per unit (MultiPolygon of all its pieces); names kept aside (region name = unitId). */
function mergeByUnit(fc: GeoCollection) {
  const polygons = new Map<string, Position[][][]>();
  const regions = new Map<string, Region>();
  let minY = Infinity;
  let maxY = -Infinity;
  for (const f of fc.features) {
    const id = String(f.properties.unitId);
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const list = polygons.get(id);
    if (list) for (const part of parts) list.push(part);
    else polygons.set(id, [...parts]);
    if (!regions.has(id)) regions.set(id, { unitId: id, name: f.properties.name, code: f.properties.code });
    for (const p of parts) for (const [, y] of p[0] ?? []) {
      if (y! < minY) minY = y!;
      if (y! > maxY) maxY = y!;
    }
  }
  const geojson = {
    type: 'FeatureCollection' as const,
    features: [...polygons].map(([unitId, coordinates]) => ({
      type: 'Feature' as const,
      properties: { name: unitId },
      geometry: { type: 'MultiPolygon' as const, coordinates },
    })),
  };
  // Degrees of longitude shrink with latitude: scale x by cos(latitude) around the map's middle.
  const midLat = Number.isFinite(minY) ? (minY + maxY) / 2 : 16;
  return { geojson, regions, aspectScale: Math.cos((midLat * Math.PI) / 180) };
}

export function ChoroplethMap(props: {
  parent: string;
  level: number;
  values: Record<string, number | null>;
  label?: string;
  height?: number;
  onUnitClick?: (unitId: string) => void;
  onReady?: (chart: ECharts | null) => void;
}): JSX.Element {
  const { t } = useTranslation();
  const { parent, level, values, label, height = 420, onUnitClick, onReady } = props;
  const geo = useGeoUnits(parent, level);
  const mapName = `soyte:${parent}:${level}`;

  const merged = useMemo(() => {
    if (!geo.data) return null;
    const m = mergeByUnit(geo.data);
    // echarts keeps maps in a global registry; re-registering under the same name replaces it.
    echarts.registerMap(mapName, m.geojson as never);
    return m;
  }, [geo.data, mapName]);

  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!merged) return null;
    const noData = t('geo.noData');
    const data = [...merged.regions.values()].map((r) => {
      const v = values[r.unitId];
      return { name: r.unitId, value: v === null || v === undefined || !Number.isFinite(v) ? null : v };
    });
    const numbers = data.map((d) => d.value).filter((v): v is number => v !== null);
    // reduce, not Math.min(...numbers): a long list must not become a call's arguments
    const min = numbers.length ? numbers.reduce((a, b) => Math.min(a, b)) : 0;
    let max = numbers.length ? numbers.reduce((a, b) => Math.max(a, b)) : 1;
    if (max === min) max = min + 1;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: unknown }) => {
          const r = merged.regions.get(p.name);
          const v = typeof p.value === 'number' && Number.isFinite(p.value) ? formatNumber(p.value) : noData;
          const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
          return `${esc(r?.name ?? p.name)}<br/>${label ? `${esc(label)}: ` : ''}<b>${esc(v)}</b>`;
        },
      },
      visualMap: {
        type: 'continuous',
        min,
        max,
        left: 8,
        bottom: 8,
        calculable: true,
        formatter: (v: number) => formatNumber(Math.round(v * 10) / 10),
        inRange: { color: ['#e0f2fe', '#60a5fa', '#1e3a8a'] },
        outOfRange: { color: '#d1d5db' },
        show: numbers.length > 0,
      },
      series: [
        {
          type: 'map',
          map: mapName,
          name: label ?? '',
          roam: true,
          aspectScale: merged.aspectScale,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          label: { show: false },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#fbbf24' } },
          select: { disabled: true },
          itemStyle: { areaColor: '#d1d5db', borderColor: '#ffffff', borderWidth: 0.6 },
          data,
        },
      ],
    };
  }, [merged, values, label, mapName, t]);

  if (geo.error) {
    return <Alert color="red" data-testid="choropleth-map" data-regions={0}>{(geo.error as Error).message}</Alert>;
  }
  if (!merged || !option) {
    return (
      <Box data-testid="choropleth-map" data-regions={0} data-loading="true" style={{ height }}>
        <Loading />
      </Box>
    );
  }
  const missing = geo.data?.missing ?? [];
  return (
    <Box>
      <EChart
        option={option}
        height={height}
        onReady={onReady}
        onClick={(p) => {
          if (p.componentType === 'series' && typeof p.name === 'string' && onUnitClick) onUnitClick(p.name);
        }}
        testId="choropleth-map"
        dataAttributes={{ 'data-regions': merged.regions.size, 'data-map': mapName }}
      />
      {missing.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="choropleth-missing">
          {t('geo.missing', { count: missing.length, names: missing.map((m) => m.name).join(', ') })}
        </Text>
      )}
    </Box>
  );
}
