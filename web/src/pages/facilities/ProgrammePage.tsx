// One programme: its progress for a year (projects per current stage, late stages, disbursement
// against plan month by month, cumulative: a table and bars) and its projects; a new project for those
// who manage the programme.
import { Alert, Anchor, Badge, Button, CloseButton, Group, NativeSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';
import { ErrorAlert, Loading, splitError } from '../../components/common';
import { formatDate, formatNumber } from '../../format';
import { Link, navigate } from '../../router';
import {
  facilityApi, fromMillions, PROJECT_KINDS, STAGES, useCandidateUnits, useFacilityMutation, useProgramme, useProgress,
  type ProgrammeDetail, type ProgrammeProgress, type ProjectKind,
} from './facilitiesApi';
import { AreaNav, money, pct, StageBadge, useNarrow } from './parts';

export function ProgrammePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const g = useProgramme(id);
  const [year, setYear] = useState<number | null>(null);
  const progress = useProgress(id, year);
  if (g.isLoading) return <Loading />;
  if (g.error || !g.data) return <ErrorAlert error={g.error} />;
  const p = g.data;
  const years = Array.from({ length: p.endYear - p.startYear + 1 }, (_, i) => p.startYear + i);
  return (
    <Stack gap="md" data-testid="programme-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0}>
          <Title order={3} style={{ overflowWrap: 'anywhere' }}>{p.name}</Title>
          <Text size="sm" c="dimmed">{p.owner.name} · {p.startYear}–{p.endYear}</Text>
        </Stack>
        <AreaNav active="programmes" />
      </Group>
      {p.description && <Text size="sm">{p.description}</Text>}
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('facilities.progress.year')}
          value={String(progress.data?.year ?? year ?? '')}
          onChange={(e) => setYear(Number(e.currentTarget.value))}
          data={years.map((y) => String(y))}
          w={140}
          data-testid="progress-year"
        />
      </Group>
      {progress.error ? <ErrorAlert error={progress.error} /> : progress.data ? <Progress p={progress.data} /> : <Loading />}
      <Projects g={p} />
    </Stack>
  );
}

function Progress({ p }: { p: ProgrammeProgress }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const stageChart = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: p.byStage.map((s) => t(`facilities.stage.${s.stage}`)), axisLabel: { width: 110, overflow: 'break' } },
      series: [{ type: 'bar', data: p.byStage.map((s) => s.projects), itemStyle: { color: '#228be6' }, label: { show: true, position: 'right' } }],
    }),
    [p, t],
  );
  const m = (v: number | null) => (v === null ? null : Math.round(v / 1_000_000));
  const moneyChart = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v === null || v === undefined ? '' : t('facilities.millions', { value: formatNumber(v) })) },
      legend: { top: 0 },
      xAxis: { type: 'category', data: p.months.map((x) => `${Number(x.month.slice(5))}`) },
      yAxis: { type: 'value', name: t('facilities.money.millionsAxis'), nameTextStyle: { align: 'left' } },
      series: [
        { name: t('facilities.progress.cumPlanned'), type: 'bar', data: p.months.map((x) => m(x.cumulativePlanned)), itemStyle: { color: '#adb5bd' } },
        { name: t('facilities.progress.cumDisbursed'), type: 'bar', data: p.months.map((x) => m(x.cumulativeDisbursed)), itemStyle: { color: '#40c057' } },
        { name: t('facilities.money.allocated'), type: 'line', data: p.months.map(() => m(p.allocated)), symbol: 'none', lineStyle: { type: 'dashed', color: '#fa5252' }, itemStyle: { color: '#fa5252' } },
      ],
    }),
    [p, t],
  );
  return (
    <Stack gap="md" data-testid="programme-progress">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Fact label={t('facilities.progress.projects')} value={formatNumber(p.projects)} />
        <Fact label={t('facilities.progress.allocatedYear', { year: p.year })} value={money(p.allocated, t)} />
        <Fact label={t('facilities.progress.disbursedYear', { year: p.year })} value={`${money(p.disbursed, t)} (${pct(p.disbursedPct)})`} testId="progress-pct" />
      </SimpleGrid>
      <Paper withBorder p="sm" radius="md">
        <Title order={5} mb="xs">{t('facilities.progress.byStage')}</Title>
        <EChart option={stageChart} height={260} testId="chart-stages" />
        <Table verticalSpacing={4} mt="xs" data-testid="stages-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('facilities.progress.stage')}</Table.Th>
              <Table.Th ta="right">{t('facilities.progress.current')}</Table.Th>
              <Table.Th ta="right">{t('facilities.progress.finished')}</Table.Th>
              <Table.Th ta="right">{t('facilities.progress.late')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.stages.map((s, i) => (
              <Table.Tr key={s.stage}>
                <Table.Td><Text size="sm">{t(`facilities.stage.${s.stage}`)}</Text></Table.Td>
                <Table.Td ta="right">{formatNumber(p.byStage[i]!.projects)}</Table.Td>
                <Table.Td ta="right">{formatNumber(s.finished)}</Table.Td>
                <Table.Td ta="right">{s.late ? <Badge color="red" variant="light">{formatNumber(s.late)}</Badge> : 0}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td><Text size="sm" fw={600}>{t('facilities.stage.done')}</Text></Table.Td>
              <Table.Td ta="right">{formatNumber(p.byStage.at(-1)!.projects)}</Table.Td>
              <Table.Td />
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Title order={5} mb="xs">{t('facilities.progress.money', { year: p.year })}</Title>
        <EChart option={moneyChart} height={280} testId="chart-money" />
        <Table verticalSpacing={4} mt="xs" data-testid="months-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('facilities.progress.month')}</Table.Th>
              {!narrow && <Table.Th ta="right">{t('facilities.progress.planned')}</Table.Th>}
              {!narrow && <Table.Th ta="right">{t('facilities.progress.disbursed')}</Table.Th>}
              <Table.Th ta="right">{t('facilities.progress.cumDisbursed')}</Table.Th>
              <Table.Th ta="right">{t('facilities.progress.pctPlan')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.months.map((x) => (
              <Table.Tr key={x.month}>
                <Table.Td>{`${Number(x.month.slice(5))}/${x.month.slice(0, 4)}`}</Table.Td>
                {!narrow && <Table.Td ta="right">{formatNumber(m(x.planned))}</Table.Td>}
                {!narrow && <Table.Td ta="right">{formatNumber(m(x.disbursed))}</Table.Td>}
                <Table.Td ta="right">{formatNumber(m(x.cumulativeDisbursed))}</Table.Td>
                <Table.Td ta="right">{pct(x.pctOfAllocated)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt={4}>{t('facilities.progress.moneyNote')}</Text>
      </Paper>
      {p.lateProjects.length > 0 && (
        <Paper withBorder p="sm" radius="md" data-testid="late-projects">
          <Title order={5} mb="xs">{t('facilities.progress.lateProjects', { n: formatNumber(p.lateProjects.length) })}</Title>
          <Stack gap={4}>
            {p.lateProjects.slice(0, 30).map((l) => (
              <Text key={l.id} size="sm" style={{ overflowWrap: 'anywhere' }}>
                <Anchor component={Link} to={`/facilities/projects/${l.id}`}>{l.name}</Anchor>
                {' — '}
                {t('facilities.progress.lateLine', { stage: t(`facilities.stage.${l.stage}`), date: formatDate(l.plannedEnd), days: formatNumber(l.daysLate) })}
              </Text>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={600}>{value}</Text>
    </Paper>
  );
}

function Projects({ g }: { g: ProgrammeDetail }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState('');
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState(50);
  const items = g.items.filter((x) => !stage || (stage === 'late' ? x.lateStages.length > 0 : x.currentStage === stage));
  return (
    <Paper withBorder p="sm" radius="md" data-testid="programme-projects">
      <Group justify="space-between" mb="xs" wrap="wrap" align="flex-end">
        <Title order={5}>{t('facilities.projects.title', { n: formatNumber(g.items.length) })}</Title>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <NativeSelect
            value={stage}
            onChange={(e) => setStage(e.currentTarget.value)}
            data={[{ value: '', label: t('facilities.all') }, ...[...STAGES, 'done'].map((s) => ({ value: s, label: t(`facilities.stage.${s}`) })), { value: 'late', label: t('facilities.late') }]}
            w={200}
            aria-label={t('facilities.progress.stage')}
          />
          {g.canManage && !adding && <Button size="xs" onClick={() => setAdding(true)} data-testid="project-new">{t('facilities.projects.new')}</Button>}
        </Group>
      </Group>
      {adding && <NewProject g={g} onClose={() => setAdding(false)} />}
      <Stack gap={6}>
        {items.slice(0, shown).map((x) => (
          <Group key={x.id} justify="space-between" wrap="wrap" gap="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', paddingBottom: 4 }}>
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Anchor component={Link} to={`/facilities/projects/${x.id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>{x.name}</Anchor>
              <Text size="xs" c="dimmed">
                {t(`facilities.projectKind.${x.kind}`)} · {money(x.disbursed, t)} / {money(x.budgetApproved, t)}
                {x.openIssues ? ` · ${t('facilities.projects.openIssues', { n: x.openIssues })}` : ''}
              </Text>
            </Stack>
            <StageBadge stage={x.currentStage} late={x.lateStages.length > 0} />
          </Group>
        ))}
        {items.length > shown && (
          <Button variant="subtle" size="xs" onClick={() => setShown((n) => n + 100)} data-testid="projects-more">
            {t('facilities.projects.more', { n: formatNumber(items.length - shown) })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function NewProject({ g, onClose }: { g: ProgrammeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ProjectKind>('renovation');
  const [investor, setInvestor] = useState('');
  const [budget, setBudget] = useState<number | string>('');
  const [units, setUnits] = useState<{ id: string; label: string }[]>([]);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const found = useCandidateUnits(g.id, q, q.length > 1);
  const create = useFacilityMutation((body: Record<string, unknown>) => facilityApi.createProject(g.id, body));
  const { fields, general } = splitError(create.error, ['name', 'kind', 'units', 'investor', 'budgetApproved']);
  const options = (found.data ?? []).filter((u) => !units.some((x) => x.id === u.id)).map((u) => ({ value: u.id, label: u.parentName ? `${u.name} — ${u.parentName}` : u.name }));
  return (
    <Paper withBorder p="sm" radius="md" mb="sm" data-testid="project-form">
      <Stack gap="sm">
        <TextInput label={t('facilities.projects.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} required />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect label={t('facilities.projects.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as ProjectKind)} data={PROJECT_KINDS.map((k) => ({ value: k, label: t(`facilities.projectKind.${k}`) }))} />
          <TextInput label={t('facilities.projects.investor')} value={investor} onChange={(e) => setInvestor(e.currentTarget.value)} error={fields.investor} />
          <NumberInput label={t('facilities.projects.budgetMillions')} value={budget} onChange={setBudget} error={fields.budgetApproved} min={0} thousandSeparator="." decimalSeparator="," />
        </SimpleGrid>
        <Select
          label={t('facilities.projects.units')}
          placeholder={t('facilities.projects.unitsSearch')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={options}
          value={null}
          onChange={(v) => {
            const o = options.find((x) => x.value === v);
            if (o) setUnits((u) => [...u, { id: o.value, label: o.label }]);
            setSearch('');
          }}
          filter={({ options: o }) => o}
          nothingFoundMessage={q.length > 1 ? t('facilities.projects.noUnits') : undefined}
          error={fields.units}
          data-testid="project-units"
        />
        <Group gap={6} wrap="wrap">
          {units.map((u) => (
            <Badge key={u.id} variant="light" rightSection={<CloseButton size="xs" onClick={() => setUnits((x) => x.filter((y) => y.id !== u.id))} aria-label={t('facilities.remove')} />} style={{ whiteSpace: 'normal', height: 'auto' }}>
              {u.label}
            </Badge>
          ))}
        </Group>
        {general && <Alert color="red">{general}</Alert>}
        <Group>
          <Button
            loading={create.isPending}
            onClick={() =>
              create.mutate(
                { name, kind, investor: investor || null, budgetApproved: fromMillions(budget), units: units.map((u) => u.id) },
                { onSuccess: (p) => navigate(`/facilities/projects/${p.id}`) },
              )
            }
          >
            {t('facilities.create')}
          </Button>
          <Button variant="default" onClick={onClose}>{t('facilities.cancel')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
