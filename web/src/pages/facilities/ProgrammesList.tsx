// The investment programmes the user may see (with their projects' totals), and a new programme for
// those who manage the Department's (or their unit's) programmes.
import { Alert, Anchor, Button, Group, NumberInput, Paper, Progress, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth';
import { ErrorAlert, Loading, splitError } from '../../components/common';
import { formatNumber } from '../../format';
import { Link, navigate } from '../../router';
import { facilityApi, useFacilityMutation, useProgrammes, type Programme } from './facilitiesApi';
import { AreaNav, money, pct, useNarrow } from './parts';

export function ProgrammesList() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const canWrite = useCan('project:write');
  const [adding, setAdding] = useState(false);
  const list = useProgrammes();
  const items = list.data?.items ?? [];
  const share = (g: Programme) => (g.budgetApproved > 0 ? Math.round((g.disbursed / g.budgetApproved) * 1000) / 10 : null);
  return (
    <Stack gap="sm" data-testid="programmes-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('facilities.programmes.title')}</Title>
        <AreaNav active="programmes" />
      </Group>
      {canWrite && !adding && (
        <Group>
          <Button onClick={() => setAdding(true)} data-testid="programme-new">{t('facilities.programmes.new')}</Button>
        </Group>
      )}
      {adding && <NewProgramme onClose={() => setAdding(false)} />}
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : !items.length ? (
        <Text c="dimmed">{t('facilities.programmes.empty')}</Text>
      ) : narrow ? (
        <Stack gap="xs" data-testid="programmes-list">
          {items.map((g) => (
            <Paper key={g.id} withBorder p="sm" radius="md">
              <Stack gap={4}>
                <Anchor component={Link} to={`/facilities/programmes/${g.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>{g.name}</Anchor>
                <Text size="xs" c="dimmed">{g.owner.name} · {g.startYear}–{g.endYear}</Text>
                <Text size="xs">{t('facilities.programmes.projectsN', { n: formatNumber(g.projects) })} · {t('facilities.money.budget')}: {money(g.budgetApproved, t)}</Text>
                <Text size="xs">{t('facilities.money.disbursed')}: {money(g.disbursed, t)} ({pct(share(g))} {t('facilities.money.ofBudget')})</Text>
                <Progress value={Math.min(100, share(g) ?? 0)} size="sm" />
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="programmes-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('facilities.programmes.name')}</Table.Th>
              <Table.Th>{t('facilities.programmes.owner')}</Table.Th>
              <Table.Th>{t('facilities.programmes.years')}</Table.Th>
              <Table.Th ta="right">{t('facilities.programmes.projects')}</Table.Th>
              <Table.Th ta="right">{t('facilities.money.budget')}</Table.Th>
              <Table.Th ta="right">{t('facilities.money.allocated')}</Table.Th>
              <Table.Th ta="right">{t('facilities.money.disbursed')}</Table.Th>
              <Table.Th w={140}>{t('facilities.money.share')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td><Anchor component={Link} to={`/facilities/programmes/${g.id}`} size="sm">{g.name}</Anchor></Table.Td>
                <Table.Td><Text size="sm">{g.owner.name}</Text></Table.Td>
                <Table.Td>{g.startYear}–{g.endYear}</Table.Td>
                <Table.Td ta="right">{formatNumber(g.projects)}</Table.Td>
                <Table.Td ta="right">{money(g.budgetApproved, t)}</Table.Td>
                <Table.Td ta="right">{money(g.allocated, t)}</Table.Td>
                <Table.Td ta="right">{money(g.disbursed, t)}</Table.Td>
                <Table.Td>
                  <Text size="xs">{pct(share(g))}</Text>
                  <Progress value={Math.min(100, share(g) ?? 0)} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function NewProgramme({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const [name, setName] = useState('');
  const [startYear, setStart] = useState<number | string>(year);
  const [endYear, setEnd] = useState<number | string>(year);
  const [description, setDescription] = useState('');
  const create = useFacilityMutation(facilityApi.createProgramme);
  const { fields, general } = splitError(create.error, ['name', 'startYear', 'endYear', 'description']);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="programme-form">
      <Stack gap="sm">
        <TextInput label={t('facilities.programmes.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} required />
        <Group grow wrap="wrap">
          <NumberInput label={t('facilities.programmes.startYear')} value={startYear} onChange={setStart} error={fields.startYear} allowDecimal={false} thousandSeparator="" />
          <NumberInput label={t('facilities.programmes.endYear')} value={endYear} onChange={setEnd} error={fields.endYear} allowDecimal={false} thousandSeparator="" />
        </Group>
        <Textarea label={t('facilities.programmes.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} />
        {general && <Alert color="red">{general}</Alert>}
        <Group>
          <Button
            loading={create.isPending}
            onClick={() =>
              create.mutate(
                { name, startYear: Number(startYear), endYear: Number(endYear), description: description || null },
                { onSuccess: (g) => navigate(`/facilities/programmes/${g.id}`) },
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
