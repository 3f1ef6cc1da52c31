import {
  configureZod,
  familyLinkRequestSchema,
  INVISIBLE_CHARACTERS_MESSAGE,
  identityInputSchema,
  idNumberCheckCharacter,
  smsVerifyBodySchema,
} from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { validate, validateField, withoutError } from './validation';

configureZod();

const first17 = '41100219800101001';
const idNumber = `${first17}${idNumberCheckCharacter(first17)}`;

describe('validate', () => {
  it('returns the parsed values (trimmed, upper-cased) when the shared schema accepts them', () => {
    const result = validate(identityInputSchema, { name: ' 张三 ', idNumber: idNumber.toLowerCase(), kind: 'veteran' });
    expect(result).toEqual({ ok: true, data: { name: '张三', idNumber, kind: 'veteran' } });
  });

  it('gives the first Chinese message per field', () => {
    const result = validate(identityInputSchema, { name: 'x', idNumber: '411002198001010010', kind: 'veteran' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe('请输入身份证上的姓名');
    expect(result.errors.idNumber).toBe('身份证号码不正确，请核对出生日期和校验位');
    expect(result.errors.kind).toBeUndefined();
  });

  it('tells why a name with an invisible or reordering character is refused, as the server does', () => {
    const result = validate(identityInputSchema, { name: '张\u200b三', idNumber, kind: 'veteran' });
    expect(result).toEqual({ ok: false, errors: { name: INVISIBLE_CHARACTERS_MESSAGE } });
  });

  it('checks the SMS form with the shared phone and code rules', () => {
    const result = validate(smsVerifyBodySchema, { phone: '1380013800', code: '12a456' });
    expect(result).toEqual({ ok: false, errors: { phone: '请输入 11 位手机号码', code: '请输入 6 位数字验证码' } });
  });
});

describe('validateField', () => {
  it('reports only the field asked about', () => {
    const values = { veteranName: '李四', veteranIdNumber: '123', relationship: undefined };
    expect(validateField(familyLinkRequestSchema, values, 'veteranName')).toBeUndefined();
    expect(validateField(familyLinkRequestSchema, values, 'veteranIdNumber')).toContain('身份证号码不正确');
  });
});

describe('withoutError', () => {
  it("drops the field's message and keeps the object when there is none", () => {
    const errors = { photo: '请上传证件照', address: '请填写地址' };
    expect(withoutError(errors, 'photo')).toEqual({ photo: undefined, address: '请填写地址' });
    expect(withoutError(errors, 'name')).toBe(errors);
  });
});
