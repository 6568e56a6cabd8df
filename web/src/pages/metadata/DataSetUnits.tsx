// The units assigned to a data set, effective-dated: list, add (from the unit's opening date by
// default), end or remove, then save all at once.
import { ActionIcon, Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { DateField, ErrorAlert, Loading } from '../../components/common';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { formatDate, formatNumber } from '../../format';
import type { Assignment, DataSetItem } from '../../../../src/modules/metadata/metadata.contract.js';
import { metaApi, metaKeys } from './metadataApi';

interface Row {
  orgUnit: string;
  label: string;
  validFrom?: string;
  validTo?: string | null;
}

const toRow = (a: Assignment): Row => ({
  orgUnit: a.orgUnit.code,
  label: a.orgUnit.name,
  validFrom: a.validFrom,
  validTo: a.validTo,
});

export function DataSetUnits({ dataSet, canWrite, onClose }: { dataSet: DataSetItem; canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: metaKeys.units(dataSet.code), queryFn: () => metaApi.units(dataSet.code) });
  return (
    <Modal opened onClose={onClose} size="xl" title={t('metadata.units.title', { name: dataSet.name })}>
      {q.isPending ? <Loading /> : q.isError ? <ErrorAlert error={q.error} /> : <UnitsEditor dataSet={dataSet} initial={q.data.map(toRow)} canWrite={canWrite} onClose={onClose} />}
    </Modal>
  );
}

function UnitsEditor({ dataSet, initial, canWrite, onClose }: { dataSet: DataSetItem; initial: Row[]; canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [rows, setRows] = useState<Row[]>(initial);
  const [pick, setPick] = useState<OuChoice | null>(null);
  const save = useMutation({
    mutationFn: () => metaApi.setUnits(dataSet.code, rows.map((r) => ({ orgUnit: r.orgUnit, validFrom: r.validFrom || undefined, validTo: r.validTo === undefined ? undefined : r.validTo || null }))),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['metadata'] });
      onClose();
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fields : {};
  const rowError = (i: number) => Object.entries(fieldErrors).filter(([k]) => k.startsWith(`assignments.${i}.`)).map(([, m]) => m).join(' ');
  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('metadata.units.count', { n: formatNumber(rows.length) })}
      </Text>
      {canWrite && (
        <Group align="flex-end">
          <div style={{ flex: 1 }}>
            <OuPicker label={t('metadata.units.add')} value={pick} onChange={setPick} testId="meta-units-picker" />
          </div>
          <Button
            disabled={!pick}
            onClick={() => {
              if (!pick) return;
              setRows((rs) => [...rs, { orgUnit: String(pick.id), label: pick.label.replace(/ — .*$/, '') || pick.label }]);
              setPick(null);
            }}
            data-testid="meta-units-add"
          >
            {t('metadata.units.addButton')}
          </Button>
        </Group>
      )}
      <Table striped withTableBorder data-testid="meta-units-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('metadata.units.unit')}</Table.Th>
            <Table.Th>{t('metadata.units.from')}</Table.Th>
            <Table.Th>{t('metadata.units.to')}</Table.Th>
            {canWrite && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={`${r.orgUnit}-${i}`}>
              <Table.Td>
                {r.label}
                {rowError(i) && (
                  <Text size="xs" c="red">
                    {rowError(i)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {canWrite ? (
                  <DateField size="xs" value={r.validFrom ?? ''} onChange={(x) => update(i, { validFrom: x || undefined })} placeholder={t('metadata.units.fromOpening')} />
                ) : (
                  formatDate(r.validFrom)
                )}
              </Table.Td>
              <Table.Td>
                {canWrite ? (
                  <DateField size="xs" value={r.validTo ?? ''} onChange={(x) => update(i, { validTo: x || null })} placeholder={t('metadata.units.open')} />
                ) : r.validTo ? (
                  formatDate(r.validTo)
                ) : (
                  t('metadata.units.open')
                )}
              </Table.Td>
              {canWrite && (
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={t('metadata.delete')} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                    ✕
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {save.error && !Object.keys(fieldErrors).length && <Alert color="red">{(save.error as Error).message}</Alert>}
      {canWrite && (
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="meta-units-save">
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
