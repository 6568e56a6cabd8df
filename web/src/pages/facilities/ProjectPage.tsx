// One project: its units, money (budget, capital per year, disbursed), the seven stages with planned
// and actual dates, the monthly disbursement entry, issues and photos. Editing for its managers.
import { Alert, Anchor, Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, ErrorAlert, Loading, splitError } from '../../components/common';
import { formatDate, formatNumber, today } from '../../format';
import { Link } from '../../router';
import { facilityApi, fromMillions, toMillions, useFacilityMutation, useProject, type ProjectDetail, type StageRow } from './facilitiesApi';
import { AreaNav, money, pct, StageBadge, useNarrow } from './parts';
import { PhotoGrid, PhotoUpload } from './PremisesPage';

export function ProjectPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useProject(id);
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorAlert error={q.error} />;
  const p = q.data;
  const share = p.allocated > 0 ? Math.round((p.disbursed / p.allocated) * 1000) / 10 : null;
  return (
    <Stack gap="md" data-testid="project-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={3} style={{ overflowWrap: 'anywhere' }}>{p.name}</Title>
          <Anchor component={Link} to={`/facilities/programmes/${p.programmeId}`} size="sm">{p.programmeName}</Anchor>
        </Stack>
        <AreaNav active="programmes" />
      </Group>
      <Paper withBorder p="sm" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
          <Info label={t('facilities.projects.kind')} value={t(`facilities.projectKind.${p.kind}`)} />
          <Info label={t('facilities.projects.investor')} value={p.investor ?? '—'} />
          <Info label={t('facilities.money.budget')} value={money(p.budgetApproved, t) || '—'} />
          <Info label={t('facilities.money.disbursedOfAllocated')} value={`${money(p.disbursed, t)} / ${money(p.allocated, t)} (${pct(share)})`} />
        </SimpleGrid>
        <Group gap="xs" mt="xs" wrap="wrap">
          <StageBadge stage={p.currentStage} late={p.lateStages.length > 0} />
          {p.units.map((u) => (
            <Anchor key={u.id} component={Link} to={`/facilities/unit/${u.id}`} size="sm">{u.name}</Anchor>
          ))}
        </Group>
      </Paper>
      <Allocations p={p} />
      <Stages p={p} />
      <Months p={p} />
      <Issues p={p} />
      <Paper withBorder p="sm" radius="md">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Title order={5}>{t('facilities.photos.title')}</Title>
          {p.canManage && <PhotoUpload target={{ project: p.id }} />}
        </Group>
        <PhotoGrid photos={p.photos} canDelete={p.canManage} />
      </Paper>
    </Stack>
  );
}

function Info({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{value}</Text>
    </Stack>
  );
}

function Allocations({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(() => p.allocations.map((a) => ({ year: a.year as number | string, amount: toMillions(a.amount) as number | string | null })));
  useEffect(() => setRows(p.allocations.map((a) => ({ year: a.year, amount: toMillions(a.amount) }))), [p]);
  const save = useFacilityMutation((body: Record<string, unknown>) => facilityApi.updateProject(p.id, body));
  const { general } = splitError(save.error, []);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="project-allocations">
      <Title order={5} mb="xs">{t('facilities.money.allocationsTitle')}</Title>
      <Stack gap={6}>
        {rows.map((r, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
            <NumberInput label={i === 0 ? t('facilities.progress.year') : undefined} value={r.year} onChange={(v) => setRows((x) => x.map((y, j) => (j === i ? { ...y, year: v } : y)))} disabled={!p.canManage} w={90} allowDecimal={false} thousandSeparator="" />
            <NumberInput label={i === 0 ? t('facilities.money.allocatedMillions') : undefined} value={r.amount ?? ''} onChange={(v) => setRows((x) => x.map((y, j) => (j === i ? { ...y, amount: v } : y)))} disabled={!p.canManage} style={{ flex: 1, minWidth: 0 }} min={0} thousandSeparator="." decimalSeparator="," />
            {p.canManage && <Button variant="subtle" color="red" size="xs" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>{t('facilities.remove')}</Button>}
          </Group>
        ))}
        {!rows.length && <Text size="sm" c="dimmed">{t('facilities.money.noAllocations')}</Text>}
      </Stack>
      {general && <Alert color="red" mt="xs">{general}</Alert>}
      {p.canManage && (
        <Group mt="xs" gap="xs">
          <Button variant="default" size="xs" onClick={() => setRows((x) => [...x, { year: new Date().getFullYear(), amount: null }])}>{t('facilities.money.addYear')}</Button>
          <Button size="xs" loading={save.isPending} onClick={() => save.mutate({ version: p.version, allocations: rows.map((r) => ({ year: Number(r.year), amount: fromMillions(r.amount) ?? 0 })) })}>{t('facilities.save')}</Button>
        </Group>
      )}
    </Paper>
  );
}

function Stages({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" data-testid="project-stages">
      <Title order={5} mb="xs">{t('facilities.stages.title')}</Title>
      <Stack gap="xs">
        {p.stages.map((s, i) => (
          <StageCard key={s.stage} p={p} s={s} n={i + 1} />
        ))}
      </Stack>
    </Paper>
  );
}

function StageCard({ p, s, n }: { p: ProjectDetail; s: StageRow; n: number }) {
  const { t } = useTranslation();
  const [f, setF] = useState(s);
  const [editing, setEditing] = useState(false);
  useEffect(() => setF(s), [s]);
  const save = useFacilityMutation((body: Record<string, unknown>) => facilityApi.setStage(p.id, s.stage, body));
  const { fields, general } = splitError(save.error, ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd', 'note']);
  const set = (k: keyof StageRow) => (v: string) => setF((x) => ({ ...x, [k]: v || null }));
  const range = (a: string | null, b: string | null) => (a || b ? `${formatDate(a) || '…'} – ${formatDate(b) || '…'}` : '—');
  return (
    <Paper withBorder p="xs" radius="sm" bg={s.actualEnd ? 'var(--mantine-color-green-0)' : s.late ? 'var(--mantine-color-red-0)' : undefined} data-testid={`stage-${s.stage}`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600} size="sm">{n}. {t(`facilities.stage.${s.stage}`)}</Text>
        <Group gap="xs">
          {s.actualEnd ? <Badge color="green" variant="light">{t('facilities.stages.finished')}</Badge> : s.late ? <Badge color="red" variant="light">{t('facilities.late')}</Badge> : null}
          {p.canManage && !editing && <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>{t('facilities.edit')}</Button>}
        </Group>
      </Group>
      {!editing ? (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={4} mt={4}>
          <Text size="xs">{t('facilities.stages.planned')}: {range(s.plannedStart, s.plannedEnd)}</Text>
          <Text size="xs">{t('facilities.stages.actual')}: {range(s.actualStart, s.actualEnd)}</Text>
          {s.note && <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{s.note}</Text>}
        </SimpleGrid>
      ) : (
        <Stack gap="xs" mt="xs">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
            <DateField label={t('facilities.stages.plannedStart')} value={f.plannedStart ?? ''} onChange={set('plannedStart')} error={fields.plannedStart} />
            <DateField label={t('facilities.stages.plannedEnd')} value={f.plannedEnd ?? ''} onChange={set('plannedEnd')} error={fields.plannedEnd} />
            <DateField label={t('facilities.stages.actualStart')} value={f.actualStart ?? ''} onChange={set('actualStart')} error={fields.actualStart} max={today()} />
            <DateField label={t('facilities.stages.actualEnd')} value={f.actualEnd ?? ''} onChange={set('actualEnd')} error={fields.actualEnd} max={today()} />
          </SimpleGrid>
          <TextInput label={t('facilities.stages.note')} value={f.note ?? ''} onChange={(e) => set('note')(e.currentTarget.value)} error={fields.note} />
          {s.stage === 'handover' && (p.kind === 'renovation' || p.kind === 'new_build') && <Text size="xs" c="dimmed">{t('facilities.stages.handoverNote')}</Text>}
          {general && <Alert color="red">{general}</Alert>}
          <Group gap="xs">
            <Button size="xs" loading={save.isPending} onClick={() => save.mutate({ plannedStart: f.plannedStart, plannedEnd: f.plannedEnd, actualStart: f.actualStart, actualEnd: f.actualEnd, note: f.note }, { onSuccess: () => setEditing(false) })}>
              {t('facilities.save')}
            </Button>
            <Button size="xs" variant="default" onClick={() => { setF(s); setEditing(false); }}>{t('facilities.cancel')}</Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function Months({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [month, setMonth] = useState(today().slice(0, 7));
  const current = p.months.find((m) => m.month === month);
  const [planned, setPlanned] = useState<number | string>('');
  const [disbursed, setDisbursed] = useState<number | string>('');
  useEffect(() => {
    setPlanned(toMillions(current?.planned) ?? '');
    setDisbursed(toMillions(current?.disbursed) ?? '');
  }, [month, current?.planned, current?.disbursed]);
  const save = useFacilityMutation((body: { planned: number | null; disbursed: number | null }) => facilityApi.setMonth(p.id, month, body));
  const { fields, general } = splitError(save.error, ['planned', 'disbursed', 'month']);
  let cum = 0;
  const rows = p.months.map((m) => ({ ...m, cum: (cum += m.disbursed ?? 0) }));
  return (
    <Paper withBorder p="sm" radius="md" data-testid="project-months">
      <Title order={5} mb="xs">{t('facilities.months.title')}</Title>
      {p.canManage && (
        <Stack gap="xs" mb="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
            <TextInput type="month" label={t('facilities.progress.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} error={fields.month} data-testid="month-input" />
            <NumberInput label={t('facilities.months.plannedMillions')} value={planned} onChange={setPlanned} error={fields.planned} min={0} thousandSeparator="." decimalSeparator="," data-testid="planned-input" />
            <NumberInput label={t('facilities.months.disbursedMillions')} value={disbursed} onChange={setDisbursed} error={fields.disbursed} min={0} thousandSeparator="." decimalSeparator="," data-testid="disbursed-input" />
          </SimpleGrid>
          {general && <Alert color="red">{general}</Alert>}
          <Group>
            <Button size="xs" loading={save.isPending} onClick={() => save.mutate({ planned: fromMillions(planned), disbursed: fromMillions(disbursed) })} data-testid="month-save">{t('facilities.save')}</Button>
          </Group>
        </Stack>
      )}
      {!rows.length ? (
        <Text size="sm" c="dimmed">{t('facilities.months.none')}</Text>
      ) : (
        <Table verticalSpacing={2} data-testid="months-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('facilities.progress.month')}</Table.Th>
              <Table.Th ta="right">{t('facilities.progress.planned')}</Table.Th>
              <Table.Th ta="right">{t('facilities.progress.disbursed')}</Table.Th>
              {!narrow && <Table.Th ta="right">{t('facilities.progress.cumDisbursed')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.month} onClick={() => p.canManage && setMonth(m.month)} style={{ cursor: p.canManage ? 'pointer' : undefined }}>
                <Table.Td>{`${Number(m.month.slice(5))}/${m.month.slice(0, 4)}`}</Table.Td>
                <Table.Td ta="right">{formatNumber(toMillions(m.planned))}</Table.Td>
                <Table.Td ta="right">{formatNumber(toMillions(m.disbursed))}</Table.Td>
                {!narrow && <Table.Td ta="right">{formatNumber(toMillions(m.cum))}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" mt={4}>{t('facilities.months.unit')}</Text>
    </Paper>
  );
}

function Issues({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const add = useFacilityMutation((body: { text: string }) => facilityApi.addIssue(p.id, body));
  const resolve = useFacilityMutation((issue: string) => facilityApi.updateIssue(p.id, issue, { resolvedOn: today() }));
  const { fields, general } = splitError(add.error, ['text']);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="project-issues">
      <Title order={5} mb="xs">{t('facilities.issues.title')}</Title>
      <Stack gap={6}>
        {p.issues.map((i) => (
          <Group key={i.id} justify="space-between" wrap="wrap" gap="xs" align="flex-start">
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 220px' }}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{i.text}</Text>
              <Text size="xs" c="dimmed">
                {t('facilities.issues.opened', { date: formatDate(i.openedOn) })}
                {i.resolvedOn ? ` · ${t('facilities.issues.resolved', { date: formatDate(i.resolvedOn) })}` : ''}
                {i.resolution ? ` · ${i.resolution}` : ''}
              </Text>
            </Stack>
            {!i.resolvedOn && p.canManage && <Button size="compact-xs" variant="light" onClick={() => resolve.mutate(i.id)}>{t('facilities.issues.resolve')}</Button>}
          </Group>
        ))}
        {!p.issues.length && <Text size="sm" c="dimmed">{t('facilities.issues.none')}</Text>}
      </Stack>
      {p.canManage && (
        <Stack gap="xs" mt="sm">
          <Textarea label={t('facilities.issues.new')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fields.text} autosize minRows={2} />
          {general && <Alert color="red">{general}</Alert>}
          <Group>
            <Button size="xs" loading={add.isPending} onClick={() => add.mutate({ text }, { onSuccess: () => setText('') })}>{t('facilities.issues.add')}</Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
