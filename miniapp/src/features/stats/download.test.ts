import { describe, expect, it, vi } from 'vitest';
import { exportPath } from './api';
import { defaultExportName, fileNameFromDisposition } from './download';

vi.mock('@tarojs/taro', () => ({ default: {} }));

describe('fileNameFromDisposition', () => {
  const utf8 = '魏都区退役军人服务统计_魏都区退役军人服务中心_2026-01-01至2026-03-31.xlsx';

  it('takes the UTF-8 name (RFC 5987) the server sends', () => {
    const header = `attachment; filename="stats_weidu_2026-01-01_2026-03-31.xlsx"; filename*=UTF-8''${encodeURIComponent(utf8)}`;
    expect(fileNameFromDisposition(header, 'x.xlsx')).toBe(utf8);
  });

  it('falls back to the plain name, then to the given one', () => {
    expect(fileNameFromDisposition('attachment; filename="stats.xlsx"', 'x.xlsx')).toBe('stats.xlsx');
    expect(fileNameFromDisposition('attachment; filename=stats.xlsx', 'x.xlsx')).toBe('stats.xlsx');
    expect(fileNameFromDisposition('attachment', 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameFromDisposition(null, 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A", 'x.xlsx')).toBe('x.xlsx');
  });

  it('never lets the name reach outside the download folder', () => {
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"', 'x.xlsx')).toBe('passwd');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''${encodeURIComponent('..\\a:b?.xlsx')}`, 'x')).toBe(
      'ab.xlsx',
    );
  });
});

describe('export request', () => {
  it('asks for the same period and unit as the page shows', () => {
    expect(exportPath({ from: '2026-01-01', to: '2026-03-31', unit: 3 })).toBe(
      '/staff/stats/export?from=2026-01-01&to=2026-03-31&unit=3',
    );
    expect(exportPath({ from: '2026-01-01', to: '2026-03-31', unit: undefined })).toBe(
      '/staff/stats/export?from=2026-01-01&to=2026-03-31',
    );
    expect(defaultExportName({ from: '2026-01-01', to: '2026-03-31' })).toBe('统计_2026-01-01至2026-03-31.xlsx');
  });
});
