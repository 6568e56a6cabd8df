import { Alert } from '@mantine/core';

// Placeholder while the feature is built (issue 3).
export function MetadataPage() {
  return <Alert color="gray">…</Alert>;
}
