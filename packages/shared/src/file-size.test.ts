import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size';

describe('formatFileSize', () => {
  it('writes sizes in Chinese units', () => {
    expect(formatFileSize(360)).toBe('360 字节');
    expect(formatFileSize(0)).toBe('0 字节');
    expect(formatFileSize(2048)).toBe('2.0 KB');
    expect(formatFileSize(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatFileSize(undefined)).toBe('');
  });
});

describe('staffRoleText', () => {
  it('a supervisor reads 主管, other staff 工作人员', async () => {
    const { staffRoleText } = await import('./auth');
    expect(staffRoleText({ role: 'staff', isSupervisor: true })).toBe('主管（分管负责人）');
    expect(staffRoleText({ role: 'staff', isSupervisor: false })).toBe('工作人员');
    expect(staffRoleText({ role: 'lawyer', isSupervisor: true })).toBe('律师');
  });
});
