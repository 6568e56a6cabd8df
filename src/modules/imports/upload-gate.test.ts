import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { UploadGate } from './upload-gate.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
  return 'none';
};

describe('upload gate', () => {
  it('admits one upload per user at a time (429 for the second) and frees the slot on release', () => {
    const gate = new UploadGate(100);
    const a = gate.enter('u1');
    expect(codeOf(() => gate.enter('u1'))).toBe('RATE_LIMITED');
    const b = gate.enter('u2'); // another user is not held up
    a.release();
    a.release(); // twice is harmless
    const again = gate.enter('u1');
    again.release();
    b.release();
  });

  it('keeps the bytes being read under the server-wide budget (503 beyond it) and gives them back', () => {
    const gate = new UploadGate(100);
    const a = gate.enter('u1');
    a.reserve(60);
    const b = gate.enter('u2');
    expect(codeOf(() => b.reserve(50))).toBe('BUSY');
    b.reserve(40); // exactly up to the budget
    expect(gate.inUse).toBe(100);
    b.release();
    a.release();
    expect(gate.inUse).toBe(0);
    const c = gate.enter('u3');
    c.reserve(70);
    expect(gate.inUse).toBe(70);
    c.release();
  });

  it('admits an upload alone whatever its size, and a user topping up their own reservation', () => {
    const gate = new UploadGate(100);
    const a = gate.enter('u1');
    a.reserve(150); // alone: admitted (its size is bounded elsewhere, by upload.maxInflatedBytes)
    a.reserve(10);
    const b = gate.enter('u2');
    expect(codeOf(() => b.reserve(1))).toBe('BUSY');
    b.release(); // a refused upload leaves nothing behind
    a.release();
    expect(gate.inUse).toBe(0);
  });

  it('carries a retry delay in the errors, for the Retry-After header', () => {
    const gate = new UploadGate(10);
    gate.enter('u1').reserve(5);
    try {
      gate.enter('u1');
    } catch (e) {
      expect((e as AppError).details).toMatchObject({ reason: 'UPLOAD_IN_PROGRESS', retryAfterSeconds: expect.any(Number) });
    }
  });
});
