import { describe, expect, it } from 'vitest';
import { draftSchema, formFields, pageSchema, serviceForms, submissionSchema } from './service-forms';
import { serviceCodes } from './services';

const uploadId = 'u_0123456789abcdef';

describe('service forms', () => {
  it('exists for every service, with unique field names and options for every select', () => {
    for (const code of serviceCodes) {
      const fields = formFields(serviceForms[code]);
      expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
      for (const field of fields.filter((f) => f.kind === 'select')) expect(field.options?.length).toBeGreaterThan(0);
    }
  });

  it('accepts a complete hardship application and rejects a missing required field in Chinese', () => {
    const schema = submissionSchema(serviceForms['hardship-aid']);
    const complete = {
      hardshipKind: '重病',
      householdSize: 3,
      monthlyIncome: 1800.5,
      description: '本人患病住院，家庭收入低',
      incomeProof: [uploadId],
    };
    expect(schema.parse(complete)).toEqual(complete);
    const missing = schema.safeParse({ ...complete, description: '' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.message).toBe('请填写困难情况说明');
  });

  it('rejects unknown fields, wrong options and out-of-range numbers', () => {
    const schema = submissionSchema(serviceForms['policy-question']);
    expect(schema.safeParse({ topic: '其他', question: '问题', extra: 1 }).success).toBe(false);
    expect(schema.safeParse({ topic: '不存在', question: '问题' }).success).toBe(false);
    const hardship = submissionSchema(serviceForms['hardship-aid']);
    expect(hardship.safeParse({ hardshipKind: '重病', householdSize: 0 }).success).toBe(false);
  });

  it('lets a draft be partial but still well-formed', () => {
    const schema = draftSchema(serviceForms['preferential-card']);
    expect(schema.parse({ branch: '陆军' })).toEqual({ branch: '陆军' });
    expect(schema.safeParse({ dischargeDate: '2020-13-45' }).success).toBe(false);
  });

  it('validates one page at a time', () => {
    const [firstPage] = serviceForms['preferential-card'].pages;
    if (!firstPage) throw new Error('no page');
    const schema = pageSchema(firstPage);
    expect(
      schema.safeParse({
        enlistmentDate: '2010-09-01',
        dischargeDate: '2015-09-01',
        branch: '陆军',
        dischargeType: '退伍',
      }).success,
    ).toBe(true);
  });
});
