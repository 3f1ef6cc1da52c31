import { describe, expect, it } from 'vitest';
import { errorCatalog, isErrorEnvelope } from './errors';

describe('error catalog', () => {
  it('gives every code an HTTP error status and a Chinese message', () => {
    for (const [code, { status, message }] of Object.entries(errorCatalog)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('recognises the envelope', () => {
    expect(isErrorEnvelope({ error: { code: 'SLOT_FULL', message: '该时段已约满' } })).toBe(true);
    expect(isErrorEnvelope({ message: 'oops' })).toBe(false);
  });
});
