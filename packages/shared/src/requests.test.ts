import { describe, expect, it } from 'vitest';
import {
  cardProgressOf,
  createRequestBodySchema,
  formatChineseDate,
  idempotencyKeySchema,
  isRequestOverdue,
  nextCardStages,
  nextStepText,
  requestEventLabel,
  staffQueueQuerySchema,
} from './requests';

describe('nextStepText', () => {
  const base = { serviceCode: 'policy-question', today: '2026-12-01', dueDate: '2026-12-15' } as const;

  it('says who acts next and by when', () => {
    expect(nextStepText({ ...base, status: 'submitted', unitLevel: 'community' })).toBe(
      '已提交，等待社区服务站受理，预计 2026年12月15日 前办结',
    );
    expect(nextStepText({ ...base, status: 'accepted', unitLevel: 'district' })).toBe(
      '区退役军人服务中心已受理，即将开始办理，预计 2026年12月15日 前办结',
    );
    expect(nextStepText({ ...base, status: 'processing' })).toBe('正在办理，预计 2026年12月15日 前办结');
  });

  it('owns up to an overdue request', () => {
    expect(nextStepText({ ...base, status: 'processing', today: '2026-12-16' })).toBe(
      '正在办理，已超过承诺办结时间（2026年12月15日），工作人员正在加紧办理',
    );
  });

  it('tells a draft until when it is kept', () => {
    expect(nextStepText({ ...base, status: 'draft', dueDate: null, draftExpiresOn: '2027-01-30' })).toBe(
      '草稿尚未提交，请在 2027年1月30日 前完成填写并提交，逾期草稿将失效',
    );
  });

  it('repeats the staff reason for a supplement or a rejection', () => {
    expect(nextStepText({ ...base, status: 'needs_supplement', reason: '请补充退伍证照片' })).toBe(
      '需要补正材料（请补充退伍证照片），请按要求修改后重新提交',
    );
    expect(nextStepText({ ...base, status: 'rejected', reason: '不符合条件', unitLevel: 'community' })).toBe(
      '不予受理（不符合条件），如有疑问可联系社区服务站',
    );
  });

  it('walks the preferential card through its stages', () => {
    const card = { ...base, serviceCode: 'preferential-card' } as const;
    expect(nextStepText({ ...card, status: 'processing', stage: 'production' })).toBe(
      '优待证办理中：部里和银行制卡，制作完成后将通知您领取',
    );
    expect(
      nextStepText({ ...card, status: 'processing', stage: 'ready_for_pickup', pickupPlace: '文化社区服务站' }),
    ).toBe('优待证已制作完成，请携带身份证到文化社区服务站领取');
    expect(nextStepText({ ...card, status: 'completed', stage: 'picked_up' })).toBe('已办结，欢迎对本次服务进行评价');
  });

  it('ends with the final states', () => {
    expect(nextStepText({ ...base, status: 'completed' })).toBe('已办结，欢迎对本次服务进行评价');
    expect(nextStepText({ ...base, status: 'withdrawn' })).toBe('已撤回，如有需要可重新申请');
  });
});

describe('request helpers', () => {
  it('formats Chinese dates without leading zeros', () => {
    expect(formatChineseDate('2026-01-05')).toBe('2026年1月5日');
  });

  it('flags overdue only for unfinished submitted requests', () => {
    expect(isRequestOverdue('processing', '2026-12-01', '2026-12-02')).toBe(true);
    expect(isRequestOverdue('processing', '2026-12-02', '2026-12-02')).toBe(false);
    expect(isRequestOverdue('completed', '2026-12-01', '2026-12-02')).toBe(false);
    expect(isRequestOverdue('submitted', null, '2026-12-02')).toBe(false);
  });

  it('labels workflow actions and other timeline entries', () => {
    expect(requestEventLabel('accept')).toBe('受理');
    expect(requestEventLabel('stage')).toBe('优待证进度');
    expect(requestEventLabel('something-new')).toBe('办理记录');
  });

  it('keeps the bodies strict', () => {
    expect(createRequestBodySchema.safeParse({ serviceCode: 'appeal', extra: 1 }).success).toBe(false);
    expect(createRequestBodySchema.safeParse({ serviceCode: 'nope' }).success).toBe(false);
    expect(idempotencyKeySchema.safeParse('a'.repeat(129)).success).toBe(false);
    expect(idempotencyKeySchema.safeParse('含中文').success).toBe(false);
    expect(staffQueueQuerySchema.safeParse({ assignee: 'someone' }).success).toBe(false);
    expect(staffQueueQuerySchema.parse({ overdue: 'true', assignee: 'me' })).toMatchObject({
      overdue: true,
      assignee: 'me',
      page: 1,
    });
  });
});

describe('the 优待证 issuing chain', () => {
  it('moves forward only, may skip stages recorded late, and 已领取 only after 待领取', () => {
    expect(nextCardStages('preferential-card', 'accepted', null)).toEqual([
      'station_accepted',
      'county_review',
      'provincial_filing',
      'production',
      'district_received',
      'ready_for_pickup',
    ]);
    expect(nextCardStages('preferential-card', 'processing', 'district_received')).toEqual(['ready_for_pickup']);
    expect(nextCardStages('preferential-card', 'completed', 'ready_for_pickup')).toEqual(['picked_up']);
    expect(nextCardStages('preferential-card', 'completed', 'picked_up')).toEqual([]);
  });

  it('has no stages before the station accepts, or for other services', () => {
    expect(nextCardStages('preferential-card', 'submitted', null)).toEqual([]);
    expect(nextCardStages('hardship-aid', 'processing', null)).toEqual([]);
  });

  it('shows the applicant every stage with who holds it, and the station to collect the card at', () => {
    const pickup = {
      name: '文化社区退役军人服务站',
      address: '文化路 1 号',
      phone: null,
      openingHours: '周一至周五 8:30—17:30',
    };
    const progress = cardProgressOf('production', {
      bank: '中国农业银行',
      station: '西大街道退役军人服务站',
      pickup: null,
    });
    expect(progress.steps.map((step) => [step.label, step.holder, step.state])).toEqual([
      ['服务站受理', '西大街道退役军人服务站', 'done'],
      ['县（区）审核', '县（区）退役军人事务局', 'done'],
      ['市、省备案', '市、省退役军人事务部门', 'done'],
      ['部里和银行制卡', '退役军人事务部、中国农业银行', 'current'],
      ['区服务中心签收', '区退役军人服务中心', 'upcoming'],
      ['待领取', '服务站', 'upcoming'],
      ['已领取', '本人', 'upcoming'],
    ]);
    const ready = cardProgressOf('ready_for_pickup', { bank: null, station: null, pickup });
    expect(ready.steps[5]).toEqual({
      stage: 'ready_for_pickup',
      label: '待领取',
      holder: pickup.name,
      state: 'current',
    });
    expect(ready.pickup).toEqual(pickup);
    const done = cardProgressOf('picked_up', { bank: null, station: null, pickup });
    expect(done.steps.every((step) => step.state === 'done')).toBe(true);
    expect(cardProgressOf(null, { bank: null, station: null, pickup: null }).steps[0]?.state).toBe('upcoming');
  });
});
