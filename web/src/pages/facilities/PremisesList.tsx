// The premises of the units in scope: filters by grade and land-use right, counts, a table (cards on
// a phone); a unit opens its premises form.
import { Anchor, Badge, Group, NativeSelect, Pagination, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../components/common';
import { formatNumber } from '../../format';
import { Link } from '../../router';
import { GRADES, usePremisesList, type Premises } from './facilitiesApi';
import { AreaNav, GradeBadge, useNarrow } from './parts';

const PAGE_SIZE = 50;

export function PremisesList() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [grade, setGrade] = useState('');
  const [landRight, setLandRight] = useState('');
  const [kind, setKind] = useState('');
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [q, grade, landRight, kind]);
  const list = usePremisesList({ q, grade, landRight, kind, page, pageSize: PAGE_SIZE });
  const data = list.data;
  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));
  const w = narrow ? '100%' : 200;

  return (
    <Stack gap="sm" data-testid="premises-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('facilities.premises.title')}</Title>
        <AreaNav active="premises" />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput label={t('facilities.premises.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={narrow ? '100%' : 260} data-testid="premises-search" />
        <NativeSelect
          label={t('facilities.premises.grade')}
          value={grade}
          onChange={(e) => setGrade(e.currentTarget.value)}
          data={[{ value: '', label: t('facilities.all') }, ...GRADES.map((g) => ({ value: g, label: t(`facilities.grade.${g}`) })), { value: 'unknown', label: t('facilities.grade.unknown') }]}
          w={w}
          data-testid="premises-grade"
        />
        <NativeSelect
          label={t('facilities.premises.landRight')}
          value={landRight}
          onChange={(e) => setLandRight(e.currentTarget.value)}
          data={[{ value: '', label: t('facilities.all') }, ...(['yes', 'no', 'unknown'] as const).map((v) => ({ value: v, label: t(`facilities.landRight.${v}`) }))]}
          w={w}
          data-testid="premises-land"
        />
        <NativeSelect
          label={t('facilities.premises.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[{ value: '', label: t('facilities.all') }, { value: 'station', label: t('facilities.kind.station') }, { value: 'health_centre', label: t('facilities.kind.health_centre') }]}
          w={w}
        />
      </Group>
      {data && (
        <Group gap="xs" wrap="wrap" data-testid="premises-counts">
          <Badge variant="outline" color="gray">{t('facilities.premises.total', { n: formatNumber(data.total) })}</Badge>
          <Badge variant="light" color="green">{t('facilities.grade.good')}: {formatNumber(data.counts.good)}</Badge>
          <Badge variant="light" color="orange">{t('facilities.grade.degraded')}: {formatNumber(data.counts.degraded)}</Badge>
          <Badge variant="light" color="red">{t('facilities.grade.severe')}: {formatNumber(data.counts.severe)}</Badge>
          <Badge variant="light" color="gray">{t('facilities.landRight.no')}: {formatNumber(data.counts.noLandRight)}</Badge>
        </Group>
      )}
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : !data?.items.length ? (
        <Text c="dimmed">{t('facilities.premises.empty')}</Text>
      ) : narrow ? (
        <Stack gap="xs" data-testid="premises-list">
          {data.items.map((p) => (
            <Paper key={p.unit.id} withBorder p="sm" radius="md">
              <Stack gap={4}>
                <Anchor component={Link} to={`/facilities/unit/${p.unit.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {p.unit.name}
                </Anchor>
                {p.unit.parent && <Text size="xs" c="dimmed">{p.unit.parent.name}</Text>}
                <Group gap="xs" wrap="wrap">
                  <GradeBadge grade={p.grade} />
                  <LandRight p={p} />
                </Group>
                <Text size="xs">{facts(p, t)}</Text>
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="premises-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('facilities.premises.unit')}</Table.Th>
              <Table.Th>{t('facilities.premises.parent')}</Table.Th>
              <Table.Th>{t('facilities.premises.grade')}</Table.Th>
              <Table.Th>{t('facilities.premises.landRight')}</Table.Th>
              <Table.Th ta="right">{t('facilities.field.yearBuilt')}</Table.Th>
              <Table.Th ta="right">{t('facilities.field.lastRenovationYear')}</Table.Th>
              <Table.Th ta="right">{t('facilities.field.floorAreaM2')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((p) => (
              <Table.Tr key={p.unit.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/facilities/unit/${p.unit.id}`} size="sm">
                    {p.unit.name}
                  </Anchor>
                </Table.Td>
                <Table.Td><Text size="sm">{p.unit.parent?.name}</Text></Table.Td>
                <Table.Td><GradeBadge grade={p.grade} /></Table.Td>
                <Table.Td><LandRight p={p} /></Table.Td>
                <Table.Td ta="right">{p.yearBuilt ?? ''}</Table.Td>
                <Table.Td ta="right">{p.lastRenovationYear ?? ''}</Table.Td>
                <Table.Td ta="right">{formatNumber(p.floorAreaM2)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
    </Stack>
  );
}

function LandRight({ p }: { p: Premises }) {
  const { t } = useTranslation();
  const v = p.landRightSettled === null ? 'unknown' : p.landRightSettled ? 'yes' : 'no';
  return <Badge variant="outline" color={v === 'no' ? 'red' : v === 'yes' ? 'teal' : 'gray'} style={{ whiteSpace: 'normal', height: 'auto' }}>{t(`facilities.landRight.${v}`)}</Badge>;
}

function facts(p: Premises, t: (k: string, o?: Record<string, unknown>) => string): string {
  return [
    p.yearBuilt ? t('facilities.premises.built', { year: p.yearBuilt }) : null,
    p.lastRenovationYear ? t('facilities.premises.renovated', { year: p.lastRenovationYear }) : null,
    p.floorAreaM2 ? t('facilities.premises.area', { area: formatNumber(p.floorAreaM2) }) : null,
  ].filter(Boolean).join(' · ');
}
