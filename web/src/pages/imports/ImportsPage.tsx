// Imports and exports of data values: upload DHIS2 JSON/CSV or a filled Excel template (with a dry
// run, all-or-nothing, identifier scheme), see what was taken and what was refused; download the
// Excel template of a form; export values as CSV or JSON.
import { Alert, Anchor, Badge, Button, Card, Checkbox, FileInput, Group, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../../api';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { formatNumber } from '../../format';
import i18n from '../../i18n';
import type { ImportConflict, ImportSummary } from '../../../../src/modules/imports/imports.contract.js';
import type { DataSetItem, MetaPage } from '../../../../src/modules/metadata/metadata.contract.js';

const STATUS_COLOR = { SUCCESS: 'green', WARNING: 'yellow', ERROR: 'red' } as const;

function contentTypeOf(file: File): string {
  const n = file.name.toLowerCase();
  if (n.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (n.endsWith('.csv')) return 'application/csv';
  if (n.endsWith('.json')) return 'application/json';
  return file.type || 'application/octet-stream';
}

/** POST with upload progress (fetch cannot report it). */
function upload(url: string, file: File, csrf: string | null | undefined, onProgress: (pct: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', contentTypeOf(file));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language === 'en' ? 'en' : 'vi');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}

function useDataSets() {
  return useQuery({
    queryKey: ['imports', 'dataSets'],
    queryFn: async () => {
      const r = await api.get<MetaPage<DataSetItem>>('/api/metadata/dataSets', { paging: 'false' });
      return r.items;
    },
  });
}

function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export function ImportsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={3}>{t('imports.title')}</Title>
      <UploadCard />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TemplateCard />
        <ExportCard />
      </SimpleGrid>
    </Stack>
  );
}

function UploadCard() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [atomic, setAtomic] = useState(false);
  const [idScheme, setIdScheme] = useState<string>('code');
  const [strategy, setStrategy] = useState<string>('CREATE_AND_UPDATE');
  const [pct, setPct] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setSummary(null);
    setPct(0);
    try {
      const me = await api.get<Me>('/api/me');
      const qs = new URLSearchParams({ idScheme, importStrategy: strategy, dryRun: String(dryRun), atomic: String(atomic) });
      const res = await upload(`/api/dataValueSets?${qs}`, file, me.csrfToken, setPct);
      if (res.status === 200) setSummary(res.body as ImportSummary);
      else {
        const e = (res.body as { error?: { message?: string } } | null)?.error;
        setError(e?.message ?? t('imports.httpError', { status: res.status }));
      }
    } catch {
      setError(t('imports.networkError'));
    } finally {
      setBusy(false);
      setPct(null);
    }
  };

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('imports.upload.title')}</Title>
        <Text size="sm" c="dimmed">{t('imports.upload.hint')}</Text>
        <Group align="flex-end">
          <FileInput
            label={t('imports.upload.file')}
            placeholder={t('imports.upload.choose')}
            accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={setFile}
            w={320}
            clearable
            data-testid="imports-file"
          />
          <Select
            label={t('imports.idScheme.label')}
            value={idScheme}
            onChange={(v) => setIdScheme(v ?? 'code')}
            data={[
              { value: 'code', label: t('imports.idScheme.code') },
              { value: 'uid', label: t('imports.idScheme.uid') },
              { value: 'auto', label: t('imports.idScheme.auto') },
            ]}
            w={200}
          />
          <Select
            label={t('imports.strategy.label')}
            value={strategy}
            onChange={(v) => setStrategy(v ?? 'CREATE_AND_UPDATE')}
            data={['CREATE_AND_UPDATE', 'CREATE', 'UPDATE', 'DELETE'].map((s) => ({ value: s, label: t(`imports.strategy.${s}`) }))}
            w={220}
          />
        </Group>
        <Group>
          <Checkbox label={t('imports.dryRun')} checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} data-testid="imports-dry-run" />
          <Checkbox label={t('imports.atomic')} checked={atomic} onChange={(e) => setAtomic(e.currentTarget.checked)} data-testid="imports-atomic" />
        </Group>
        <Group>
          <Button onClick={run} disabled={!file} loading={busy} data-testid="imports-run">
            {dryRun ? t('imports.runDry') : t('imports.run')}
          </Button>
        </Group>
        {pct !== null && (
          <Stack gap={4}>
            <Text size="sm">{pct < 100 ? t('imports.uploading', { pct }) : t('imports.processing')}</Text>
            <Progress value={pct} animated={pct >= 100} />
          </Stack>
        )}
        {error && (
          <Alert color="red" data-testid="imports-error">
            {error}
          </Alert>
        )}
        {summary && <SummaryView summary={summary} />}
      </Stack>
    </Card>
  );
}

function SummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const c = summary.importCount;
  const where = (k: ImportConflict) => {
    const list = k.cells ?? (k.lines ? k.lines.map(String) : k.indexes.map((i) => String(i + 1)));
    return list.slice(0, 12).join(', ') + (list.length > 12 ? ` … (+${formatNumber(list.length - 12)})` : '');
  };
  return (
    <Stack data-testid="imports-summary">
      <Group>
        <Badge color={STATUS_COLOR[summary.status]} size="lg">
          {t(`imports.status.${summary.status}`)}
        </Badge>
        <Text>{summary.description}</Text>
      </Group>
      <Group gap="xl">
        {(['imported', 'updated', 'deleted', 'ignored'] as const).map((k) => (
          <Stack key={k} gap={0}>
            <Text size="xl" fw={700} data-testid={`imports-count-${k}`}>
              {formatNumber(c[k])}
            </Text>
            <Text size="sm" c="dimmed">{t(`imports.count.${k}`)}</Text>
          </Stack>
        ))}
      </Group>
      {summary.conflicts.length > 0 && (
        <Table striped withTableBorder data-testid="imports-conflicts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.conflicts.rows')}</Table.Th>
              <Table.Th>{t('imports.conflicts.object')}</Table.Th>
              <Table.Th>{t('imports.conflicts.message')}</Table.Th>
              <Table.Th>{t('imports.conflicts.code')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.conflicts.slice(0, 500).map((k, i) => (
              <Table.Tr key={i}>
                <Table.Td>{where(k)}</Table.Td>
                <Table.Td>{k.object}</Table.Td>
                <Table.Td>{k.value}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">{k.errorCode}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function FormChooser(props: { dataSet: string | null; setDataSet: (v: string | null) => void; unit: OuChoice | null; setUnit: (v: OuChoice | null) => void; period: string; setPeriod: (v: string) => void }) {
  const { t } = useTranslation();
  const sets = useDataSets();
  return (
    <>
      {sets.isError ? (
        <TextInput label={t('imports.dataSet')} value={props.dataSet ?? ''} onChange={(e) => props.setDataSet(e.currentTarget.value || null)} placeholder="BCTK_CS" />
      ) : (
        <Select
          label={t('imports.dataSet')}
          searchable
          value={props.dataSet}
          onChange={props.setDataSet}
          data={(sets.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          placeholder={sets.isPending ? t('imports.loading') : undefined}
        />
      )}
      <OuPicker label={t('imports.orgUnit')} value={props.unit} onChange={props.setUnit} />
      <TextInput
        label={t('imports.period')}
        description={t('imports.periodHint')}
        value={props.period}
        onChange={(e) => props.setPeriod(e.currentTarget.value.trim())}
        w={200}
      />
    </>
  );
}

function TemplateCard() {
  const { t } = useTranslation();
  const [dataSet, setDataSet] = useState<string | null>(null);
  const [unit, setUnit] = useState<OuChoice | null>(null);
  const [period, setPeriod] = useState(lastMonth());
  const ready = dataSet && unit && /^\d{4}(\d{2}|Q[1-4]|S[12])?$/.test(period);
  const href = ready ? `/api/dataValueSets/template.xlsx?${new URLSearchParams({ dataSet: dataSet!, orgUnit: String(unit!.id), period })}` : undefined;
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('imports.template.title')}</Title>
        <Text size="sm" c="dimmed">{t('imports.template.hint')}</Text>
        <FormChooser dataSet={dataSet} setDataSet={setDataSet} unit={unit} setUnit={setUnit} period={period} setPeriod={setPeriod} />
        <Group>
          <Button component="a" href={href} disabled={!ready} data-testid="imports-template">
            {t('imports.template.download')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ExportCard() {
  const { t } = useTranslation();
  const [dataSet, setDataSet] = useState<string | null>(null);
  const [unit, setUnit] = useState<OuChoice | null>(null);
  const [period, setPeriod] = useState(lastMonth());
  const [children, setChildren] = useState(true);
  const [byCode, setByCode] = useState(true);
  const ready = dataSet && unit && period;
  const url = (ext: 'csv' | 'json') =>
    ready
      ? `/api/dataValueSets.${ext}?${new URLSearchParams({
          dataSet: dataSet!,
          orgUnit: String(unit!.id),
          period,
          children: String(children),
          idScheme: byCode ? 'code' : 'uid',
        })}`
      : undefined;
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('imports.export.title')}</Title>
        <FormChooser dataSet={dataSet} setDataSet={setDataSet} unit={unit} setUnit={setUnit} period={period} setPeriod={setPeriod} />
        <Group>
          <Checkbox label={t('imports.export.children')} checked={children} onChange={(e) => setChildren(e.currentTarget.checked)} />
          <Checkbox label={t('imports.export.byCode')} checked={byCode} onChange={(e) => setByCode(e.currentTarget.checked)} />
        </Group>
        <Group>
          <Button component="a" href={url('csv')} download disabled={!ready} variant="light">
            CSV
          </Button>
          <Button component="a" href={url('json')} download disabled={!ready} variant="light">
            JSON
          </Button>
          <Anchor size="sm" href="https://docs.dhis2.org/en/develop/using-the-api/dhis-core-version-master/data.html" target="_blank" rel="noreferrer">
            {t('imports.export.dhis2')}
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}
