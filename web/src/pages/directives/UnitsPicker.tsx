// Several units, found by the server's unit search (GET /api/orgunits/search, as the app's OuPicker),
// the Department's offices included. Names only (no codes), with the parent to tell namesakes apart;
// units closed today cannot be chosen.
import { Anchor, Group, Input, MultiSelect, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { forwardRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OuSearchHit } from '../../api';
import { today } from '../../format';
import { ouKeys } from '../../queries';

export interface UnitChoice {
  id: string;
  name: string;
}

interface Props {
  label: string;
  value: UnitChoice[];
  onChange: (v: UnitChoice[]) => void;
  search: string;
  onSearchChange: (s: string) => void;
  error?: string;
  required?: boolean;
  description?: string;
  testId?: string;
}

/** Beyond this many units (a collective phrase expanded) the list is summed up until opened. */
const COLLAPSE_ABOVE = 6;

export const UnitsPicker = forwardRef<HTMLInputElement, Props>(function UnitsPicker(props, ref) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  if (props.value.length > COLLAPSE_ABOVE && !expanded) {
    const names = props.value.map((u) => u.name);
    return (
      <Input.Wrapper label={props.label} required={props.required} description={props.description} error={props.error} data-testid={props.testId ? `${props.testId}-summary` : undefined}>
        <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
          {t('directives.units.summary', { names: names.slice(0, 3).join('; '), count: names.length - 3, n: names.length - 3 })}{' '}
          <Anchor component="button" type="button" size="sm" onClick={() => setExpanded(true)} data-testid={props.testId ? `${props.testId}-expand` : undefined}>
            {t('directives.units.expand', { count: names.length, n: names.length })}
          </Anchor>
        </Text>
      </Input.Wrapper>
    );
  }
  return <UnitsSelect {...props} ref={ref} />;
});

const UnitsSelect = forwardRef<HTMLInputElement, Props>(function UnitsSelect(props, ref) {
  const { t } = useTranslation();
  const [q] = useDebouncedValue(props.search.trim(), 300);
  const now = today();
  const hits = useQuery({
    queryKey: ouKeys.search(q, now),
    queryFn: () => api.get<OuSearchHit[]>('/api/orgunits/search', { q, limit: 20 }),
    enabled: q.length > 0,
    staleTime: 60_000,
  });
  // Names seen in answers, so the chosen units keep their labels when the answer changes.
  const [known] = useState(() => new Map<string, OuSearchHit>());
  for (const h of hits.data ?? []) known.set(String(h.id), h);
  const chosen = new Set(props.value.map((u) => u.id));
  const data = [
    ...props.value.map((u) => ({ value: u.id, label: u.name })),
    ...(hits.data ?? [])
      .filter((h) => !chosen.has(String(h.id)))
      .map((h) => ({ value: String(h.id), label: h.name, disabled: !!h.closedDate && h.closedDate <= now })),
  ];
  return (
    <MultiSelect
      ref={ref}
      label={props.label}
      description={props.description}
      required={props.required}
      error={props.error}
      searchable
      clearable
      data={data}
      value={props.value.map((u) => u.id)}
      searchValue={props.search}
      onSearchChange={props.onSearchChange}
      filter={({ options }) => options}
      nothingFoundMessage={q && !hits.isFetching ? t('common.noResults') : t('common.typeToSearch')}
      placeholder={props.value.length ? undefined : t('directives.units.placeholder')}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      renderOption={({ option }) => {
        const h = known.get(option.value);
        return (
          <Group gap={4} wrap="wrap">
            <Text size="sm">{option.label}</Text>
            {h?.parentName && (
              <Text size="xs" c="dimmed">
                — {h.parentName}
              </Text>
            )}
            {h?.closedDate && h.closedDate <= now && (
              <Text size="xs" c="red">
                ({t('directives.units.closed')})
              </Text>
            )}
          </Group>
        );
      }}
      onChange={(ids) => {
        const byId = new Map(props.value.map((u) => [u.id, u]));
        props.onChange(ids.map((id) => byId.get(id) ?? { id, name: known.get(id)?.name ?? id }));
      }}
      data-testid={props.testId}
    />
  );
});
