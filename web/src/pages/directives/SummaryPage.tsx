// "Theo dõi thực hiện" (/tasks/summary): counts per unit or per document in each follow-up state, the
// share done on time and the average days late; a total row; a count opens the tasks behind it, a
// unit regroups by its children; the same query as an Excel workbook.
import { Anchor, Breadcrumbs, Button, Drawer, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, ErrorAlert, Loading } from '../../components/common';
import { formatNumber } from '../../format';
import { Link } from '../../router';
import { SUMMARY_STATES, summaryXlsxUrl, useSummary, useTasks, type SummaryQuery, type SummaryRow, type SummaryState } from './directivesApi';
import { AreaNav, documentLabel, formatPercent, STATE_COLORS, useNarrow } from './parts';
import { TaskTable } from './TaskTable';

interface Level {
  id: string;
  name: string;
}

function initial() {
  const q = new URLSearchParams(location.search);
  return {
    groupBy: (q.get('groupBy') === 'document' ? 'document' : 'unit') as NonNullable<SummaryQuery['groupBy']>,
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    document: q.get('document') ?? '',
    parent: q.get('parent') ?? '',
  };
}

/** What a click on a count opens: the tasks of a row (or of the total) in one state. */
interface Drill {
  title: string;
  state: SummaryState;
  unit?: string;
  document?: string;
}

export function SummaryPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [start] = useState(initial);
  const [groupBy, setGroupBy] = useState(start.groupBy);
  const [from, setFrom] = useState(start.from);
  const [to, setTo] = useState(start.to);
  const [docFilter, setDocFilter] = useState(start.document);
  // The drill-down path: each level groups by the children of its unit.
  const [levels, setLevels] = useState<Level[]>(start.parent ? [{ id: start.parent, name: '…' }] : []);
  const parent = levels[levels.length - 1]?.id ?? '';
  const [drill, setDrill] = useState<Drill | null>(null);

  const query: SummaryQuery = { groupBy, from: from || undefined, to: to || undefined, document: docFilter || undefined, parent: groupBy === 'unit' ? parent || undefined : undefined };
  const summary = useSummary(query);

  useEffect(() => {
    const p = new URLSearchParams();
    if (groupBy !== 'unit') p.set('groupBy', groupBy);
    if (from) p.set('from', from);
    if (to) p.set('to', to);
    if (docFilter) p.set('document', docFilter);
    if (query.parent) p.set('parent', query.parent);
    const url = `/tasks/summary${p.toString() ? `?${p}` : ''}`;
    if (location.pathname + location.search !== url) history.replaceState(null, '', url);
  }, [groupBy, from, to, docFilter, query.parent]);

  const rows = summary.data?.rows ?? [];
  const rowName = (r: SummaryRow) => (r.unit ? r.unit.name : r.document ? documentLabel(r.document, t) + (r.document.title ? ` — ${r.document.title}` : '') : '');
  const openCount = (r: SummaryRow | null, state: SummaryState) => {
    const scope = r ? rowName(r) : levels.length ? levels[levels.length - 1]!.name : t('directives.summary.total');
    setDrill({
      title: `${scope}: ${t(`directives.state.${state}`)}`,
      state,
      unit: r?.unit?.id ?? (r ? undefined : query.parent),
      document: r?.document?.id ?? query.document,
    });
  };
  const regroup = (r: SummaryRow) => r.unit && setLevels((l) => [...l, { id: r.unit!.id, name: r.unit!.name }]);

  return (
    <Stack gap="sm" data-testid="summary-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('directives.summary.title')}</Title>
        <AreaNav active="summary" />
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={groupBy}
          onChange={(v) => setGroupBy(v as NonNullable<SummaryQuery['groupBy']>)}
          data={[
            { value: 'unit', label: t('directives.summary.byUnit') },
            { value: 'document', label: t('directives.summary.byDocument') },
          ]}
          data-testid="summary-groupby"
        />
        <DateField label={t('directives.summary.from')} value={from} onChange={setFrom} w={170} data-testid="summary-from" />
        <DateField label={t('directives.summary.to')} value={to} onChange={setTo} w={170} data-testid="summary-to" />
        <Button component="a" href={summaryXlsxUrl(query)} download variant="default" data-testid="summary-xlsx">
          {t('directives.summary.excel')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('directives.summary.hint', { count: summary.data?.dueSoonDays ?? 3, days: summary.data?.dueSoonDays ?? 3 })}
      </Text>
      {docFilter && (
        <Group gap="xs">
          <Text size="sm">{t('directives.summary.oneDocument')}</Text>
          <Anchor component={Link} to={`/directives/${docFilter}`} size="sm">
            {t('directives.summary.openDocument')}
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={() => setDocFilter('')} data-testid="summary-all-documents">
            {t('directives.summary.allDocuments')}
          </Anchor>
        </Group>
      )}
      {groupBy === 'unit' && levels.length > 0 && (
        <Breadcrumbs separator="›" data-testid="summary-levels">
          <Anchor component="button" type="button" size="sm" onClick={() => setLevels([])}>
            {t('directives.summary.myUnit')}
          </Anchor>
          {levels.map((l, i) =>
            i === levels.length - 1 ? (
              <Text key={l.id} size="sm" fw={500}>
                {l.name === '…' ? t('directives.summary.chosenUnit') : l.name}
              </Text>
            ) : (
              <Anchor key={l.id} component="button" type="button" size="sm" onClick={() => setLevels(levels.slice(0, i + 1))}>
                {l.name}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
      )}
      {summary.isLoading ? (
        <Loading />
      ) : summary.error ? (
        <ErrorAlert error={summary.error} testId="summary-error" />
      ) : !rows.length ? (
        <Text c="dimmed" data-testid="summary-empty">
          {t('directives.summary.empty')}
        </Text>
      ) : narrow ? (
        <SummaryCards rows={rows} total={summary.data!.total} name={rowName} onCount={openCount} onRegroup={regroup} />
      ) : (
        <SummaryTable rows={rows} total={summary.data!.total} name={rowName} groupBy={groupBy} onCount={openCount} onRegroup={regroup} />
      )}
      <Drawer
        opened={drill !== null}
        onClose={() => setDrill(null)}
        position="right"
        size={narrow ? '100%' : 'xl'}
        title={drill?.title}
        data-testid="summary-drill"
      >
        {drill && <DrillList drill={drill} from={from} to={to} />}
      </Drawer>
    </Stack>
  );
}

const rowKey = (r: SummaryRow) => r.unit?.id ?? r.document?.id ?? 'total';

/** A count of a row (or of the total row, `row` null): a click opens its tasks. */
function Count({ values, row, state, onCount }: { values: SummaryRow; row: SummaryRow | null; state: SummaryState; onCount: (r: SummaryRow | null, s: SummaryState) => void }) {
  const n = values[state] ?? 0;
  const id = row ? rowKey(row) : 'total';
  if (!n) {
    return (
      <Text size="sm" c="dimmed" span data-testid={`summary-count-${id}-${state}`}>
        0
      </Text>
    );
  }
  return (
    <UnstyledButton onClick={() => onCount(row, state)} data-testid={`summary-count-${id}-${state}`} c={`${STATE_COLORS[state]}.8`} fw={600} fz="sm" td="underline">
      {formatNumber(n)}
    </UnstyledButton>
  );
}

function SummaryTable({
  rows, total, name, groupBy, onCount, onRegroup,
}: {
  rows: SummaryRow[];
  total: SummaryRow;
  name: (r: SummaryRow) => string;
  groupBy: NonNullable<SummaryQuery['groupBy']>;
  onCount: (r: SummaryRow | null, s: SummaryState) => void;
  onRegroup: (r: SummaryRow) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover withTableBorder verticalSpacing={6} data-testid="summary-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{groupBy === 'unit' ? t('directives.summary.unit') : t('directives.summary.document')}</Table.Th>
            <Table.Th ta="right">{t('directives.summary.total')}</Table.Th>
            {SUMMARY_STATES.map((s) => (
              <Table.Th key={s} ta="right" maw={110}>
                {t(`directives.state.${s}`)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('directives.summary.onTimeRate')}</Table.Th>
            <Table.Th ta="right">{t('directives.summary.averageDaysLate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={rowKey(r)} data-testid={`summary-row-${rowKey(r)}`}>
              <Table.Td>
                {r.unit ? (
                  <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onRegroup(r)} title={t('directives.summary.regroup')} data-testid={`summary-unit-${r.unit.id}`}>
                    {name(r)}
                  </Anchor>
                ) : (
                  <Anchor component={Link} to={`/directives/${r.document!.id}`} size="sm">
                    {name(r)}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td ta="right">{formatNumber(r.total)}</Table.Td>
              {SUMMARY_STATES.map((s) => (
                <Table.Td key={s} ta="right">
                  <Count values={r} row={r} state={s} onCount={onCount} />
                </Table.Td>
              ))}
              <Table.Td ta="right">{formatPercent(r.onTimeRate)}</Table.Td>
              <Table.Td ta="right">{r.averageDaysLate === null ? '—' : formatNumber(Math.round(r.averageDaysLate * 10) / 10)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="summary-total" fw={700}>
            <Table.Td>{t('directives.summary.total')}</Table.Td>
            <Table.Td ta="right">{formatNumber(total.total)}</Table.Td>
            {SUMMARY_STATES.map((s) => (
              <Table.Td key={s} ta="right">
                <Count values={total} row={null} state={s} onCount={onCount} />
              </Table.Td>
            ))}
            <Table.Td ta="right">{formatPercent(total.onTimeRate)}</Table.Td>
            <Table.Td ta="right">{total.averageDaysLate === null ? '—' : formatNumber(Math.round(total.averageDaysLate * 10) / 10)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function SummaryCards({
  rows, total, name, onCount, onRegroup,
}: {
  rows: SummaryRow[];
  total: SummaryRow;
  name: (r: SummaryRow) => string;
  onCount: (r: SummaryRow | null, s: SummaryState) => void;
  onRegroup: (r: SummaryRow) => void;
}) {
  const { t } = useTranslation();
  const card = (r: SummaryRow | null) => {
    const row = r ?? total;
    return (
      <Paper key={r ? rowKey(r) : 'total'} withBorder p="sm" radius="md" bg={r ? undefined : 'gray.0'} data-testid={r ? `summary-row-${rowKey(r)}` : 'summary-total'}>
        <Stack gap={6}>
          {r ? (
            r.unit ? (
              <Anchor component="button" type="button" ta="left" fw={600} size="sm" onClick={() => onRegroup(r)} data-testid={`summary-unit-${r.unit.id}`}>
                {name(r)}
              </Anchor>
            ) : (
              <Anchor component={Link} to={`/directives/${r.document!.id}`} fw={600} size="sm">
                {name(r)}
              </Anchor>
            )
          ) : (
            <Text fw={700} size="sm">{t('directives.summary.total')}</Text>
          )}
          {row.total === 0 ? (
            <Text size="sm" c="dimmed">{t('directives.summary.noTasks')}</Text>
          ) : (
            <>
              <SimpleGrid cols={3} spacing={6} verticalSpacing={6}>
                {SUMMARY_STATES.map((s) => (
                  <Stack key={s} gap={0} p={4} bg="gray.0" style={{ borderRadius: 4 }}>
                    <Text size="xs" c="dimmed" lh={1.2}>{t(`directives.state.${s}`)}</Text>
                    <Count values={row} row={r} state={s} onCount={onCount} />
                  </Stack>
                ))}
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('directives.summary.cardFooter', { total: formatNumber(row.total), rate: formatPercent(row.onTimeRate), late: row.averageDaysLate === null ? '—' : formatNumber(Math.round(row.averageDaysLate * 10) / 10) })}
              </Text>
            </>
          )}
        </Stack>
      </Paper>
    );
  };
  return (
    <Stack gap="xs" data-testid="summary-table">
      {rows.map((r) => card(r))}
      {card(null)}
    </Stack>
  );
}

function DrillList({ drill, from, to }: { drill: Drill; from: string; to: string }) {
  const { t } = useTranslation();
  const tasks = useTasks({ view: 'all', state: drill.state, unit: drill.unit, document: drill.document, from: from || undefined, to: to || undefined, pageSize: 200 });
  if (tasks.isLoading) return <Loading />;
  if (tasks.error) return <ErrorAlert error={tasks.error} testId="summary-drill-error" />;
  const items = tasks.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('directives.tasks.total', { count: tasks.data?.total ?? 0, n: formatNumber(tasks.data?.total ?? 0) })}
      </Text>
      {items.length ? <TaskTable items={items} cards testId="summary-drill-list" /> : <Text c="dimmed">{t('directives.summary.noTasks')}</Text>}
    </Stack>
  );
}
