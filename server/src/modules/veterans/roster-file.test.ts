import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeCsv, isZip, parseCsv, plainCell, readRosterFile, zipUnpackedSize } from './roster-file';

describe('parseCsv', () => {
  it('reads quotes, escaped quotes, commas and line breaks inside quotes, and any line end', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"multi\nline",x,\ry,z')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['multi\nline', 'x', ''],
      ['y', 'z'],
    ]);
  });

  it('ignores one trailing line end', () => {
    expect(parseCsv('a,b\n')).toEqual([['a', 'b']]);
    expect(parseCsv('')).toEqual([]);
  });
});

describe('decodeCsv', () => {
  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeCsv(Buffer.from('\uFEFF姓名,身份证号码', 'utf8'))).toBe('姓名,身份证号码');
  });

  it('reads GBK text as saved by Excel on Chinese Windows', () => {
    // "姓名" in GBK
    expect(decodeCsv(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]))).toBe('姓名');
  });

  it('refuses binary content', () => {
    expect(() => decodeCsv(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00]))).toThrow();
  });
});

describe('xlsx files', () => {
  it('are recognised by content and their unpacked size is known before unpacking', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('名册').addRow(['姓名', '身份证号码']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(isZip(buffer)).toBe(true);
    const size = zipUnpackedSize(buffer);
    expect(size?.entries).toBeGreaterThan(3);
    expect(size?.bytes).toBeGreaterThan(buffer.length);
    const rows = await readRosterFile(buffer);
    expect(rows).toEqual([{ rowNumber: 1, cells: ['姓名', '身份证号码'] }]);
  });

  it('a zip that is no workbook is refused', async () => {
    await expect(readRosterFile(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toMatchObject({
      code: 'IMPORT_INVALID_FILE',
    });
  });

  it('cell values come out plain', () => {
    expect(plainCell({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(plainCell({ formula: 'A1', result: 'x' } as ExcelJS.CellFormulaValue)).toBe('x');
    expect(plainCell({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(plainCell(undefined)).toBeNull();
  });
});

describe('readRosterFile', () => {
  it('reads CSV rows numbered from 1', async () => {
    expect(await readRosterFile(Buffer.from('姓名,身份证号码\n张三,1\n'))).toEqual([
      { rowNumber: 1, cells: ['姓名', '身份证号码'] },
      { rowNumber: 2, cells: ['张三', '1'] },
    ]);
  });

  it('refuses an empty file', async () => {
    await expect(readRosterFile(Buffer.alloc(0))).rejects.toMatchObject({ code: 'IMPORT_INVALID_FILE' });
  });
});
