// Printable QR labels of assets (issue 15, point 10): an HTML page of A4 sheets, 3 × 8 labels of
// 70 × 37 mm (the common self-adhesive label sheet), each with a QR code, the tag, the name and the
// unit. The QR code holds the absolute address of the label, <origin>/equipment/tag/<TAG>: scanned
// with a phone's camera it opens the asset in soyte (after logging in if needed). The codes are
// drawn as inline SVG (library `qrcode`, error correction M): sharp at any printer resolution, no
// images to fetch, and the page needs no script (the app's CSP allows none inline). Print it with the
// browser (Ctrl+P, margins "None").
import QRCode from 'qrcode';
import { requirePermission, unitsInScope } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, notFound, outOfScope } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { translate } from '../../core/i18n.js';
import { listAssets } from './assets.service.js';
import { LABELS_MAX, LabelsQuery } from './import.contract.js';
import * as repo from './import.repo.js';

export interface Label {
  tag: string;
  name: string;
  unit: string;
  room: string | null;
}

/** The address a label's QR code holds. */
export function labelUrl(origin: string, tag: string): string {
  return `${origin.replace(/\/+$/, '')}/equipment/tag/${encodeURIComponent(tag)}`;
}

/** The QR code of `text` as an SVG element (no XML prologue). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/** The assets to label: the ids given (each readable by the actor), or every asset held by a unit's subtree. */
export async function labelsFor(ctx: Ctx, query: unknown): Promise<Label[]> {
  const q = parse(LabelsQuery, query);
  requirePermission(ctx, 'equipment:read');
  const tooMany = () => new AppError('QUERY_TOO_LARGE', 'equipment.labels.tooMany', { max: LABELS_MAX }, { max: LABELS_MAX });
  if (q.assets) {
    const ids = [...new Set(q.assets.split(',').map((s) => s.trim()).filter(Boolean))];
    if (ids.length > LABELS_MAX) throw tooMany();
    const rows = await ctx.use(repo).labelAssets(ids);
    if (rows.length < ids.length) throw notFound('asset', ids.find((id) => !rows.some((r) => r.id === id))!);
    const allowed = await unitsInScope(ctx, rows.map((r) => r.org_unit_id));
    if (rows.some((r) => !allowed.has(r.org_unit_id))) throw outOfScope();
    return rows.map((r) => ({ tag: r.tag, name: r.name, unit: r.unit_name, room: r.room }));
  }
  if (!q.orgUnit) throw new AppError('VALIDATION_FAILED', 'equipment.labels.none', { fields: { assets: 'equipment.labels.none' } });
  const list = await listAssets(ctx, { orgUnit: q.orgUnit, paging: 'false' });
  if (list.assets.length > LABELS_MAX) throw tooMany();
  return list.assets.map((a) => ({ tag: a.tag, name: a.name, unit: a.orgUnit.name, room: a.room }));
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The print page of the labels (HTML, A4, 24 labels a sheet). */
export async function labelsPage(ctx: Ctx, query: unknown, origin: string): Promise<string> {
  const labels = await labelsFor(ctx, query);
  const vi = ctx.locale !== 'en';
  const items = await Promise.all(
    labels.map(async (l) => {
      const url = labelUrl(origin, l.tag);
      return `<div class="label" data-tag="${esc(l.tag)}" data-url="${esc(url)}">${await qrSvg(url)}<div class="text"><div class="tag">${esc(l.tag)}</div><div class="name">${esc(l.name)}</div><div class="unit">${esc(l.room ? `${l.unit} · ${l.room}` : l.unit)}</div></div></div>`;
    }),
  );
  const title = translate('equipment.labels.title', ctx.locale, { n: labels.length });
  return `<!doctype html>
<html lang="${vi ? 'vi' : 'en'}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Liberation Sans", Arial, sans-serif; color: #000; }
.hint { padding: 8px 12px; background: #fff8db; font-size: 14px; }
.sheet { width: 210mm; padding: 4.5mm 0; display: grid; grid-template-columns: repeat(3, 70mm); grid-auto-rows: 37mm; page-break-after: always; }
.sheet:last-child { page-break-after: auto; }
.label { display: flex; align-items: center; gap: 2mm; padding: 2mm 3mm; overflow: hidden; border: 0.1mm dashed #ccc; }
.label svg { width: 31mm; height: 31mm; flex: none; }
.text { min-width: 0; }
.tag { font: bold 11pt "Liberation Mono", "Courier New", monospace; word-break: break-all; }
.name { font-size: 9pt; line-height: 1.15; max-height: 3.45em; overflow: hidden; margin-top: 1mm; }
.unit { font-size: 7pt; line-height: 1.15; max-height: 2.3em; overflow: hidden; margin-top: 1mm; color: #333; }
@media print { .hint { display: none; } .label { border: none; } }
</style></head>
<body>
<div class="hint">${esc(translate('equipment.labels.hint', ctx.locale, { n: labels.length }))}</div>
${chunks(items, 24).map((sheet) => `<div class="sheet">${sheet.join('')}</div>`).join('\n')}
</body></html>`;
}

function chunks<T>(list: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out.length ? out : [[]];
}
