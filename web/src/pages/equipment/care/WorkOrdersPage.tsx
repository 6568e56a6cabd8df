// "Phiếu sửa chữa" (/equipment/work-orders): the work orders of a unit's subtree (open by default: the
// centre's equipment officer's list), and one work order (/equipment/work-orders/<id>) with its steps
// (assign, start, finish with cost, parts and outcome, cancel) and its photos.
import { Anchor, Button, Card, FileInput, Group, Image, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title, Timeline } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth';
import { ErrorAlert, Loading, splitError } from '../../../components/common';
import { OuPicker } from '../../../components/OuPicker';
import { formatDateTime, formatNumber } from '../../../format';
import { Link } from '../../../router';
import { fileUrl } from '../equipmentApi';
import { AreaNav, Field, money, StatusBadge, useNarrow } from '../parts';
import { AssetCare } from './AssetCare';
import { careApi, careKeys, OPEN_STATUSES, useWorkOrder, useWorkOrders, WORK_ORDER_OUTCOMES, type WorkOrder, type WorkOrderAction, type WorkOrderOutcome } from './careApi';
import { useUnitParam, withUnit, WorkOrderBadge } from './careParts';

const days = (n: number) => formatNumber(n);

export function WorkOrdersPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [unit, setUnit] = useUnitParam();
  const [status, setStatus] = useState('open');
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [unit?.id, status]);
  const list = useWorkOrders({ orgUnit: unit ? String(unit.id) : undefined, status, page });
  const rows = list.data?.workOrders ?? [];

  return (
    <Stack gap="sm" data-testid="work-orders-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.care.wo.title')}</Title>
        <AreaNav active="workOrders" />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <OuPicker label={t('equipment.care.unit')} value={unit} onChange={setUnit} testId="wo-unit" />
        </div>
        <SegmentedControl
          value={status}
          onChange={setStatus}
          data={['open', 'closed', 'all'].map((s) => ({ value: s, label: t(`equipment.care.wo.filter.${s}`) }))}
          data-testid="wo-filter"
        />
      </Group>
      {list.data && (
        <Text size="sm" c="dimmed">
          {t('equipment.care.wo.total', { n: formatNumber(list.data.pager.total) })}
        </Text>
      )}
      {!unit ? (
        <Text c="dimmed">{t('equipment.care.pickUnit')}</Text>
      ) : list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="wo-empty">
          {t('equipment.care.wo.empty')}
        </Text>
      ) : narrow ? (
        <Stack gap="xs">
          {rows.map((w) => (
            <Card key={w.id} withBorder padding="sm" component={Link} to={`/equipment/work-orders/${w.id}`} data-testid="wo-card">
              <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                <Text fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {w.asset.name}
                </Text>
                <WorkOrderBadge status={w.status} />
              </Group>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {[w.asset.tag, w.orgUnit.name].join(' · ')}
              </Text>
              <Text size="sm" lineClamp={2}>
                {w.fault}
              </Text>
              <Text size="xs" c="dimmed">
                {t('equipment.care.wo.reportedAt', { at: formatDateTime(w.reportedAt) })} · {t('equipment.care.wo.downtime', { n: days(w.downtimeDays) })}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={950}>
          <Table striped highlightOnHover data-testid="wo-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('equipment.care.wo.reported')}</Table.Th>
                <Table.Th>{t('equipment.field.name')}</Table.Th>
                <Table.Th>{t('equipment.field.orgUnit')}</Table.Th>
                <Table.Th>{t('equipment.care.wo.fault')}</Table.Th>
                <Table.Th>{t('equipment.care.wo.assignee')}</Table.Th>
                <Table.Th>{t('equipment.care.wo.status')}</Table.Th>
                <Table.Th ta="right">{t('equipment.care.wo.days')}</Table.Th>
                <Table.Th ta="right">{t('equipment.care.wo.cost')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((w) => (
                <Table.Tr key={w.id} data-testid="wo-row">
                  <Table.Td>{formatDateTime(w.reportedAt)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/equipment/work-orders/${w.id}`}>
                      {w.asset.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {w.asset.tag}
                    </Text>
                  </Table.Td>
                  <Table.Td>{w.orgUnit.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {w.fault}
                    </Text>
                  </Table.Td>
                  <Table.Td>{w.assignee}</Table.Td>
                  <Table.Td>
                    <WorkOrderBadge status={w.status} />
                  </Table.Td>
                  <Table.Td ta="right">{days(w.downtimeDays)}</Table.Td>
                  <Table.Td ta="right">{w.cost ? money(w.cost) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && list.data.pager.pageCount > 1 && (
        <Group>
          {Array.from({ length: list.data.pager.pageCount }, (_, i) => (
            <Button key={i} size="xs" variant={i + 1 === page ? 'filled' : 'default'} onClick={() => setPage(i + 1)}>
              {i + 1}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}


export function WorkOrderPage({ id }: { id: string }) {
  const wo = useWorkOrder(id);
  if (wo.isPending) return <Loading />;
  if (wo.isError) return <ErrorAlert error={wo.error} />;
  return <WorkOrderView w={wo.data} />;
}

function WorkOrderView({ w }: { w: WorkOrder }) {
  const { t } = useTranslation();
  const open = OPEN_STATUSES.includes(w.status);
  const steps: { label: string; at: string | null; who?: string | null }[] = [
    { label: t('equipment.care.wo.step.reported'), at: w.reportedAt, who: w.reportedBy },
    { label: t('equipment.care.wo.step.assigned', { who: w.assignee ?? '' }), at: w.assignedAt },
    { label: t('equipment.care.wo.step.started'), at: w.startedAt },
    { label: w.status === 'cancelled' ? t('equipment.care.wo.step.cancelled') : t('equipment.care.wo.step.finished'), at: w.finishedAt },
  ];
  const reached = steps.reduce((last, s, i) => (s.at ? i : last), 0);
  return (
    <Stack gap="sm" data-testid="work-order-page" data-status={w.status}>
      <Anchor component={Link} to={withUnit('/equipment/work-orders', w.orgUnit)} size="sm">
        ← {t('equipment.care.wo.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={3} style={{ overflowWrap: 'anywhere' }}>
            {t(w.kind === 'preventive' ? 'equipment.care.wo.preventiveTitle' : 'equipment.care.wo.correctiveTitle')}
          </Title>
          <Anchor component={Link} to={`/equipment/assets/${w.asset.id}`} style={{ overflowWrap: 'anywhere' }}>
            {w.asset.name}
          </Anchor>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {[w.asset.tag, w.orgUnit.name].join(' · ')}
          </Text>
        </div>
        <Stack gap={4} align="flex-end">
          <WorkOrderBadge status={w.status} />
          <StatusBadge status={w.asset.status} />
        </Stack>
      </Group>
      <Card withBorder padding="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Field label={t('equipment.care.wo.fault')}>{w.fault}</Field>
          <Field label={t('equipment.care.wo.assignee')}>{w.assignee}</Field>
          <Field label={t('equipment.care.wo.outcome')}>{w.outcome ? t(`equipment.care.wo.outcomes.${w.outcome}`) : null}</Field>
          <Field label={t('equipment.care.wo.cost')}>{w.cost ? money(w.cost) : null}</Field>
          <Field label={t('equipment.care.wo.parts')}>{w.parts}</Field>
          <Field label={t('equipment.care.note')}>{w.note}</Field>
          <Field label={t('equipment.care.wo.days')}>{days(w.downtimeDays)}</Field>
        </SimpleGrid>
      </Card>
      <Card withBorder padding="sm">
        <Timeline active={reached} bulletSize={14} lineWidth={2}>
          {steps.map((s, i) => (
            <Timeline.Item key={i} title={<Text size="sm">{s.label}</Text>}>
              <Text size="xs" c="dimmed">
                {s.at ? [formatDateTime(s.at), s.who].filter(Boolean).join(' · ') : '–'}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
      {open && w.can.manage && <WorkOrderActions w={w} />}
      <Card withBorder padding="sm" data-testid="wo-photos">
        <Text fw={600} mb={4}>
          {t('equipment.care.wo.photos')}
        </Text>
        {w.photos.length ? (
          <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs">
            {w.photos.map((p) => (
              <a key={p.id} href={fileUrl(w.asset.id, p.id)} target="_blank" rel="noopener" data-testid="wo-photo">
                <Image src={fileUrl(w.asset.id, p.id)} alt={p.fileName} h={90} fit="cover" radius="sm" loading="lazy" />
              </a>
            ))}
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">
            {t('equipment.care.wo.noPhotos')}
          </Text>
        )}
        {open && w.can.report && <PhotoUpload id={w.id} />}
      </Card>
      <Title order={4}>{t('equipment.care.wo.assetCare')}</Title>
      <AssetCare assetId={w.asset.id} assetName={`${w.asset.name} (${w.asset.tag})`} />
    </Stack>
  );
}

function PhotoUpload({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const w = await careApi.addPhoto(id, file, me.csrfToken);
      qc.setQueryData(careKeys.workOrder(id), w);
      setFile(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group align="flex-end" gap="xs" mt="xs" wrap="wrap">
      <FileInput
        style={{ flex: '1 1 200px' }}
        label={t('equipment.care.wo.addPhoto')}
        placeholder={t('equipment.breakdown.photoHint')}
        accept="image/*"
        capture="environment"
        clearable
        value={file}
        onChange={setFile}
        data-testid="wo-photo-input"
      />
      <Button onClick={() => void send()} loading={busy} disabled={!file} variant="light">
        {t('equipment.care.wo.upload')}
      </Button>
      <ErrorAlert error={error} />
    </Group>
  );
}

type Step = 'assign' | 'start' | 'finish' | 'cancel';

/** The centre's steps on an open work order (each sent with the version the user saw). */
function WorkOrderActions({ w }: { w: WorkOrder }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step | null>(null);
  const [assignee, setAssignee] = useState(w.assignee ?? '');
  const [outcome, setOutcome] = useState<WorkOrderOutcome>('repaired');
  const [cost, setCost] = useState<number | string>(0);
  const [parts, setParts] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { fields, general } = splitError(error, ['assignee', 'outcome', 'cost', 'parts', 'note']);
  const available: Step[] = w.status === 'in_repair' ? ['finish', 'cancel'] : ['assign', 'start', 'finish', 'cancel'];

  const send = async () => {
    if (!step) return;
    const base = { version: w.version, note: note.trim() || null };
    const body: WorkOrderAction =
      step === 'assign'
        ? { action: 'assign', ...base, assignee: assignee.trim() }
        : step === 'start'
          ? { action: 'start', ...base, assignee: assignee.trim() || null }
          : step === 'finish'
            ? { action: 'finish', ...base, outcome, cost: Number(cost) || 0, parts: parts.trim() || null }
            : { action: 'cancel', ...base };
    setBusy(true);
    setError(null);
    try {
      const next = await careApi.act(w.id, body);
      qc.setQueryData(careKeys.workOrder(w.id), next);
      setStep(null);
      setNote('');
      void qc.invalidateQueries({ queryKey: careKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="sm" data-testid="wo-actions">
      <Group gap="xs" wrap="wrap">
        {available.map((s) => (
          <Button
            key={s}
            size="xs"
            variant={step === s ? 'filled' : 'light'}
            color={s === 'cancel' ? 'gray' : s === 'finish' ? 'green' : undefined}
            onClick={() => setStep(step === s ? null : s)}
            data-testid={`wo-${s}`}
          >
            {t(`equipment.care.wo.action.${s}`)}
          </Button>
        ))}
      </Group>
      {step && (
        <Stack gap="xs" mt="sm" data-testid="wo-step-form">
          {(step === 'assign' || step === 'start') && (
            <TextInput
              label={t('equipment.care.wo.assignee')}
              placeholder={t('equipment.care.wo.assigneeHint')}
              required={step === 'assign'}
              value={assignee}
              onChange={(e) => setAssignee(e.currentTarget.value)}
              error={fields.assignee}
              data-testid="wo-assignee"
            />
          )}
          {step === 'finish' && (
            <>
              <Select
                label={t('equipment.care.wo.outcome')}
                data={WORK_ORDER_OUTCOMES.map((o) => ({ value: o, label: t(`equipment.care.wo.outcomes.${o}`) }))}
                value={outcome}
                onChange={(v) => setOutcome((v as WorkOrderOutcome) ?? 'repaired')}
                allowDeselect={false}
                data-testid="wo-outcome"
              />
              <NumberInput
                label={t('equipment.care.wo.costVnd')}
                min={0}
                thousandSeparator="."
                decimalSeparator=","
                allowDecimal={false}
                value={cost}
                onChange={setCost}
                error={fields.cost}
                data-testid="wo-cost"
              />
              <Textarea label={t('equipment.care.wo.parts')} autosize minRows={1} value={parts} onChange={(e) => setParts(e.currentTarget.value)} error={fields.parts} data-testid="wo-parts" />
            </>
          )}
          <Textarea label={t('equipment.care.note')} autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fields.note} />
          <ErrorAlert error={general} testId="wo-error" />
          <Group gap="xs">
            <Button onClick={() => void send()} loading={busy} disabled={step === 'assign' && !assignee.trim()} data-testid="wo-send">
              {t(`equipment.care.wo.action.${step}`)}
            </Button>
            <Button variant="default" onClick={() => setStep(null)} disabled={busy}>
              {t('equipment.common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
