import { describe, expect, it } from 'vitest';
import {
  formatKeywordValue,
  formatWechatTime,
  keywordKind,
  subscribeTemplateKeys,
  subscribeTemplates,
  toWechatData,
  truncateText,
} from './notifications';

describe('subscribe template catalogue', () => {
  it('describes every template with known WeChat keyword kinds', () => {
    for (const key of subscribeTemplateKeys) {
      const info = subscribeTemplates[key];
      expect(info.key).toBe(key);
      expect(info.fields.length).toBeGreaterThan(0);
      for (const field of info.fields) expect(keywordKind(field.keyword)).not.toBeNull();
      const keywords = info.fields.map((field) => field.keyword);
      expect(new Set(keywords).size).toBe(keywords.length);
    }
  });

  it('reads the kind from the keyword name', () => {
    expect(keywordKind('thing12')).toBe('thing');
    expect(keywordKind('character_string3')).toBe('character_string');
    expect(keywordKind('phone_number1')).toBe('phone_number');
    expect(keywordKind('thing')).toBeNull();
    expect(keywordKind('colour1')).toBeNull();
  });
});

describe('truncateText', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(truncateText('😀'.repeat(5), 5)).toBe('😀'.repeat(5));
    expect(truncateText('😀'.repeat(6), 5)).toBe(`${'😀'.repeat(4)}…`);
  });

  it('cuts without an ellipsis when asked', () => {
    expect(truncateText('abcdef', 3, false)).toBe('abc');
  });
});

describe('formatKeywordValue (WeChat limits)', () => {
  it('cuts thing to 20 characters ending with …', () => {
    const long = '关于退役士兵养老保险接续办理进度的咨询和说明材料';
    const value = formatKeywordValue('thing', long);
    expect(Array.from(value)).toHaveLength(20);
    expect(value.endsWith('…')).toBe(true);
    expect(value.startsWith('关于退役士兵养老保险接续办理进度的咨')).toBe(true);
    expect(formatKeywordValue('thing', '二十个字以内的内容不变')).toBe('二十个字以内的内容不变');
    expect(formatKeywordValue('thing', `${'一'.repeat(20)}`)).toBe('一'.repeat(20));
  });

  it('flattens line breaks and fills an empty thing', () => {
    expect(formatKeywordValue('thing', '第一行\n\n第二行  ')).toBe('第一行 第二行');
    expect(formatKeywordValue('thing', '   ')).toBe('无');
  });

  it('keeps phrase to 5 Chinese characters', () => {
    expect(formatKeywordValue('phrase', '已受理')).toBe('已受理');
    expect(formatKeywordValue('phrase', '不予受理/未通过')).toBe('不予受理未');
    expect(formatKeywordValue('phrase', 'OK')).toBe('无');
  });

  it('keeps character_string to 32 ASCII characters', () => {
    expect(formatKeywordValue('character_string', 'WD20261126-0007')).toBe('WD20261126-0007');
    expect(formatKeywordValue('character_string', '编号WD-1')).toBe('WD-1');
    expect(formatKeywordValue('character_string', 'A'.repeat(40))).toBe('A'.repeat(32));
  });

  it('applies the other kinds’ limits', () => {
    expect(formatKeywordValue('number', '12.5 元')).toBe('12.5');
    expect(formatKeywordValue('letter', 'abc123def')).toBe('abcdef');
    expect(formatKeywordValue('symbol', '!!@@##$$')).toBe('!!@@#');
    expect(formatKeywordValue('phone_number', '+86 138-0013-8000 转 12345')).toBe('+86138-0013-80001');
    expect(formatKeywordValue('name', '欧阳张王李赵钱孙周吴郑')).toBe('欧阳张王李赵钱孙周吴');
    expect(formatKeywordValue('name', 'Alexander Christopher Long')).toBe('Alexander Christophe');
    expect(formatKeywordValue('car_number', '豫K 12345 6')).toBe('豫K123456');
  });
});

describe('formatWechatTime', () => {
  it('shows an instant in Beijing time', () => {
    expect(formatWechatTime('2026-11-26T01:30:00.000Z')).toBe('2026年11月26日 09:30');
    expect(formatWechatTime('2026-12-31T16:05:00Z')).toBe('2027年1月1日 00:05');
    expect(formatWechatTime('2026-11-26T09:30:00+08:00')).toBe('2026年11月26日 09:30');
  });

  it('formats dates and ranges', () => {
    expect(formatWechatTime('2026-10-01', 'date')).toBe('2026年10月1日');
    expect(formatWechatTime('2026-11-26T09:30:00Z', 'date')).toBe('2026年11月26日');
    expect(formatWechatTime('2026-12-01T01:00:00Z~2026-12-01T01:30:00Z')).toBe('2026年12月1日 09:00~09:30');
    expect(formatWechatTime('2026-12-01T01:00:00Z~2026-12-02T01:30:00Z')).toBe(
      '2026年12月1日 09:00~2026年12月2日 09:30',
    );
  });

  it('leaves text it does not recognise as written', () => {
    expect(formatWechatTime(' 2026年11月26日 09:30 ')).toBe('2026年11月26日 09:30');
  });
});

describe('toWechatData', () => {
  it('maps a request status change to WeChat keywords', () => {
    const result = toWechatData('request-status', {
      requestNo: 'WD20261126-0007',
      service: '退役士兵保险接续',
      status: '已受理',
      time: '2026-11-26T01:30:00Z',
    });
    expect(result).toEqual({
      ok: true,
      data: {
        character_string1: { value: 'WD20261126-0007' },
        thing2: { value: '退役士兵保险接续' },
        phrase3: { value: '已受理' },
        time4: { value: '2026年11月26日 09:30' },
        thing5: { value: '无' },
      },
    });
  });

  it('refuses a payload without a required field', () => {
    const result = toWechatData('booking-confirmed', { topic: '婚姻家庭', place: '区退役军人服务中心' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join()).toContain('time');
  });

  it('follows a keyword mapping from the configuration', () => {
    const result = toWechatData(
      'staff-reply',
      { requestNo: 'WD1', service: '政策咨询', content: '您好，请携带退伍证到社区服务站办理', time: '2026-01-02' },
      { content: 'thing7', time: 'date9' },
    );
    expect(result).toEqual({
      ok: true,
      data: {
        character_string1: { value: 'WD1' },
        thing2: { value: '政策咨询' },
        thing7: { value: '您好，请携带退伍证到社区服务站办理' },
        date9: { value: '2026年1月2日' },
      },
    });
  });

  it('refuses a keyword of unknown kind', () => {
    const result = toWechatData('appeal-meeting', { subject: 'a', time: 'b', place: 'c' }, { subject: 'title1' });
    expect(result.ok).toBe(false);
  });
});
