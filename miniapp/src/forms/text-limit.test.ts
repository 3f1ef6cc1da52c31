import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { charactersOver, countText, inputCap, overLimitMessage, textLimitError, tooLongMessage } from './text-limit';
import { validate } from './validation';

describe('long text rule', () => {
  const pasted = '困'.repeat(2600);

  it('says at once how many characters are over, and nothing when the text fits', () => {
    expect(charactersOver(pasted, 2000)).toBe(600);
    expect(textLimitError(pasted, 2000)).toBe('已超出 600 字，请删减后再提交');
    expect(textLimitError('困'.repeat(2000), 2000)).toBeUndefined();
    expect(countText(pasted, 2000)).toBe('2600/2000');
  });

  it('lets the box hold a paste far over the limit (nothing is cut)', () => {
    expect(inputCap(2000)).toBeGreaterThanOrEqual(2600);
    expect(inputCap(50)).toBeGreaterThanOrEqual(1000);
  });

  it("turns a schema's too_big issue into the same message, other issues untouched", () => {
    const schema = z.string().max(2000, { error: '最多 2000 字' });
    const [issue] = schema.safeParse(pasted).error?.issues ?? [];
    expect(issue && tooLongMessage(issue, pasted)).toBe(overLimitMessage(600));
    const [short] = z.string().min(3).safeParse('a').error?.issues ?? [];
    expect(short && tooLongMessage(short, 'a')).toBeUndefined();
  });

  it('every form checked with validate() blocks the text with that message', () => {
    const schema = z.object({ reason: z.string().max(500, { error: '最多 500 字' }) });
    const result = validate(schema, { reason: 'x'.repeat(520) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.reason).toBe('已超出 20 字，请删减后再提交');
  });
});
