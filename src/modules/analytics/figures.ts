// Register-derived figures: numbers that other modules compute live from their registers (the share
// of functional equipment, stations missing essential items, overdue inspections, degraded premises,
// disbursement against plan …). A module registers its figures when it is loaded; analytics and the
// report templates then read them like data elements, by code, so they are never typed twice.
import type { Ctx } from '../../core/context.js';
import type { FigureSummary } from './analytics.contract.js';

/** One unit's figure: a count, or a share (numerator over denominator, shown as a percent). */
export interface FigureValue {
  value: number;
  /** For a share: what the value is counted out of (the percent is value / denominator × 100). */
  denominator?: number;
}

export interface RegisterFigure {
  /** Stable code, used like a data element's (e.g. EQ_FUNCTIONAL_PCT). */
  code: string;
  name: string;
  nameEn: string;
  /** 'count': summed over a unit's subtree; 'share': numerator and denominator are summed, then divided. */
  kind: 'count' | 'share';
  /** The module that computes it (for the catalogue). */
  module: string;
  /**
   * The figure of each asked unit over its whole subtree as on `date` (YYYY-MM-DD), read live from the
   * register. Units that hold nothing get no entry or a zero, as the figure means (a count of broken
   * items is 0 when there are none; a share with no denominator is left out: unknown, never 0 %).
   * The caller has already checked the units are in the actor's scope.
   */
  compute(ctx: Ctx, unitIds: readonly string[], date: string): Promise<Map<string, FigureValue>>;
}

const figures = new Map<string, RegisterFigure>();

export function registerFigure(f: RegisterFigure): void {
  figures.set(f.code, f);
}

export function figureByCode(code: string): RegisterFigure | undefined {
  return figures.get(code);
}

export function allFigures(): RegisterFigure[] {
  return [...figures.values()];
}

/** The number a figure shows: the count, or the percent of a share (null when its denominator is 0). */
export function figureNumber(f: RegisterFigure, v: FigureValue | undefined): number | null {
  if (!v) return f.kind === 'count' ? 0 : null;
  if (f.kind === 'count') return v.value;
  return v.denominator ? (v.value / v.denominator) * 100 : null;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the readers (analytics engine, values, report templates, the catalogue)

/** The date a figure is read on for a period: its last day, or today while the period runs; null before it starts. */
export function figureDate(period: { start: string; end: string }, today: string): string | null {
  if (period.start > today) return null;
  return period.end < today ? period.end : today;
}

/** A figure's name in the caller's language. */
export function figureName(f: RegisterFigure, locale: string): string {
  return locale === 'en' && f.nameEn ? f.nameEn : f.name;
}

export type { FigureSummary };

/** Every registered figure, by module then code, named in the caller's language. */
export function figureCatalogue(locale: string): FigureSummary[] {
  return allFigures()
    .map((f) => ({ code: f.code, name: figureName(f, locale), kind: f.kind, module: f.module }))
    .sort((a, b) => a.module.localeCompare(b.module) || a.code.localeCompare(b.code));
}
