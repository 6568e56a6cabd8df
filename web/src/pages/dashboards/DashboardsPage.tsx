// Dashboards (issue 4): pick a dashboard, set the unit and period every item follows, drill down
// province → centre → station by clicking a bar, a map region or a table row (a breadcrumb goes back
// up), export any item, and edit one's own dashboards (built-ins are copied to be edited).
import {
  Alert, Anchor, Breadcrumbs, Button, Grid, Group, Modal, NativeSelect, Paper, SegmentedControl, Stack, Switch, Text, TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OuDetails, type OuNode } from '../../api';
import { ErrorAlert, Loading } from '../../components/common';
import { OuPicker } from '../../components/OuPicker';
import { today } from '../../format';
import { navigate } from '../../router';
import { inputOf, useDashboard, useDashboardList, useDashboardMutations } from './dashboardApi';
import { ItemCard } from './items/ItemCard';
import { ItemForm, newItem } from './ItemForm';
import { defaultSelection, periodTitle, RELATIVE_CHOICES, selectionPeriod, type PeriodMode, type PeriodSelection, type RelativeChoice } from './periods';
import type { Dashboard, DashboardItem } from '../../../../src/modules/dashboards/dashboards.contract.js';
import { levelKindOf } from '../../../../src/modules/dashboards/dashboards.levels.js';
import type { DashContext, DashUnit } from './dashContext';

function useUnit(id: string | null) {
  return useQuery({
    queryKey: ['dashboards', 'unit', id ?? ''],
    queryFn: () => api.get<OuDetails>(`/api/orgunits/${encodeURIComponent(id!)}`),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function DashboardsPage({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const list = useDashboardList();
  const todayIso = today();
  const roots = useQuery({ queryKey: ['ou', 'roots', todayIso], queryFn: () => api.get<OuNode[]>('/api/orgunits/roots', { asOf: todayIso }) });
  const root = roots.data?.[0] ?? null;

  const [unitId, setUnitId] = useState<string | null>(null);
  const [selection, setSelection] = useState<PeriodSelection>(() => defaultSelection(todayIso));
  const [structure, setStructure] = useState<'current' | 'historical'>('current');
  const effectiveUnitId = unitId ?? (root ? String(root.id) : null);
  const unit = useUnit(effectiveUnitId);

  const dashId = id ?? list.data?.dashboards.find((d) => d.isDefault)?.id ?? list.data?.dashboards[0]?.id ?? null;
  const dash = useDashboard(dashId);
  const period = selectionPeriod(selection, todayIso);

  // After a drill-down (or a new unit), a built-in dashboard follows the unit's kind.
  const unitChanged = useRef(false);
  useEffect(() => {
    if (!unitChanged.current || !unit.data || !dash.data?.builtin) return;
    unitChanged.current = false;
    const kind = levelKindOf(unit.data);
    const target = list.data?.dashboards.find((d) => d.builtin && d.levelKind === kind);
    if (target && target.id !== dash.data.id) navigate(`/dashboards/${target.id}`);
  }, [unit.data, dash.data, list.data]);

  const changeUnit = (next: string) => {
    if (next === effectiveUnitId) return;
    unitChanged.current = true;
    setUnitId(next);
  };

  const dashUnit: DashUnit | null = unit.data
    ? { id: String(unit.data.id), code: unit.data.code, name: unit.data.name, level: unit.data.level, kind: unit.data.kind }
    : null;
  const ctx = useMemo<DashContext | null>(
    () => (dashUnit ? { unit: dashUnit, period, structure, onDrill: changeUnit } : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dashUnit?.id, dashUnit?.name, period, structure, effectiveUnitId],
  );

  if (list.isError) return <ErrorAlert error={list.error} />;
  if (roots.isError) return <ErrorAlert error={roots.error} />;
  if (list.isPending || roots.isPending) return <Loading />;
  if (!root) return <Alert color="gray">{t('dashboards.noUnit')}</Alert>;

  // Breadcrumb: from the user's own unit down to the dashboard unit.
  const crumbs = unit.data
    ? [...unit.data.ancestors.filter((a) => a.level >= root.level), { id: unit.data.id, code: unit.data.code, name: unit.data.name, level: unit.data.level }]
    : [];

  return (
    <Stack gap="sm" data-testid="dashboards-page">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <NativeSelect
            label={t('dashboards.picker')}
            value={dashId ?? ''}
            onChange={(e) => navigate(`/dashboards/${e.currentTarget.value}`)}
            data={groupedChoices(list.data.dashboards, t)}
            w={280}
            data-testid="dash-picker"
          />
          <div style={{ width: 320 }}>
            <OuPicker
              label={t('dashboards.unit')}
              value={unit.data ? { id: unit.data.id, label: unit.data.name } : null}
              onChange={(v) => v && changeUnit(String(v.id))}
              testId="dash-unit"
            />
          </div>
          <PeriodPicker value={selection} onChange={setSelection} />
          <SegmentedControl
            size="xs"
            value={structure}
            onChange={(v) => setStructure(v as 'current' | 'historical')}
            data={[{ value: 'current', label: t('dashboards.structure.current') }, { value: 'historical', label: t('dashboards.structure.historical') }]}
            data-testid="dash-structure"
          />
        </Group>
        {dash.data && <DashboardActions dash={dash.data} />}
      </Group>

      <Group justify="space-between" wrap="wrap">
        <Breadcrumbs data-testid="dash-breadcrumb" separator="›">
          {crumbs.map((c, i) =>
            i === crumbs.length - 1 ? (
              <Text key={String(c.id)} fw={600} data-testid={`crumb-${c.code}`} data-current="true">
                {c.name}
              </Text>
            ) : (
              <Anchor key={String(c.id)} component="button" type="button" onClick={() => changeUnit(String(c.id))} data-testid={`crumb-${c.code}`}>
                {c.name}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
        <Text c="dimmed" size="sm" data-testid="dash-period-title" data-period={period}>
          {periodTitle(period)}
        </Text>
      </Group>

      {dash.isError && <ErrorAlert error={dash.error} />}
      {unit.isError && <ErrorAlert error={unit.error} />}
      {(dash.isPending || !ctx) && !dash.isError && !unit.isError && <Loading />}
      {dash.data && ctx && <DashboardGrid dash={dash.data} ctx={ctx} />}
    </Stack>
  );
}

function groupedChoices(dashboards: { id: string; name: string; builtin: boolean; editable: boolean }[], t: (k: string) => string) {
  const groups = [
    { group: t('dashboards.group.builtin'), items: dashboards.filter((d) => d.builtin) },
    { group: t('dashboards.group.mine'), items: dashboards.filter((d) => !d.builtin && d.editable) },
    { group: t('dashboards.group.shared'), items: dashboards.filter((d) => !d.builtin && !d.editable) },
  ];
  return groups.filter((g) => g.items.length).map((g) => ({ group: g.group, items: g.items.map((d) => ({ value: d.id, label: d.name })) }));
}

function PeriodPicker({ value, onChange }: { value: PeriodSelection; onChange: (v: PeriodSelection) => void }) {
  const { t } = useTranslation();
  const thisYear = Number(today().slice(0, 4));
  const years = Array.from({ length: 11 }, (_, i) => String(thisYear - i));
  if (!years.includes(String(value.year))) years.push(String(value.year));
  const set = (patch: Partial<PeriodSelection>) => onChange({ ...value, ...patch });
  return (
    <Group gap={6} align="flex-end" wrap="nowrap" data-testid="dash-period">
      <NativeSelect
        label={t('dashboards.period.label')}
        value={value.mode}
        onChange={(e) => set({ mode: e.currentTarget.value as PeriodMode })}
        data={(['month', 'quarter', 'year', 'relative'] as const).map((m) => ({ value: m, label: t(`dashboards.period.mode.${m}`) }))}
        data-testid="dash-period-mode"
      />
      {value.mode === 'month' && (
        <NativeSelect
          aria-label={t('dashboards.period.month')}
          value={String(value.month)}
          onChange={(e) => set({ month: Number(e.currentTarget.value) })}
          data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('dashboards.period.monthN', { month: i + 1 }) }))}
          data-testid="dash-period-month"
        />
      )}
      {value.mode === 'quarter' && (
        <NativeSelect
          aria-label={t('dashboards.period.quarter')}
          value={String(value.quarter)}
          onChange={(e) => set({ quarter: Number(e.currentTarget.value) })}
          data={[1, 2, 3, 4].map((q) => ({ value: String(q), label: t('dashboards.period.quarterN', { quarter: q }) }))}
          data-testid="dash-period-quarter"
        />
      )}
      {value.mode !== 'relative' && (
        <NativeSelect
          aria-label={t('dashboards.period.year')}
          value={String(value.year)}
          onChange={(e) => set({ year: Number(e.currentTarget.value) })}
          data={years}
          data-testid="dash-period-year"
        />
      )}
      {value.mode === 'relative' && (
        <NativeSelect
          aria-label={t('dashboards.period.relative')}
          value={value.relative}
          onChange={(e) => set({ relative: e.currentTarget.value as RelativeChoice })}
          data={RELATIVE_CHOICES.map((r) => ({ value: r, label: t(`dashboards.period.rel.${r}`) }))}
          data-testid="dash-period-relative"
        />
      )}
    </Group>
  );
}

function DashboardActions({ dash }: { dash: Dashboard }) {
  const { t } = useTranslation();
  const m = useDashboardMutations();
  const [settings, setSettings] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    }
  };
  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs">
        {!dash.editable && (
          <Button
            variant="light"
            loading={m.copy.isPending}
            onClick={() => run(async () => navigate(`/dashboards/${(await m.copy.mutateAsync({ id: dash.id })).id}`))}
            data-testid="dash-copy"
          >
            {t('dashboards.copyToEdit')}
          </Button>
        )}
        {dash.editable && (
          <>
            <Button variant="default" onClick={() => setSettings(true)} data-testid="dash-settings">
              {t('dashboards.settings')}
            </Button>
            <Button
              variant="default"
              color="red"
              loading={m.remove.isPending}
              onClick={() => {
                if (!window.confirm(t('dashboards.confirmDelete', { name: dash.name }))) return;
                void run(async () => {
                  await m.remove.mutateAsync(dash.id);
                  navigate('/dashboards');
                });
              }}
              data-testid="dash-delete"
            >
              {t('dashboards.delete')}
            </Button>
          </>
        )}
        <Button
          variant="default"
          loading={m.create.isPending}
          onClick={() => run(async () => navigate(`/dashboards/${(await m.create.mutateAsync({ name: t('dashboards.newName'), items: [] })).id}`))}
          data-testid="dash-new"
        >
          {t('dashboards.new')}
        </Button>
      </Group>
      {error ? <ErrorAlert error={error} testId="dash-action-error" /> : null}
      {settings && <SettingsModal dash={dash} onClose={() => setSettings(false)} />}
    </Stack>
  );
}

function SettingsModal({ dash, onClose }: { dash: Dashboard; onClose: () => void }) {
  const { t } = useTranslation();
  const m = useDashboardMutations();
  const [name, setName] = useState(dash.name);
  const [shared, setShared] = useState(dash.shared);
  return (
    <Modal opened onClose={onClose} title={t('dashboards.settings')}>
      <Stack>
        <TextInput label={t('dashboards.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="dash-settings-name" />
        <Switch label={t('dashboards.shared')} description={t('dashboards.sharedHint')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} data-testid="dash-settings-shared" />
        {m.update.error && <ErrorAlert error={m.update.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={m.update.isPending}
            onClick={async () => {
              await m.update.mutateAsync({ id: dash.id, body: inputOf(dash, { name, shared }) });
              onClose();
            }}
            data-testid="dash-settings-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DashboardGrid({ dash, ctx }: { dash: Dashboard; ctx: DashContext }) {
  const { t } = useTranslation();
  const m = useDashboardMutations();
  const [editing, setEditing] = useState<{ index: number; item: DashboardItem } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const saveItems = (items: DashboardItem[]) => m.update.mutateAsync({ id: dash.id, body: inputOf(dash, { items }) });

  return (
    <Stack gap="sm" data-testid="dash-grid" data-dashboard={dash.id} data-unit={ctx.unit.code}>
      {dash.editable && (
        <Group>
          <Button size="xs" onClick={() => setEditing({ index: dash.items.length, item: newItem(dash.items) })} data-testid="dash-add-item">
            {t('dashboards.addItem')}
          </Button>
        </Group>
      )}
      {error ? <ErrorAlert error={error} /> : null}
      {dash.items.length === 0 && (
        <Paper withBorder p="lg">
          <Text c="dimmed">{dash.editable ? t('dashboards.emptyEditable') : t('dashboards.empty')}</Text>
        </Paper>
      )}
      <Grid gutter="sm">
        {dash.items.map((item, i) => (
          <Grid.Col key={item.id} span={{ base: 12, md: item.width ?? 6 }}>
            <ItemCard
              item={item}
              ctx={ctx}
              editable={dash.editable}
              onEdit={() => setEditing({ index: i, item })}
              onRemove={() => {
                if (!window.confirm(t('dashboards.confirmRemoveItem'))) return;
                setError(null);
                saveItems(dash.items.filter((_, j) => j !== i)).catch(setError);
              }}
            />
          </Grid.Col>
        ))}
      </Grid>
      {editing && (
        <ItemForm
          initial={editing.item}
          index={editing.index}
          onCancel={() => setEditing(null)}
          onSave={async (item) => {
            const items = [...dash.items];
            items[editing.index] = item;
            await saveItems(items);
            setEditing(null);
          }}
        />
      )}
    </Stack>
  );
}
