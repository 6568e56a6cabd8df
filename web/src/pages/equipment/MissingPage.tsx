// "Thiếu so với danh mục chuẩn" (the missing list of a unit: standard − functional stock, summed over
// the stations below it) with the procurement proposal in Excel; and "Danh mục chuẩn" (the standard
// lists per unit kind: everyone reads them, the Department edits them).
import { ActionIcon, Badge, Button, Card, Checkbox, Group, MultiSelect, NumberInput, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../components/common';
import { OuPicker } from '../../components/OuPicker';
import { formatDate, formatNumber, today } from '../../format';
import { useUnitChoice } from './AssetListPage';
import { equipmentApi, equipmentKeys, procurementUrl, useCategories, useMissing, useStandard } from './equipmentApi';
import { AreaNav, useNarrow } from './parts';

export function MissingPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [unit, setUnit] = useUnitChoice();
  const [year, setYear] = useState(Number(today().slice(0, 4)) + 1);
  const [onlyMissing, setOnlyMissing] = useState(true);
  const list = useMissing(unit ? String(unit.id) : undefined);
  const items = (list.data?.items ?? []).filter((i) => !onlyMissing || i.missing > 0);
  return (
    <Stack gap="sm" data-testid="missing-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.missing.title')}</Title>
        <AreaNav active="missing" />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <OuPicker label={t('equipment.list.unit')} value={unit} onChange={setUnit} testId="missing-unit" />
        </div>
        <NumberInput label={t('equipment.missing.year')} min={2000} max={2100} value={year} onChange={(v) => typeof v === 'number' && setYear(v)} w={120} />
        {unit && (
          <Button component="a" href={procurementUrl(String(unit.id), year)} variant="default" data-testid="missing-xlsx">
            {t('equipment.missing.download')}
          </Button>
        )}
      </Group>
      <Checkbox label={t('equipment.missing.onlyMissing')} checked={onlyMissing} onChange={(e) => setOnlyMissing(e.currentTarget.checked)} />
      {!unit ? (
        <Text c="dimmed">{t('equipment.list.pickUnit')}</Text>
      ) : list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('equipment.missing.asOf', { unit: list.data.orgUnit.name, date: formatDate(list.data.date) })}
          </Text>
          {items.length === 0 ? (
            <Text data-testid="missing-none">{t('equipment.missing.none')}</Text>
          ) : narrow ? (
            <Stack gap="xs">
              {items.map((i) => (
                <Card key={i.code} withBorder padding="xs" data-testid="missing-item">
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" fw={500} style={{ minWidth: 0 }}>
                      {i.item} {i.essential && <Badge size="xs" color="red" variant="light">{t('equipment.missing.essential')}</Badge>}
                    </Text>
                    <Text fw={700} c={i.missing ? 'red' : 'green'}>
                      {i.missing ? `−${formatNumber(i.missing)}` : '✓'}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('equipment.missing.cardLine', { required: formatNumber(i.required), functional: formatNumber(i.functional) })}
                  </Text>
                </Card>
              ))}
            </Stack>
          ) : (
            <Table striped data-testid="missing-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('equipment.missing.item')}</Table.Th>
                  <Table.Th ta="right">{t('equipment.missing.required')}</Table.Th>
                  <Table.Th ta="right">{t('equipment.missing.functional')}</Table.Th>
                  <Table.Th ta="right">{t('equipment.missing.missing')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={i.code} data-testid="missing-item">
                    <Table.Td>
                      {i.item} {i.essential && <Badge size="xs" color="red" variant="light">{t('equipment.missing.essential')}</Badge>}
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(i.required)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(i.functional)}</Table.Td>
                    <Table.Td ta="right" fw={700} c={i.missing ? 'red' : undefined}>
                      {formatNumber(i.missing)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}

export function StandardsPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState<'station' | 'health_centre'>('station');
  const std = useStandard(kind);
  const categories = useCategories();
  const edits = std.data?.canEdit ?? false;
  const [draft, setDraft] = useState({ code: '', name: '', categories: [] as string[], required: 1 as number | '', essential: false });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const catName = (code: string) => categories.data?.categories.find((c) => c.code === code)?.name ?? code;
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: equipmentKeys.standard(kind) });
      await qc.invalidateQueries({ queryKey: ['equipment', 'missing'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = (item: { code: string; name: string; nameEn?: string | null; categories: string[]; required: number; essential: boolean }) =>
    act(() => equipmentApi.putStandard({ unitKind: kind, ...item }));

  return (
    <Stack gap="sm" data-testid="standards-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.standards.title')}</Title>
        <AreaNav active="standards" />
      </Group>
      <Text size="sm" c="dimmed">
        {t('equipment.standards.intro')}
      </Text>
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        data={[
          { value: 'station', label: t('equipment.standards.station') },
          { value: 'health_centre', label: t('equipment.standards.centre') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <ErrorAlert error={error} testId="standards-error" />
      {std.isPending ? (
        <Loading />
      ) : std.isError ? (
        <ErrorAlert error={std.error} />
      ) : std.data.items.length === 0 ? (
        <Text c="dimmed">{t('equipment.standards.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped data-testid="standards-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('equipment.missing.item')}</Table.Th>
                <Table.Th>{t('equipment.standards.categories')}</Table.Th>
                <Table.Th ta="right">{t('equipment.missing.required')}</Table.Th>
                <Table.Th>{t('equipment.missing.essential')}</Table.Th>
                {edits && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {std.data.items.map((s) => (
                <Table.Tr key={s.code} data-testid="standard-item">
                  <Table.Td>{(i18n.language === 'en' && s.nameEn) || s.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.categories.map(catName).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {edits ? (
                      <NumberInput
                        size="xs"
                        w={80}
                        min={0}
                        max={1000}
                        defaultValue={s.required}
                        disabled={busy}
                        onBlur={(e) => {
                          const n = Number(e.currentTarget.value);
                          if (Number.isInteger(n) && n !== s.required) void save({ ...s, required: n });
                        }}
                      />
                    ) : (
                      formatNumber(s.required)
                    )}
                  </Table.Td>
                  <Table.Td>
                    {edits ? (
                      <Checkbox checked={s.essential} disabled={busy} onChange={(e) => void save({ ...s, essential: e.currentTarget.checked })} aria-label={t('equipment.missing.essential')} />
                    ) : s.essential ? (
                      '✓'
                    ) : (
                      ''
                    )}
                  </Table.Td>
                  {edits && (
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" disabled={busy} onClick={() => void act(() => equipmentApi.deleteStandard(kind, s.code))} aria-label={t('equipment.common.delete')}>
                        ✕
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {edits && (
        <Card withBorder padding="sm">
          <Text fw={600} mb={4}>
            {t('equipment.standards.add')}
          </Text>
          <Group align="flex-end" wrap="wrap" gap="xs">
            <TextInput label={t('equipment.standards.code')} value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.currentTarget.value.toUpperCase() })} w={140} />
            <TextInput label={t('equipment.missing.item')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} style={{ flex: '1 1 200px' }} />
            <MultiSelect
              label={t('equipment.standards.categories')}
              data={(categories.data?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))}
              value={draft.categories}
              onChange={(v) => setDraft({ ...draft, categories: v })}
              searchable
              style={{ flex: '1 1 240px' }}
            />
            <NumberInput label={t('equipment.missing.required')} min={0} max={1000} value={draft.required} onChange={(v) => setDraft({ ...draft, required: typeof v === 'number' ? v : '' })} w={100} />
            <Checkbox label={t('equipment.missing.essential')} checked={draft.essential} onChange={(e) => setDraft({ ...draft, essential: e.currentTarget.checked })} />
            <Button
              disabled={busy || !draft.code.trim() || !draft.name.trim() || !draft.categories.length || draft.required === ''}
              onClick={() =>
                void save({ code: draft.code.trim(), name: draft.name.trim(), categories: draft.categories, required: Number(draft.required), essential: draft.essential }).then(() =>
                  setDraft({ code: '', name: '', categories: [], required: 1, essential: false }),
                )
              }
            >
              {t('equipment.common.save')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}
