// Input at the edge: each field's failure becomes a message key the server translates, never zod's
// English sentence.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.js';
import { parse } from './input.js';
import { wholeNumber } from './fields.js';

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.details!.fields!;
    throw e;
  }
  throw new Error('no error');
}

describe('parse', () => {
  const S = z.object({
    flag: z.enum(['true', 'false']).optional(),
    n: wholeNumber(0, 1000).optional(),
    name: z.string().trim().min(1).max(5).optional(),
    date: z.string().refine((s) => s.length === 10, 'field.date').optional(),
  });

  it("turns zod's own sentences into keys: an enum, a number out of range, a string too long", () => {
    expect(fieldsOf(() => parse(S, { flag: 'maybe' }))).toEqual({ flag: 'field.invalid' });
    expect(fieldsOf(() => parse(S, { n: 99_999_999 }))).toEqual({ n: 'field.tooLarge' });
    expect(fieldsOf(() => parse(S, { n: -1 }))).toEqual({ n: 'field.tooSmall' });
    expect(fieldsOf(() => parse(S, { name: 'dài quá mức' }))).toEqual({ name: 'field.tooLong' });
    expect(fieldsOf(() => parse(S, { name: '  ' }))).toEqual({ name: 'field.required' });
  });

  it('keeps our own keys', () => {
    expect(fieldsOf(() => parse(S, { date: '2024' }))).toEqual({ date: 'field.date' });
  });
});
