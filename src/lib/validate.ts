import { z, type ZodTypeAny } from 'zod';
import { AppError } from './errors.js';
import { isIsoDate } from './dates.js';

/** Parses input with a zod schema; failures become VALIDATION_FAILED with a message key per field. */
export function parse<S extends ZodTypeAny>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data ?? {});
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.join('.') || '_';
    if (fields[key]) continue;
    fields[key] = messageKeyOf(issue);
  }
  throw new AppError('VALIDATION_FAILED', undefined, { fields });
}

/** The message key of a zod issue: our own key when the schema gave one, else a generic field.* key. */
export function messageKeyOf(issue: z.ZodIssue): string {
  if (issue.message.includes('.')) return issue.message; // our own keys, e.g. 'field.date'
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' || issue.received === 'null' ? 'field.required' : 'field.invalid';
    case 'too_small':
      return issue.minimum === 1 && issue.type === 'string' ? 'field.required' : 'field.tooShort';
    case 'too_big':
      return 'field.tooLong';
    default:
      return 'field.invalid';
  }
}

export const isoDate = z.string().refine(isIsoDate, 'field.date');
export const nonEmpty = (max = 255) => z.string().trim().min(1).max(max);
