// "Nhập sổ từ Excel": a centre uploads its existing register; the server reads it and answers a preview
// (nothing written): the columns it recognised, the rows it will write, those already in the register,
// and each refused row with its reasons. "Ghi vào sổ" writes the valid rows in one go; both the upload
// and the writing show their progress.
import { Alert, Badge, Button, Card, FileInput, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth';
import { ErrorAlert } from '../../components/common';
import { OuPicker } from '../../components/OuPicker';
import { formatDate, formatNumber } from '../../format';
import { Link } from '../../router';
import { useUnitChoice } from './AssetListPage';
import { equipmentApi, equipmentKeys, importPreviewUrl, uploadWithProgress, type ImportPreview, type ImportResult } from './equipmentApi';
import { AreaNav, money } from './parts';

const SHOWN = 200;

export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [unit, setUnit] = useUnitChoice();
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [writing, setWriting] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showAll, setShowAll] = useState(false);
  const polling = useRef<number | null>(null);
  useEffect(() => () => {
    if (polling.current) window.clearInterval(polling.current);
  }, []);

  const read = async () => {
    if (!file || !unit) return;
    setError(null);
    setPreview(null);
    setResult(null);
    setUploading(0);
    try {
      setPreview(await uploadWithProgress<ImportPreview>(importPreviewUrl(String(unit.id)), file, me.csrfToken, setUploading));
    } catch (e) {
      setError(e);
    } finally {
      setUploading(null);
    }
  };

  const write = async () => {
    if (!preview) return;
    setError(null);
    setWriting({ done: 0, total: preview.rows.length });
    // While the server writes (one transaction), its progress is asked for every half second.
    polling.current = window.setInterval(() => {
      equipmentApi.importProgress(preview.token).then(
        (p) => setWriting((w) => (w ? { done: p.done, total: p.total } : w)),
        () => undefined,
      );
    }, 500);
    try {
      const r = await equipmentApi.confirmImport(preview.token);
      setResult(r);
      setPreview(null);
      setFile(null);
      await qc.invalidateQueries({ queryKey: equipmentKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      if (polling.current) window.clearInterval(polling.current);
      polling.current = null;
      setWriting(null);
    }
  };

  const rows = preview ? (showAll ? preview.rows : preview.rows.slice(0, SHOWN)) : [];
  return (
    <Stack gap="sm" data-testid="import-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.import.title')}</Title>
        <AreaNav active="import" />
      </Group>
      <Text size="sm" c="dimmed">
        {t('equipment.import.intro')}
      </Text>
      <Card withBorder padding="sm">
        <Stack gap="xs">
          <OuPicker label={t('equipment.import.unit')} value={unit} onChange={setUnit} required testId="import-unit" />
          <FileInput
            label={t('equipment.import.file')}
            placeholder={t('equipment.import.filePlaceholder')}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => {
              setFile(f);
              setPreview(null);
              setResult(null);
            }}
            clearable
            data-testid="import-file"
          />
          <Group gap="xs">
            <Button onClick={() => void read()} disabled={!file || !unit || uploading !== null || writing !== null} loading={uploading !== null} data-testid="import-read">
              {t('equipment.import.read')}
            </Button>
          </Group>
          {uploading !== null && (
            <div data-testid="import-uploading">
              <Text size="sm">{uploading < 1 ? t('equipment.import.uploading', { pct: Math.round(uploading * 100) }) : t('equipment.import.checking')}</Text>
              <Progress value={uploading * 100} animated={uploading >= 1} />
            </div>
          )}
        </Stack>
      </Card>
      <ErrorAlert error={error} testId="import-error" />

      {preview && (
        <Stack gap="sm" data-testid="import-preview">
          <Alert color="blue" data-testid="import-summary">
            {t('equipment.import.summary', {
              file: preview.fileName, sheet: preview.sheet, header: preview.headerRow, unit: preview.orgUnit.name,
              new: formatNumber(preview.counts.new), existing: formatNumber(preview.counts.existing), errors: formatNumber(preview.counts.errors),
            })}
          </Alert>
          <Card withBorder padding="sm">
            <Text fw={600} mb={4}>
              {t('equipment.import.columns')}
            </Text>
            <Group gap={6} wrap="wrap" data-testid="import-columns">
              {preview.columns.map((c) => (
                <Badge key={c.column} variant={c.field ? 'light' : 'outline'} color={c.field ? 'blue' : 'gray'} tt="none" data-field={c.field ?? ''}>
                  {c.column}: {c.header} → {c.field ? t(`equipment.field.${c.field}`) : t('equipment.import.ignored')}
                </Badge>
              ))}
            </Group>
          </Card>

          {preview.errors.length > 0 && (
            <Card withBorder padding="sm" data-testid="import-errors">
              <Text fw={600} c="red" mb={4}>
                {t('equipment.import.refused', { count: preview.errors.length })}
              </Text>
              <Table.ScrollContainer minWidth={500}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={70}>{t('equipment.import.row')}</Table.Th>
                      <Table.Th>{t('equipment.field.name')}</Table.Th>
                      <Table.Th>{t('equipment.import.reasons')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.errors.map((e) => (
                      <Table.Tr key={e.row} data-testid="import-error-row" data-row={e.row}>
                        <Table.Td>{e.row}</Table.Td>
                        <Table.Td>{e.name ?? '—'}</Table.Td>
                        <Table.Td>
                          {e.reasons.map((r) => (
                            <Text key={r} size="sm" c="red">
                              {r}
                            </Text>
                          ))}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )}

          <Card withBorder padding="sm">
            <Text fw={600} mb={4}>
              {t('equipment.import.toWrite', { count: preview.rows.length })}
            </Text>
            <Table.ScrollContainer minWidth={900}>
              <Table striped data-testid="import-rows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>{t('equipment.import.row')}</Table.Th>
                    <Table.Th>{t('equipment.field.name')}</Table.Th>
                    <Table.Th>{t('equipment.field.category')}</Table.Th>
                    <Table.Th>{t('equipment.field.orgUnit')}</Table.Th>
                    <Table.Th>{t('equipment.field.acquired')}</Table.Th>
                    <Table.Th ta="right">{t('equipment.field.cost')}</Table.Th>
                    <Table.Th ta="right">{t('equipment.field.quantity')}</Table.Th>
                    <Table.Th>{t('equipment.field.status')}</Table.Th>
                    <Table.Th>{t('equipment.import.remarks')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r, i) => (
                    <Table.Tr key={`${r.row}-${i}`} data-testid="import-row" data-row={r.row} data-existing={r.existing ? 'true' : 'false'}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>
                        {r.name}
                        {r.serial && (
                          <Text size="xs" c="dimmed">
                            {t('equipment.field.serial')}: {r.serial}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {r.categoryName}
                        {r.categoryGuessed && (
                          <Text size="xs" c="dimmed">
                            {t('equipment.import.guessed')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {r.orgUnit.name}
                        {r.room && (
                          <Text size="xs" c="dimmed">
                            {r.room}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{formatDate(r.acquired)}</Table.Td>
                      <Table.Td ta="right">{money(r.cost)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.quantity)}</Table.Td>
                      <Table.Td>{t(`equipment.status.${r.status}`)}</Table.Td>
                      <Table.Td>
                        {r.existing && (
                          <Badge color="gray" variant="light" tt="none" data-testid="import-existing">
                            {t('equipment.import.existing', { tag: r.existing.tag })}
                          </Badge>
                        )}
                        {r.warnings.map((w) => (
                          <Text key={w} size="xs" c="orange">
                            {w}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {!showAll && preview.rows.length > SHOWN && (
              <Button variant="subtle" size="xs" onClick={() => setShowAll(true)}>
                {t('equipment.import.showAll', { count: preview.rows.length })}
              </Button>
            )}
          </Card>
          {writing && (
            <div data-testid="import-writing">
              <Text size="sm">{t('equipment.import.writing', { done: formatNumber(writing.done), total: formatNumber(writing.total) })}</Text>
              <Progress value={writing.total ? (writing.done / writing.total) * 100 : 0} animated />
            </div>
          )}
          <Group gap="xs">
            <Button onClick={() => void write()} disabled={preview.counts.new === 0 || writing !== null} loading={writing !== null} data-testid="import-confirm">
              {t('equipment.import.confirm', { count: preview.counts.new })}
            </Button>
            <Button variant="default" onClick={() => setPreview(null)} disabled={writing !== null}>
              {t('equipment.common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}

      {result && (
        <Alert color={result.refused.length ? 'yellow' : 'green'} data-testid="import-result">
          <Text size="sm" data-testid="import-written">
            {t('equipment.import.written', { count: result.written.length, n: formatNumber(result.written.length) })}
          </Text>
          {result.existing.length > 0 && <Text size="sm">{t('equipment.import.alreadyThere', { n: formatNumber(result.existing.length) })}</Text>}
          {result.refused.map((r) => (
            <Text key={r.row} size="sm" c="red" data-testid="import-result-refused">
              {t('equipment.import.refusedRow', { row: r.row, name: r.name ?? '—', reasons: r.reasons.join(' ') })}
            </Text>
          ))}
          {unit && (
            <Button
              component={Link}
              to={`/equipment?orgUnit=${encodeURIComponent(String(unit.id))}&unitName=${encodeURIComponent(unit.label)}`}
              variant="light"
              size="xs"
              mt="xs"
              data-testid="import-to-list"
            >
              {t('equipment.import.toList')}
            </Button>
          )}
        </Alert>
      )}
    </Stack>
  );
}
