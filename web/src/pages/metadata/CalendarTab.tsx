// Calendar days beyond the statutory holidays: compensatory days off and weekend days worked.
import { Alert, Badge, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, ErrorAlert, Loading, splitError } from '../../components/common';
import { formatDate } from '../../format';
import type { CalendarDay } from '../../../../src/modules/metadata/metadata.contract.js';
import { metaApi, metaKeys } from './metadataApi';

export function CalendarTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const [editing, setEditing] = useState<CalendarDay | 'new' | null>(null);
  const q = useQuery({ queryKey: metaKeys.calendar(year), queryFn: () => metaApi.calendar(year) });
  return (
    <Stack data-testid="meta-tab-calendarDays">
      <Text size="sm" c="dimmed">
        {t('metadata.calendar.hint')}
      </Text>
      <Group justify="space-between">
        <NumberInput w={120} label={t('metadata.calendar.year')} value={year} min={2000} max={2100} onChange={(v) => typeof v === 'number' && setYear(v)} data-testid="meta-calendar-year" />
        {canWrite && (
          <Button onClick={() => setEditing('new')} data-testid="meta-create-calendarDays">
            {t('metadata.create')}
          </Button>
        )}
      </Group>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorAlert error={q.error} />
      ) : (
        <Table striped withTableBorder data-testid="meta-table-calendarDays">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('metadata.calendar.day')}</Table.Th>
              <Table.Th>{t('metadata.calendar.kind')}</Table.Th>
              <Table.Th>{t('metadata.field.name')}</Table.Th>
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((d) => (
              <Table.Tr key={d.day} data-testid={`meta-row-${d.day}`}>
                <Table.Td>{formatDate(d.day)}</Table.Td>
                <Table.Td>
                  <Badge color={d.kind === 'off' ? 'green' : 'orange'} variant="light">
                    {t(`metadata.calendar.${d.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{d.name}</Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setEditing(d)}>
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {!q.data.items.length && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text size="sm" c="dimmed">
                    {t('common.none')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}
      {editing && <DayForm day={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function DayForm({ day, onClose }: { day: CalendarDay | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState<CalendarDay>(day ?? { day: '', kind: 'off', name: '' });
  const done = async () => {
    await qc.invalidateQueries({ queryKey: ['metadata', 'calendarDays'] });
    onClose();
  };
  const save = useMutation({ mutationFn: () => (day ? metaApi.updateDay(v) : metaApi.createDay(v)), onSuccess: done });
  const del = useMutation({ mutationFn: () => metaApi.removeDay(day!.day), onSuccess: done });
  const server = splitError(save.error ?? del.error, ['day', 'kind', 'name', 'nameEn']);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={day ? formatDate(day.day) : t('metadata.create')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <DateField label={t('metadata.calendar.day')} required disabled={!!day} value={v.day} onChange={(x) => setV({ ...v, day: x })} error={server.fields.day} data-testid="meta-field-day" />
          <Select
            label={t('metadata.calendar.kind')}
            allowDeselect={false}
            data={[
              { value: 'off', label: t('metadata.calendar.off') },
              { value: 'work', label: t('metadata.calendar.work') },
            ]}
            value={v.kind}
            onChange={(x) => setV({ ...v, kind: (x as 'off' | 'work') ?? 'off' })}
            error={server.fields.kind}
            data-testid="meta-field-kind"
          />
          <TextInput label={t('metadata.field.name')} required value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={server.fields.name} data-testid="meta-field-name" />
          <TextInput label={t('metadata.field.nameEn')} value={v.nameEn ?? ''} onChange={(e) => setV({ ...v, nameEn: e.currentTarget.value || undefined })} />
          {server.general && <Alert color="red">{server.general}</Alert>}
          <Group justify="space-between">
            <Group>
              {day && (
                <Button color="red" variant="light" onClick={() => del.mutate()} loading={del.isPending}>
                  {t('metadata.delete')}
                </Button>
              )}
            </Group>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="modal-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
