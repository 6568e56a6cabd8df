import { Anchor, Autocomplete, Code, Group, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AuditEntry, type Page, type User } from '../api';
import { useCan } from '../auth';
import { DateField, ErrorAlert, Loading } from '../components/common';
import { formatDateTime, formatNumber } from '../format';
import { linkClick } from '../router';

const PAGE_SIZE = 50;
const ENTITY_TYPES = ['orgUnit', 'user', 'apiToken', 'province'];

type Filters = { entityType: string; userId: string; from: string; to: string };

export function AuditPage() {
  const { t } = useTranslation();
  const [f, setF] = useState<Filters>({ entityType: '', userId: '', from: '', to: '' });
  const [page, setPage] = useState(1);
  const [entityType] = useDebouncedValue(f.entityType.trim(), 300);
  const set = (k: keyof Filters) => (v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    setPage(1);
  };
  const query = { entityType, userId: f.userId, from: f.from, to: f.to, page, pageSize: PAGE_SIZE };
  const audit = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<Page<AuditEntry>>('/api/audit', query),
    placeholderData: keepPreviousData,
  });
  const pages = audit.data ? Math.max(1, Math.ceil(audit.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack>
      <Title order={3}>{t('nav.audit')}</Title>
      <Group align="flex-end">
        <Autocomplete label={t('audit.entityType')} data={ENTITY_TYPES} value={f.entityType} onChange={set('entityType')} data-testid="audit-entity-type" />
        <UserFilter value={f.userId} onChange={set('userId')} />
        <DateField label={t('audit.from')} value={f.from} onChange={set('from')} data-testid="audit-from" />
        <DateField label={t('audit.to')} value={f.to} onChange={set('to')} data-testid="audit-to" />
      </Group>
      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <ErrorAlert error={audit.error} />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('common.total', { count: audit.data.total, n: formatNumber(audit.data.total) })}
          </Text>
          <Table striped withTableBorder data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.at')}</Table.Th>
                <Table.Th>{t('audit.user')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entityType')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Th>{t('audit.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.data.items.map((e) => (
                <Table.Tr key={String(e.id)}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, true)}</Table.Td>
                  <Table.Td>{e.user?.username ?? t('common.system')}</Table.Td>
                  <Table.Td>{e.action}</Table.Td>
                  <Table.Td>{e.entityType}</Table.Td>
                  <Table.Td>
                    <EntityRef e={e} />
                  </Table.Td>
                  <Table.Td>
                    <Diff before={e.before} after={e.after} details={e.details} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {audit.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
        </>
      )}
    </Stack>
  );
}

function EntityRef({ e }: { e: AuditEntry }) {
  const label = e.entityCode ?? String(e.entityId ?? '');
  if (e.entityType === 'orgUnit') {
    const to = `/orgunits/${encodeURIComponent(String(e.entityId))}`;
    return (
      <Anchor href={to} onClick={linkClick(to)}>
        {label}
      </Anchor>
    );
  }
  return <>{label}</>;
}

/** Filter by user: search users server-side (needs user:read; hidden otherwise). */
function UserFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const canRead = useCan('user:read');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const users = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => api.get<Page<User>>('/api/users', { q, page: 1, pageSize: 20 }),
    enabled: canRead,
  });
  if (!canRead) return null;
  const options = (users.data?.items ?? []).map((u) => ({ value: String(u.id), label: `${u.username} — ${u.displayName}` }));
  if (picked && value && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  return (
    <Select
      label={t('audit.user')}
      searchable
      clearable
      data={options}
      value={value || null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('common.noResults')}
      onChange={(v, opt) => {
        setPicked(v ? { value: v, label: opt.label } : null);
        onChange(v ?? '');
      }}
      data-testid="audit-user"
    />
  );
}

function compact(v: unknown): string {
  const s = v === undefined ? '∅' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Compact before → after diff: only changed keys when both sides are objects. */
function Diff({ before, after, details }: { before: unknown; after: unknown; details: unknown }) {
  const lines: string[] = [];
  if (isObj(before) || isObj(after)) {
    const b = isObj(before) ? before : {};
    const a = isObj(after) ? after : {};
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (JSON.stringify(b[k]) === JSON.stringify(a[k])) continue;
      if (!(k in b)) lines.push(`+ ${k}: ${compact(a[k])}`);
      else if (!(k in a)) lines.push(`- ${k}: ${compact(b[k])}`);
      else lines.push(`${k}: ${compact(b[k])} → ${compact(a[k])}`);
    }
  } else if (before != null || after != null) {
    lines.push(`${compact(before)} → ${compact(after)}`);
  }
  if (details != null) lines.push(`· ${compact(details)}`);
  if (!lines.length) return null;
  return (
    <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxWidth: 480 }}>
      {lines.join('\n')}
    </Code>
  );
}
