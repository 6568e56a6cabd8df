// The structure of a data set's entry form: sections in order, their elements with value type,
// aggregation type and disaggregation (category combo → categories → options → option combos).
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { PeriodType } from '../../lib/periods.js';
import type { AggregationType, ValueType } from '../metadata/metadata.tables.js';
import type { OptionCombo } from './datavalues.contract.js';
import * as formRepo from './form.repo.js';

export interface FormOption {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
}

export interface FormCategory extends FormOption {
  options: FormOption[];
}

/** An option combo as the form's answer shows it, with its internal key. */
export interface FormOptionCombo extends OptionCombo {
  iid: number;
}

export interface FormElement {
  id: string;
  iid: number;
  code: string;
  name: string;
  nameEn: string | null;
  formName: string | null;
  valueType: ValueType;
  aggregationType: AggregationType;
  zeroIsSignificant: boolean;
  unit: string | null;
  categoryCombo: { id: string; code: string; isDefault: boolean };
  categories: FormCategory[];
  /** In grid order: first category slowest, last category fastest. */
  optionCombos: FormOptionCombo[];
}

export interface FormSection {
  id: string;
  code: string | null;
  name: string;
  nameEn: string | null;
  elements: FormElement[];
}

export interface FormDefinition {
  dataSet: {
    id: string;
    code: string;
    name: string;
    nameEn: string | null;
    periodType: PeriodType;
    deadlineWorkingDays: number;
    entryGraceDays: number | null;
  };
  sections: FormSection[];
  /** Elements of the data set that are in no section. */
  unsectioned: FormElement[];
  /** All elements by id (sectioned or not). */
  elements: Map<string, FormElement>;
}

/** The form of a data set, by uid or code. Throws NOT_FOUND (notFound.dataSet). */
export async function loadFormDefinition(ctx: Ctx, dataSetIdOrCode: string): Promise<FormDefinition> {
  const forms = ctx.use(formRepo);
  const ds = await forms.dataSetByRef(dataSetIdOrCode);
  if (!ds) throw notFound('dataSet', dataSetIdOrCode);
  const [sections, members] = await Promise.all([forms.sectionsOf(ds.id), forms.membersOf(ds.id)]);

  const comboIds = [...new Set(members.map((m) => m.category_combo_id))];
  const combos = await loadCombos(ctx, comboIds);

  const elements = new Map<string, FormElement>();
  const bySection = new Map<string | null, FormElement[]>();
  for (const m of members) {
    const combo = combos.get(m.category_combo_id)!;
    const el: FormElement = {
      id: m.id,
      iid: m.iid,
      code: m.code,
      name: m.name,
      nameEn: m.name_en,
      formName: m.form_name,
      valueType: m.value_type,
      aggregationType: m.aggregation_type,
      zeroIsSignificant: m.zero_is_significant,
      unit: m.unit,
      categoryCombo: combo.combo,
      categories: combo.categories,
      optionCombos: combo.optionCombos,
    };
    elements.set(el.id, el);
    const arr = bySection.get(m.section_id) ?? [];
    arr.push(el);
    bySection.set(m.section_id, arr);
  }
  return {
    dataSet: {
      id: ds.id,
      code: ds.code,
      name: ds.name,
      nameEn: ds.name_en,
      periodType: ds.period_type,
      deadlineWorkingDays: ds.deadline_working_days,
      entryGraceDays: ds.entry_grace_days,
    },
    sections: sections.map((s) => ({ id: s.id, code: s.code, name: s.name, nameEn: s.name_en, elements: bySection.get(s.id) ?? [] })),
    unsectioned: bySection.get(null) ?? [],
    elements,
  };
}

interface LoadedCombo {
  combo: { id: string; code: string; isDefault: boolean };
  categories: FormCategory[];
  optionCombos: FormOptionCombo[];
}

/** Category combos with their categories, options and option combos (grid-ordered). */
export async function loadCombos(ctx: Ctx, comboIds: string[]): Promise<Map<string, LoadedCombo>> {
  const out = new Map<string, LoadedCombo>();
  if (comboIds.length === 0) return out;
  const { combos, cats, opts, cocs, cocOpts } = await ctx.use(formRepo).comboRows(comboIds);
  const optionsOfCategory = new Map<string, FormOption[]>();
  const seenOpt = new Set<string>();
  for (const o of opts) {
    const k = `${o.category_id}|${o.id}`;
    if (seenOpt.has(k)) continue; // a category shared by two combos appears twice
    seenOpt.add(k);
    const arr = optionsOfCategory.get(o.category_id) ?? [];
    arr.push({ id: o.id, code: o.code, name: o.name, nameEn: o.name_en });
    optionsOfCategory.set(o.category_id, arr);
  }
  const optionIdsOfCoc = new Map<string, Set<string>>();
  for (const r of cocOpts) {
    const s = optionIdsOfCoc.get(r.category_option_combo_id) ?? new Set();
    s.add(r.category_option_id);
    optionIdsOfCoc.set(r.category_option_combo_id, s);
  }
  for (const c of combos) {
    const categories: FormCategory[] = cats
      .filter((x) => x.category_combo_id === c.id)
      .map((x) => ({ id: x.id, code: x.code, name: x.name, nameEn: x.name_en, options: optionsOfCategory.get(x.id) ?? [] }));
    const optionCombos = cocs
      .filter((x) => x.category_combo_id === c.id)
      .map((x) => {
        const ids = optionIdsOfCoc.get(x.id) ?? new Set<string>();
        // Grid position: the option index in each category, first category most significant.
        const position: number[] = [];
        const codes: string[] = [];
        for (const cat of categories) {
          const idx = cat.options.findIndex((o) => ids.has(o.id));
          position.push(idx < 0 ? 9999 : idx);
          if (idx >= 0) codes.push(cat.options[idx]!.code);
        }
        return { coc: { id: x.id, iid: x.iid, code: x.code, name: x.name, nameEn: x.name_en, options: codes }, position };
      })
      .sort((a, b) => {
        for (let i = 0; i < a.position.length; i++) if (a.position[i] !== b.position[i]) return a.position[i]! - b.position[i]!;
        return 0;
      })
      .map((x) => x.coc);
    out.set(c.id, { combo: { id: c.id, code: c.code, isDefault: c.is_default }, categories, optionCombos });
  }
  return out;
}
