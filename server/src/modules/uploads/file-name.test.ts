import { describe, expect, it } from 'vitest';
import { contentDisposition, MAX_DISPLAY_NAME_LENGTH, sanitizeFileName } from './file-name';

describe('sanitizeFileName', () => {
  it('keeps an ordinary name, Chinese included', () => {
    expect(sanitizeFileName('退伍证.jpg', 'image/jpeg')).toBe('退伍证.jpg');
    expect(sanitizeFileName('诊断证明 2023.PDF', 'application/pdf')).toBe('诊断证明 2023.pdf');
    expect(sanitizeFileName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
  });

  it('keeps only the last path segment of traversal payloads', () => {
    const payloads: [string, string][] = [
      ['../../etc/passwd', 'passwd.pdf'],
      ['..\\..\\windows\\system32\\evil.png', 'evil.png'],
      ['/var/www/../../root/.ssh/authorized_keys', 'authorized_keys.pdf'],
      ['C:\\Users\\王\\Desktop\\身份证.png', '身份证.png'],
      ['....//....//x.pdf', 'x.pdf'],
      ['..', '附件.pdf'],
      ['../', '附件.pdf'],
      ['./.hidden.pdf', 'hidden.pdf'],
    ];
    for (const [raw, expected] of payloads) {
      const name = sanitizeFileName(raw, raw.endsWith('.png') ? 'image/png' : 'application/pdf');
      expect(name, raw).not.toMatch(/[/\\]/);
      expect(name, raw).not.toMatch(/^\./);
      expect(name.includes('..'), raw).toBe(false);
      expect(name, raw).toBe(expected);
    }
  });

  it('removes control characters, NUL and direction overrides', () => {
    expect(sanitizeFileName('bill\u0000.pdf', 'application/pdf')).toBe('bill.pdf');
    expect(sanitizeFileName('a\r\nX-Injected: 1\r\n.png', 'image/png')).toBe('aX-Injected_ 1.png');
    expect(sanitizeFileName('a\r\nContent-Type: text/html\r\n.png', 'image/png')).toBe('html.png');
    expect(sanitizeFileName('photo\u202Egpj.exe', 'image/jpeg')).toBe('photogpj.exe.jpg');
    expect(sanitizeFileName('tab\there.jpg', 'image/jpeg')).toBe('tabhere.jpg');
  });

  it('gives the name the extension of the type found in the content', () => {
    expect(sanitizeFileName('photo.exe', 'image/png')).toBe('photo.exe.png');
    expect(sanitizeFileName('scan', 'application/pdf')).toBe('scan.pdf');
    expect(sanitizeFileName('image.png', 'image/jpeg')).toBe('image.png.jpg');
    expect(sanitizeFileName('', 'image/png')).toBe('附件.png');
    expect(sanitizeFileName(undefined, 'image/png')).toBe('附件.png');
  });

  it('limits the name to 100 characters and keeps the extension', () => {
    const long = `${'很长的文件名'.repeat(40)}.pdf`;
    const name = sanitizeFileName(long, 'application/pdf');
    expect(Array.from(name).length).toBeLessThanOrEqual(MAX_DISPLAY_NAME_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(Array.from(sanitizeFileName(`${'a'.repeat(500)}.jpeg`, 'image/jpeg')).length).toBe(100);
  });
});

describe('contentDisposition', () => {
  it('sends an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('退伍证 (1).jpg')).toBe(
      `inline; filename="___ (1).jpg"; filename*=UTF-8''%E9%80%80%E4%BC%8D%E8%AF%81%20%281%29.jpg`,
    );
    expect(contentDisposition('a"b\\c.pdf')).toBe(`inline; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});
