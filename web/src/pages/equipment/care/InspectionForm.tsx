// Recording an inspection or calibration done (date, pass/fail, certificate number, body, valid until,
// note and the certificate's file). A failed one locks the asset (NĐ 98/2021 Điều 58): the form says
// so before it is sent.
import { Alert, Button, FileInput, Group, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth';
import { DateField, ErrorAlert, splitError } from '../../../components/common';
import { today } from '../../../format';
import { careApi, careKeys, type Inspection, type InspectionResult } from './careApi';

export function InspectionForm({
  scheduleId,
  kindName,
  assetName,
  onDone,
  onCancel,
}: {
  scheduleId: string;
  kindName: string;
  assetName: string;
  onDone: (i: Inspection) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [doneOn, setDoneOn] = useState(today());
  const [result, setResult] = useState<InspectionResult>('pass');
  const [certificate, setCertificate] = useState('');
  const [body, setBody] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { fields, general } = splitError(error, ['doneOn', 'result', 'certificate', 'body', 'validUntil', 'note']);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      let i = await careApi.recordInspection(scheduleId, {
        doneOn, result, certificate: certificate.trim() || null, body: body.trim() || null, validUntil: validUntil || null, note: note.trim() || null,
      });
      if (file) i = await careApi.attachCertificate(i.id, file, me.csrfToken);
      void qc.invalidateQueries({ queryKey: careKeys.all });
      onDone(i);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" data-testid="inspection-form">
      <Text size="sm">
        <b>{kindName}</b> · {assetName}
      </Text>
      <DateField label={t('equipment.care.insp.doneOn')} required value={doneOn} onChange={setDoneOn} error={fields.doneOn} data-testid="insp-done-on" />
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t('equipment.care.insp.result')}
        </Text>
        <SegmentedControl
          fullWidth
          value={result}
          onChange={(v) => setResult(v as InspectionResult)}
          data={[
            { value: 'pass', label: t('equipment.care.insp.pass') },
            { value: 'fail', label: t('equipment.care.insp.fail') },
          ]}
          color={result === 'fail' ? 'red' : 'green'}
          data-testid="insp-result"
        />
      </div>
      {result === 'fail' && (
        <Alert color="red" p="xs" data-testid="insp-lock-warning">
          {t('equipment.care.insp.failLocks')}
        </Alert>
      )}
      <TextInput label={t('equipment.care.insp.certificate')} value={certificate} onChange={(e) => setCertificate(e.currentTarget.value)} error={fields.certificate} data-testid="insp-certificate" />
      <TextInput label={t('equipment.care.insp.body')} placeholder={t('equipment.care.insp.bodyHint')} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={fields.body} data-testid="insp-body" />
      <DateField label={t('equipment.care.insp.validUntil')} description={t('equipment.care.insp.validUntilHint')} value={validUntil} onChange={setValidUntil} error={fields.validUntil} data-testid="insp-valid-until" />
      <Textarea label={t('equipment.care.note')} autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fields.note} />
      <FileInput label={t('equipment.care.insp.file')} placeholder={t('equipment.care.insp.fileHint')} clearable value={file} onChange={setFile} data-testid="insp-file" />
      <ErrorAlert error={general} testId="insp-error" />
      <Group gap="xs">
        <Button onClick={() => void submit()} loading={busy} disabled={!doneOn} color={result === 'fail' ? 'red' : undefined} data-testid="insp-submit">
          {t('equipment.care.insp.submit')}
        </Button>
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {t('equipment.common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
