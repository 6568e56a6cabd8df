// Pure helpers of the entry form's layout: cell ids, localised names, the grids ("blocks") of a
// section, and the header rows of a disaggregation grid.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import type { FormElement, FormSection, OptionCombo } from '../../../../src/modules/datavalues/datavalues.contract.js';
import type { CellState, Move } from './Cell';
import type { CellIssue, Severity } from './issues';

export { cid, numericOf } from './issues';

export type Named = { name: string; nameEn?: string | null; formName?: string | null };
export type LocalName = (o: Named) => string;

/** Localised name of a metadata object. */
export function useLocalName(): LocalName {
  const { i18n: i } = useTranslation();
  const en = i.language === 'en';
  return useCallback((o: Named) => (en ? o.nameEn || o.name : o.formName || o.name), [en]);
}

/** Consecutive elements of a section that share the same disaggregation form one grid. */
export interface Block {
  key: string;
  elements: FormElement[];
  combos: OptionCombo[];
  categories: FormElement['categories'];
  isDefault: boolean;
}

export function blocksOf(section: FormSection): Block[] {
  const out: Block[] = [];
  for (const el of section.elements) {
    const sig = el.optionCombos.map((c) => String(c.id)).join(',');
    const last = out[out.length - 1];
    if (last && last.key.endsWith(`#${sig}`)) last.elements.push(el);
    else {
      const isDefault = el.optionCombos.length <= 1 && (el.categories.length === 0 || el.categories.every((c) => c.code === 'default'));
      out.push({ key: `${out.length}#${sig}`, elements: [el], combos: el.optionCombos, categories: el.categories, isDefault });
    }
  }
  return out;
}

/** True when an element has a real disaggregation (more than the default combo). */
export function isMulti(el: FormElement): boolean {
  return el.optionCombos.length > 1;
}

/** Header rows of a grid: one per category (with column spans) when the combos form the full product. */
export function headerRowsOf(block: Block, localName: LocalName): { label: string; span: number }[][] {
  if (block.isDefault) return [[{ label: i18n.t('entry.form.value'), span: 1 }]];
  const cats = block.categories;
  const product = cats.reduce((n, c) => n * c.options.length, 1);
  if (cats.length >= 2 && product === block.combos.length) {
    const rows: { label: string; span: number }[][] = [];
    for (let i = 0; i < cats.length; i++) {
      const before = cats.slice(0, i).reduce((n, c) => n * c.options.length, 1);
      const after = cats.slice(i + 1).reduce((n, c) => n * c.options.length, 1);
      const r: { label: string; span: number }[] = [];
      for (let b = 0; b < before; b++) for (const o of cats[i]!.options) r.push({ label: localName(o), span: after });
      rows.push(r);
    }
    return rows;
  }
  return [block.combos.map((c) => ({ label: localName(c), span: 1 }))];
}

/** "≠" for a broken "equal to" rule, and so on: the sign that holds between the two sides now. */
export function opSign(op?: string): string {
  switch (op) {
    case 'equal_to':
      return '≠';
    case 'not_equal_to':
      return '=';
    case 'greater_than':
      return '≤';
    case 'greater_than_or_equal_to':
      return '<';
    case 'less_than':
      return '≥';
    case 'less_than_or_equal_to':
      return '>';
    default:
      return 'vs';
  }
}

/** What is known about one cell of the form, by cell id. */
export interface CellInfo {
  id: string;
  el: FormElement;
  coc: OptionCombo;
  /** "T_BIRTHS_SEX-T_FEMALE": the suffix of the cell's test ids. */
  testKey: string;
  /** "Trẻ đẻ ra sống theo giới — Nữ" (the combo only when the element is disaggregated). */
  label: string;
  /** Index of the cell's section in the form. */
  section: number;
}

export function cellInfos(sections: FormSection[], localName: LocalName): Map<string, CellInfo> {
  const m = new Map<string, CellInfo>();
  sections.forEach((s, si) => {
    for (const el of s.elements) {
      const multi = isMulti(el);
      for (const coc of el.optionCombos) {
        const id = `${el.id}|${coc.id}`;
        m.set(id, {
          id,
          el,
          coc,
          testKey: `${el.code}-${coc.code ?? coc.id}`,
          label: `${localName(el)}${multi ? ` — ${localName(coc)}` : ''}`,
          section: si,
        });
      }
    }
  });
  return m;
}

/** What a section's cells need from the form: their states, problems and the form's handlers. */
export interface SectionEnv {
  cells: Map<string, CellState>;
  editable: boolean;
  localName: LocalName;
  plan: Map<string, number>;
  info: Map<string, CellInfo>;
  rowOf: Map<string, number>;
  severity: Map<string, Severity>;
  issuesByElement: Map<string, CellIssue[]>;
  outlierText: (id: string, shown: string | null) => string | null;
  onCommit: (cellId: string, value: string | null) => void;
  onRevert: (cellId: string) => void;
  onMove: (from: HTMLInputElement, move: Move) => void;
  onDetails: (cellId: string) => void;
  goToCell: (cellId: string) => void;
}
