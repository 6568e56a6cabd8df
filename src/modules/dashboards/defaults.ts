// Built-in dashboards: one per unit kind (province = Sở Y tế, centre = Trung tâm Y tế, station = Trạm
// Y tế), defined here in code over the codes of the default metadata package (BCTK_YTCS, see
// src/modules/metadata/default-package/bctk-ytcs.ts). Read-only; users copy one to edit it.
//
// Every item follows the dashboard's unit and period ("dashboard" specs), so the same definition works
// for any unit of its kind: drilling down from the province to a centre shows that centre's stations.
import type { DashboardItem, LevelKind } from './dashboards.contract.js';

export interface BuiltinDashboard {
  id: string;
  name: string;
  nameEn: string;
  levelKind: LevelKind;
  sortOrder: number;
  items: DashboardItem[];
}

export const BUILTIN_PREFIX = 'builtin-';

const kpi = (id: string, code: string, title: string, titleEn: string, compare: DashboardItem['compare']): DashboardItem => ({
  id, type: 'kpi', title, titleEn, data: [code], period: { kind: 'dashboard' }, unit: { kind: 'dashboard' }, compare, width: 4,
});

const PROVINCE: BuiltinDashboard = {
  id: `${BUILTIN_PREFIX}province`,
  name: 'Tổng quan toàn tỉnh',
  nameEn: 'Province overview',
  levelKind: 'province',
  sortOrder: 0,
  items: [
    kpi('kpi-births', 'MCH_LIVE_BIRTHS', 'Trẻ đẻ sống', 'Live births', ['lastYear', 'previous']),
    kpi('kpi-epi', 'EPI_FULL_U1', 'Trẻ < 1 tuổi tiêm chủng đầy đủ', 'Children < 1 fully immunised', ['plan', 'lastYear']),
    kpi('kpi-opd', 'OPD_VISITS', 'Lượt khám bệnh tại trạm', 'Outpatient visits at stations', ['plan', 'lastYear']),
    {
      id: 'line-opd', type: 'chart', chartType: 'line', title: 'Lượt khám bệnh theo tháng', titleEn: 'Outpatient visits by month',
      data: ['OPD_VISITS'], period: { kind: 'dashboardMonths' }, unit: { kind: 'dashboard' }, width: 6,
    },
    {
      id: 'bar-births', type: 'chart', chartType: 'bar', title: 'Trẻ đẻ sống theo trung tâm y tế', titleEn: 'Live births by health centre',
      data: ['MCH_LIVE_BIRTHS'], period: { kind: 'dashboard' }, unit: { kind: 'children' }, width: 6,
    },
    {
      id: 'map-epi', type: 'map', title: 'Trẻ < 1 tuổi tiêm chủng đầy đủ (lũy kế)', titleEn: 'Children < 1 fully immunised (year to date)',
      data: ['EPI_FULL_U1'], period: { kind: 'dashboardYtd' }, unit: { kind: 'children' }, width: 6,
    },
    {
      id: 'stacked-births-sex', type: 'chart', chartType: 'stacked', title: 'Trẻ sinh ra theo giới tính', titleEn: 'Births by sex',
      data: ['FP_BIRTHS.MALE', 'FP_BIRTHS.FEMALE'], period: { kind: 'dashboardMonths' }, unit: { kind: 'dashboard' }, width: 6,
    },
    {
      id: 'table-reporting', type: 'table', show: 'reporting', title: 'Tỷ lệ báo cáo theo đơn vị', titleEn: 'Reporting rates by unit',
      data: ['MCH_LIVE_BIRTHS'], period: { kind: 'dashboard' }, unit: { kind: 'children' }, width: 12,
    },
    {
      id: 'table-epi', type: 'table', show: 'values', title: 'Tiêm chủng mở rộng', titleEn: 'Immunisation',
      data: ['EPI_FULL_U1', 'EPI_MEASLES2', 'EPI_TT2_PREG'], period: { kind: 'dashboard' }, unit: { kind: 'children' }, width: 12,
    },
  ],
};

const CENTRE: BuiltinDashboard = {
  id: `${BUILTIN_PREFIX}centre`,
  name: 'Tổng quan trung tâm y tế',
  nameEn: 'Health centre overview',
  levelKind: 'centre',
  sortOrder: 1,
  items: [
    kpi('kpi-births', 'MCH_LIVE_BIRTHS', 'Trẻ đẻ sống', 'Live births', ['lastYear', 'previous']),
    kpi('kpi-epi', 'EPI_FULL_U1', 'Trẻ < 1 tuổi tiêm chủng đầy đủ', 'Children < 1 fully immunised', ['plan', 'lastYear']),
    kpi('kpi-opd', 'OPD_VISITS', 'Lượt khám bệnh tại trạm', 'Outpatient visits at stations', ['plan', 'lastYear']),
    {
      id: 'bar-births', type: 'chart', chartType: 'bar', title: 'Trẻ đẻ sống theo trạm y tế', titleEn: 'Live births by station',
      data: ['MCH_LIVE_BIRTHS'], period: { kind: 'dashboard' }, unit: { kind: 'children' }, width: 6,
    },
    {
      id: 'map-births', type: 'map', title: 'Trẻ đẻ sống theo xã', titleEn: 'Live births by commune',
      data: ['MCH_LIVE_BIRTHS'], period: { kind: 'dashboard' }, unit: { kind: 'children' }, width: 6,
    },
    {
      id: 'line-opd', type: 'chart', chartType: 'line', title: 'Lượt khám bệnh theo tháng', titleEn: 'Outpatient visits by month',
      data: ['OPD_VISITS', 'OPD_VISITS_INSURED'], period: { kind: 'dashboardMonths' }, unit: { kind: 'dashboard' }, width: 6,
    },
    {
      id: 'pie-delivery', type: 'chart', chartType: 'pie', title: 'Phụ nữ đẻ theo nơi đẻ', titleEn: 'Deliveries by place',
      data: ['MCH_DELIVERIES.PLACE_STATION', 'MCH_DELIVERIES.PLACE_OTHER_FACILITY', 'MCH_DELIVERIES.PLACE_OUTSIDE'],
      period: { kind: 'dashboard' }, unit: { kind: 'dashboard' }, width: 6,
    },
    {
      id: 'table-reporting', type: 'table', show: 'reporting', title: 'Tỷ lệ báo cáo của các trạm', titleEn: 'Reporting rates of the stations',
      data: ['MCH_LIVE_BIRTHS'], period: { kind: 'dashboard' }, unit: { kind: 'children' }, width: 12,
    },
  ],
};

const STATION: BuiltinDashboard = {
  id: `${BUILTIN_PREFIX}station`,
  name: 'Tổng quan trạm y tế',
  nameEn: 'Health station overview',
  levelKind: 'station',
  sortOrder: 2,
  items: [
    kpi('kpi-births', 'MCH_LIVE_BIRTHS', 'Trẻ đẻ sống', 'Live births', ['lastYear', 'previous']),
    kpi('kpi-epi', 'EPI_FULL_U1', 'Trẻ < 1 tuổi tiêm chủng đầy đủ', 'Children < 1 fully immunised', ['plan', 'lastYear']),
    kpi('kpi-opd', 'OPD_VISITS', 'Lượt khám bệnh', 'Outpatient visits', ['plan', 'lastYear']),
    {
      id: 'line-opd', type: 'chart', chartType: 'line', title: 'Lượt khám bệnh theo tháng', titleEn: 'Outpatient visits by month',
      data: ['OPD_VISITS', 'OPD_VISITS_INSURED'], period: { kind: 'dashboardMonths' }, unit: { kind: 'dashboard' }, width: 6,
    },
    {
      id: 'stacked-births-sex', type: 'chart', chartType: 'stacked', title: 'Trẻ sinh ra theo giới tính', titleEn: 'Births by sex',
      data: ['FP_BIRTHS.MALE', 'FP_BIRTHS.FEMALE'], period: { kind: 'dashboardMonths' }, unit: { kind: 'dashboard' }, width: 6,
    },
    {
      id: 'table-epi', type: 'table', show: 'values', title: 'Tiêm chủng mở rộng', titleEn: 'Immunisation',
      data: ['EPI_FULL_U1', 'EPI_MEASLES2', 'EPI_TT2_PREG', 'EPI_NT_PROTECTED'], period: { kind: 'dashboard' }, unit: { kind: 'dashboard' }, width: 6,
    },
    {
      id: 'pie-delivery', type: 'chart', chartType: 'pie', title: 'Phụ nữ đẻ theo nơi đẻ', titleEn: 'Deliveries by place',
      data: ['MCH_DELIVERIES.PLACE_STATION', 'MCH_DELIVERIES.PLACE_OTHER_FACILITY', 'MCH_DELIVERIES.PLACE_OUTSIDE'],
      period: { kind: 'dashboardYtd' }, unit: { kind: 'dashboard' }, width: 6,
    },
  ],
};

export const BUILTIN_DASHBOARDS: readonly BuiltinDashboard[] = [PROVINCE, CENTRE, STATION];

export function builtinById(id: string): BuiltinDashboard | undefined {
  return BUILTIN_DASHBOARDS.find((d) => d.id === id);
}

export function builtinForKind(kind: LevelKind): BuiltinDashboard {
  return BUILTIN_DASHBOARDS.find((d) => d.levelKind === kind)!;
}
