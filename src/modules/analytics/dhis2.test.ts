// DHIS2 /api/analytics request parsing and response shaping (pure functions; no database needed:
// the resolver and the name lookups are the plain data the route builds from the database).
import { describe, expect, it } from 'vitest';
import { parseAnalyticsRequest, type AnalyticsResolver, type ParseResult } from './dhis2-request.js';
import { dhis2JsonChunks, formatDhis2Number, shapeAnalyticsResponse, type Dhis2AnalyticsResponse, type ShapeMeta } from './dhis2-response.js';
import { messages } from './analytics.messages.js';
import type { AnalyticsCell } from './query.js';

// ---------------------------------------------------------------------------------------------
// A small metadata world

const DE = { births: 'deBirths001', stock: 'deStock0001' };
const IN = { rate: 'inRate00001' };
const COC = { male: 'cocMale0001', female: 'cocFemale01', def: 'cocDefault1' };
const OU = { syt: 'ouSYT380001', ttyt: 'ouTTYT39901', tyt: 'ouTYT158771', other: 'ouTTYT40001' };

const dataItems = [
  { kind: 'dataElement' as const, id: DE.births, code: 'SINH' },
  { kind: 'dataElement' as const, id: DE.stock, code: 'THUOC' },
  { kind: 'indicator' as const, id: IN.rate, code: 'TYLE' },
];
const combos = [
  { id: COC.male, code: 'NAM', of: [DE.births] },
  { id: COC.female, code: 'NU', of: [DE.births] },
  { id: COC.def, code: 'default', of: [DE.stock] },
];
// TTYT400's code is TTYT399's uid: "ouTTYT39901" is ambiguous unless a scheme is given.
const units = [
  { id: OU.syt, code: 'SYT38', level: 1 },
  { id: OU.ttyt, code: 'TTYT399', level: 2 },
  { id: OU.tyt, code: 'TYT15877', level: 3 },
  { id: OU.other, code: OU.ttyt, level: 2 },
];
const groups = [{ id: 'grpHospita1', code: 'BV' }];

const by = <T extends { id: string; code: string }>(list: T[], ref: string, scheme: 'UID' | 'CODE') =>
  list.find((x) => (scheme === 'UID' ? x.id : x.code) === ref) ?? null;

function resolver(user: { id: string; level: number } | null = { id: OU.ttyt, level: 2 }): AnalyticsResolver {
  return {
    dataItem: (ref, s) => {
      const d = by(dataItems, ref, s);
      return d && { kind: d.kind, id: d.id };
    },
    optionCombo: (de, ref, s) => {
      const c = by(combos, ref, s);
      return c && c.of.includes(de) ? { id: c.id } : null;
    },
    anyOptionCombo: (ref, s) => {
      const c = by(combos, ref, s);
      return c && { id: c.id };
    },
    orgUnit: (ref, s) => {
      const u = by(units, ref, s);
      return u && { id: u.id, level: u.level };
    },
    group: (ref, s) => {
      const g = by(groups, ref, s);
      return g && { id: g.id };
    },
    userOrgUnit: user,
  };
}

const TODAY = '2024-06-15';
const parse = (q: Record<string, string | string[]>, r = resolver()) => parseAnalyticsRequest(q, r, { today: TODAY });
const ok = (res: ParseResult) => {
  if (!res.ok) throw new Error(`expected ok, got ${JSON.stringify(res.error)}`);
  return res;
};
const fail = (res: ParseResult) => {
  if (res.ok) throw new Error('expected an error');
  return res.error;
};

// ---------------------------------------------------------------------------------------------

describe('parseAnalyticsRequest', () => {
  it('reads the acceptance request: births by code, May 2024, filtered to TTYT399', () => {
    const { query, layout } = ok(parse({ dimension: ['dx:SINH', 'pe:202405'], filter: 'ou:TTYT399' }));
    expect(query.data).toEqual([{ kind: 'dataElement', id: DE.births }]);
    expect(query.periods.map((p) => p.id)).toEqual(['202405']);
    expect(query.orgUnits).toEqual([{ kind: 'unit', id: OU.ttyt }]);
    expect(query.structure).toBe('current');
    expect(query.asOf).toBeUndefined();
    expect(layout.columns).toEqual(['dx', 'pe']);
    expect(layout.filters).toEqual(['ou']);
    expect(layout.outputIdScheme).toBe('UID');
  });

  it('accepts uids and codes: either when unambiguous, exactly one with idScheme/inputIdScheme', () => {
    expect(ok(parse({ dimension: [`dx:${DE.births};TYLE`, 'pe:2024', 'ou:SYT38'] })).query.data).toEqual([
      { kind: 'dataElement', id: DE.births },
      { kind: 'indicator', id: IN.rate },
    ]);
    expect(ok(parse({ dimension: ['dx:SINH', 'pe:2024', 'ou:SYT38'], idScheme: 'CODE', inputIdScheme: 'code' })).query.orgUnits).toEqual([
      { kind: 'unit', id: OU.syt },
    ]);
    const byCode = fail(parse({ dimension: ['dx:SINH', 'pe:2024', `ou:${OU.syt}`], inputIdScheme: 'CODE' }));
    expect(byCode).toMatchObject({ code: 'VALIDATION_FAILED', messageKey: 'analytics.itemNotFound', params: { dimension: 'ou', item: OU.syt } });
    const byUid = fail(parse({ dimension: ['dx:SINH', 'pe:2024', 'ou:SYT38'], idScheme: 'UID' }));
    expect(byUid).toMatchObject({ messageKey: 'analytics.itemNotFound', params: { dimension: 'dx', item: 'SINH' } });
    // "ouTTYT39901" is TTYT399's uid and TTYT400's code
    expect(fail(parse({ dimension: ['dx:SINH', 'pe:2024', `ou:${OU.ttyt}`] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      messageKey: 'analytics.ambiguousRef',
    });
    expect(ok(parse({ dimension: ['dx:SINH', 'pe:2024', `ou:${OU.ttyt}`], idScheme: 'CODE' })).query.orgUnits).toEqual([
      { kind: 'unit', id: OU.other },
    ]);
    expect(ok(parse({ dimension: [`dx:${DE.births}`, 'pe:2024', `ou:${OU.ttyt}`], idScheme: 'UID', outputIdScheme: 'code' })).layout.outputIdScheme).toBe(
      'CODE',
    );
  });

  it('resolves relative periods against today, keeping request order and dropping duplicates', () => {
    const { query, layout } = ok(parse({ dimension: ['dx:SINH', 'pe:LAST_12_MONTHS;2024Q1;202405', 'ou:SYT38'] }));
    const ids = query.periods.map((p) => p.id);
    expect(ids).toHaveLength(13);
    expect(ids[0]).toBe('202306');
    expect(ids[11]).toBe('202405');
    expect(ids[12]).toBe('2024Q1');
    expect(layout.periods.map((p) => p.id)).toEqual(ids);
    expect(ok(parse({ dimension: ['dx:SINH', 'pe:2024N9;2024YTD05;202401-202405;THIS_YEAR', 'ou:SYT38'] })).query.periods.map((p) => p.id)).toEqual([
      '2024N9',
      '2024YTD05',
      '202401-202405',
      '2024',
    ]);
  });

  it('reads LEVEL-n with DHIS2 semantics: the named units are boundaries, not rows', () => {
    const q = (ou: string) => ok(parse({ dimension: ['dx:SINH', 'pe:202405', ou] })).query.orgUnits;
    expect(q('ou:LEVEL-3;TTYT399')).toEqual([{ kind: 'level', level: 3, within: OU.ttyt }]);
    expect(q('ou:TTYT399;LEVEL-3')).toEqual([{ kind: 'level', level: 3, within: OU.ttyt }]);
    expect(q('ou:LEVEL-2')).toEqual([{ kind: 'level', level: 2 }]);
    expect(q('ou:LEVEL-3;LEVEL-2;SYT38')).toEqual([
      { kind: 'level', level: 3, within: OU.syt },
      { kind: 'level', level: 2, within: OU.syt },
    ]);
    expect(q('ou:SYT38;TYT15877;SYT38')).toEqual([
      { kind: 'unit', id: OU.syt },
      { kind: 'unit', id: OU.tyt },
    ]);
    expect(q('ou:OU_GROUP-BV')).toEqual([{ kind: 'group', id: 'grpHospita1' }]);
  });

  it('reads USER_ORGUNIT, _CHILDREN and _GRANDCHILDREN from the caller’s unit', () => {
    const q = (ou: string) => ok(parse({ dimension: ['dx:SINH', 'pe:202405', ou] })).query.orgUnits;
    expect(q('ou:USER_ORGUNIT')).toEqual([{ kind: 'unit', id: OU.ttyt }]);
    expect(q('ou:USER_ORGUNIT_CHILDREN')).toEqual([{ kind: 'children', id: OU.ttyt }]);
    expect(q('ou:USER_ORGUNIT;USER_ORGUNIT_CHILDREN')).toEqual([
      { kind: 'unit', id: OU.ttyt },
      { kind: 'children', id: OU.ttyt },
    ]);
    expect(q('ou:USER_ORGUNIT_GRANDCHILDREN')).toEqual([{ kind: 'level', level: 4, within: OU.ttyt }]);
    expect(q('ou:USER_ORGUNIT;LEVEL-3')).toEqual([{ kind: 'level', level: 3, within: OU.ttyt }]);
    // a user without a unit (global admin) must name units
    expect(fail(parse({ dimension: ['dx:SINH', 'pe:202405', 'ou:USER_ORGUNIT'] }, resolver(null)))).toMatchObject({
      code: 'VALIDATION_FAILED',
      messageKey: 'analytics.noUserOrgUnit',
    });
    // no ou at all: the caller's unit as a filter (DHIS2 aggregates the user's data view)
    const res = ok(parse({ dimension: ['dx:SINH', 'pe:202405'] }));
    expect(res.query.orgUnits).toEqual([{ kind: 'unit', id: OU.ttyt }]);
    expect(res.layout.filters).toEqual(['ou']);
    expect(fail(parse({ dimension: ['dx:SINH', 'pe:202405'] }, resolver(null))).messageKey).toBe('analytics.ouRequired');
  });

  it('reads DE.COC, DE.* and indicators, and dimension=co as rows by option combo', () => {
    const { query, layout } = ok(parse({ dimension: ['dx:SINH.NAM;THUOC.*;TYLE', 'pe:202405', 'ou:SYT38'] }));
    expect(query.data).toEqual([
      { kind: 'dataElement', id: DE.births, coc: COC.male },
      { kind: 'dataElement', id: DE.stock, byCoc: true },
      { kind: 'indicator', id: IN.rate },
    ]);
    expect(layout.dx[1].wildcard).toBe(true);
    // a combo of another data element's category combo is not found
    expect(fail(parse({ dimension: ['dx:THUOC.NAM', 'pe:202405', 'ou:SYT38'] }))).toMatchObject({
      messageKey: 'analytics.itemNotFound',
      params: { dimension: 'co', item: 'NAM' },
    });
    const co = ok(parse({ dimension: ['dx:SINH;THUOC', 'co', 'pe:202405', 'ou:SYT38'] }));
    expect(co.query.data).toEqual([
      { kind: 'dataElement', id: DE.births, byCoc: true },
      { kind: 'dataElement', id: DE.stock, byCoc: true },
    ]);
    expect(co.layout.columns).toEqual(['dx', 'co', 'pe', 'ou']);
    expect(co.layout.coItems).toBeNull();
    expect(ok(parse({ dimension: ['dx:SINH', 'co:NU;NAM', 'pe:202405', 'ou:SYT38'] })).layout.coItems).toEqual([COC.female, COC.male]);
    expect(fail(parse({ dimension: ['dx:SINH;TYLE', 'co', 'pe:202405', 'ou:SYT38'] })).messageKey).toBe('analytics.coWithIndicator');
    expect(fail(parse({ dimension: ['dx:SINH.NAM', 'co', 'pe:202405', 'ou:SYT38'] })).messageKey).toBe('analytics.coWithOperand');
    expect(fail(parse({ dimension: ['dx:TYLE.NAM', 'pe:202405', 'ou:SYT38'] })).messageKey).toBe('analytics.operandOfIndicator');
  });

  it('turns several filter periods into one run of months, and keeps the asked periods for metaData', () => {
    const { query, layout } = ok(parse({ dimension: ['dx:SINH', 'ou:SYT38'], filter: 'pe:202403;202401;202402' }));
    expect(query.periods.map((p) => p.id)).toEqual(['202401-202403']);
    expect(layout.periods.map((p) => p.id)).toEqual(['202403', '202401', '202402']);
    expect(ok(parse({ dimension: ['dx:SINH', 'ou:SYT38'], filter: 'pe:2024Q1;2024Q2' })).query.periods[0].id).toBe('202401-202406');
    expect(ok(parse({ dimension: ['dx:SINH', 'ou:SYT38'], filter: 'pe:2024' })).query.periods[0].id).toBe('2024');
    for (const pe of ['pe:202401;202403', 'pe:2024;2024Q1']) {
      expect(fail(parse({ dimension: ['dx:SINH', 'ou:SYT38'], filter: pe }))).toMatchObject({
        code: 'UNSUPPORTED',
        messageKey: 'analytics.filterPeriodsNotContiguous',
      });
    }
  });

  it('reads the flags, structure and asOf', () => {
    const { query, layout } = ok(
      parse({
        dimension: ['dx:SINH', 'pe:202405', 'ou:SYT38'],
        skipMeta: 'true',
        skipData: 'false',
        includeNumDen: 'true',
        skipRounding: 'true',
        displayProperty: 'SHORTNAME',
        structure: 'historical',
        asOf: '2024-12-31',
        ignoreLimit: 'true',
        hideEmptyRows: 'true',
      }),
    );
    expect(layout).toMatchObject({ skipMeta: true, skipData: false, includeNumDen: true, skipRounding: true, displayProperty: 'SHORTNAME' });
    expect(query).toMatchObject({ structure: 'historical', asOf: '2024-12-31' });
  });

  const base = { dimension: ['dx:SINH', 'pe:202405', 'ou:SYT38'] };
  const unsupportedCases: [string, Record<string, string | string[]>, string, Record<string, string>?][] = [
    ['aggregationType', { ...base, aggregationType: 'AVERAGE' }, 'analytics.paramUnsupported', { param: 'aggregationType' }],
    ['measureCriteria', { ...base, measureCriteria: 'GE:100' }, 'analytics.paramUnsupported', { param: 'measureCriteria' }],
    ['approvalLevel', { ...base, approvalLevel: 'abc' }, 'analytics.paramUnsupported', { param: 'approvalLevel' }],
    ['timeField', { ...base, timeField: 'LAST_UPDATED' }, 'analytics.paramUnsupported', { param: 'timeField' }],
    ['tableLayout', { ...base, tableLayout: 'true' }, 'analytics.paramUnsupported', { param: 'tableLayout' }],
    ['a group set dimension', { dimension: [...base.dimension, 'J5jldMd8OHv:EYbopBOJWsW'] }, 'analytics.dimensionUnsupported', { dimension: 'J5jldMd8OHv' }],
    ['the ao dimension', { dimension: [...base.dimension, 'ao'] }, 'analytics.dimensionUnsupported', { dimension: 'ao' }],
    ['a data element group', { dimension: ['dx:DE_GROUP-abc', 'pe:202405', 'ou:SYT38'] }, 'analytics.dxItemUnsupported'],
    ['a reporting rate', { dimension: ['dx:BfMAe6Itzgt.REPORTING_RATE', 'pe:202405', 'ou:SYT38'] }, 'analytics.dxItemUnsupported'],
    ['an attribute option combo', { dimension: ['dx:SINH.NAM.xyz', 'pe:202405', 'ou:SYT38'] }, 'analytics.dxItemUnsupported'],
    ['a level by uid', { dimension: ['dx:SINH', 'pe:202405', 'ou:LEVEL-wjP19dkFeIk'] }, 'analytics.ouItemUnsupported'],
    ['an unknown ou keyword', { dimension: ['dx:SINH', 'pe:202405', 'ou:USER_ORGUNIT_COUSINS'] }, 'analytics.ouItemUnsupported'],
    ['a group inside a unit', { dimension: ['dx:SINH', 'pe:202405', 'ou:OU_GROUP-BV;SYT38'] }, 'analytics.groupWithinUnit'],
    ['a weekly period', { dimension: ['dx:SINH', 'pe:2024W5', 'ou:SYT38'] }, 'period.typeUnsupported', { period: '2024W5' }],
    ['an unknown relative period', { dimension: ['dx:SINH', 'pe:LAST_52_WEEKS', 'ou:SYT38'] }, 'period.relativeUnsupported'],
    ['filter=co', { ...base, filter: 'co:NAM' }, 'analytics.coFilterUnsupported'],
    ['a dx filter of several items', { dimension: ['pe:202405', 'ou:SYT38'], filter: 'dx:SINH;THUOC' }, 'analytics.filterMultipleData'],
    ['idScheme=NAME', { ...base, idScheme: 'NAME' }, 'analytics.idSchemeUnsupported', { param: 'idScheme' }],
    ['outputIdScheme=ATTRIBUTE', { ...base, outputIdScheme: 'ATTRIBUTE:abc' }, 'analytics.idSchemeUnsupported', { param: 'outputIdScheme' }],
  ];
  it.each(unsupportedCases)('answers UNSUPPORTED (409) for %s', (_name, q, key, params) => {
    const e = fail(parse(q));
    expect(e.code).toBe('UNSUPPORTED');
    expect(e.messageKey).toBe(key);
    if (params) expect(e.params).toMatchObject(params);
    expect(e.message).toBeTruthy();
  });

  const invalidCases: [string, Record<string, string | string[]>, string][] = [
    ['dx without items', { dimension: ['dx', 'pe:202405', 'ou:SYT38'] }, 'analytics.dimensionEmpty'],
    ['an empty item', { dimension: ['dx:SINH;;THUOC', 'pe:202405', 'ou:SYT38'] }, 'analytics.malformedDimension'],
    ['a dimension without id', { dimension: [':SINH', 'pe:202405', 'ou:SYT38'] }, 'analytics.malformedDimension'],
    ['a dimension given twice', { dimension: ['dx:SINH', 'dx:THUOC', 'pe:202405', 'ou:SYT38'] }, 'analytics.dimensionRepeated'],
    ['a dimension and a filter of the same id', { dimension: ['dx:SINH', 'pe:202405', 'ou:SYT38'], filter: 'ou:TYT15877' }, 'analytics.dimensionRepeated'],
    ['an unknown data item', { dimension: ['dx:NOPE', 'pe:202405', 'ou:SYT38'] }, 'analytics.itemNotFound'],
    ['an unknown org unit', { dimension: ['dx:SINH', 'pe:202405', 'ou:NOPE'] }, 'analytics.itemNotFound'],
    ['an unknown group', { dimension: ['dx:SINH', 'pe:202405', 'ou:OU_GROUP-NOPE'] }, 'analytics.itemNotFound'],
    ['no dx', { dimension: ['pe:202405', 'ou:SYT38'] }, 'analytics.dxRequired'],
    ['no pe', { dimension: ['dx:SINH', 'ou:SYT38'] }, 'analytics.peRequired'],
    ['a bad boolean', { ...base, skipMeta: 'yes' }, 'analytics.badBoolean'],
    ['a repeated scalar', { ...base, skipMeta: ['true', 'false'] }, 'analytics.repeatedParam'],
    ['a bad asOf', { ...base, asOf: '2024-02-30' }, 'analytics.badAsOf'],
    ['a bad structure', { ...base, structure: 'future' }, 'analytics.badStructure'],
    ['a bad displayProperty', { ...base, displayProperty: 'CODE' }, 'analytics.badDisplayProperty'],
    ['conflicting input schemes', { ...base, idScheme: 'UID', inputIdScheme: 'CODE' }, 'analytics.idSchemeConflict'],
  ];
  it.each(invalidCases)('answers VALIDATION_FAILED (400) for %s', (_name, q, key) => {
    const e = fail(parse(q));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.messageKey).toBe(key);
  });

  it('has a vi and an en text for every analytics message key it can return', () => {
    const keys = [...unsupportedCases.map((c) => c[2]), ...invalidCases.map((c) => c[2])].filter((k) => k.startsWith('analytics.'));
    for (const k of keys) {
      expect(messages[k], k).toBeDefined();
      expect(messages[k].vi).toBeTruthy();
      expect(messages[k].en).toBeTruthy();
    }
  });
});

// ---------------------------------------------------------------------------------------------

const META: ShapeMeta = {
  items: {
    [DE.births]: { name: 'Số trẻ đẻ ra sống', shortName: 'Trẻ đẻ sống', code: 'SINH', type: 'DATA_ELEMENT' },
    [DE.stock]: { name: 'Tồn kho thuốc', code: 'THUOC', type: 'DATA_ELEMENT' },
    [IN.rate]: { name: 'Tỷ lệ sinh tại cơ sở', code: 'TYLE', type: 'INDICATOR', factor: 100 },
    [COC.male]: { name: 'Nam', code: 'NAM', type: 'CATEGORY_OPTION_COMBO' },
    [COC.female]: { name: 'Nữ', code: 'NU', type: 'CATEGORY_OPTION_COMBO' },
    [OU.ttyt]: { name: 'TTYT huyện Hoằng Hóa', code: 'TTYT399', type: 'ORGANISATION_UNIT' },
    [OU.tyt]: { name: 'TYT xã Hoằng Xuân', code: 'TYT15877', type: 'ORGANISATION_UNIT' },
    [OU.other]: { name: 'TTYT khác', code: 'TTYT400', type: 'ORGANISATION_UNIT' },
  },
};

const dimHeader = (name: string, column: string) => ({ name, column, valueType: 'TEXT', type: 'java.lang.String', hidden: false, meta: true });
const numHeader = (name: string, column: string) => ({ name, column, valueType: 'NUMBER', type: 'java.lang.Double', hidden: false, meta: false });

describe('shapeAnalyticsResponse', () => {
  it('answers the acceptance request with seed 001’s 258, as DHIS2 JSON', async () => {
    const { query, layout } = ok(parse({ dimension: ['dx:SINH', 'pe:202405'], filter: 'ou:TTYT399' }));
    const cells: AnalyticsCell[] = [{ dx: DE.births, pe: '202405', ou: OU.ttyt, value: 258 }];
    expect(await shapeAnalyticsResponse(query, layout, cells, META)).toEqual({
      headers: [dimHeader('dx', 'Data'), dimHeader('pe', 'Period'), numHeader('value', 'Value')],
      metaData: {
        items: {
          dx: { name: 'Data' },
          pe: { name: 'Period' },
          ou: { name: 'Organisation unit' },
          [DE.births]: { uid: DE.births, code: 'SINH', name: 'Số trẻ đẻ ra sống', dimensionItemType: 'DATA_ELEMENT' },
          [OU.ttyt]: { uid: OU.ttyt, code: 'TTYT399', name: 'TTYT huyện Hoằng Hóa', dimensionItemType: 'ORGANISATION_UNIT' },
          '202405': { uid: '202405', code: '202405', name: 'May 2024', dimensionItemType: 'PERIOD', startDate: '2024-05-01', endDate: '2024-05-31' },
        },
        dimensions: { dx: [DE.births], pe: ['202405'], ou: [OU.ttyt] },
      },
      rows: [[DE.births, '202405', '258']],
      height: 1,
      width: 3,
      headerWidth: 3,
    });
  });

  it('orders rows by the request, writes codes with outputIdScheme=CODE, and skips empty cells', async () => {
    const { query, layout } = ok(
      parse({ dimension: ['ou:TTYT399;TYT15877', 'dx:TYLE;SINH', 'pe:202404;202405'], outputIdScheme: 'CODE', includeNumDen: 'true' }),
    );
    const cells: AnalyticsCell[] = [
      { dx: DE.births, pe: '202405', ou: OU.tyt, value: 12 },
      { dx: IN.rate, pe: '202405', ou: OU.ttyt, value: 118.56, numerator: 296.4, denominator: 250 },
      { dx: DE.births, pe: '202404', ou: OU.ttyt, value: 241 },
      { dx: DE.births, pe: '202405', ou: OU.ttyt, value: 258 },
      { dx: IN.rate, pe: '202404', ou: OU.ttyt, value: null, numerator: 0, denominator: 0 },
      { dx: DE.births, pe: '202404', ou: OU.tyt, value: null },
    ];
    const res = await shapeAnalyticsResponse(query, layout, cells, { ...META, orgUnits: [OU.ttyt, OU.tyt] });
    expect(res.headers).toEqual([
      dimHeader('ou', 'Organisation unit'),
      dimHeader('dx', 'Data'),
      dimHeader('pe', 'Period'),
      numHeader('value', 'Value'),
      numHeader('numerator', 'Numerator'),
      numHeader('denominator', 'Denominator'),
      numHeader('factor', 'Factor'),
    ]);
    expect(res.rows).toEqual([
      ['TTYT399', 'TYLE', '202405', '118.6', '296.4', '250', '100'],
      ['TTYT399', 'SINH', '202404', '241', '', '', ''],
      ['TTYT399', 'SINH', '202405', '258', '', '', ''],
      ['TYT15877', 'SINH', '202405', '12', '', '', ''],
    ]);
    expect(res).toMatchObject({ height: 4, width: 7, headerWidth: 7 });
    expect(res.metaData!.dimensions).toEqual({ ou: ['TTYT399', 'TYT15877'], dx: ['TYLE', 'SINH'], pe: ['202404', '202405'] });
    expect(res.metaData!.items.TYLE).toEqual({ uid: IN.rate, code: 'TYLE', name: 'Tỷ lệ sinh tại cơ sở', dimensionItemType: 'INDICATOR' });
    expect(res.metaData!.items.TTYT399.uid).toBe(OU.ttyt);
  });

  it('sums an ou filter of several units; an indicator is the rate of the summed parts', async () => {
    const { query, layout } = ok(parse({ dimension: ['dx:SINH;TYLE', 'pe:202405'], filter: 'ou:TTYT399;TYT15877' }));
    const cells: AnalyticsCell[] = [
      { dx: DE.births, pe: '202405', ou: OU.ttyt, value: 258 },
      { dx: DE.births, pe: '202405', ou: OU.tyt, value: 12 },
      { dx: IN.rate, pe: '202405', ou: OU.ttyt, value: 50, numerator: 1, denominator: 2 },
      { dx: IN.rate, pe: '202405', ou: OU.tyt, value: 100, numerator: 2, denominator: 2 },
    ];
    const res = await shapeAnalyticsResponse(query, layout, cells, META);
    expect(res.rows).toEqual([
      [DE.births, '202405', '270'],
      [IN.rate, '202405', '75'],
    ]);
    const skewed = await shapeAnalyticsResponse(query, layout, [
      { dx: IN.rate, pe: '202405', ou: OU.ttyt, value: 10, numerator: 1, denominator: 10 },
      { dx: IN.rate, pe: '202405', ou: OU.tyt, value: 100, numerator: 2, denominator: 2 },
    ], META);
    expect(skewed.rows).toEqual([[IN.rate, '202405', '25']]); // 3 / 12 × 100, not (10 + 100) / 2
    expect(skewed.metaData!.dimensions.ou).toEqual([OU.ttyt, OU.tyt]);
  });

  it('writes DE.COC and DE.* rows as operands and dimension=co as a column', async () => {
    const operands = ok(parse({ dimension: ['dx:SINH.NU;SINH.*', 'pe:202405', 'ou:TTYT399'] }));
    const cells: AnalyticsCell[] = [
      { dx: DE.births, co: COC.male, pe: '202405', ou: OU.ttyt, value: 130 },
      { dx: DE.births, co: COC.female, pe: '202405', ou: OU.ttyt, value: 128 },
    ];
    const meta = { ...META, optionCombos: [COC.male, COC.female] };
    const a = await shapeAnalyticsResponse(operands.query, operands.layout, cells, meta);
    expect(a.rows).toEqual([
      [`${DE.births}.${COC.female}`, '202405', OU.ttyt, '128'],
      [`${DE.births}.${COC.male}`, '202405', OU.ttyt, '130'],
    ]);
    expect(a.metaData!.dimensions.dx).toEqual([`${DE.births}.${COC.female}`, `${DE.births}.${COC.male}`]);
    expect(a.metaData!.items[`${DE.births}.${COC.female}`]).toEqual({ name: 'Số trẻ đẻ ra sống Nữ', dimensionItemType: 'DATA_ELEMENT_OPERAND' });
    expect(a.metaData!.items[COC.male].name).toBe('Nam');

    const byCo = ok(parse({ dimension: ['dx:SINH', 'co', 'pe:202405'], filter: 'ou:TTYT399', outputIdScheme: 'NAME', displayProperty: 'SHORTNAME' }));
    const b = await shapeAnalyticsResponse(byCo.query, byCo.layout, cells, meta);
    expect(b.headers.map((h) => h.name)).toEqual(['dx', 'co', 'pe', 'value']);
    expect(b.rows).toEqual([
      ['Trẻ đẻ sống', 'Nam', '202405', '130'],
      ['Trẻ đẻ sống', 'Nữ', '202405', '128'],
    ]);
    expect(b.metaData!.dimensions.co).toEqual(['Nam', 'Nữ']);
    expect(b.metaData!.items.co).toEqual({ name: 'Category option combo' });

    const onlyFemale = ok(parse({ dimension: ['dx:SINH', 'co:NU', 'pe:202405'], filter: 'ou:TTYT399' }));
    expect((await shapeAnalyticsResponse(onlyFemale.query, onlyFemale.layout, cells, meta)).rows).toEqual([[DE.births, COC.female, '202405', '128']]);
  });

  it('lists a pe filter’s asked periods in metaData; honours skipMeta and skipData', async () => {
    const f = ok(parse({ dimension: ['dx:SINH', 'ou:TTYT399'], filter: 'pe:2024Q1;2024Q2' }));
    const cells: AnalyticsCell[] = [{ dx: DE.births, pe: '202401-202406', ou: OU.ttyt, value: 1500 }];
    const res = await shapeAnalyticsResponse(f.query, f.layout, cells, META, { locale: 'vi' });
    expect(res.rows).toEqual([[DE.births, OU.ttyt, '1500']]);
    expect(res.metaData!.dimensions.pe).toEqual(['2024Q1', '2024Q2']);
    expect(res.metaData!.items['2024Q1'].name).toBe('quý I năm 2024');

    const noMeta = ok(parse({ dimension: ['dx:SINH', 'ou:TTYT399'], filter: 'pe:2024Q1;2024Q2', skipMeta: 'true' }));
    const r2 = await shapeAnalyticsResponse(noMeta.query, noMeta.layout, cells, META);
    expect(r2.metaData).toBeUndefined();
    expect(r2.rows).toHaveLength(1);
    const noData = ok(parse({ dimension: ['dx:SINH', 'ou:TTYT399'], filter: 'pe:2024Q1;2024Q2', skipData: 'true' }));
    const r3 = await shapeAnalyticsResponse(noData.query, noData.layout, cells, META);
    expect(r3).toMatchObject({ rows: [], height: 0, width: 3, headerWidth: 3 });
    expect(r3.metaData!.dimensions.dx).toEqual([DE.births]);
  });

  it('streams the same JSON as JSON.stringify (metaData before rows, as DHIS2), in chunks, whatever the size', async () => {
    const f = ok(parse({ dimension: ['dx:SINH', 'pe:202405', 'ou:TTYT399;TYT15877'] }));
    const join = async (res: Dhis2AnalyticsResponse) => {
      let text = '';
      for await (const c of dhis2JsonChunks(res)) text += c;
      return JSON.parse(text) as unknown;
    };
    const same = (res: Dhis2AnalyticsResponse) => JSON.parse(JSON.stringify(res)) as unknown;
    const small = await shapeAnalyticsResponse(f.query, f.layout, [{ dx: DE.births, pe: '202405', ou: OU.ttyt, value: 258 }], META);
    expect(await join(small)).toEqual(same(small));
    expect(Object.keys((await join(small)) as object)).toEqual(['headers', 'metaData', 'rows', 'height', 'width', 'headerWidth']);
    const empty = await shapeAnalyticsResponse(f.query, f.layout, [], META);
    expect(await join(empty)).toEqual(same(empty));
    const noMeta = { ...small, metaData: undefined };
    expect(await join(noMeta)).toEqual(same(noMeta));
    const big = { ...small, rows: Array.from({ length: 30_000 }, (_, i) => [DE.births, '202405', `u${i}`, String(i)]), height: 30_000 };
    let chunks = 0;
    for await (const c of dhis2JsonChunks(big)) chunks += c.length > 0 ? 1 : 0;
    expect(chunks).toBeGreaterThan(10);
    expect(await join(big)).toEqual(same(big));
  });

  it('rounds like DHIS2: 1 decimal, 2 between -1 and 1, half away from zero; plain strings', () => {
    expect(formatDhis2Number(258)).toBe('258');
    expect(formatDhis2Number(118.56)).toBe('118.6');
    expect(formatDhis2Number(118.04)).toBe('118');
    expect(formatDhis2Number(0.345)).toBe('0.35');
    expect(formatDhis2Number(0.004)).toBe('0');
    expect(formatDhis2Number(1.05)).toBe('1.1');
    expect(formatDhis2Number(-2.25)).toBe('-2.3');
    expect(formatDhis2Number(-0.125)).toBe('-0.13');
    expect(formatDhis2Number(1234567.25)).toBe('1234567.3');
    expect(formatDhis2Number(2 / 3, true)).toBe(String(2 / 3));
  });
});
