// "Thanh lý, điều chuyển" (/equipment/proposals): liquidation and transfer proposals of a unit (sent or
// received; "việc cần làm" shows only those the user can act on now), each with its steps: decide
// (approve with the decision's number, or reject), carry out (liquidation), hand over and accept
// (transfer), withdraw, and the handover minutes in Word. /equipment/proposals/<id>: one proposal;
// /equipment/proposals/new?asset=<id>: a new one for an asset.
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title, type MantineColor } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { ErrorAlert, Loading, splitError } from '../../../components/common';
import { OuPicker } from '../../../components/OuPicker';
import { formatDate, formatDateTime } from '../../../format';
import { Link, navigate, useRoute } from '../../../router';
import { useAsset } from '../equipmentApi';
import { AreaNav, Field, money, StatusBadge } from '../parts';
import { useUnitParam } from '../care/careParts';
import { ProposalForm } from './ProposalForm';
import { minutesUrl, PROPOSAL_STATUSES, stockApi, stockKeys, useProposals, type Proposal, type ProposalStatus } from './stockApi';

/** /equipment/proposals[/new?asset=<id> | /<id>] */
export function ProposalRoutes() {
  const [, , id] = useRoute();
  if (id === 'new') return <NewProposalPage assetId={new URLSearchParams(location.search).get('asset') ?? ''} />;
  if (id) return <OneProposalPage key={id} id={id} />;
  return <ProposalsPage />;
}

const STATUS_COLOR: Record<ProposalStatus, MantineColor> = { proposed: 'blue', approved: 'teal', rejected: 'red', handed_over: 'orange', done: 'green', withdrawn: 'gray' };

function ProposalsPage() {
  const { t } = useTranslation();
  const [unit, setUnit] = useUnitParam();
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [actionable, setActionable] = useState(false);
  const list = useProposals({ orgUnit: unit ? String(unit.id) : undefined, kind: kind ?? undefined, status: status ?? undefined, actionable: actionable ? 'true' : undefined });

  return (
    <Stack gap="sm" data-testid="proposals-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.stock.prop.title')}</Title>
        <AreaNav active="proposals" />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <OuPicker label={t('equipment.care.unit')} value={unit} onChange={setUnit} testId="proposals-unit" />
        </div>
        <Select
          style={{ flex: '1 1 150px' }}
          label={t('equipment.stock.prop.kindLabel')}
          clearable
          placeholder={t('equipment.stock.prop.allKinds')}
          data={['liquidation', 'transfer'].map((k) => ({ value: k, label: t(`equipment.stock.prop.kind.${k}`) }))}
          value={kind}
          onChange={setKind}
        />
        <Select
          style={{ flex: '1 1 150px' }}
          label={t('equipment.stock.prop.statusLabel')}
          clearable
          placeholder={t('equipment.stock.prop.allStatuses')}
          data={PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`equipment.stock.prop.status.${s}`) }))}
          value={status}
          onChange={setStatus}
        />
        <Checkbox label={t('equipment.stock.prop.actionable')} checked={actionable} onChange={(e) => setActionable(e.currentTarget.checked)} mb={8} data-testid="proposals-actionable" />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.proposals.length === 0 ? (
        <Text c="dimmed" data-testid="proposals-empty">
          {t('equipment.stock.prop.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {list.data.proposals.map((p) => (
            <ProposalCard key={p.id} p={p} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function OneProposalPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const p = useQuery({ queryKey: stockKeys.proposal(id), queryFn: () => api.get<Proposal>(`/api/equipment/proposals/${encodeURIComponent(id)}`) });
  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/equipment/proposals" size="sm">
        ← {t('equipment.stock.prop.title')}
      </Anchor>
      {p.isPending ? <Loading /> : p.isError ? <ErrorAlert error={p.error} /> : <ProposalCard p={p.data} />}
    </Stack>
  );
}

function NewProposalPage({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const a = useAsset(assetId);
  if (a.isPending) return <Loading />;
  if (a.isError) return <ErrorAlert error={a.error} />;
  return (
    <Stack gap="sm" data-testid="new-proposal-page">
      <Anchor component={Link} to={`/equipment/assets/${a.data.id}`} size="sm">
        ← {a.data.name}
      </Anchor>
      <Title order={3}>{t('equipment.stock.prop.new')}</Title>
      <Text size="sm" c="dimmed">
        {a.data.name} · {a.data.tag} · {a.data.orgUnit.name}
      </Text>
      <ProposalForm assetId={a.data.id} assetCost={a.data.cost} onDone={(p) => navigate(`/equipment/proposals/${p.id}`)} onCancel={() => history.back()} />
    </Stack>
  );
}


type Step = 'approve' | 'reject' | 'done' | 'hand-over' | 'accept' | 'withdraw';

function ProposalCard({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step | null>(null);
  const [decisionNo, setDecisionNo] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { fields, general } = splitError(error, ['decisionNo', 'note']);
  const steps: Step[] = [
    ...(p.can.decide ? (['approve', 'reject'] as const) : []),
    ...(p.can.done ? (['done'] as const) : []),
    ...(p.can.handOver ? (['hand-over'] as const) : []),
    ...(p.can.accept ? (['accept'] as const) : []),
    ...(p.can.withdraw ? (['withdraw'] as const) : []),
  ];
  const send = async () => {
    if (!step) return;
    setBusy(true);
    setError(null);
    try {
      const next =
        step === 'approve' || step === 'reject'
          ? await stockApi.decide(p.id, { approve: step === 'approve', decisionNo: decisionNo.trim() || null, note: note.trim() || null })
          : await stockApi.step(p.id, step, note.trim() || null);
      qc.setQueryData(stockKeys.proposal(p.id), next);
      setStep(null);
      setNote('');
      void qc.invalidateQueries({ queryKey: stockKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const who = (name: string | null, at: string | null) => (at ? [formatDateTime(at), name].filter(Boolean).join(' · ') : null);

  return (
    <Card withBorder padding="sm" data-testid="proposal-card" data-kind={p.kind} data-status={p.status}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {t(`equipment.stock.prop.kind.${p.kind}`)}:{' '}
            <Anchor component={Link} to={`/equipment/assets/${p.asset.id}`} fw={600}>
              {p.asset.name}
            </Anchor>
          </Text>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {p.asset.tag} · {p.fromUnit.name}
            {p.toUnit ? ` → ${p.toUnit.name}` : ''}
          </Text>
        </div>
        <Stack gap={4} align="flex-end">
          <Badge color={STATUS_COLOR[p.status]} variant="light" tt="none" style={{ flex: 'none' }} data-testid="proposal-status">
            {t(`equipment.stock.prop.status.${p.status}`)}
          </Badge>
          <StatusBadge status={p.asset.status} />
        </Stack>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mt={6}>
        <Field label={t('equipment.stock.prop.reason')}>{t(`equipment.stock.prop.reasons.${p.reason}`)}</Field>
        <Field label={t('equipment.field.cost')}>{money(p.asset.cost)}</Field>
        <Field label={t('equipment.stock.prop.residual')}>{money(p.residual)}</Field>
        <Field label={t('equipment.stock.prop.repairEstimate')}>{p.repairEstimate !== null ? money(p.repairEstimate) : null}</Field>
        <Field label={t('equipment.stock.prop.decider')}>{t(`equipment.stock.prop.deciders.${p.decider}`, { unit: p.accountingUnit.name })}</Field>
        <Field label={t('equipment.stock.prop.proposed')}>{who(p.createdBy, p.createdAt)}</Field>
        <Field label={t('equipment.stock.prop.decision')}>
          {p.decidedAt ? [p.decisionNo, who(p.decidedBy, p.decidedAt), p.decisionNote].filter(Boolean).join(' · ') : null}
        </Field>
        <Field label={t('equipment.stock.prop.handedOver')}>{who(p.handedOverBy, p.handedOverAt)}</Field>
        <Field label={p.kind === 'transfer' ? t('equipment.stock.prop.accepted') : t('equipment.stock.prop.carriedOut')}>{who(p.acceptedBy, p.acceptedAt)}</Field>
        <Field label={t('equipment.field.acquired')}>{formatDate(p.asset.acquired)}</Field>
      </SimpleGrid>
      {p.note && (
        <Text size="sm" mt={4} fs="italic" style={{ overflowWrap: 'anywhere' }}>
          {p.note}
        </Text>
      )}
      {(steps.length > 0 || p.can.minutes) && (
        <Group gap="xs" wrap="wrap" mt="xs">
          {steps.map((s) => (
            <Button
              key={s}
              size="xs"
              variant={step === s ? 'filled' : 'light'}
              color={s === 'reject' || s === 'withdraw' ? 'red' : s === 'approve' || s === 'accept' || s === 'done' ? 'green' : undefined}
              onClick={() => setStep(step === s ? null : s)}
              data-testid={`proposal-${s}`}
            >
              {t(`equipment.stock.prop.action.${s}`)}
            </Button>
          ))}
          {p.can.minutes && (
            <Button component="a" href={minutesUrl(p.id)} size="xs" variant="default" data-testid="proposal-minutes">
              {t('equipment.stock.prop.minutes')}
            </Button>
          )}
        </Group>
      )}
      {step && (
        <Stack gap="xs" mt="xs" data-testid="proposal-step-form">
          {step === 'approve' && (
            <TextInput
              label={t('equipment.stock.prop.decisionNo')}
              placeholder={t('equipment.stock.prop.decisionNoHint')}
              required
              value={decisionNo}
              onChange={(e) => setDecisionNo(e.currentTarget.value)}
              error={fields.decisionNo}
              data-testid="proposal-decision-no"
            />
          )}
          <Textarea label={t('equipment.care.note')} autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fields.note} />
          {step === 'done' && <Alert color="orange" p="xs">{t('equipment.stock.prop.doneWarning')}</Alert>}
          <ErrorAlert error={general} testId="proposal-step-error" />
          <Group gap="xs">
            <Button size="xs" onClick={() => void send()} loading={busy} disabled={step === 'approve' && !decisionNo.trim()} data-testid="proposal-send">
              {t(`equipment.stock.prop.action.${step}`)}
            </Button>
            <Button size="xs" variant="default" onClick={() => setStep(null)} disabled={busy}>
              {t('equipment.common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
