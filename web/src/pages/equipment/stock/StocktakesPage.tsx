// "Kiểm kê" (/equipment/stocktakes): the campaigns covering a unit, a new campaign (name, date, unit)
// for a manager; one campaign (/equipment/stocktakes/<id>): its units with their progress, the
// differences (with "Áp dụng" per difference for a manager), closing, and the record to download in
// Word and Excel; a unit's count (/equipment/stocktakes/<id>/units/<unit>, CountPage.tsx).
import { Anchor, Badge, Button, Card, Checkbox, Group, Progress, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth';
import { DateField, ErrorAlert, Loading, splitError } from '../../../components/common';
import { OuPicker, type OuChoice } from '../../../components/OuPicker';
import { formatDate, formatDateTime, formatNumber, today } from '../../../format';
import { Link, navigate, useRoute } from '../../../router';
import { AreaNav, useNarrow } from '../parts';
import { useUnitParam } from '../care/careParts';
import { CountPage } from './CountPage';
import { DifferencesTable } from './Differences';
import { recordUrl, stockApi, stockKeys, useStocktake, useStocktakes, type StocktakeDetail } from './stockApi';

/** /equipment/stocktakes[/<id>[/units/<unit>]] */
export function StocktakeRoutes() {
  const [, , id, part, unit] = useRoute();
  if (id && part === 'units' && unit) return <CountPage key={`${id}/${unit}`} id={id} unit={unit} />;
  if (id) return <StocktakePage key={id} id={id} />;
  return <StocktakesPage />;
}

function StocktakesPage() {
  const { t } = useTranslation();
  const manage = useCan('equipment:manage');
  const [unit, setUnit] = useUnitParam();
  const [status, setStatus] = useState('open');
  const list = useStocktakes(unit ? String(unit.id) : undefined, status === 'all' ? undefined : status);
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="sm" data-testid="stocktakes-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.stock.title')}</Title>
        <AreaNav active="stocktakes" />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <OuPicker label={t('equipment.care.unit')} value={unit} onChange={setUnit} testId="stocktakes-unit" />
        </div>
        <SegmentedControl value={status} onChange={setStatus} data={['open', 'closed', 'all'].map((s) => ({ value: s, label: t(`equipment.stock.filter.${s}`) }))} />
        {manage && !creating && (
          <Button onClick={() => setCreating(true)} data-testid="stocktake-new">
            {t('equipment.stock.new')}
          </Button>
        )}
      </Group>
      {creating && <CreateForm unit={unit} onCancel={() => setCreating(false)} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.stocktakes.length === 0 ? (
        <Text c="dimmed" data-testid="stocktakes-empty">
          {t('equipment.stock.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {list.data.stocktakes.map((s) => (
            <Card key={s.id} withBorder padding="sm" component={Link} to={`/equipment/stocktakes/${s.id}`} data-testid="stocktake-card" data-id={s.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                <Text fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {s.name}
                </Text>
                <Badge color={s.status === 'open' ? 'blue' : 'gray'} variant="light" tt="none" style={{ flex: 'none' }}>
                  {t(`equipment.stock.status.${s.status}`)}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t('equipment.stock.asOf', { date: formatDate(s.asOf) })} · {s.orgUnit.name}
              </Text>
              <Group gap="xs" wrap="nowrap" mt={4}>
                <Progress value={s.progress.units ? (s.progress.confirmed / s.progress.units) * 100 : 0} w={120} size="sm" />
                <Text size="sm">{t('equipment.stock.unitsConfirmed', { confirmed: formatNumber(s.progress.confirmed), units: formatNumber(s.progress.units) })}</Text>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function CreateForm({ unit, onCancel }: { unit: OuChoice | null; onCancel: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const year = today().slice(0, 4);
  const [name, setName] = useState(t('equipment.stock.defaultName', { year }));
  const [asOf, setAsOf] = useState(today());
  const [root, setRoot] = useState<OuChoice | null>(unit);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { fields, general } = splitError(error, ['name', 'asOf', 'orgUnit']);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await stockApi.create({ name: name.trim(), asOf, orgUnit: root ? String(root.id) : undefined });
      void qc.invalidateQueries({ queryKey: stockKeys.all });
      navigate(`/equipment/stocktakes/${s.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="sm" data-testid="stocktake-form">
      <Stack gap="xs">
        <TextInput label={t('equipment.stock.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} data-testid="stocktake-name" />
        <DateField label={t('equipment.stock.asOfDate')} required value={asOf} onChange={setAsOf} error={fields.asOf} data-testid="stocktake-as-of" />
        <OuPicker label={t('equipment.stock.scope')} value={root} onChange={setRoot} error={fields.orgUnit} testId="stocktake-scope" />
        <Text size="xs" c="dimmed">
          {t('equipment.stock.scopeHint')}
        </Text>
        <ErrorAlert error={general} testId="stocktake-error" />
        <Group gap="xs">
          <Button onClick={() => void submit()} loading={busy} disabled={!name.trim() || !asOf} data-testid="stocktake-create">
            {t('equipment.stock.create')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('equipment.common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function StocktakePage({ id }: { id: string }) {
  const s = useStocktake(id);
  if (s.isPending) return <Loading />;
  if (s.isError) return <ErrorAlert error={s.error} />;
  return <StocktakeView s={s.data} />;
}

function Downloads({ id, unit }: { id: string; unit?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Button component="a" href={recordUrl(id, 'docx', unit)} variant="default" size="xs" data-testid="record-docx">
        {t('equipment.stock.recordDocx')}
      </Button>
      <Button component="a" href={recordUrl(id, 'xlsx', unit)} variant="default" size="xs" data-testid="record-xlsx">
        {t('equipment.stock.recordXlsx')}
      </Button>
    </Group>
  );
}

function StocktakeView({ s }: { s: StocktakeDetail }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const qc = useQueryClient();
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      await stockApi.close(s.id, force);
      await qc.invalidateQueries({ queryKey: stockKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const totalDiffs = s.totals.missing + s.totals.surplus + s.totals.condition + s.totals.quantity;

  return (
    <Stack gap="sm" data-testid="stocktake-page" data-id={s.id}>
      <Anchor component={Link} to="/equipment/stocktakes" size="sm">
        ← {t('equipment.stock.back')}
      </Anchor>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={3} style={{ overflowWrap: 'anywhere' }}>
            {s.name}
          </Title>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('equipment.stock.asOf', { date: formatDate(s.asOf) })} · {s.orgUnit.name}
            {s.createdBy ? ` · ${t('equipment.stock.createdBy', { who: s.createdBy })}` : ''}
          </Text>
        </div>
        <Badge color={s.status === 'open' ? 'blue' : 'gray'} variant="light" tt="none" style={{ flex: 'none' }} data-testid="stocktake-status">
          {t(`equipment.stock.status.${s.status}`)}
          {s.closedAt ? ` ${formatDate(s.closedAt)}` : ''}
        </Badge>
      </Group>
      <Text size="sm" data-testid="stocktake-progress">
        {t('equipment.stock.unitsConfirmed', { confirmed: formatNumber(s.progress.confirmed), units: formatNumber(s.progress.units) })}
        {' · '}
        {t('equipment.stock.diffTotals', {
          missing: formatNumber(s.totals.missing), surplus: formatNumber(s.totals.surplus), condition: formatNumber(s.totals.condition), quantity: formatNumber(s.totals.quantity),
        })}
      </Text>
      <Downloads id={s.id} />

      <Title order={4}>{t('equipment.stock.units')}</Title>
      {s.units.length === 0 ? (
        <Text c="dimmed">{t('equipment.stock.noUnits')}</Text>
      ) : narrow ? (
        <Stack gap="xs">
          {s.units.map((u) => (
            <Card key={u.orgUnit.id} withBorder padding="sm" component={Link} to={`/equipment/stocktakes/${s.id}/units/${u.orgUnit.id}`} data-testid="stocktake-unit" data-unit={u.orgUnit.code}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {u.orgUnit.name}
                </Text>
                {u.confirmedAt ? (
                  <Badge color="green" variant="light" tt="none" style={{ flex: 'none' }}>
                    {t('equipment.stock.confirmed')}
                  </Badge>
                ) : (
                  <Badge color="orange" variant="light" tt="none" style={{ flex: 'none' }}>
                    {t('equipment.stock.counting')}
                  </Badge>
                )}
              </Group>
              <Text size="sm">{t('equipment.stock.marked', { marked: formatNumber(u.marked), held: formatNumber(u.held) })}</Text>
              <Progress value={u.held ? (u.marked / u.held) * 100 : 100} size="sm" mt={4} />
            </Card>
          ))}
        </Stack>
      ) : (
        <Table striped highlightOnHover data-testid="stocktake-units">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('equipment.field.orgUnit')}</Table.Th>
              <Table.Th>{t('equipment.stock.progress')}</Table.Th>
              <Table.Th ta="right">{t('equipment.stock.surplusCount')}</Table.Th>
              <Table.Th ta="right">{t('equipment.stock.differences')}</Table.Th>
              <Table.Th>{t('equipment.stock.confirmation')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.units.map((u) => (
              <Table.Tr key={u.orgUnit.id} data-testid="stocktake-unit" data-unit={u.orgUnit.code}>
                <Table.Td>
                  <Anchor component={Link} to={`/equipment/stocktakes/${s.id}/units/${u.orgUnit.id}`}>
                    {u.orgUnit.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Progress value={u.held ? (u.marked / u.held) * 100 : 100} w={100} size="sm" />
                    <Text size="sm">{t('equipment.stock.marked', { marked: formatNumber(u.marked), held: formatNumber(u.held) })}</Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(u.surplus)}</Table.Td>
                <Table.Td ta="right">{formatNumber(u.differences)}</Table.Td>
                <Table.Td>
                  {u.confirmedAt ? (
                    <Text size="sm" c="green">
                      {t('equipment.stock.confirmedBy', { who: u.signers[0]?.name ?? u.confirmedBy ?? '', at: formatDateTime(u.confirmedAt) })}
                    </Text>
                  ) : (
                    <Text size="sm" c="orange">
                      {t('equipment.stock.counting')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button component="a" href={recordUrl(s.id, 'docx', u.orgUnit.id)} size="compact-xs" variant="subtle">
                      Word
                    </Button>
                    <Button component="a" href={recordUrl(s.id, 'xlsx', u.orgUnit.id)} size="compact-xs" variant="subtle">
                      Excel
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {totalDiffs > 0 && <DifferencesTable id={s.id} />}

      {s.can.close && (
        <Card withBorder padding="sm" data-testid="stocktake-close-card">
          <Stack gap="xs">
            <Text size="sm">{t('equipment.stock.closeHint')}</Text>
            {s.progress.confirmed < s.progress.units && (
              <Checkbox label={t('equipment.stock.force', { count: s.progress.units - s.progress.confirmed })} checked={force} onChange={(e) => setForce(e.currentTarget.checked)} />
            )}
            <ErrorAlert error={error} />
            <Group>
              <Button color="gray" onClick={() => void close()} loading={busy} data-testid="stocktake-close">
                {t('equipment.stock.close')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
