// The audit module's contract: the query of GET /api/audit and its answer. Pure: shared with the web app.
import { z } from 'zod';
import { isoDate, paging } from '../../core/fields.js';

export const AuditQuery = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  userId: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...paging(50, 500),
});

export interface AuditItem {
  id: string;
  at: string;
  user: { id: string | null; username: string | null } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  entityCode: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

export interface AuditPage {
  items: AuditItem[];
  total: number;
}
