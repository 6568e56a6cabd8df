// The one error vocabulary of soyte and its HTTP statuses. Services throw AppError; the server's error
// handler (src/server/errors.ts) turns it into `{error: {code, message, details}}` with httpStatus[code].

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'CSRF_FAILED'
  | 'FORBIDDEN'
  | 'OUT_OF_SCOPE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'QUERY_TOO_LARGE'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'BUSY'
  | 'UNSUPPORTED'
  | 'INTERNAL';

export const httpStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  QUERY_TOO_LARGE: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  BUSY: 503,
  UNSUPPORTED: 409,
  INTERNAL: 500,
};

export interface ErrorDetails {
  /** Field path → message key or text, for VALIDATION_FAILED. */
  fields?: Record<string, string>;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Key of a localised message (core/i18n.ts or a module's messages); falls back to the code's generic message. */
    readonly messageKey?: string,
    readonly details?: ErrorDetails,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey ?? code);
  }
}

export const validation = (fields: Record<string, string>, messageKey?: string) =>
  new AppError('VALIDATION_FAILED', messageKey, { fields });
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `notFound.${what}`, { id }, { id });
export const forbidden = (messageKey = 'forbidden') => new AppError('FORBIDDEN', messageKey);
export const outOfScope = () => new AppError('OUT_OF_SCOPE');
export const conflict = (messageKey: string, details?: ErrorDetails, params?: Record<string, string | number>) =>
  new AppError('CONFLICT', messageKey, details, params);
