import { describe, expect, it } from 'vitest';
import { staffDisplayNameSchema } from './admin';
import { familyLinkRequestSchema } from './family-links';
import { INVISIBLE_CHARACTERS_MESSAGE, personNameSchema } from './identity';

/** One of each kind the rule is about: control, line separator, bidi mark, override, isolate, zero-width. */
const INVISIBLE = [
  '\u0000',
  '\u0007',
  '\n',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u200e',
  '\u061c',
  ...['\u202a', '\u202b', '\u202c', '\u202d', '\u202e'],
  ...['\u2066', '\u2067', '\u2068', '\u2069'],
  ...['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'],
];

const codePoint = (character: string) => `U+${character.codePointAt(0)?.toString(16).padStart(4, '0')}`;

describe('names refuse control, bidi and zero-width characters', () => {
  it('a real name with any of them inside is refused with the one Chinese message', () => {
    for (const character of INVISIBLE) {
      const result = personNameSchema.safeParse(`张${character}三`);
      expect(result.success, codePoint(character)).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([INVISIBLE_CHARACTERS_MESSAGE]);
    }
  });

  it('so does the veteran name of a family-link request', () => {
    const result = familyLinkRequestSchema.shape.veteranName.safeParse('李\u202e四');
    expect(result.error?.issues[0]?.message).toBe(INVISIBLE_CHARACTERS_MESSAGE);
  });

  it('a staff display name, which takes any other text, refuses them too', () => {
    for (const character of INVISIBLE) {
      const result = staffDisplayNameSchema.safeParse(`王五${character}（窗口）`);
      expect(result.success, codePoint(character)).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([INVISIBLE_CHARACTERS_MESSAGE]);
    }
    // Admin names in the style of an administrator would impersonate: refused, not shown reversed.
    expect(staffDisplayNameSchema.safeParse('\u202e员理管统系').success).toBe(false);
  });

  it('keeps ordinary names, and trims what is at the ends (nothing invisible is stored)', () => {
    for (const name of ['张三', '阿卜杜·热合曼', 'John Smith']) expect(personNameSchema.parse(name)).toBe(name);
    for (const name of ['王五', '王五（窗口）', 'Li Lei', '李 雷'])
      expect(staffDisplayNameSchema.parse(name)).toBe(name);
    expect(staffDisplayNameSchema.parse('\ufeff 王五 ')).toBe('王五');
  });
});
