// The equipment figures for analytics and report templates (issue 15, point 9), registered when the
// module is loaded and computed live from the register with the KPIs' SQL (kpi.repo.ts):
//   EQ_FUNCTIONAL_PCT      functional items (in use + idle) / items held, in %
//   EQ_BROKEN              items broken, in repair or locked by a failed inspection
//   EQ_INSPECTION_OVERDUE  active schedules of held assets with next due < date
//   EQ_FULLY_WORN          items fully worn on the date
//   EQ_IDLE                idle items (transfer candidates)
// The mean days to repair is a KPI (kpi.service.ts) but not a figure: a figure is a count or a percent,
// and a mean of days is neither.
import type { Ctx } from '../../core/context.js';
import { registerFigure, type FigureValue } from '../analytics/figures.js';
import type { TallyRow } from './kpi.repo.js';
import { tallies } from './kpi.service.js';

type Pick = (t: TallyRow) => FigureValue | null;

const figure = (code: string, name: string, nameEn: string, kind: 'count' | 'share', pick: Pick) =>
  registerFigure({
    code, name, nameEn, kind, module: 'equipment',
    async compute(ctx: Ctx, unitIds: readonly string[], date: string) {
      const t = await tallies(ctx, unitIds, date);
      const out = new Map<string, FigureValue>();
      for (const u of unitIds) {
        const v = t.get(u);
        const x = v ? pick(v) : kind === 'count' ? { value: 0 } : null;
        if (x) out.set(u, x);
      }
      return out;
    },
  });

export function registerEquipmentFigures(): void {
  figure('EQ_FUNCTIONAL_PCT', 'Tỷ lệ trang thiết bị hoạt động tốt (%)', 'Functional equipment (%)', 'share', (t) =>
    t.items > 0 ? { value: t.in_use + t.idle, denominator: t.items } : null);
  figure('EQ_BROKEN', 'Số trang thiết bị hỏng, đang sửa, bị khóa', 'Equipment broken, in repair or locked', 'count', (t) =>
    ({ value: t.broken + t.in_repair + t.locked }));
  figure('EQ_INSPECTION_OVERDUE', 'Số lượt kiểm định, hiệu chuẩn quá hạn', 'Inspections and calibrations overdue', 'count', (t) => ({ value: t.overdue }));
  figure('EQ_FULLY_WORN', 'Số trang thiết bị đã hết khấu hao (hao mòn hết)', 'Fully worn equipment', 'count', (t) => ({ value: t.fully_worn }));
  figure('EQ_IDLE', 'Số trang thiết bị ít hoặc không sử dụng', 'Idle equipment', 'count', (t) => ({ value: t.idle }));
}

registerEquipmentFigures();
