import { Alert, Center, Loader, Text, TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { formatDate } from '../format';

/** Splits an error into messages for known form fields and a general message. */
export function splitError(err: unknown, known: string[]): { fields: Record<string, string>; general: string | null } {
  if (!err) return { fields: {}, general: null };
  if (!(err instanceof ApiError)) return { fields: {}, general: err instanceof Error ? err.message : String(err) };
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const [k, v] of Object.entries(err.fields)) {
    if (known.includes(k)) fields[k] = v;
    else other.push(`${k}: ${v}`);
  }
  const general = Object.keys(fields).length && !other.length ? null : [err.message, ...other].join(' — ');
  return { fields, general };
}

export function ErrorAlert({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={t('common.error')} data-testid={testId}>
      {message}
    </Alert>
  );
}

export function Loading() {
  return (
    <Center p="md">
      <Loader size="sm" />
    </Center>
  );
}

/** Native date input (YYYY-MM-DD value). */
export function DateField(props: Omit<TextInputProps, 'type' | 'onChange'> & { onChange: (v: string) => void }) {
  const { onChange, ...rest } = props;
  return <TextInput type="date" {...rest} onChange={(e) => onChange(e.currentTarget.value)} />;
}

/** "(đã đóng 30/06/2025)" marker for a unit closed as of the given date. */
export function ClosedMark({ closedDate, asOf }: { closedDate: string | null; asOf: string }) {
  const { t } = useTranslation();
  if (!closedDate) return null;
  const closed = closedDate <= asOf;
  return (
    <Text span size="sm" c="dimmed" fs={closed ? 'italic' : undefined}>
      {' '}
      {t(closed ? 'ou.closedOn' : 'ou.closesOn', { date: formatDate(closedDate) })}
    </Text>
  );
}

export function isClosed(closedDate: string | null, asOf: string): boolean {
  return !!closedDate && closedDate <= asOf;
}
