// Zod building blocks shared by the modules' contracts. Pure: imported by the server and the web app.
import { z } from 'zod';
import { isIsoDate } from '../lib/dates.js';

/** A calendar day 'YYYY-MM-DD' (years 1900–2199). */
export const isoDate = z.string().refine(isIsoDate, 'field.date');
/** A trimmed, non-empty string of at most `max` characters. */
export const nonEmpty = (max = 255) => z.string().trim().min(1).max(max);
/** Ids and codes travel as strings (an id of the database, or a readable code such as TTYT399). */
export const ref = z.string().trim().min(1).max(100);
/** A page of a list: `page` from 1, `pageSize` up to `max`. */
export const paging = (pageSize = 50, max = 500) => ({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(max).default(pageSize),
});

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
