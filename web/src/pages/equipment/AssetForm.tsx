// Create (/equipment/new?orgUnit=) or edit (/equipment/assets/<id>/edit) an asset: the centre's
// managers. The categories are offered by group; amounts are typed with the vi-VN thousands dot.
import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, ErrorAlert, Loading, splitError } from '../../components/common';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { today } from '../../format';
import { navigate, useUnsavedGuard } from '../../router';
import { equipmentApi, equipmentKeys, FUNDING_SOURCES, RISK_CLASSES, useAsset, useCategories, type AssetDetail } from './equipmentApi';

const FIELDS = ['orgUnit', 'name', 'category', 'tag', 'room', 'make', 'model', 'serial', 'yearMade', 'origin', 'supplier', 'acquired', 'cost', 'funding',
  'warrantyUntil', 'quantity', 'lifeYears', 'riskClass', 'accessories', 'notes', 'status', 'note'];

type Form = {
  name: string; category: string | null; tag: string; room: string; make: string; model: string; serial: string; yearMade: number | ''; origin: string;
  supplier: string; acquired: string; cost: number | ''; funding: string; warrantyUntil: string; quantity: number | ''; lifeYears: number | '';
  riskClass: string | null; accessories: string; notes: string; status: string; note: string;
};

function initial(a?: AssetDetail): Form {
  return {
    name: a?.name ?? '', category: a?.category ?? null, tag: a?.tag ?? '', room: a?.room ?? '', make: a?.make ?? '', model: a?.model ?? '',
    serial: a?.serial ?? '', yearMade: a?.yearMade ?? '', origin: a?.origin ?? '', supplier: a?.supplier ?? '', acquired: a?.acquired ?? today(),
    cost: a?.cost ?? '', funding: a?.funding ?? 'ngan_sach', warrantyUntil: a?.warrantyUntil ?? '', quantity: a?.quantity ?? 1, lifeYears: a?.lifeYears ?? '',
    riskClass: a?.riskClass ?? null, accessories: a?.accessories ?? '', notes: a?.notes ?? '', status: 'in_use', note: '',
  };
}

export function EditAssetPage({ id }: { id: string }) {
  const a = useAsset(id);
  if (a.isPending) return <Loading />;
  if (a.isError) return <ErrorAlert error={a.error} />;
  return <AssetForm asset={a.data} />;
}

export function NewAssetPage() {
  const params = new URLSearchParams(location.search);
  const id = params.get('orgUnit');
  return <AssetForm unit={id ? { id, label: params.get('unitName') ?? id } : null} />;
}

function AssetForm({ asset, unit: unit0 }: { asset?: AssetDetail; unit?: OuChoice | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const categories = useCategories();
  const [unit, setUnit] = useState<OuChoice | null>(asset ? { id: asset.orgUnit.id, label: asset.orgUnit.name } : (unit0 ?? null));
  const [f, setF] = useState<Form>(() => initial(asset));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useUnsavedGuard(dirty, t('equipment.form.unsaved'));
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setF((x) => ({ ...x, [k]: v }));
    setDirty(true);
  };
  const grouped = useMemo(() => {
    const data = categories.data;
    if (!data) return [];
    return data.groups
      .map((g) => ({ group: g.name, items: data.categories.filter((c) => c.group === g.code).map((c) => ({ value: c.code, label: c.name })) }))
      .filter((g) => g.items.length);
  }, [categories.data]);
  const counted = categories.data?.categories.find((c) => c.code === f.category)?.counted ?? false;
  const { fields, general } = splitError(error, FIELDS);
  const n = (v: number | '') => (v === '' ? null : v);
  const s = (v: string) => (v.trim() ? v.trim() : null);

  const save = async () => {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = {
      name: f.name.trim(), category: f.category, tag: s(f.tag), room: s(f.room), make: s(f.make), model: s(f.model), serial: s(f.serial),
      yearMade: n(f.yearMade), origin: s(f.origin), supplier: s(f.supplier), acquired: f.acquired, cost: f.cost === '' ? 0 : f.cost, funding: f.funding,
      warrantyUntil: s(f.warrantyUntil), quantity: counted ? (n(f.quantity) ?? 1) : 1, lifeYears: n(f.lifeYears), riskClass: f.riskClass,
      accessories: s(f.accessories), notes: s(f.notes),
    };
    try {
      const saved = asset
        ? await equipmentApi.update(asset.id, { ...body, version: asset.version, note: s(f.note) })
        : await equipmentApi.create({ ...body, orgUnit: unit ? String(unit.id) : undefined, status: f.status });
      await qc.invalidateQueries({ queryKey: equipmentKeys.all });
      setDirty(false);
      navigate(`/equipment/assets/${saved.id}`, !!asset, true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="asset-form">
      <Title order={3}>{asset ? t('equipment.form.editTitle', { name: asset.name }) : t('equipment.form.newTitle')}</Title>
      <Card withBorder padding="sm">
        <Stack gap="xs">
          {!asset && <OuPicker label={t('equipment.field.orgUnit')} value={unit} onChange={setUnit} required error={fields.orgUnit} testId="asset-unit" />}
          <TextInput label={t('equipment.field.name')} required value={f.name} onChange={(e) => set('name', e.currentTarget.value)} error={fields.name} data-testid="asset-name-input" />
          <Select
            label={t('equipment.field.category')}
            required
            searchable
            data={grouped}
            value={f.category}
            onChange={(v) => set('category', v)}
            error={fields.category}
            nothingFoundMessage={t('common.noResults')}
            data-testid="asset-category"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <TextInput label={t('equipment.field.tag')} description={asset ? undefined : t('equipment.form.tagHint')} value={f.tag} onChange={(e) => set('tag', e.currentTarget.value)} error={fields.tag} />
            <TextInput label={t('equipment.field.room')} value={f.room} onChange={(e) => set('room', e.currentTarget.value)} error={fields.room} />
            {counted && (
              <NumberInput label={t('equipment.field.quantity')} min={1} max={100000} value={f.quantity} onChange={(v) => set('quantity', typeof v === 'number' ? v : '')} error={fields.quantity} />
            )}
            <TextInput label={t('equipment.field.make')} value={f.make} onChange={(e) => set('make', e.currentTarget.value)} />
            <TextInput label={t('equipment.field.model')} value={f.model} onChange={(e) => set('model', e.currentTarget.value)} />
            <TextInput label={t('equipment.field.serial')} value={f.serial} onChange={(e) => set('serial', e.currentTarget.value)} />
            <NumberInput label={t('equipment.field.yearMade')} min={1950} max={2100} value={f.yearMade} onChange={(v) => set('yearMade', typeof v === 'number' ? v : '')} error={fields.yearMade} />
            <TextInput label={t('equipment.field.origin')} value={f.origin} onChange={(e) => set('origin', e.currentTarget.value)} />
            <TextInput label={t('equipment.field.supplier')} value={f.supplier} onChange={(e) => set('supplier', e.currentTarget.value)} />
            <DateField label={t('equipment.field.acquired')} required value={f.acquired} onChange={(v) => set('acquired', v)} error={fields.acquired} />
            <NumberInput
              label={t('equipment.field.cost')}
              required
              min={0}
              thousandSeparator="."
              decimalSeparator=","
              suffix=" đ"
              allowDecimal={false}
              value={f.cost}
              onChange={(v) => set('cost', typeof v === 'number' ? v : '')}
              error={fields.cost}
              data-testid="asset-cost"
            />
            <Select
              label={t('equipment.field.funding')}
              data={FUNDING_SOURCES.map((x) => ({ value: x, label: t(`equipment.funding.${x}`) }))}
              value={f.funding}
              onChange={(v) => v && set('funding', v)}
              allowDeselect={false}
            />
            <DateField label={t('equipment.field.warrantyUntil')} value={f.warrantyUntil} onChange={(v) => set('warrantyUntil', v)} error={fields.warrantyUntil} />
            <NumberInput label={t('equipment.field.lifeYears')} description={t('equipment.form.lifeHint')} min={1} max={100} value={f.lifeYears} onChange={(v) => set('lifeYears', typeof v === 'number' ? v : '')} />
            <Select label={t('equipment.field.riskClass')} clearable data={RISK_CLASSES} value={f.riskClass} onChange={(v) => set('riskClass', v)} />
            {!asset && (
              <Select
                label={t('equipment.field.status')}
                data={['in_use', 'idle', 'broken'].map((x) => ({ value: x, label: t(`equipment.status.${x}`) }))}
                value={f.status}
                onChange={(v) => v && set('status', v)}
                allowDeselect={false}
              />
            )}
          </SimpleGrid>
          <Textarea label={t('equipment.field.accessories')} autosize minRows={1} value={f.accessories} onChange={(e) => set('accessories', e.currentTarget.value)} />
          <Textarea label={t('equipment.field.notes')} autosize minRows={1} value={f.notes} onChange={(e) => set('notes', e.currentTarget.value)} />
          {asset && <TextInput label={t('equipment.form.why')} value={f.note} onChange={(e) => set('note', e.currentTarget.value)} />}
          {general && <ErrorAlert error={general} testId="asset-form-error" />}
          {!asset && !unit && (
            <Text size="sm" c="dimmed">
              {t('equipment.list.pickUnit')}
            </Text>
          )}
          <Group gap="xs">
            <Button onClick={() => void save()} loading={busy} disabled={!f.name.trim() || !f.category || (!asset && !unit)} data-testid="asset-save">
              {t('equipment.common.save')}
            </Button>
            <Button variant="default" onClick={() => history.back()} disabled={busy}>
              {t('equipment.common.cancel')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
