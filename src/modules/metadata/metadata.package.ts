// Metadata package import and export (soyte's package format, package.schema.ts; DHIS2 metadata JSON
// is detected and converted first, metadata.dhis2.ts).
//
// Import is all-or-nothing: every object is matched (uid, then code), checked and written inside one
// transaction while the report is built; if anything is wrong, or for a dry run, the transaction is
// rolled back, so a dry run gives exactly the report of the real import. Category option combos are
// regenerated from the combos after categories and combos are written.
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { translate, type Locale } from '../../core/i18n.js';
import { uid, isUid } from '../../lib/uid.js';
import { insertAudit, type AuditEntry } from '../audit/audit.service.js';
import { type Ctx } from '../../core/context.js';
import { requirePermission } from '../../core/access.js';
import { UNIT_KINDS } from '../orgunits/orgunits.service.js';
import { references, parseExpression } from '../../lib/expression.js';
import { checkExpression, loadLookups, type ExprLookups } from './metadata.expressions.js';
import { convertDhis2, isDhis2 } from './metadata.dhis2.js';
import * as repo from './metadata.repo.js';
import { metadataPackageSchema, type MetadataPackage } from './package.schema.js';
import { metadataChanged } from '../datavalues/entry-cache.js';

export type { MetadataPackage };

export const TYPES = [
  'categoryOptions', 'categories', 'categoryCombos', 'categoryOptionCombos', 'constants', 'indicatorTypes', 'dataElements',
  'dataSets', 'indicators', 'validationRules', 'organisationUnitGroupSets', 'organisationUnitGroups',
] as const;
export type TypeName = (typeof TYPES)[number];

export interface TypeReport {
  created: string[];
  updated: { code: string; changes: string[] }[];
  unchanged: number;
  /** Only for generated option combos that no longer exist. */
  deleted?: string[];
}

export interface ReportIssue {
  type: string;
  code: string;
  field?: string;
  message: string;
  /** Message key and parameters (for clients that translate themselves). */
  key?: string;
  params?: Record<string, string | number>;
  /** The problem is a conflict with existing data (HTTP 409 in the CRUD API), not bad input. */
  conflict?: boolean;
}

export interface PackageImportReport {
  status: 'OK' | 'ERROR';
  dryRun: boolean;
  format: 'soyte' | 'dhis2';
  package?: { code: string; name: string; version: string };
  stats: { created: number; updated: number; unchanged: number; ignored: number; deleted: number };
  types: Partial<Record<TypeName, TypeReport>>;
  errors: ReportIssue[];
  warnings: ReportIssue[];
}

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
      report.errors.push(issue(locale, String(type ?? 'package'), code, rest.join('.') || undefined, zodKey(i), {}));
    }
    return finish(report);
  }
  return runImport(ctx, parsed.data, report, locale);
}

/** Runs a parsed package (also used by the CRUD service for single objects). */
export async function runImport(ctx: Ctx, pkg: Pkg, report: PackageImportReport, locale: Locale, audit?: AuditEntry): Promise<PackageImportReport> {
  if (pkg.package) report.package = { code: pkg.package.code, name: pkg.package.name, version: pkg.package.version };
  const work = async (tx: Kysely<DB>) => {
    await sql`select pg_advisory_xact_lock(7242003)`.execute(tx);
    const imp = new Importer(tx, report, locale, report.format === 'dhis2');
    await imp.run(pkg);
    if (report.errors.length || report.dryRun) throw new Rollback();
    await insertAudit(tx, ctx.actor, audit ?? {
      action: 'metadata.import',
      entityType: 'metadataPackage',
      entityCode: pkg.package?.code ?? null,
      details: { format: report.format, stats: report.stats, types: summary(report) },
    });
  };
  try {
    if (ctx.db.isTransaction) {
      // Called inside the caller's transaction: isolate our part with a savepoint.
      await sql`savepoint soyte_metadata_import`.execute(ctx.db);
      try {
        await work(ctx.db);
        await sql`release savepoint soyte_metadata_import`.execute(ctx.db);
      } catch (e) {
        await sql`rollback to savepoint soyte_metadata_import`.execute(ctx.db);
        throw e;
      }
    } else {
      await ctx.db.transaction().execute(work);
    }
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    metadataChanged(); // drops the data-entry caches (datavalues/entry-cache.ts)
  }
  return finish(report);
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

function zodKey(i: z.ZodIssue): string {
  if (i.message.includes('.')) return i.message;
  switch (i.code) {
    case 'invalid_type':
      return i.received === 'undefined' || i.received === 'null' ? 'field.required' : 'field.invalid';
    case 'too_small':
      return i.minimum === 1 && i.type === 'string' ? 'field.required' : 'field.tooShort';
    case 'too_big':
      return 'field.tooLong';
    default:
      return 'field.invalid';
  }
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
  private alias = Object.fromEntries(TYPES.map((t) => [t, new Map<string, string>()])) as Record<TypeName, Map<string, string>>;
  private lookups?: ExprLookups;
  private optionComboIds = new Map<string, Record<string, string>>();
  private pkgInfo?: Pkg['package'];

  constructor(
    private tx: Kysely<DB>,
    private report: PackageImportReport,
    private locale: Locale,
    private normalizeExpressions: boolean,
  ) {}

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
    const [opts, cats, combos, consts, itypes, des, sets, inds, rules, gsets, groups] = await Promise.all([
      repo.categoryOptions(this.tx), repo.categories(this.tx), repo.categoryCombos(this.tx), repo.constants(this.tx),
      repo.indicatorTypes(this.tx), repo.dataElements(this.tx), repo.dataSets(this.tx), repo.indicators(this.tx),
      repo.validationRules(this.tx), this.tx.selectFrom('org_unit_group_set').select(['id', 'code', 'name', 'name_en']).execute(),
      repo.orgUnitGroups(this.tx),
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
    await this.groupSets(pkg.organisationUnitGroupSets, all.gsets.map((g) => ({ id: g.id, code: g.code, name: g.name, nameEn: g.name_en ?? undefined })));
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
        const row = { code: d.code, name: d.name, name_en: d.nameEn ?? null, short_name: d.shortName ?? null };
        await this.tx.insertInto('category_option').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
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
        const row = { code: d.code, name: d.name, name_en: d.nameEn ?? null, data_dimension_type: d.dataDimensionType };
        await this.tx.insertInto('category').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
        if (isNew || changes.includes('options')) {
          await this.tx.deleteFrom('category_option_in_category').where('category_id', '=', id).execute();
          await this.tx
            .insertInto('category_option_in_category')
            .values(d.options.map((o, i) => ({ category_id: id, category_option_id: this.resolve('categoryOptions', o)!, sort_order: i })))
            .execute();
        }
      },
    });
  }

  private async categoryCombos(items: Pkg['categoryCombos'], existing: repo.CategoryCombo[]) {
    const catOptions = repo.group(
      await this.tx.selectFrom('category_option_in_category').select(['category_id', 'category_option_id']).execute(),
      (r) => r.category_id,
      (r) => r.category_option_id,
    );
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
        const row = { code: d.code, name: d.name, name_en: d.nameEn ?? null, data_dimension_type: d.dataDimensionType };
        await this.tx.insertInto('category_combo').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
        if (isNew || changes.includes('categories')) {
          await this.tx.deleteFrom('category_in_combo').where('category_combo_id', '=', id).execute();
          await this.tx
            .insertInto('category_in_combo')
            .values(d.categories.map((c, i) => ({ category_combo_id: id, category_id: this.resolve('categories', c)!, sort_order: i })))
            .execute();
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
    const tx = this.tx;
    const [combos, catLinks, optLinks, options, current] = await Promise.all([
      tx.selectFrom('category_combo').select(['id', 'code', 'is_default']).orderBy('is_default', 'desc').orderBy('code').execute(),
      tx.selectFrom('category_in_combo').selectAll().orderBy('sort_order').execute(),
      tx.selectFrom('category_option_in_category').selectAll().orderBy('sort_order').execute(),
      tx.selectFrom('category_option').select(['id', 'code', 'name', 'name_en']).execute(),
      repo.optionCombos(tx),
    ]);
    const optById = new Map(options.map((o) => [o.id, o]));
    const catsOf = repo.group(catLinks, (l) => l.category_combo_id, (l) => l.category_id);
    const optsOf = repo.group(optLinks, (l) => l.category_id, (l) => l.category_option_id);
    const setKey = (ids: string[]) => [...ids].sort().join('|');
    const currentByCombo = repo.group(current, (c) => c.categoryComboId, (c) => c);

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
    const wanted = repo.group(wants, (w) => w.key, (w) => w);
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
      const iids = obsolete.map((c) => c.iid);
      // Disaggregations are looked up through the elements that use the combo (indexed by de);
      // attribute combos (rare) by a plain scan.
      const used = await sql<{ co: number }>`
        select distinct x.iid as co
          from unnest(${iids}::int[], ${obsolete.map((c) => c.categoryComboId)}::text[]) as x(iid, combo)
         where exists (select 1 from data_value v join data_element d on d.iid = v.de
                        where d.category_combo_id = x.combo and v.co = x.iid)
            or (exists (select 1 from data_set s where s.category_combo_id = x.combo)
                and exists (select 1 from data_value v where v.ao = x.iid))`.execute(tx);
      const usedSet = new Set(used.rows.map((r) => r.co));
      for (const c of obsolete) {
        if (usedSet.has(c.iid)) {
          this.error('categoryCombos', c.categoryCombo, 'categories', 'metadata.cocHasData', { code: c.code ?? c.id, name: c.name, combo: c.categoryCombo }, true);
        }
      }
      if (usedSet.size) return;
      await tx.deleteFrom('category_option_combo').where('id', 'in', obsolete.map((c) => c.id)).execute();
      rep.deleted.push(...obsolete.map((c) => c.code ?? c.id));
    }

    // Free codes that move before setting them (the column is unique).
    const moving = wants.filter((w) => w.existing && w.existing.code !== w.code && w.existing.code !== null);
    if (moving.length) await tx.updateTable('category_option_combo').set({ code: null }).where('id', 'in', moving.map((w) => w.existing!.id)).execute();
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
          await tx.updateTable('category_option_combo').set(row).where('id', '=', e.id).execute();
          rep.updated.push({ code: w.code ?? e.id, changes });
        } else rep.unchanged++;
      } else {
        const wantedId = this.optionComboIds.get(w.comboId)?.[w.key];
        const id = wantedId && isUid(wantedId) && !usedIds.has(wantedId) ? wantedId : uid();
        usedIds.add(id);
        await tx.insertInto('category_option_combo').values({ id, category_combo_id: w.comboId, ...row }).execute();
        await tx
          .insertInto('category_option_combo_option')
          .values(w.optionIds.map((o) => ({ category_option_combo_id: id, category_option_id: o })))
          .execute();
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
        const row = { code: d.code, name: d.name, name_en: d.nameEn ?? null, value: d.value };
        await this.tx.insertInto('constant').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
      },
    });
  }

  private async indicatorTypes(items: Pkg['indicatorTypes'], existing: repo.IndicatorType[]) {
    await this.sync('indicatorTypes', items, existing, {
      prepare: (d) => d,
      fields: ['code', 'name', 'nameEn', 'factor', 'number'],
      write: async (id, d) => {
        const row = { code: d.code, name: d.name, name_en: d.nameEn ?? null, factor: d.factor, number: d.number };
        await this.tx.insertInto('indicator_type').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
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
          const hasData = await sql`select 1 from data_value v join data_element d on d.iid = v.de where d.id = ${current.id} limit 1`.execute(this.tx);
          if (hasData.rows.length) {
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
        if (isNew) await this.tx.insertInto('data_element').values({ id, ...row }).execute();
        else await this.tx.updateTable('data_element').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
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
        if (isNew) await this.tx.insertInto('data_set').values({ id, ...row }).execute();
        else await this.tx.updateTable('data_set').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
        if (isNew || changes.includes('sections') || changes.includes('dataElements')) await this.writeStructure(id, d);
      },
      after: (id, d) => this.assign(id, d),
    });
  }

  /** Replaces a data set's sections and element order. */
  private async writeStructure(setId: string, d: Pkg['dataSets'][number]) {
    const tx = this.tx;
    const current = await tx.selectFrom('data_set_section').select(['id', 'code', 'name']).where('data_set_id', '=', setId).execute();
    const elsewhere = new Set(
      (d.sections.some((s) => s.id)
        ? await tx.selectFrom('data_set_section').select('id').where('id', 'in', d.sections.flatMap((s) => (s.id ? [s.id] : []))).where('data_set_id', '<>', setId).execute()
        : []
      ).map((r) => r.id),
    );
    const used = new Set<string>();
    const ids = d.sections.map((s) => {
      let id = s.id && !elsewhere.has(s.id) ? s.id : undefined;
      id ??= current.find((c) => !used.has(c.id) && ((s.code && c.code === s.code) || (!s.code && c.name === s.name)))?.id;
      if (!id || used.has(id)) id = uid();
      used.add(id);
      return id;
    });
    await tx.deleteFrom('data_set_element').where('data_set_id', '=', setId).execute();
    const stale = current.filter((c) => !used.has(c.id)).map((c) => c.id);
    if (stale.length) await tx.deleteFrom('data_set_section').where('id', 'in', stale).execute();
    // Clear codes first so that swapping section codes does not trip the unique constraint.
    if (current.length) await tx.updateTable('data_set_section').set({ code: null }).where('data_set_id', '=', setId).execute();
    for (const [i, s] of d.sections.entries()) {
      const row = { data_set_id: setId, code: s.code ?? null, name: s.name, name_en: s.nameEn ?? null, description: s.description ?? null, sort_order: i };
      await tx.insertInto('data_set_section').values({ id: ids[i]!, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
    }
    const rows: { data_set_id: string; data_element_id: string; section_id: string | null; sort_order: number }[] = [];
    d.sections.forEach((s, i) => s.dataElements.forEach((e) => rows.push({ data_set_id: setId, data_element_id: this.resolve('dataElements', e)!, section_id: ids[i]!, sort_order: rows.length })));
    for (const e of d.dataElements) rows.push({ data_set_id: setId, data_element_id: this.resolve('dataElements', e)!, section_id: null, sort_order: rows.length });
    if (rows.length) await tx.insertInto('data_set_element').values(rows).execute();
  }

  /** Adds assignments for the listed units and every unit of the listed kinds (over each unit's open life). */
  private async assign(setId: string, d: Pkg['dataSets'][number]): Promise<string[]> {
    if (!d.orgUnits.length && !d.orgUnitKinds.length) return [];
    const found = await repo.findUnits(this.tx, d.orgUnits);
    const known = new Set(found.flatMap((u) => [u.id, u.code]));
    for (const r of d.orgUnits) if (!known.has(r)) this.warn('dataSets', d.code, 'metadata.warn.unitNotFound', { code: d.code, ref: r });
    const unitIds = found.map((u) => u.id);
    const res = await sql<{ org_unit_id: string }>`
      insert into data_set_unit (data_set_id, org_unit_id, valid_from, valid_to)
      select ${setId}, u.id, u.opening_date, coalesce(u.closed_date, 'infinity'::date)
        from org_unit u
       where (u.id = any(${unitIds}::text[]) or u.kind = any(${d.orgUnitKinds}::text[]))
         and not exists (select 1 from data_set_unit a where a.data_set_id = ${setId} and a.org_unit_id = u.id)
      returning org_unit_id`.execute(this.tx);
    return res.rows.length ? [`orgUnits(+${res.rows.length})`] : [];
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
        await this.tx.insertInto('indicator').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
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
        await this.tx.insertInto('validation_rule').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
      },
    });
  }

  // ---- org unit groups ----

  private async groupSets(items: Pkg['organisationUnitGroupSets'], existing: { id: string; code: string; name: string; nameEn?: string }[]) {
    await this.sync('organisationUnitGroupSets', items, existing, {
      prepare: (d) => d,
      fields: ['code', 'name', 'nameEn'],
      write: async (id, d) => {
        const row = { code: d.code, name: d.name, name_en: d.nameEn ?? null };
        await this.tx.insertInto('org_unit_group_set').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
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
        await this.tx.insertInto('org_unit_group').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
      },
      after: async (id, d) => {
        if (!d.orgUnits.length) return [];
        const found = await repo.findUnits(this.tx, d.orgUnits);
        const known = new Set(found.flatMap((u) => [u.id, u.code]));
        for (const r of d.orgUnits) if (!known.has(r)) this.warn('organisationUnitGroups', d.code, 'metadata.warn.unitNotFound', { code: d.code, ref: r });
        if (!found.length) return [];
        const res = await this.tx
          .insertInto('org_unit_group_member')
          .values(found.map((u) => ({ group_id: id, org_unit_id: u.id })))
          .onConflict((c) => c.doNothing())
          .returning('org_unit_id')
          .execute();
        return res.length ? [`orgUnits(+${res.length})`] : [];
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
  const db = ctx.db;
  const [options, cats, combos, cocs, consts, itypes, des, sets, inds, rules, groups, gsets] = await Promise.all([
    repo.categoryOptions(db), repo.categories(db), repo.categoryCombos(db), repo.optionCombos(db), repo.constants(db),
    repo.indicatorTypes(db), repo.dataElements(db), repo.dataSets(db), repo.indicators(db), repo.validationRules(db),
    repo.orgUnitGroups(db), db.selectFrom('org_unit_group_set').select(['id', 'code', 'name', 'name_en']).orderBy('code').execute(),
  ]);
  const optCode = new Map(options.map((o) => [o.id, o.code]));
  const cocIds = repo.group(cocs, (c) => c.categoryComboId, (c) => [c.optionIds.map((o) => optCode.get(o)).join('_'), c.id] as const);

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
    organisationUnitGroupSets: filter ? [] : gsets.map((g) => ({ id: g.id, code: g.code, name: g.name, nameEn: g.name_en ?? undefined })),
    organisationUnitGroups: filter ? [] : groups,
  };
}
