// "Thiết bị ít/không sử dụng" (/equipment/idle): the idle assets of a unit's subtree, each with the
// units in the user's scope whose missing list lacks its kind (most missing first), offered as transfer
// candidates: "Đề xuất điều chuyển" opens the proposal with that unit as the receiver.
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth';
import { ErrorAlert, Loading } from '../../../components/common';
import { OuPicker, type OuChoice } from '../../../components/OuPicker';
import { formatDate, formatNumber } from '../../../format';
import { Link } from '../../../router';
import { AreaNav, money } from '../parts';
import { useUnitParam } from '../care/careParts';
import { ProposalForm } from './ProposalForm';
import { useIdle, type IdleAsset } from './stockApi';

export function IdlePage() {
  const { t } = useTranslation();
  const [unit, setUnit] = useUnitParam();
  const idle = useIdle(unit ? String(unit.id) : undefined);
  const [done, setDone] = useState<string | null>(null);

  return (
    <Stack gap="sm" data-testid="idle-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.stock.idle.title')}</Title>
        <AreaNav active="idle" />
      </Group>
      <div style={{ maxWidth: 480 }}>
        <OuPicker label={t('equipment.care.unit')} value={unit} onChange={setUnit} testId="idle-unit" />
      </div>
      <Text size="sm" c="dimmed">
        {t('equipment.stock.idle.intro')}
      </Text>
      {done && (
        <Alert color="green" withCloseButton onClose={() => setDone(null)} data-testid="idle-done">
          {done}{' '}
          <Anchor component={Link} to="/equipment/proposals">
            {t('equipment.stock.prop.title')}
          </Anchor>
        </Alert>
      )}
      {idle.isPending ? (
        <Loading />
      ) : idle.isError ? (
        <ErrorAlert error={idle.error} />
      ) : idle.data.assets.length === 0 ? (
        <Text c="dimmed" data-testid="idle-empty">
          {t('equipment.stock.idle.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {idle.data.assets.map((a) => (
            <IdleCard key={a.id} a={a} onProposed={(to) => setDone(t('equipment.stock.idle.proposed', { name: a.name, unit: to }))} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function IdleCard({ a, onProposed }: { a: IdleAsset; onProposed: (to: string) => void }) {
  const { t } = useTranslation();
  const manage = useCan('equipment:manage');
  const [to, setTo] = useState<OuChoice | null | undefined>(undefined);
  return (
    <Card withBorder padding="sm" data-testid="idle-card" data-tag={a.tag}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/equipment/assets/${a.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
            {a.name}
            {a.quantity > 1 ? ` × ${formatNumber(a.quantity)}` : ''}
          </Anchor>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {[a.tag, a.categoryName, a.orgUnit.name, a.room].filter(Boolean).join(' · ')}
          </Text>
          <Text size="xs" c="dimmed">
            {money(a.cost)} · {t('equipment.field.acquired')}: {formatDate(a.acquired)}
          </Text>
        </div>
        <Badge variant="light" color="gray" tt="none" style={{ flex: 'none' }}>
          {t('equipment.status.idle')}
        </Badge>
      </Group>
      {a.candidates.length > 0 ? (
        <Stack gap={4} mt={6}>
          <Text size="sm" fw={500}>
            {t('equipment.stock.idle.lacking')}
          </Text>
          {a.candidates.map((c) => (
            <Group key={`${c.orgUnit.id}-${c.item}`} justify="space-between" wrap="wrap" gap="xs" data-testid="idle-candidate">
              <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {c.orgUnit.name} — {t('equipment.stock.idle.missing', { item: c.item, n: formatNumber(c.missing) })}
              </Text>
              {manage && (
                <Button size="compact-xs" variant="light" onClick={() => setTo({ id: c.orgUnit.id, label: c.orgUnit.name })} data-testid="idle-propose">
                  {t('equipment.stock.idle.propose')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mt={4}>
          {t('equipment.stock.idle.noCandidates')}
        </Text>
      )}
      {manage && to === undefined && a.candidates.length === 0 && (
        <Button size="compact-xs" variant="subtle" mt={4} onClick={() => setTo(null)}>
          {t('equipment.stock.idle.proposeOther')}
        </Button>
      )}
      {to !== undefined && (
        <div style={{ marginTop: 8 }}>
          <ProposalForm
            key={to ? String(to.id) : 'none'}
            assetId={a.id}
            assetCost={a.cost}
            kind="transfer"
            toUnit={to}
            onCancel={() => setTo(undefined)}
            onDone={(p) => {
              setTo(undefined);
              onProposed(p.toUnit?.name ?? '');
            }}
          />
        </div>
      )}
    </Card>
  );
}
