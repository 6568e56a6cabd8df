// A list of metadata objects of one type (search, paging) with a create/edit form whose fields are
// described declaratively; server validation messages are shown at the field.
import {
  Alert, Badge, Button, Group, Modal, MultiSelect, NumberInput, Pagination, Select, Stack, Switch, Table, Text, TextInput, Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/common';
import { formatNumber } from '../../format';
import type { DataSetSection, MetaObjects, MetaType } from '../../../../src/modules/metadata/metadata.contract.js';
import { metaApi, metaKeys } from './metadataApi';
import { SectionsField } from './SectionsField';

const PAGE_SIZE = 50;

/** A column of the list of objects of type T (a column for any type renders MetaObjects[MetaType]). */
export interface Column<T extends MetaType = MetaType> {
  key: string;
  label: string;
  render?: (o: MetaObjects[T]) => ReactNode;
}

/** A form's values: the object being edited, as plain fields (UI only). */
type FormValues = Record<string, unknown>;

export interface FieldDef {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'expression' | 'number' | 'select' | 'multiselect' | 'switch' | 'sections';
  required?: boolean;
  options?: { value: string; label: string }[];
  description?: string;
  /** number: empty means null (instead of 0). */
  nullable?: boolean;
  min?: number;
  max?: number;
}

export function getPath(o: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
}

function setPath(o: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!rest.length) return { ...o, [head!]: value };
  const inner = (o[head!] && typeof o[head!] === 'object' ? o[head!] : {}) as Record<string, unknown>;
  return { ...o, [head!]: setPath(inner, rest.join('.'), value) };
}

/** Drops empty strings (optional text), decorations added by the list API, and the id. */
function cleanBody(v: FormValues): FormValues {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(x)) {
        const w = walk(val);
        if (w !== undefined && w !== '') out[k] = w;
      }
      return out;
    }
    return typeof x === 'string' ? x.trim() : x;
  };
  const { id: _id, optionCombos: _c, orgUnitCount: _n, isDefault: _d, ...rest } = v;
  return walk(rest) as FormValues;
}

export function ObjectTab<T extends MetaType>(props: {
  type: T;
  columns: Column<T>[];
  fields: FieldDef[];
  defaults: FormValues;
  canWrite: boolean;
  rowActions?: (o: MetaObjects[T]) => ReactNode;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<FormValues | 'new' | null>(null);
  const list = useQuery({
    queryKey: metaKeys.list(props.type, q, page),
    queryFn: () => metaApi.list(props.type, q, page, PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const builtIn = (o: MetaObjects[T]) => o.code === 'default' || ('isDefault' in o && o.isDefault === true);
  const values = (o: MetaObjects[T]) => o as unknown as FormValues;

  return (
    <Stack data-testid={`meta-tab-${props.type}`}>
      <Group justify="space-between">
        <TextInput
          style={{ flex: 1 }}
          placeholder={t('metadata.search')}
          aria-label={t('metadata.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          data-testid={`meta-search-${props.type}`}
        />
        {props.canWrite && (
          <Button onClick={() => setEditing('new')} data-testid={`meta-create-${props.type}`}>
            {t('metadata.create')}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('common.total', { count: list.data.total, n: formatNumber(list.data.total) })}
          </Text>
          <Table striped highlightOnHover withTableBorder data-testid={`meta-table-${props.type}`}>
            <Table.Thead>
              <Table.Tr>
                {props.columns.map((c) => (
                  <Table.Th key={c.key}>{c.label}</Table.Th>
                ))}
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((o) => (
                <Table.Tr key={o.id ?? o.code} data-testid={`meta-row-${o.code}`}>
                  {props.columns.map((c) => (
                    <Table.Td key={c.key}>{c.render ? c.render(o) : String(getPath(values(o), c.key) ?? '')}</Table.Td>
                  ))}
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {builtIn(o) ? (
                        <Badge variant="light" color="gray">
                          {t('metadata.builtIn')}
                        </Badge>
                      ) : (
                        <Button size="xs" variant="subtle" onClick={() => setEditing(values(o))} data-testid={`meta-edit-${o.code}`}>
                          {props.canWrite ? t('common.edit') : t('metadata.view')}
                        </Button>
                      )}
                      {props.rowActions?.(o)}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
        </>
      )}
      {editing && (
        <ObjectForm
          type={props.type}
          fields={props.fields}
          initial={editing === 'new' ? props.defaults : editing}
          isNew={editing === 'new'}
          readOnly={!props.canWrite}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function ObjectForm(props: {
  type: MetaType;
  fields: FieldDef[];
  initial: FormValues;
  isNew: boolean;
  readOnly: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState<FormValues>(structuredClone(props.initial));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const id = String(props.initial.id ?? props.initial.code ?? '');
  const done = async () => {
    await qc.invalidateQueries({ queryKey: ['metadata'] });
    props.onClose();
  };
  const save = useMutation({
    mutationFn: () => (props.isNew ? metaApi.create(props.type, cleanBody(v)) : metaApi.update(props.type, id, cleanBody(v))),
    onSuccess: done,
  });
  const del = useMutation({ mutationFn: () => metaApi.remove(props.type, id), onSuccess: done });

  // Server messages go to the field whose key starts the error path ("sections.0.dataElements" → sections).
  const serverFields: Record<string, string> = {};
  const general: string[] = [];
  const err = save.error ?? del.error;
  if (err instanceof ApiError) {
    const keys = props.fields.map((f) => f.key);
    for (const [k, msg] of Object.entries(err.fields)) {
      const key = keys.find((f) => k === f || k.startsWith(`${f}.`));
      if (key) serverFields[key] = serverFields[key] ? `${serverFields[key]} ${msg}` : msg;
      else general.push(`${k}: ${msg}`);
    }
    if (!Object.keys(err.fields).length || general.length) general.unshift(err.message);
  } else if (err) general.push(String((err as Error).message ?? err));
  const errorOf = (k: string) => local[k] || serverFields[k] || undefined;
  const set = (k: string, value: unknown) => {
    setV((x) => setPath(x, k, value));
    setLocal((x) => ({ ...x, [k]: '' }));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    for (const f of props.fields) {
      const val = getPath(v, f.key);
      if (f.required && (val === undefined || val === null || String(val).trim() === '' || (Array.isArray(val) && !val.length))) {
        missing[f.key] = t('validation.required');
      }
    }
    setLocal(missing);
    if (!Object.keys(missing).length) save.mutate();
  };

  const title = props.isNew ? t('metadata.create') : props.initial.code === 'default' ? t('metadata.defaultCombo') : String(props.initial.name);
  return (
    <Modal opened onClose={props.onClose} title={title} size="xl">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {props.fields.map((f) => (
            <Field key={f.key} def={f} value={getPath(v, f.key)} onChange={(x) => set(f.key, x)} error={errorOf(f.key)} readOnly={props.readOnly} />
          ))}
          {general.length > 0 && (
            <Alert color="red" data-testid="form-error">
              {general.join(' — ')}
            </Alert>
          )}
          {!props.readOnly && (
            <Group justify="space-between">
              <Group>
                {!props.isNew &&
                  (confirmDelete ? (
                    <Button color="red" onClick={() => del.mutate()} loading={del.isPending} data-testid="meta-delete-confirm">
                      {t('metadata.confirmDelete')}
                    </Button>
                  ) : (
                    <Button color="red" variant="light" onClick={() => setConfirmDelete(true)} data-testid="meta-delete">
                      {t('metadata.delete')}
                    </Button>
                  ))}
              </Group>
              <Group>
                <Button variant="default" onClick={props.onClose}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending} data-testid="modal-submit">
                  {t('common.save')}
                </Button>
              </Group>
            </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}

function Field({ def, value, onChange, error, readOnly }: { def: FieldDef; value: unknown; onChange: (v: unknown) => void; error?: string; readOnly: boolean }) {
  const common = { label: def.label, description: def.description, error, required: def.required, disabled: readOnly, 'data-testid': `meta-field-${def.key}` };
  switch (def.kind) {
    case 'text':
      return <TextInput {...common} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'textarea':
      return <Textarea {...common} autosize minRows={2} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'expression':
      return (
        <Textarea
          {...common}
          autosize
          minRows={1}
          styles={{ input: { fontFamily: 'monospace' } }}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          min={def.min}
          max={def.max}
          decimalSeparator=","
          thousandSeparator="."
          value={value === null || value === undefined ? '' : Number(value)}
          onChange={(x) => onChange(x === '' ? (def.nullable ? null : undefined) : Number(x))}
        />
      );
    case 'select':
      return <Select {...common} searchable data={def.options ?? []} value={value === undefined || value === null ? null : String(value)} onChange={(x) => onChange(x ?? undefined)} allowDeselect={!def.required} />;
    case 'multiselect':
      return <MultiSelect {...common} searchable data={def.options ?? []} value={(value as string[] | undefined) ?? []} onChange={onChange} />;
    case 'switch':
      return <Switch label={def.label} description={def.description} error={error} disabled={readOnly} checked={!!value} onChange={(e) => onChange(e.currentTarget.checked)} data-testid={`meta-field-${def.key}`} />;
    case 'sections':
      return <SectionsField label={def.label} value={(value as DataSetSection[] | undefined) ?? []} onChange={onChange} error={error} readOnly={readOnly} options={def.options ?? []} />;
  }
}
