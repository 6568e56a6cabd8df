import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { parseCsvSet, parseJsonSet, restoreCell } from './parse.js';

const failure = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('CSV (csv-parse)', () => {
  it('gives each row the line it starts on, across quoted line breaks, CRLF, CR and blank lines', () => {
    const s = parseCsvSet('A,202401,OU,,,1\r\n\r\nB,202401,OU,,,2,,,"two\r\nlines"\rC,202401,OU,,,3\n\n\nD,202401,OU,,,4');
    expect(s.rows.map((r) => r.dataElement)).toEqual(['A', 'B', 'C', 'D']);
    expect(s.lines).toEqual([1, 3, 5, 8]);
    expect(s.rows[1].comment).toBe('two\nlines'); // line ends are normalised to LF, inside quotes too
  });

  it('skips a byte-order mark, reads a header in any order and a DHIS2 file without one', () => {
    const s = parseCsvSet(Buffer.from('\uFEFFvalue,orgunit,period,dataelement\n7,OU,202401,A\n'));
    expect(s.rows[0]).toMatchObject({ dataElement: 'A', value: '7', orgUnit: 'OU', period: '202401' });
    expect(s.lines).toEqual([2]);
    expect(failure(() => parseCsvSet('dataelement,period,orgunit\nA,202401,OU')).messageKey).toBe('imports.malformed.csvHeader');
  });

  it('reads semicolon-separated files as Excel saves them in Vietnamese (decimal commas stay)', () => {
    const s = parseCsvSet('dataelement;period;orgunit;categoryoptioncombo;attributeoptioncombo;value\nA;202401;OU;;;1,5\n');
    expect(s.rows[0]).toMatchObject({ dataElement: 'A', value: '1,5' });
    const bare = parseCsvSet('A;202401;OU;;;1,5;;;ghi chú, có phẩy\n');
    expect(bare.rows[0]).toMatchObject({ value: '1,5', comment: 'ghi chú, có phẩy' });
  });

  it('names the line of a broken record: unclosed quote, stray quote', () => {
    expect(failure(() => parseCsvSet('A,202401,OU,,,1\n\n\nB,202401,OU,,,"2\nC')).params).toEqual({ line: 4 });
    expect(failure(() => parseCsvSet('A,1,2\nB,x"y,3\n')).params).toEqual({ line: 2 });
  });

  it('keeps a NUL inside a row for the import to refuse that row only, but refuses binary files as a whole', () => {
    const s = parseCsvSet('A,202401,OU,,,1,,,bad\u0000comment\nB,202401,OU,,,2');
    expect(s.rows.map((r) => r.comment)).toEqual(['bad\u0000comment', null]);
    expect(failure(() => parseCsvSet(Buffer.from('PK\u0003\u0004\u0000\u0000binary'))).messageKey).toBe('imports.malformed.csvBinary');
    expect(failure(() => parseCsvSet(Buffer.from('\uFEFFA,1', 'utf16le'))).messageKey).toBe('imports.malformed.csvBinary');
  });

  it('treats prototype names in a header row as no column names', () => {
    const s = parseCsvSet('constructor,toString,__proto__\nA,B,C');
    expect(s.rows.map((r) => r.dataElement)).toEqual(['constructor', 'A']);
  });

  it('removes the apostrophe the exports put before formula-like text, and only that', () => {
    expect(restoreCell("'=HYPERLINK(1)")).toBe('=HYPERLINK(1)');
    expect(restoreCell("'-2+3")).toBe('-2+3');
    expect(restoreCell("'bình thường")).toBe("'bình thường");
    const s = parseCsvSet(`A,202401,OU,,,5,,,"'=HYPERLINK(""http://x"")"`);
    expect(s.rows[0].comment).toBe('=HYPERLINK("http://x")');
  });
});

describe('JSON', () => {
  it('marks rows whose value is an object or a list as malformed (a conflict, not a crash)', () => {
    const s = parseJsonSet({ dataValues: [{ dataElement: 'A', value: { x: 1 } }, { dataElement: 'B', value: [1] }, { dataElement: 'C', value: 1e400 }] });
    expect(s.rows.map((r) => r.malformed)).toEqual(['value', 'value', undefined]);
    expect(s.rows[2].value).toBe('Infinity'); // refused by the value-type check
  });

  it('marks rows whose element, period, unit or comment is an object as malformed, even one without a string form', () => {
    const s = parseJsonSet({ dataValues: [{ dataElement: { toString: null }, value: 1 }, { dataElement: 'A', comment: Object.create(null), value: 1 }, { dataElement: 'B', period: 202401, value: 2 }] });
    expect(s.rows.map((r) => r.malformed)).toEqual(['field', 'field', undefined]);
    expect(s.rows[2].period).toBe('202401');
  });
});

describe('parsers never fail otherwise than with a 400 (property-based)', () => {
  /** Any UTF-16 code unit, lone surrogates and NUL included. */
  const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 });
  const csvish = fc.array(fc.constantFrom('A', '1', ',', ';', '"', '\n', '\r', ' ', "'", '=', '\u0000', 'dataelement', 'value', 'é'), { maxLength: 200 }).map((a) => a.join(''));
  const outcome = (fn: () => unknown) => {
    try {
      fn();
      return 'ok';
    } catch (e) {
      return e instanceof AppError ? e.code : `crash: ${(e as Error).message}`;
    }
  };

  it('CSV text and bytes', () => {
    fc.assert(fc.property(fc.oneof(anyText, csvish), (s) => {
      expect(['ok', 'VALIDATION_FAILED']).toContain(outcome(() => parseCsvSet(s)));
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      expect(['ok', 'VALIDATION_FAILED']).toContain(outcome(() => parseCsvSet(Buffer.from(b))));
    }), { numRuns: 300 });
  });

  it('JSON text and values', () => {
    fc.assert(fc.property(anyText, (s) => {
      expect(['ok', 'VALIDATION_FAILED']).toContain(outcome(() => parseJsonSet(s)));
    }), { numRuns: 300 });
    const row = fc.dictionary(fc.constantFrom('dataElement', 'period', 'orgUnit', 'value', 'comment', 'followup', 'deleted', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ dataValues: fc.array(fc.oneof(row, fc.jsonValue({ maxDepth: 1 })), { maxLength: 5 }) })), (v) => {
        expect(['ok', 'VALIDATION_FAILED']).toContain(outcome(() => parseJsonSet(v)));
      }),
      { numRuns: 300 },
    );
  });
});
