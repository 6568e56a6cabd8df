// "Thiết bị" (issue 15): /equipment (the assets of a unit), /equipment/assets/<id> (one asset; /edit to
// change it), /equipment/new, /equipment/tag/<TAG> (a scanned label), /equipment/import (an Excel
// register), /equipment/missing (the missing list) and /equipment/standards (the standard lists).
import { useRoute } from '../../router';
import { AssetDetailPage, TagPage } from './AssetDetailPage';
import { EditAssetPage, NewAssetPage } from './AssetForm';
import { AssetListPage } from './AssetListPage';
import { ImportPage } from './ImportPage';
import { MissingPage, StandardsPage } from './MissingPage';
import { InspectionsPage } from './care/InspectionsPage';
import { KpiPage } from './care/KpiPage';
import { WorkOrderPage, WorkOrdersPage } from './care/WorkOrdersPage';
import { IdlePage } from './stock/IdlePage';
import { ProposalRoutes } from './stock/ProposalsPage';
import { StocktakeRoutes } from './stock/StocktakesPage';

export function EquipmentPage() {
  const [, sub, id, action] = useRoute();
  if (sub === 'assets' && id) return action === 'edit' ? <EditAssetPage key={id} id={id} /> : <AssetDetailPage key={id} id={id} />;
  if (sub === 'tag' && id) return <TagPage key={id} tag={id} />;
  if (sub === 'new') return <NewAssetPage />;
  if (sub === 'import') return <ImportPage />;
  if (sub === 'missing') return <MissingPage />;
  if (sub === 'standards') return <StandardsPage />;
  if (sub === 'kpi') return <KpiPage />;
  if (sub === 'inspections') return <InspectionsPage />;
  if (sub === 'work-orders') return id ? <WorkOrderPage key={id} id={id} /> : <WorkOrdersPage />;
  if (sub === 'stocktakes') return <StocktakeRoutes />;
  if (sub === 'proposals') return <ProposalRoutes />;
  if (sub === 'idle') return <IdlePage />;
  return <AssetListPage />;
}
