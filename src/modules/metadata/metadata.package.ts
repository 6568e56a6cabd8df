// Metadata package import and export (soyte's package format, package.schema.ts; DHIS2 metadata JSON
// is detected and converted first, metadata.dhis2.ts).
//
// Import is all-or-nothing: every object is matched (uid, then code), checked and written inside one
// transaction while the report is built; if anything is wrong, or for a dry run, the transaction is
// rolled back, so a dry run gives exactly the report of the real import. Category option combos are
// regenerated from the combos after categories and combos are written.
import { requirePermission } from '../../core/access.js';
import type { Bound, Ctx } from '../../core/context.js';
import { translate, type Locale } from '../../core/i18n.js';
import { validation } from '../../core/errors.js';
import { messageKeyOf, own, parse } from '../../core/input.js';
import { metadataSignal } from '../../core/versions.js';
import { parseExpression, references } from '../../lib/expression.js';
import { isUid, uid } from '../../lib/uid.js';
import { audit, type AuditEntry } from '../audit/audit.service.js';
import { UNIT_KINDS } from '../orgunits/orgunits.contract.js';
import { group } from './group.js';
import {
  ExportQuery, ImportQuery, PACKAGE_TYPES,
  type Dhis2ImportReport, type MetadataExport, type MetadataPackage, type PackageImportReport, type PackageType, type ReportIssue, type TypeReport,
} from './metadata.contract.js';
import { convertDhis2, isDhis2 } from './metadata.dhis2.js';
import { visibleUnits } from './metadata.access.js';
import { checkExpression, loadLookups, type ExprLookups } from './metadata.expressions.js';
import * as repo from './metadata.repo.js';
import { metadataPackageSchema } from './package.schema.js';
import * as packageRepo from './package.repo.js';

export type { MetadataPackage, PackageImportReport, ReportIssue, TypeReport };

type TypeName = PackageType;

/** A combo may not generate more option combos than this (the cartesian product of its categories' options). */
export const MAX_OPTION_COMBOS = 10_000;

export interface ImportOptions {
  dryRun?: boolean;
  locale?: Locale;
}

class Rollback extends Error {}

type Pkg = MetadataPackage;
type Obj = Record<string, unknown>;

/** Imports a metadata package (soyte or DHIS2 format). Needs metadata:write. Never throws for bad content: see the report. */
export async function importPackage(ctx: Ctx, input: unknown, opts: ImportOptions = {}): Promise<PackageImportReport> {
  requirePermission(ctx, 'metadata:write');
  const locale = opts.locale ?? 'vi';
  const report = emptyReport(!!opts.dryRun);
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    report.errors.push(issue(locale, 'package', '', undefined, 'metadata.badPackage', {}));
    return finish(report);
  }
  let raw: unknown = input;
  if (isDhis2(input)) {
    report.format = 'dhis2';
    let converted: ReturnType<typeof convertDhis2>;
    try {
      converted = convertDhis2(input as Obj);
    } catch {
      report.errors.push(issue(locale, 'package', '', undefined, 'metadata.badPackage', {}));
      return finish(report);
    }
    const { pkg, notes } = converted;
    raw = pkg;
    for (const n of notes) {
      report.warnings.push(issue(locale, n.type, n.code, undefined, n.key, n.params));
      if (n.kind === 'ignored') report.stats.ignored++;
    }
  }
  const parsed = metadataPackageSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const [type, index, ...rest] = i.path;
      const item = typeof index === 'number' ? ((raw as Obj)[type as string] as Obj[] | undefined)?.[index] : undefined;
      const code = typeof item?.code === 'string' ? item.code : typeof index === 'number' ? `#${index + 1}` : '';
      report.errors.push(issue(locale, String(type ?? 'package'), code, rest.join('.') || undefined, messageKeyOf(i), {}));
    }
    return finish(report);
  }
  return runImport(ctx, parsed.data, report, locale);
}

/** Runs a parsed package (also used by the CRUD service for single objects). */
export async function runImport(ctx: Ctx, pkg: Pkg, report: PackageImportReport, locale: Locale, entry?: AuditEntry): Promise<PackageImportReport> {
  if (pkg.package) report.package = { code: pkg.package.code, name: pkg.package.name, version: pkg.package.version };
  const work = async (tx: Ctx) => {
    await tx.use(packageRepo).lockImports();
    const imp = new Importer(tx, report, locale, report.format === 'dhis2');
    await imp.run(pkg);
    if (report.errors.length || report.dryRun) throw new Rollback();
    await audit(tx, entry ?? {
      action: 'metadata.import',
      entityType: 'metadataPackage',
      entityCode: pkg.package?.code ?? null,
      details: { format: report.format, stats: report.stats, types: summary(report) },
    });
  };
  // Bumped before (readers during the import do not cache what it is replacing) and after.
  metadataSignal.bump();
  try {
    if (ctx.store.inTransaction) await inSavepoint(ctx, work);
    else await ctx.transaction(work);
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    metadataSignal.bump();
  }
  return finish(report);
}

/** Runs `work` in the caller's transaction, isolated by a savepoint (rolled back alone on error). */
async function inSavepoint(ctx: Ctx, work: (tx: Ctx) => Promise<void>): Promise<void> {
  const sp = ctx.use(packageRepo);
  await sp.savepoint();
  try {
    await work(ctx);
    await sp.releaseSavepoint();
  } catch (e) {
    await sp.rollbackToSavepoint();
    throw e;
  }
}

export function emptyReport(dryRun: boolean): PackageImportReport {
  return {
    status: 'OK',
    dryRun,
    format: 'soyte',
    stats: { created: 0, updated: 0, unchanged: 0, ignored: 0, deleted: 0 },
    types: {},
    errors: [],
    warnings: [],
  };
}

function finish(report: PackageImportReport): PackageImportReport {
  const s = report.stats;
  s.created = s.updated = s.unchanged = s.deleted = 0;
  for (const t of Object.values(report.types)) {
    s.created += t.created.length;
    s.updated += t.updated.length;
    s.unchanged += t.unchanged;
    s.deleted += t.deleted?.length ?? 0;
  }
  report.status = report.errors.length ? 'ERROR' : 'OK';
  return report;
}

function summary(report: PackageImportReport) {
  return Object.fromEntries(
    Object.entries(report.types).map(([k, t]) => [k, { created: t.created, updated: t.updated.map((u) => u.code), unchanged: t.unchanged, deleted: t.deleted }]),
  );
}

function issue(locale: Locale, type: string, code: string, field: string | undefined, key: string, params: Record<string, string | number>, conflict = false): ReportIssue {
  return { type, code, ...(field ? { field } : {}), message: translate(key, locale, params), key, params, ...(conflict ? { conflict } : {}) };
}

/** Canonical text of a value for comparison: null and undefined are the same, object keys sorted. */
function canon(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'null';
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Obj;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined && o[k] !== null)
      .sort()
      .map((k) => `${k}:${canon(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

interface Registry {
  byCode: Map<string, string>;
  byId: Map<string, string>;
}

const registry = (rows: { id: string; code: string }[]): Registry => ({
  byCode: new Map(rows.map((r) => [r.code, r.id])),
  byId: new Map(rows.map((r) => [r.id, r.code])),
});

class Importer {
  private reg = {} as Record<TypeName, Registry>;
  /** Package codes that were imported under another code (DHIS2 clashes), per type. */
  private alias = Object.fromEntries(PACKAGE_TYPES.map((t) => [t, new Map<string, string>()])) as Record<TypeName, Map<string, string>>;
  private lookups?: ExprLookups;
  private optionComboIds = new Map<string, Record<string, string>>();
  private pkgInfo?: Pkg['package'];
  /** The catalogue and the importer's writes, inside the import's transaction. */
  private catalogue: Bound<typeof repo>;
  private repo: Bound<typeof packageRepo>;

  constructor(
    private tx: Ctx,
    private report: PackageImportReport,
    private locale: Locale,
    private normalizeExpressions: boolean,
  ) {
    this.catalogue = tx.use(repo);
    this.repo = tx.use(packageRepo);
  }

  private get dhis2() {
    return this.normalizeExpressions;
  }

  private typeReport(type: TypeName): TypeReport {
    return (this.report.types[type] ??= { created: [], updated: [], unchanged: 0 });
  }

  private error(type: string, code: string, field: string | undefined, key: string, params: Record<string, string | number> = {}, conflict = false) {
    this.report.errors.push(issue(this.locale, type, code, field, key, params, conflict));
  }

  private warn(type: string, code: string, key: string, params: Record<string, string | number>) {
    this.report.warnings.push(issue(this.locale, type, code, undefined, key, params));
  }

  /** The id of an object of a type by code or uid (as it stands now in the transaction). */
  private resolve(type: TypeName, ref: string): string | undefined {
    const r = this.reg[type];
    return this.alias[type].get(ref) ?? r.byCode.get(ref) ?? (r.byId.has(ref) ? ref : undefined);
  }

  private codeOf(type: TypeName, id: string): string {
    return this.reg[type].byId.get(id) ?? id;
  }

  async run(pkg: Pkg) {
    this.pkgInfo = pkg.package;
    const c = this.catalogue;
    const [opts, cats, combos, consts, itypes, des, sets, inds, rules, gsets, groups] = await Promise.all([
      c.categoryOptions(), c.categories(), c.categoryCombos(), c.constants(), c.indicatorTypes(), c.dataElements(),
      c.dataSets({ units: 'none' }), c.indicators(), c.validationRules(), c.orgUnitGroupSets(), c.orgUnitGroups('none'),
    ]);
    const all = { opts, cats, combos, consts, itypes, des, sets, inds, rules, gsets, groups };
    this.reg.categoryOptions = registry(all.opts);
    this.reg.categories = registry(all.cats);
    this.reg.categoryCombos = registry(all.combos);
    this.reg.constants = registry(all.consts);
    this.reg.indicatorTypes = registry(all.itypes);
    this.reg.dataElements = registry(all.des);
    this.reg.dataSets = registry(all.sets);
    this.reg.indicators = registry(all.inds);
    this.reg.validationRules = registry(all.rules);
    this.reg.organisationUnitGroupSets = registry(all.gsets);
    this.reg.organisationUnitGroups = registry(all.groups);

    await this.categoryOptions(pkg.categoryOptions, all.opts);
    await this.categories(pkg.categories, all.cats);
    await this.categoryCombos(pkg.categoryCombos, all.combos);
    if (pkg.categoryOptions.length || pkg.categories.length || pkg.categoryCombos.length) await this.regenerateOptionCombos();
    await this.constants(pkg.constants, all.consts);
    await this.indicatorTypes(pkg.indicatorTypes, all.itypes);
    await this.dataElements(pkg.dataElements, all.des);
    await this.dataSets(pkg.dataSets, all.sets);
    if (pkg.indicators.length || pkg.validationRules.length) this.lookups = await loadLookups(this.tx);
    await this.indicators(pkg.indicators, all.inds);
    await this.validationRules(pkg.validationRules, all.rules);
    await this.groupSets(pkg.organisationUnitGroupSets, all.gsets);
    await this.groups(pkg.organisationUnitGroups, all.groups);
  }

  /**
   * The common part of every type: duplicate checks, matching by uid then code, comparing the
   * normalised object with the current one, writing, and reporting.
   */
  private async sync<D extends { id?: string; code: string }, E extends { id: string; code: string }>(
    type: TypeName,
    items: D[],
    existing: E[],
    o: {
      /** Resolves references; returns the normalised object to compare and write, or null after reporting errors. */
      prepare: (d: D, current: E | undefined) => Promise<D | null> | D | null;
      fields: (keyof D & string)[];
      write: (id: string, d: D, isNew: boolean, changes: string[], current: E | undefined) => Promise<void>;
      /** Extra work after writing (assignments, members); returns extra change labels. */
      after?: (id: string, d: D) => Promise<string[]>;
      readOnly?: (e: E) => boolean;
      /** DHIS2 only: an object matched by code alone that means something else (see below). */
      divergent?: (d: D, current: E) => boolean;
    },
  ) {
    const byId = new Map(existing.map((e) => [e.id, e]));
    const byCode = new Map(existing.map((e) => [e.code, e]));
    const seenCodes = new Set<string>();
    const seenIds = new Set<string>();
    const rep = this.typeReport(type);
    const reg = this.reg[type];
    for (const item of items) {
      if (seenCodes.has(item.code)) {
        this.error(type, item.code, 'code', 'metadata.duplicateCode', { code: item.code });
        continue;
      }
      seenCodes.add(item.code);
      if (item.id) {
        if (seenIds.has(item.id)) {
          this.error(type, item.code, 'id', 'metadata.duplicateCode', { code: item.id });
          continue;
        }
        seenIds.add(item.id);
      }
      let current = item.id ? byId.get(item.id) : undefined;
      const sameCode = byCode.get(item.code);
      // DHIS2 objects whose code clashed with a different soyte object were imported under "CODE_uid".
      const clashCode = item.id ? `${item.code}_${item.id}`.slice(0, 100) : null;
      let code = item.code;
      if (current && sameCode && sameCode.id !== current.id) {
        if (this.dhis2 && current.code === clashCode) code = clashCode;
        else {
          this.error(type, item.code, 'code', 'metadata.idCodeMismatch', { id: item.id!, other: current.code, code: item.code }, true);
          continue;
        }
      }
      let byCodeOnly = false;
      if (!current && sameCode) {
        current = sameCode;
        byCodeOnly = true;
      }
      // A code now used by another object of this package (renamed in the same run) is a conflict too.
      const holder = reg.byCode.get(code);
      if (holder && holder !== current?.id && holder !== item.id) {
        this.error(type, item.code, 'code', 'metadata.codeTaken', { code }, true);
        continue;
      }
      if (current && o.readOnly?.(current)) {
        rep.unchanged++;
        continue;
      }
      let d = await o.prepare(code === item.code ? item : { ...item, code }, current);
      if (!d) continue;
      if (byCodeOnly && item.id && item.id !== current!.id) {
        if (this.dhis2 && clashCode && o.divergent?.(d, current!)) {
          // Same code, different meaning (e.g. DHIS2's SEX with options M/F beside soyte's SEX with
          // MALE/FEMALE): merging would rewrite soyte's object, so the DHIS2 one is kept apart.
          if (reg.byCode.has(clashCode)) {
            this.error(type, item.code, 'code', 'metadata.codeTaken', { code: clashCode }, true);
            continue;
          }
          this.warn(type, item.code, 'metadata.warn.codeClash', { type, code: item.code, newCode: clashCode });
          code = clashCode;
          d = { ...d, code };
          current = undefined;
        } else this.warn(type, item.code, 'metadata.warn.uidMismatch', { type, code: item.code, existing: current!.id, id: item.id });
      }
      const id = current?.id ?? (item.id && !reg.byId.has(item.id) ? item.id : uid());
      if (code !== item.code) this.alias[type].set(item.code, id);
      const changes = current ? o.fields.filter((f) => canon(d[f]) !== canon((current as unknown as D)[f])) : [];
      if (!current || changes.length) {
        await o.write(id, d, !current, changes, current);
        if (current && current.code !== d.code) reg.byCode.delete(current.code);
        reg.byCode.set(d.code, id);
        reg.byId.set(id, d.code);
      }
      const extra = o.after ? await o.after(id, d) : [];
      if (!current) rep.created.push(d.code);
      else if (changes.length || extra.length) rep.updated.push({ code: d.code, changes: [...changes, ...extra] });
      else rep.unchanged++;
    }
  }

  private refs(type: TypeName, code: string, field: string, list: string[], refType: TypeName, unknownKey: string): string[] | null {
    const ids: string[] = [];
    let ok = true;
    const seen = new Set<string>();
    for (const r of list) {
      const id = this.resolve(refType, r);
      if (!id) {
        this.error(type, code, field, unknownKey, { ref: r });
        ok = false;
      } else if (seen.has(id)) {
        this.error(type, code, field, 'metadata.duplicateRef', { ref: r });
        ok = false;
      } else {
        seen.add(id);
        ids.push(id);
      }
    }
    return ok ? ids : null;
  }

  // ---- category options, categories, combos ----

  private async categoryOptions(items: Pkg['categoryOptions'], existing: repo.CategoryOption[]) {
    await this.sync('categoryOptions', items, existing, {
      readOnly: (e) => e.code === 'default',
      prepare: (d) => d,
      fields: ['code', 'name', 'nameEn', 'shortName'],
      write: async (id, d) => {
        await this.repo.upsertCategoryOption(id, { code: d.code, name: d.name, name_en: d.nameEn ?? null, short_name: d.shortName ?? null });
      },
    });
  }

  private async categories(items: Pkg['categories'], existing: repo.Category[]) {
    await this.sync('categories', items, existing, {
      readOnly: (e) => e.code === 'default',
      prepare: (d) => {
        const ids = this.refs('categories', d.code, 'options', d.options, 'categoryOptions', 'metadata.unknown.categoryOption');
        if (!ids) return null;
        return { ...d, options: ids.map((i) => this.codeOf('categoryOptions', i)) };
      },
      fields: ['code', 'name', 'nameEn', 'dataDimensionType', 'options'],
      divergent: (d, e) => e.options.some((o) => !d.options.includes(o)),
      write: async (id, d, isNew, changes) => {
        await this.repo.upsertCategory(id, { code: d.code, name: d.name, name_en: d.nameEn ?? null, data_dimension_type: d.dataDimensionType });
        if (isNew || changes.includes('options')) {
          await this.repo.setCategoryOptions(id, d.options.map((o) => this.resolve('categoryOptions', o)!));
        }
      },
    });
  }

  private async categoryCombos(items: Pkg['categoryCombos'], existing: repo.CategoryCombo[]) {
    const catOptions = group(await this.repo.categoryOptionLinks(), (r) => r.category_id, (r) => r.category_option_id);
    await this.sync('categoryCombos', items, existing, {
      readOnly: (e) => !!e.isDefault,
      prepare: (d) => {
        const ids = this.refs('categoryCombos', d.code, 'categories', d.categories, 'categories', 'metadata.unknown.category');
        if (!ids) return null;
        const seen = new Set<string>();
        for (const c of ids) {
          for (const o of catOptions.get(c) ?? []) {
            if (seen.has(o)) {
              this.error('categoryCombos', d.code, 'categories', 'metadata.optionInTwoCategories', { ref: this.codeOf('categoryOptions', o) });
              return null;
            }
            seen.add(o);
          }
        }
        return { ...d, categories: ids.map((i) => this.codeOf('categories', i)), optionComboIds: undefined };
      },
      fields: ['code', 'name', 'nameEn', 'dataDimensionType', 'categories'],
      divergent: (d, e) => canon(d.categories) !== canon(e.categories),
      write: async (id, d, isNew, changes) => {
        await this.repo.upsertCategoryCombo(id, { code: d.code, name: d.name, name_en: d.nameEn ?? null, data_dimension_type: d.dataDimensionType });
        if (isNew || changes.includes('categories')) {
          await this.repo.setComboCategories(id, d.categories.map((c) => this.resolve('categories', c)!));
        }
      },
    });
    for (const c of items) {
      const id = this.resolve('categoryCombos', c.code);
      if (id && c.optionComboIds) this.optionComboIds.set(id, c.optionComboIds);
    }
  }

  /** Makes every combo's option combos the cartesian product of its categories' options. */
  async regenerateOptionCombos() {
    const rep = this.typeReport('categoryOptionCombos');
    rep.deleted ??= [];
    const [{ combos, comboCategories: catLinks, options }, optLinks, current] = await Promise.all([
      this.repo.optionComboSources(),
      this.repo.categoryOptionLinks(),
      this.catalogue.optionCombos(),
    ]);
    const optById = new Map(options.map((o) => [o.id, o]));
    const catsOf = group(catLinks, (l) => l.category_combo_id, (l) => l.category_id);
    const optsOf = group(optLinks, (l) => l.category_id, (l) => l.category_option_id);
    const setKey = (ids: string[]) => [...ids].sort().join('|');
    const currentByCombo = group(current, (c) => c.categoryComboId, (c) => c);

    // Refuse combos whose product would explode (5 categories of 100 options are 10^10 combos).
    let tooMany = false;
    for (const combo of combos) {
      const n = (catsOf.get(combo.id) ?? []).reduce((p, cat) => p * (optsOf.get(cat)?.length ?? 0), 1);
      if (n > MAX_OPTION_COMBOS) {
        this.error('categoryCombos', combo.code, 'categories', 'metadata.tooManyOptionCombos', { code: combo.code, max: MAX_OPTION_COMBOS });
        tooMany = true;
      }
    }
    if (tooMany) return;

    interface Want { comboId: string; comboCode: string; optionIds: string[]; key: string; name: string; nameEn: string; sort: number; existing?: repo.OptionCombo; code?: string | null }
    const wants: Want[] = [];
    const obsolete: repo.OptionCombo[] = [];
    for (const combo of combos) {
      let tuples: string[][] = [[]];
      for (const cat of catsOf.get(combo.id) ?? []) {
        const opts = optsOf.get(cat) ?? [];
        tuples = tuples.flatMap((t) => opts.map((o) => [...t, o]));
      }
      if (!(catsOf.get(combo.id) ?? []).length) tuples = [];
      const existingBySet = new Map((currentByCombo.get(combo.id) ?? []).map((c) => [setKey(c.optionIds), c]));
      const kept = new Set<string>();
      tuples.forEach((t, i) => {
        const os = t.map((o) => optById.get(o)!);
        const existing = existingBySet.get(setKey(t));
        if (existing) kept.add(existing.id);
        wants.push({
          comboId: combo.id,
          comboCode: combo.code,
          optionIds: t,
          key: os.map((o) => o.code).join('_'),
          name: os.map((o) => o.name).join(', '),
          nameEn: os.map((o) => o.name_en ?? o.name).join(', '),
          sort: i,
          existing,
        });
      });
      for (const c of currentByCombo.get(combo.id) ?? []) if (!kept.has(c.id)) obsolete.push(c);
    }

    // Codes: the option key, unless another combo has it (the combo already holding it keeps it).
    const wanted = group(wants, (w) => w.key, (w) => w);
    for (const [key, ws] of wanted) {
      const winner = ws.find((w) => w.existing?.code === key) ?? ws[0]!;
      for (const w of ws) w.code = w === winner ? key : null;
    }
    const taken = new Set(wants.filter((w) => w.code).map((w) => w.code!));
    for (const w of wants) {
      if (w.code !== null) continue;
      const alt = `${w.comboCode}_${w.key}`;
      w.code = taken.has(alt) ? null : alt;
      if (w.code) taken.add(w.code);
      if (w.existing?.code !== w.code) this.warn('categoryOptionCombos', w.key, 'metadata.warn.cocCode', { key: w.key, combo: w.comboCode, code: w.code ?? '—' });
    }

    // Refuse to remove option combos that hold data.
    if (obsolete.length) {
      const usedSet = await this.repo.optionCombosWithData(obsolete.map((c) => ({ iid: c.iid, comboId: c.categoryComboId })));
      for (const c of obsolete) {
        if (usedSet.has(c.iid)) {
          this.error('categoryCombos', c.categoryCombo, 'categories', 'metadata.cocHasData', { code: c.code ?? c.id, name: c.name, combo: c.categoryCombo }, true);
        }
      }
      if (usedSet.size) return;
      await this.repo.deleteOptionCombos(obsolete.map((c) => c.id));
      rep.deleted.push(...obsolete.map((c) => c.code ?? c.id));
    }

    // Free codes that move before setting them (the column is unique).
    const moving = wants.filter((w) => w.existing && w.existing.code !== w.code && w.existing.code !== null);
    await this.repo.clearOptionComboCodes(moving.map((w) => w.existing!.id));
    const usedIds = new Set(current.map((c) => c.id));
    for (const w of wants) {
      const row = { code: w.code ?? null, name: w.name, name_en: w.nameEn, sort_order: w.sort };
      if (w.existing) {
        const e = w.existing;
        const changes = [
          e.code !== w.code ? 'code' : '',
          e.name !== w.name ? 'name' : '',
          (e.nameEn ?? null) !== w.nameEn ? 'nameEn' : '',
          e.sortOrder !== w.sort ? 'sortOrder' : '',
        ].filter(Boolean);
        if (changes.length) {
          await this.repo.updateOptionCombo(e.id, row);
          rep.updated.push({ code: w.code ?? e.id, changes });
        } else rep.unchanged++;
      } else {
        // (The keys come from the package: looked up as own keys only.)
        const ids = this.optionComboIds.get(w.comboId);
        const wantedId = ids ? own(ids, w.key) : undefined;
        const id = wantedId && isUid(wantedId) && !usedIds.has(wantedId) ? wantedId : uid();
        usedIds.add(id);
        await this.repo.insertOptionCombo(id, { category_combo_id: w.comboId, ...row }, w.optionIds);
        rep.created.push(w.code ?? id);
      }
    }
  }

  // ---- constants, indicator types, data elements, data sets ----

  private async constants(items: Pkg['constants'], existing: repo.Constant[]) {
    await this.sync('constants', items, existing, {
      prepare: (d) => d,
      fields: ['code', 'name', 'nameEn', 'value'],
      write: async (id, d) => {
        await this.repo.upsertConstant(id, { code: d.code, name: d.name, name_en: d.nameEn ?? null, value: d.value });
      },
    });
  }

  private async indicatorTypes(items: Pkg['indicatorTypes'], existing: repo.IndicatorType[]) {
    await this.sync('indicatorTypes', items, existing, {
      prepare: (d) => d,
      fields: ['code', 'name', 'nameEn', 'factor', 'number'],
      write: async (id, d) => {
        await this.repo.upsertIndicatorType(id, { code: d.code, name: d.name, name_en: d.nameEn ?? null, factor: d.factor, number: d.number });
      },
    });
  }

  private async dataElements(items: Pkg['dataElements'], existing: repo.DataElement[]) {
    await this.sync('dataElements', items, existing, {
      prepare: async (d, current) => {
        const combo = this.resolve('categoryCombos', d.categoryCombo);
        if (!combo) {
          this.error('dataElements', d.code, 'categoryCombo', 'metadata.unknown.categoryCombo', { ref: d.categoryCombo });
          return null;
        }
        const comboCode = this.codeOf('categoryCombos', combo);
        // (A DHIS2 element matched by code only, with another combo, is imported apart: no data check.)
        const apart = this.dhis2 && d.id && current && d.id !== current.id;
        if (current && !apart && current.categoryCombo !== comboCode) {
          if (await this.catalogue.elementHasData(current.id)) {
            this.error('dataElements', d.code, 'categoryCombo', 'metadata.deComboHasData', { code: d.code }, true);
            return null;
          }
        }
        return { ...d, categoryCombo: comboCode };
      },
      fields: ['code', 'name', 'nameEn', 'shortName', 'formName', 'description', 'valueType', 'aggregationType', 'zeroIsSignificant', 'categoryCombo', 'unit'],
      divergent: (d, e) => d.categoryCombo !== e.categoryCombo,
      write: async (id, d, isNew) => {
        const row = {
          code: d.code,
          name: d.name,
          name_en: d.nameEn ?? null,
          short_name: d.shortName ?? null,
          form_name: d.formName ?? null,
          description: d.description ?? null,
          value_type: d.valueType,
          aggregation_type: d.aggregationType,
          zero_is_significant: d.zeroIsSignificant,
          category_combo_id: this.resolve('categoryCombos', d.categoryCombo)!,
          unit: d.unit ?? null,
        };
        if (isNew) await this.repo.insertDataElement(id, row);
        else await this.repo.updateDataElement(id, row);
      },
    });
  }

  private async dataSets(items: Pkg['dataSets'], existing: repo.DataSet[]) {
    const currentById = new Map(existing.map((s) => [s.id, s]));
    await this.sync('dataSets', items, existing, {
      prepare: (d, current) => {
        let ok = true;
        const combo = this.resolve('categoryCombos', d.categoryCombo);
        if (!combo) {
          this.error('dataSets', d.code, 'categoryCombo', 'metadata.unknown.categoryCombo', { ref: d.categoryCombo });
          ok = false;
        }
        const seen = new Set<string>();
        const codes = (list: string[], field: string) =>
          list.map((r) => {
            const id = this.resolve('dataElements', r);
            if (!id) {
              this.error('dataSets', d.code, field, 'metadata.unknown.dataElement', { ref: r });
              ok = false;
              return r;
            }
            if (seen.has(id)) {
              this.error('dataSets', d.code, field, 'metadata.duplicateRef', { ref: r });
              ok = false;
            }
            seen.add(id);
            return this.codeOf('dataElements', id);
          });
        const sections = d.sections.map((s, i) => ({ ...s, dataElements: codes(s.dataElements, `sections.${i}.dataElements`) }));
        const loose = codes(d.dataElements, 'dataElements');
        for (const k of d.orgUnitKinds) {
          if (!(UNIT_KINDS as readonly string[]).includes(k)) {
            this.error('dataSets', d.code, 'orgUnitKinds', 'metadata.unknown.orgUnitKind', { ref: k });
            ok = false;
          }
        }
        if (!ok) return null;
        // Section uids only count when the package gives them.
        const cur = current ? currentById.get(current.id) : undefined;
        // Without uids, a section is the current one with the same code, else the same name, else at the same place.
        const curSecs = cur?.sections ?? [];
        const taken = new Set(sections.flatMap((s) => (s.id ? [s.id] : [])));
        const pickSection = (s: (typeof sections)[number], i: number) => {
          const m =
            (s.code ? curSecs.find((c) => c.code === s.code && !taken.has(c.id!)) : undefined) ??
            curSecs.find((c) => c.name === s.name && !taken.has(c.id!)) ??
            (curSecs[i] && !taken.has(curSecs[i]!.id!) && !sections.some((x) => x.code && x.code === curSecs[i]!.code) ? curSecs[i] : undefined);
          if (m?.id) taken.add(m.id);
          return m?.id;
        };
        const withIds = sections.map((s, i) => (s.id ? s : { ...s, id: pickSection(s, i) }));
        return { ...d, categoryCombo: this.codeOf('categoryCombos', combo!), sections: withIds, dataElements: loose };
      },
      fields: ['code', 'name', 'nameEn', 'shortName', 'description', 'periodType', 'categoryCombo', 'deadlineWorkingDays', 'entryGraceDays', 'sections', 'dataElements'],
      write: async (id, d, isNew, changes) => {
        const row = {
          code: d.code,
          name: d.name,
          name_en: d.nameEn ?? null,
          short_name: d.shortName ?? null,
          description: d.description ?? null,
          period_type: d.periodType,
          category_combo_id: this.resolve('categoryCombos', d.categoryCombo)!,
          deadline_working_days: d.deadlineWorkingDays,
          entry_grace_days: d.entryGraceDays,
        };
        if (isNew) await this.repo.insertDataSet(id, row);
        else await this.repo.updateDataSet(id, row);
        if (isNew || changes.includes('sections') || changes.includes('dataElements')) await this.writeStructure(id, d);
      },
      after: (id, d) => this.assign(id, d),
    });
  }

  /** Replaces a data set's sections and element order. */
  private async writeStructure(setId: string, d: Pkg['dataSets'][number]) {
    const current = await this.repo.sectionsOf(setId);
    const elsewhere = await this.repo.sectionsElsewhere(d.sections.flatMap((s) => (s.id ? [s.id] : [])), setId);
    const used = new Set<string>();
    const ids = d.sections.map((s) => {
      let id = s.id && !elsewhere.has(s.id) ? s.id : undefined;
      id ??= current.find((c) => !used.has(c.id) && ((s.code && c.code === s.code) || (!s.code && c.name === s.name)))?.id;
      if (!id || used.has(id)) id = uid();
      used.add(id);
      return id;
    });
    const elements: { data_element_id: string; section_id: string | null }[] = [];
    d.sections.forEach((s, i) => s.dataElements.forEach((e) => elements.push({ data_element_id: this.resolve('dataElements', e)!, section_id: ids[i]! })));
    for (const e of d.dataElements) elements.push({ data_element_id: this.resolve('dataElements', e)!, section_id: null });
    await this.repo.replaceDataSetStructure(setId, {
      sections: d.sections.map((s, i) => ({ id: ids[i]!, code: s.code ?? null, name: s.name, name_en: s.nameEn ?? null, description: s.description ?? null })),
      stale: current.filter((c) => !used.has(c.id)).map((c) => c.id),
      elements,
    });
  }

  /** Adds assignments for the listed units and every unit of the listed kinds (over each unit's open life). */
  private async assign(setId: string, d: Pkg['dataSets'][number]): Promise<string[]> {
    if (!d.orgUnits.length && !d.orgUnitKinds.length) return [];
    const found = await this.catalogue.findUnits([...new Set(d.orgUnits)]);
    const known = new Set(found.flatMap((u) => [u.id, u.code]));
    for (const r of d.orgUnits) if (!known.has(r)) this.warn('dataSets', d.code, 'metadata.warn.unitNotFound', { code: d.code, ref: r });
    const added = await this.repo.assignOpenLife(setId, found.map((u) => u.id), d.orgUnitKinds);
    return added ? [`orgUnits(+${added})`] : [];
  }

  // ---- indicators and validation rules ----

  private expression(type: TypeName, code: string, field: string, text: string): string | null {
    const { problems, text: out } = checkExpression(text, this.lookups!, this.normalizeExpressions);
    for (const p of problems) this.error(type, code, field, p.key, p.params);
    return problems.length ? null : out;
  }

  private async indicators(items: Pkg['indicators'], existing: repo.Indicator[]) {
    await this.sync('indicators', items, existing, {
      prepare: (d) => {
        const t = this.resolve('indicatorTypes', d.indicatorType);
        if (!t) this.error('indicators', d.code, 'indicatorType', 'metadata.unknown.indicatorType', { ref: d.indicatorType });
        const numerator = this.expression('indicators', d.code, 'numerator', d.numerator);
        const denominator = this.expression('indicators', d.code, 'denominator', d.denominator);
        if (!t || numerator === null || denominator === null) return null;
        return { ...d, indicatorType: this.codeOf('indicatorTypes', t), numerator, denominator };
      },
      fields: ['code', 'name', 'nameEn', 'shortName', 'description', 'indicatorType', 'numerator', 'numeratorDescription', 'denominator', 'denominatorDescription', 'decimals', 'annualized'],
      write: async (id, d) => {
        const row = {
          code: d.code,
          name: d.name,
          name_en: d.nameEn ?? null,
          short_name: d.shortName ?? null,
          description: d.description ?? null,
          indicator_type_id: this.resolve('indicatorTypes', d.indicatorType)!,
          numerator: d.numerator,
          numerator_description: d.numeratorDescription ?? null,
          denominator: d.denominator,
          denominator_description: d.denominatorDescription ?? null,
          decimals: d.decimals,
          annualized: d.annualized,
        };
        await this.repo.upsertIndicator(id, row);
      },
    });
  }

  private async validationRules(items: Pkg['validationRules'], existing: repo.ValidationRule[]) {
    await this.sync('validationRules', items, existing, {
      prepare: (d) => {
        const l = this.expression('validationRules', d.code, 'leftSide.expression', d.leftSide.expression);
        const r = this.expression('validationRules', d.code, 'rightSide.expression', d.rightSide.expression);
        if (l === null || r === null) return null;
        return { ...d, leftSide: { ...d.leftSide, expression: l }, rightSide: { ...d.rightSide, expression: r } };
      },
      fields: ['code', 'name', 'nameEn', 'description', 'importance', 'periodType', 'leftSide', 'operator', 'rightSide', 'message', 'messageEn'],
      write: async (id, d) => {
        const row = {
          code: d.code,
          name: d.name,
          name_en: d.nameEn ?? null,
          description: d.description ?? null,
          importance: d.importance,
          period_type: d.periodType,
          left_expression: d.leftSide.expression,
          left_description: d.leftSide.description ?? null,
          left_missing_value_strategy: d.leftSide.missingValueStrategy,
          operator: d.operator,
          right_expression: d.rightSide.expression,
          right_description: d.rightSide.description ?? null,
          right_missing_value_strategy: d.rightSide.missingValueStrategy,
          message: d.message,
          message_en: d.messageEn ?? null,
        };
        await this.repo.upsertValidationRule(id, row);
      },
    });
  }

  // ---- org unit groups ----

  private async groupSets(items: Pkg['organisationUnitGroupSets'], existing: { id: string; code: string; name: string; nameEn?: string }[]) {
    await this.sync('organisationUnitGroupSets', items, existing, {
      prepare: (d) => d,
      fields: ['code', 'name', 'nameEn'],
      write: async (id, d) => {
        await this.repo.upsertGroupSet(id, { code: d.code, name: d.name, name_en: d.nameEn ?? null });
      },
    });
  }

  private async groups(items: Pkg['organisationUnitGroups'], existing: repo.OrgUnitGroup[]) {
    if (!items.length) return;
    // Groups without a set go to one named after the package.
    if (items.some((g) => !g.groupSet) && this.pkgInfo && !this.resolve('organisationUnitGroupSets', this.pkgInfo.code)) {
      await this.groupSets([{ code: this.pkgInfo.code, name: this.pkgInfo.name }], []);
    }
    const fallback = this.pkgInfo?.code;
    await this.sync('organisationUnitGroups', items, existing, {
      prepare: (d) => {
        const setRef = d.groupSet ?? fallback;
        if (!setRef) return { ...d, groupSet: undefined };
        const set = this.resolve('organisationUnitGroupSets', setRef);
        if (!set) {
          this.error('organisationUnitGroups', d.code, 'groupSet', 'metadata.unknown.groupSet', { ref: setRef });
          return null;
        }
        return { ...d, groupSet: this.codeOf('organisationUnitGroupSets', set) };
      },
      fields: ['code', 'name', 'nameEn', 'groupSet'],
      write: async (id, d) => {
        const row = {
          code: d.code,
          name: d.name,
          name_en: d.nameEn ?? null,
          group_set_id: d.groupSet ? this.resolve('organisationUnitGroupSets', d.groupSet)! : null,
        };
        await this.repo.upsertGroup(id, row);
      },
      after: async (id, d) => {
        if (!d.orgUnits.length) return [];
        const found = await this.catalogue.findUnits([...new Set(d.orgUnits)]);
        const known = new Set(found.flatMap((u) => [u.id, u.code]));
        for (const r of d.orgUnits) if (!known.has(r)) this.warn('organisationUnitGroups', d.code, 'metadata.warn.unitNotFound', { code: d.code, ref: r });
        const added = await this.repo.addGroupMembers(id, found.map((u) => u.id));
        return added ? [`orgUnits(+${added})`] : [];
      },
    });
  }
}

// ---- export ----

/**
 * The catalogue as a package: everything (built-in defaults left out), or only what the given data
 * sets (codes or uids) need: their elements, combos, and the indicators and rules over those elements.
 */
export async function exportPackage(ctx: Ctx, opts: { dataSets?: string[] } = {}): Promise<MetadataPackage> {
  const c = ctx.use(repo);
  const units = visibleUnits(ctx);
  const [options, cats, combos, cocs, consts, itypes, des, sets, inds, rules, groups, gsets] = await Promise.all([
    c.categoryOptions(), c.categories(), c.categoryCombos(), c.optionCombos(), c.constants(), c.indicatorTypes(), c.dataElements(),
    c.dataSets({ units }), c.indicators(), c.validationRules(), c.orgUnitGroups(units), c.orgUnitGroupSets(),
  ]);
  const optCode = new Map(options.map((o) => [o.id, o.code]));
  const cocIds = group(cocs, (c) => c.categoryComboId, (c) => [c.optionIds.map((o) => optCode.get(o)).join('_'), c.id] as const);

  let keepSets = sets;
  let keepDes = des;
  let keepInds = inds;
  let keepRules = rules;
  const filter = opts.dataSets?.length ? new Set(opts.dataSets) : null;
  if (filter) {
    keepSets = sets.filter((s) => filter.has(s.code) || filter.has(s.id));
    const deCodes = new Set(keepSets.flatMap((s) => [...s.sections.flatMap((x) => x.dataElements), ...s.dataElements]));
    keepDes = des.filter((d) => deCodes.has(d.code));
    const deKeys = new Set(keepDes.flatMap((d) => [d.code, d.id]));
    const onlyKept = (...exprs: string[]) => {
      try {
        const refs = exprs.flatMap((e) => references(parseExpression(e)).dataElements);
        return refs.length > 0 && refs.every((r) => deKeys.has(r.de));
      } catch {
        return false;
      }
    };
    keepInds = inds.filter((i) => onlyKept(i.numerator, i.denominator));
    keepRules = rules.filter((r) => onlyKept(r.leftSide.expression, r.rightSide.expression));
  }
  const comboCodes = new Set([...keepDes.map((d) => d.categoryCombo), ...keepSets.map((s) => s.categoryCombo)]);
  const keepCombos = combos.filter((c) => !c.isDefault && (!filter || comboCodes.has(c.code)));
  const catCodes = new Set(keepCombos.flatMap((c) => c.categories));
  const keepCats = cats.filter((c) => c.code !== 'default' && (!filter || catCodes.has(c.code)));
  const optCodes = new Set(keepCats.flatMap((c) => c.options));
  const keepOpts = options.filter((o) => o.code !== 'default' && (!filter || optCodes.has(o.code)));
  const typeCodes = new Set(keepInds.map((i) => i.indicatorType));
  const constRefs = new Set(
    [...keepInds.flatMap((i) => [i.numerator, i.denominator]), ...keepRules.flatMap((r) => [r.leftSide.expression, r.rightSide.expression])].flatMap((e) => {
      try {
        return references(parseExpression(e)).constants.map((c) => c.ref);
      } catch {
        return [];
      }
    }),
  );
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    package: {
      code: filter ? `SOYTE_${keepSets.map((s) => s.code).join('_')}`.slice(0, 100).replace(/[^A-Za-z0-9_\-]/g, '_') : 'SOYTE_METADATA',
      name: filter ? `Danh mục: ${keepSets.map((s) => s.name).join(', ')}`.slice(0, 300) : 'Danh mục soyte',
      version: stamp,
    },
    categoryOptions: keepOpts,
    categories: keepCats,
    categoryCombos: keepCombos.map(({ isDefault: _d, ...c }) => ({ ...c, optionComboIds: Object.fromEntries(cocIds.get(c.id) ?? []) })),
    dataElements: keepDes,
    dataSets: keepSets,
    indicatorTypes: itypes.filter((t) => !filter || typeCodes.has(t.code)),
    indicators: keepInds,
    constants: consts.filter((c) => !filter || constRefs.has(c.code) || constRefs.has(c.id)),
    validationRules: keepRules,
    organisationUnitGroupSets: filter ? [] : gsets,
    organisationUnitGroups: filter ? [] : groups,
  };
}

// ---- DHIS2's report ----

const DHIS2_CLASSES = new Map<string, string>([
  ['categoryOptions', 'CategoryOption'], ['categories', 'Category'], ['categoryCombos', 'CategoryCombo'],
  ['categoryOptionCombos', 'CategoryOptionCombo'], ['dataElements', 'DataElement'], ['dataSets', 'DataSet'],
  ['indicatorTypes', 'IndicatorType'], ['indicators', 'Indicator'], ['constants', 'Constant'], ['validationRules', 'ValidationRule'],
  ['organisationUnitGroups', 'OrganisationUnitGroup'], ['organisationUnitGroupSets', 'OrganisationUnitGroupSet'],
]);

/** Our import report in DHIS2's ImportReport shape (POST /api/metadata), with ours under `soyte`. */
export function toDhis2Report(r: PackageImportReport): Dhis2ImportReport {
  const klass = (t: string) => `org.hisp.dhis.${DHIS2_CLASSES.get(t) ?? t}`;
  const types = new Set<string>([...Object.keys(r.types), ...r.errors.map((e) => e.type)]);
  const typeReports = [...types].map((t) => {
    const tr = (r.types as Partial<Record<string, TypeReport>>)[t];
    const errs = r.errors.filter((e) => e.type === t);
    return {
      klass: klass(t),
      stats: {
        created: tr?.created.length ?? 0,
        updated: tr?.updated.length ?? 0,
        deleted: tr?.deleted?.length ?? 0,
        ignored: errs.length,
        total: (tr?.created.length ?? 0) + (tr?.updated.length ?? 0) + (tr?.unchanged ?? 0),
      },
      objectReports: errs.map((e) => ({
        klass: klass(t),
        uid: e.code,
        errorReports: [{ message: e.message, mainKlass: klass(t), errorCode: e.key, errorProperty: e.field }],
      })),
    };
  });
  return {
    status: r.status === 'OK' ? (r.warnings.length ? 'WARNING' : 'OK') : 'ERROR',
    importParams: { importMode: r.dryRun ? 'VALIDATE' : 'COMMIT', atomicMode: 'ALL' },
    stats: {
      created: r.stats.created,
      updated: r.stats.updated,
      deleted: r.stats.deleted,
      ignored: r.stats.ignored + r.errors.length,
      total: r.stats.created + r.stats.updated + r.stats.unchanged,
    },
    typeReports,
    soyte: r,
  };
}

// ---- the HTTP API's entry points ----

const isTrue = (v: string | undefined) => v !== undefined && /^(true|1)$/i.test(v);

/** POST /api/metadata/import (soyte's report) and, with `dhis2`, POST /api/metadata (DHIS2's ImportReport; importMode=VALIDATE validates only). */
export async function importFromApi(ctx: Ctx, body: unknown, query: unknown, opts: { locale: Locale; dhis2: true }): Promise<Dhis2ImportReport>;
export async function importFromApi(ctx: Ctx, body: unknown, query: unknown, opts: { locale: Locale; dhis2?: false }): Promise<PackageImportReport>;
export async function importFromApi(ctx: Ctx, body: unknown, query: unknown, opts: { locale: Locale; dhis2?: boolean }) {
  requirePermission(ctx, 'metadata:write');
  const q = parse(ImportQuery, query);
  const dryRun = isTrue(q.dryRun) || (opts.dhis2 === true && q.importMode?.toUpperCase() === 'VALIDATE');
  const report = await importPackage(ctx, body, { dryRun, locale: opts.locale });
  return opts.dhis2 ? toDhis2Report(report) : report;
}

/** GET /api/metadata/export?dataSet=…: everything, or what the given data sets (codes or uids, comma-separated or repeated) need. */
export function exportFromApi(ctx: Ctx, query: unknown): Promise<MetadataExport> {
  const q = parse(ExportQuery, query);
  const dataSets = q.dataSet === undefined ? undefined : (Array.isArray(q.dataSet) ? q.dataSet : q.dataSet.split(',')).map((s) => s.trim()).filter(Boolean);
  if (dataSets && dataSets.length > 200) throw validation({ dataSet: 'field.tooLong' });
  return exportPackage(ctx, { dataSets });
}
