import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { readTemplate } from './xlsx.js';
import { buildZip, deflatedEntry, entriesOf } from './zipfile.test-helper.js';

const MB = 1024 * 1024;

/** A workbook shaped like a filled soyte template (form sheet + code sheet), built by hand. */
async function filledTemplate(o: { codesName?: string; codesFirst?: boolean; extraSheet?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const addCodes = () => {
    const codes = wb.addWorksheet(o.codesName ?? '_codes');
    codes.addRow(['format', 'soyte-template-1']);
    codes.addRow(['dataSet', 'ds1', 'DS']);
    codes.addRow(['orgUnit', 'ou1', 'OU']);
    codes.addRow(['period', '202405']);
    codes.addRow(['cell', 'dataElement', 'categoryOptionCombo']);
    for (const [cell, de] of [['B6', 'deNumber'], ['B7', 'deText'], ['B8', 'deDate'], ['B9', 'deFormula'], ['B10', 'deRich'], ['B11', 'deEmpty'], ['B12', 'deQuoted']]) {
      codes.addRow([cell, de, 'coc1']);
    }
  };
  if (o.codesFirst) addCodes();
  if (o.extraSheet) wb.addWorksheet('Ghi chú').getCell('B6').value = 999;
  const ws = wb.addWorksheet('Báo cáo');
  ws.getCell('A1').value = 'Báo cáo tháng 5/2024';
  ws.getCell('B6').value = 1234.5;
  ws.getCell('B7').value = '  có khám  ';
  ws.getCell('B8').value = new Date(Date.UTC(2024, 4, 15));
  ws.getCell('B8').numFmt = 'dd/mm/yyyy';
  ws.getCell('B9').value = { formula: 'B6*2', result: 2469 };
  ws.getCell('B10').value = { richText: [{ text: 'chữ ' }, { font: { bold: true }, text: 'đậm' }] };
  ws.getCell('B12').value = "'=1+1";
  if (!o.codesFirst) addCodes();
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading a filled template (streamed)', () => {
  it('reads numbers, text, dates, formula results and rich text by their code rows', async () => {
    const r = await readTemplate(await filledTemplate(), { maxInflatedBytes: 300 * MB });
    expect(r).toMatchObject({ dataSet: 'ds1' });
    expect(r.rows.map((x) => [x.dataElement, x.value, x.orgUnit, x.period])).toEqual([
      ['deNumber', '1234.5', 'ou1', '202405'],
      ['deText', 'có khám', 'ou1', '202405'],
      ['deDate', '2024-05-15', 'ou1', '202405'],
      ['deFormula', '2469', 'ou1', '202405'],
      ['deRich', 'chữ đậm', 'ou1', '202405'],
      ['deQuoted', '=1+1', 'ou1', '202405'], // the apostrophe the template put before formula-like text
    ]);
    expect(r.cells).toEqual(['B6', 'B7', 'B8', 'B9', 'B10', 'B12']);
  });

  it('finds the code sheet by its content and the form sheet by its name, in any order', async () => {
    for (const o of [{ codesFirst: true }, { codesName: 'Sheet2' }, { extraSheet: true }, { extraSheet: true, codesFirst: true }]) {
      const r = await readTemplate(await filledTemplate(o), { maxInflatedBytes: 300 * MB });
      expect(r.rows.map((x) => x.value)[0]).toBe('1234.5');
      expect(r.rows).toHaveLength(6);
    }
  });
});

describe('damaged XML inside a sound zip (property-based)', () => {
  it('is read or refused with 400/413, never a crash or a hang', async () => {
    const book = await filledTemplate();
    const entries = entriesOf(book);
    const parts = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'];
    const xmlOf = new Map(entries.filter((e) => parts.includes(e.name)).map((e) => [e.name, zlib.inflateRawSync(e.data)]));
    const damage = fc.record({
      part: fc.constantFrom(...parts),
      edits: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('<', '>', '"', '&', '/', ' ', 'x', '\u0000', '<c r="ZZZ9999999">', '</row>', '<v>1e999</v>', '')), { minLength: 1, maxLength: 4 }),
      cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ part, edits, cut }) => {
        let xml = xmlOf.get(part)!.toString('utf8');
        for (const [at, text] of edits) {
          const i = Math.floor(at * xml.length);
          xml = xml.slice(0, i) + text + xml.slice(i + 1);
        }
        if (cut !== null) xml = xml.slice(0, Math.floor(cut * xml.length));
        const zip = buildZip(entries.map((e) => (e.name === part ? deflatedEntry(part, Buffer.from(xml)) : e)));
        const outcome = await Promise.race([
          readTemplate(zip, { maxInflatedBytes: 300 * MB }).then(
            () => 'ok',
            (e) => (e instanceof AppError ? e.code : `crash: ${(e as Error).message}`),
          ),
          new Promise((r) => setTimeout(() => r('hang'), 5000)),
        ]);
        expect(['ok', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE']).toContain(outcome);
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
