import { describe, expect, it } from 'vitest';
import { detectFileType } from './file-type';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('detectFileType', () => {
  it('recognises JPEG, PNG and PDF by their first bytes', () => {
    expect(detectFileType(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00))).toBe('image/jpeg');
    expect(detectFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00))).toBe('image/png');
    expect(detectFileType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses anything else, whatever it would be called', () => {
    const refused = [
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), // a Windows executable renamed photo.jpg
      Buffer.from('\x7fELF\x02\x01\x01'),
      Buffer.from('<!DOCTYPE html><script>alert(1)</script>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      Buffer.from('PK\x03\x04\x14\x00'), // zip, docx, xlsx
      Buffer.from('GIF89a'),
      Buffer.from(' %PDF-1.7'), // not at the start
      Buffer.from('%PDF'), // too short to be sure
      bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a), // truncated PNG signature
      bytes(0xff, 0xd8),
      bytes(),
    ];
    for (const head of refused) expect(detectFileType(head), JSON.stringify(head.toString())).toBeNull();
  });
});
