import type { RequestMessage, TimelineEvent } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { checkMessage, insertCannedReply, staffTimeline } from './conversation';

describe('insertCannedReply', () => {
  it('fills an empty box', () => {
    expect(insertCannedReply('', '您好，材料已收到。')).toBe('您好，材料已收到。');
    expect(insertCannedReply('  \n', ' 您好 ')).toBe('您好');
  });

  it('adds to what is written, on its own line', () => {
    expect(insertCannedReply('张先生：\n\n', '您好，材料已收到。')).toBe('张先生：\n您好，材料已收到。');
  });

  it('goes in at the cursor, replacing a selection', () => {
    expect(insertCannedReply('您好，。谢谢', '材料已收到', { start: 3, end: 3 })).toBe('您好，材料已收到。谢谢');
    expect(insertCannedReply('您好，XX。', '材料已收到', { start: 3, end: 5 })).toBe('您好，材料已收到。');
    expect(insertCannedReply('abc', 'X', { start: 99, end: 120 })).toBe('abcX');
  });

  it('ignores an empty canned reply', () => {
    expect(insertCannedReply('已写的内容', '  ')).toBe('已写的内容');
  });
});

describe('checkMessage', () => {
  it('uses the shared rules', () => {
    expect(checkMessage('  ', 'public')).toEqual({ ok: false, message: '请输入留言内容' });
    expect(checkMessage('x'.repeat(2001), 'public')).toEqual({ ok: false, message: '留言最多 2000 字' });
    expect(checkMessage(' 已电话联系 ', 'internal')).toEqual({
      ok: true,
      body: { body: '已电话联系', internal: true },
    });
  });
});

describe('staffTimeline', () => {
  const event = (id: number, at: string, action: string, actionLabel: string): TimelineEvent => ({
    id,
    at,
    actorType: 'staff',
    actorLabel: '您',
    action,
    actionLabel,
    fromStatus: null,
    toStatus: null,
    comment: null,
    fields: [],
  });
  const message = (id: number, createdAt: string, internal: boolean): RequestMessage => ({
    id,
    body: internal ? '已电话联系申请人' : '您好',
    internal,
    author: { type: 'staff', label: '您', mine: true },
    createdAt,
  });

  it('puts internal notes among the events in time order, marked internal', () => {
    const entries = staffTimeline(
      [
        event(1, '2026-11-26T01:00:00.000Z', 'submit', '提交'),
        event(2, '2026-11-26T02:00:00.000Z', 'accept', '受理'),
        event(3, '2026-11-26T02:30:00.000Z', 'assign', '指派承办人'),
        event(4, '2026-11-26T04:00:00.000Z', 'reply', '回复留言'),
      ],
      [message(10, '2026-11-26T03:00:00.000Z', true), message(11, '2026-11-26T04:00:00.000Z', false)],
    );
    expect(entries.map((entry) => [entry.title, entry.internal])).toEqual([
      ['提交', false],
      ['受理', false],
      ['指派承办人', true],
      ['内部备注', true],
      ['回复留言', false],
    ]);
    expect(entries[3]).toMatchObject({ comment: '已电话联系申请人', kind: 'note', key: 'note-10' });
  });

  it('keeps the given order for entries at the same instant', () => {
    const at = '2026-11-26T01:00:00.000Z';
    const entries = staffTimeline([event(1, at, 'submit', '提交'), event(2, at, 'accept', '受理')], []);
    expect(entries.map((entry) => entry.title)).toEqual(['提交', '受理']);
  });
});
