import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, OU_KINDS, type OuDetails, type OuKind } from '../api';
import { today } from '../format';
import { ouKeys } from '../queries';
import { navigate } from '../router';
import { DateField, isClosed, splitError } from './common';
import { OuPicker, type OuChoice } from './OuPicker';

type Action = 'rename' | 'move' | 'close' | 'create';

/** Buttons for the write actions on the selected unit; each opens a modal. */
export function OuActions({ unit, asOf }: { unit: OuDetails; asOf: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Action | null>(null);
  const closed = isClosed(unit.closedDate, today()) || isClosed(unit.closedDate, asOf);
  const close = () => setOpen(null);
  return (
    <Group gap="xs">
      <Button size="xs" variant="default" disabled={closed} onClick={() => setOpen('rename')} data-testid="ou-action-rename">
        {t('ou.action.rename')}
      </Button>
      <Button size="xs" variant="default" disabled={closed} onClick={() => setOpen('move')} data-testid="ou-action-move">
        {t('ou.action.move')}
      </Button>
      <Button size="xs" variant="default" color="red" disabled={closed} onClick={() => setOpen('close')} data-testid="ou-action-close">
        {t('ou.action.close')}
      </Button>
      <Button size="xs" disabled={closed} onClick={() => setOpen('create')} data-testid="ou-action-create">
        {t('ou.action.create')}
      </Button>
      {open === 'rename' && <RenameModal unit={unit} onClose={close} />}
      {open === 'move' && <MoveModal unit={unit} onClose={close} />}
      {open === 'close' && <CloseModal unit={unit} onClose={close} />}
      {open === 'create' && <CreateChildModal unit={unit} onClose={close} />}
    </Group>
  );
}

type Values = Record<string, string>;

/**
 * Shared form plumbing: values, required-field check, server errors per field.
 * `submit` receives the values and returns the request promise.
 */
function useActionForm(initial: Values, required: string[], known: string[], submit: (v: Values) => Promise<OuDetails>, onDone: (u: OuDetails) => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [values, setValues] = useState<Values>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const m = useMutation({
    mutationFn: submit,
    onSuccess: async (u) => {
      await qc.invalidateQueries({ queryKey: ouKeys.all });
      onDone(u);
    },
  });
  const server = splitError(m.error, known);
  const set = (k: string) => (v: string) => {
    setValues((x) => ({ ...x, [k]: v }));
    setLocal((x) => ({ ...x, [k]: '' }));
  };
  const err = (k: string) => local[k] || server.fields[k] || undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    for (const k of required) if (!values[k]?.trim()) missing[k] = t('validation.required');
    setLocal(missing);
    if (Object.keys(missing).length) return;
    m.mutate(values);
  };
  return { values, set, err, onSubmit, pending: m.isPending, general: server.general };
}

function ActionModal(props: {
  title: string;
  onClose: () => void;
  onSubmit: (e: FormEvent) => void;
  pending: boolean;
  general: string | null;
  submitLabel: string;
  danger?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={props.onClose} title={props.title} size="lg">
      <form onSubmit={props.onSubmit} noValidate>
        <Stack>
          {props.children}
          {props.general && (
            <Alert color="red" data-testid="form-error">
              {props.general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending} color={props.danger ? 'red' : undefined} data-testid="modal-submit">
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DateReason({ f, dateKey = 'date', dateLabel }: { f: ReturnType<typeof useActionForm>; dateKey?: string; dateLabel?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <DateField
        label={dateLabel ?? t('ou.field.date')}
        required
        value={f.values[dateKey]}
        onChange={f.set(dateKey)}
        error={f.err(dateKey)}
        data-testid="form-date"
      />
      <Textarea
        label={t('ou.field.reason')}
        required
        autosize
        minRows={2}
        value={f.values.reason}
        onChange={(e) => f.set('reason')(e.currentTarget.value)}
        error={f.err('reason')}
        data-testid="form-reason"
      />
    </>
  );
}

const unitPath = (u: OuDetails, action: string) => `/api/orgunits/${encodeURIComponent(String(u.id))}/${action}`;

function RenameModal({ unit, onClose }: { unit: OuDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useActionForm(
    { name: unit.name, date: today(), reason: '' },
    ['name', 'date', 'reason'],
    ['name', 'date', 'reason'],
    (v) => api.post<OuDetails>(unitPath(unit, 'rename'), { name: v.name.trim(), date: v.date, reason: v.reason.trim() }),
    onClose,
  );
  return (
    <ActionModal title={t('ou.action.renameTitle', { name: unit.name })} onClose={onClose} onSubmit={f.onSubmit} pending={f.pending} general={f.general} submitLabel={t('ou.action.rename')}>
      <TextInput label={t('ou.field.newName')} required value={f.values.name} onChange={(e) => f.set('name')(e.currentTarget.value)} error={f.err('name')} data-testid="form-name" />
      <DateReason f={f} />
    </ActionModal>
  );
}

function MoveModal({ unit, onClose }: { unit: OuDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const [parent, setParent] = useState<OuChoice | null>(null);
  const f = useActionForm(
    { parentId: '', date: today(), reason: '' },
    ['parentId', 'date', 'reason'],
    ['parentId', 'date', 'reason'],
    (v) => api.post<OuDetails>(unitPath(unit, 'move'), { parentId: parent!.id, date: v.date, reason: v.reason.trim() }),
    onClose,
  );
  return (
    <ActionModal title={t('ou.action.moveTitle', { name: unit.name })} onClose={onClose} onSubmit={f.onSubmit} pending={f.pending} general={f.general} submitLabel={t('ou.action.move')}>
      <Text size="sm">
        {t('ou.field.currentParent')}: <b>{unit.parent?.name ?? '—'}</b>
      </Text>
      <OuPicker
        label={t('ou.field.newParent')}
        required
        value={parent}
        onChange={(p) => {
          setParent(p);
          f.set('parentId')(p ? String(p.id) : '');
        }}
        error={f.err('parentId')}
        asOf={f.values.date || undefined}
        excludeId={unit.id}
        testId="form-parent"
      />
      <DateReason f={f} />
    </ActionModal>
  );
}

function CloseModal({ unit, onClose }: { unit: OuDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useActionForm(
    { date: today(), reason: '' },
    ['date', 'reason'],
    ['date', 'reason'],
    (v) => api.post<OuDetails>(unitPath(unit, 'close'), { date: v.date, reason: v.reason.trim() }),
    onClose,
  );
  return (
    <ActionModal title={t('ou.action.closeTitle', { name: unit.name })} onClose={onClose} onSubmit={f.onSubmit} pending={f.pending} general={f.general} submitLabel={t('ou.action.close')} danger>
      <Alert color="orange">{t('ou.action.closeWarning')}</Alert>
      <DateReason f={f} dateLabel={t('ou.field.closedDate')} />
    </ActionModal>
  );
}

/** Default kind for a new child of a unit of the given kind. */
function childKind(parent: OuKind): OuKind {
  return parent === 'department' ? 'health_centre' : 'station';
}

function CreateChildModal({ unit, onClose }: { unit: OuDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const fields = ['code', 'name', 'nameEn', 'kind', 'adminCode', 'openingDate', 'reason', 'parentId'];
  const f = useActionForm(
    { code: '', name: '', nameEn: '', kind: childKind(unit.kind), adminCode: '', openingDate: today(), reason: '' },
    ['code', 'name', 'kind', 'openingDate', 'reason'],
    fields,
    (v) =>
      api.post<OuDetails>('/api/orgunits', {
        code: v.code.trim(),
        name: v.name.trim(),
        nameEn: v.nameEn.trim() || undefined,
        parentId: unit.id,
        kind: v.kind,
        adminCode: v.adminCode.trim() || undefined,
        openingDate: v.openingDate,
        reason: v.reason.trim(),
      }),
    (created) => {
      onClose();
      navigate(`/orgunits/${encodeURIComponent(String(created.id))}`);
    },
  );
  const input = (k: string, label: string, required = false) => (
    <TextInput label={label} required={required} value={f.values[k]} onChange={(e) => f.set(k)(e.currentTarget.value)} error={f.err(k)} data-testid={`form-${k}`} />
  );
  return (
    <ActionModal title={t('ou.action.createTitle', { name: unit.name })} onClose={onClose} onSubmit={f.onSubmit} pending={f.pending} general={f.general} submitLabel={t('ou.action.create')}>
      {input('code', t('ou.field.code'), true)}
      {input('name', t('ou.field.name'), true)}
      {input('nameEn', t('ou.field.nameEn'))}
      <Select
        label={t('ou.field.kind')}
        required
        allowDeselect={false}
        data={OU_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        value={f.values.kind}
        onChange={(v) => f.set('kind')(v ?? '')}
        error={f.err('kind')}
        data-testid="form-kind"
      />
      {input('adminCode', t('ou.field.adminCode'))}
      {f.err('parentId') && <Alert color="red">{f.err('parentId')}</Alert>}
      <DateReason f={f} dateKey="openingDate" dateLabel={t('ou.field.openingDate')} />
    </ActionModal>
  );
}
