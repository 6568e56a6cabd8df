// Zod building blocks shared by the modules' contracts. Pure: imported by the server and the web app.
import { z } from 'zod';
import { isIsoDate } from '../lib/dates.js';
import { parsePeriod } from '../lib/periods.js';

/** A calendar day 'YYYY-MM-DD' (years 1900–2199). */
export const isoDate = z.string().refine(isIsoDate, 'field.date');
/** A trimmed, non-empty string of at most `max` characters. */
export const nonEmpty = (max = 255) => z.string().trim().min(1).max(max);
/** Ids and codes travel as strings (an id of the database, or a readable code such as TTYT399). */
export const ref = z.string().trim().min(1).max(100);
/**
 * A whole number in [min, max], given as a number or (query strings) as its decimal text. Unlike
 * z.coerce.number(), objects and arrays are refused instead of converted (Number({ valueOf: 1,
 * toString: 'x' }) throws, which would be a 500).
 */
export const wholeNumber = (min: number, max: number) =>
  z
    .union([z.number(), z.string().trim().regex(/^[+-]?\d{1,16}$/, 'field.invalid').transform(Number)])
    .pipe(z.number().int().min(min).max(max));

/** A page of a list: `page` from 1, `pageSize` up to `max`. */
export const paging = (pageSize = 50, max = 500) => ({
  page: wholeNumber(1, 1_000_000).default(1),
  pageSize: wholeNumber(1, max).default(pageSize),
});

/** Ids travel as strings everywhere (database ids, or codes where the API accepts them). */
export type Id = string;

/** A unit, a role, a user … as other objects refer to it. */
export interface Ref {
  id: string;
  code: string;
  name: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Years a stored period may lie in: those of the dates soyte accepts (core/fields isoDate). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** An ISO period soyte stores (202405, 2024Q2, 2024S1, 2024) of the years 1900–2199. */
export const periodIso = z
  .string()
  .trim()
  .max(20)
  .refine((s) => {
    const p = parsePeriod(s);
    return p !== null && p.year >= MIN_YEAR && p.year <= MAX_YEAR;
  }, 'field.period');

/** A form: data set × unit × period (ids or codes), as the data-entry and workflow APIs name it. */
export const FormQuery = z.object({ dataSet: ref, orgUnit: ref, period: periodIso });
export type FormQuery = z.infer<typeof FormQuery>;
