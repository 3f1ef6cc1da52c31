import { describe, expect, it } from 'vitest';
import { testIdNumber } from '../../testing/fixtures';
import type { SheetRow } from './roster-file';
import {
  chinaToday,
  classifyRosterRows,
  communityResolver,
  dischargeDateOf,
  type HashedRosterRow,
  idNumberText,
  locateHeader,
  rosterRecords,
  validateRosterRecords,
} from './roster-rows';

const units = [
  { id: 1, code: 'weidu', name: '魏都区退役军人服务中心' },
  { id: 2, code: 'xidajie-wenhua', name: '文化社区退役军人服务站' },
  { id: 3, code: 'xidajie-xihu', name: '西湖社区退役军人服务站' },
];
const rows = (...cells: (string | number | null)[][]): SheetRow[] =>
  cells.map((row, index) => ({ rowNumber: index + 1, cells: row }));
const HEADER = ['姓名', '身份证号码', '退役日期', '所属社区'];

describe('locateHeader', () => {
  it('reads Chinese and English headers in any order', () => {
    expect(locateHeader(rows(HEADER)).columns).toEqual({ name: 0, idNumber: 1, dischargeDate: 2, community: 3 });
    expect(locateHeader(rows(['community', 'idNumber', 'Name'])).columns).toEqual({
      community: 0,
      idNumber: 1,
      name: 2,
    });
  });

  it('skips a title line above the header', () => {
    const found = locateHeader(rows(['魏都区退役军人名册（2026）'], [], HEADER));
    expect(found.headerIndex).toBe(2);
  });

  it('names the missing columns', () => {
    expect(() => locateHeader(rows(['姓名', '退役日期']))).toThrow(/身份证号码、所属社区/);
  });
});

describe('rosterRecords', () => {
  it('keeps spreadsheet row numbers and skips empty rows', () => {
    const records = rosterRecords(
      rows(HEADER, ['张三', 'x', '', 'weidu'], ['', null, '', ''], ['李四', 'y', '', 'weidu']),
    );
    expect(records.map((record) => record.row)).toEqual([2, 4]);
  });
});

describe('idNumberText', () => {
  it('accepts the text tricks spreadsheets need for long numbers', () => {
    const id = testIdNumber(1);
    expect(idNumberText(`'${id}`)).toEqual({ value: id });
    expect(idNumberText(`="${id}"`)).toEqual({ value: id });
    expect(idNumberText(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`)).toEqual({ value: id });
    expect(idNumberText('41100219650315001x')).toEqual({ value: '41100219650315001X' });
  });

  it('knows a number cell has lost digits', () => {
    expect(idNumberText(411002196503150000)).toEqual({ problem: 'numeric' });
    expect(idNumberText(null)).toEqual({ problem: 'empty' });
  });
});

describe('dischargeDateOf', () => {
  it('reads the usual ways of writing a date', () => {
    for (const text of ['2010-12-01', '2010/12/1', '2010.12.1', '2010年12月1日', '20101201', '2010-12-01 00:00:00']) {
      expect(dischargeDateOf(text)).toBe('2010-12-01');
    }
    expect(dischargeDateOf(new Date(Date.UTC(2010, 11, 1)))).toBe('2010-12-01');
    expect(dischargeDateOf(40513)).toBe('2010-12-01');
    expect(dischargeDateOf(20101201)).toBe('2010-12-01');
  });

  it('empty is unknown, nonsense is invalid', () => {
    expect(dischargeDateOf('')).toBeNull();
    expect(dischargeDateOf(null)).toBeNull();
    expect(dischargeDateOf('2010-02-30')).toBe('invalid');
    expect(dischargeDateOf('去年')).toBe('invalid');
    expect(dischargeDateOf('2010-12')).toBe('invalid');
  });
});

describe('communityResolver', () => {
  const resolve = communityResolver(units);
  it('finds a unit by code, full name or name without 退役军人服务站', () => {
    expect(resolve('xidajie-wenhua')).toBe(2);
    expect(resolve(' XIDAJIE-WENHUA ')).toBe(2);
    expect(resolve('西湖社区退役军人服务站')).toBe(3);
    expect(resolve('西湖社区')).toBe(3);
    expect(resolve('月球社区')).toBeUndefined();
  });
});

describe('validateRosterRecords', () => {
  const today = '2026-11-20';
  const record = (
    row: number,
    name: string | null,
    idNumber: string | number | null,
    date: string | null,
    community: string | null,
  ) => ({
    row,
    name,
    idNumber,
    dischargeDate: date,
    community,
  });

  it('accepts good rows and explains every problem of a bad one, without its personal data', () => {
    const good = testIdNumber(11);
    const { valid, rejections } = validateRosterRecords(
      [
        record(2, '王建国', good, '1990-12-01', 'xidajie-wenhua'),
        record(3, '', `${good.slice(0, 17)}0`, '2010-13-01', '火星社区'),
        record(4, '赵六', testIdNumber(12), '2099-01-01', ''),
        record(5, '钱七', good, '', 'weidu'),
        record(6, '孙八', testIdNumber(13), '1960-01-01', 'weidu'),
      ],
      units,
      today,
    );
    expect(valid).toEqual([
      { row: 2, name: '王建国', idNumber: good, dischargeDate: '1990-12-01', communityUnitId: 2 },
    ]);
    expect(rejections).toEqual([
      {
        row: 3,
        reason:
          '姓名为空；身份证号码不正确（位数、出生日期或校验位有误）；所属社区不存在（请填写服务站编码或完整名称）；退役日期格式不正确（应为 2010-12-01 这样的日期）',
      },
      { row: 4, reason: '所属社区为空；退役日期晚于今天' },
      { row: 5, reason: '身份证号码与第 2 行重复' },
      { row: 6, reason: '退役日期早于出生日期' },
    ]);
    for (const rejection of rejections) expect(rejection.reason).not.toMatch(/\d{17}|王|钱|孙|赵/);
  });

  it('reads an optional phone column: mobile numbers in any common spelling, empty as none', () => {
    const withPhone = (row: number, phone: string | number | null) => ({
      ...record(row, '吴十', testIdNumber(20 + row), '', 'weidu'),
      phone,
    });
    const { valid, rejections } = validateRosterRecords(
      [withPhone(2, '138 0013 8000'), withPhone(3, 13900139000), withPhone(4, '+86-137-0000-1111'), withPhone(5, null)],
      units,
      today,
    );
    expect(valid.map((row) => row.phone)).toEqual(['13800138000', '13900139000', '13700001111', null]);
    expect(rejections).toEqual([]);
    const bad = validateRosterRecords([withPhone(2, '0371-1234567')], units, today);
    expect(bad.rejections).toEqual([{ row: 2, reason: '手机号码格式不正确（应为 11 位手机号）' }]);
  });

  it('rejects names that are not names', () => {
    const { rejections } = validateRosterRecords([record(2, '12345', testIdNumber(14), '', 'weidu')], units, today);
    expect(rejections).toEqual([{ row: 2, reason: '姓名格式不正确' }]);
  });

  it('allows an unknown discharge date', () => {
    const { valid } = validateRosterRecords([record(2, '周九', testIdNumber(15), null, 'weidu')], units, today);
    expect(valid[0]?.dischargeDate).toBeNull();
  });
});

describe('classifyRosterRows', () => {
  const row = (hash: string, nameHash = 'n', communityUnitId = 2): HashedRosterRow => ({
    row: 2,
    name: '张三',
    idNumber: 'x',
    idNumberHash: hash,
    nameHash,
    dischargeDate: '2010-12-01',
    communityUnitId,
  });

  it('splits new, changed and unchanged rows', () => {
    const held = { nameHash: 'n', phoneHash: 'p', dischargeDate: '2010-12-01', communityUnitId: 2 };
    const existing = new Map([
      ['same', { ...held, id: 1 }],
      ['moved', { ...held, id: 2, communityUnitId: 3 }],
      ['renamed', { ...held, id: 3, nameHash: 'old' }],
      ['new-phone', { ...held, id: 4 }],
      ['no-phone-column', { ...held, id: 5 }],
    ]);
    const result = classifyRosterRows(
      [
        { ...row('same'), phone: '13800138000', phoneHash: 'p' },
        row('moved'),
        row('renamed'),
        row('new'),
        { ...row('new-phone'), phone: '13900139000', phoneHash: 'q' },
        row('no-phone-column'),
      ],
      existing,
    );
    expect(result.unchanged).toBe(2);
    expect(result.updated.map((updated) => updated.existingId)).toEqual([2, 3, 4]);
    expect(result.added.map((added) => added.idNumberHash)).toEqual(['new']);
  });
});

describe('chinaToday', () => {
  it('is the Beijing date', () => {
    expect(chinaToday(new Date('2026-11-19T16:30:00Z'))).toBe('2026-11-20');
    expect(chinaToday(new Date('2026-11-19T15:30:00Z'))).toBe('2026-11-19');
  });
});
