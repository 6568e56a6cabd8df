import { Button, CloseButton, Grid, Group, Paper, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Id, type OuSearchHit } from '../api';
import { ClosedMark, DateField, ErrorAlert, isClosed, Loading } from '../components/common';
import { OuDetails } from '../components/OuDetails';
import { OuTree } from '../components/OuTree';
import { formatDate, formatLongDate, today } from '../format';
import { ouKeys, useLevelName } from '../queries';
import { navigate } from '../router';

/** Quick "as of" date: end of the first half of 2025 (reporting reference date). */
const REFERENCE_DATE = '2025-06-30';

export function OrgUnitsPage({ selectedId }: { selectedId: string | null }) {
  const { t } = useTranslation();
  const [asOfInput, setAsOf] = useState(today());
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOfInput) ? asOfInput : today();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const select = (id: Id) => navigate(`/orgunits/${encodeURIComponent(String(id))}`);

  return (
    <Grid gutter="md">
      <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
        <Paper withBorder p="sm">
          <Stack gap="sm">
            <Group align="flex-end" gap={6} wrap="nowrap">
              <DateField label={t('ou.asOf')} value={asOfInput} onChange={setAsOf} data-testid="ou-asof" style={{ flex: 1, minWidth: 0 }} />
              <Button variant="default" size="sm" px="xs" onClick={() => setAsOf(REFERENCE_DATE)} data-testid="ou-asof-reference">
                {formatDate(REFERENCE_DATE)}
              </Button>
              <Button variant="default" size="sm" px="xs" onClick={() => setAsOf(today())} data-testid="ou-asof-today">
                {t('ou.today')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed" data-testid="ou-asof-label">
              {t('ou.asOfLong', { date: formatLongDate(asOf) })}
            </Text>
            <TextInput
              placeholder={t('ou.searchPlaceholder')}
              aria-label={t('ou.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              rightSection={search ? <CloseButton size="sm" aria-label={t('common.clear')} onClick={() => setSearch('')} /> : null}
              data-testid="ou-search"
            />
            <ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto">
              {q ? (
                <SearchResults q={q} selectedId={selectedId} onSelect={select} />
              ) : (
                <OuTree asOf={asOf} selectedId={selectedId} onSelect={select} />
              )}
            </ScrollArea.Autosize>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
        <Paper withBorder p="md">
          {selectedId ? (
            <OuDetails id={selectedId} asOf={asOf} />
          ) : (
            <Text c="dimmed" data-testid="ou-details-empty">
              {t('ou.selectHint')}
            </Text>
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

function SearchResults({ q, selectedId, onSelect }: { q: string; selectedId: string | null; onSelect: (id: Id) => void }) {
  const { t } = useTranslation();
  const levelName = useLevelName();
  const now = today();
  // asOf omitted: search across all time so closed units can be found too.
  const hits = useQuery({
    queryKey: ouKeys.search(q, ''),
    queryFn: () => api.get<OuSearchHit[]>('/api/orgunits/search', { q, limit: 20 }),
  });
  if (hits.isPending) return <Loading />;
  if (hits.isError) return <ErrorAlert error={hits.error} />;
  if (!hits.data.length) return <Text c="dimmed" size="sm">{t('common.noResults')}</Text>;
  return (
    <Stack gap={2} data-testid="ou-search-results">
      {hits.data.map((h) => {
        const selected = selectedId === String(h.id);
        return (
          <UnstyledButton
            key={String(h.id)}
            onClick={() => onSelect(h.id)}
            data-testid={`ou-search-hit-${h.code}`}
            p={6}
            style={{ borderRadius: 4, background: selected ? 'var(--mantine-color-blue-light)' : undefined }}
          >
            <Text size="sm" fw={500} c={isClosed(h.closedDate, now) ? 'dimmed' : undefined} span>
              {h.name}
            </Text>
            <ClosedMark closedDate={h.closedDate} asOf={now} />
            <Text size="xs" c="dimmed">
              {levelName(h.level)}
              {h.parentName ? ` · ${t('ou.in', { parent: h.parentName })}` : ''}
            </Text>
          </UnstyledButton>
        );
      })}
    </Stack>
  );
}
