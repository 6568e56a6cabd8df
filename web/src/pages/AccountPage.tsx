import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiToken, type Id } from '../api';
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
              <Table.Th w={200}>{t('users.field.username')}</Table.Th>
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
      <TokensSection />
    </Stack>
  );
}

function TokensSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<ApiToken[]>('/api/me/tokens') });
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [nameError, setNameError] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const create = useMutation({
    mutationFn: () =>
      api.post<{ id: Id; name: string; token: string }>('/api/me/tokens', {
        name: name.trim(),
        // End of the chosen local day, as an ISO timestamp.
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined,
      }),
    onSuccess: (res) => {
      setCreated({ name: res.name, token: res.token });
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
        {created && (
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
