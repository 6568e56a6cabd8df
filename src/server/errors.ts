// The one place where errors become HTTP responses: { error: { code, message, details } }.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, httpStatus, type ErrorCode } from '../core/errors.js';
import { hasMessage, pickLocale, translate, type Locale } from '../core/i18n.js';

export function errorBody(err: AppError, locale: Locale) {
  const message = translate(err.messageKey && hasMessage(err.messageKey) ? err.messageKey : err.code, locale, err.params);
  let details = err.details;
  if (details?.fields) {
    details = { ...details, fields: Object.fromEntries(Object.entries(details.fields).map(([k, v]) => [k, hasMessage(v) ? translate(v, locale, err.params) : v])) };
  }
  return { error: { code: err.code, message, ...(details ? { details } : {}) } };
}

/**
 * The last line of defence: input that got past a module's checks and was refused by PostgreSQL is
 * still the caller's mistake, not a server failure (data exceptions 22xxx → 400, integrity 23xxx →
 * 409, limits and timeouts → 409 QUERY_TOO_LARGE). Marked `DATABASE_REFUSED` and logged: the fuzz test
 * counts such answers as failures, so each is traced back and checked at the edge instead.
 */
function databaseRefusal(sqlState: string): AppError | undefined {
  const details = { reason: 'DATABASE_REFUSED', sqlState };
  if (sqlState.startsWith('22')) return new AppError('VALIDATION_FAILED', undefined, details);
  if (sqlState.startsWith('23')) return new AppError('CONFLICT', undefined, details);
  if (sqlState.startsWith('54') || sqlState === '57014') return new AppError('QUERY_TOO_LARGE', undefined, details);
  return undefined;
}

/** Maps anything thrown to a client-safe AppError; unknown errors are logged, never shown. */
export function toAppError(err: unknown, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { code?: string; statusCode?: number };
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED');
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return new AppError('VALIDATION_FAILED', undefined, { reason: fe.code });
  }
  if (fe.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', undefined, { reason: 'BODY_TOO_LARGE' });
  if (fe.statusCode === 400) return new AppError('VALIDATION_FAILED', undefined, { reason: 'MALFORMED_REQUEST' });
  const pgState = (err as { code?: unknown; severity?: unknown }).severity && typeof fe.code === 'string' && /^[0-9A-Z]{5}$/.test(fe.code) ? fe.code : undefined;
  const refused = pgState ? databaseRefusal(pgState) : undefined;
  if (refused) {
    req.log.warn({ err }, 'input refused by the database (not checked at the edge)');
    return refused;
  }
  req.log.error({ err }, 'unhandled error');
  return new AppError('INTERNAL');
}

export function sendError(reply: FastifyReply, req: FastifyRequest, err: unknown) {
  const appErr = toAppError(err, req);
  const status = httpStatus[appErr.code as ErrorCode] ?? 500;
  // Only clients that chose Basic get the challenge: a browser would otherwise pop up its own dialog.
  if (appErr.code === 'INVALID_CREDENTIALS' && /^basic /i.test(req.headers.authorization ?? '')) {
    reply.header('WWW-Authenticate', 'Basic realm="soyte"');
  }
  // A busy server or a limit that lifts by itself says when to come back (uploads, exports).
  const retry = (appErr.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retry === 'number' && (status === 429 || status === 503)) reply.header('Retry-After', String(retry));
  return reply.status(status).send(errorBody(appErr, pickLocale(req.headers['accept-language'])));
}
