// The demo's facilities: plausible premises for every open station and centre of the demo province,
// and the seed programmes as projects spread over its stations (seed 000 §5: 117 station repairs in
// 2023, 30 new builds 2023–2025; seed 003 §1: 56 new stations, 46 renovations and 20 equipment
// packages, here a 2025–2027 programme), owned by the Department's planning office, with stage dates,
// monthly disbursement plans and disbursements up to today, a few delays and issues. Seeded random
// (src/modules/demo/random.ts): the same every run. Bulk inserts; written as the system.
import type { Ctx } from '../../core/context.js';
import { todayVn } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { rng, type Rng } from '../demo/random.js';
import { STAGES, type PremisesGrade, type ProjectKind, type Stage } from './facilities.contract.js';
import * as repo from './facilities.repo.js';
import type { FacilityProjectStageTable } from './facilities.tables.js';

const OWNER = 'SYT38_KHTC';
const BY = 'demo';

interface ProgrammeSpec {
  key: string;
  name: string;
  startYear: number;
  endYear: number;
  description: string;
  /** Which stations: those open on this date. */
  stationsOn: string;
  parts: { kind: ProjectKind; count: number; budget: [number, number]; prefix: string; unitsPerProject?: [number, number] }[];
  /** Planned end of each stage, as months after the programme's start (the first of startYear's January). */
  plan: Record<Stage, number>;
  /** Spread of a project's start (months). */
  stagger: number;
}

const PROGRAMMES: ProgrammeSpec[] = [
  {
    key: 'repair2023', name: 'Sửa chữa 117 trạm y tế xuống cấp năm 2023', startYear: 2023, endYear: 2024, stationsOn: '2023-06-01', stagger: 1,
    description: 'Sửa chữa, cải tạo trụ sở 117 trạm y tế đã bị xuống cấp trong năm 2023 (Thông báo kết luận giao ban, mục 5).',
    parts: [{ kind: 'renovation', count: 117, budget: [800, 2500], prefix: 'Sửa chữa, cải tạo' }],
    plan: { policy: 1, approval: 2, design: 4, procurement: 5, construction: 9, handover: 11, settlement: 17 },
  },
  {
    key: 'build2325', name: 'Xây mới 30 trạm y tế giai đoạn 2023–2025', startYear: 2023, endYear: 2025, stationsOn: '2023-06-01', stagger: 8,
    description: 'Dự án đầu tư công xây mới 30 trạm y tế chưa có trụ sở hoặc trụ sở hư hỏng nặng, giai đoạn 2023–2025.',
    parts: [{ kind: 'new_build', count: 30, budget: [4500, 8000], prefix: 'Xây mới' }],
    plan: { policy: 3, approval: 8, design: 12, procurement: 15, construction: 26, handover: 29, settlement: 35 },
  },
  {
    key: 'grassroots2527', name: 'Đầu tư 56 trạm xây mới, 46 trạm cải tạo, 20 gói thiết bị y tế cơ sở 2025–2027', startYear: 2025, endYear: 2027, stationsOn: '2026-12-01', stagger: 6,
    description: 'Đề án nâng cao năng lực y tế cơ sở: xây mới 56 trạm, cải tạo 46 trạm, đầu tư 20 gói trang thiết bị cho trạm y tế.',
    parts: [
      { kind: 'new_build', count: 56, budget: [5000, 9000], prefix: 'Xây mới' },
      { kind: 'renovation', count: 46, budget: [1200, 3000], prefix: 'Cải tạo, mở rộng' },
      { kind: 'equipment_package', count: 20, budget: [1500, 4000], prefix: 'Gói trang thiết bị', unitsPerProject: [2, 4] },
    ],
    plan: { policy: 2, approval: 6, design: 10, procurement: 13, construction: 22, handover: 24, settlement: 30 },
  },
];

const INVESTORS = ['Ban Quản lý dự án đầu tư xây dựng tỉnh', 'Sở Y tế Thanh Hóa', 'Ban Quản lý dự án đầu tư xây dựng huyện'];
const ISSUES = [
  'Nhà thầu chậm tiến độ do thiếu nhân công, vật liệu.',
  'Vướng mặt bằng: chưa hoàn thành giải phóng mặt bằng phần đất mở rộng.',
  'Điều chỉnh thiết kế do nền đất yếu, phải bổ sung gia cố móng.',
  'Chậm bố trí vốn đối ứng của địa phương.',
  'Mưa bão kéo dài làm gián đoạn thi công.',
];

const MILLION = 1_000_000;

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + Math.floor(months));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + Math.round(days));
  return d.toISOString().slice(0, 10);
}
const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Whole millions of đồng spread evenly over months (the remainder in the last). */
function spread(total: number, months: string[], into: Map<string, number>): void {
  if (!months.length || total <= 0) return;
  const each = Math.floor(total / months.length / MILLION) * MILLION;
  months.forEach((m, i) => into.set(m, (into.get(m) ?? 0) + (i === months.length - 1 ? total - each * (months.length - 1) : each)));
}

function sample<T>(r: Rng, list: readonly T[], n: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(r.u() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, Math.min(n, copy.length));
}

export interface FacilitiesDemoResult {
  premises: number;
  programmes: number;
  projects: number;
}

export async function loadDemoFacilities(ctx: Ctx, today = todayVn()): Promise<FacilitiesDemoResult> {
  const db = ctx.use(repo);
  const [owner] = await db.findUnits([OWNER]);
  if (!owner) return { premises: 0, programmes: 0, projects: 0 };
  /** What the projects did to a station's premises (the last finished one wins). */
  const done = new Map<string, { kind: ProjectKind; year: number }>();
  /** Stations with a new build not finished yet: their premises are poor. */
  const waiting = new Set<string>();

  const data: Parameters<typeof repo.insertProjectsBulk>[1] = { projects: [], units: [], allocations: [], stages: [], months: [], issues: [] };
  const thisYear = Number(today.slice(0, 4));
  const programmes: { id: string; name: string; start_year: number; end_year: number; description: string }[] = [];
  for (const spec of PROGRAMMES) {
    const r = rng(`facilities:${spec.key}`);
    const programmeId = uid();
    programmes.push({ id: programmeId, name: spec.name, start_year: spec.startYear, end_year: spec.endYear, description: spec.description });
    const stations = await db.openUnits(spec.stationsOn, ['station']);
    const total = spec.parts.reduce((s, p) => s + (p.kind === 'equipment_package' ? 0 : p.count), 0);
    const pool = sample(r, stations, total);
    let next = 0;
    const start = `${spec.startYear}-01-01`;
    for (const part of spec.parts) {
      for (let k = 0; k < part.count; k++) {
        const per = part.unitsPerProject ? part.unitsPerProject[0] + Math.floor(r.u() * (part.unitsPerProject[1] - part.unitsPerProject[0] + 1)) : 1;
        // Equipment packages go to stations of their own draw (a station may also be built or renovated).
        const covered = part.kind === 'equipment_package' ? sample(r, stations, per) : pool.slice(next, next + per);
        if (part.kind !== 'equipment_package') next += per;
        if (!covered.length) break;
        const id = uid();
        const budget = Math.round((part.budget[0] + r.u() * (part.budget[1] - part.budget[0])) / 10) * 10 * MILLION;
        const name = part.kind === 'equipment_package'
          ? `${part.prefix} số ${k + 1}: ${covered.map((u) => u.name.replace(/^Trạm Y tế\s*/i, '')).join(', ')}`
          : `${part.prefix} ${covered[0]!.name}`;
        data.projects.push({ id, programme_id: programmeId, name, kind: part.kind, investor: INVESTORS[Math.floor(r.u() * INVESTORS.length)]!, budget_approved: budget, notes: null, created_by: BY });
        for (const u of covered) data.units.push({ project_id: id, org_unit_id: u.id });

        // Stage dates: planned from the programme's plan with a stagger; actual with delays, up to today.
        const shift = r.u() * spec.stagger;
        const slow = r.u(); // one in six runs late
        let prevActual: string | null = null;
        let prevPlanned = addMonths(start, shift - 1);
        const stages: FacilityProjectStageTable[] = [];
        let stalled = false;
        for (const [position, stage] of STAGES.entries()) {
          const plannedEnd = addDays(addMonths(start, spec.plan[stage] + shift), r.u() * 10);
          const plannedStart = addDays(prevPlanned, 1);
          const delay = slow < 0.17 ? 20 + r.u() * 70 : r.u() * 12 - 6;
          let actualEnd: string | null = addDays(plannedEnd, delay);
          const actualStart: string | null = prevActual ? addDays(prevActual, 1) : addDays(plannedStart, r.u() * 5);
          if (prevActual && actualEnd <= prevActual) actualEnd = addDays(prevActual, 10 + r.u() * 20);
          // A stalled project stops at construction (one in twenty), others at today.
          if (stage === 'construction' && r.u() < 0.05) stalled = true;
          const finished = !stalled && actualEnd <= today;
          stages.push({
            project_id: id, stage, position, planned_start: plannedStart, planned_end: plannedEnd,
            actual_start: actualStart <= today ? actualStart : null, actual_end: finished ? actualEnd : null,
            note: stage === 'construction' && stalled ? 'Tạm dừng thi công, chờ bổ sung vốn.' : null,
          });
          if (!finished) break;
          prevActual = actualEnd;
          prevPlanned = plannedEnd;
        }
        // Stages not reached: planned dates only.
        for (const [position, stage] of STAGES.entries()) {
          if (stages.some((s) => s.stage === stage)) continue;
          const plannedEnd = addDays(addMonths(start, spec.plan[stage] + shift), r.u() * 10);
          stages.push({ project_id: id, stage, position, planned_start: addDays(prevPlanned, 1), planned_end: plannedEnd, actual_start: null, actual_end: null, note: null });
          prevPlanned = plannedEnd;
        }
        data.stages.push(...stages);
        const at = (s: Stage) => stages.find((x) => x.stage === s)!;

        // Money: 95 % from the end of procurement to the hand-over, 5 % at settlement; planned on the
        // planned dates, disbursed on the actual ones (a construction under way has disbursed half).
        const planned = new Map<string, number>();
        spread(Math.round(budget * 0.95), monthsBetween(addDays(at('procurement').planned_end!, 1), at('handover').planned_end!), planned);
        spread(budget - Math.round(budget * 0.95), [monthOf(at('settlement').planned_end!)], planned);
        const disbursed = new Map<string, number>();
        const procured = at('procurement').actual_end;
        const handed = at('handover').actual_end;
        if (procured) {
          const until = handed ?? today;
          const share = handed ? 0.95 : 0.5 * Math.min(1, monthsBetween(procured, today).length / Math.max(1, monthsBetween(at('procurement').planned_end!, at('handover').planned_end!).length));
          spread(Math.round((budget * share) / MILLION) * MILLION, monthsBetween(addDays(procured, 1), until), disbursed);
        }
        if (at('settlement').actual_end) spread(budget - Math.round(budget * 0.95), [monthOf(at('settlement').actual_end!)], disbursed);
        const todayMonth = monthOf(today);
        for (const m of new Set([...planned.keys(), ...disbursed.keys()])) {
          const d = m <= todayMonth ? disbursed.get(m) ?? null : null;
          data.months.push({ project_id: id, month: m, planned: planned.get(m) ?? null, disbursed: d });
        }
        // Capital allocated per year (kế hoạch vốn): the year's planned disbursement, plus what the
        // previous year left unspent (extended into the next year, as the Public Investment Law allows);
        // a past year's plan never falls short of what was disbursed in it.
        const sumBy = (m: Map<string, number>, year: number) => [...m].filter(([k]) => Number(k.slice(0, 4)) === year).reduce((x, [, v]) => x + v, 0);
        const years = [...new Set([...planned.keys(), ...disbursed.keys()].map((k) => Number(k.slice(0, 4))))].sort();
        let carried = 0;
        for (const year of years) {
          const spent = year <= thisYear ? sumBy(disbursed, year) : 0;
          const amount = year < thisYear ? Math.max(sumBy(planned, year) + carried, spent) : sumBy(planned, year) + carried;
          carried = year < thisYear ? amount - spent : 0;
          if (amount > 0) data.allocations.push({ project_id: id, year, amount });
        }

        // Issues of late projects (some resolved).
        const late = stages.find((s) => !s.actual_end && s.planned_end && s.planned_end < today);
        if (late || stalled) {
          const opened = addDays(late?.planned_end ?? today, -20);
          const resolved = r.u() < 0.3 && opened < today ? addDays(opened, 15) : null;
          data.issues.push({
            id: uid(), project_id: id, text: ISSUES[Math.floor(r.u() * ISSUES.length)]!, opened_on: opened < today ? opened : today,
            resolved_on: resolved && resolved <= today ? resolved : null, resolution: resolved && resolved <= today ? 'Đã làm việc với nhà thầu, thống nhất tiến độ bù.' : null, created_by: BY,
          });
        }
        for (const u of covered) {
          if (part.kind !== 'equipment_package' && handed) done.set(u.id, { kind: part.kind, year: Number(handed.slice(0, 4)) });
          else if (part.kind === 'new_build') waiting.add(u.id);
        }
      }
    }
  }

  // Premises of every open station and centre, consistent with the projects.
  const units = await db.openUnits(today, ['station', 'health_centre']);
  const premises = units.map((u) => {
    const r = rng(`facilities:premises:${u.code}`);
    const centre = u.kind === 'health_centre';
    const project = done.get(u.id);
    let yearBuilt = Math.round(1985 + r.u() * 30);
    let lastRenovation: number | null = r.u() < 0.4 ? Math.min(thisYear - 1, yearBuilt + 5 + Math.floor(r.u() * 20)) : null;
    const g = r.u();
    let grade: PremisesGrade = g < 0.5 ? 'good' : g < 0.85 ? 'degraded' : 'severe';
    const landSettled = r.u() < (centre ? 0.95 : 0.82);
    if (project?.kind === 'new_build') {
      yearBuilt = project.year;
      lastRenovation = null;
      grade = 'good';
    } else if (project?.kind === 'renovation') {
      lastRenovation = Math.max(project.year, lastRenovation ?? 0);
      grade = 'good';
    } else if (waiting.has(u.id)) grade = 'severe';
    if (lastRenovation !== null && lastRenovation < yearBuilt) lastRenovation = null;
    const settled = landSettled || project?.kind === 'new_build';
    return {
      org_unit_id: u.id,
      land_right_settled: settled,
      land_certificate: settled ? `${['CH', 'CS', 'BĐ'][Math.floor(r.u() * 3)]} ${String(100000 + Math.floor(r.u() * 899999))}` : null,
      land_area_m2: Math.round((centre ? 5000 + r.u() * 20000 : 400 + r.u() * 2100) / 10) * 10,
      year_built: yearBuilt,
      floor_area_m2: Math.round((centre ? 2500 + r.u() * 8000 : 150 + r.u() * 450) / 5) * 5,
      grade,
      last_renovation_year: lastRenovation,
      rooms: centre ? 40 + Math.floor(r.u() * 80) : 8 + Math.floor(r.u() * 14),
      notes: grade === 'severe' ? 'Nhà làm việc thấm dột, tường nứt; cần xây mới hoặc cải tạo lớn.' : grade === 'degraded' ? 'Mái, hệ thống điện nước xuống cấp.' : null,
      updated_by: BY,
    };
  });

  await ctx.transaction(async (tx) => {
    const t = tx.use(repo);
    await t.insertPremisesBulk(premises);
    for (const g of programmes) await t.insertProgramme({ ...g, owner_unit_id: owner.id, created_by: BY });
    await t.insertProjectsBulk(data);
  });
  return { premises: premises.length, programmes: programmes.length, projects: data.projects.length };
}
