// Attachments of documents and of task updates: stored in the database with their size and SHA-256,
// at most ATTACHMENT_MAX_MB each; the text of a DOCX/PDF is extracted (file-text.ts) so a notice can
// be read from its file. Uploading to a task needs the lead side of it (the file joins an update);
// to a document, directive:write on its assigner unit; without either, a file waits for the notice
// being written (its text is returned) — reading it needs the uploader or access to what it joined.
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { canAccess, requireAccess, requireActorUser, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, notFound, validation } from '../../core/errors.js';
import { cleanText, parse } from '../../core/input.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import { z } from 'zod';
import type { AttachmentInfo } from './directives.contract.js';
import * as repo from './directives.repo.js';
import { extractText } from './file-text.js';
import { attachmentInfo, getTask } from './tasks.service.js';
import { contentDisposition } from '../../lib/files.js';

export const ATTACHMENT_MAX_MB = 20;
const MAX_BYTES = ATTACHMENT_MAX_MB * 1024 * 1024;

const UploadQuery = z.object({ task: z.string().max(100).optional(), document: z.string().max(100).optional() });

export interface UploadedFile {
  fileName: string;
  mime: string;
  stream: Readable;
}

export async function upload(ctx: Ctx, query: unknown, file: UploadedFile | undefined): Promise<AttachmentInfo & { text?: string | null }> {
  requirePermission(ctx, 'task:read');
  const user = requireActorUser(ctx);
  const q = parse(UploadQuery, query);
  if (!file) throw validation({ file: 'directive.fileMissing' });
  const content = await readLimited(file.stream);
  if (!content.length) throw validation({ file: 'directive.fileEmpty' });
  let documentId: string | null = null;
  if (q.task) {
    const t = await getTask(ctx, q.task);
    if (!t.actions.some((a) => a === 'progress' || a === 'submit')) throw new AppError('FORBIDDEN', 'directive.notLead');
  } else if (q.document) {
    const doc = await ctx.use(repo).findDocument(q.document);
    if (!doc) throw notFound('directive', q.document);
    await requireAccess(ctx, { permission: 'directive:write', unit: doc.assigner_unit_id });
    documentId = doc.id;
  }
  const fileName = cleanText(file.fileName || 'tep-dinh-kem').slice(0, 200);
  const text = await extractText(content, fileName, file.mime);
  const id = uid();
  await ctx.use(repo).insertAttachment({
    id, document_id: documentId, task_id: q.task ?? null, event_id: null, file_name: fileName, mime: cleanText(file.mime || 'application/octet-stream').slice(0, 100),
    size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex'), content, text, created_by: user,
  });
  await audit(ctx, { action: 'directive.attachment', entityType: 'attachment', entityId: id, entityCode: fileName, details: { task: q.task ?? null, document: documentId, size: content.length } });
  const info = await ctx.use(repo).findAttachmentInfo(id);
  return { ...attachmentInfo(info!), text };
}

async function readLimited(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) {
      stream.resume();
      throw new AppError('PAYLOAD_TOO_LARGE', 'directive.fileTooLarge', { maxMb: ATTACHMENT_MAX_MB }, { max: ATTACHMENT_MAX_MB });
    }
    chunks.push(chunk as Buffer);
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'directive.fileTooLarge', { maxMb: ATTACHMENT_MAX_MB }, { max: ATTACHMENT_MAX_MB });
  }
  return Buffer.concat(chunks);
}

export async function download(ctx: Ctx, id: string): Promise<{ content: Buffer; mime: string; disposition: string }> {
  requirePermission(ctx, 'task:read');
  const f = await ctx.use(repo).findAttachment(id);
  if (!f) throw notFound('attachment', id);
  const mine = f.created_by !== null && f.created_by === ctx.actor.id;
  if (!mine) {
    if (f.task_id) await getTask(ctx, f.task_id); // throws when the task is not visible
    else if (f.document_id) {
      const doc = await ctx.use(repo).findDocument(f.document_id);
      if (!doc || !(await canAccess(ctx, { unit: doc.assigner_unit_id }))) {
        const visible = doc && (await ctx.use(repo).documentTasks(doc.id, scopeOf(ctx))).length > 0;
        if (!visible) throw new AppError('OUT_OF_SCOPE');
      }
    } else throw new AppError('OUT_OF_SCOPE');
  }
  return { content: f.content, mime: f.mime, disposition: contentDisposition(f.file_name) };
}
