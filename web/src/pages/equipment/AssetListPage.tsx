// "Thiết bị": the assets of a unit and its subtree, searched and filtered, a page at a time; on a phone
// a list of cards (name, tag, room, status, next inspection due), on a desktop a table with boxes to
// pick the assets whose QR labels to print.
import { Anchor, Button, Card, Checkbox, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../auth';
import { ErrorAlert, Loading } from '../../components/common';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { formatNumber } from '../../format';
import { Link, linkClick } from '../../router';
import { ASSET_STATUSES, labelsUrl, useAssets, useCategories, type AssetSummary } from './equipmentApi';
import { AreaNav, DueText, money, StatusBadge, useNarrow } from './parts';

const PAGE_SIZE = 50;

/** The unit of the lists: the address's ?orgUnit=, else the user's own unit. */
export function useUnitChoice(): [OuChoice | null, (u: OuChoice | null) => void] {
  const me = useMe();
  const [unit, setUnit] = useState<OuChoice | null>(() => {
    const q = new URLSearchParams(location.search);
    const id = q.get('orgUnit');
    if (id) return { id, label: q.get('unitName') ?? me.organisationUnits.find((u) => u.id === id)?.name ?? id };
    const own = me.organisationUnits[0];
    return own ? { id: own.id, label: own.name } : null;
  });
  return [unit, setUnit];
}

export function AssetListPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const manage = useCan('equipment:manage');
  const [unit, setUnit] = useUnitChoice();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [group, setGroup] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const categories = useCategories();

  useEffect(() => setPage(1), [unit?.id, q, group, status]);
  useEffect(() => {
    const p = new URLSearchParams();
    if (unit) {
      p.set('orgUnit', String(unit.id));
      p.set('unitName', unit.label);
    }
    const url = `/equipment${p.toString() ? `?${p}` : ''}`;
    if (location.pathname + location.search !== url) history.replaceState(null, '', url);
  }, [unit]);

  const list = useAssets({ orgUnit: unit ? String(unit.id) : undefined, q: q || undefined, group: group ?? undefined, status: status ?? undefined, page, pageSize: PAGE_SIZE });
  const assets = list.data?.assets ?? [];
  const pager = list.data?.pager;
  const statusOptions = useMemo(
    () => [{ value: 'all', label: t('equipment.list.allStatuses') }, { value: 'functional', label: t('equipment.list.functional') }, ...ASSET_STATUSES.map((s) => ({ value: s, label: t(`equipment.status.${s}`) }))],
    [t],
  );
  const toggle = (id: string) =>
    setPicked((p) => {
      const n = new Set(p);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <Stack gap="sm" data-testid="equipment-list-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.list.title')}</Title>
        <AreaNav active="assets" />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <OuPicker label={t('equipment.list.unit')} value={unit} onChange={setUnit} testId="equipment-unit" />
        </div>
        <TextInput
          style={{ flex: '1 1 200px' }}
          label={t('equipment.list.search')}
          placeholder={t('equipment.list.searchHint')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="equipment-search"
        />
        <Select
          style={{ flex: '1 1 180px' }}
          label={t('equipment.list.group')}
          clearable
          data={(categories.data?.groups ?? []).map((g) => ({ value: g.code, label: g.name }))}
          value={group}
          onChange={setGroup}
          placeholder={t('equipment.list.allGroups')}
          data-testid="equipment-group"
        />
        <Select
          style={{ flex: '1 1 160px' }}
          label={t('equipment.list.status')}
          clearable
          data={statusOptions}
          value={status}
          onChange={setStatus}
          placeholder={t('equipment.list.held')}
          data-testid="equipment-status"
        />
      </Group>
      <Group gap="xs" wrap="wrap">
        {manage && unit && (
          <Button component={Link} to={`/equipment/new?orgUnit=${encodeURIComponent(String(unit.id))}`} size="xs" data-testid="equipment-new">
            {t('equipment.list.new')}
          </Button>
        )}
        {unit && (
          <Button
            component="a"
            href={picked.size ? labelsUrl({ assets: [...picked] }) : labelsUrl({ orgUnit: String(unit.id) })}
            target="_blank"
            rel="noopener"
            variant="default"
            size="xs"
            data-testid="equipment-labels"
          >
            {picked.size ? t('equipment.list.labelsPicked', { count: picked.size }) : t('equipment.list.labelsUnit')}
          </Button>
        )}
        {pager && (
          <Text size="sm" c="dimmed" data-testid="equipment-total">
            {t('equipment.list.total', { count: pager.total, n: formatNumber(pager.total) })}
          </Text>
        )}
      </Group>

      {!unit ? (
        <Text c="dimmed">{t('equipment.list.pickUnit')}</Text>
      ) : list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : assets.length === 0 ? (
        <Text c="dimmed" data-testid="equipment-empty">
          {t('equipment.list.empty')}
        </Text>
      ) : narrow ? (
        <Stack gap="xs" data-testid="equipment-cards">
          {assets.map((a) => (
            <AssetCard key={a.id} a={a} />
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover data-testid="equipment-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={32} />
                <Table.Th>{t('equipment.field.tag')}</Table.Th>
                <Table.Th>{t('equipment.field.name')}</Table.Th>
                <Table.Th>{t('equipment.field.orgUnit')}</Table.Th>
                <Table.Th>{t('equipment.field.room')}</Table.Th>
                <Table.Th>{t('equipment.field.status')}</Table.Th>
                <Table.Th ta="right">{t('equipment.field.cost')}</Table.Th>
                <Table.Th>{t('equipment.field.nextDue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {assets.map((a) => (
                <Table.Tr key={a.id} data-testid="equipment-row" data-tag={a.tag}>
                  <Table.Td>
                    <Checkbox checked={picked.has(a.id)} onChange={() => toggle(a.id)} aria-label={a.name} data-testid="equipment-pick" />
                  </Table.Td>
                  <Table.Td ff="monospace">{a.tag}</Table.Td>
                  <Table.Td>
                    <Anchor href={`/equipment/assets/${a.id}`} onClick={linkClick(`/equipment/assets/${a.id}`)} data-testid="equipment-link">
                      {a.name}
                    </Anchor>
                    {a.quantity > 1 && <Text span c="dimmed" size="sm">{` × ${formatNumber(a.quantity)}`}</Text>}
                    <Text size="xs" c="dimmed">
                      {a.categoryName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{a.orgUnit.name}</Table.Td>
                  <Table.Td>{a.room}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td ta="right">{money(a.cost)}</Table.Td>
                  <Table.Td>
                    <DueText date={a.nextDue} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pager && pager.pageCount > 1 && <Pagination total={pager.pageCount} value={page} onChange={setPage} size="sm" data-testid="equipment-pages" />}
    </Stack>
  );
}

function AssetCard({ a }: { a: AssetSummary }) {
  const { t } = useTranslation();
  const to = `/equipment/assets/${a.id}`;
  return (
    <Card withBorder padding="sm" component="a" href={to} onClick={linkClick(to)} data-testid="equipment-card" data-tag={a.tag}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Text fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {a.name}
          {a.quantity > 1 ? ` × ${formatNumber(a.quantity)}` : ''}
        </Text>
        <StatusBadge status={a.status} />
      </Group>
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {[a.tag, a.room ?? a.orgUnit.name].filter(Boolean).join(' · ')}
      </Text>
      {a.nextDue && <DueText date={a.nextDue} prefix={t('equipment.field.nextDue')} />}
    </Card>
  );
}
