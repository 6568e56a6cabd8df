// /entry: choose unit, data set and period, then enter the form (works offline once loaded).
import { Alert, CloseButton, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Id } from '../../api';
import { useCan, useMe } from '../../auth';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { formatDateTime, today } from '../../format';
import { dismissNotice, flushOutbox, setOutboxUser, startOfflineSync, subscribeOutbox, useOnline, useOutboxState, type OutboxNotice } from '../../offline';
import { useTodo } from '../home/todoApi';
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
  // A unit given by id in the address whose name is not known yet: "Đang tải…", never the bare id.
  const [unit, setUnit] = useState<OuChoice | null>(() =>
    initial.ou ? { id: initial.ou, label: home && String(home.id) === initial.ou ? home.name : '' } : home ? { id: home.id, label: home.name } : null,
  );
  const [ds, setDs] = useState<string | null>(initial.ds);
  const [pe, setPe] = useState<string | null>(initial.pe);
  const dataSets = useDataSets(unit?.id ?? null);
  const list = dataSets.data?.data ?? [];
  const current = list.find((d) => d.code === ds || String(d.id) === ds) ?? null;

  // A unit given by id in the address: show its name once known (the form's data sets or the stored
  // form also know it, so it shows offline too).
  const unitName = useQuery({
    queryKey: ['entry', 'unitName', String(unit?.id ?? '')],
    queryFn: () => api.get<{ name: string; code: string }>(`/api/orgunits/${encodeURIComponent(String(unit!.id))}`),
    enabled: !!unit && !unit.label,
    retry: false,
  });
  useEffect(() => {
    if (unitName.data && unit && !unit.label) setUnit({ id: unit.id, label: unitName.data.name });
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
  // The forms of this unit and data set that need the user, and the recent ones already done.
  const writer = useCan('data:write');
  const todo = useTodo({ orgUnit: unit?.id ?? null, dataSet: current?.code ?? null, all: true, enabled: writer && !!unit && !!current });
  const todoState = useMemo(() => {
    const m = new Map<string, 'needsEntry' | 'returned' | 'done'>();
    for (const i of todo.data?.data ?? []) {
      if (String(i.orgUnit.id) !== String(unit?.id) || i.dataSet.code !== current?.code) continue;
      m.set(i.period, i.state === 'returned' ? 'returned' : i.state === 'open' ? 'needsEntry' : 'done');
    }
    return m;
  }, [todo.data, unit?.id, current?.code]);
  // No period in the address (or one the data set does not have): the oldest form that needs the
  // user (returned or not completed), else the current period — never a finished month by default.
  useEffect(() => {
    if (!current) return;
    if (pe && periods.some((p) => p.iso === pe)) return;
    if (writer && todo.isPending && todo.fetchStatus !== 'idle') return; // wait for the list
    const offered = new Set(periods.map((p) => p.iso));
    const needing = [...todoState.entries()].filter(([iso, s]) => s !== 'done' && offered.has(iso)).map(([iso]) => iso).sort();
    setPe(needing[0] ?? periods[0]!.iso);
  }, [current, pe, periods, writer, todo.isPending, todo.fetchStatus, todoState]);

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
      <SentNotice />
      <Notices />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: '1 1 280px', minWidth: 0, maxWidth: '100%' }}>
          <OuPicker
            key={unit?.label ? 'named' : 'pending'}
            label={t('entry.pick.unit')}
            value={unit && !unit.label ? { id: unit.id, label: t('entry.pick.unitLoading') } : unit}
            onChange={(v) => setUnit(v)}
            testId="entry-unit"
          />
        </div>
        <Select
          label={t('entry.pick.dataSet')}
          style={{ flex: '1 1 260px', minWidth: 0, maxWidth: '100%' }}
          data={list.map((d) => ({ value: d.code, label: name(d) }))}
          value={current?.code ?? null}
          onChange={(v) => setDs(v)}
          placeholder={dataSets.isPending && unit ? '…' : t('entry.pick.noDataSet')}
          disabled={!list.length}
          data-testid="entry-dataset"
        />
        <Select
          label={t('entry.pick.period')}
          style={{ flex: '1 1 200px', minWidth: 0, maxWidth: '100%' }}
          data={periods.map((p) => {
            const mark = todoState.get(p.iso) ?? (current ? periodMark(p, current, today()) : null);
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

/**
 * Values typed offline and sent once the line returned: "Đã gửi N giá trị …" (the outbox's 'sent'
 * events of one burst are added up). Also refreshes the forms and the to-do list, so the stored copy
 * (and its "offline" banner) is replaced by the live form at once.
 */
function SentNotice() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [sent, setSent] = useState(0);
  useEffect(() => {
    let burst = 0;
    let timer: number | null = null;
    const unsub = subscribeOutbox((e) => {
      if (e.type !== 'sent') return;
      burst++;
      if (timer !== null) window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const n = burst;
        burst = 0;
        timer = null;
        setSent((s) => s + n);
        void qc.invalidateQueries({ queryKey: ['todo'] });
        void qc.invalidateQueries({ queryKey: ['entry', 'form'] });
      }, 300);
    });
    // Back online: the live form replaces the stored copy without waiting for the next refetch.
    const online = () => void qc.invalidateQueries({ queryKey: ['entry', 'form'] });
    window.addEventListener('online', online);
    return () => {
      unsub();
      if (timer !== null) window.clearTimeout(timer);
      window.removeEventListener('online', online);
    };
  }, [qc]);
  if (!sent) return null;
  return (
    <Alert color="green" p="xs" data-testid="outbox-sent" withCloseButton onClose={() => setSent(0)}>
      {t('entry.offline.sent', { count: sent })}
    </Alert>
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
