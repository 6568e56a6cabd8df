// Photos of premises and of projects, stored in the database with their size and SHA-256, at most
// PHOTO_MAX_MB each, images only (JPEG, PNG, WebP, GIF, HEIC: recognised by their first bytes, not by
// the name the phone gives them). Adding one to premises needs facility:write on the unit; to a
// project, project:write on its owner. Reading one needs what reading the premises or the project
// needs; deleting, what adding needs.
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { requireAccess, requireActorUser, requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, notFound, validation } from '../../core/errors.js';
import { cleanText, parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { contentDisposition } from '../../lib/files.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import { PhotoQuery, type PhotoInfo } from './facilities.contract.js';
import * as repo from './facilities.repo.js';
import { manageableProject, readableProject } from './projects.service.js';
import { unitOf } from './units.service.js';
import { photoInfo } from './views.js';

export const PHOTO_MAX_MB = 10;
const MAX_BYTES = PHOTO_MAX_MB * 1024 * 1024;

export interface UploadedFile {
  fileName: string;
  mime: string;
  stream: Readable;
}

/** The image type of the bytes, or null when they are no image we keep. */
export function imageType(b: Buffer): string | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) return 'image/gif';
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1|hevc)$/.test(b.toString('latin1', 8, 12))) return 'image/heic';
  return null;
}

export async function upload(ctx: Ctx, query: unknown, file: UploadedFile | undefined): Promise<PhotoInfo> {
  requirePermission(ctx, 'facility:read');
  const user = requireActorUser(ctx);
  const q = parse(PhotoQuery, query);
  if (!q.orgUnit === !q.project) throw validation({ orgUnit: 'facility.photoTarget' }, 'facility.photoTarget');
  let unitId: string | null = null;
  let projectId: string | null = null;
  if (q.orgUnit) {
    const unit = await unitOf(ctx, q.orgUnit);
    await requireAccess(ctx, { permission: 'facility:write', unit: unit.id, asOf: todayVn() });
    unitId = unit.id;
  } else {
    projectId = (await manageableProject(ctx, q.project!)).id;
  }
  if (!file) throw validation({ file: 'facility.fileMissing' });
  const content = await readLimited(file.stream);
  if (!content.length) throw validation({ file: 'facility.fileEmpty' });
  const mime = imageType(content);
  if (!mime) throw validation({ file: 'facility.notAnImage' }, 'facility.notAnImage');
  const id = uid();
  const fileName = cleanText(file.fileName || 'anh').slice(0, 200);
  await ctx.use(repo).insertPhoto({
    id, org_unit_id: unitId, project_id: projectId, file_name: fileName, mime, size: content.length,
    sha256: crypto.createHash('sha256').update(content).digest('hex'), content, caption: q.caption?.trim() || null, created_by: user,
  });
  await audit(ctx, { action: 'facility.photo.add', entityType: unitId ? 'facility_premises' : 'facility_project', entityId: unitId ?? projectId, entityCode: fileName, details: { photo: id, size: content.length } });
  return photoInfo((await ctx.use(repo).findPhotoInfo(id))!);
}

async function readLimited(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 'facility.fileTooLarge', { maxMb: PHOTO_MAX_MB }, { max: PHOTO_MAX_MB });
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) {
      stream.resume();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge();
  return Buffer.concat(chunks);
}

async function photoAccess(ctx: Ctx, id: string, write: boolean) {
  const f = await ctx.use(repo).findPhotoInfo(id);
  if (!f) throw notFound('photo', id);
  if (f.org_unit_id) {
    await requireAccess(ctx, write ? { permission: 'facility:write', unit: f.org_unit_id, asOf: todayVn() } : { permission: 'facility:read', unit: f.org_unit_id });
  } else if (write) await manageableProject(ctx, f.project_id!);
  else await readableProject(ctx, f.project_id!);
  return f;
}

export async function download(ctx: Ctx, id: string): Promise<{ content: Buffer; mime: string; disposition: string }> {
  requirePermission(ctx, 'facility:read');
  await photoAccess(ctx, id, false);
  const f = (await ctx.use(repo).findPhoto(id))!;
  return { content: f.content, mime: f.mime, disposition: contentDisposition(f.file_name, 'inline') };
}

export async function remove(ctx: Ctx, id: string): Promise<{ deleted: true }> {
  requirePermission(ctx, 'facility:read');
  const f = await photoAccess(ctx, id, true);
  await ctx.use(repo).deletePhoto(id);
  await audit(ctx, { action: 'facility.photo.delete', entityType: f.org_unit_id ? 'facility_premises' : 'facility_project', entityId: f.org_unit_id ?? f.project_id, entityCode: f.file_name, details: { photo: id, sha256: f.sha256 } });
  return { deleted: true };
}
