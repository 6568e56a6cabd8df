import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pickLocale } from '../../core/i18n.js';
import { parse } from '../../core/input.js';
import type { RouteDeps } from '../../core/modules.js';
import { exportPackage, importPackage, type PackageImportReport } from './metadata.package.js';
import * as svc from './metadata.service.js';

type T = { Params: { type: string } };
type TI = { Params: { type: string; id: string } };
type I = { Params: { id: string } };

const locale = (req: FastifyRequest) => pickLocale(req.headers['accept-language']);
const flag = (v: unknown) => v === true || v === 'true' || v === '1';
const importQuery = z.object({ dryRun: z.string().optional(), importMode: z.string().optional() }).passthrough();
const exportQuery = z.object({ dataSet: z.union([z.string().max(100), z.array(z.string().max(100)).max(200)]).optional() }).passthrough();

export function metadataRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  // Packages.
  app.post('/api/metadata/import', (req) => {
    const q = parse(importQuery, req.query);
    return importPackage(ctx(req), req.body, { dryRun: flag(q.dryRun), locale: locale(req) });
  });
  app.get('/api/metadata/export', async (req, reply) => {
    const q = parse(exportQuery, req.query);
    const dataSets = q.dataSet === undefined ? undefined : Array.isArray(q.dataSet) ? q.dataSet : q.dataSet.split(',');
    const pkg = await exportPackage(ctx(req), { dataSets });
    const name = `${pkg.package?.code ?? 'metadata'}-${pkg.package?.version ?? ''}.json`.replace(/[^A-Za-z0-9_.\-]/g, '_');
    return reply.header('content-disposition', `attachment; filename="${name}"`).type('application/json; charset=utf-8').send(JSON.stringify(pkg, null, 2));
  });
  // DHIS2-compatible metadata import: importMode=VALIDATE (or dryRun=true) validates only.
  app.post('/api/metadata', async (req) => {
    const q = parse(importQuery, req.query);
    const dryRun = flag(q.dryRun) || String(q.importMode ?? '').toUpperCase() === 'VALIDATE';
    return dhis2Summary(await importPackage(ctx(req), req.body, { dryRun, locale: locale(req) }));
  });

  // Fixed sub-resources (registered before the generic /:type routes; static segments win anyway).
  app.get('/api/metadata/categoryOptionCombos', (req) => svc.optionCombos(ctx(req), req.query));
  app.get('/api/metadata/calendarDays', (req) => svc.listCalendarDays(ctx(req), req.query));
  app.post('/api/metadata/calendarDays', async (req, reply) => reply.status(201).send(await svc.saveCalendarDay(ctx(req), req.body)));
  app.put<I>('/api/metadata/calendarDays/:id', (req) => svc.saveCalendarDay(ctx(req), req.body, req.params.id));
  app.delete<I>('/api/metadata/calendarDays/:id', async (req, reply) => {
    await svc.removeCalendarDay(ctx(req), req.params.id);
    return reply.status(204).send();
  });
  app.get<I>('/api/metadata/dataSets/:id/orgUnits', (req) => svc.dataSetUnits(ctx(req), req.params.id));
  app.put<I>('/api/metadata/dataSets/:id/orgUnits', (req) => svc.setDataSetUnits(ctx(req), req.params.id, req.body));

  // Generic CRUD for the other types.
  app.get<T>('/api/metadata/:type', (req) => svc.list(ctx(req), req.params.type, req.query));
  app.post<T>('/api/metadata/:type', async (req, reply) => reply.status(201).send(await svc.create(ctx(req), req.params.type, req.body, locale(req))));
  app.get<TI>('/api/metadata/:type/:id', (req) => svc.get(ctx(req), req.params.type, req.params.id));
  app.put<TI>('/api/metadata/:type/:id', (req) => svc.update(ctx(req), req.params.type, req.params.id, req.body, locale(req)));
  app.delete<TI>('/api/metadata/:type/:id', async (req, reply) => {
    await svc.remove(ctx(req), req.params.type, req.params.id);
    return reply.status(204).send();
  });
}

/** DHIS2's ImportReport shape (enough for clients that read status, stats and errors). */
function dhis2Summary(r: PackageImportReport) {
  const klass: Record<string, string> = {
    categoryOptions: 'CategoryOption', categories: 'Category', categoryCombos: 'CategoryCombo', categoryOptionCombos: 'CategoryOptionCombo',
    dataElements: 'DataElement', dataSets: 'DataSet', indicatorTypes: 'IndicatorType', indicators: 'Indicator', constants: 'Constant',
    validationRules: 'ValidationRule', organisationUnitGroups: 'OrganisationUnitGroup', organisationUnitGroupSets: 'OrganisationUnitGroupSet',
  };
  const name = (t: string) => `org.hisp.dhis.${klass[t] ?? t}`;
  const types = new Set([...Object.keys(r.types), ...r.errors.map((e) => e.type)]);
  const typeReports = [...types].map((t) => {
    const tr = r.types[t as keyof typeof r.types];
    const errs = r.errors.filter((e) => e.type === t);
    return {
      klass: name(t),
      stats: { created: tr?.created.length ?? 0, updated: tr?.updated.length ?? 0, deleted: tr?.deleted?.length ?? 0, ignored: errs.length, total: (tr?.created.length ?? 0) + (tr?.updated.length ?? 0) + (tr?.unchanged ?? 0) },
      objectReports: errs.map((e) => ({
        klass: name(t),
        uid: e.code,
        errorReports: [{ message: e.message, mainKlass: name(t), errorCode: e.key, errorProperty: e.field }],
      })),
    };
  });
  return {
    status: r.status === 'OK' ? (r.warnings.length ? 'WARNING' : 'OK') : 'ERROR',
    importParams: { importMode: r.dryRun ? 'VALIDATE' : 'COMMIT', atomicMode: 'ALL' },
    stats: { created: r.stats.created, updated: r.stats.updated, deleted: r.stats.deleted, ignored: r.stats.ignored + r.errors.length, total: r.stats.created + r.stats.updated + r.stats.unchanged },
    typeReports,
    soyte: r,
  };
}
