// /plans: annual targets of a unit and its children for one data element or indicator, set by hand
// or distributed (by hand, last year's share, population) with a preview; the sum check; and the
// "% of plan" of the unit's targets for a chosen month.
import {
  Alert, Badge, Button, Group, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Tabs, Text, Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../api';
import { useMe } from '../../auth';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDateTime, formatNumber, today } from '../../format';
import { currentLang } from '../../i18n';
import type { Distribution, PlanMethod, PlanRow, SumStatus, TargetInput } from '../../../../src/modules/plans/plans.contract.js';
import { distribute, planKeys, setTargets, usePlanOptions, usePlans, useProgress } from './plansApi';

/** The target picked in the page: what a plan row or a distribution is about. */
type TargetChoice = Required<Omit<TargetInput, 'value'>>;

/** vi-VN: 8,7 — en: 8.7 */
function formatDecimal(n: number | null | undefined, digits = 1, minDigits = 0): string {
  if (n === null || n === undefined) return '';
  return new Intl.NumberFormat(currentLang() === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: digits, minimumFractionDigits: minDigits }).format(n);
}
/** 8,7 % (one decimal, as the reports write it) */
const formatPercent = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${formatDecimal(n, 1, 1)} %`);

const numberProps = () =>
  currentLang() === 'en' ? { thousandSeparator: ',', decimalSeparator: '.' } : { thousandSeparator: '.', decimalSeparator: ',' };

const STATUS_COLOR: Record<SumStatus, string> = {
  ok: 'green', mismatch: 'red', notDistributed: 'yellow', noChildren: 'gray', noParentTarget: 'orange', notAdditive: 'gray',
};

function StatusBadge({ status }: { status: SumStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="plans-sum-status" data-status={status}>
      {t(`plans.status.${status}`)}
    </Badge>
  );
}

/** "dataElement|<id>|<coc id or ''>" ↔ a target choice. */
const choiceKey = (c: TargetChoice) => `${c.targetType}|${c.target}|${c.categoryOptionCombo ?? ''}`;
function parseChoice(key: string | null): TargetChoice | null {
  if (!key) return null;
  const [targetType, target, coc] = key.split('|');
  return { targetType: targetType as TargetChoice['targetType'], target: target!, categoryOptionCombo: coc || null };
}

export function PlansPage() {
  const { t } = useTranslation();
  const me = useMe();
  const home = me.organisationUnits[0] ?? null;
  const thisYear = Number(today().slice(0, 4));
  const [year, setYear] = useState<number>(thisYear);
  const [unit, setUnit] = useState<OuChoice | null>(home ? { id: home.id, label: home.name } : null);
  const [tab, setTab] = useState<string | null>('targets');
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear + 1 - i));

  return (
    <Stack gap="sm">
      <Title order={3}>{t('plans.title')}</Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('plans.pick.year')}
          data={years}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          style={{ width: 120 }}
          data-testid="plans-year"
        />
        <div style={{ minWidth: 340 }}>
          <OuPicker label={t('plans.pick.unit')} value={unit} onChange={setUnit} testId="plans-unit" />
        </div>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="targets" data-testid="plans-tab-targets">{t('plans.tabs.targets')}</Tabs.Tab>
          <Tabs.Tab value="progress" data-testid="plans-tab-progress">{t('plans.tabs.progress')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="targets" pt="sm">
          {unit ? <TargetsView year={year} unit={unit.id} /> : <Alert color="gray">{t('plans.pickUnit')}</Alert>}
        </Tabs.Panel>
        <Tabs.Panel value="progress" pt="sm">
          {unit ? <ProgressView year={year} unit={unit.id} /> : <Alert color="gray">{t('plans.pickUnit')}</Alert>}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function TargetsView({ year, unit }: { year: number; unit: Id }) {
  const { t, i18n } = useTranslation();
  const plans = usePlans(year, unit);
  const options = usePlanOptions();
  const [choiceKeyValue, setChoiceKey] = useState<string | null>(null);
  const name = (o: { name: string; nameEn?: string | null }) => (i18n.language === 'en' ? o.nameEn || o.name : o.name);

  const targetOptions = useMemo(() => {
    const o = options.data;
    if (!o) return [];
    const des = o.dataElements.flatMap((d) => [
      { value: choiceKey({ targetType: 'dataElement', target: d.id, categoryOptionCombo: null }), label: name(d) },
      ...d.categoryOptionCombos.map((c) => ({
        value: choiceKey({ targetType: 'dataElement', target: d.id, categoryOptionCombo: c.id }),
        label: `${name(d)} · ${c.name}`,
      })),
    ]);
    const inds = o.indicators.map((i) => ({
      value: choiceKey({ targetType: 'indicator', target: i.id, categoryOptionCombo: null }),
      label: name(i),
    }));
    return [
      { group: t('plans.pick.dataElements'), items: des },
      { group: t('plans.pick.indicators'), items: inds },
    ];
  }, [options.data, i18n.language, t]);

  if (plans.isLoading) return <Loading />;
  if (plans.error) return <ErrorAlert error={plans.error} testId="plans-error" />;
  const data = plans.data!;
  const choice = parseChoice(choiceKeyValue);
  const row = choice ? data.targets.find((r) => r.key === choiceKey(choice)) ?? null : null;

  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">{t('plans.overview', { unit: data.orgUnit.name, year })}</Text>
        {data.targets.length === 0 ? (
          <Text c="dimmed" size="sm">{t('plans.noTargets')}</Text>
        ) : (
          <Table striped highlightOnHover data-testid="plans-overview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plans.col.target')}</Table.Th>
                <Table.Th ta="right">{t('plans.col.annual')}</Table.Th>
                <Table.Th ta="right">{t('plans.col.childrenSum')}</Table.Th>
                <Table.Th>{t('plans.col.check')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.targets.map((r) => (
                <Table.Tr
                  key={r.key}
                  style={{ cursor: 'pointer' }}
                  onClick={() => setChoiceKey(r.key)}
                  bg={r.key === choiceKeyValue ? 'var(--mantine-color-blue-light)' : undefined}
                  data-testid={`plans-overview-row-${r.target.code}`}
                >
                  <Table.Td>
                    {name(r.target)}
                    {r.categoryOptionCombo && <Text span c="dimmed"> · {r.categoryOptionCombo.name}</Text>}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(r.value)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(r.childrenSum)}</Table.Td>
                  <Table.Td><StatusBadge status={r.status} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Select
        label={t('plans.pick.target')}
        placeholder={t('common.typeToSearch')}
        searchable
        data={targetOptions}
        value={choiceKeyValue}
        onChange={setChoiceKey}
        nothingFoundMessage={t('common.noResults')}
        style={{ maxWidth: 640 }}
        data-testid="plans-target"
      />
      {choice && <TargetEditor key={`${year}|${unit}|${choiceKeyValue}`} year={year} unit={unit} choice={choice} row={row} plans={data} />}
    </Stack>
  );
}

function TargetEditor({ year, unit, choice, row, plans }: {
  year: number;
  unit: Id;
  choice: TargetChoice;
  row: PlanRow | null;
  plans: NonNullable<ReturnType<typeof usePlans>['data']>;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [own, setOwn] = useState<number | string>(row?.value ?? '');
  const [kids, setKids] = useState<Record<string, number | string>>(() =>
    Object.fromEntries(plans.children.map((c) => [c.id, row?.children[c.id]?.value ?? ''])),
  );
  const [method, setMethod] = useState<PlanMethod>('manual');
  const [preview, setPreview] = useState<Distribution | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => setPreview(null), [method]);
  // After a save or distribution the server's values replace the typed ones.
  const signature = JSON.stringify([row?.value ?? null, row?.children ?? null]);
  useEffect(() => {
    setOwn(row?.value ?? '');
    setKids(Object.fromEntries(plans.children.map((c) => [c.id, row?.children[c.id]?.value ?? ''])));
  }, [signature]);

  const num = (v: number | string) => (v === '' || v === null ? null : Number(v));
  const typedSum = plans.children.reduce((s, c) => s + (num(kids[c.id] ?? '') ?? 0), 0);
  const parentValue = num(own);
  const additive = choice.targetType === 'dataElement';
  const mismatch = additive && parentValue !== null && Math.abs(typedSum - parentValue) > 1e-6;

  async function run<T>(fn: () => Promise<T>, message?: string): Promise<T | null> {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const r = await fn();
      if (message) setSaved(message);
      return r;
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setBusy(false);
    }
  }
  const refresh = () => qc.invalidateQueries({ queryKey: planKeys.all });

  const saveOwn = () =>
    run(async () => {
      await setTargets(year, unit, [{ ...choice, value: num(own) }]);
      await refresh();
    }, t('plans.saved'));

  const changedKids = () =>
    Object.fromEntries(plans.children
      .filter((c) => num(kids[c.id] ?? '') !== (row?.children[c.id]?.value ?? null))
      .map((c) => [c.id, num(kids[c.id] ?? '')]));

  const doDistribute = (dryRun: boolean) =>
    run(async () => {
      const values = method === 'manual' ? changedKids() : undefined;
      const r = await distribute({ ...choice, year, orgUnit: unit, method, values, dryRun });
      if (dryRun) setPreview(r);
      else {
        setPreview(null);
        await refresh();
      }
      return r;
    }, dryRun ? undefined : t('plans.distributed'));

  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <Group align="flex-end">
          <NumberInput
            label={t('plans.unitTarget', { unit: plans.orgUnit.name })}
            value={own}
            onChange={setOwn}
            min={0}
            allowNegative={false}
            disabled={!plans.canEdit}
            {...numberProps()}
            style={{ width: 260 }}
            data-testid="plans-own-value"
          />
          {plans.canEdit && (
            <Button onClick={saveOwn} loading={busy} data-testid="plans-save-own">{t('common.save')}</Button>
          )}
          {!plans.canEdit && <Text size="sm" c="dimmed">{t('plans.setByParent')}</Text>}
          {row?.updatedBy && (
            <Text size="xs" c="dimmed">{t('plans.updated', { user: row.updatedBy, at: formatDateTime(row.updatedAt) })}</Text>
          )}
        </Group>

        {plans.children.length > 0 && (
          <>
            <Table withTableBorder data-testid="plans-children">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plans.col.unit')}</Table.Th>
                  <Table.Th ta="right">{t('plans.col.target')}</Table.Th>
                  <Table.Th>{t('plans.col.method')}</Table.Th>
                  {preview && <Table.Th ta="right">{t('plans.col.share')}</Table.Th>}
                  {preview && <Table.Th ta="right">{t('plans.col.after')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plans.children.map((c) => {
                  const p = preview?.rows.find((r) => r.orgUnit.id === c.id);
                  return (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td ta="right" w={200}>
                        <NumberInput
                          size="xs"
                          value={kids[c.id] ?? ''}
                          onChange={(v) => setKids((k) => ({ ...k, [c.id]: v }))}
                          min={0}
                          allowNegative={false}
                          disabled={!plans.canDistribute || method !== 'manual'}
                          {...numberProps()}
                          data-testid={`plans-child-${c.code}`}
                        />
                      </Table.Td>
                      <Table.Td>
                        {row?.children[c.id] ? <Text size="xs" c="dimmed">{t(`plans.method.${row.children[c.id]!.method}`)}</Text> : null}
                      </Table.Td>
                      {preview && <Table.Td ta="right">{p?.share != null ? formatPercent(p.share * 100) : ''}</Table.Td>}
                      {preview && <Table.Td ta="right" fw={600}>{p ? formatNumber(p.after) : ''}</Table.Td>}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr bg={mismatch ? 'var(--mantine-color-red-light)' : undefined} data-testid="plans-sum-row" data-mismatch={mismatch}>
                  <Table.Th>{t('plans.childrenTotal')}</Table.Th>
                  <Table.Th ta="right">{formatNumber(typedSum)}</Table.Th>
                  <Table.Th>
                    {additive
                      ? parentValue === null
                        ? t('plans.status.noParentTarget')
                        : mismatch
                          ? t('plans.difference', { diff: formatNumber(typedSum - parentValue) })
                          : t('plans.status.ok')
                      : t('plans.status.notAdditive')}
                  </Table.Th>
                  {preview && <Table.Th />}
                  {preview && <Table.Th ta="right">{formatNumber(preview.childrenSum)}</Table.Th>}
                </Table.Tr>
              </Table.Tfoot>
            </Table>

            {plans.canDistribute && (
              <Group align="flex-end" gap="sm">
                <div>
                  <Text size="sm" fw={500} mb={4}>{t('plans.distribute')}</Text>
                  <SegmentedControl
                    value={method}
                    onChange={(v) => setMethod(v as PlanMethod)}
                    data={(['manual', 'lastYearShare', 'population'] as PlanMethod[]).map((m) => ({ value: m, label: t(`plans.method.${m}`) }))}
                    data-testid="plans-method"
                  />
                </div>
                <Button variant="default" onClick={() => doDistribute(true)} loading={busy} data-testid="plans-preview">
                  {t('plans.preview')}
                </Button>
                <Button onClick={() => doDistribute(false)} loading={busy} data-testid="plans-apply">
                  {t('plans.apply')}
                </Button>
              </Group>
            )}
            {preview && (
              <Alert color={preview.status === 'ok' ? 'green' : 'yellow'} data-testid="plans-preview-result">
                {t('plans.previewNote', { total: formatNumber(preview.childrenSum), parent: formatNumber(preview.parentValue) })}{' '}
                <StatusBadge status={preview.status} />
              </Alert>
            )}
          </>
        )}
        {saved && <Alert color="green" data-testid="plans-saved">{saved}</Alert>}
        <ErrorAlert error={error} testId="plans-action-error" />
      </Stack>
    </Paper>
  );
}

function ProgressView({ year, unit }: { year: number; unit: Id }) {
  const { t, i18n } = useTranslation();
  const now = today();
  const defaultMonth = Number(now.slice(0, 4)) === year ? Math.max(1, Number(now.slice(5, 7)) - 1) : 12;
  const [month, setMonth] = useState<string>(String(defaultMonth));
  const period = `${year}${month.padStart(2, '0')}`;
  const progress = useProgress(year, unit, period);
  const name = (o: { name: string; nameEn?: string | null }) => (i18n.language === 'en' ? o.nameEn || o.name : o.name);
  const months = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('plans.monthLabel', { month: i + 1, year }) }));

  return (
    <Stack gap="sm">
      <Select label={t('plans.pick.month')} data={months} value={month} onChange={(v) => v && setMonth(v)} style={{ width: 200 }} data-testid="plans-month" />
      {progress.isLoading && <Loading />}
      <ErrorAlert error={progress.error} testId="plans-progress-error" />
      {progress.data && progress.data.items.length === 0 && <Alert color="gray">{t('plans.noTargets')}</Alert>}
      {progress.data && progress.data.items.length > 0 && (
        <Table striped data-testid="plans-progress">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plans.col.target')}</Table.Th>
              <Table.Th ta="right">{t('plans.col.annual')}</Table.Th>
              <Table.Th ta="right">{t('plans.col.month', { month: Number(month) })}</Table.Th>
              <Table.Th ta="right">{t('plans.col.monthPercent')}</Table.Th>
              <Table.Th ta="right">{t('plans.col.ytd', { month: Number(month) })}</Table.Th>
              <Table.Th ta="right">{t('plans.col.ytdPercent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {progress.data.items.map((i) => {
              const indicator = i.targetType === 'indicator';
              const fmt = (v: number | null) => (indicator ? formatDecimal(v, 2) : formatNumber(v));
              return (
                <Table.Tr key={`${i.targetType}|${i.target.id}|${i.categoryOptionCombo?.id ?? ''}`} data-testid={`plans-progress-row-${i.target.code}`}>
                  <Table.Td>
                    {name(i.target)}
                    {i.categoryOptionCombo && <Text span c="dimmed"> · {i.categoryOptionCombo.name}</Text>}
                    {i.target.aggregationType === 'LAST' && <Text span c="dimmed" size="xs"> ({t('plans.stock')})</Text>}
                  </Table.Td>
                  <Table.Td ta="right">{fmt(i.targetValue)}</Table.Td>
                  <Table.Td ta="right">{fmt(i.periodValue)}</Table.Td>
                  <Table.Td ta="right">{formatPercent(i.periodPercent)}</Table.Td>
                  <Table.Td ta="right">{fmt(i.ytdValue)}</Table.Td>
                  <Table.Td ta="right" fw={600} title={i.ytdPercent !== null ? t('plans.reached', { pct: formatDecimal(i.ytdPercent) }) : undefined}>
                    {formatPercent(i.ytdPercent)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
