import { Anchor, Badge, Breadcrumbs, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Id, type OuDetails as Details, type OuLink, type Ref } from '../api';
import { useCan } from '../auth';
import { formatDate, formatLongDate, formatNumber } from '../format';
import { ouKeys, useLevelName } from '../queries';
import { linkClick } from '../router';
import { ClosedMark, ErrorAlert, isClosed, Loading } from './common';
import { OuActions } from './OuActions';

function UnitLink({ unit }: { unit: Ref | null }) {
  if (!unit) return <>—</>;
  const to = `/orgunits/${encodeURIComponent(String(unit.id))}`;
  return (
    <Anchor href={to} onClick={linkClick(to)} data-testid={`ou-link-${unit.code}`}>
      {unit.name}
    </Anchor>
  );
}

function Section({ title, children, empty }: { title: string; children: ReactNode; empty: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Title order={5}>{title}</Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}

export function OuDetails({ id, asOf }: { id: Id; asOf: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('orgunit:write');
  const levelName = useLevelName();
  const q = useQuery({
    queryKey: ouKeys.detail(id, asOf),
    queryFn: () => api.get<Details>(`/api/orgunits/${encodeURIComponent(String(id))}`, { asOf }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const u = q.data;
  const closed = isClosed(u.closedDate, asOf);

  const rows: [string, ReactNode][] = [
    [t('ou.field.code'), u.code],
    [t('ou.field.name'), u.name],
    [t('ou.field.nameEn'), u.nameEn || '—'],
    [t('ou.field.shortName'), u.shortName || '—'],
    [t('ou.field.kind'), t(`kind.${u.kind}`, { defaultValue: u.kind })],
    [t('ou.field.level'), levelName(u.level)],
    [t('ou.field.adminCode'), u.adminCode ? `${u.adminCode}${u.adminLevel != null ? ` (${t(`ou.adminLevel.${u.adminLevel}`, { defaultValue: '' })})` : ''}` : '—'],
    [t('ou.field.parent'), <UnitLink unit={u.parent} />],
    [t('ou.field.openingDate'), formatLongDate(u.openingDate) || '—'],
    [t('ou.field.closedDate'), formatLongDate(u.closedDate) || '—'],
    [
      t('ou.field.groups'),
      u.groups.length ? (
        <Group gap={4}>
          {u.groups.map((g) => (
            <Badge key={`${g.groupSet?.code ?? ''}/${g.code}`} variant="light" tt="none">
              {g.groupSet ? `${g.groupSet.name}: ` : ''}
              {g.name}
            </Badge>
          ))}
        </Group>
      ) : (
        '—'
      ),
    ],
  ];

  const links = (list: OuLink[], testId: string) => (
    <Table withTableBorder striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('ou.field.unit')}</Table.Th>
          <Table.Th>{t('ou.link.kind')}</Table.Th>
          <Table.Th>{t('ou.link.weight')}</Table.Th>
          <Table.Th>{t('ou.field.date')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((l) => (
          <Table.Tr key={String(l.unit.id)}>
            <Table.Td>
              <UnitLink unit={l.unit} /> <Text span size="xs" c="dimmed">{l.unit.code}</Text>
            </Table.Td>
            <Table.Td>{t(`ou.link.${l.kind}`, { defaultValue: l.kind })}</Table.Td>
            <Table.Td>{l.weight == null ? '—' : formatNumber(l.weight)}</Table.Td>
            <Table.Td>{formatDate(l.date)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );

  return (
    <Stack gap="md" data-testid="ou-details">
      {u.ancestors.length > 0 && (
        <Breadcrumbs separator="›" style={{ flexWrap: 'wrap' }}>
          {u.ancestors.map((a) => (
            <UnitLink key={String(a.id)} unit={a} />
          ))}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} c={closed ? 'dimmed' : undefined} data-testid="ou-details-title">
            {u.name}
            {u.closedDate && <ClosedMark closedDate={u.closedDate} asOf={asOf} />}
          </Title>
          <Group gap={6} mt={4}>
            <Badge variant="outline" tt="none">{u.code}</Badge>
            <Badge variant="light" tt="none">{t(`kind.${u.kind}`, { defaultValue: u.kind })}</Badge>
            {closed && <Badge color="gray">{t('ou.closed')}</Badge>}
          </Group>
        </div>
        {canWrite && <OuActions unit={u} asOf={asOf} />}
      </Group>

      <Table withTableBorder variant="vertical" layout="fixed">
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={200}>{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Section title={t('ou.history')} empty={!u.versions.length}>
        <Table withTableBorder striped data-testid="ou-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ou.validFromTo')}</Table.Th>
              <Table.Th>{t('ou.field.name')}</Table.Th>
              <Table.Th>{t('ou.field.parent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {u.versions.map((v) => (
              <Table.Tr key={v.validFrom}>
                <Table.Td>
                  {formatDate(v.validFrom)} – {v.validTo ? formatDate(v.validTo) : t('ou.present')}
                </Table.Td>
                <Table.Td>{v.name}</Table.Td>
                <Table.Td>
                  <UnitLink unit={v.parent} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <Section title={t('ou.events')} empty={!u.events.length}>
        <Table withTableBorder striped data-testid="ou-events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ou.event.type')}</Table.Th>
              <Table.Th>{t('ou.field.date')}</Table.Th>
              <Table.Th>{t('ou.field.reason')}</Table.Th>
              <Table.Th>{t('ou.event.by')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {u.events.map((e) => (
              <Table.Tr key={String(e.id)}>
                <Table.Td>{t(`ou.event.${e.type}`, { defaultValue: e.type })}</Table.Td>
                <Table.Td>{formatDate(e.date)}</Table.Td>
                <Table.Td>{e.reason || '—'}</Table.Td>
                <Table.Td>
                  {e.createdBy ?? t('common.system')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <Section title={t('ou.predecessors')} empty={!u.predecessors.length}>
        {links(u.predecessors, 'ou-predecessors')}
      </Section>
      <Section title={t('ou.successors')} empty={!u.successors.length}>
        {links(u.successors, 'ou-successors')}
      </Section>
    </Stack>
  );
}
