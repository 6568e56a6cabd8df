// "Văn bản chỉ đạo" (issue 13): /directives (the documents with their progress), /directives/new
// (reading a notice into tasks) and /directives/:id (one document with its tasks).
import { Anchor, Button, Group, NativeSelect, Pagination, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDate } from '../../format';
import { Link, useRoute } from '../../router';
import { DocumentDetailPage } from './DocumentDetailPage';
import { DOCUMENT_KINDS, useDocuments, type DocumentItem } from './directivesApi';
import { NewDocumentPage } from './NewDocumentPage';
import { AreaNav, Counts, useNarrow } from './parts';

export function DirectivesPage() {
  const [, sub] = useRoute();
  if (sub === 'new') return <NewDocumentPage />;
  if (sub) return <DocumentDetailPage key={sub} id={sub} />;
  return <DocumentList />;
}

const PAGE_SIZE = 50;

function DocumentList() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const canWrite = useCan('directive:write');
  const [search, setSearch] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [kind, setKind] = useState(() => new URLSearchParams(location.search).get('kind') ?? '');
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [q, kind]);
  useEffect(() => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (kind) p.set('kind', kind);
    const url = `/directives${p.toString() ? `?${p}` : ''}`;
    if (location.pathname + location.search !== url) history.replaceState(null, '', url);
  }, [q, kind]);
  const docs = useDocuments({ q, kind, page, pageSize: PAGE_SIZE });
  const items = docs.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((docs.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Stack gap="sm" data-testid="directives-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('directives.documents.title')}</Title>
        <AreaNav active="directives" />
      </Group>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <TextInput
            label={t('directives.documents.search')}
            placeholder={t('directives.documents.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={narrow ? '100%' : 320}
            data-testid="directives-search"
          />
          <NativeSelect
            label={t('directives.doc.kindLabel')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={[{ value: '', label: t('directives.documents.allKinds') }, ...DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`directives.kind.${k}`) }))]}
            w={narrow ? '100%' : 220}
            data-testid="directives-kind"
          />
        </Group>
        <Group gap="xs">
          <Button component={Link} to="/tasks/summary?groupBy=document" variant="default" data-testid="directives-to-summary">
            {t('directives.nav.summary')}
          </Button>
          {canWrite && (
            <Button component={Link} to="/directives/new" data-testid="directives-new">
              {t('directives.documents.new')}
            </Button>
          )}
        </Group>
      </Group>
      {docs.isLoading ? (
        <Loading />
      ) : docs.error ? (
        <ErrorAlert error={docs.error} testId="directives-error" />
      ) : !items.length ? (
        <Text c="dimmed" data-testid="directives-empty">
          {q || kind ? t('directives.documents.noMatch') : t('directives.documents.empty')}
        </Text>
      ) : narrow ? (
        <Stack gap="xs" data-testid="directives-list">
          {items.map((d) => (
            <Paper key={d.id} withBorder p="sm" radius="md" data-testid={`directive-item-${d.id}`}>
              <Stack gap={4}>
                <Text size="xs" c="dimmed">
                  {t(`directives.kind.${d.kind}`)} · {formatDate(d.date)}
                </Text>
                <Anchor component={Link} to={`/directives/${d.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {d.number ? t('directives.doc.numberShort', { number: d.number }) : t(`directives.kind.${d.kind}`)}
                  {d.title ? ` — ${d.title}` : ''}
                </Anchor>
                <Text size="xs">{d.issuer.name}</Text>
                <Counts counts={d.counts} />
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="directives-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>{t('directives.documents.colNumber')}</Table.Th>
              <Table.Th w={110}>{t('directives.documents.colDate')}</Table.Th>
              <Table.Th>{t('directives.documents.colTitle')}</Table.Th>
              <Table.Th w={200}>{t('directives.doc.issuer')}</Table.Th>
              <Table.Th w={300}>{t('directives.documents.colProgress')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <DocumentRow key={d.id} d={d} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" data-testid="directives-pages" />}
    </Stack>
  );
}

function DocumentRow({ d }: { d: DocumentItem }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid={`directive-item-${d.id}`}>
      <Table.Td>
        <Anchor component={Link} to={`/directives/${d.id}`} size="sm" fw={500}>
          {d.number ?? t(`directives.kind.${d.kind}`)}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t(`directives.kind.${d.kind}`)}
        </Text>
      </Table.Td>
      <Table.Td>{formatDate(d.date)}</Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2}>
          {d.title ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{d.issuer.name}</Text>
        {d.signer && <Text size="xs" c="dimmed">{d.signer}</Text>}
      </Table.Td>
      <Table.Td>
        <Counts counts={d.counts} />
      </Table.Td>
    </Table.Tr>
  );
}
