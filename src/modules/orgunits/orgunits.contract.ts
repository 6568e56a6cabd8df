// The orgunits module's contract: inputs of the tree's API (zod, validated by the server) and its
// answers (types, imported by the web app). Pure: no server code.
import { z } from 'zod';
import { isoDate, nonEmpty, wholeNumber, type Ref } from '../../core/fields.js';

/** Kinds of units, with the levels of the tree each may sit on (1 = the Sở Y tế). */
export const UNIT_KIND_LEVELS = {
  department: [1],
  /** The department's own offices (Văn phòng, Phòng KH-TC …): assignees of tasks, no statistics. */
  office: [2],
  health_centre: [2],
  hospital: [2, 3],
  cdc: [2],
  station: [3],
} as const;
export type UnitKind = keyof typeof UNIT_KIND_LEVELS;
export const UNIT_KINDS = Object.keys(UNIT_KIND_LEVELS) as UnitKind[];

export const AsOfQuery = z.object({ asOf: isoDate.optional() });

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  asOf: isoDate.optional(),
  limit: wholeNumber(1, 200).default(20),
});

const reason = nonEmpty(1000);
const code = z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_.-]+$/, 'field.invalid');
const unitRef = z.string().min(1).max(100);
/** Structural changes dated further ahead than the configured number of days need `future: true`. */
const future = z.boolean().default(false);

export const NewUnit = z.object({
  code,
  name: nonEmpty(230),
  nameEn: z.string().trim().max(230).optional(),
  shortName: z.string().trim().max(50).optional(),
  parentId: unitRef.nullable(),
  kind: z.enum(UNIT_KINDS as [UnitKind, ...UnitKind[]], { errorMap: () => ({ message: 'field.unknownKind' }) }),
  adminCode: z.string().trim().max(20).optional(),
  adminLevel: z.enum(['province', 'district', 'commune']).optional(),
});

export const CreateUnitInput = NewUnit.extend({ openingDate: isoDate, reason, future });
export const RenameInput = z.object({ name: nonEmpty(230), date: isoDate, reason, future });
export const MoveInput = z.object({ parentId: unitRef, date: isoDate, reason, future });
export const CloseInput = z.object({ date: isoDate, reason, future });

const Successor = z.union([z.object({ existingId: unitRef }), z.object({ create: NewUnit })]);

export const MergeInput = z.object({
  predecessorIds: z.array(unitRef).min(1).max(100),
  successor: Successor,
  date: isoDate,
  reason,
  /** Partial links (an old unit shared among several successors), with an optional weight. */
  partial: z.array(z.object({ predecessorId: unitRef, weight: z.number().gt(0).max(1).nullable().optional() })).max(100).optional(),
  future,
});

export const SplitInput = z.object({
  successors: z.array(z.object({ target: Successor, weight: z.number().gt(0).max(1).nullable().optional() })).min(1).max(100),
  date: isoDate,
  reason,
  /** Keep the predecessor open (part of it split off) instead of closing it. */
  keepOpen: z.boolean().default(false),
  future,
});

export type NewUnit = z.infer<typeof NewUnit>;
export type SuccessorInput = z.infer<typeof Successor>;

/** A unit in the tree as of a date (roots, children). */
export interface OuNode {
  id: string;
  code: string;
  name: string;
  level: number;
  kind: UnitKind;
  openingDate: string;
  closedDate: string | null;
  childCount: number;
}

export interface OuSearchHit {
  id: string;
  code: string;
  name: string;
  level: number;
  kind: UnitKind;
  parentName: string | null;
  openingDate: string;
  closedDate: string | null;
}

export type OuEventType = 'open' | 'close' | 'rename' | 'move' | 'merge' | 'split';

export interface OuLink {
  unit: Ref;
  kind: 'full' | 'partial';
  weight: number | null;
  date: string;
}

export interface OuDetails {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  kind: UnitKind;
  adminCode: string | null;
  adminLevel: string | null;
  level: number;
  openingDate: string;
  closedDate: string | null;
  openOnDate: boolean;
  asOf: string;
  parent: Ref | null;
  ancestors: (Ref & { level: number })[];
  groups: { id: string; code: string; name: string; nameEn: string | null; groupSet: { code: string; name: string } | null }[];
  versions: { validFrom: string; validTo: string | null; name: string; parent: Ref | null }[];
  events: { id: number; type: OuEventType; date: string; reason: string; createdBy: string | null; createdAt: string }[];
  predecessors: OuLink[];
  successors: OuLink[];
}

export interface OuLevel {
  level: number;
  name: string;
  nameEn: string;
}

export interface OuGroupSet {
  code: string;
  name: string;
  nameEn: string | null;
  groups: { id: string; code: string; name: string; nameEn: string | null; members: number }[];
}
