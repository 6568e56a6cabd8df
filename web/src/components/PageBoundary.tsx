import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Keeps a page's failure inside the page: the menu stays usable. The usual cause is a page's code that
 * could not be downloaded (offline, or a new release replaced it since the app was opened): reloading
 * fetches the current one.
 */
export class PageBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    return this.state.error ? <PageFailed error={this.state.error} /> : this.props.children;
  }
}

function PageFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('common.pageFailed')} data-testid="page-failed">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
        <Button size="xs" variant="default" onClick={() => location.reload()}>
          {t('common.reload')}
        </Button>
      </Stack>
    </Alert>
  );
}
