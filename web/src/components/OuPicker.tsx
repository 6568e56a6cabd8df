import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Id, type OuSearchHit } from '../api';
import { formatDate, today } from '../format';
import { ouKeys } from '../queries';

export interface OuChoice {
  id: Id;
  label: string;
}

/** Select an org unit by server-side search. Options show the name, a closed unit's closing date and the parent. */
export function OuPicker(props: {
  label: string;
  value: OuChoice | null;
  onChange: (v: OuChoice | null) => void;
  error?: string;
  required?: boolean;
  asOf?: string;
  excludeId?: Id;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(props.value?.label ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const active = q.length > 0 && q !== props.value?.label;
  const hits = useQuery({
    queryKey: ouKeys.search(q, props.asOf ?? ''),
    queryFn: () => api.get<OuSearchHit[]>('/api/orgunits/search', { q, asOf: props.asOf, limit: 20 }),
    enabled: active,
  });
  const options = (hits.data ?? [])
    .filter((h) => props.excludeId === undefined || String(h.id) !== String(props.excludeId))
    .map((h) => ({
      value: String(h.id),
      // Names, not codes; a closed unit (two "Trạm Y tế xã Hoằng Lộc" after the 2025 merger) says since when.
      label: `${h.name}${h.closedDate ? ` ${t(h.closedDate <= today() ? 'ou.closedOn' : 'ou.closesOn', { date: formatDate(h.closedDate) })}` : ''}${h.parentName ? ` — ${h.parentName}` : ''}`,
      id: h.id,
    }));
  // Keep the current value among the options so the Select can show its label.
  if (props.value && !options.some((o) => o.value === String(props.value!.id))) {
    options.unshift({ value: String(props.value.id), label: props.value.label, id: props.value.id });
  }
  return (
    <Select
      label={props.label}
      required={props.required}
      error={props.error}
      searchable
      clearable
      data={options}
      value={props.value ? String(props.value.id) : null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={active && !hits.isFetching ? t('common.noResults') : t('common.typeToSearch')}
      placeholder={t('common.typeToSearch')}
      onChange={(v) => {
        const o = options.find((x) => x.value === v);
        props.onChange(o ? { id: o.id, label: o.label } : null);
      }}
      data-testid={props.testId}
    />
  );
}
