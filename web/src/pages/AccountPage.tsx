import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiToken, type Id, type NewApiToken } from '../api';
import { useMe } from '../auth';
import { DateField, ErrorAlert, Loading, splitError } from '../components/common';
import { useRoles } from '../queries';
import { formatDate, formatDateTime } from '../format';

export function AccountPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const roles = useRoles().data;
  const roleName = (r: { code: string; name: string }) => {
    const x = roles?.find((y) => y.code === r.code);
    return x && i18n.language === 'en' ? x.nameEn || r.name : r.name;
  };
  return (
    <Stack>
      <Title order={3}>{t('nav.account')}</Title>
      <Paper withBorder p="md">
        <Table variant="vertical" layout="fixed" withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={{ base: 130, sm: 200 }}>{t('users.field.username')}</Table.Th>
              <Table.Td>{me.username}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('users.field.displayName')}</Table.Th>
              <Table.Td>{me.displayName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('users.field.email')}</Table.Th>
              <Table.Td>{me.email || '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('users.field.unit')}</Table.Th>
              <Table.Td>{me.organisationUnits.map((u) => u.name).join(', ') || '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('users.field.roles')}</Table.Th>
              <Table.Td>
                <Group gap={4}>
                  {me.userRoles.map((r) => (
                    <Badge key={r.code} variant="light" tt="none">
                      {roleName(r)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
      <PasswordSection />
      <TokensSection />
    </Stack>
  );
}

const NO_PASSWORDS = { currentPassword: '', newPassword: '', confirm: '' };
type PasswordForm = typeof NO_PASSWORDS;
type PasswordField = keyof PasswordForm;

/**
 * Changing one's own password. The server checks the current password and the policy (length, not the
 * username or unit code, not a common password) and answers with per-field messages; it ends the
 * user's other sessions and revokes all their API tokens, which the success message says.
 */
function PasswordSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState<PasswordForm>(NO_PASSWORDS);
  // Messages by field (ours or the server's), each cleared when its field is edited.
  const [errors, setErrors] = useState<Partial<Record<PasswordField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => api.post<{ revokedTokens: number }>('/api/me/password', { currentPassword: form.currentPassword, newPassword: form.newPassword }),
    onSuccess: () => {
      setForm(NO_PASSWORDS);
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (e) => {
      const split = splitError(e, ['currentPassword', 'newPassword']);
      setErrors(split.fields);
      setGeneral(split.general);
    },
  });
  const set = (k: PasswordField) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [k]: value }));
    setErrors(({ [k]: _, ...others }) => (k === 'newPassword' ? { ...others, confirm: undefined } : others));
    if (change.isSuccess) change.reset();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<PasswordField, string>> = {};
    for (const k of Object.keys(form) as PasswordField[]) if (!form[k]) found[k] = t('validation.required');
    if (form.confirm && form.confirm !== form.newPassword) found.confirm = t('account.password.mismatch');
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    change.mutate();
  };

  const field = (k: PasswordField, autoComplete: string) => ({
    label: t(`account.password.${k === 'currentPassword' ? 'current' : k === 'newPassword' ? 'new' : 'confirm'}`),
    autoComplete,
    required: true,
    value: form[k],
    onChange: set(k),
    error: errors[k],
  });

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate data-testid="password-form">
        <Stack maw={420}>
          <Title order={4}>{t('account.password.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('account.password.hint')}
          </Text>
          <PasswordInput {...field('currentPassword', 'current-password')} data-testid="password-current" />
          <PasswordInput {...field('newPassword', 'new-password')} data-testid="password-new" />
          <PasswordInput {...field('confirm', 'new-password')} data-testid="password-confirm" />
          {general && (
            <Alert color="red" data-testid="password-error">
              {general}
            </Alert>
          )}
          {change.isSuccess && (
            <Alert color="green" title={t('account.password.doneTitle')} data-testid="password-done">
              {t('account.password.done', { count: change.data.revokedTokens })}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={change.isPending} data-testid="password-submit">
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function TokensSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<ApiToken[]>('/api/me/tokens') });
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [nameError, setNameError] = useState('');
  const [created, setCreated] = useState<(NewApiToken & { at: number }) | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const create = useMutation({
    mutationFn: () =>
      api.post<NewApiToken>('/api/me/tokens', {
        name: name.trim(),
        // End of the chosen local day, as an ISO timestamp.
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined,
      }),
    onSuccess: (res) => {
      setCreated({ ...res, at: Date.now() });
      setName('');
      setExpires('');
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: Id) => api.del(`/api/me/tokens/${encodeURIComponent(String(id))}`),
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const createErr = splitError(create.error, ['name', 'expiresAt']);

  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setNameError(t('validation.required'));
    setNameError('');
    create.mutate();
  };

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={4}>{t('tokens.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('tokens.hint')}
        </Text>
        <form onSubmit={onCreate} noValidate>
          <Group align="flex-start">
            <TextInput label={t('tokens.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={nameError || createErr.fields.name} data-testid="token-name" />
            <DateField label={t('tokens.expiresAt')} value={expires} onChange={setExpires} error={createErr.fields.expiresAt} data-testid="token-expires" />
            <Button type="submit" mt={25} loading={create.isPending} data-testid="token-create">
              {t('tokens.create')}
            </Button>
          </Group>
        </form>
        {createErr.general && <Alert color="red">{createErr.general}</Alert>}
        {/* Shown once, until a list read after its creation no longer has it (a password change revokes it). */}
        {created && !(tokens.dataUpdatedAt > created.at && !tokens.data?.some((tk) => tk.id === created.id)) && (
          <Alert color="green" title={t('tokens.createdTitle', { name: created.name })} withCloseButton onClose={() => setCreated(null)} data-testid="token-created">
            <Stack gap="xs">
              <Text size="sm">{t('tokens.showOnce')}</Text>
              <Group gap="xs" wrap="nowrap">
                <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="token-value">
                  {created.token}
                </Code>
                <CopyButton value={created.token}>
                  {({ copied, copy }) => (
                    <Button size="xs" color={copied ? 'teal' : undefined} onClick={copy} data-testid="token-copy">
                      {copied ? t('common.copied') : t('common.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        )}
        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ErrorAlert error={tokens.error} />
        ) : !tokens.data.length ? (
          <Text size="sm" c="dimmed">
            {t('tokens.none')}
          </Text>
        ) : (
          <Table withTableBorder striped data-testid="tokens-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tokens.name')}</Table.Th>
                <Table.Th>{t('tokens.createdAt')}</Table.Th>
                <Table.Th>{t('tokens.expiresAt')}</Table.Th>
                <Table.Th>{t('tokens.lastUsedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((tk) => (
                <Table.Tr key={String(tk.id)}>
                  <Table.Td>{tk.name}</Table.Td>
                  <Table.Td>{formatDateTime(tk.createdAt)}</Table.Td>
                  <Table.Td>{tk.expiresAt ? formatDate(tk.expiresAt) : t('tokens.noExpiry')}</Table.Td>
                  <Table.Td>{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t('users.never')}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(tk)} data-testid={`token-revoke-${tk.id}`}>
                      {t('tokens.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={!!revoking} onClose={() => setRevoking(null)} title={t('tokens.revoke')}>
        <Stack>
          <Text>{t('tokens.revokeConfirm', { name: revoking?.name ?? '' })}</Text>
          {revoke.error && <ErrorAlert error={revoke.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)} data-testid="token-revoke-confirm">
              {t('tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
