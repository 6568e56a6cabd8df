// /pivot: pick data items, periods and units, lay the three dimensions out in rows, columns and a
// filter (or nest the third one), read GET /api/analytics (DHIS2 shape) and show the pivot with
// vi-VN numbers and meaningful totals; export it as laid out (XLSX built in the browser, CSV).
import {
  Alert, Badge, Button, Checkbox, CloseButton, Group, MultiSelect, Paper, ScrollArea, SegmentedControl, Select, Stack,
  Switch, Table, Text, Title, Tooltip, type ComboboxItem, type ComboboxParsedItem, type OptionsFilter,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request, type OuDetails } from '../../api';
import { useMe } from '../../auth';
import { ChoroplethMap } from '../../components/ChoroplethMap';
import { ErrorAlert, Loading } from '../../components/common';
import { completenessHint, completenessLabel, NoValue } from '../../components/Completeness';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { formatNumber, today } from '../../format';
import { currentLang } from '../../i18n';
import { ouKeys, useLevels } from '../../queries';
import {
  buildPivot, completenessAt, DIMS, keyOf, layoutOf, type CompletenessCell, spans, toGrid, type Dhis2Response, type Dim, type PivotLayout, type PivotTable,
  type ThirdPlacement,
} from './pivot';
import { exportCsv, exportXlsx } from './pivotExport';
import {
  isRelativePeriod, monthRange, parseRange, periodLabel, quarterRange, sixMonthRange, yearRange, type RelativePeriod,
} from '../../../../src/lib/periods.js';
import type { FigureSummary } from '../../../../src/modules/analytics/analytics.contract.js';

interface MetaItem { id: string; code: string; name: string; nameEn?: string; aggregationType?: string }
interface MetaList { items: MetaItem[] }

type Translate = (key: string, options?: Record<string, unknown>) => string;
type PeType = 'month' | 'quarter' | 'sixMonth' | 'year' | 'relative';
type OuMode = 'self' | 'children' | 'level';

/** The relative periods offered (the period logic is src/lib/periods.ts; their names are UI wording). */
const RELATIVE: readonly RelativePeriod[] = [
  'THIS_MONTH', 'LAST_MONTH', 'LAST_3_MONTHS', 'LAST_6_MONTHS', 'LAST_12_MONTHS', 'MONTHS_THIS_YEAR', 'MONTHS_LAST_YEAR',
  'THIS_QUARTER', 'LAST_QUARTER', 'LAST_4_QUARTERS', 'QUARTERS_THIS_YEAR', 'THIS_YEAR', 'LAST_YEAR', 'LAST_5_YEARS',
  'YEAR_TO_DATE', 'LAST_MONTH_YEAR_TO_DATE',
];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** Folds case, tone marks and đ so "de song" finds "đẻ sống". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();

const foldingFilter: OptionsFilter = ({ options, search }) => {
  const q = fold(search.trim());
  if (!q) return options;
  const keep = (o: ComboboxParsedItem): ComboboxParsedItem | null => {
    if ('group' in o) {
      const items = o.items.filter((i) => fold(i.label).includes(q));
      return items.length ? { ...o, items } : null;
    }
    return fold((o as ComboboxItem).label).includes(q) ? o : null;
  };
  return options.map(keep).filter((o): o is ComboboxParsedItem => o !== null);
};

/** The register figures (equipment, facilities …), pickable by code like data elements, in the UI language. */
function useFigures(lang: string) {
  return useQuery({
    queryKey: ['analytics', 'figures', lang],
    queryFn: () => api.get<FigureSummary[]>('/api/analytics/figures'),
    staleTime: 5 * 60_000,
  });
}

function useMetaList(type: 'dataElements' | 'indicators') {
  return useQuery({
    queryKey: ['metadata', type, 'pivot-options'],
    queryFn: () => api.get<MetaList>(`/api/metadata/${type}`, { paging: 'false' }),
    staleTime: 5 * 60_000,
  });
}

/** A period's name: soyte's wording of a range ("Tháng 5 năm 2024"), or a relative keyword's UI name. */
function usePeriodLabel() {
  const { t } = useTranslation();
  return (id: string): string => {
    const r = parseRange(id);
    if (r) {
      const name = periodLabel(r, currentLang());
      return name.charAt(0).toLocaleUpperCase(currentLang()) + name.slice(1);
    }
    if (isRelativePeriod(id)) return t(`pivot.period.relative.${id}`);
    return id;
  };
}

/** The period buttons offered for a type (and year). */
function periodChoices(type: PeType, year: number, thisYear: number): { id: string; label: (t: Translate) => string }[] {
  switch (type) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({
        id: monthRange(year, i + 1).id,
        label: (t) => t('pivot.period.monthShort', {
          month: i + 1,
          name: new Intl.DateTimeFormat('en-GB', { month: 'short' }).format(new Date(2000, i, 1)),
        }),
      }));
    case 'quarter':
      return [1, 2, 3, 4].map((q) => ({
        id: quarterRange(year, q).id,
        label: (t) => t('pivot.period.quarter', { quarter: currentLang() === 'en' ? q : ROMAN[q - 1], year }),
      }));
    case 'sixMonth':
      return [1, 2].map((s) => ({ id: sixMonthRange(year, s).id, label: (t) => t(`pivot.period.sixMonthShort${s}`) }));
    case 'year':
      return Array.from({ length: 10 }, (_, i) => thisYear - i).map((y) => ({ id: yearRange(y).id, label: () => String(y) }));
    case 'relative':
      return RELATIVE.map((r) => ({ id: r, label: (t) => t(`pivot.period.relative.${r}`) }));
  }
}

interface Submitted {
  qs: string;
  layout: PivotLayout;
  caption: string[];
  /** Units in rows, today's structure: the rows can be drawn on a map of these units. */
  map: { parent: string; level: number } | null;
}

export function PivotPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const home = me.organisationUnits[0] ?? null;
  const thisYear = Number(today().slice(0, 4));
  const periodLabel = usePeriodLabel();
  const en = i18n.language === 'en';

  const des = useMetaList('dataElements');
  const inds = useMetaList('indicators');
  const figures = useFigures(i18n.language);
  const levels = useLevels();

  const [dx, setDx] = useState<string[]>([]);
  const [peType, setPeType] = useState<PeType>('month');
  const [year, setYear] = useState(thisYear);
  const [periods, setPeriods] = useState<string[]>([]);
  const [unit, setUnit] = useState<OuChoice | null>(home ? { id: home.id, label: home.name } : null);
  const [ouMode, setOuMode] = useState<OuMode>('children');
  const [ouLevel, setOuLevel] = useState<number | null>(null);
  const [structure, setStructure] = useState<'historical' | 'current'>('historical');
  const [rowsDim, setRowsDim] = useState<Dim>('ou');
  const [colsDim, setColsDim] = useState<Dim>('pe');
  const [third, setThird] = useState<ThirdPlacement>('filter');
  const [hideEmpty, setHideEmpty] = useState(true);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  const unitDetail = useQuery({
    queryKey: ouKeys.detail(unit?.id ?? '', today()),
    queryFn: () => api.get<OuDetails>(`/api/orgunits/${encodeURIComponent(String(unit!.id))}`),
    enabled: unit !== null,
    staleTime: 60_000,
  });
  const unitLevel = unitDetail.data?.level ?? null;

  const metaById = useMemo(() => {
    const m = new Map<string, MetaItem & { kind: 'dataElement' | 'indicator' }>();
    for (const d of des.data?.items ?? []) m.set(d.id, { ...d, kind: 'dataElement' });
    for (const d of inds.data?.items ?? []) m.set(d.id, { ...d, kind: 'indicator' });
    return m;
  }, [des.data, inds.data]);
  const nameOf = (it: MetaItem) => (en && it.nameEn ? it.nameEn : it.name);
  const dxOptions = useMemo(() => [
    { group: t('pivot.data.dataElements'), items: (des.data?.items ?? []).map((d) => ({ value: d.id, label: `${nameOf(d)} (${d.code})` })) },
    { group: t('pivot.data.indicators'), items: (inds.data?.items ?? []).map((d) => ({ value: d.id, label: `${nameOf(d)} (${d.code})` })) },
    // Figures have no uid: their code is their id in /api/analytics.
    { group: t('pivot.data.figures'), items: (figures.data ?? []).map((f) => ({ value: f.code, label: `${f.name} (${f.code})` })) },
  ].filter((g) => g.items.length > 0), [des.data, inds.data, figures.data, en, t]);

  const layout = layoutOf(rowsDim, colsDim, third);
  const thirdDim = DIMS.find((d) => d !== rowsDim && d !== colsDim)!;
  const levelChoices = (levels.data ?? []).filter((l) => unitLevel === null || l.level > unitLevel);
  const effectiveLevel = ouMode === 'children' ? (unitLevel === null ? null : unitLevel + 1) : ouMode === 'level' ? ouLevel : null;
  const dxFilterProblem = layout.filters.includes('dx') && dx.length > 1;
  const ready = dx.length > 0 && periods.length > 0 && unit !== null && (ouMode === 'self' || effectiveLevel !== null) && !dxFilterProblem;

  const setRows = (d: Dim) => {
    if (d === colsDim) setColsDim(rowsDim);
    setRowsDim(d);
  };
  const setCols = (d: Dim) => {
    if (d === rowsDim) setRowsDim(colsDim);
    setColsDim(d);
  };
  const togglePeriod = (id: string) => setPeriods((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  const run = () => {
    if (!ready || !unit) return;
    const ouItem = ouMode === 'self' ? String(unit.id) : `LEVEL-${effectiveLevel};${unit.id}`;
    const items: Record<Dim, string[]> = { dx, pe: periods, ou: [ouItem] };
    const params = new URLSearchParams();
    for (const d of [...layout.rows, ...layout.cols]) params.append('dimension', `${d}:${items[d].join(';')}`);
    for (const d of layout.filters) params.append('filter', `${d}:${items[d].join(';')}`);
    params.set('structure', structure);
    const modeText = ouMode === 'self' ? t('pivot.unit.mode.self')
      : ouMode === 'children' ? t('pivot.unit.mode.children')
        : `${t('pivot.unit.level')} ${effectiveLevel}`;
    setSubmitted({
      qs: params.toString(),
      layout,
      caption: [`${t('pivot.title')} — ${unit.label} (${modeText})`, `${t('pivot.unit.structure')}: ${t(`pivot.unit.${structure}`)}`],
      map: layout.rows.length === 1 && layout.rows[0] === 'ou' && structure === 'current' && ouMode !== 'self' && effectiveLevel !== null
        ? { parent: String(unit.id), level: effectiveLevel }
        : null,
    });
  };

  const result = useQuery({
    queryKey: ['pivot', 'analytics', submitted?.qs ?? '', i18n.language],
    queryFn: () => request<Dhis2Response>('GET', `/api/analytics?${submitted!.qs}`),
    enabled: submitted !== null,
    retry: false,
  });

  const table = useMemo<PivotTable | null>(() => {
    if (!result.data || !submitted) return null;
    return buildPivot(result.data, submitted.layout, {
      aggregationOf: (id) => metaById.get(id)?.aggregationType,
      hideEmptyRows: hideEmpty,
      periodName: (_id, serverName) => serverName.charAt(0).toUpperCase() + serverName.slice(1),
    });
  }, [result.data, submitted, metaById, hideEmpty]);

  const dimLabels = { dx: t('pivot.dims.dx'), pe: t('pivot.dims.pe'), ou: t('pivot.dims.ou') };
  const filterLines = table
    ? table.layout.filters.map((d) => t('pivot.filterCaption', { dim: dimLabels[d], items: table.filterItems[d]!.map(table.name).join('; ') }))
    : [];

  const doExport = async (kind: 'xlsx' | 'csv') => {
    if (!table || !submitted) return;
    setExportError(null);
    setExporting(kind);
    try {
      const grid = toGrid(table, { dims: dimLabels, total: t('pivot.total') });
      const caption = [...submitted.caption, ...filterLines];
      if (kind === 'xlsx') await exportXlsx(grid, caption, t('pivot.title'));
      else exportCsv(grid, caption);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(null);
    }
  };

  const choices = periodChoices(peType, year, thisYear);
  const dimOptions = DIMS.map((d) => ({ value: d, label: dimLabels[d] }));

  return (
    <Stack gap="sm">
      <Title order={3}>{t('pivot.title')}</Title>
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <MultiSelect
            label={t('pivot.data.label')}
            placeholder={dx.length ? undefined : t('pivot.data.placeholder')}
            data={dxOptions}
            value={dx}
            onChange={setDx}
            searchable
            clearable
            filter={foldingFilter}
            limit={200}
            maxDropdownHeight={320}
            nothingFoundMessage={t('common.noResults')}
            data-testid="pivot-dx"
          />

          <Stack gap={6}>
            <Group gap="sm" align="flex-end" wrap="wrap">
              <div>
                <Text size="sm" fw={500} mb={4}>{t('pivot.period.label')}</Text>
                <SegmentedControl
                  value={peType}
                  onChange={(v) => setPeType(v as PeType)}
                  data={(['month', 'quarter', 'sixMonth', 'year', 'relative'] as PeType[]).map((p) => ({ value: p, label: t(`pivot.period.type.${p}`) }))}
                  data-testid="pivot-pe-type"
                />
              </div>
              {peType !== 'year' && peType !== 'relative' && (
                <Select
                  label={t('pivot.period.year')}
                  data={Array.from({ length: 12 }, (_, i) => String(thisYear + 1 - i))}
                  value={String(year)}
                  onChange={(v) => v && setYear(Number(v))}
                  allowDeselect={false}
                  style={{ width: 110 }}
                  data-testid="pivot-pe-year"
                />
              )}
            </Group>
            <Group gap={6} wrap="wrap">
              {choices.map((c) => {
                const on = periods.includes(c.id);
                return (
                  <Button
                    key={c.id}
                    size="compact-sm"
                    variant={on ? 'filled' : 'default'}
                    aria-pressed={on}
                    onClick={() => togglePeriod(c.id)}
                    data-testid={`pivot-pe-opt-${c.id}`}
                  >
                    {c.label((k, o) => t(k, o ?? {}))}
                  </Button>
                );
              })}
            </Group>
            <Group gap={6} wrap="wrap" data-testid="pivot-pe-selected">
              <Text size="sm" c="dimmed">{t('pivot.period.selected')}:</Text>
              {periods.length === 0 && <Text size="sm" c="dimmed">{t('pivot.period.none')}</Text>}
              {periods.map((p) => (
                <Badge
                  key={p}
                  variant="light"
                  tt="none"
                  rightSection={<CloseButton size="xs" aria-label={periodLabel(p)} onClick={() => togglePeriod(p)} />}
                >
                  {periodLabel(p)}
                </Badge>
              ))}
              {periods.length > 0 && (
                <Button size="compact-xs" variant="subtle" onClick={() => setPeriods([])} data-testid="pivot-pe-clear">
                  {t('pivot.period.clear')}
                </Button>
              )}
            </Group>
          </Stack>

          <Group gap="sm" align="flex-end" wrap="wrap">
            <div style={{ minWidth: 320, flex: '1 1 320px' }}>
              <OuPicker label={t('pivot.unit.label')} value={unit} onChange={setUnit} testId="pivot-ou" />
            </div>
            <SegmentedControl
              value={ouMode}
              onChange={(v) => setOuMode(v as OuMode)}
              data={(['self', 'children', 'level'] as OuMode[]).map((m) => ({ value: m, label: t(`pivot.unit.mode.${m}`) }))}
              data-testid="pivot-ou-mode"
            />
            {ouMode === 'level' && (
              <Select
                label={t('pivot.unit.level')}
                data={levelChoices.map((l) => ({ value: String(l.level), label: `${l.level} — ${en ? l.nameEn || l.name : l.name}` }))}
                value={ouLevel === null ? null : String(ouLevel)}
                onChange={(v) => setOuLevel(v ? Number(v) : null)}
                style={{ width: 260 }}
                data-testid="pivot-ou-level"
              />
            )}
            <Select
              label={t('pivot.unit.structure')}
              data={[{ value: 'historical', label: t('pivot.unit.historical') }, { value: 'current', label: t('pivot.unit.current') }]}
              value={structure}
              onChange={(v) => v && setStructure(v as 'historical' | 'current')}
              allowDeselect={false}
              style={{ width: 330 }}
              data-testid="pivot-structure"
            />
          </Group>

          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select label={t('pivot.layout.rows')} data={dimOptions} value={rowsDim} onChange={(v) => v && setRows(v as Dim)}
              allowDeselect={false} style={{ width: 170 }} data-testid="pivot-rows" />
            <Select label={t('pivot.layout.cols')} data={dimOptions} value={colsDim} onChange={(v) => v && setCols(v as Dim)}
              allowDeselect={false} style={{ width: 170 }} data-testid="pivot-cols" />
            <div>
              <Text size="sm" fw={500} mb={4}>{t('pivot.layout.third', { dim: dimLabels[thirdDim] })}</Text>
              <SegmentedControl
                value={third}
                onChange={(v) => setThird(v as ThirdPlacement)}
                data={[
                  { value: 'filter', label: t('pivot.layout.filter') },
                  { value: 'rows', label: t('pivot.layout.nestRows') },
                  { value: 'cols', label: t('pivot.layout.nestCols') },
                ]}
                data-testid="pivot-third"
              />
            </div>
            <Checkbox
              label={t('pivot.layout.hideEmpty')}
              checked={hideEmpty}
              onChange={(e) => setHideEmpty(e.currentTarget.checked)}
              data-testid="pivot-hide-empty"
              mb={8}
            />
          </Group>
          {dxFilterProblem && <Alert color="yellow" data-testid="pivot-dx-filter-warning">{t('pivot.oneDxFilter')}</Alert>}
          <Group gap="sm">
            <Button onClick={run} disabled={!ready} data-testid="pivot-run">{t('pivot.run')}</Button>
            <Button variant="default" onClick={() => void doExport('xlsx')} disabled={!table || table.rowKeys.length === 0}
              loading={exporting === 'xlsx'} data-testid="pivot-export-xlsx">
              {t('pivot.exportXlsx')}
            </Button>
            <Button variant="default" onClick={() => void doExport('csv')} disabled={!table || table.rowKeys.length === 0}
              loading={exporting === 'csv'} data-testid="pivot-export-csv">
              {t('pivot.exportCsv')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <ErrorAlert error={exportError} testId="pivot-export-error" />
      {!submitted && <Text c="dimmed" size="sm">{t('pivot.pickAll')}</Text>}
      {result.isFetching && <Loading />}
      <ErrorAlert error={result.error} testId="pivot-error" />
      {table && !result.isFetching && (
        table.rowKeys.length === 0
          ? <Alert color="gray" data-testid="pivot-empty">{t('pivot.empty')}</Alert>
          : (
            <>
              <PivotTableView table={table} dimLabels={dimLabels} filterLines={filterLines} completeness={result.data?.metaData.completeness?.cells ?? []} />
              {submitted?.map && <PivotMap table={table} parent={submitted.map.parent} level={submitted.map.level} />}
            </>
          )
      )}
    </Stack>
  );
}

/** The rows (units of today's structure) on a choropleth map: one column or the total at a time. */
function PivotMap({ table, parent, level }: { table: PivotTable; parent: string; level: number }) {
  const { t } = useTranslation();
  const [show, setShow] = useState(false);
  const options = [
    ...(table.rowTotals ? [{ value: 'total', label: t('pivot.total') }] : []),
    ...table.colKeys.map((ck, c) => ({ value: String(c), label: ck.map(table.name).join(' / ') })),
  ];
  const [column, setColumn] = useState<string>(options[0]!.value);
  const col = options.some((o) => o.value === column) ? column : options[0]!.value;
  const values: Record<string, number | null> = {};
  table.rowKeys.forEach((rk, r) => {
    values[rk[0]!] = col === 'total' ? table.rowTotals![r]! : table.values[r]![Number(col)]!;
  });
  const label = [...Object.values(table.filterItems).flat().map(table.name), options.find((o) => o.value === col)!.label].join(' — ');
  return (
    <Stack gap={6}>
      <Group gap="sm" align="flex-end">
        <Switch label={t('pivot.map.show')} checked={show} onChange={(e) => setShow(e.currentTarget.checked)} data-testid="pivot-map-toggle" mb={6} />
        {show && options.length > 1 && (
          <Select label={t('pivot.map.column')} data={options} value={col} onChange={(v) => v && setColumn(v)} allowDeselect={false}
            style={{ width: 260 }} data-testid="pivot-map-column" />
        )}
      </Group>
      {show && (
        <Paper withBorder p="xs" style={{ maxWidth: 900 }}>
          <ChoroplethMap parent={parent} level={level} values={values} label={label} height={480} />
        </Paper>
      )}
    </Stack>
  );
}

function PivotTableView({ table, dimLabels, filterLines, completeness }: { table: PivotTable; dimLabels: Record<Dim, string>; filterLines: string[]; completeness: CompletenessCell[] }) {
  const { t } = useTranslation();
  // Cells of a (period, unit) whose reporting is not complete: marked, and listed under the table.
  const gaps = (r: number, c: number) => {
    const x = completenessAt(table, r, c, completeness);
    return x && x.reported < x.expected ? x : null;
  };
  const notes: { key: string; text: string }[] = [];
  for (const x of completeness) {
    if (x.reported >= x.expected) continue;
    notes.push({ key: `${x.pe}|${x.ou}`, text: `${table.name(x.pe)} — ${table.name(x.ou)}: ${completenessLabel(t, x)}${x.complete ? '' : ` (${t('geo.completeness.incomplete')})`}` });
  }
  const { layout, rowKeys, colKeys, values, rowTotals, colTotals, grandTotal } = table;
  const hr = layout.cols.length;
  const rowSpans = layout.rows.slice(0, -1).map((_, level) => new Map(spans(rowKeys, level)));
  const hasIndicatorOrNoTotals = !rowTotals && !colTotals && (rowKeys.length > 1 || colKeys.length > 1);
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatNumber(v));
  const totalStyle = { fontWeight: 700, background: 'var(--mantine-color-gray-0)' } as const;

  return (
    <Stack gap={4}>
      {filterLines.map((l) => <Text key={l} size="sm" data-testid="pivot-filter-caption">{l}</Text>)}
      <Text size="xs" c="dimmed">{t('pivot.rowsCount', { n: rowKeys.length, m: colKeys.length })}</Text>
      <ScrollArea type="auto" offsetScrollbars>
        <Table withTableBorder withColumnBorders striped highlightOnHover stickyHeader data-testid="pivot-table"
          data-rows={rowKeys.length} data-cols={colKeys.length} style={{ width: 'auto', minWidth: '50%' }}>
          <Table.Thead>
            {layout.cols.map((dim, level) => (
              <Table.Tr key={dim}>
                {level === 0 && layout.rows.map((d) => (
                  <Table.Th key={d} rowSpan={hr} style={{ verticalAlign: 'bottom' }}>{dimLabels[d]}</Table.Th>
                ))}
                {spans(colKeys, level).map(([start, len]) => (
                  <Table.Th key={start} colSpan={len} style={{ textAlign: 'center' }}
                    data-testid={`pivot-colhead-${keyOf(colKeys[start]!.slice(0, level + 1))}`}>
                    {table.name(colKeys[start]![level]!)}
                  </Table.Th>
                ))}
                {level === 0 && rowTotals && (
                  <Table.Th rowSpan={hr} style={{ ...totalStyle, textAlign: 'center' }}>{t('pivot.total')}</Table.Th>
                )}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {rowKeys.map((rk, r) => {
              const rowKey = keyOf(rk);
              return (
                <Table.Tr key={rowKey}>
                  {rk.map((id, level) => {
                    if (level < rk.length - 1) {
                      const span = rowSpans[level]!.get(r);
                      if (span === undefined) return null; // covered by the cell above
                      return <Table.Th key={level} rowSpan={span} style={{ verticalAlign: 'top' }}>{table.name(id)}</Table.Th>;
                    }
                    return <Table.Th key={level} data-testid={`pivot-rowhead-${rowKey}`} style={{ fontWeight: 500 }}>{table.name(id)}</Table.Th>;
                  })}
                  {colKeys.map((ck, c) => (
                    <PivotCell key={keyOf(ck)} value={values[r]![c]!} gap={gaps(r, c)} testId={`pivot-cell-${rowKey}-${keyOf(ck)}`} />
                  ))}
                  {rowTotals && (
                    <Table.Td style={{ ...totalStyle, textAlign: 'right' }} data-testid={`pivot-rowtotal-${rowKey}`}>
                      {num(rowTotals[r])}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
            {colTotals && (
              <Table.Tr data-testid="pivot-total-row">
                <Table.Th colSpan={layout.rows.length} style={totalStyle}>{t('pivot.total')}</Table.Th>
                {colKeys.map((ck, c) => (
                  <Table.Td key={keyOf(ck)} style={{ ...totalStyle, textAlign: 'right' }} data-testid={`pivot-coltotal-${keyOf(ck)}`}>
                    {num(colTotals[c])}
                  </Table.Td>
                ))}
                {rowTotals && (
                  <Table.Td style={{ ...totalStyle, textAlign: 'right' }} data-testid="pivot-grandtotal">{num(grandTotal)}</Table.Td>
                )}
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {hasIndicatorOrNoTotals && <Text size="xs" c="dimmed" data-testid="pivot-no-totals">{t('pivot.noTotals')}</Text>}
      {notes.length > 0 && (
        <Stack gap={0} data-testid="pivot-completeness">
          {notes.slice(0, 12).map((n) => <Text key={n.key} size="xs" c="orange.8">⚠ {n.text}</Text>)}
          {notes.length > 12 && <Text size="xs" c="orange.8">…</Text>}
        </Stack>
      )}
    </Stack>
  );
}

/** One value: "—" with "chưa có số liệu" when missing (never 0); ⚠ and the counts when its period is incomplete. */
function PivotCell({ value, gap, testId }: { value: number | null; gap: CompletenessCell | null; testId: string }) {
  const { t } = useTranslation();
  const body = value === null ? <NoValue /> : formatNumber(value);
  return (
    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} data-testid={testId} data-incomplete={gap ? (gap.complete ? 'partial' : 'below') : undefined}>
      {gap ? (
        <Tooltip label={`${completenessLabel(t, gap)}. ${completenessHint(t, gap)}`} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
          <span tabIndex={0} style={{ cursor: 'help' }}>
            <Text span size="xs" c="orange.8">⚠ </Text>
            {body}
          </span>
        </Tooltip>
      ) : (
        body
      )}
    </Table.Td>
  );
}
