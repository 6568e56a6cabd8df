// The facilities figures for analytics and report templates (issue 15, point 9), registered when the
// module is loaded and computed live from the registers (SQL in facilities.repo.ts):
//   FAC_PREMISES_DEGRADED  stations of the subtree whose premises are degraded or severely damaged
//   FAC_NO_LAND_RIGHT      stations of the subtree whose land-use right is recorded as not settled
//   FAC_DISBURSED_PCT      disbursed (January to the date's month) / allocated for the date's year,
//                          over the projects covering a unit of the subtree
// Stations are those of the subtree on the date; premises are as recorded now (the register keeps
// its history in the audit trail, not as dated rows).
import { registerFigure, type FigureValue } from '../analytics/figures.js';
import * as repo from './facilities.repo.js';

export function registerFacilityFigures(): void {
  registerFigure({
    code: 'FAC_PREMISES_DEGRADED',
    name: 'Số trạm y tế có cơ sở xuống cấp, hư hỏng nặng',
    nameEn: 'Stations with degraded or severely damaged premises',
    kind: 'count',
    module: 'facilities',
    async compute(ctx, unitIds, date) {
      const n = await ctx.use(repo).stationPremisesCount(unitIds, date, 'degraded');
      return new Map(unitIds.map((u): [string, FigureValue] => [u, { value: n.get(u) ?? 0 }]));
    },
  });
  registerFigure({
    code: 'FAC_NO_LAND_RIGHT',
    name: 'Số trạm y tế chưa có quyền sử dụng đất',
    nameEn: 'Stations without a settled land-use right',
    kind: 'count',
    module: 'facilities',
    async compute(ctx, unitIds, date) {
      const n = await ctx.use(repo).stationPremisesCount(unitIds, date, 'noLandRight');
      return new Map(unitIds.map((u): [string, FigureValue] => [u, { value: n.get(u) ?? 0 }]));
    },
  });
  registerFigure({
    code: 'FAC_DISBURSED_PCT',
    name: 'Tỷ lệ giải ngân so với kế hoạch vốn năm (%)',
    nameEn: 'Disbursement against the year’s allocated capital (%)',
    kind: 'share',
    module: 'facilities',
    async compute(ctx, unitIds, date) {
      const d = await ctx.use(repo).disbursement(unitIds, date);
      const out = new Map<string, FigureValue>();
      for (const [u, x] of d) if (x.allocated > 0) out.set(u, { value: x.disbursed, denominator: x.allocated });
      return out;
    },
  });
}
