// /entry: choose unit, data set and period, then enter the form (works offline once loaded).
import { Alert, CloseButton, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, type Id } from '../../api';
import { useMe } from '../../auth';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { formatDateTime, today } from '../../format';
import { dismissNotice, flushOutbox, setOutboxUser, startOfflineSync, useOnline, useOutboxState, type OutboxNotice } from '../../offline';
import { useDataSets } from './entryApi';
import { FormView } from './FormView';
import { periodLabel, periodMark, recentPeriods } from './periods';
import { formatValue } from './values';

// The outbox is retried from app start on (this module is loaded with the app shell).
startOfflineSync();

function readQuery(): { ds: string | null; ou: string | null; pe: string | null } {
  const q = new URLSearchParams(location.search);
  return { ds: q.get('ds'), ou: q.get('ou'), pe: q.get('pe') };
}

export function DataEntryPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const online = useOnline();
  const initial = useMemo(readQuery, []);
  const home = me.organisationUnits[0] ?? null;
  const [unit, setUnit] = useState<OuChoice | null>(() =>
    initial.ou ? { id: initial.ou, label: home && String(home.id) === initial.ou ? home.name : initial.ou } : home ? { id: home.id, label: home.name } : null,
  );
  const [ds, setDs] = useState<string | null>(initial.ds);
  const [pe, setPe] = useState<string | null>(initial.pe);
  const dataSets = useDataSets(unit?.id ?? null);
  const list = dataSets.data?.data ?? [];
  const current = list.find((d) => d.code === ds || String(d.id) === ds) ?? null;

  // A unit given by id in the address: show its name once known.
  const unitName = useQuery({
    queryKey: ['entry', 'unitName', String(unit?.id ?? '')],
    queryFn: () => api.get<{ name: string; code: string }>(`/api/orgunits/${encodeURIComponent(String(unit!.id))}`),
    enabled: !!unit && unit.label === String(unit.id),
    retry: false,
  });
  useEffect(() => {
    if (unitName.data && unit && unit.label === String(unit.id)) setUnit({ id: unit.id, label: unitName.data.name });
  }, [unitName.data, unit]);

  useEffect(() => {
    setOutboxUser(me.username);
    void flushOutbox().catch(() => {});
  }, [me.username]);

  // Pick the first data set of the unit when none (or one it does not report) is chosen.
  useEffect(() => {
    if (!dataSets.data) return;
    if (!current && list.length) setDs(list[0]!.code);
  }, [dataSets.data, current, list]);

  const periods = useMemo(() => recentPeriods(current?.periodType ?? 'Monthly', today(), 36), [current?.periodType]);
  useEffect(() => {
    if (!current) return;
    if (!pe || !periods.some((p) => p.iso === pe)) setPe(periods[1]?.iso ?? periods[0]!.iso);
  }, [current, pe, periods]);

  // Keep the choice in the address so a reload (even offline) reopens the same form.
  useEffect(() => {
    const q = new URLSearchParams();
    if (current) q.set('ds', current.code);
    if (unit) q.set('ou', String(unit.id));
    if (pe) q.set('pe', pe);
    const url = `/entry${q.toString() ? `?${q}` : ''}`;
    if (location.pathname + location.search !== url) history.replaceState(null, '', url);
  }, [current, unit, pe]);

  const name = (o: { name: string; nameEn?: string | null }) => (i18n.language === 'en' ? o.nameEn || o.name : o.name);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>{t('entry.title')}</Title>
        {!online && (
          <Text c="yellow.8" size="sm" fw={600} data-testid="entry-offline">
            {t('entry.offline.short')}
          </Text>
        )}
      </Group>
      <Notices />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ minWidth: 320 }}>
          <OuPicker label={t('entry.pick.unit')} value={unit} onChange={(v) => setUnit(v)} testId="entry-unit" />
        </div>
        <Select
          label={t('entry.pick.dataSet')}
          style={{ minWidth: 280 }}
          data={list.map((d) => ({ value: d.code, label: name(d) }))}
          value={current?.code ?? null}
          onChange={(v) => setDs(v)}
          placeholder={dataSets.isPending && unit ? '…' : t('entry.pick.noDataSet')}
          disabled={!list.length}
          data-testid="entry-dataset"
        />
        <Select
          label={t('entry.pick.period')}
          style={{ minWidth: 200 }}
          data={periods.map((p) => {
            const mark = current ? periodMark(p, current, today()) : null;
            return { value: p.iso, label: mark ? `${periodLabel(p.iso)} — ${t(`entry.pick.${mark}`)}` : periodLabel(p.iso) };
          })}
          value={pe}
          onChange={(v) => setPe(v)}
          disabled={!current}
          searchable
          data-testid="entry-period"
        />
      </Group>
      {dataSets.isError && <Alert color="red">{(dataSets.error as Error).message}</Alert>}
      {dataSets.data && !list.length && unit && (
        <Alert color="gray" data-testid="entry-no-datasets">
          {t('entry.pick.noDataSetForUnit')}
        </Alert>
      )}
      {current && unit && pe && <FormView key={`${current.code}|${unit.id}|${pe}`} dataSet={current.code} orgUnit={unit.id as Id} period={pe} />}
    </Stack>
  );
}

/** Things that happened to values sent in the background: overwritten values, refusals. */
function Notices() {
  const { t } = useTranslation();
  const { notices } = useOutboxState();
  if (!notices.length) return null;
  return (
    <Stack gap={4} data-testid="entry-notices">
      {notices.map((n) => (
        <Alert key={n.id} color={n.kind === 'conflict' ? 'orange' : 'red'} p="xs" data-testid={`notice-${n.kind}`}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">{noticeText(n, t)}</Text>
            <CloseButton size="sm" onClick={() => void dismissNotice(n.id)} aria-label={t('entry.notice.dismiss')} />
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}

function noticeText(n: OutboxNotice, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (n.kind === 'conflict') {
    return t('entry.notice.conflict', {
      label: n.label ?? '',
      mine: formatValue(n.body.value, 'NUMBER') || '—',
      theirs: n.conflict?.value ?? '—',
      user: n.conflict?.storedBy ?? '?',
      at: formatDateTime(n.conflict?.lastUpdated ?? null),
    });
  }
  return t('entry.notice.rejected', { label: n.label ?? '', message: n.message ?? '' });
}
