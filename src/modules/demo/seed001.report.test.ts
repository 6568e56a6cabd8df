// The full demo's draft of seed 001: the real document's own texts over figures from the data.
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testCtx } from '../../test/harness.js';
import { renderReport } from '../reports/render/index.js';
import { getReport, reportDocument } from '../reports/reports.service.js';
import type { Ctx } from '../../core/context.js';
import { loadSeedReport } from './seed001.report.js';

let ctx: Ctx;
beforeAll(async () => {
  ctx = testCtx(await freshDatabase());
});

describe('the demo draft of seed 001', () => {
  it('holds Hoằng Hóa’s own texts, date and signer, with the figures from the data; loading twice changes nothing', async () => {
    const id = await loadSeedReport(ctx);
    const r = await getReport(ctx, id);
    expect(r).toMatchObject({ status: 'draft', issuedOn: '2024-06-10', signer: 'Lê Trọng Tiến', version: 2 });
    const docx = (await renderReport(await reportDocument(ctx, id), 'docx', ctx.config)).body;
    const text = (await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const s of ['diện tích 203 km²', 'Kế hoạch số 16/KH-UBND', 'Hoằng Hóa, ngày 10 tháng 6 năm 2024', 'Lê Trọng Tiến', '509.591', 'đạt 8,7 % kế hoạch']) expect(text).toContain(s);
    expect(await loadSeedReport(ctx)).toBe(id);
    expect((await getReport(ctx, id)).version).toBe(2);
  });
});
