// HTTP of imports and exports: POST/GET /api/dataValueSets (JSON, CSV, Excel), the Excel template.
// Uploads live in their own encapsulated context: raw bodies of any type up to upload.maxBytes, or one
// file of multipart/form-data (@fastify/multipart, same limit); each is read under the upload gate
// (one per user, a server-wide budget of uncompressed bytes: upload-gate.ts).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { pickLocale } from '../../core/i18n.js';
import { cleanText } from '../../core/input.js';
import type { RouteDeps } from '../../core/modules.js';
import { exportDataValues, toCsv } from './export.service.js';
import type { ImportSummary } from './imports.contract.js';
import { importDataValues, parseImportOptions } from './imports.service.js';
import { parseCsvSet, parseJsonSet, type ParsedSet } from './parse.js';
import { UploadGate, type UploadTicket } from './upload-gate.js';
import { buildTemplate, readTemplate } from './xlsx.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;

type Format = 'json' | 'csv' | 'xlsx';

function formatOf(contentType: string, body: Buffer, filename?: string): Format | null {
  const name = filename?.toLowerCase() ?? '';
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  const t = contentType.toLowerCase();
  if (t.includes('json')) return 'json';
  if (t.includes('csv')) return 'csv';
  if (t.includes('spreadsheetml') || t.includes('ms-excel')) return 'xlsx';
  if (t === '' || t.startsWith('application/octet-stream') || t.startsWith('text/plain')) {
    // Sniff: a zip (xlsx) starts with "PK", JSON with { or [.
    if (body[0] === 0x50 && body[1] === 0x4b) return 'xlsx';
    const first = body.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
    return first === '{' || first === '[' ? 'json' : 'csv';
  }
  return null;
}

interface Upload {
  body: Buffer;
  type: string;
  filename?: string;
}

const malformedMultipart = () => new AppError('VALIDATION_FAILED', 'imports.malformed.multipart', { reason: 'MALFORMED_MULTIPART' });

/** The upload: the raw body, or the one file of a multipart/form-data body. */
async function receive(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) return { body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), type: String(req.headers['content-type'] ?? '') };
  let file;
  try {
    file = await req.file();
    if (!file) throw new AppError('VALIDATION_FAILED', 'imports.malformed.noFile', { reason: 'MALFORMED_MULTIPART' });
    return { body: await file.toBuffer(), type: file.mimetype, filename: file.filename };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { statusCode?: number }).statusCode === 413) throw e; // too large, too many files: the error handler says which
    throw malformedMultipart();
  }
}

/** Decodes an upload into rows (any of the three formats), reserving its uncompressed size at the gate. */
async function decode(ctx: Ctx, upload: Upload, ticket: UploadTicket, forced?: Format): Promise<{ set: ParsedSet; cells?: string[]; format: Format }> {
  const { body, type, filename } = upload;
  if (body.length === 0) throw new AppError('VALIDATION_FAILED', 'imports.malformed.empty', { reason: 'EMPTY_BODY' });
  const format = forced ?? formatOf(type, body, filename);
  if (format === 'json' || format === 'csv') {
    ticket.reserve(body.length);
    return { set: format === 'json' ? parseJsonSet(body) : parseCsvSet(body), format };
  }
  if (format === 'xlsx') {
    const r = await readTemplate(body, { maxInflatedBytes: ctx.config.upload.maxInflatedBytes, beforeInflate: (bytes) => ticket.reserve(bytes) });
    return { set: r, cells: r.cells, format };
  }
  throw new AppError('VALIDATION_FAILED', 'imports.unsupportedMedia', { reason: 'UNSUPPORTED_MEDIA_TYPE' }, { type: cleanText(type).slice(0, 100) });
}

/** Errors of the upload plumbing (body limit, multipart limits) in soyte's words. */
function uploadError(err: Error & { statusCode?: number; code?: string }, maxBytes: number): Error {
  if (err instanceof AppError) return err;
  if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT' || err.code === 'FST_FIELDS_LIMIT') {
    return new AppError('PAYLOAD_TOO_LARGE', 'imports.upload.oneFile', { reason: 'TOO_MANY_PARTS' });
  }
  if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('PAYLOAD_TOO_LARGE', 'imports.payloadTooLarge', { reason: 'PAYLOAD_TOO_LARGE', maxBytes }, { max: Math.round(maxBytes / MB) });
  }
  return err;
}

export function importRoutes(app: FastifyInstance, { ctx, config }: RouteDeps) {
  const maxBytes = config.upload.maxBytes;
  const gate = new UploadGate(config.upload.budgetBytes);

  app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    await child.register(multipart, { limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 64 * 1024, parts: 25, headerPairs: 100 } });
    child.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }) => {
      throw uploadError(err, maxBytes); // answered by the server's error handler (with Retry-After when busy)
    });

    const handle = (forced?: Format) => async (req: FastifyRequest, reply: FastifyReply) => {
      const c = ctx(req);
      // Cheap refusals first: no permission or bad options cost no reading of the body.
      requirePermission(c, 'data:write');
      const options = parseImportOptions(req.query, { locale: pickLocale(req.headers['accept-language']) });
      const ticket = gate.enter(c.actor.id ?? c.actor.username);
      let summary: ImportSummary;
      let set: ParsedSet;
      let cells: string[] | undefined;
      try {
        const upload = await receive(req);
        const decoded = await decode(c, upload, ticket, forced);
        ({ set, cells } = decoded);
        options.label = upload.filename ? cleanText(upload.filename).slice(0, 200) : `${decoded.format}:${upload.body.length}B`;
        summary = await importDataValues(c, set, options);
      } finally {
        ticket.release();
      }
      // Where to look in the file: cell addresses (Excel) or line numbers (CSV).
      for (const k of summary.conflicts) {
        if (cells) k.cells = k.indexes.map((i) => cells![i]);
        else if (set.lines) k.lines = k.indexes.map((i) => set.lines![i]);
      }
      return reply.send(summary);
    };
    const opts = { bodyLimit: maxBytes };
    child.post('/api/dataValueSets', opts, handle());
    child.post('/api/dataValueSets.json', opts, handle('json'));
    child.post('/api/dataValueSets.csv', opts, handle('csv'));
    child.post('/api/dataValueSets/xlsx', opts, handle('xlsx'));
  });

  const exportHandler = (forced?: 'json' | 'csv') => async (req: FastifyRequest, reply: FastifyReply) => {
    const q = req.query as Record<string, unknown>;
    const set = await exportDataValues(ctx(req), q);
    const accept = String(req.headers.accept ?? '');
    const csv = forced === 'csv' || (!forced && (q.format === 'csv' || (/csv/.test(accept) && !/json/.test(accept))));
    if (csv) return reply.type('application/csv; charset=utf-8').header('content-disposition', 'attachment; filename="dataValueSets.csv"').send(toCsv(set));
    return reply.send(set);
  };
  app.get('/api/dataValueSets', exportHandler());
  app.get('/api/dataValueSets.json', exportHandler('json'));
  app.get('/api/dataValueSets.csv', exportHandler('csv'));
  app.get('/api/dataValueSets/template.xlsx', async (req, reply) => {
    const { buffer, filename } = await buildTemplate(ctx(req), req.query);
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(buffer);
  });
}
