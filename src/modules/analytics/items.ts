// Data items named by users (uid or code): a data element (its total), `DE.COC` (one option combo of
// it), an indicator, or a register figure (figures.ts, by code). Shared by GET /api/analytics/values
// and the report templates.
import type { PeriodLocale } from '../../lib/periods.js';
import type { Ctx } from '../../core/context.js';
import * as repo from './analytics.repo.js';
import { figureByCode, figureName } from './figures.js';

export interface NamedItem {
  /** As asked: "CD_INFLUENZA", "COVID_DOSES.BOOSTER2", a uid … */
  ref: string;
  kind: 'dataElement' | 'indicator' | 'figure';
  /** Data element or indicator id; a register figure's code. */
  id: string;
  code: string;
  /** The item's name; for `DE.COC` the element's name and, apart, the option combo's. */
  name: string;
  combo: { id: string; code: string; name: string } | null;
  /** Indicators: decimals to show, and the formula's two parts. */
  decimals: number | null;
  numerator: string | null;
  denominator: string | null;
  /** Register figures: a count, or a share (its value is a percent); null for the others. */
  figureKind: 'count' | 'share' | null;
}

/** Looks the items up (a uid wins over a code); `unknown` lists, in order, those that do not exist. */
export async function lookupItems(ctx: Ctx, refs: readonly string[], locale: PeriodLocale = 'vi'): Promise<{ items: Map<string, NamedItem>; unknown: string[] }> {
  const unique = [...new Set(refs)];
  const heads = [...new Set(unique.map((r) => r.split('.')[0]!))];
  const comboRefs = unique.filter((r) => r.includes('.')).map((r) => r.slice(r.indexOf('.') + 1));
  const { elements, indicators, combos } = await ctx.use(repo).itemRows(heads, comboRefs);
  const nameOf = (x: { name: string; name_en: string | null }) => (locale === 'en' && x.name_en ? x.name_en : x.name);
  const find = <T extends { id: string; code: string | null }>(list: readonly T[], ref: string) => list.find((x) => x.id === ref) ?? list.find((x) => x.code === ref);

  const items = new Map<string, NamedItem>();
  const unknown: string[] = [];
  for (const ref of unique) {
    const dot = ref.indexOf('.');
    if (dot >= 0) {
      const el = find(elements, ref.slice(0, dot));
      const combo = el && find(combos.filter((c) => c.category_combo_id === el.category_combo_id), ref.slice(dot + 1));
      if (!el || !combo) {
        unknown.push(ref);
        continue;
      }
      items.set(ref, {
        ref, kind: 'dataElement', id: el.id, code: el.code, name: nameOf(el),
        combo: { id: combo.id, code: combo.code ?? combo.id, name: nameOf(combo) },
        decimals: null, numerator: null, denominator: null, figureKind: null,
      });
      continue;
    }
    // By uid first (element or indicator), then by code (an element before an indicator, then a
    // register figure).
    const hit = elements.find((e) => e.id === ref) ?? indicators.find((i) => i.id === ref) ?? elements.find((e) => e.code === ref) ?? indicators.find((i) => i.code === ref);
    const figure = hit ? undefined : figureByCode(ref);
    if (figure) {
      items.set(ref, {
        ref, kind: 'figure', id: figure.code, code: figure.code, name: figureName(figure, locale),
        combo: null, decimals: figure.kind === 'share' ? 1 : null, numerator: null, denominator: null, figureKind: figure.kind,
      });
      continue;
    }
    if (!hit) {
      unknown.push(ref);
      continue;
    }
    items.set(
      ref,
      'numerator' in hit
        ? { ref, kind: 'indicator', id: hit.id, code: hit.code, name: nameOf(hit), combo: null, decimals: hit.decimals, numerator: hit.numerator, denominator: hit.denominator, figureKind: null }
        : { ref, kind: 'dataElement', id: hit.id, code: hit.code, name: nameOf(hit), combo: null, decimals: null, numerator: null, denominator: null, figureKind: null },
    );
  }
  return { items, unknown };
}
