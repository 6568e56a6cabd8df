// DHIS2 `GET /api/analytics` request → AnalyticsQuery (+ the layout needed to shape the answer).
// Pure: every database lookup goes through the injected `AnalyticsResolver`, built by the route.
//
// Supported (DHIS2 semantics):
//   dimension=dx:A;B;DE.COC;DE.*      data elements (total, one option combo, every combo), indicators,
//                                      register figures by code (figures.ts; in either idScheme: no uid)
//   dimension=pe:202405;LAST_12_MONTHS ISO, soyte (2024N9, 2024YTD05, 202401-202405) and relative periods
//   dimension=ou:ID;CODE;LEVEL-n;OU_GROUP-x;USER_ORGUNIT(_CHILDREN|_GRANDCHILDREN)
//                                      LEVEL-n / OU_GROUP-x with plain units: members inside those units
//   dimension=co[:A;B]                 rows by category option combo (data elements only)
//   filter=<any of dx, pe, ou>         aggregated over, no column (several pe must form one run of months;
//                                      several ou are summed)
//   idScheme | inputIdScheme = UID|CODE (default: either, when unambiguous)
//   outputIdScheme = UID|CODE|NAME, displayProperty = NAME|SHORTNAME,
//   skipMeta, skipData, includeNumDen, skipRounding, ignoreLimit, hideEmptyRows (no-ops: we never page
//   and never return empty rows), structure = current|historical, asOf = YYYY-MM-DD (soyte)
// Everything else DHIS2 knows gives UNSUPPORTED (HTTP 409) naming the parameter or item.
import { isIsoDate } from '../../lib/dates.js';
import { monthSpanRange, resolvePeriodItems, type PeriodRange } from '../../lib/periods.js';
import type { DimensionId } from './analytics.contract.js';
import type { AnalyticsQuery, DataItem, OrgUnitSelection } from './query.js';

export type { DimensionId } from './analytics.contract.js';
export type InputIdScheme = 'UID' | 'CODE';
export type OutputIdScheme = 'UID' | 'CODE' | 'NAME';

/** Lookups the parser needs; the route builds this from the database (synchronously usable maps). */
export interface AnalyticsResolver {
  /** A data element or an indicator by uid or code; a register figure by its code (in either scheme). */
  dataItem(ref: string, scheme: InputIdScheme): { kind: 'dataElement' | 'indicator' | 'figure'; id: string } | null;
  /** An option combo of the data element's category combo (for `DE.COC`). */
  optionCombo(dataElementId: string, ref: string, scheme: InputIdScheme): { id: string } | null;
  /** Any option combo (for `dimension=co:A;B`). */
  anyOptionCombo(ref: string, scheme: InputIdScheme): { id: string } | null;
  orgUnit(ref: string, scheme: InputIdScheme): { id: string; level: number } | null;
  group(ref: string, scheme: InputIdScheme): { id: string } | null;
  /** The caller's own unit (USER_ORGUNIT…); null for a user without one (e.g. a global admin). */
  userOrgUnit: { id: string; level: number } | null;
}

/** One requested dx item and how its rows are named. */
export interface DxLayoutItem {
  item: DataItem;
  /** `DE.*`: one dx per option combo, named `DE.COC` in the answer. */
  wildcard?: boolean;
}

export interface AnalyticsLayout {
  /** Dimensions that are columns, in request order (`dimension=` order). */
  columns: DimensionId[];
  /** Dimensions given as `filter=` (aggregated over; no column). */
  filters: DimensionId[];
  dx: DxLayoutItem[];
  /** The requested periods as DHIS2 lists them in metaData (a pe filter of several periods is ONE range in the query). */
  periods: PeriodRange[];
  /** `dimension=co:A;B`: only these combos (ids); null = every combo. */
  coItems: string[] | null;
  outputIdScheme: OutputIdScheme;
  displayProperty: 'NAME' | 'SHORTNAME';
  skipMeta: boolean;
  skipData: boolean;
  includeNumDen: boolean;
  skipRounding: boolean;
}

export interface AnalyticsRequestError {
  code: 'UNSUPPORTED' | 'VALIDATION_FAILED';
  /** Key in analytics.messages.ts (or period.* in periods.vi.ts). */
  messageKey: string;
  params: Record<string, string | number>;
  /** English text, for logs and the API `message` when no i18n lookup is at hand. */
  message: string;
}

export type ParseResult =
  | { ok: true; query: AnalyticsQuery; layout: AnalyticsLayout }
  | { ok: false; error: AnalyticsRequestError };

export interface ParseOptions {
  /** Reference date for relative periods, YYYY-MM-DD (today in Vietnam). */
  today: string;
}

class Fail {
  constructor(readonly error: AnalyticsRequestError) {}
}

const unsupported = (messageKey: string, params: Record<string, string | number>, message: string) =>
  new Fail({ code: 'UNSUPPORTED', messageKey, params, message });
const invalid = (messageKey: string, params: Record<string, string | number>, message: string) =>
  new Fail({ code: 'VALIDATION_FAILED', messageKey, params, message });

const SCALAR_PARAMS = [
  'idScheme', 'inputIdScheme', 'outputIdScheme', 'displayProperty', 'skipMeta', 'skipData',
  'includeNumDen', 'skipRounding', 'ignoreLimit', 'hideEmptyRows', 'structure', 'asOf', '_',
] as const;
const KNOWN_PARAMS = new Set<string>(['dimension', 'filter', ...SCALAR_PARAMS]);

/** dx items DHIS2 has that soyte does not compute. */
const DX_UNSUPPORTED = /^(DE_GROUP-|IN_GROUP-)|\.(REPORTING_RATE|REPORTING_RATE_ON_TIME|ACTUAL_REPORTS|ACTUAL_REPORTS_ON_TIME|EXPECTED_REPORTS)$/;
const OU_UNSUPPORTED_KEYWORD = /^[A-Z][A-Z_]*$/;

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function scalar(query: Record<string, string | string[]>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length !== 1) throw invalid('analytics.repeatedParam', { param: name }, `Parameter ${name} is given more than once.`);
    return v[0];
  }
  return v;
}

function bool(query: Record<string, string | string[]>, name: string): boolean {
  const v = scalar(query, name);
  if (v === undefined || v === '') return false;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw invalid('analytics.badBoolean', { param: name, value: v }, `Parameter ${name} must be true or false, not "${v}".`);
}

function inputScheme(query: Record<string, string | string[]>): InputIdScheme | 'AUTO' {
  const schemes = ['idScheme', 'inputIdScheme']
    .map((p) => [p, scalar(query, p)] as const)
    .filter((e): e is readonly [string, string] => e[1] !== undefined);
  let result: InputIdScheme | 'AUTO' = 'AUTO';
  for (const [param, raw] of schemes) {
    const v = raw.toUpperCase();
    const scheme = v === 'UID' || v === 'ID' ? 'UID' : v === 'CODE' ? 'CODE' : null;
    if (!scheme) {
      throw unsupported('analytics.idSchemeUnsupported', { param, value: raw }, `${param}=${raw} is not supported; use UID or CODE.`);
    }
    if (result !== 'AUTO' && result !== scheme) {
      throw invalid('analytics.idSchemeConflict', {}, 'idScheme and inputIdScheme disagree.');
    }
    result = scheme;
  }
  return result;
}

/** Looks a reference up by one scheme, or by both when AUTO (then it must not be ambiguous). */
function lookup<T extends { id: string }>(
  ref: string,
  scheme: InputIdScheme | 'AUTO',
  find: (ref: string, scheme: InputIdScheme) => T | null,
  dimension: string,
): T {
  if (scheme !== 'AUTO') {
    const hit = find(ref, scheme);
    if (hit) return hit;
  } else {
    const byUid = find(ref, 'UID');
    const byCode = find(ref, 'CODE');
    if (byUid && byCode && byUid.id !== byCode.id) {
      throw invalid('analytics.ambiguousRef', { dimension, item: ref }, `"${ref}" is the uid of one item and the code of another; add idScheme=UID or idScheme=CODE.`);
    }
    const hit = byUid ?? byCode;
    if (hit) return hit;
  }
  throw invalid('analytics.itemNotFound', { dimension, item: ref }, `No ${dimension} item "${ref}".`);
}

interface RawDimension {
  id: string;
  items: string[] | null; // null: "dimension=co" without items
  isFilter: boolean;
}

function splitDimension(raw: string, isFilter: boolean): RawDimension {
  const colon = raw.indexOf(':');
  const id = (colon < 0 ? raw : raw.slice(0, colon)).trim();
  const param = isFilter ? 'filter' : 'dimension';
  if (!id) throw invalid('analytics.malformedDimension', { param, value: raw }, `${param}=${raw} is malformed (expected dx:A;B).`);
  if (colon < 0) return { id, items: null, isFilter };
  const items = raw
    .slice(colon + 1)
    .split(';')
    .map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw invalid('analytics.malformedDimension', { param, value: raw }, `${param}=${raw} has an empty item.`);
  }
  return { id, items, isFilter };
}

function parseDx(items: string[], scheme: InputIdScheme | 'AUTO', resolver: AnalyticsResolver): DxLayoutItem[] {
  const out: DxLayoutItem[] = [];
  const seen = new Set<string>();
  for (const raw of items) {
    if (DX_UNSUPPORTED.test(raw)) {
      throw unsupported('analytics.dxItemUnsupported', { item: raw }, `Data item ${raw} is not supported (only data elements, DE.COC, DE.* and indicators).`);
    }
    const parts = raw.split('.');
    if (parts.length > 2) {
      throw unsupported('analytics.dxItemUnsupported', { item: raw }, `Data item ${raw} is not supported (attribute option combos are not).`);
    }
    const found = lookup(parts[0], scheme, (r, s) => resolver.dataItem(r, s), 'dx');
    let entry: DxLayoutItem;
    if (parts.length === 1) {
      entry = { item: found.kind === 'dataElement' ? { kind: 'dataElement', id: found.id } : { kind: found.kind, id: found.id } };
    } else {
      if (found.kind !== 'dataElement') {
        throw invalid('analytics.operandOfIndicator', { item: raw }, `${raw}: only a data element can have an option combo.`);
      }
      if (parts[1] === '*') {
        entry = { item: { kind: 'dataElement', id: found.id, byCoc: true }, wildcard: true };
      } else {
        const coc = lookup(parts[1], scheme, (r, s) => resolver.optionCombo(found.id, r, s), 'co');
        entry = { item: { kind: 'dataElement', id: found.id, coc: coc.id } };
      }
    }
    const key = JSON.stringify(entry);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(entry);
    }
  }
  return out;
}

function parseOu(items: string[], scheme: InputIdScheme | 'AUTO', resolver: AnalyticsResolver): OrgUnitSelection[] {
  const user = () => {
    if (!resolver.userOrgUnit) {
      throw invalid('analytics.noUserOrgUnit', {}, 'USER_ORGUNIT needs a user attached to an org unit.');
    }
    return resolver.userOrgUnit;
  };
  const boundaries: string[] = []; // plain units and USER_ORGUNIT
  const levels: number[] = [];
  const groups: string[] = [];
  const children: string[] = [];
  const grandchildren: OrgUnitSelection[] = [];
  for (const item of items) {
    let m: RegExpExecArray | null;
    if ((m = /^LEVEL-(.+)$/.exec(item))) {
      if (!/^\d{1,2}$/.test(m[1]) || Number(m[1]) < 1) {
        throw unsupported('analytics.ouItemUnsupported', { item }, `Org unit item ${item} is not supported (use LEVEL-<number>).`);
      }
      levels.push(Number(m[1]));
    } else if ((m = /^OU_GROUP-(.+)$/.exec(item))) {
      groups.push(lookup(m[1], scheme, (r, s) => resolver.group(r, s), 'ou').id);
    } else if (item === 'USER_ORGUNIT') {
      boundaries.push(user().id);
    } else if (item === 'USER_ORGUNIT_CHILDREN') {
      children.push(user().id);
    } else if (item === 'USER_ORGUNIT_GRANDCHILDREN') {
      const u = user(); // the units two levels below the user's unit
      grandchildren.push({ kind: 'level', level: u.level + 2, within: u.id });
    } else if (/^OU_GROUP_SET-|^LEVEL$/.test(item) || (OU_UNSUPPORTED_KEYWORD.test(item) && item.includes('_'))) {
      throw unsupported('analytics.ouItemUnsupported', { item }, `Org unit item ${item} is not supported.`);
    } else {
      boundaries.push(lookup(item, scheme, (r, s) => resolver.orgUnit(r, s), 'ou').id);
    }
  }
  const out: OrgUnitSelection[] = [];
  const seen = new Set<string>();
  const push = (s: OrgUnitSelection) => {
    const key = JSON.stringify(s);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  if (levels.length > 0 || groups.length > 0) {
    // DHIS2: with LEVEL-n / OU_GROUP-x the plain units are boundaries, not rows.
    if (groups.length > 0 && boundaries.length > 0) {
      throw unsupported('analytics.groupWithinUnit', {}, 'OU_GROUP-… together with org units (a group inside a unit) is not supported.');
    }
    // Each level and boundary once: levels × boundaries must not multiply repeats (LEVEL-3;A;LEVEL-3;A…).
    const withins = [...new Set(boundaries)];
    for (const level of new Set(levels)) {
      if (withins.length === 0) push({ kind: 'level', level });
      for (const within of withins) push({ kind: 'level', level, within });
    }
    for (const id of groups) push({ kind: 'group', id });
  } else {
    for (const id of boundaries) push({ kind: 'unit', id });
  }
  for (const id of children) push({ kind: 'children', id });
  for (const s of grandchildren) push(s);
  return out;
}

/** Several filter periods must form one run of months without overlaps; it becomes one range. */
function mergeFilterPeriods(ranges: PeriodRange[]): PeriodRange {
  if (ranges.length === 1) return ranges[0];
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : 1));
  const idx = (r: PeriodRange['from']) => r.year * 12 + r.month - 1;
  for (let i = 1; i < sorted.length; i++) {
    if (idx(sorted[i].from) !== idx(sorted[i - 1].to) + 1) {
      const ids = ranges.map((r) => r.id).join(';');
      throw unsupported('analytics.filterPeriodsNotContiguous', { periods: ids }, `filter=pe:${ids}: several filter periods must follow each other without gaps or overlaps.`);
    }
  }
  return monthSpanRange(sorted[0].from, sorted[sorted.length - 1].to);
}

export function parseAnalyticsRequest(
  query: Record<string, string | string[]>,
  resolver: AnalyticsResolver,
  opts: ParseOptions,
): ParseResult {
  try {
    return parseOrThrow(query, resolver, opts);
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
}

function parseOrThrow(query: Record<string, string | string[]>, resolver: AnalyticsResolver, opts: ParseOptions): ParseResult {
  for (const param of Object.keys(query)) {
    if (!KNOWN_PARAMS.has(param)) {
      throw unsupported('analytics.paramUnsupported', { param }, `Parameter ${param} is not supported by soyte's /api/analytics.`);
    }
  }
  const scheme = inputScheme(query);
  const outRaw = scalar(query, 'outputIdScheme');
  let outputIdScheme: OutputIdScheme = 'UID';
  if (outRaw !== undefined) {
    const v = outRaw.toUpperCase();
    if (v === 'UID' || v === 'ID') outputIdScheme = 'UID';
    else if (v === 'CODE' || v === 'NAME') outputIdScheme = v;
    else throw unsupported('analytics.idSchemeUnsupported', { param: 'outputIdScheme', value: outRaw }, `outputIdScheme=${outRaw} is not supported; use UID, CODE or NAME.`);
  }
  const dpRaw = scalar(query, 'displayProperty');
  let displayProperty: 'NAME' | 'SHORTNAME' = 'NAME';
  if (dpRaw !== undefined) {
    const v = dpRaw.toUpperCase();
    if (v !== 'NAME' && v !== 'SHORTNAME') {
      throw invalid('analytics.badDisplayProperty', { value: dpRaw }, `displayProperty must be NAME or SHORTNAME, not "${dpRaw}".`);
    }
    displayProperty = v;
  }
  const structureRaw = scalar(query, 'structure') ?? 'current';
  if (structureRaw !== 'current' && structureRaw !== 'historical') {
    throw invalid('analytics.badStructure', { value: structureRaw }, `structure must be current or historical, not "${structureRaw}".`);
  }
  const asOf = scalar(query, 'asOf');
  if (asOf !== undefined && !isIsoDate(asOf)) {
    throw invalid('analytics.badAsOf', { value: asOf }, `asOf must be a date YYYY-MM-DD, not "${asOf}".`);
  }
  const flags = {
    skipMeta: bool(query, 'skipMeta'),
    skipData: bool(query, 'skipData'),
    includeNumDen: bool(query, 'includeNumDen'),
    skipRounding: bool(query, 'skipRounding'),
  };
  bool(query, 'ignoreLimit');
  bool(query, 'hideEmptyRows');

  const dims = [
    ...list(query.dimension).map((d) => splitDimension(d, false)),
    ...list(query.filter).map((d) => splitDimension(d, true)),
  ];
  const byId = new Map<string, RawDimension>();
  for (const d of dims) {
    if (d.id !== 'dx' && d.id !== 'pe' && d.id !== 'ou' && d.id !== 'co') {
      throw unsupported('analytics.dimensionUnsupported', { dimension: d.id }, `Dimension ${d.id} is not supported (only dx, pe, ou and co).`);
    }
    if (byId.has(d.id)) {
      throw invalid('analytics.dimensionRepeated', { dimension: d.id }, `Dimension ${d.id} is given more than once.`);
    }
    if (d.items === null && d.id !== 'co') {
      throw invalid('analytics.dimensionEmpty', { dimension: d.id }, `Dimension ${d.id} needs items (${d.id}:A;B).`);
    }
    byId.set(d.id, d);
  }
  const columns = dims.filter((d) => !d.isFilter).map((d) => d.id as DimensionId);
  const filters = dims.filter((d) => d.isFilter).map((d) => d.id as DimensionId);

  // dx
  const dxDim = byId.get('dx');
  if (!dxDim) throw invalid('analytics.dxRequired', {}, 'A dx dimension or filter is required (dimension=dx:…).');
  const dx = parseDx(dxDim.items!, scheme, resolver);
  if (dxDim.isFilter && dx.length > 1) {
    throw unsupported('analytics.filterMultipleData', {}, 'A dx filter with several data items (summing different data) is not supported.');
  }
  if (dxDim.isFilter && dx[0].wildcard) {
    throw unsupported('analytics.filterMultipleData', {}, 'A dx filter with DE.* is not supported.');
  }

  // co
  const coDim = byId.get('co');
  let coItems: string[] | null = null;
  if (coDim) {
    if (coDim.isFilter) {
      throw unsupported('analytics.coFilterUnsupported', {}, 'filter=co is not supported; use DE.COC items in dx.');
    }
    if (dx.some((d) => d.item.kind === 'indicator')) {
      throw invalid('analytics.coWithIndicator', {}, 'dimension=co cannot be used with indicators.');
    }
    if (dx.some((d) => d.item.kind === 'figure')) {
      throw invalid('analytics.coWithFigure', {}, 'dimension=co cannot be used with register figures.');
    }
    if (dx.some((d) => d.item.kind === 'dataElement' && (d.wildcard || d.item.coc))) {
      throw invalid('analytics.coWithOperand', {}, 'dimension=co cannot be combined with DE.COC or DE.* items.');
    }
    for (const d of dx) if (d.item.kind === 'dataElement') d.item = { ...d.item, byCoc: true };
    if (coDim.items) coItems = [...new Set(coDim.items.map((r) => lookup(r, scheme, (x, s) => resolver.anyOptionCombo(x, s), 'co').id))];
  }

  // pe
  const peDim = byId.get('pe');
  if (!peDim) throw invalid('analytics.peRequired', {}, 'A pe dimension or filter is required (dimension=pe:…).');
  const resolved = resolvePeriodItems(peDim.items!, opts.today);
  if (!resolved.ok) {
    const { code, messageKey, params, message } = resolved.error;
    throw new Fail({ code, messageKey, params, message });
  }
  const periods = resolved.ranges;
  const queryPeriods = peDim.isFilter ? [mergeFilterPeriods(periods)] : periods;

  // ou (missing: the user's own unit, as a filter, like DHIS2's default of the user's data view)
  let ouDim = byId.get('ou');
  if (!ouDim) {
    if (!resolver.userOrgUnit) throw invalid('analytics.ouRequired', {}, 'An ou dimension or filter is required (dimension=ou:…).');
    ouDim = { id: 'ou', items: ['USER_ORGUNIT'], isFilter: true };
    filters.push('ou');
  }
  const orgUnits = parseOu(ouDim.items!, scheme, resolver);

  const analyticsQuery: AnalyticsQuery = {
    data: dx.map((d) => d.item),
    periods: queryPeriods,
    orgUnits,
    structure: structureRaw,
    ...(asOf !== undefined ? { asOf } : {}),
  };
  const layout: AnalyticsLayout = {
    columns,
    filters,
    dx,
    periods,
    coItems,
    outputIdScheme,
    displayProperty,
    ...flags,
  };
  return { ok: true, query: analyticsQuery, layout };
}
