// Dashboards (issue 4): placeholder until the dashboards page lands.
import { Alert } from '@mantine/core';

export function DashboardsPage({ id }: { id: string | null }) {
  return <Alert color="gray">{id ?? ''}</Alert>;
}
