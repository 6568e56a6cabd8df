// One unit's count in a stocktaking campaign (/equipment/stocktakes/<id>/units/<unit>), made for a
// phone: item by item "Có" (found, with the condition seen and, for a lot, the quantity counted) or
// "Không thấy" (missing), each saved as it is marked; surplus items found that are not in the register;
// then the confirmation with the signers' names. Once confirmed: the unit's differences and its record.
import { Alert, Anchor, Badge, Button, Card, Group, NumberInput, Progress, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth';
import { ErrorAlert, Loading } from '../../../components/common';
import { formatDate, formatDateTime, formatNumber } from '../../../format';
import { Link } from '../../../router';
import { useCategories } from '../equipmentApi';
import { StatusBadge } from '../parts';
import { DifferencesTable } from './Differences';
import {
  recordUrl, STOCK_CONDITIONS, stockApi, stockKeys, useSheet, type Signer, type StockCondition, type StocktakeLineInput, type StocktakeSheet, type StocktakeSheetItem,
} from './stockApi';

export function CountPage({ id, unit }: { id: string; unit: string }) {
  const sheet = useSheet(id, unit);
  if (sheet.isPending) return <Loading />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} />;
  return <CountView s={sheet.data} unit={unit} />;
}

function CountView({ s, unit }: { s: StocktakeSheet; unit: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [onlyLeft, setOnlyLeft] = useState(false);
  const [saving, setSaving] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const marked = s.items.filter((i) => i.line).length;
  const total = s.items.length;
  const left = total - marked;
  const edit = s.can.edit;

  const save = async (key: string, lines: StocktakeLineInput[], removeSurplus: string[] = []) => {
    setSaving(key);
    setError(null);
    try {
      const next = await stockApi.saveLines(s.stocktake.id, unit, lines, removeSurplus);
      qc.setQueryData(stockKeys.sheet(s.stocktake.id, unit), next);
      void qc.invalidateQueries({ queryKey: stockKeys.stocktake(s.stocktake.id), exact: true });
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setSaving(null);
    }
  };
  const markRest = () =>
    save(
      'rest',
      s.items.filter((i) => !i.line).map((i) => ({ outcome: 'found' as const, asset: i.asset.id, condition: i.expected, counted: i.asset.counted ? i.asset.quantity : null, note: null })),
    );
  const shown = onlyLeft ? s.items.filter((i) => !i.line) : s.items;

  return (
    <Stack gap="sm" data-testid="count-page" data-unit={s.orgUnit.code}>
      <Anchor component={Link} to={`/equipment/stocktakes/${s.stocktake.id}`} size="sm">
        ← {s.stocktake.name}
      </Anchor>
      <div>
        <Title order={3} style={{ overflowWrap: 'anywhere' }}>
          {t('equipment.stock.count.title', { unit: s.orgUnit.name })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('equipment.stock.asOf', { date: formatDate(s.stocktake.asOf) })}
        </Text>
      </div>
      <div data-testid="count-progress" data-marked={marked} data-total={total}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" fw={600}>
            {t('equipment.stock.marked', { marked: formatNumber(marked), held: formatNumber(total) })}
          </Text>
          {s.confirmedAt ? (
            <Badge color="green" variant="light" tt="none" data-testid="count-confirmed">
              {t('equipment.stock.confirmed')}
            </Badge>
          ) : (
            <Text size="sm" c={left ? 'orange' : 'green'}>
              {left ? t('equipment.stock.count.left', { n: formatNumber(left) }) : t('equipment.stock.count.allMarked')}
            </Text>
          )}
        </Group>
        <Progress value={total ? (marked / total) * 100 : 100} size="sm" mt={4} />
      </div>
      {s.stocktake.status === 'closed' && <Alert color="gray">{t('equipment.stock.count.closed')}</Alert>}
      <ErrorAlert error={error} testId="count-error" />
      {edit && total > 0 && (
        <Group gap="xs" wrap="wrap">
          <SegmentedControl
            size="xs"
            value={onlyLeft ? 'left' : 'all'}
            onChange={(v) => setOnlyLeft(v === 'left')}
            data={[
              { value: 'all', label: t('equipment.stock.count.all') },
              { value: 'left', label: t('equipment.stock.count.onlyLeft') },
            ]}
          />
          {left > 0 && (
            <Button size="xs" variant="subtle" onClick={() => void markRest()} loading={saving === 'rest'} data-testid="count-mark-rest">
              {t('equipment.stock.count.markRest')}
            </Button>
          )}
        </Group>
      )}
      {total === 0 && <Text c="dimmed">{t('equipment.stock.count.noItems')}</Text>}
      <Stack gap="xs" data-testid="count-items">
        {shown.map((i) => (
          <ItemCard key={i.asset.id} i={i} edit={edit} busy={saving === i.asset.id} onSave={(line) => save(i.asset.id, [line])} />
        ))}
      </Stack>

      <Surplus s={s} edit={edit} saving={saving} save={save} />

      {edit && <Confirm s={s} unit={unit} left={left} />}
      {s.confirmedAt && <Confirmed s={s} unit={unit} />}
    </Stack>
  );
}

/** One asset of the list: "Có" / "Không thấy", the condition seen, the quantity of a lot. */
function ItemCard({ i, edit, busy, onSave }: { i: StocktakeSheetItem; edit: boolean; busy: boolean; onSave: (line: StocktakeLineInput) => Promise<boolean> }) {
  const { t } = useTranslation();
  const a = i.asset;
  const line = i.line;
  const [counted, setCounted] = useState<number | string>(line?.counted ?? a.quantity);
  const found = (condition: StockCondition, n?: number) =>
    onSave({ outcome: 'found', asset: a.id, condition, counted: a.counted ? (n ?? (Number(counted) || 0)) : null, note: line?.note ?? null });
  const outcome = line?.outcome;
  return (
    <Card withBorder padding="sm" data-testid="count-item" data-tag={a.tag} data-outcome={outcome ?? ''} style={{ borderColor: outcome ? undefined : 'var(--mantine-color-orange-4)' }}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Text fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {a.name}
          {a.counted || a.quantity > 1 ? ` × ${formatNumber(a.quantity)}` : ''}
        </Text>
        <StatusBadge status={a.status} />
      </Group>
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {[a.tag, a.room, a.serial && t('equipment.stock.count.serial', { serial: a.serial })].filter(Boolean).join(' · ')}
      </Text>
      {edit ? (
        <Stack gap={6} mt={6}>
          <Group gap="xs" grow wrap="nowrap">
            <Button
              size="sm"
              variant={outcome === 'found' ? 'filled' : 'default'}
              color="green"
              loading={busy && outcome !== 'found'}
              onClick={() => void found(line?.condition ?? i.expected)}
              data-testid="count-found"
            >
              {t('equipment.stock.count.found')}
            </Button>
            <Button
              size="sm"
              variant={outcome === 'missing' ? 'filled' : 'default'}
              color="red"
              onClick={() => void onSave({ outcome: 'missing', asset: a.id, note: line?.note ?? null })}
              data-testid="count-missing"
            >
              {t('equipment.stock.count.missing')}
            </Button>
          </Group>
          {outcome === 'found' && (
            <>
              <SegmentedControl
                fullWidth
                size="xs"
                value={line?.condition ?? i.expected}
                onChange={(v) => void found(v as StockCondition)}
                data={STOCK_CONDITIONS.map((c) => ({ value: c, label: t(`equipment.stock.condition.${c}`) }))}
                data-testid="count-condition"
              />
              {a.counted && (
                <Group gap="xs" wrap="nowrap" align="flex-end">
                  <NumberInput
                    style={{ flex: 1 }}
                    size="xs"
                    label={t('equipment.stock.count.counted', { book: formatNumber(a.quantity) })}
                    min={0}
                    max={100000}
                    allowDecimal={false}
                    thousandSeparator="."
                    decimalSeparator=","
                    value={counted}
                    onChange={setCounted}
                    data-testid="count-quantity"
                  />
                  <Button size="xs" variant="light" disabled={Number(counted) === line?.counted} onClick={() => void found(line?.condition ?? i.expected, Number(counted) || 0)}>
                    {t('equipment.common.save')}
                  </Button>
                </Group>
              )}
            </>
          )}
        </Stack>
      ) : (
        line && (
          <Text size="sm" mt={4} c={outcome === 'missing' ? 'red' : undefined}>
            {outcome === 'missing'
              ? t('equipment.stock.count.missing')
              : `${t('equipment.stock.count.found')} · ${line.condition ? t(`equipment.stock.condition.${line.condition}`) : ''}${a.counted ? ` · ${formatNumber(line.counted ?? 0)}` : ''}`}
          </Text>
        )
      )}
    </Card>
  );
}

function Surplus({
  s,
  edit,
  saving,
  save,
}: {
  s: StocktakeSheet;
  edit: boolean;
  saving: string | null;
  save: (key: string, lines: StocktakeLineInput[], removeSurplus?: string[]) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const categories = useCategories();
  const [adding, setAdding] = useState(false);
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [condition, setCondition] = useState<StockCondition>('good');
  const [counted, setCounted] = useState<number | string>(1);
  if (!edit && s.surplus.length === 0) return null;
  const add = async () => {
    if (!category) return;
    const ok = await save('surplus', [{ outcome: 'surplus', description: description.trim(), category, condition, counted: Number(counted) || 1, note: null }]);
    if (ok) {
      setAdding(false);
      setDescription('');
      setCategory(null);
      setCounted(1);
    }
  };
  return (
    <Card withBorder padding="sm" data-testid="count-surplus">
      <Text fw={600}>{t('equipment.stock.count.surplus')}</Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('equipment.stock.count.surplusHint')}
      </Text>
      <Stack gap={4}>
        {s.surplus.map((x) => (
          <Group key={x.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="surplus-item">
            <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {x.description} × {formatNumber(x.counted)} · {x.categoryName}
              {x.condition ? ` · ${t(`equipment.stock.condition.${x.condition}`)}` : ''}
            </Text>
            {edit && (
              <Button size="compact-xs" variant="subtle" color="red" style={{ flex: 'none' }} loading={saving === `rm-${x.id}`} onClick={() => void save(`rm-${x.id}`, [], [x.id])}>
                {t('equipment.common.delete')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {edit &&
        (adding ? (
          <Stack gap="xs" mt="xs">
            <TextInput label={t('equipment.stock.count.description')} required value={description} onChange={(e) => setDescription(e.currentTarget.value)} data-testid="surplus-description" />
            <Select
              label={t('equipment.field.category')}
              required
              searchable
              data={(categories.data?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))}
              value={category}
              onChange={setCategory}
              data-testid="surplus-category"
            />
            <SegmentedControl fullWidth size="xs" value={condition} onChange={(v) => setCondition(v as StockCondition)} data={STOCK_CONDITIONS.map((c) => ({ value: c, label: t(`equipment.stock.condition.${c}`) }))} />
            <NumberInput label={t('equipment.field.quantity')} min={1} max={100000} allowDecimal={false} value={counted} onChange={setCounted} />
            <Group gap="xs">
              <Button onClick={() => void add()} loading={saving === 'surplus'} disabled={!description.trim() || !category} data-testid="surplus-add">
                {t('equipment.stock.count.addSurplus')}
              </Button>
              <Button variant="default" onClick={() => setAdding(false)}>
                {t('equipment.common.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Button size="xs" variant="light" mt="xs" onClick={() => setAdding(true)} data-testid="surplus-open">
            {t('equipment.stock.count.addSurplus')}
          </Button>
        ))}
    </Card>
  );
}

/** "Xác nhận kiểm kê": the signers (the first signs for the unit), once every item is marked. */
function Confirm({ s, unit, left }: { s: StocktakeSheet; unit: string; left: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [signers, setSigners] = useState<Signer[]>([
    { role: t('equipment.stock.count.roleHead'), name: me.displayName || me.name },
    { role: t('equipment.stock.count.roleCounter'), name: '' },
  ]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const filled = signers.filter((x) => x.role.trim() && x.name.trim());
  const set = (i: number, k: keyof Signer, v: string) => setSigners((xs) => xs.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await stockApi.confirm(s.stocktake.id, unit, filled.map((x) => ({ role: x.role.trim(), name: x.name.trim() })));
      qc.setQueryData(stockKeys.sheet(s.stocktake.id, unit), next);
      await qc.invalidateQueries({ queryKey: stockKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="sm" data-testid="count-confirm">
      <Text fw={600}>{t('equipment.stock.count.confirmTitle')}</Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('equipment.stock.count.confirmHint')}
      </Text>
      <Stack gap="xs">
        {signers.map((x, i) => (
          <Group key={i} gap="xs" grow wrap="nowrap" align="flex-end">
            <TextInput size="xs" label={i === 0 ? t('equipment.stock.count.signerRole') : undefined} value={x.role} onChange={(e) => set(i, 'role', e.currentTarget.value)} />
            <TextInput size="xs" label={i === 0 ? t('equipment.stock.count.signerName') : undefined} value={x.name} onChange={(e) => set(i, 'name', e.currentTarget.value)} data-testid="signer-name" />
          </Group>
        ))}
        {signers.length < 12 && (
          <Button size="compact-xs" variant="subtle" onClick={() => setSigners((xs) => [...xs, { role: '', name: '' }])} style={{ alignSelf: 'flex-start' }}>
            {t('equipment.stock.count.addSigner')}
          </Button>
        )}
        {left > 0 && (
          <Text size="sm" c="orange">
            {t('equipment.stock.count.markAllFirst', { n: formatNumber(left) })}
          </Text>
        )}
        <ErrorAlert error={error} testId="confirm-error" />
        <Button onClick={() => void confirm()} loading={busy} disabled={left > 0 || filled.length === 0} data-testid="count-confirm-submit">
          {t('equipment.stock.count.confirm')}
        </Button>
      </Stack>
    </Card>
  );
}

function Confirmed({ s, unit }: { s: StocktakeSheet; unit: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reopen = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await stockApi.reopen(s.stocktake.id, unit);
      qc.setQueryData(stockKeys.sheet(s.stocktake.id, unit), next);
      await qc.invalidateQueries({ queryKey: stockKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm">
      <Alert color="green" data-testid="count-confirmed-note">
        {t('equipment.stock.count.confirmedAt', { at: formatDateTime(s.confirmedAt), who: s.confirmedBy ?? '' })}
        {s.signers.length > 0 && (
          <Text size="sm" mt={4}>
            {s.signers.map((x) => `${x.role}: ${x.name}`).join('; ')}
          </Text>
        )}
      </Alert>
      <Group gap="xs" wrap="wrap">
        <Button component="a" href={recordUrl(s.stocktake.id, 'docx', s.orgUnit.id)} variant="default" size="xs" data-testid="unit-record-docx">
          {t('equipment.stock.recordDocx')}
        </Button>
        <Button component="a" href={recordUrl(s.stocktake.id, 'xlsx', s.orgUnit.id)} variant="default" size="xs">
          {t('equipment.stock.recordXlsx')}
        </Button>
        {s.can.reopen && (
          <Button size="xs" variant="subtle" color="orange" onClick={() => void reopen()} loading={busy} data-testid="count-reopen">
            {t('equipment.stock.count.reopen')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} />
      <DifferencesTable id={s.stocktake.id} unit={s.orgUnit.id} />
    </Stack>
  );
}
