// The pivot model on hand-made DHIS2 responses: layout, totals only where a sum means something, grid.
import { describe, expect, it } from 'vitest';
import { buildPivot, completenessAt, gridToCsv, layoutOf, toGrid, type Dhis2Response } from './pivot';

const period = (id: string, start: string, end: string) => ({ name: id, dimensionItemType: 'PERIOD', startDate: start, endDate: end });
const meta = {
  BIRTHS: { name: 'Trẻ đẻ sống', dimensionItemType: 'DATA_ELEMENT' },
  POP: { name: 'Dân số', dimensionItemType: 'DATA_ELEMENT' },
  RATE: { name: 'Tỷ số giới tính', dimensionItemType: 'INDICATOR' },
  '202404': period('202404', '2024-04-01', '2024-04-30'),
  '202405': period('202405', '2024-05-01', '2024-05-31'),
  '2024Q2': period('2024Q2', '2024-04-01', '2024-06-30'),
  A: { name: 'Trạm A', code: 'TYT1' },
  B: { name: 'Trạm B', code: 'TYT2' },
};

/** A response whose columns are `columns` (the other dimensions were filters); rows in that order + value. */
function response(dx: string[], pe: string[], rows: string[][], columns: string[] = ['dx', 'pe', 'ou']): Dhis2Response {
  const header = (name: string) =>
    name === 'value'
      ? { name, column: 'Value', valueType: 'NUMBER' as const, type: 'java.lang.Double' as const, hidden: false, meta: false }
      : { name, column: name, valueType: 'TEXT' as const, type: 'java.lang.String' as const, hidden: false, meta: true };
  return {
    headers: [...columns, 'value'].map(header),
    rows,
    metaData: { items: meta, dimensions: { dx, pe, ou: ['A', 'B'] } },
    height: rows.length,
    width: columns.length + 1,
    headerWidth: columns.length + 1,
  };
}
const aggregation: Record<string, string> = { BIRTHS: 'SUM', POP: 'LAST' };
const opts = { aggregationOf: (id: string) => aggregation[id], hideEmptyRows: true };

describe('buildPivot', () => {
  it('lays units in rows and periods in columns, totals both ways for a flow', () => {
    const res = response(['BIRTHS'], ['202404', '202405'], [
      ['BIRTHS', '202404', 'A', '3'], ['BIRTHS', '202405', 'A', '4'], ['BIRTHS', '202405', 'B', '6'],
    ]);
    const t = buildPivot(res, layoutOf('ou', 'pe', 'cols'), opts);
    expect(t.rowKeys).toEqual([['A'], ['B']]);
    expect(t.colKeys).toEqual([['202404', 'BIRTHS'], ['202405', 'BIRTHS']]);
    expect(t.values).toEqual([[3, 4], [null, 6]]);
    expect(t.rowTotals).toEqual([7, 6]);
    expect(t.colTotals).toEqual([3, 10]);
    expect(t.grandTotal).toBe(13);
  });

  it('never adds up an indicator, different data elements, a stock across months or overlapping periods', () => {
    const ind = buildPivot(response(['RATE'], ['202405'], [['202405', 'A', '105.2'], ['202405', 'B', '110']], ['pe', 'ou']),
      layoutOf('ou', 'pe', 'filter'), opts);
    expect(ind.values).toEqual([[105.2], [110]]);
    expect(ind.colTotals).toBeNull();

    const two = buildPivot(response(['BIRTHS', 'POP'], ['202405'], [
      ['BIRTHS', 'A', '4'], ['POP', 'A', '5000'], ['BIRTHS', 'B', '6'], ['POP', 'B', '7000'],
    ], ['dx', 'ou']), layoutOf('ou', 'dx', 'filter'), opts);
    expect(two.rowTotals).toBeNull(); // births + population is no number
    expect(two.colTotals).toEqual([10, 12000]); // each data element over the units: fine
    expect(two.grandTotal).toBeNull();

    const stock = buildPivot(response(['POP'], ['202404', '202405'], [['202404', 'A', '5000'], ['202405', 'A', '5010']], ['pe', 'ou']),
      layoutOf('ou', 'pe', 'filter'), opts);
    expect(stock.values).toEqual([[5000, 5010]]);
    expect(stock.rowTotals).toBeNull();

    const overlap = buildPivot(response(['BIRTHS'], ['202405', '2024Q2'], [['202405', 'A', '4'], ['2024Q2', 'A', '12']], ['pe', 'ou']),
      layoutOf('ou', 'pe', 'filter'), opts);
    expect(overlap.rowTotals).toBeNull();
    const flow = buildPivot(response(['BIRTHS'], ['202404', '202405'], [['202404', 'A', '4'], ['202405', 'A', '12']], ['pe', 'ou']),
      layoutOf('ou', 'pe', 'filter'), opts);
    expect(flow.rowTotals).toEqual([16]);
  });

  it('hides empty rows on request and names twin units by code', () => {
    const res = response(['BIRTHS'], ['202405'], [['202405', 'A', '4']], ['pe', 'ou']);
    res.metaData.items = { ...meta, B: { name: 'Trạm A', code: 'TYT2' } };
    expect(buildPivot(res, layoutOf('ou', 'pe', 'filter'), opts).rowKeys).toEqual([['A']]);
    const all = buildPivot(res, layoutOf('ou', 'pe', 'filter'), { ...opts, hideEmptyRows: false });
    expect(all.rowKeys.map(([id]) => all.name(id!))).toEqual(['Trạm A (TYT1)', 'Trạm A (TYT2)']);
  });
});

describe('toGrid / gridToCsv', () => {
  it('writes headers, merged nested headers and totals as laid out', () => {
    const res = response(['BIRTHS'], ['202404', '202405'], [
      ['BIRTHS', '202404', 'A', '3'], ['BIRTHS', '202405', 'A', '1234.5'], ['BIRTHS', '202405', 'B', '6'],
    ]);
    const t = buildPivot(res, layoutOf('ou', 'pe', 'cols'), opts);
    const g = toGrid(t, { dims: { dx: 'Dữ liệu', pe: 'Kỳ', ou: 'Đơn vị' }, total: 'Tổng' });
    expect(g.headerRows).toBe(2);
    expect(g.cells[0]).toEqual([null, { text: '202404' }, { text: '202405' }, { text: 'Tổng' }]);
    expect(g.cells[1]).toEqual([{ text: 'Đơn vị' }, { text: 'Trẻ đẻ sống' }, { text: 'Trẻ đẻ sống' }, null]);
    expect(g.merges).toContainEqual([0, 3, 1, 3]);
    expect(g.cells[4]).toEqual([{ text: 'Tổng' }, { number: 3 }, { number: 1240.5 }, { number: 1243.5 }]);
    const csv = gridToCsv(g).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[2]).toBe('Trạm A,3,1234.5,1237.5');
    expect(csv[4]).toBe('Tổng,3,1240.5,1243.5');
  });

  it('neutralises names a spreadsheet would run as a formula (= + - @), never plain numbers', () => {
    const res = response(['BIRTHS'], ['202405'], [['BIRTHS', '202405', 'EVIL', '-5']]);
    res.metaData = { ...res.metaData, items: { ...res.metaData.items, EVIL: { name: '=HYPERLINK("http://x.invalid","bấm")', code: 'X' } } };
    res.metaData.dimensions = { ...res.metaData.dimensions, ou: ['EVIL'] };
    const g = toGrid(buildPivot(res, layoutOf('ou', 'pe', 'cols'), opts), { dims: { dx: 'Dữ liệu', pe: 'Kỳ', ou: 'Đơn vị' }, total: 'Tổng' });
    const csv = gridToCsv(g).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv.find((l) => l.includes('HYPERLINK'))).toBe(`"'=HYPERLINK(""http://x.invalid"",""bấm"")",-5`);
  });
});

describe('completenessAt', () => {
  const c = (pe: string, ou: string, reported: number, expected: number) => ({
    pe, ou, reported, expected, percent: Math.round((reported / expected) * 1000) / 10, threshold: 90, complete: reported / expected >= 0.9,
    dataSet: 'DS', dataSetName: 'Báo cáo tháng', formsPerUnit: 1, unitKind: 'station' as const,
  });
  const cells = [c('202405', 'A', 5, 8), c('202404', 'A', 8, 8)];

  it("finds a cell's (period, unit) in its row, its column or a one-item filter", () => {
    const res = response(['BIRTHS'], ['202404', '202405'], [['202404', 'A', '3'], ['202405', 'A', '4']], ['pe', 'ou']);
    const t = buildPivot(res, layoutOf('ou', 'pe', 'filter'), opts);
    expect(t.rowKeys[0]).toEqual(['A']);
    const may = t.colKeys.findIndex((k) => k[0] === '202405');
    expect(completenessAt(t, 0, may, cells)).toMatchObject({ reported: 5, expected: 8, complete: false });
    expect(completenessAt(t, 0, t.colKeys.findIndex((k) => k[0] === '202404'), cells)).toMatchObject({ complete: true });
  });

  it('says nothing for a cell that sums several periods or units', () => {
    const res = response(['BIRTHS'], ['202404', '202405'], [['BIRTHS', 'A', '7']], ['dx', 'ou']);
    const t = buildPivot(res, layoutOf('ou', 'dx', 'filter'), opts);
    expect(t.rowKeys[0]).toEqual(['A']);
    expect(t.filterItems.pe).toEqual(['202404', '202405']);
    expect(completenessAt(t, 0, 0, cells)).toBeNull();
  });
});
