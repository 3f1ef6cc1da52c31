import { configureZod, type FormPage, type ServiceForm, serviceForms } from '@veterans/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  answersOf,
  draftAnswers,
  editPage,
  emptyValues,
  firstPageWithError,
  formatMoney,
  isReview,
  latestSupplement,
  NOT_A_NUMBER_MESSAGE,
  nextStep,
  previousStep,
  resumeProgress,
  reviewSummary,
  START,
  serverFieldErrors,
  stepLabel,
  stepTitle,
  supplementFieldLabels,
  supplementProgress,
  validatePage,
  validateSubmission,
  valuesFromAnswers,
} from './form-model';

beforeAll(() => configureZod());

const policy = serviceForms['policy-question'];
const hardship = serviceForms['hardship-aid'];
const card = serviceForms['preferential-card'];
const UPLOAD_ID = 'abcdefghijklmnopqrstuvwx';

function pageOf(form: ServiceForm, index: number): FormPage {
  const page = form.pages[index];
  if (!page) throw new Error(`no page ${index}`);
  return page;
}

describe('steps', () => {
  it('walks the pages, then the review, and back', () => {
    expect(stepLabel(card, START)).toBe('第 1/4 步');
    expect(stepTitle(card, START)).toBe('服役信息');
    let progress = nextStep(card, START);
    expect(stepLabel(card, progress)).toBe('第 2/4 步');
    expect(stepTitle(card, progress)).toBe('联系地址与发卡银行');
    progress = nextStep(card, nextStep(card, progress));
    expect(isReview(card, progress)).toBe(true);
    expect(stepLabel(card, progress)).toBe('第 4/4 步');
    expect(stepTitle(card, progress)).toBe('核对信息');
    // Never past the review, never before the first page.
    expect(nextStep(card, progress)).toEqual(progress);
    expect(previousStep(START)).toEqual(START);
    expect(previousStep(progress)).toEqual({ step: 2, returnToReview: false });
  });

  it('a one-page form has two steps: the page and the review', () => {
    expect(stepLabel(policy, START)).toBe('第 1/2 步');
    expect(isReview(policy, nextStep(policy, START))).toBe(true);
  });

  it('修改 from the review opens the page and comes straight back', () => {
    const editing = editPage(card, 0);
    expect(editing).toEqual({ step: 0, returnToReview: true });
    expect(isReview(card, nextStep(card, editing))).toBe(true);
    // Going back from an edited page is ordinary navigation again.
    expect(previousStep({ step: 1, returnToReview: true }).returnToReview).toBe(false);
  });
});

describe('per-page validation with the shared schemas', () => {
  it('names every missing answer of the page, in Chinese', () => {
    const errors = validatePage(pageOf(policy, 0), emptyValues(policy));
    expect(errors).toEqual({ topic: '请选择咨询方向', question: '请填写您的问题' });
  });

  it('passes a complete page and checks only that page', () => {
    const values = {
      ...emptyValues(card),
      enlistmentDate: '2001-09-01',
      dischargeDate: '2005-12-01',
      branch: '陆军',
      dischargeType: '退伍',
    };
    expect(validatePage(pageOf(card, 0), values)).toEqual({});
    expect(validatePage(pageOf(card, 1), values)).toEqual({ address: '请填写现居住地址', bank: '请选择发卡银行' });
  });

  it('checks numbers: text, range, whole numbers', () => {
    const page = pageOf(hardship, 0);
    const base = { ...emptyValues(hardship), hardshipKind: '重病', description: '住院治疗' };
    expect(validatePage(page, { ...base, householdSize: '三', monthlyIncome: '1200' }).householdSize).toBe(
      NOT_A_NUMBER_MESSAGE,
    );
    expect(validatePage(page, { ...base, householdSize: '0', monthlyIncome: '1200' }).householdSize).toBe('不能小于 1');
    expect(validatePage(page, { ...base, householdSize: '2.5', monthlyIncome: '1200' }).householdSize).toBe(
      '请输入整数',
    );
    expect(validatePage(page, { ...base, householdSize: '3', monthlyIncome: '' }).monthlyIncome).toBe(
      '请填写家庭月收入（元）',
    );
    expect(validatePage(page, { ...base, householdSize: '3', monthlyIncome: '1200.5' })).toEqual({});
  });

  it('leaves optional answers out and sends numbers as numbers', () => {
    const values = { ...emptyValues(hardship), hardshipKind: '重病', householdSize: ' 3 ', monthlyIncome: '1200.50' };
    expect(answersOf(pageOf(hardship, 0).fields, values)).toEqual({
      hardshipKind: '重病',
      householdSize: 3,
      monthlyIncome: 1200.5,
      description: '',
    });
  });

  it('requires the attachments the service requires', () => {
    const errors = validatePage(pageOf(hardship, 1), emptyValues(hardship));
    expect(errors).toEqual({ incomeProof: '请上传家庭收入情况说明' });
    expect(validatePage(pageOf(hardship, 1), { ...emptyValues(hardship), incomeProof: [UPLOAD_ID] })).toEqual({});
  });
});

describe('the whole application', () => {
  it('says which page to open first when something is missing', () => {
    const values = {
      ...emptyValues(card),
      enlistmentDate: '2001-09-01',
      dischargeDate: '2005-12-01',
      branch: '陆军',
      dischargeType: '退伍',
    };
    const check = validateSubmission(card, values);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.firstInvalidPage).toBe(1);
      expect(Object.keys(check.errors).sort()).toEqual(['address', 'bank', 'dischargeCertificate', 'idPhoto']);
    }
  });

  it('accepts a complete application with the answers the API takes', () => {
    const check = validateSubmission(policy, { topic: '社会保险', question: '  缴费年限怎么算？ ' });
    expect(check).toEqual({ ok: true, answers: { topic: '社会保险', question: '缴费年限怎么算？' } });
  });

  it('maps the server’s field problems back onto the form', () => {
    const errors = serverFieldErrors(card, [
      { path: 'body.formData.address', message: '请填写现居住地址' },
      { path: 'body.formData', message: '不认识的字段：x' },
    ]);
    expect(errors).toEqual({ address: '请填写现居住地址', form: '不认识的字段：x' });
    expect(firstPageWithError(card, errors)).toBe(1);
  });
});

describe('drafts', () => {
  it('saves only well-formed answers', () => {
    const values = {
      ...emptyValues(hardship),
      hardshipKind: '重病',
      householdSize: 'abc',
      monthlyIncome: '-5',
      description: '',
      medicalCosts: '3000',
    };
    expect(draftAnswers(hardship, values)).toEqual({ hardshipKind: '重病', medicalCosts: 3000 });
  });

  it('restores a saved draft into the form, and goes on where it was left', () => {
    const saved = {
      hardshipKind: '低收入',
      householdSize: 4,
      monthlyIncome: 1800.5,
      description: '失业',
      incomeProof: [UPLOAD_ID],
    };
    const values = valuesFromAnswers(hardship, saved);
    expect(values).toEqual({
      hardshipKind: '低收入',
      householdSize: '4',
      monthlyIncome: '1800.5',
      medicalCosts: '',
      description: '失业',
      contactPhone: '',
      homeAddress: '',
      diagnosis: [],
      bills: [],
      incomeProof: [UPLOAD_ID],
    });
    // Saving it again sends back the same answers (no change, no PATCH).
    expect(draftAnswers(hardship, values)).toEqual(saved);
    expect(resumeProgress(hardship, values)).toEqual({ step: 2, returnToReview: false });
    expect(resumeProgress(hardship, valuesFromAnswers(hardship, { hardshipKind: '低收入' })).step).toBe(0);
    expect(resumeProgress(hardship, valuesFromAnswers(hardship, { ...saved, incomeProof: [] })).step).toBe(1);
  });

  it('ignores saved answers of the wrong shape', () => {
    expect(valuesFromAnswers(policy, { topic: { x: 1 }, question: null })).toEqual(emptyValues(policy));
  });
});

describe('review summary', () => {
  it('lists every answer by page, formatted for reading', () => {
    const values = {
      ...emptyValues(hardship),
      hardshipKind: '重病',
      householdSize: '3',
      monthlyIncome: '12345.5',
      description: '父亲住院',
      contactPhone: '13812345678',
      incomeProof: [UPLOAD_ID],
    };
    const sections = reviewSummary(hardship, values, { [UPLOAD_ID]: '收入证明.png' });
    expect(sections.map((section) => section.title)).toEqual(['困难情况', '上传材料']);
    expect(sections[0]?.items.map((item) => [item.label, item.text])).toEqual([
      ['困难类型', '重病'],
      ['家庭人口（人）', '3'],
      ['家庭月收入（元）', '12,345.50'],
      ['近一年医疗费用（元）', '未填写'],
      ['困难情况说明', '父亲住院'],
      ['联系电话', '13812345678'],
      ['家庭住址', '未填写'],
    ]);
    expect(sections[1]?.items.map((item) => item.text)).toEqual(['未上传', '未上传', '收入证明.png']);
    expect(sections[0]?.items[3]?.empty).toBe(true);
  });

  it('shows dates in Chinese and choices by their label', () => {
    const values = { ...emptyValues(card), enlistmentDate: '2001-09-01', branch: '海军' };
    const [first] = reviewSummary(card, values);
    expect(first?.items.find((item) => item.name === 'enlistmentDate')?.text).toBe('2001年9月1日');
    expect(first?.items.find((item) => item.name === 'branch')?.text).toBe('海军');
  });

  it('formats money with separators and two decimals', () => {
    expect(formatMoney('1234567.5')).toBe('1,234,567.50');
    expect(formatMoney('0')).toBe('0.00');
    expect(formatMoney('abc')).toBe('abc');
  });
});

describe('supplementProgress (补正后重新提交)', () => {
  it('opens at the page of the material the reason names', () => {
    expect(supplementProgress(hardship, '请补充上传家庭收入情况说明').step).toBe(1);
    expect(supplementProgress(hardship, '家庭月收入填写有误，请核对').step).toBe(0);
  });

  it('prefers the fields staff named, and opens at page 1 when nothing is named', () => {
    expect(supplementProgress(hardship, '请补充', ['incomeProof']).step).toBe(1);
    expect(supplementProgress(hardship, '材料不清晰').step).toBe(0);
    expect(supplementProgress(hardship, null).step).toBe(0);
  });

  it('finds the reason and the named fields of the latest 补正 in the timeline', () => {
    const event = (at: string, toStatus: string | null, comment: string | null, fields: string[] = []) => ({
      at,
      toStatus,
      comment,
      fields,
    });
    expect(
      latestSupplement({
        timeline: [
          event('2026-12-01T02:00:00.000Z', 'needs_supplement', '第一次', ['monthlyIncome']),
          event('2026-12-03T02:00:00.000Z', 'needs_supplement', '请补充上传诊断证明', ['incomeProof']),
          event('2026-12-02T02:00:00.000Z', 'submitted', null),
        ],
      }),
    ).toEqual({ reason: '请补充上传诊断证明', fields: ['incomeProof'] });
    expect(latestSupplement({ timeline: [] })).toEqual({ reason: null, fields: [] });
  });

  it('names the ticked fields by their labels, in form order, leaving out names the form no longer has', () => {
    const [first, second] = hardship.pages.flatMap((page) => page.fields);
    if (!first || !second) throw new Error('hardship form has fields');
    expect(supplementFieldLabels(hardship, [second.name, 'gone', first.name])).toEqual([first.label, second.label]);
  });
});
