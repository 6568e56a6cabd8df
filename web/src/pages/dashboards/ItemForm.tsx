// The form to add or edit an item of one's own dashboard: type, data items, period and unit specs.
// The server validates (zod) and answers per field (items.<i>.<field>); those messages show here.
import { Alert, Button, Checkbox, Group, Modal, MultiSelect, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { currentLang } from '../../i18n';
import { isRelativePeriod } from '../../../../src/lib/periods.js';
import type { ChartType, DashboardItem, ItemType, KpiComparison, PeriodSpec, UnitSpec } from '../../../../src/modules/dashboards/dashboards.contract.js';
import type { FigureSummary } from '../../../../src/modules/analytics/analytics.contract.js';

interface DataOptions {
  dataElements: { code: string; name: string; nameEn: string | null; categoryOptionCombos: { code: string | null; name: string }[] }[];
  indicators: { code: string; name: string; nameEn: string | null }[];
}

const PERIOD_CHOICES = [
  'dashboard', 'dashboardMonths', 'dashboardLast12Months', 'dashboardYtd',
  'relative:THIS_YEAR', 'relative:LAST_YEAR', 'relative:LAST_12_MONTHS', 'relative:LAST_MONTH',
] as const;

const periodValue = (p: PeriodSpec) => (p.kind === 'relative' ? `relative:${p.keyword}` : p.kind === 'fixed' ? `fixed:${p.id}` : p.kind);
function periodSpec(v: string): PeriodSpec {
  const keyword = v.slice('relative:'.length);
  if (v.startsWith('relative:') && isRelativePeriod(keyword)) return { kind: 'relative', keyword };
  if (v.startsWith('fixed:')) return { kind: 'fixed', id: v.slice(6) };
  return { kind: v as 'dashboard' };
}
const unitValue = (u: UnitSpec) => (u.kind === 'level' ? `level:${u.level}` : u.kind);
const unitSpec = (v: string): UnitSpec => (v.startsWith('level:') ? { kind: 'level', level: Number(v.slice(6)) } : { kind: v as 'dashboard' });

export function newItem(existing: DashboardItem[]): DashboardItem {
  let n = existing.length + 1;
  while (existing.some((i) => i.id === `item-${n}`)) n++;
  return { id: `item-${n}`, type: 'chart', chartType: 'bar', title: '', data: [], period: { kind: 'dashboard' }, unit: { kind: 'children' }, width: 6 };
}

export function ItemForm(props: {
  initial: DashboardItem;
  onCancel: () => void;
  /** Saves; rejects with the server's error (fields items.<index>.…). */
  onSave: (item: DashboardItem) => Promise<unknown>;
  index: number;
}) {
  const { t } = useTranslation();
  const [item, setItem] = useState<DashboardItem>(props.initial);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const options = useQuery({ queryKey: ['plans', 'options'], queryFn: () => api.get<DataOptions>('/api/plans/options'), staleTime: 5 * 60_000 });
  const en = currentLang() === 'en';
  // Figures computed live from the registers (equipment, facilities …), by code like data elements.
  const figures = useQuery({ queryKey: ['analytics', 'figures', currentLang()], queryFn: () => api.get<FigureSummary[]>('/api/analytics/figures'), staleTime: 5 * 60_000 });

  type Choice = { value: string; label: string };
  const dataChoices = (() => {
    const elements: Choice[] = [];
    for (const d of options.data?.dataElements ?? []) {
      const name = (en && d.nameEn) || d.name;
      // Names only (codes still find them: see the filter below).
      elements.push({ value: d.code, label: name });
      for (const c of d.categoryOptionCombos) if (c.code) elements.push({ value: `${d.code}.${c.code}`, label: `${name} — ${c.name}` });
    }
    const indicators: Choice[] = (options.data?.indicators ?? []).map((i) => ({ value: i.code, label: (en && i.nameEn) || i.name }));
    const registers: Choice[] = (figures.data ?? []).map((f) => ({ value: f.code, label: f.name }));
    const known = new Set([...elements, ...indicators, ...registers].map((o) => o.value));
    for (const v of item.data) if (!known.has(v)) elements.push({ value: v, label: v });
    return [
      { group: t('dashboards.form.dataGroups.dataElements'), items: elements },
      { group: t('dashboards.form.dataGroups.indicators'), items: indicators },
      { group: t('dashboards.form.dataGroups.figures'), items: registers },
    ].filter((g) => g.items.length > 0);
  })();

  const prefix = `items.${props.index}.`;
  const fieldErrors: Record<string, string> = {};
  let general: string | null = null;
  if (error instanceof ApiError) {
    const rest: string[] = [];
    for (const [k, v] of Object.entries(error.fields)) {
      if (k.startsWith(prefix)) {
        const f = k.slice(prefix.length).split('.')[0]!;
        fieldErrors[f] = fieldErrors[f] ? `${fieldErrors[f]}; ${v}` : v;
      } else rest.push(`${k}: ${v}`);
    }
    if (!Object.keys(fieldErrors).length || rest.length) general = [error.message, ...rest].join(' — ');
  } else if (error) general = error instanceof Error ? error.message : String(error);

  const set = (patch: Partial<DashboardItem>) => setItem((i) => ({ ...i, ...patch }));
  const setType = (type: ItemType) => {
    const next: DashboardItem = { ...item, type };
    delete next.chartType;
    delete next.compare;
    delete next.show;
    if (type === 'chart') next.chartType = 'bar';
    if (type === 'kpi') {
      next.compare = ['plan', 'lastYear'];
      next.unit = { kind: 'dashboard' };
      next.period = { kind: 'dashboard' };
      next.width = 4;
    }
    if (type === 'table') next.show = 'values';
    if (type === 'map') {
      next.unit = { kind: 'children' };
      if (next.period.kind === 'dashboardMonths' || next.period.kind === 'dashboardLast12Months') next.period = { kind: 'dashboard' };
    }
    setItem(next);
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    const clean: DashboardItem = { ...item, title: item.title?.trim() || undefined };
    try {
      await props.onSave(clean);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={props.onCancel} title={t('dashboards.form.title')} size="lg" data-testid="item-form">
      <Stack gap="sm">
        <TextInput label={t('dashboards.form.itemTitle')} value={item.title ?? ''} onChange={(e) => set({ title: e.currentTarget.value })} error={fieldErrors.title} data-testid="item-form-title" />
        <Group grow>
          <NativeSelect
            label={t('dashboards.form.type')}
            value={item.type}
            onChange={(e) => setType(e.currentTarget.value as ItemType)}
            data={(['chart', 'table', 'kpi', 'map'] as const).map((v) => ({ value: v, label: t(`dashboards.type.${v}`) }))}
            error={fieldErrors.type}
            data-testid="item-form-type"
          />
          {item.type === 'chart' && (
            <NativeSelect
              label={t('dashboards.form.chartType')}
              value={item.chartType ?? 'bar'}
              onChange={(e) => set({ chartType: e.currentTarget.value as ChartType })}
              data={(['line', 'bar', 'stacked', 'pie'] as const).map((v) => ({ value: v, label: t(`dashboards.chartType.${v}`) }))}
              error={fieldErrors.chartType}
              data-testid="item-form-chart-type"
            />
          )}
          {item.type === 'table' && (
            <NativeSelect
              label={t('dashboards.form.show')}
              value={item.show ?? 'values'}
              onChange={(e) => set({ show: e.currentTarget.value as 'values' | 'reporting' })}
              data={[{ value: 'values', label: t('dashboards.form.showValues') }, { value: 'reporting', label: t('dashboards.form.showReporting') }]}
              data-testid="item-form-show"
            />
          )}
        </Group>
        <MultiSelect
          label={t('dashboards.form.data')}
          searchable
          limit={50}
          data={dataChoices}
          filter={({ options: list, search }) => {
            const q = search.trim().toLocaleLowerCase('vi');
            const hit = (o: Choice) => !q || o.label.toLocaleLowerCase('vi').includes(q) || o.value.toLocaleLowerCase('vi').includes(q);
            type Entry = { group: string; items: Choice[] } | Choice;
            return (list as Entry[]).flatMap((o): Entry[] => {
              if (!('group' in o)) return hit(o) ? [o] : [];
              const items = o.items.filter(hit);
              return items.length ? [{ ...o, items }] : [];
            });
          }}
          value={item.data}
          onChange={(v) => set({ data: v })}
          error={fieldErrors.data}
          placeholder={t('common.typeToSearch')}
          nothingFoundMessage={t('common.noResults')}
          data-testid="item-form-data"
        />
        <Group grow>
          <NativeSelect
            label={t('dashboards.form.period')}
            value={periodValue(item.period)}
            onChange={(e) => set({ period: periodSpec(e.currentTarget.value) })}
            data={[...new Set([...PERIOD_CHOICES, periodValue(item.period)])].map((v) => ({ value: v, label: t(`dashboards.periodSpec.${v.replace(':', '_')}`, { defaultValue: v }) }))}
            error={fieldErrors.period}
            data-testid="item-form-period"
          />
          <NativeSelect
            label={t('dashboards.form.unit')}
            value={unitValue(item.unit)}
            onChange={(e) => set({ unit: unitSpec(e.currentTarget.value) })}
            data={[...new Set(['dashboard', 'children', 'level:2', 'level:3', unitValue(item.unit)])].map((v) => ({ value: v, label: t(`dashboards.unitSpec.${v.replace(':', '_')}`, { defaultValue: v }) }))}
            error={fieldErrors.unit}
            data-testid="item-form-unit"
          />
          <NativeSelect
            label={t('dashboards.form.width')}
            value={String(item.width ?? 6)}
            onChange={(e) => set({ width: Number(e.currentTarget.value) })}
            data={['4', '6', '8', '12'].map((v) => ({ value: v, label: t(`dashboards.width.${v}`) }))}
            data-testid="item-form-width"
          />
        </Group>
        {item.type === 'kpi' && (
          <Checkbox.Group
            label={t('dashboards.form.compare')}
            value={item.compare ?? []}
            onChange={(v) => set({ compare: v as KpiComparison[] })}
            error={fieldErrors.compare}
          >
            <Group mt={4}>
              {(['plan', 'lastYear', 'previous'] as const).map((c) => (
                <Checkbox key={c} value={c} label={t(`dashboards.compare.${c}`)} data-testid={`item-form-compare-${c}`} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        {general && (
          <Alert color="red" data-testid="item-form-error">
            {general}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={saving} data-testid="item-form-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
