// "Nhập/xuất gói danh mục": upload a JSON package (soyte or DHIS2), see the dry-run report, confirm
// the import; export everything or the metadata of chosen data sets.
import { Alert, Anchor, Badge, Button, Card, FileButton, Group, List, MultiSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import type { PackageImportReport as ImportReport, PackageType } from '../../../../src/modules/metadata/metadata.contract.js';
import { metaApi, useOptions } from './metadataApi';

export function PackageTab({ canWrite }: { canWrite: boolean }) {
  return (
    <Stack data-testid="meta-tab-package">
      {canWrite && <ImportCard />}
      <ExportCard />
    </Stack>
  );
}

function ImportCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<{ name: string; json: unknown } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const dry = useMutation({ mutationFn: (pkg: unknown) => metaApi.importPackage(pkg, true) });
  const real = useMutation({
    mutationFn: (pkg: unknown) => metaApi.importPackage(pkg, false),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['metadata'] }),
  });
  const onFile = async (f: File | null) => {
    setReadError(null);
    setFile(null);
    dry.reset();
    real.reset();
    if (!f) return;
    try {
      const json = JSON.parse(await f.text());
      setFile({ name: f.name, json });
      dry.mutate(json);
    } catch {
      setReadError(t('metadata.package.notJson', { name: f.name }));
    }
  };
  const report = real.data ?? dry.data;
  return (
    <Card withBorder>
      <Stack>
        <Title order={5}>{t('metadata.package.importTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('metadata.package.importHint')}
        </Text>
        <Group>
          <FileButton onChange={onFile} accept="application/json,.json">
            {(p) => (
              <Button {...p} variant="light" data-testid="meta-package-file">
                {t('metadata.package.choose')}
              </Button>
            )}
          </FileButton>
          {file && <Text size="sm">{file.name}</Text>}
        </Group>
        {readError && <Alert color="red">{readError}</Alert>}
        {(dry.error || real.error) && <Alert color="red">{((dry.error ?? real.error) as Error).message}</Alert>}
        {dry.isPending && <Text size="sm">{t('metadata.package.checking')}</Text>}
        {report && <ReportView report={report} />}
        {dry.data && !real.data && (
          <Group>
            <Button
              disabled={dry.data.status !== 'OK'}
              loading={real.isPending}
              onClick={() => file && real.mutate(file.json)}
              data-testid="meta-package-confirm"
            >
              {t('metadata.package.confirm')}
            </Button>
            {dry.data.status !== 'OK' && (
              <Text size="sm" c="red">
                {t('metadata.package.fixFirst')}
              </Text>
            )}
          </Group>
        )}
        {real.data?.status === 'OK' && (
          <Alert color="green" data-testid="meta-package-done">
            {t('metadata.package.done')}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/** The contract's PACKAGE_TYPES (kept here as a type-checked copy: the web app imports contracts for their types only). */
const TYPE_ORDER: readonly PackageType[] = [
  'categoryOptions', 'categories', 'categoryCombos', 'categoryOptionCombos', 'constants', 'indicatorTypes', 'dataElements', 'dataSets',
  'indicators', 'validationRules', 'organisationUnitGroupSets', 'organisationUnitGroups',
];

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const n = formatNumber;
  const types = TYPE_ORDER.filter((k) => report.types[k]);
  return (
    <Stack gap="xs" data-testid="meta-package-report">
      <Group>
        <Badge color={report.status === 'OK' ? 'green' : 'red'} size="lg" data-testid="meta-package-status">
          {report.status === 'OK' ? t('metadata.package.statusOk') : t('metadata.package.statusError')}
        </Badge>
        {report.dryRun && <Badge variant="light">{t('metadata.package.dryRun')}</Badge>}
        <Badge variant="outline">{report.format === 'dhis2' ? 'DHIS2' : 'soyte'}</Badge>
        {report.package && (
          <Text size="sm">
            {report.package.name} ({report.package.code}, {report.package.version})
          </Text>
        )}
      </Group>
      <Text size="sm">
        {t('metadata.package.stats', {
          created: n(report.stats.created),
          updated: n(report.stats.updated),
          unchanged: n(report.stats.unchanged),
          ignored: n(report.stats.ignored),
          deleted: n(report.stats.deleted),
        })}
      </Text>
      {report.errors.length > 0 && (
        <Alert color="red" title={t('metadata.package.errors', { n: n(report.errors.length) })} data-testid="meta-package-errors">
          <List size="sm">
            {report.errors.slice(0, 200).map((e, i) => (
              <List.Item key={i}>
                <b>{t(`metadata.types.${e.type}`, { defaultValue: e.type })}</b> {e.code}
                {e.field ? ` (${e.field})` : ''}: {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Table withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('metadata.package.type')}</Table.Th>
            <Table.Th>{t('metadata.package.created')}</Table.Th>
            <Table.Th>{t('metadata.package.updated')}</Table.Th>
            <Table.Th>{t('metadata.package.unchanged')}</Table.Th>
            <Table.Th>{t('metadata.package.deleted')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {types.map((k) => {
            const r = report.types[k]!;
            return (
              <Table.Tr key={k}>
                <Table.Td>{t(`metadata.types.${k}`, { defaultValue: k })}</Table.Td>
                <Table.Td title={r.created.join(', ')}>{n(r.created.length)}</Table.Td>
                <Table.Td title={r.updated.map((u) => `${u.code}: ${u.changes.join(', ')}`).join('\n')}>{n(r.updated.length)}</Table.Td>
                <Table.Td>{n(r.unchanged)}</Table.Td>
                <Table.Td>{n(r.deleted?.length ?? 0)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {types.some((k) => report.types[k]!.updated.length) && (
        <details>
          <summary>{t('metadata.package.changes')}</summary>
          <List size="sm">
            {types.flatMap((k) =>
              report.types[k]!.updated.map((u) => (
                <List.Item key={`${k}-${u.code}`}>
                  {t(`metadata.types.${k}`, { defaultValue: k })} <b>{u.code}</b>: {u.changes.join(', ')}
                </List.Item>
              )),
            )}
          </List>
        </details>
      )}
      {report.warnings.length > 0 && (
        <details data-testid="meta-package-warnings">
          <summary>{t('metadata.package.warnings', { n: n(report.warnings.length) })}</summary>
          <List size="sm">
            {report.warnings.slice(0, 500).map((w, i) => (
              <List.Item key={i}>{w.message}</List.Item>
            ))}
          </List>
        </details>
      )}
    </Stack>
  );
}

function ExportCard() {
  const { t } = useTranslation();
  const sets = useOptions('dataSets');
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <Card withBorder>
      <Stack>
        <Title order={5}>{t('metadata.package.exportTitle')}</Title>
        <MultiSelect
          label={t('metadata.package.exportSets')}
          description={t('metadata.package.exportHint')}
          data={sets.options}
          value={chosen}
          onChange={setChosen}
          searchable
          clearable
          data-testid="meta-export-sets"
        />
        <Group>
          <Anchor href={metaApi.exportUrl(chosen)} download data-testid="meta-export-link">
            <Button component="span" variant="light">
              {t('metadata.package.export')}
            </Button>
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}
