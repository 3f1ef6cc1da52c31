import { describe, expect, it } from 'vitest';
import { actionDialog, checkTransition, supplementChoices } from './transition';

describe('actionDialog', () => {
  it('asks for a mandatory reason to send back or reject', () => {
    expect(actionDialog('request_supplement', 'hardship-aid')).toMatchObject({
      title: '退回补正',
      field: 'reason',
      required: true,
      confirmText: '确认退回补正',
    });
    expect(actionDialog('reject', 'policy-question')).toMatchObject({ field: 'reason', required: true, danger: true });
  });

  it('asks for a 处理结果 to complete an appeal, optional for other services', () => {
    expect(actionDialog('complete', 'appeal')).toMatchObject({
      field: 'resolutionNote',
      fieldLabel: '处理结果',
      required: true,
    });
    expect(actionDialog('complete', 'policy-question')).toMatchObject({ field: 'resolutionNote', required: false });
  });

  it('lets accept and start go with an optional note', () => {
    expect(actionDialog('accept', 'appeal')).toMatchObject({ title: '受理', field: 'reason', required: false });
    expect(actionDialog('start', 'appeal')).toMatchObject({ title: '开始办理', required: false });
  });
});

describe('checkTransition (the shared decideTransition)', () => {
  const base = { status: 'submitted' as const, serviceCode: 'policy-question' as const };

  it('refuses a reject without a reason, inline under the reason', () => {
    expect(checkTransition({ ...base, action: 'reject', text: '   ' })).toEqual({
      ok: false,
      field: 'reason',
      message: '请填写不予受理的原因',
    });
    expect(checkTransition({ ...base, action: 'request_supplement', text: '' })).toEqual({
      ok: false,
      field: 'reason',
      message: '请填写退回补正的原因',
    });
  });

  it('sends the trimmed reason when there is one', () => {
    expect(checkTransition({ ...base, action: 'reject', text: ' 不属于本中心受理范围 ' })).toEqual({
      ok: true,
      body: { action: 'reject', reason: '不属于本中心受理范围' },
    });
  });

  it('needs a resolution to complete an appeal, not other services', () => {
    expect(checkTransition({ status: 'processing', serviceCode: 'appeal', action: 'complete', text: '' })).toEqual({
      ok: false,
      field: 'resolutionNote',
      message: '请填写处理结果',
    });
    expect(
      checkTransition({ status: 'processing', serviceCode: 'appeal', action: 'complete', text: '已协调解决' }),
    ).toEqual({ ok: true, body: { action: 'complete', resolutionNote: '已协调解决' } });
    expect(
      checkTransition({ status: 'processing', serviceCode: 'hardship-aid', action: 'complete', text: '' }),
    ).toEqual({ ok: true, body: { action: 'complete' } });
  });

  it('refuses what the status does not allow', () => {
    const check = checkTransition({ ...base, status: 'completed', action: 'accept', text: '' });
    expect(check).toMatchObject({ ok: false, field: 'form' });
  });

  it('refuses applicant actions', () => {
    expect(checkTransition({ ...base, action: 'withdraw', text: '' })).toMatchObject({ ok: false, field: 'form' });
  });

  it('applies the body limits', () => {
    expect(checkTransition({ ...base, action: 'reject', text: '因'.repeat(501) })).toEqual({
      ok: false,
      field: 'reason',
      message: '原因最多 500 字',
    });
  });
});

describe('退回补正 with named fields', () => {
  it('offers every field and material of the form, and sends the ticked ones with 退回补正 only', () => {
    const choices = supplementChoices('hardship-aid');
    expect(choices.map((choice) => choice.value)).toContain('incomeProof');
    const ask = (action: 'request_supplement' | 'accept') =>
      checkTransition({
        status: 'submitted',
        serviceCode: 'hardship-aid',
        action,
        text: '请补充收入证明',
        supplementFields: ['incomeProof'],
      });
    expect(ask('request_supplement')).toEqual({
      ok: true,
      body: { action: 'request_supplement', reason: '请补充收入证明', supplementFields: ['incomeProof'] },
    });
    const accepted = ask('accept');
    expect(accepted.ok && accepted.body.supplementFields).toBeFalsy();
  });
});
