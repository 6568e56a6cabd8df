import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useLogin } from '../auth';
import { LanguageSwitch } from '../components/LanguageSwitch';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username: username.trim(), password });
  };
  const err = login.error;
  // The server gives one answer (INVALID_CREDENTIALS) for a wrong password, an unknown user and a
  // locked account, so nobody can learn which accounts exist; too many tries from this address are
  // RATE_LIMITED (wait and retry), shown in orange. Messages come from the server as-is.
  const color = err instanceof ApiError && err.code === 'RATE_LIMITED' ? 'orange' : 'red';

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={380} m="md">
        <form onSubmit={onSubmit} data-testid="login-form">
          <Stack>
            <Group justify="space-between">
              <Title order={2}>{t('app.name')}</Title>
              <LanguageSwitch />
            </Group>
            <Text size="sm" c="dimmed">
              {t('app.tagline')}
            </Text>
            <TextInput label={t('login.username')} required autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.currentTarget.value)} data-testid="login-username" />
            <PasswordInput label={t('login.password')} required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} data-testid="login-password" />
            {err && (
              <Alert color={color} data-testid="login-error" data-code={err instanceof ApiError ? err.code : undefined}>
                {err.message}
              </Alert>
            )}
            <Button type="submit" loading={login.isPending} disabled={!username || !password} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
