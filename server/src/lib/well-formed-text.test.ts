import { describe, expect, it } from 'vitest';
import { findLoneSurrogate, hasLoneSurrogate } from './well-formed-text';

describe('hasLoneSurrogate', () => {
  it('finds half a pair anywhere, but not a whole pair', () => {
    for (const text of ['\ud800', 'a\udbffb', '\udc00', '末尾\ud83d', '\ude00开头', '😀\ud800']) {
      expect(hasLoneSurrogate(text), JSON.stringify(text)).toBe(true);
    }
    for (const text of ['', '张三', '😀', '军人😀服务', '\ud83d\ude00']) expect(hasLoneSurrogate(text)).toBe(false);
  });

  it('agrees with JSON.stringify, which escapes exactly the lone halves, on every short mix of units', () => {
    const units = ['a', '张', '\ud83d', '\ude00', '\udbff', '\udc00'];
    const mixes = (length: number): string[] =>
      length === 0 ? [''] : mixes(length - 1).flatMap((text) => units.map((unit) => text + unit));
    const texts = [0, 1, 2, 3, 4].flatMap(mixes);
    for (const text of texts) {
      expect(hasLoneSurrogate(text), JSON.stringify(text)).toBe(/\\ud[89a-f]/i.test(JSON.stringify(text)));
    }
  });
});

describe('findLoneSurrogate', () => {
  it('names the field of a parsed body that holds one, in values and in keys', () => {
    expect(findLoneSurrogate(JSON.parse('{"serviceCode":"x","formData":{"topic":"\\ud800"}}'))).toBe('formData.topic');
    expect(findLoneSurrogate(JSON.parse('{"items":["a",{"b":"\\udfff"}]}'))).toBe('items.1.b');
    expect(findLoneSurrogate(JSON.parse('{"formData":{"\\ud800":"x"}}'))).toBe('formData');
    expect(findLoneSurrogate('\ud800')).toBe('');
  });

  it('finds nothing in well-formed bodies, non-JSON bodies and buffers', () => {
    expect(findLoneSurrogate({ name: '张三', smile: '😀', n: 1, ok: true, none: null, list: [] })).toBeUndefined();
    expect(findLoneSurrogate(undefined)).toBeUndefined();
    expect(findLoneSurrogate(Buffer.from([0xed, 0xa0, 0x80]))).toBeUndefined();
  });

  it('walks a body nested far deeper than the call stack would allow', () => {
    const deep = `${'['.repeat(100_000)}"\\ud800"${']'.repeat(100_000)}`;
    expect(findLoneSurrogate(JSON.parse(deep))).toMatch(/^0(\.0)*$/);
  });
});
