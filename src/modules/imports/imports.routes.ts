// HTTP of imports and exports: POST/GET /api/dataValueSets (JSON, CSV, Excel), the Excel template.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { pickLocale } from '../../core/i18n.js';
import type { RouteDeps } from '../../core/modules.js';
import { errorBody, sendError } from '../../server/errors.js';
import { exportDataValues, toCsv } from './export.service.js';
import { importDataValues, parseImportOptions, type ImportSummary } from './imports.service.js';
import { parseCsvSet, parseJsonSet, type ParsedSet } from './parse.js';
import { buildTemplate, readTemplate } from './xlsx.js';

/** Largest body accepted by the import endpoints. Bigger files: split them or use `soyte import`. */
export const MAX_IMPORT_MB = 100;
const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

/** The first file part of a multipart/form-data body (or the first part at all). */
function multipartFile(contentType: string, body: Buffer): { data: Buffer; filename?: string; type: string } {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new AppError('VALIDATION_FAILED', undefined, { reason: 'MALFORMED_MULTIPART' });
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  let pos = body.indexOf(boundary);
  let fallback: { data: Buffer; filename?: string; type: string } | undefined;
  while (pos >= 0) {
    const headStart = pos + boundary.length + 2; // CRLF
    const headEnd = body.indexOf('\r\n\r\n', headStart);
    if (headEnd < 0) break;
    const next = body.indexOf(boundary, headEnd + 4);
    if (next < 0) break;
    const head = body.subarray(headStart, headEnd).toString('utf8');
    const data = body.subarray(headEnd + 4, next - 2); // strip the CRLF before the boundary
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '';
    if (filename !== undefined) return { data, filename, type };
    fallback ??= { data, type };
    pos = next;
  }
  if (fallback) return fallback;
  throw new AppError('VALIDATION_FAILED', 'imports.malformed.empty', { reason: 'MALFORMED_MULTIPART' });
}

/** Decodes an upload into rows (any of the three formats). */
async function decode(contentType: string, raw: Buffer, forced?: Format): Promise<{ set: ParsedSet; cells?: string[]; format: Format }> {
  let body = raw;
  let type = contentType;
  let filename: string | undefined;
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    const f = multipartFile(type, raw);
    body = f.data;
    type = f.type;
    filename = f.filename;
  }
  if (body.length === 0) throw new AppError('VALIDATION_FAILED', 'imports.malformed.empty', { reason: 'EMPTY_BODY' });
  const format = forced ?? formatOf(type, body, filename);
  if (format === 'json') return { set: parseJsonSet(body), format };
  if (format === 'csv') return { set: parseCsvSet(body), format };
  if (format === 'xlsx') {
    const r = await readTemplate(body);
    return { set: r, cells: r.cells, format };
  }
  throw new AppError('VALIDATION_FAILED', 'imports.unsupportedMedia', { reason: 'UNSUPPORTED_MEDIA_TYPE' }, { type });
}

export function importRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  // The uploads live in their own encapsulated context: raw bodies of any type, up to MAX_IMPORT_MB.
  app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));
    child.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
      if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const e = new AppError('VALIDATION_FAILED', 'imports.payloadTooLarge', { reason: 'PAYLOAD_TOO_LARGE', maxBytes: MAX_IMPORT_BYTES }, { max: MAX_IMPORT_MB });
        return reply.status(413).send(errorBody(e, pickLocale(req.headers['accept-language'])));
      }
      return sendError(reply, req, err);
    });

    const handle = (forced?: Format) => async (req: FastifyRequest, reply: FastifyReply) => {
      const c = ctx(req);
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const { set, cells, format } = await decode(String(req.headers['content-type'] ?? ''), raw, forced);
      const options = parseImportOptions(req.query as Record<string, unknown>, {
        locale: pickLocale(req.headers['accept-language']),
        label: `${format}:${raw.length}B`,
      });
      const summary: ImportSummary & { conflicts: (ImportSummary['conflicts'][number] & { cells?: string[]; lines?: number[] })[] } =
        await importDataValues(c, set, options);
      // Where to look in the file: cell addresses (Excel) or line numbers (CSV).
      for (const k of summary.conflicts) {
        if (cells) k.cells = k.indexes.map((i) => cells[i]);
        else if (set.lines) k.lines = k.indexes.map((i) => set.lines![i]);
      }
      return reply.send(summary);
    };
    const opts = { bodyLimit: MAX_IMPORT_BYTES };
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
    const { buffer, filename } = await buildTemplate(ctx(req), req.query as Record<string, unknown>);
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(buffer);
  });
}
