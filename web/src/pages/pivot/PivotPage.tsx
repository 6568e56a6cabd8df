// Pivot table (issue 4): placeholder until the pivot page lands.
import { Alert } from '@mantine/core';

export function PivotPage() {
  return <Alert color="gray" />;
}
