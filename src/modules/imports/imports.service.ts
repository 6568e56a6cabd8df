// Import of data values (DHIS2 dataValueSets: JSON, CSV; Excel goes through the same path).
// Every row passes the checks of the entry form: identifiers, period, value type, the actor's scope
// on the period's first day, and the form's entry window (assigned, not future, not expired unless
// system:admin, not completed/approved). Good rows are written set-based in one transaction; bad rows
// come back as DHIS2 conflicts with their indexes. `atomic` = all or nothing.
// A string PostgreSQL cannot store (a NUL character, a lone UTF-16 surrogate) in any field of a row
// refuses that row only, as a conflict naming the field: a value or comment is never changed behind
// the importer's back, and one bad row never fails the other rows of a non-atomic import.
import { hasPermission, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { hasMessage, translate, type Locale } from '../../core/i18n.js';
import { badText, cleanText, parse } from '../../core/input.js';
import { parsePeriod, type Period } from '../../lib/periods.js';
import { audit } from '../audit/audit.service.js';
import * as periodsRepo from '../datavalues/periods.repo.js';
import { cellKey, checkValueType, writableCells, type CellKey, type EntryWindow } from '../datavalues/rules.js';
import { complete as completeForm } from '../workflow/workflow.service.js';
import { copyText } from './copytext.js';
import { ImportQuery, type IdScheme, type ImportConflict, type ImportStrategy, type ImportSummary } from './imports.contract.js';
import * as repo from './imports.repo.js';
import type { ParsedSet, RawValue } from './parse.js';

export type { IdScheme, ImportConflict, ImportStrategy, ImportSummary } from './imports.contract.js';

export interface ImportOptions {
  dataElementIdScheme: IdScheme;
  orgUnitIdScheme: IdScheme;
  categoryOptionComboIdScheme: IdScheme;
  dryRun: boolean;
  importStrategy: ImportStrategy;
  atomic: boolean;
  /** Language of conflict texts. */
  locale?: Locale;
  /** 'YYYY-MM-DD', for tests; default today in Vietnam. */
  today?: string;
  progress?: (step: string, done: number, total: number) => void;
  /** What the import is called in the audit log (e.g. the file name). */
  label?: string;
  /** Filled with milliseconds per phase when given (benchmarks). */
  timings?: Record<string, number>;
}

/** Import options from query parameters (DHIS2 names, contract ImportQuery). Unknown parameters (preheatCache …) are ignored. */
export function parseImportOptions(query: unknown, extra: Partial<ImportOptions> = {}): ImportOptions {
  const q = parse(ImportQuery, query);
  const base = q.idScheme ?? 'uid';
  return {
    dataElementIdScheme: q.dataElementIdScheme ?? base,
    orgUnitIdScheme: q.orgUnitIdScheme ?? base,
    categoryOptionComboIdScheme: q.categoryOptionComboIdScheme ?? base,
    dryRun: q.dryRun ?? false,
    atomic: q.atomic ?? false,
    importStrategy: q.importStrategy ?? 'CREATE_AND_UPDATE',
    ...extra,
  };
}

/** The text fields of a row, checked for characters PostgreSQL cannot store. */
const TEXT_FIELDS = ['dataElement', 'period', 'orgUnit', 'categoryOptionCombo', 'attributeOptionCombo', 'value', 'comment'] as const;

/** The first field of the row holding a NUL or a lone surrogate, if any. */
function badField(r: RawValue): (typeof TEXT_FIELDS)[number] | null {
  for (const f of TEXT_FIELDS) {
    const v = r[f];
    if (typeof v === 'string' && badText(v) !== null) return f;
  }
  return null;
}

type Resolved<T> = T | 'unknown' | 'ambiguous';

/** Resolves identifiers of one kind under a scheme, caching each distinct key. */
function resolver<T extends { id: string; code: string | null }>(rows: T[], scheme: IdScheme) {
  const byId = new Map<string, T>();
  const byCode = new Map<string, T>();
  for (const r of rows) {
    byId.set(r.id, r);
    if (r.code) byCode.set(r.code, r);
  }
  const cache = new Map<string, Resolved<T>>();
  return (key: string): Resolved<T> => {
    let hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (scheme === 'uid') hit = byId.get(key) ?? 'unknown';
    else if (scheme === 'code') hit = byCode.get(key) ?? 'unknown';
    else {
      const a = byId.get(key);
      const b = byCode.get(key);
      hit = a && b && a !== b ? 'ambiguous' : (a ?? b ?? 'unknown');
    }
    cache.set(key, hit);
    return hit;
  };
}

const WINDOW_CONFLICT: Record<string, { code: string; key: string }> = {
  future: { code: 'E7641', key: 'imports.conflict.future' },
  expired: { code: 'E7640', key: 'imports.conflict.expired' },
  notYetOpen: { code: 'E7641', key: 'imports.conflict.future' },
  completed: { code: 'E7644', key: 'imports.conflict.completed' },
  approved: { code: 'E7643', key: 'imports.conflict.approved' },
  notAssigned: { code: 'E7624', key: 'imports.conflict.notAssigned' },
  unitClosed: { code: 'E7624', key: 'imports.conflict.unitClosed' },
  wrongPeriodType: { code: 'E7611', key: 'imports.conflict.periodType' },
};

class Rollback extends Error {}

/** Imports parsed data values as the actor. Never throws for bad rows: they become conflicts. */
export async function importDataValues(ctx: Ctx, set: ParsedSet, opts: ImportOptions): Promise<ImportSummary> {
  requirePermission(ctx, 'data:write');
  const t0 = Date.now();
  const locale: Locale = opts.locale ?? 'vi';
  const rows = set.rows;
  const n = rows.length;
  const progress = opts.progress ?? (() => {});
  const isDelete = opts.importStrategy === 'DELETE';
  let tPhase = Date.now();
  const lap = (name: string) => {
    if (!opts.timings) return;
    const now = Date.now();
    opts.timings[name] = (opts.timings[name] ?? 0) + now - tPhase;
    tPhase = now;
  };

  // ---- conflicts, grouped like DHIS2 (same object and message → one conflict with many indexes)
  const conflicts = new Map<string, ImportConflict>();
  const bad = new Uint8Array(n); // 1 = refused
  let refused = 0;
  const refuse = (i: number, errorCode: string, object: string, key: string, params: Record<string, string | number> = {}, property?: string) => {
    if (bad[i]) return;
    bad[i] = 1;
    refused++;
    const value = translate(key, locale, { object, ...params });
    const g = `${errorCode}|${object}|${value}`;
    const c = conflicts.get(g);
    if (c) c.indexes.push(i);
    else conflicts.set(g, { object, value, errorCode, ...(property ? { property } : {}), indexes: [i] });
  };

  // ---- strings that cannot be stored: the row is refused before its identifiers are even looked up
  for (let i = 0; i < n; i++) {
    const field = badField(rows[i]);
    if (field) refuse(i, 'E7600', field, 'imports.conflict.badCharacters', { field }, field);
  }

  // ---- identifiers: a few queries for the whole payload
  const deKeys = new Set<string>();
  const ouKeys = new Set<string>();
  const cocKeys = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (bad[i]) continue;
    const r = rows[i];
    deKeys.add(r.dataElement);
    ouKeys.add(r.orgUnit);
    if (r.categoryOptionCombo) cocKeys.add(r.categoryOptionCombo);
    if (r.attributeOptionCombo) cocKeys.add(r.attributeOptionCombo);
  }
  deKeys.delete('');
  ouKeys.delete('');
  const imports = ctx.use(repo);
  const [elements, units, combos] = await Promise.all([
    imports.elementsByKeys([...deKeys]),
    imports.unitsByKeys([...ouKeys]),
    imports.combosByKeys([...cocKeys]),
  ]);
  lap('lookup');
  const deOf = resolver(elements, opts.dataElementIdScheme);
  const ouOf = resolver(units, opts.orgUnitIdScheme);
  const cocOf = resolver(combos, opts.categoryOptionComboIdScheme);
  const defaultCoc = combos.find((c) => c.is_default);
  if (!defaultCoc) throw new AppError('INTERNAL');

  const periodCache = new Map<string, Period | null>();
  const periodOf = (iso: string) => {
    let p = periodCache.get(iso);
    if (p === undefined) {
      p = parsePeriod(iso);
      periodCache.set(iso, p);
    }
    return p;
  };

  // Per-row resolution, kept in parallel typed arrays of small indexes into the distinct
  // units / elements / periods / option combos of the payload (numeric keys: no string building
  // per row).
  const unitList: repo.UnitRow[] = [];
  const unitIdx = new Map<repo.UnitRow, number>();
  const elementList: repo.ElementRow[] = [];
  const elementIdx = new Map<repo.ElementRow, number>();
  const periodList: Period[] = [];
  const periodIdx = new Map<Period, number>();
  const comboIdx = new Map<number, number>(); // option combo iid → index
  const comboIids: number[] = [];
  const indexOf = <T>(m: Map<T, number>, list: T[], x: T) => {
    let k = m.get(x);
    if (k === undefined) {
      k = list.length;
      list.push(x);
      m.set(x, k);
    }
    return k;
  };
  const rOu = new Int32Array(n);
  const rDe = new Int32Array(n);
  const rPe = new Int32Array(n);
  const rCo = new Int32Array(n);
  const rAo = new Int32Array(n);
  const rValue: (string | null)[] = new Array(n);
  const rNum: (number | null)[] = new Array(n);
  const rDel = new Uint8Array(n);

  const STEP = 50_000;
  for (let i = 0; i < n; i++) {
    if (i % STEP === 0) progress('check', i, n);
    if (bad[i]) continue;
    const r = rows[i];
    if (r.malformed) {
      refuse(i, 'E7600', `#${i}`, `imports.conflict.malformed.${r.malformed}`);
      continue;
    }
    if (!r.dataElement) { refuse(i, 'E7610', '', 'imports.conflict.missing', { field: 'dataElement' }, 'dataElement'); continue; }
    if (!r.orgUnit) { refuse(i, 'E7612', '', 'imports.conflict.missing', { field: 'orgUnit' }, 'orgUnit'); continue; }
    if (!r.period) { refuse(i, 'E7611', '', 'imports.conflict.missing', { field: 'period' }, 'period'); continue; }
    const de = deOf(r.dataElement);
    if (typeof de === 'string') { refuse(i, 'E7610', r.dataElement, `imports.conflict.dataElement.${de}`, {}, 'dataElement'); continue; }
    const ou = ouOf(r.orgUnit);
    if (typeof ou === 'string') { refuse(i, 'E7612', r.orgUnit, `imports.conflict.orgUnit.${ou}`, {}, 'orgUnit'); continue; }
    const pe = periodOf(r.period);
    if (!pe) { refuse(i, 'E7611', r.period, 'imports.conflict.period', {}, 'period'); continue; }
    const co = r.categoryOptionCombo ? cocOf(r.categoryOptionCombo) : defaultCoc;
    if (typeof co === 'string') { refuse(i, 'E7613', r.categoryOptionCombo, `imports.conflict.coc.${co}`, {}, 'categoryOptionCombo'); continue; }
    if (co.category_combo_id !== de.category_combo_id) {
      refuse(i, 'E7614', r.categoryOptionCombo, 'imports.conflict.cocNotOfElement', { element: de.code }, 'categoryOptionCombo');
      continue;
    }
    const ao = r.attributeOptionCombo ? cocOf(r.attributeOptionCombo) : defaultCoc;
    if (typeof ao === 'string') { refuse(i, 'E7615', r.attributeOptionCombo, `imports.conflict.aoc.${ao}`, {}, 'attributeOptionCombo'); continue; }
    if (!ao.is_default && ao.dimension !== 'ATTRIBUTE') {
      refuse(i, 'E7616', r.attributeOptionCombo, 'imports.conflict.aocNotAttribute', {}, 'attributeOptionCombo');
      continue;
    }
    const del = isDelete || r.deleted;
    if (!del) {
      if (r.value === null) { refuse(i, 'E7618', de.code, 'imports.conflict.empty', {}, 'value'); continue; }
      const chk = checkValueType(de.value_type, r.value);
      if (!chk.ok) {
        refuse(i, 'E7619', r.value.length > 60 ? `${r.value.slice(0, 57)}…` : r.value, 'imports.conflict.valueType', { reason: translate(chk.messageKey, locale, chk.params ?? {}), element: de.code }, 'value');
        continue;
      }
      rValue[i] = chk.value;
      rNum[i] = chk.num;
    } else {
      rValue[i] = null;
      rNum[i] = null;
    }
    rDe[i] = indexOf(elementIdx, elementList, de);
    rOu[i] = indexOf(unitIdx, unitList, ou);
    rPe[i] = indexOf(periodIdx, periodList, pe);
    rCo[i] = indexOf(comboIdx, comboIids, co.iid);
    rAo[i] = indexOf(comboIdx, comboIids, ao.iid);
    rDel[i] = del ? 1 : 0;
  }
  progress('check', n, n);
  lap('rows');
  const nPe = Math.max(1, periodList.length);

  // ---- scope: is the unit inside the actor's subtree on the period's first day (one query)
  const pairKeys = new Map<number, number>(); // ou × pe → pair number
  const pairs: { unitId: string; asOf: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (bad[i]) continue;
    const k = rOu[i] * nPe + rPe[i];
    if (!pairKeys.has(k)) {
      pairKeys.set(k, pairs.length);
      pairs.push({ unitId: unitList[rOu[i]].id, asOf: periodList[rPe[i]].start });
    }
  }
  const scope = await imports.scopeOfPairs(scopeOf(ctx), pairs);
  const pairState = pairs.map((p) => scope.get(`${p.unitId}|${p.asOf}`));
  for (let i = 0; i < n; i++) {
    if (bad[i]) continue;
    const s = pairState[pairKeys.get(rOu[i] * nPe + rPe[i])!];
    const ou = unitList[rOu[i]];
    if (!s?.open) refuse(i, 'E7624', ou.code, 'imports.conflict.unitClosed', { period: periodList[rPe[i]].iso }, 'orgUnit');
    else if (!s.inScope) refuse(i, 'E7617', ou.code, 'imports.conflict.outOfScope', {}, 'orgUnit');
  }
  lap('scope');

  // ---- entry windows of the forms the cells belong to. The window of a cell depends on the unit,
  // the period and the data sets containing the element, so elements with the same data sets share
  // one representative and writableCells sees units × periods × groups keys, not every cell.
  const groupOfElement = await imports.dataSetGroups(elementList.map((e) => e.id));
  const groupIdx = new Map<string, number>();
  const groupRep: string[] = []; // representative element id per group
  const elGroup = new Int32Array(elementList.length);
  elementList.forEach((e, k) => {
    const g = groupOfElement.get(e.id) ?? '';
    let gi = groupIdx.get(g);
    if (gi === undefined) {
      gi = groupRep.length;
      groupRep.push(e.id);
      groupIdx.set(g, gi);
    }
    elGroup[k] = gi;
  });
  const nG = Math.max(1, groupRep.length);
  const cellKeys = new Map<number, number>();
  const cellList: CellKey[] = [];
  for (let i = 0; i < n; i++) {
    if (bad[i]) continue;
    const k = (rOu[i] * nPe + rPe[i]) * nG + elGroup[rDe[i]];
    if (!cellKeys.has(k)) {
      cellKeys.set(k, cellList.length);
      cellList.push({ orgUnitId: unitList[rOu[i]].id, periodIso: periodList[rPe[i]].iso, dataElementId: groupRep[elGroup[rDe[i]]] });
    }
  }
  const checkedAt = new Date(); // forms completed or approved after this moment were not seen by the checks
  const windows: Map<string, EntryWindow> = await writableCells(ctx, cellList, {
    today: opts.today,
    canEditExpired: hasPermission(ctx, 'system:admin'),
  });
  const cellWindow = cellList.map((c) => windows.get(cellKey(c)));
  for (let i = 0; i < n; i++) {
    if (bad[i]) continue;
    const w = cellWindow[cellKeys.get((rOu[i] * nPe + rPe[i]) * nG + elGroup[rDe[i]])!];
    if (w?.open) continue;
    const c = WINDOW_CONFLICT[w?.reason ?? 'notAssigned'] ?? WINDOW_CONFLICT.notAssigned;
    const ou = unitList[rOu[i]];
    const pe = periodList[rPe[i]];
    refuse(i, c.code, `${ou.code} ${pe.iso}`, c.key, { unit: ou.code, period: pe.iso, element: elementList[rDe[i]].code, deadline: w?.closesOn ?? '' }, 'period');
  }
  lap('windows');

  // ---- duplicates in the payload: identical copies are refused after the first; copies with
  // different values are all refused (nobody can tell which is right).
  const nCo = Math.max(1, comboIids.length);
  const space = unitList.length * nPe * elementList.length * nCo * nCo;
  const nEl = elementList.length;
  const keyParts: (ou: number, pe: number, de: number, co: number, ao: number) => number | string =
    space < Number.MAX_SAFE_INTEGER
      ? (ou, pe, de, co, ao) => (((ou * nPe + pe) * nEl + de) * nCo + co) * nCo + ao
      : (ou, pe, de, co, ao) => `${ou}|${pe}|${de}|${co}|${ao}`;
  const keyOf = (i: number) => keyParts(rOu[i], rPe[i], rDe[i], rCo[i], rAo[i]);
  // Fast path for the common case of no duplicates at all: sort the numeric keys (native typed-array
  // sort) and compare neighbours; only when some key repeats does the map below run.
  let maybeDuplicates = true;
  if (space < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n - refused);
    let m = 0;
    for (let i = 0; i < n; i++) if (!bad[i]) keys[m++] = keyOf(i) as number;
    keys.sort();
    maybeDuplicates = false;
    for (let k = 1; k < m; k++) {
      if (keys[k] === keys[k - 1]) {
        maybeDuplicates = true;
        break;
      }
    }
  }
  const firstOf = new Map<number | string, number>();
  const differing = new Set<number | string>();
  for (let i = 0; i < n && maybeDuplicates; i++) {
    if (bad[i]) continue;
    const k = keyOf(i);
    const f = firstOf.get(k);
    if (f === undefined) firstOf.set(k, i);
    else if (rValue[f] !== rValue[i] || rDel[f] !== rDel[i]) differing.add(k);
  }
  if (maybeDuplicates && (firstOf.size < n - refused || differing.size > 0)) {
    for (let i = 0; i < n; i++) {
      if (bad[i]) continue;
      const k = keyOf(i);
      const f = firstOf.get(k)!;
      const object = `${elementList[rDe[i]].code} ${unitList[rOu[i]].code} ${periodList[rPe[i]].iso}`;
      if (differing.has(k)) refuse(i, 'E7699', object, 'imports.conflict.duplicateDiffers', { first: f }, 'value');
      else if (f !== i) refuse(i, 'E7699', object, 'imports.conflict.duplicate', { first: f }, 'value');
    }
  }
  firstOf.clear();
  lap('duplicates');

  let completed: string | null = null;
  const summary = (counts: repo.MergeCounts, status?: ImportSummary['status']): ImportSummary => {
    const list = [...conflicts.values()];
    const written = counts.imported + counts.updated + counts.deleted;
    const st = status ?? (list.length === 0 ? 'SUCCESS' : written > 0 || refused < n ? 'WARNING' : 'ERROR');
    return {
      responseType: 'ImportSummary',
      status: st,
      description: translate(
        st === 'ERROR' && opts.atomic && list.length ? 'imports.summary.atomic' : opts.dryRun ? 'imports.summary.dryRun' : st === 'SUCCESS' ? 'imports.summary.success' : st === 'WARNING' ? 'imports.summary.warning' : 'imports.summary.error',
        locale,
      ),
      importOptions: {
        dryRun: opts.dryRun,
        atomic: opts.atomic,
        importStrategy: opts.importStrategy,
        idSchemes: {
          dataElementIdScheme: opts.dataElementIdScheme.toUpperCase(),
          orgUnitIdScheme: opts.orgUnitIdScheme.toUpperCase(),
          categoryOptionComboIdScheme: opts.categoryOptionComboIdScheme.toUpperCase(),
        },
      },
      importCount: { imported: counts.imported, updated: counts.updated, ignored: n - written, deleted: counts.deleted },
      conflicts: list,
      dataSetComplete: completed ?? 'false',
      seconds: Math.round((Date.now() - t0) / 10) / 100,
    };
  };
  const none = { imported: 0, updated: 0, deleted: 0 };
  if (opts.atomic && conflicts.size > 0) return summary(none, 'ERROR');
  if (refused === n) return summary(none);

  // ---- write, in one transaction. The cells of the payload that are already stored are read first
  // (one COPY out): unchanged ones are ignored without touching the database again, cells that do
  // not exist yet are COPYed straight into data_value with their CREATE audit rows (no staging, no
  // ON CONFLICT), and only changed cells and deletions go through the staging table and the
  // set-based merge. If a concurrent writer creates one of the "new" cells in between, the direct
  // COPY fails on the primary key, is rolled back to its savepoint and those rows are merged too.
  const username = ctx.actor.username;
  const strategy = opts.importStrategy;
  let counts = none;
  try {
    await ctx.transaction(async (tx) => {
      const write = tx.use(repo);
      // The entry windows were decided before this transaction. Lock the touched forms (an approval
      // now waits for this import) and give up if one was completed or approved in between, rather
      // than write into a locked form.
      if (!opts.dryRun && await write.formsClosedSince(unitList.map((u) => u.id), periodList.map((p) => p.iso), elementList.map((e) => e.id), checkedAt)) {
        throw new AppError('CONFLICT', 'imports.formsChanged');
      }
      const periodIds = await tx.use(periodsRepo).ensurePeriods(periodList.map((p) => p.iso));
      const peIds = periodList.map((p) => periodIds.get(p.iso)!);
      const ouIids = unitList.map((u) => u.iid);
      const deIids = elementList.map((e) => e.iid);
      lap('periods');

      // Route of each row: 0 nothing to write (refused, or unchanged), 1 direct COPY, 2 staged merge.
      const route = new Uint8Array(n);
      let nDirect = 0;
      let nStage = 0;
      if (!opts.dryRun && (strategy === 'CREATE_AND_UPDATE' || strategy === 'CREATE')) {
        const stored = new Map<number | string, repo.StoredCell>();
        const local = (xs: number[]) => new Map(xs.map((x, k) => [x, k]));
        const ouL = local(ouIids);
        const deL = local(deIids);
        const peL = local(peIds);
        await write.storedCells(ouIids, deIids, peIds, (c) => {
          const ou = ouL.get(c.ou);
          const de = deL.get(c.de);
          const pe = peL.get(c.pe);
          const co = comboIdx.get(c.co);
          const ao = comboIdx.get(c.ao);
          if (ou === undefined || de === undefined || pe === undefined || co === undefined || ao === undefined) return;
          stored.set(keyParts(ou, pe, de, co, ao), c);
        });
        for (let i = 0; i < n; i++) {
          if (bad[i]) continue;
          if (rDel[i]) {
            route[i] = 2;
            nStage++;
            continue;
          }
          const d = stored.size ? stored.get(keyOf(i)) : undefined;
          if (!d) {
            route[i] = 1;
            nDirect++;
          } else if (strategy === 'CREATE') {
            // existing cells are left alone (ignored)
          } else {
            const r = rows[i];
            // the merge's own test, so that both paths agree on what "changed" means
            const changed = d.value !== rValue[i] || (r.comment !== null && r.comment !== d.comment) || (r.followup !== null && r.followup !== d.followUp);
            if (changed) {
              route[i] = 2;
              nStage++;
            }
          }
        }
        stored.clear();
      } else {
        for (let i = 0; i < n; i++) if (!bad[i]) (route[i] = 2), nStage++;
      }
      lap('existing');

      progress('write', 0, n - refused);
      let direct = 0;
      // The direct rows in primary-key order (ou, de, pe, co, ao by their database ids): b-tree
      // inserts then mostly land on the same or the next leaf page, which makes the COPY of the
      // values and of the audit rows ~20 % cheaper. Sorted as packed numbers (key × n + row) by the
      // native typed-array sort; skipped when the packed key would not be exact.
      let order: Float64Array | undefined;
      if (nDirect > 1) {
        const rank = (ids: number[]) => {
          const r = new Float64Array(ids.length);
          ids.map((id, k) => [id, k]).sort((a, b) => a[0] - b[0]).forEach(([, k], pos) => (r[k] = pos));
          return r;
        };
        const [ouR, deR, peR, coR] = [rank(ouIids), rank(deIids), rank(peIds), rank(comboIids)];
        const nDe = deIids.length;
        const nPeIds = peIds.length;
        if (ouIids.length * nDe * nPeIds * nCo * nCo * n < Number.MAX_SAFE_INTEGER) {
          order = new Float64Array(nDirect);
          let m = 0;
          for (let i = 0; i < n; i++) {
            if (route[i] !== 1) continue;
            order[m++] = ((((ouR[rOu[i]] * nDe + deR[rDe[i]]) * nPeIds + peR[rPe[i]]) * nCo + coR[rCo[i]]) * nCo + coR[rAo[i]]) * n + i;
          }
          order.sort();
          for (let k = 0; k < nDirect; k++) order[k] = order[k] % n;
        }
        lap('sort');
      }
      if (nDirect > 0) {
        await write.savepointDirect();
        try {
          const user = copyText(username);
          await write.copyNewValues(chunks(1, (i) => {
            const r = rows[i];
            return `${ouIids[rOu[i]]}\t${deIids[rDe[i]]}\t${peIds[rPe[i]]}\t${comboIids[rCo[i]]}\t${comboIids[rAo[i]]}\t${copyText(rValue[i])}\t${rNum[i] === null ? '\\N' : rNum[i]}\t${copyText(r.comment)}\t${r.followup === true ? 't' : 'f'}\t${user}\n`;
          }));
          lap('copyValues');
          await write.copyValueAudit(chunks(1, (i) =>
            `${ouIids[rOu[i]]}\t${deIids[rDe[i]]}\t${peIds[rPe[i]]}\t${comboIids[rCo[i]]}\t${comboIids[rAo[i]]}\tCREATE\t${copyText(rValue[i])}\t\\N\t${copyText(rows[i].comment)}\timport\t${user}\n`,
          ));
          lap('copyAudit');
          await write.releaseDirect();
          direct = nDirect;
        } catch (e) {
          if ((e as { code?: string }).code !== '23505') throw e;
          await write.rollbackDirect();
          for (let i = 0; i < n; i++) if (route[i] === 1) route[i] = 2;
          nStage += nDirect;
          lap('directConflict');
        }
      }
      let merged = none;
      if (nStage > 0) {
        await write.createStage();
        await write.copyStage(chunks(2, (i) => {
          const r = rows[i];
          return `${ouIids[rOu[i]]}\t${deIids[rDe[i]]}\t${peIds[rPe[i]]}\t${comboIids[rCo[i]]}\t${comboIids[rAo[i]]}\t${copyText(rValue[i])}\t${rNum[i] === null ? '\\N' : rNum[i]}\t${copyText(r.comment)}\t${r.followup === null ? '\\N' : r.followup}\t${rDel[i] ? 't' : 'f'}\n`;
        }));
        lap('copy');
        merged = await write.mergeStage(strategy, username, opts.dryRun);
        lap('merge');
      }
      progress('write', n - refused, n - refused);
      counts = { imported: direct + merged.imported, updated: merged.updated, deleted: merged.deleted };
      if (!opts.dryRun) {
        await audit(tx, {
          action: 'dataValueSets.import',
          entityType: 'dataValueSet',
          entityCode: opts.label ?? null,
          details: { rows: n, ...counts, conflicts: refused, strategy, atomic: opts.atomic },
        });
      }
      if (opts.dryRun) throw new Rollback();

      /** COPY text of the rows on route `want`, in chunks of about 1 MB. */
      function* chunks(want: number, line: (i: number) => string): Generator<string> {
        let buf = '';
        const sorted = want === 1 ? order : undefined;
        const end = sorted ? sorted.length : n;
        for (let k = 0; k < end; k++) {
          const i = sorted ? sorted[k] : k;
          if (route[i] !== want) continue;
          buf += line(i);
          if (buf.length > 1 << 20) {
            yield buf;
            buf = '';
          }
        }
        if (buf) yield buf;
      }
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  lap('commit');
  if (!opts.dryRun && set.completeDate) await completeFromPayload(ctx, set, locale, (object, value) => {
    conflicts.set(`complete|${object}`, { object, value, errorCode: 'E7650', property: 'completeDate', indexes: [] });
  }).then((ok) => (completed = ok ? set.completeDate! : null));
  if (opts.timings) opts.timings.total = Date.now() - t0;
  return summary(counts);
}

/**
 * DHIS2's `completeDate` (with the payload's `dataSet`, `orgUnit` and `period`) completes the form
 * after the values are written, through the same workflow as the "Hoàn thành" button: validation
 * errors block it and warnings need a comment, which an import cannot give — the form then stays open
 * and the summary says why.
 */
async function completeFromPayload(ctx: Ctx, set: ParsedSet, locale: Locale, report: (object: string, value: string) => void): Promise<boolean> {
  const object = cleanText(`${set.dataSet ?? '?'} ${set.orgUnit ?? '?'} ${set.period ?? '?'}`);
  if (!set.dataSet || !set.orgUnit || !set.period) {
    report(object, translate('imports.complete.incomplete', locale));
    return false;
  }
  if ([set.dataSet, set.orgUnit, set.period, set.completeDate ?? ''].some((x) => badText(x) !== null)) {
    report(object, translate('imports.complete.refused', locale, { reason: translate('field.badCharacters', locale) }));
    return false;
  }
  try {
    await completeForm(ctx, { dataSet: set.dataSet, orgUnit: set.orgUnit, period: set.period }, locale);
    return true;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const reason = translate(e.messageKey && hasMessage(e.messageKey) ? e.messageKey : e.code, locale, e.params);
    report(object, translate('imports.complete.refused', locale, { reason }));
    return false;
  }
}

