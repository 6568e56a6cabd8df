// One unit's premises: the form (for those who may edit), photos, the projects covering the unit and
// the history of every change.
import { Alert, Anchor, Button, FileButton, Group, Image, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth';
import { ErrorAlert, Loading, splitError } from '../../components/common';
import { formatDateTime } from '../../format';
import { Link } from '../../router';
import {
  facilityApi, GRADES, photoUrl, uploadPhoto, useFacilityMutation, usePremises, usePremisesHistory,
  type PhotoInfo, type PremisesDetail, type PremisesGrade, type PremisesInput,
} from './facilitiesApi';
import { AreaNav, GradeBadge, StageBadge } from './parts';

const FIELDS = ['landRightSettled', 'landCertificate', 'landAreaM2', 'yearBuilt', 'floorAreaM2', 'grade', 'lastRenovationYear', 'rooms', 'notes'] as const;

export function PremisesPage({ unit }: { unit: string }) {
  const { t } = useTranslation();
  const q = usePremises(unit);
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorAlert error={q.error} />;
  const p = q.data;
  return (
    <Stack gap="md" data-testid="premises-detail">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0}>
          <Title order={3} style={{ overflowWrap: 'anywhere' }}>{p.unit.name}</Title>
          {p.unit.parent && <Text size="sm" c="dimmed">{p.unit.parent.name}</Text>}
        </Stack>
        <AreaNav active="premises" />
      </Group>
      <PremisesForm p={p} />
      <Photos p={p} />
      <Paper withBorder p="sm" radius="md">
        <Title order={5} mb="xs">{t('facilities.premises.projects')}</Title>
        {!p.projects.length ? (
          <Text size="sm" c="dimmed">{t('facilities.premises.noProjects')}</Text>
        ) : (
          <Stack gap={6}>
            {p.projects.map((x) => (
              <Group key={x.id} gap="xs" wrap="wrap">
                <Anchor component={Link} to={`/facilities/projects/${x.id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>{x.name}</Anchor>
                <StageBadge stage={x.currentStage} late={x.lateStages.length > 0} />
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
      <History unit={p.unit.id} />
    </Stack>
  );
}

type Form = { [K in (typeof FIELDS)[number]]: string };

function toForm(p: PremisesDetail): Form {
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    landRightSettled: p.landRightSettled === null ? '' : p.landRightSettled ? 'yes' : 'no', landCertificate: s(p.landCertificate), landAreaM2: s(p.landAreaM2),
    yearBuilt: s(p.yearBuilt), floorAreaM2: s(p.floorAreaM2), grade: s(p.grade), lastRenovationYear: s(p.lastRenovationYear), rooms: s(p.rooms), notes: s(p.notes),
  };
}

function PremisesForm({ p }: { p: PremisesDetail }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Form>(() => toForm(p));
  useEffect(() => setF(toForm(p)), [p]);
  const save = useFacilityMutation((body: PremisesInput) => facilityApi.savePremises(p.unit.id, body));
  const { fields, general } = splitError(save.error, [...FIELDS]);
  const num = (v: string) => (v === '' ? null : Number(v));
  const set = (k: keyof Form) => (v: string | number) => setF((x) => ({ ...x, [k]: String(v ?? '') }));
  const ro = !p.canEdit;
  const submit = () =>
    save.mutate({
      landRightSettled: f.landRightSettled === '' ? null : f.landRightSettled === 'yes', landCertificate: f.landCertificate || null,
      landAreaM2: num(f.landAreaM2), yearBuilt: num(f.yearBuilt), floorAreaM2: num(f.floorAreaM2), grade: (f.grade || null) as PremisesGrade | null,
      lastRenovationYear: num(f.lastRenovationYear), rooms: num(f.rooms), notes: f.notes || null, version: p.version,
    });
  return (
    <Paper withBorder p="sm" radius="md" data-testid="premises-form">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={5}>{t('facilities.premises.form')}</Title>
        <GradeBadge grade={p.grade} />
      </Group>
      {!p.recorded && <Text size="sm" c="dimmed" mb="xs">{t('facilities.premises.notRecorded')}</Text>}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <NativeSelect label={t('facilities.field.grade')} value={f.grade} onChange={(e) => set('grade')(e.currentTarget.value)} disabled={ro} error={fields.grade}
          data={[{ value: '', label: t('facilities.grade.unknown') }, ...GRADES.map((g) => ({ value: g, label: t(`facilities.grade.${g}`) }))]} data-testid="premises-grade-input" />
        <NativeSelect label={t('facilities.field.landRightSettled')} value={f.landRightSettled} onChange={(e) => set('landRightSettled')(e.currentTarget.value)} disabled={ro} error={fields.landRightSettled}
          data={(['unknown', 'yes', 'no'] as const).map((v) => ({ value: v === 'unknown' ? '' : v, label: t(`facilities.landRight.${v}`) }))} />
        <TextInput label={t('facilities.field.landCertificate')} value={f.landCertificate} onChange={(e) => set('landCertificate')(e.currentTarget.value)} disabled={ro} error={fields.landCertificate} />
        <NumberInput label={t('facilities.field.landAreaM2')} value={f.landAreaM2} onChange={set('landAreaM2')} disabled={ro} error={fields.landAreaM2} min={0} decimalSeparator="," thousandSeparator="." />
        <NumberInput label={t('facilities.field.floorAreaM2')} value={f.floorAreaM2} onChange={set('floorAreaM2')} disabled={ro} error={fields.floorAreaM2} min={0} decimalSeparator="," thousandSeparator="." />
        <NumberInput label={t('facilities.field.rooms')} value={f.rooms} onChange={set('rooms')} disabled={ro} error={fields.rooms} min={0} allowDecimal={false} />
        <NumberInput label={t('facilities.field.yearBuilt')} value={f.yearBuilt} onChange={set('yearBuilt')} disabled={ro} error={fields.yearBuilt} min={1900} allowDecimal={false} />
        <NumberInput label={t('facilities.field.lastRenovationYear')} value={f.lastRenovationYear} onChange={set('lastRenovationYear')} disabled={ro} error={fields.lastRenovationYear} min={1900} allowDecimal={false} />
      </SimpleGrid>
      <Textarea mt="sm" label={t('facilities.field.notes')} value={f.notes} onChange={(e) => set('notes')(e.currentTarget.value)} disabled={ro} error={fields.notes} autosize minRows={2} />
      {general && <Alert color="red" mt="sm">{general}</Alert>}
      {save.isSuccess && !save.isPending && <Text size="sm" c="green" mt="xs">{t('facilities.saved')}</Text>}
      {p.canEdit && (
        <Group mt="sm">
          <Button onClick={submit} loading={save.isPending} data-testid="premises-save">{t('facilities.save')}</Button>
        </Group>
      )}
    </Paper>
  );
}

export function PhotoGrid({ photos, canDelete }: { photos: PhotoInfo[]; canDelete: boolean }) {
  const { t } = useTranslation();
  const del = useFacilityMutation((id: string) => facilityApi.deletePhoto(id));
  if (!photos.length) return <Text size="sm" c="dimmed">{t('facilities.photos.none')}</Text>;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
      {photos.map((ph) => (
        <Stack key={ph.id} gap={2}>
          <a href={photoUrl(ph.id)} target="_blank" rel="noreferrer">
            <Image src={photoUrl(ph.id)} alt={ph.caption ?? ph.fileName} h={110} fit="cover" radius="sm" />
          </a>
          <Text size="xs" c="dimmed" lineClamp={2}>{ph.caption ?? ph.fileName}</Text>
          {canDelete && <Anchor size="xs" c="red" onClick={() => del.mutate(ph.id)}>{t('facilities.photos.delete')}</Anchor>}
        </Stack>
      ))}
    </SimpleGrid>
  );
}

export function PhotoUpload({ target }: { target: { orgUnit?: string; project?: string } }) {
  const { t } = useTranslation();
  const me = useMe();
  const up = useFacilityMutation((file: File) => uploadPhoto(file, me.csrfToken, target));
  return (
    <Stack gap={4}>
      <FileButton onChange={(f) => f && up.mutate(f)} accept="image/*">
        {(props) => <Button {...props} variant="default" size="xs" loading={up.isPending} data-testid="photo-upload">{t('facilities.photos.add')}</Button>}
      </FileButton>
      {up.error && <Text size="xs" c="red">{(up.error as Error).message}</Text>}
    </Stack>
  );
}

function Photos({ p }: { p: PremisesDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={5}>{t('facilities.photos.title')}</Title>
        {p.canEdit && <PhotoUpload target={{ orgUnit: p.unit.id }} />}
      </Group>
      <PhotoGrid photos={p.photos} canDelete={p.canEdit} />
    </Paper>
  );
}

function History({ unit }: { unit: string }) {
  const { t } = useTranslation();
  const h = usePremisesHistory(unit);
  const show = (v: unknown) => {
    if (!v || typeof v !== 'object') return '';
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${t(`facilities.field.${k}`)}: ${k === 'grade' && x ? t(`facilities.grade.${x}`) : k === 'landRightSettled' && x !== null ? t(`facilities.landRight.${x ? 'yes' : 'no'}`) : x ?? '—'}`)
      .join('; ');
  };
  return (
    <Paper withBorder p="sm" radius="md" data-testid="premises-history">
      <Title order={5} mb="xs">{t('facilities.history.title')}</Title>
      {!h.data?.length ? (
        <Text size="sm" c="dimmed">{t('facilities.history.none')}</Text>
      ) : (
        <Stack gap={6}>
            {h.data.map((e, i) => (
              <Stack key={i} gap={0} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', paddingBottom: 4 }}>
                <Text size="xs" c="dimmed">{formatDateTime(e.at)} · {e.user} · {t(`facilities.history.${e.action.replace('facility.premises.', '')}`, { defaultValue: e.action })}</Text>
                {e.before ? <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{t('facilities.history.before')}: {show(e.before)}</Text> : null}
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{t('facilities.history.after')}: {show(e.after)}</Text>
                {(e.details as { projectName?: string } | null)?.projectName && <Text size="xs" c="dimmed">{(e.details as { projectName: string }).projectName}</Text>}
              </Stack>
            ))}
        </Stack>
      )}
    </Paper>
  );
}
