import { Alert, Badge, Button, Group, Modal, MultiSelect, Pagination, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page, type User } from '../api';
import { useCan } from '../auth';
import { ErrorAlert, Loading, splitError } from '../components/common';
import { OuPicker, type OuChoice } from '../components/OuPicker';
import { formatDateTime, formatNumber } from '../format';
import { useRoleName, useRoles } from '../queries';

const PAGE_SIZE = 50;

export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.disabled) return <Badge color="gray">{t('users.status.disabled')}</Badge>;
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date())
    return (
      <Badge color="orange" title={formatDateTime(user.lockedUntil)}>
        {t('users.status.locked')}
      </Badge>
    );
  return <Badge color="green">{t('users.status.active')}</Badge>;
}

export function UsersPage() {
  const { t } = useTranslation();
  const canWrite = useCan('user:write');
  const roleName = useRoleName();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const users = useQuery({
    queryKey: ['users', q, page],
    queryFn: () => api.get<Page<User>>('/api/users', { q, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const pages = users.data ? Math.max(1, Math.ceil(users.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('nav.users')}</Title>
        {canWrite && (
          <Button onClick={() => setEditing('new')} data-testid="user-create">
            {t('users.create')}
          </Button>
        )}
      </Group>
      <TextInput
        placeholder={t('users.searchPlaceholder')}
        aria-label={t('users.searchPlaceholder')}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
        data-testid="user-search"
      />
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorAlert error={users.error} />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('common.total', { count: users.data.total, n: formatNumber(users.data.total) })}
          </Text>
          <Table striped highlightOnHover withTableBorder data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.field.username')}</Table.Th>
                <Table.Th>{t('users.field.displayName')}</Table.Th>
                <Table.Th>{t('users.field.unit')}</Table.Th>
                <Table.Th>{t('users.field.roles')}</Table.Th>
                <Table.Th>{t('users.field.status')}</Table.Th>
                <Table.Th>{t('users.field.lastLogin')}</Table.Th>
                {canWrite && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((u) => (
                <Table.Tr key={String(u.id)} data-testid={`user-row-${u.username}`}>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>{u.orgUnit?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.map((r) => (
                        <Badge key={r} variant="light" tt="none">
                          {roleName(r)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <UserStatus user={u} />
                  </Table.Td>
                  <Table.Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.never')}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
        </>
      )}
      {editing && <UserModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

const FIELDS = ['username', 'displayName', 'password', 'email', 'locale', 'orgUnitId', 'roles', 'disabled'];

function UserModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const roles = useRoles();
  const [v, setV] = useState({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    password: '',
    email: user?.email ?? '',
    locale: user?.locale ?? 'vi',
    roles: user?.roles ?? [],
    disabled: user?.disabled ?? false,
  });
  const [unit, setUnit] = useState<OuChoice | null>(user?.orgUnit ? { id: user.orgUnit.id, label: user.orgUnit.name } : null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const m = useMutation({
    mutationFn: () => {
      const body = {
        displayName: v.displayName.trim(),
        email: v.email.trim() || undefined,
        locale: v.locale,
        orgUnitId: unit!.id,
        roles: v.roles,
      };
      if (!user) return api.post<User>('/api/users', { ...body, username: v.username.trim(), password: v.password });
      return api.patch<User>(`/api/users/${encodeURIComponent(String(user.id))}`, {
        ...body,
        email: v.email.trim() || null,
        disabled: v.disabled,
        password: v.password || undefined,
      });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  const server = splitError(m.error, FIELDS);
  const err = (k: string) => local[k] || server.fields[k] || undefined;
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => {
    setV((x) => ({ ...x, [k]: value }));
    setLocal((x) => ({ ...x, [k]: '' }));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    const required = user ? ['displayName'] : ['username', 'displayName', 'password'];
    for (const k of required) if (!String(v[k as keyof typeof v]).trim()) missing[k] = t('validation.required');
    if (!unit) missing.orgUnitId = t('validation.required');
    setLocal(missing);
    if (!Object.keys(missing).length) m.mutate();
  };
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.code, label: i18n.language === 'en' ? r.nameEn || r.name : r.name }));

  return (
    <Modal opened onClose={onClose} title={user ? t('users.editTitle', { username: user.username }) : t('users.create')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput label={t('users.field.username')} required={!user} disabled={!!user} value={v.username} onChange={(e) => set('username', e.currentTarget.value)} error={err('username')} autoComplete="off" data-testid="user-form-username" />
          <TextInput label={t('users.field.displayName')} required value={v.displayName} onChange={(e) => set('displayName', e.currentTarget.value)} error={err('displayName')} data-testid="user-form-displayName" />
          <TextInput label={t('users.field.email')} type="email" value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={err('email')} data-testid="user-form-email" />
          <PasswordInput
            label={user ? t('users.field.resetPassword') : t('users.field.password')}
            description={user ? t('users.resetPasswordHint') : undefined}
            required={!user}
            value={v.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={err('password')}
            autoComplete="new-password"
            data-testid="user-form-password"
          />
          <OuPicker label={t('users.field.unit')} required value={unit} onChange={(u) => { setUnit(u); setLocal((x) => ({ ...x, orgUnitId: '' })); }} error={err('orgUnitId')} testId="user-form-unit" />
          <MultiSelect label={t('users.field.roles')} data={roleOptions} value={v.roles} onChange={(r) => set('roles', r)} error={err('roles')} data-testid="user-form-roles" />
          <Select
            label={t('users.field.locale')}
            allowDeselect={false}
            data={[
              { value: 'vi', label: t('lang.vi') },
              { value: 'en', label: t('lang.en') },
            ]}
            value={v.locale}
            onChange={(l) => set('locale', l ?? 'vi')}
            error={err('locale')}
            data-testid="user-form-locale"
          />
          {user && <Switch label={t('users.field.disabled')} checked={v.disabled} onChange={(e) => set('disabled', e.currentTarget.checked)} error={err('disabled')} data-testid="user-form-disabled" />}
          {server.general && <Alert color="red" data-testid="form-error">{server.general}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={m.isPending} data-testid="modal-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
