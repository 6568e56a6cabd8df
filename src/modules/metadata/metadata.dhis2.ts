// Converts DHIS2 metadata JSON (as exported by /api/metadata or published in dhis2-metadata
// packages) into soyte's package format (package.schema.ts). Pure: no database.
//
// - References by uid become references by code when the referenced object is in the file; other
//   uids are kept (the importer resolves code or uid against the database).
// - Objects without a code get the uid as code (stable across re-imports); codes with characters
//   soyte does not allow are cleaned. Both are reported as warnings.
// - DHIS2's "default" option/category/combo/option combo map to soyte's built-in default.
// - What soyte cannot represent (tracker elements, weekly data sets, expressions with R{}, OUG{},
//   functions …) is ignored with a warning, so a real package still imports.
import { parseExpression, ExpressionError } from '../../lib/expression.js';
import { AGGREGATION_TYPES, PERIOD_TYPES, VALUE_TYPES, type MetadataPackageInput } from './package.schema.js';

type Obj = Record<string, any>;

/** The objects of a list property (anything else: none). */
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);

export interface ConversionNote {
  kind: 'warning' | 'ignored';
  type: string;
  code: string;
  key: string;
  params: Record<string, string | number>;
}

const KNOWN_TYPES = new Set([
  'package', 'system', 'date', 'categoryOptions', 'categories', 'categoryCombos', 'categoryOptionCombos', 'dataElements',
  'dataSets', 'sections', 'indicatorTypes', 'indicators', 'constants', 'validationRules', 'organisationUnitGroups',
  'organisationUnitGroupSets',
]);

/** Does this look like DHIS2 metadata JSON (rather than a soyte package)? */
export function isDhis2(input: unknown): boolean {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return false;
  const o = input as Obj;
  if (o.system || o.package?.DHIS2Version || Array.isArray(o.categoryOptionCombos) || Array.isArray(o.sections)) return true;
  const first = (k: string) => (Array.isArray(o[k]) ? o[k][0] : undefined);
  if (first('dataElements') && typeof first('dataElements').categoryCombo === 'object') return true;
  if (first('categories') && Array.isArray(first('categories').categoryOptions)) return true;
  if (first('categoryCombos') && Array.isArray(first('categoryCombos').categories) && typeof first('categoryCombos').categories[0] === 'object') return true;
  if (first('dataSets') && (first('dataSets').dataSetElements || typeof first('dataSets').categoryCombo === 'object')) return true;
  if (first('indicators') && typeof first('indicators').indicatorType === 'object') return true;
  return false;
}

const CODE_OK = /^[A-Za-z0-9_\-]+$/;

export function cleanCode(code: string): string {
  return code
    .trim()
    .replace(/%/g, '_PCT_')
    .replace(/\+/g, '_PLUS_')
    .replace(/[^A-Za-z0-9_\-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 100);
}

const isDefaultName = (o: Obj) => o?.name === 'default' || o?.code === 'default' || o?.code === 'DEFAULT';

const text = (v: unknown, max = 2000): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t ? t.slice(0, max) : undefined;
};

/** The Vietnamese translation of a property, when the package carries one. */
const vi = (o: Obj, property: string): string | undefined =>
  (o.translations as Obj[] | undefined)?.find((t) => t.locale?.startsWith('vi') && t.property === property)?.value;

export function convertDhis2(input: Obj): { pkg: MetadataPackageInput; notes: ConversionNote[] } {
  const notes: ConversionNote[] = [];
  const list = (k: string): Obj[] => (Array.isArray(input[k]) ? input[k].filter((x: unknown) => x && typeof x === 'object') : []);
  const skipped = Object.keys(input).filter((k) => !KNOWN_TYPES.has(k) && Array.isArray(input[k]) && input[k].length);
  if (skipped.length) notes.push({ kind: 'warning', type: 'package', code: '', key: 'metadata.warn.skippedTypes', params: { types: skipped.join(', ') } });

  // uid → code, per type, for everything in the file.
  const codes: Record<string, Map<string, string>> = {};
  const defaults = new Set<string>();
  const codeOf = (type: string, o: Obj): string => {
    const m = (codes[type] ??= new Map());
    if (m.has(o.id)) return m.get(o.id)!;
    const used = new Set(m.values());
    let code: string;
    if (typeof o.code === 'string' && o.code.trim()) {
      code = o.code.trim();
      if (!CODE_OK.test(code) || code.length > 100) {
        code = cleanCode(code) || String(o.id);
        if (used.has(code)) code = `${code}_${o.id}`;
        notes.push({ kind: 'warning', type, code, key: 'metadata.warn.sanitizedCode', params: { type, original: o.code, code } });
      }
    } else {
      code = String(o.id ?? '');
      notes.push({ kind: 'warning', type, code, key: 'metadata.warn.derivedCode', params: { type, name: o.name ?? '', id: o.id ?? '', code } });
    }
    m.set(o.id, code);
    return code;
  };
  const ref = (type: string, r: Obj | undefined): string | undefined => {
    if (!r?.id) return r?.code;
    if (defaults.has(r.id)) return 'default';
    return codes[type]?.get(r.id) ?? r.code ?? r.id;
  };
  const id = (o: Obj) => (typeof o.id === 'string' && /^[A-Za-z][A-Za-z0-9]{10}$/.test(o.id) ? o.id : undefined);
  const names = (o: Obj) => {
    const name = text(vi(o, 'NAME') ?? o.name, 300) ?? String(o.code ?? o.id);
    const nameEn = text(o.name, 300);
    return { name, ...(nameEn && nameEn !== name ? { nameEn } : vi(o, 'NAME') ? {} : { nameEn }) };
  };

  // Built-in defaults.
  for (const k of ['categoryOptions', 'categories', 'categoryCombos', 'categoryOptionCombos']) {
    for (const o of list(k)) if (isDefaultName(o) && o.id) defaults.add(o.id);
  }
  // Assign codes first so that forward references resolve.
  const typed: [string, string][] = [
    ['categoryOptions', 'categoryOptions'], ['categories', 'categories'], ['categoryCombos', 'categoryCombos'],
    ['dataElements', 'dataElements'], ['dataSets', 'dataSets'], ['indicatorTypes', 'indicatorTypes'], ['indicators', 'indicators'],
    ['constants', 'constants'], ['validationRules', 'validationRules'], ['organisationUnitGroups', 'organisationUnitGroups'],
    ['organisationUnitGroupSets', 'organisationUnitGroupSets'],
  ];
  for (const [k, type] of typed) for (const o of list(k)) if (!defaults.has(o.id)) codeOf(type, o);

  const pkg: MetadataPackageInput & Obj = {};
  const p = input.package as Obj | undefined;
  if (p?.code || p?.name) {
    pkg.package = { code: cleanCode(String(p.code ?? p.name)) || 'DHIS2', name: String(p.name ?? p.code).slice(0, 300), version: String(p.version || p.DHIS2Version || '1').slice(0, 50), description: text(p.description) };
  }

  pkg.categoryOptions = list('categoryOptions')
    .filter((o) => !defaults.has(o.id))
    .map((o) => ({ id: id(o), code: codeOf('categoryOptions', o), ...names(o), shortName: text(o.shortName, 2000) }));

  const catById = new Map(list('categories').map((c) => [c.id, c]));
  pkg.categories = list('categories')
    .filter((o) => !defaults.has(o.id))
    .map((o) => ({
      id: id(o),
      code: codeOf('categories', o),
      ...names(o),
      dataDimensionType: o.dataDimensionType === 'ATTRIBUTE' ? 'ATTRIBUTE' : 'DISAGGREGATION',
      options: arr(o.categoryOptions).map((r) => ref('categoryOptions', r)!).filter(Boolean),
    }));

  // Option combo uids, keyed by option codes in category order, per combo.
  const cocsByCombo = new Map<string, Obj[]>();
  for (const c of list('categoryOptionCombos')) {
    const k = c.categoryCombo?.id;
    if (k) cocsByCombo.set(k, [...(cocsByCombo.get(k) ?? []), c]);
  }
  pkg.categoryCombos = list('categoryCombos')
    .filter((o) => !defaults.has(o.id))
    .map((o) => {
      const cats = arr(o.categories).map((r) => r.id as string);
      const optionComboIds: Record<string, string> = {};
      for (const coc of cocsByCombo.get(o.id) ?? []) {
        const optIds = new Set(arr(coc.categoryOptions).map((r) => r.id));
        const parts: string[] = [];
        for (const cid of cats) {
          const cat = catById.get(cid);
          const opt = arr(cat?.categoryOptions).find((r) => optIds.has(r.id));
          if (opt) parts.push(ref('categoryOptions', opt)!);
        }
        if (parts.length === cats.length && id(coc)) optionComboIds[parts.join('_')] = coc.id;
      }
      return {
        id: id(o),
        code: codeOf('categoryCombos', o),
        ...names(o),
        dataDimensionType: o.dataDimensionType === 'ATTRIBUTE' ? ('ATTRIBUTE' as const) : ('DISAGGREGATION' as const),
        categories: arr(o.categories).map((r) => ref('categories', r)!).filter(Boolean),
        ...(Object.keys(optionComboIds).length ? { optionComboIds } : {}),
      };
    });

  const ignoredDe = new Set<string>();
  pkg.dataElements = [];
  for (const o of list('dataElements')) {
    const code = codeOf('dataElements', o);
    if (o.domainType && o.domainType !== 'AGGREGATE') {
      notes.push({ kind: 'ignored', type: 'dataElements', code, key: 'metadata.warn.trackerElement', params: { code } });
      ignoredDe.add(o.id);
      continue;
    }
    const valueType = o.valueType ?? 'NUMBER';
    if (!(VALUE_TYPES as readonly string[]).includes(valueType)) {
      notes.push({ kind: 'ignored', type: 'dataElements', code, key: 'metadata.warn.unsupportedValueType', params: { code, value: valueType } });
      ignoredDe.add(o.id);
      continue;
    }
    const agg = String(o.aggregationType ?? 'SUM');
    let aggregationType = agg;
    if (!(AGGREGATION_TYPES as readonly string[]).includes(agg)) {
      aggregationType = agg.startsWith('LAST') || agg === 'FIRST' || agg.startsWith('FIRST_') ? 'LAST' : agg.startsWith('AVERAGE') ? 'AVERAGE' : agg === 'DEFAULT' || agg === 'COUNT' ? 'SUM' : 'NONE';
      notes.push({ kind: 'warning', type: 'dataElements', code, key: 'metadata.warn.aggregationMapped', params: { code, value: agg, mapped: aggregationType } });
    }
    pkg.dataElements.push({
      id: id(o),
      code,
      ...names(o),
      shortName: text(vi(o, 'SHORT_NAME') ?? o.shortName),
      formName: text(vi(o, 'FORM_NAME') ?? o.formName),
      description: text(vi(o, 'DESCRIPTION') ?? o.description),
      valueType: valueType as (typeof VALUE_TYPES)[number],
      aggregationType: aggregationType as (typeof AGGREGATION_TYPES)[number],
      zeroIsSignificant: !!o.zeroIsSignificant,
      categoryCombo: ref('categoryCombos', o.categoryCombo) ?? 'default',
    });
  }
  const deRef = (r: Obj) => (ignoredDe.has(r?.id) ? undefined : ref('dataElements', r));

  const topSections = list('sections');
  pkg.dataSets = [];
  for (const o of list('dataSets')) {
    const code = codeOf('dataSets', o);
    if (!(PERIOD_TYPES as readonly string[]).includes(o.periodType ?? 'Monthly')) {
      notes.push({ kind: 'ignored', type: 'dataSets', code, key: 'metadata.warn.unsupportedPeriodType', params: { type: 'dataSets', code, value: o.periodType } });
      continue;
    }
    const dse = arr(o.dataSetElements).filter((e) => e.dataElement);
    const elementCombo = new Map(list('dataElements').map((d) => [d.id, d.categoryCombo?.id ?? null]));
    for (const e of dse) {
      if (e.categoryCombo?.id && e.categoryCombo.id !== elementCombo.get(e.dataElement.id) && !defaults.has(e.categoryCombo.id)) {
        notes.push({ kind: 'warning', type: 'dataSets', code, key: 'metadata.warn.elementCombo', params: { code, de: deRef(e.dataElement) ?? e.dataElement.id } });
      }
    }
    let secs: Obj[] = arr(o.sections).map((s) => (s.name ? s : topSections.find((t) => t.id === s.id) ?? s));
    for (const t of topSections) if (t.dataSet?.id === o.id && !secs.some((s) => s.id === t.id)) secs.push(t);
    secs = secs.filter((s) => s.name).sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
    const inSection = new Set<string>();
    const sections = secs.map((s) => {
      const des = arr(s.dataElements).map((r) => r.id as string).filter((x) => !inSection.has(x) && !ignoredDe.has(x));
      des.forEach((x) => inSection.add(x));
      return {
        id: id(s),
        code: typeof s.code === 'string' && CODE_OK.test(s.code) ? s.code : undefined,
        name: text(vi(s, 'NAME') ?? s.name, 300)!,
        description: text(s.description),
        dataElements: des.map((x) => deRef({ id: x })!),
      };
    });
    const loose = dse.map((e) => e.dataElement.id as string).filter((x) => !inSection.has(x) && !ignoredDe.has(x));
    const timely = Number(o.timelyDays);
    pkg.dataSets.push({
      id: id(o),
      code,
      ...names(o),
      shortName: text(o.shortName),
      description: text(vi(o, 'DESCRIPTION') ?? o.description),
      periodType: (o.periodType ?? 'Monthly') as (typeof PERIOD_TYPES)[number],
      categoryCombo: ref('categoryCombos', o.categoryCombo) ?? 'default',
      // DHIS2 counts calendar days; soyte counts working days (5 of every 7).
      deadlineWorkingDays: Number.isFinite(timely) && timely > 0 ? Math.min(366, Math.round((timely * 5) / 7)) : 5,
      entryGraceDays: Number(o.expiryDays) > 0 ? Math.min(3660, Number(o.expiryDays)) : null,
      sections,
      dataElements: [...new Set(loose)].map((x) => deRef({ id: x })!),
      orgUnits: arr(o.organisationUnits).map((u) => u.code ?? u.id).filter(Boolean),
    });
  }

  pkg.indicatorTypes = list('indicatorTypes').map((o) => ({
    id: id(o),
    code: codeOf('indicatorTypes', o),
    ...names(o),
    factor: Number(o.factor) || 1,
    number: !!o.number,
  }));

  /** Rewrites uids in an expression to codes; null when the syntax is not supported. */
  const expr = (e: unknown): { text: string } | { unsupported: string } => {
    const t = String(e ?? '').trim();
    try {
      parseExpression(t);
    } catch (err) {
      return { unsupported: err instanceof ExpressionError ? t.slice(0, 80) : String(err) };
    }
    const out = t
      .replace(/#\{\s*([A-Za-z0-9_\-]+)(?:\.([A-Za-z0-9_\-]+))?\s*\}/g, (_m, de: string, coc?: string) => {
        const d = codes.dataElements?.get(de) ?? de;
        const c = coc === undefined ? '' : `.${defaults.has(coc) ? 'default' : coc}`;
        return `#{${d}${c}}`;
      })
      .replace(/C\{\s*([A-Za-z0-9_\-]+)\s*\}/g, (_m, k: string) => `C{${codes.constants?.get(k) ?? k}}`);
    return { text: out };
  };

  pkg.indicators = [];
  for (const o of list('indicators')) {
    const code = codeOf('indicators', o);
    const num = expr(o.numerator);
    const den = expr(o.denominator);
    const bad = 'unsupported' in num ? num : 'unsupported' in den ? den : null;
    if (bad || !('text' in num) || !('text' in den)) {
      notes.push({ kind: 'ignored', type: 'indicators', code, key: 'metadata.warn.unsupportedExpression', params: { type: 'indicators', code, detail: (bad as { unsupported: string }).unsupported } });
      continue;
    }
    pkg.indicators.push({
      id: id(o),
      code,
      ...names(o),
      shortName: text(o.shortName),
      description: text(vi(o, 'DESCRIPTION') ?? o.description),
      indicatorType: ref('indicatorTypes', o.indicatorType) ?? '',
      numerator: num.text,
      numeratorDescription: text(o.numeratorDescription),
      denominator: den.text,
      denominatorDescription: text(o.denominatorDescription),
      decimals: Number.isInteger(o.decimals) ? Math.min(6, Math.max(0, o.decimals)) : null,
      annualized: !!o.annualized,
    });
  }

  pkg.constants = list('constants').map((o) => ({ id: id(o), code: codeOf('constants', o), ...names(o), value: Number(o.value) }));

  const ruleSide = (s: Obj | undefined) => ({
    expression: '',
    description: text(s?.description),
    missingValueStrategy: ['SKIP_IF_ANY_VALUE_MISSING', 'SKIP_IF_ALL_VALUES_MISSING', 'NEVER_SKIP'].includes(s?.missingValueStrategy)
      ? s!.missingValueStrategy
      : 'SKIP_IF_ALL_VALUES_MISSING',
  });
  pkg.validationRules = [];
  for (const o of list('validationRules')) {
    const code = codeOf('validationRules', o);
    if (!(PERIOD_TYPES as readonly string[]).includes(o.periodType ?? 'Monthly')) {
      notes.push({ kind: 'ignored', type: 'validationRules', code, key: 'metadata.warn.unsupportedPeriodType', params: { type: 'validationRules', code, value: o.periodType } });
      continue;
    }
    const l = expr(o.leftSide?.expression);
    const r = expr(o.rightSide?.expression);
    if (!('text' in l) || !('text' in r)) {
      const detail = 'unsupported' in l ? l.unsupported : (r as { unsupported: string }).unsupported;
      notes.push({ kind: 'ignored', type: 'validationRules', code, key: 'metadata.warn.unsupportedExpression', params: { type: 'validationRules', code, detail } });
      continue;
    }
    const { name, nameEn } = names(o);
    pkg.validationRules.push({
      id: id(o),
      code,
      name,
      nameEn,
      description: text(o.description),
      importance: ['HIGH', 'MEDIUM', 'LOW'].includes(o.importance) ? o.importance : 'MEDIUM',
      periodType: (o.periodType ?? 'Monthly') as (typeof PERIOD_TYPES)[number],
      leftSide: { ...ruleSide(o.leftSide), expression: l.text },
      operator: o.operator,
      rightSide: { ...ruleSide(o.rightSide), expression: r.text },
      message: text(vi(o, 'INSTRUCTION') ?? o.instruction, 300) ?? name,
      messageEn: text(o.instruction, 2000) ?? nameEn,
    });
  }

  const setOfGroup = new Map<string, string>();
  for (const s of list('organisationUnitGroupSets')) {
    for (const g of arr(s.organisationUnitGroups)) setOfGroup.set(g.id, codeOf('organisationUnitGroupSets', s));
  }
  pkg.organisationUnitGroupSets = list('organisationUnitGroupSets').map((o) => ({ id: id(o), code: codeOf('organisationUnitGroupSets', o), ...names(o) }));
  pkg.organisationUnitGroups = list('organisationUnitGroups').map((o) => ({
    id: id(o),
    code: codeOf('organisationUnitGroups', o),
    ...names(o),
    groupSet: setOfGroup.get(o.id) ?? (o.groupSets?.[0]?.id ? ref('organisationUnitGroupSets', o.groupSets[0]) : undefined),
    orgUnits: arr(o.organisationUnits).map((u) => u.code ?? u.id).filter(Boolean),
  }));
  return { pkg, notes };
}
