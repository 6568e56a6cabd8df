// The one error vocabulary of soyte. Services throw AppError; src/server/errors.ts maps it to HTTP.

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
  | 'RATE_LIMITED'
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
  RATE_LIMITED: 429,
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
    /** Key of a localised message in lib/i18n.ts (falls back to the code's generic message). */
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
