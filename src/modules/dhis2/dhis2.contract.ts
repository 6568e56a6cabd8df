// The dhis2 module's contract: the query parameters of the DHIS2-compatible read API
// (/api/organisationUnits, /api/dataElements, /api/dataSets …) and the shapes it answers. Pure.
//
// `fields=` and `filter=` are checked further by fields.ts and filter.ts (their grammar names the
// bad filter in the error).
import { z } from 'zod';
import { isoDate } from '../../core/fields.js';

/** At most this many filter= parameters per request. */
export const MAX_FILTERS = 50;

const fields = z.string().max(2000).optional();
const filter = z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(MAX_FILTERS)]).optional();

/** A list of a metadata collection: fields, filter, rootJunction and paging. */
export const CollectionQuery = z.object({
  fields,
  filter,
  rootJunction: z.enum(['AND', 'OR', 'and', 'or']).default('AND'),
  paging: z.enum(['true', 'false']).default('true'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(10_000).default(50),
});

/** GET /api/organisationUnits: as a collection, plus the tree as of a date and a level. */
export const OrgUnitsQuery = CollectionQuery.extend({
  asOf: isoDate.optional(),
  level: z.coerce.number().int().min(1).max(20).optional(),
});

/** GET /api/<collection>/:id. */
export const ItemQuery = z.object({ fields });

/** GET /api/organisationUnits/:id. */
export const OrgUnitQuery = z.object({ fields, asOf: isoDate.optional() });

export interface Dhis2Pager {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
}

/** A DHIS2 list: the pager (unless paging=false) and the objects under the collection's name, with the fields asked for. */
export type Dhis2List = { pager?: Dhis2Pager } & { [collection: string]: Record<string, unknown>[] | Dhis2Pager | undefined };

/** One object with the fields asked for. */
export type Dhis2Object = Record<string, unknown>;

export interface SystemInfo {
  systemName: string;
  version: string;
  revision: string;
  serverDate: string;
  calendar: 'iso8601';
  dateFormat: string;
  serverTimeZoneId: string;
  databaseInfo: { name: string; spatialSupport: boolean; kind: string };
}
