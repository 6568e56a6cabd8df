// One asset (/equipment/assets/<id>, or /equipment/tag/<TAG> from a scanned label): what it is, its
// value today, its inspections due, its photos and documents, and its history in words; "Sửa" for the
// centre, "Báo hỏng" with a photo from the phone's camera for the station.
import { Alert, Anchor, Button, Card, FileInput, Group, Image, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDate, formatNumber } from '../../format';
import { Link, navigate } from '../../router';
import {
  equipmentApi, equipmentKeys, fileUrl, labelsUrl, uploadWithProgress, useAsset, useAssetByTag, useCategories, workOrderPhotoUrl,
  type AssetDetail,
} from './equipmentApi';
import { AssetCare } from './care/AssetCare';
import { EventLine, Field, money, StatusBadge, useEventText } from './parts';

/** /equipment/tag/<TAG>: the asset of a scanned label, opened by its id (the address is replaced). */
export function TagPage({ tag }: { tag: string }) {
  const { t } = useTranslation();
  const found = useAssetByTag(tag);
  useEffect(() => {
    if (found.data) navigate(`/equipment/assets/${found.data.id}`, true, true);
  }, [found.data]);
  if (found.isError) {
    return (
      <Stack data-testid="tag-not-found">
        <ErrorAlert error={found.error} />
        <Anchor component={Link} to="/equipment">
          {t('equipment.nav.assets')}
        </Anchor>
      </Stack>
    );
  }
  return <Loading />;
}

export function AssetDetailPage({ id }: { id: string }) {
  const asset = useAsset(id);
  if (asset.isPending) return <Loading />;
  if (asset.isError) return <ErrorAlert error={asset.error} />;
  return <AssetView a={asset.data} />;
}


function AssetView({ a }: { a: AssetDetail }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const eventText = useEventText(categories.data?.categories);
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState(false);
  const canReport = a.can.report && ['in_use', 'idle'].includes(a.status);

  return (
    <Stack gap="sm" data-testid="asset-page" data-id={a.id} data-tag={a.tag}>
      <Anchor component={Link} to={`/equipment?orgUnit=${encodeURIComponent(a.orgUnit.id)}&unitName=${encodeURIComponent(a.orgUnit.name)}`} size="sm">
        ← {t('equipment.detail.backToList', { unit: a.orgUnit.name })}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={3} style={{ overflowWrap: 'anywhere' }} data-testid="asset-name">
            {a.name}
            {a.quantity > 1 ? ` × ${formatNumber(a.quantity)}` : ''}
          </Title>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            <Text span ff="monospace" data-testid="asset-tag">
              {a.tag}
            </Text>
            {' · '}
            {a.categoryName}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {[a.orgUnit.name, a.room].filter(Boolean).join(' · ')}
          </Text>
        </div>
        <StatusBadge status={a.status} />
      </Group>
      {a.status === 'locked' && <Alert color="red">{t('equipment.detail.locked')}</Alert>}
      {reported && (
        <Alert color="green" data-testid="breakdown-done" withCloseButton onClose={() => setReported(false)}>
          {t('equipment.breakdown.done')}
        </Alert>
      )}

      <Group gap="xs" wrap="wrap">
        {canReport && !reporting && (
          <Button color="red" onClick={() => setReporting(true)} data-testid="breakdown-open">
            {t('equipment.breakdown.open')}
          </Button>
        )}
        {a.can.manage && (
          <Button variant="default" component={Link} to={`/equipment/assets/${a.id}/edit`} data-testid="asset-edit">
            {t('equipment.detail.edit')}
          </Button>
        )}
        {a.can.manage && (
          <Button variant="default" component={Link} to={`/equipment/proposals/new?asset=${a.id}`} data-testid="asset-propose">
            {t('equipment.detail.propose')}
          </Button>
        )}
        <Button variant="default" component="a" href={labelsUrl({ assets: [a.id] })} target="_blank" rel="noopener" data-testid="asset-label">
          {t('equipment.detail.label')}
        </Button>
      </Group>
      {reporting && (
        <BreakdownForm
          a={a}
          onCancel={() => setReporting(false)}
          onDone={() => {
            setReporting(false);
            setReported(true);
          }}
        />
      )}

      <AssetCare assetId={a.id} assetName={a.name} />

      <Card withBorder padding="sm" data-testid="asset-value">
        <Text fw={600} mb={4}>
          {t('equipment.detail.value', { date: formatDate(a.value.date) })}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          <Field label={t('equipment.field.cost')}>{money(a.value.cost)}</Field>
          <Field label={t('equipment.detail.wear')}>{money(a.value.accumulatedWear)}</Field>
          <Field label={t('equipment.detail.residual')}>
            <span data-testid="asset-residual">{money(a.value.residual)}</span>
          </Field>
        </SimpleGrid>
        {a.value.fullyWorn && (
          <Text size="sm" c="orange" mt={4}>
            {t('equipment.detail.fullyWorn')}
          </Text>
        )}
        {!a.fixedAsset && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('equipment.detail.notFixed')}
          </Text>
        )}
      </Card>

      <Card withBorder padding="sm">
        <Text fw={600} mb={4}>
          {t('equipment.detail.info')}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
          <Field label={t('equipment.field.make')}>{a.make}</Field>
          <Field label={t('equipment.field.model')}>{a.model}</Field>
          <Field label={t('equipment.field.serial')}>{a.serial}</Field>
          <Field label={t('equipment.field.yearMade')}>{a.yearMade}</Field>
          <Field label={t('equipment.field.origin')}>{a.origin}</Field>
          <Field label={t('equipment.field.supplier')}>{a.supplier}</Field>
          <Field label={t('equipment.field.acquired')}>{formatDate(a.acquired)}</Field>
          <Field label={t('equipment.field.funding')}>{t(`equipment.funding.${a.funding}`)}</Field>
          <Field label={t('equipment.field.riskClass')}>{a.riskClass}</Field>
          <Field label={t('equipment.field.warrantyUntil')}>{formatDate(a.warrantyUntil)}</Field>
          <Field label={t('equipment.field.statusSince')}>{formatDate(a.statusSince)}</Field>
          <Field label={t('equipment.field.accessories')}>{a.accessories}</Field>
          <Field label={t('equipment.field.notes')}>{a.notes}</Field>
        </SimpleGrid>
      </Card>

      {a.files.length > 0 && (
        <Card withBorder padding="sm" data-testid="asset-files">
          <Text fw={600} mb={4}>
            {t('equipment.detail.files')}
          </Text>
          <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs">
            {a.files
              .filter((f) => f.kind === 'photo')
              .map((f) => (
                <a key={f.id} href={fileUrl(a.id, f.id)} target="_blank" rel="noopener" data-testid="asset-photo">
                  <Image src={fileUrl(a.id, f.id)} alt={f.fileName} h={90} fit="cover" radius="sm" loading="lazy" />
                </a>
              ))}
          </SimpleGrid>
          {a.files
            .filter((f) => f.kind === 'document')
            .map((f) => (
              <Anchor key={f.id} href={fileUrl(a.id, f.id)} size="sm" display="block">
                {f.fileName} ({formatNumber(Math.ceil(f.size / 1024))} KB)
              </Anchor>
            ))}
        </Card>
      )}

      <Card withBorder padding="sm">
        <Text fw={600} mb={4}>
          {t('equipment.detail.history')}
        </Text>
        <Stack gap="xs" data-testid="asset-history">
          {a.history.map((e) => (
            <EventLine key={e.id} e={e} text={eventText(e)} />
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}

/** "Báo hỏng": what is wrong, and a photo taken with the phone's camera. */
function BreakdownForm({ a, onCancel, onDone }: { a: AssetDetail; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [fault, setFault] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const wo = await equipmentApi.reportBreakdown(a.id, fault.trim(), null);
      if (photo) await uploadWithProgress(workOrderPhotoUrl(wo.id), photo, me.csrfToken);
      await qc.invalidateQueries({ queryKey: equipmentKeys.all });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="sm" data-testid="breakdown-form">
      <Stack gap="xs">
        <Textarea
          label={t('equipment.breakdown.fault')}
          placeholder={t('equipment.breakdown.faultHint')}
          required
          autosize
          minRows={2}
          value={fault}
          onChange={(e) => setFault(e.currentTarget.value)}
          data-testid="breakdown-fault"
        />
        <FileInput
          label={t('equipment.breakdown.photo')}
          placeholder={t('equipment.breakdown.photoHint')}
          accept="image/*"
          capture="environment"
          clearable
          value={photo}
          onChange={setPhoto}
          data-testid="breakdown-photo"
        />
        <ErrorAlert error={error} testId="breakdown-error" />
        <Group gap="xs">
          <Button color="red" onClick={() => void submit()} loading={busy} disabled={!fault.trim()} data-testid="breakdown-submit">
            {t('equipment.breakdown.submit')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('equipment.common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
