// The arithmetic of project progress, pure: a project's current stage and late stages, and the
// progress of a programme (projects per current stage, late stages, disbursement against the year's
// capital month by month, cumulative). The services read the rows; this turns them into numbers.
import { STAGES, type CurrentStage, type ProgrammeProgress, type Stage } from './facilities.contract.js';
import { daysBetween } from '../../lib/dates.js';

export interface StageDates {
  stage: Stage;
  planned_end: string | null;
  actual_end: string | null;
}

/** The first stage not finished (no actual end), in the order of STAGES; 'done' when all are. */
export function currentStage(stages: readonly StageDates[]): CurrentStage {
  const byStage = new Map(stages.map((s) => [s.stage, s]));
  for (const st of STAGES) if (!byStage.get(st)?.actual_end) return st;
  return 'done';
}

/** Stages whose planned end is before `today` and that have no actual end. */
export function lateStages(stages: readonly StageDates[], today: string): Stage[] {
  return STAGES.filter((st) => {
    const s = stages.find((x) => x.stage === st);
    return !!s && !!s.planned_end && s.planned_end < today && !s.actual_end;
  });
}


export interface ProgressInput {
  programme: { id: string; name: string };
  year: number;
  today: string;
  projects: { id: string; name: string; stages: StageDates[] }[];
  /** Allocations of the year (any project of the list). */
  allocations: { year: number; amount: number }[];
  /** Months of the year: 'YYYY-MM-01' with planned and disbursed amounts (any project of the list). */
  months: { month: string; planned: number | null; disbursed: number | null }[];
}

export function programmeProgress(p: ProgressInput): ProgrammeProgress {
  const current = new Map<CurrentStage, number>([...STAGES, 'done' as const].map((s) => [s, 0]));
  const stageRows = STAGES.map((stage) => ({ stage, finished: 0, late: 0, planned: 0 }));
  const lateProjects: ProgrammeProgress['lateProjects'] = [];
  for (const pr of p.projects) {
    const c = currentStage(pr.stages);
    current.set(c, current.get(c)! + 1);
    for (const s of pr.stages) {
      const row = stageRows[STAGES.indexOf(s.stage)]!;
      if (s.actual_end) row.finished++;
      if (s.planned_end) row.planned++;
    }
    const late = lateStages(pr.stages, p.today);
    for (const st of late) stageRows[STAGES.indexOf(st)]!.late++;
    if (late.length) {
      const first = pr.stages.find((s) => s.stage === late[0])!;
      lateProjects.push({ id: pr.id, name: pr.name, stage: late[0]!, plannedEnd: first.planned_end!, daysLate: daysBetween(first.planned_end!, p.today) });
    }
  }
  lateProjects.sort((a, b) => b.daysLate - a.daysLate || a.name.localeCompare(b.name, 'vi'));

  const allocated = p.allocations.filter((a) => a.year === p.year).reduce((s, a) => s + Number(a.amount), 0);
  const thisMonth = p.today.slice(0, 7);
  const months: ProgrammeProgress['months'] = [];
  let cumPlanned = 0;
  let cumDisbursed = 0;
  for (let m = 1; m <= 12; m++) {
    const month = `${p.year}-${String(m).padStart(2, '0')}`;
    const rows = p.months.filter((x) => x.month.slice(0, 7) === month);
    const planned = rows.reduce((s, r) => s + Number(r.planned ?? 0), 0);
    const past = month <= thisMonth;
    const disbursed = past ? rows.reduce((s, r) => s + Number(r.disbursed ?? 0), 0) : null;
    cumPlanned += planned;
    if (disbursed !== null) cumDisbursed += disbursed;
    months.push({
      month, planned, disbursed, cumulativePlanned: cumPlanned, cumulativeDisbursed: past ? cumDisbursed : null,
      pctOfAllocated: past && allocated > 0 ? round1((cumDisbursed / allocated) * 100) : null,
    });
  }
  return {
    programme: p.programme,
    year: p.year,
    asOf: p.today,
    projects: p.projects.length,
    byStage: [...current].map(([stage, projects]) => ({ stage, projects })),
    stages: stageRows,
    lateProjects,
    allocated,
    disbursed: cumDisbursed,
    disbursedPct: allocated > 0 ? round1((cumDisbursed / allocated) * 100) : null,
    months,
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
