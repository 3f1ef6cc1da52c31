import { describe, expect, it } from 'vitest';
import { answerRows, fileSizeText } from './answers';

const scan = { id: 'a'.repeat(24), fileName: '收入证明.pdf', mimeType: 'application/pdf' as const, size: 2048 };

describe('answerRows', () => {
  it('lists every field in form order, sensitive ones hidden until revealed', () => {
    const rows = answerRows(
      'hardship-aid',
      { hardshipKind: '重病', householdSize: 3 },
      ['monthlyIncome', 'description', 'incomeProof'],
      [],
    );
    expect(rows.map((row) => [row.label, row.kind])).toEqual([
      ['困难类型', 'text'],
      ['家庭人口（人）', 'text'],
      ['家庭月收入（元）', 'hidden'],
      ['近一年医疗费用（元）', 'text'],
      ['困难情况说明', 'hidden'],
      ['联系电话', 'text'],
      ['家庭住址', 'text'],
      ['诊断证明', 'files'],
      ['医疗费用票据', 'files'],
      ['家庭收入情况说明', 'hidden'],
    ]);
    expect(rows[1]).toMatchObject({ text: '3' });
    expect(rows[3]).toMatchObject({ text: '未填写', sensitive: true });
  });

  it('formats revealed money, dates and files', () => {
    const rows = answerRows(
      'hardship-aid',
      { monthlyIncome: 1234.5, medicalCosts: 20000, incomeProof: [scan.id, 'b'.repeat(24)] },
      [],
      [scan],
    );
    expect(rows.find((row) => row.name === 'monthlyIncome')).toMatchObject({ text: '1,234.50 元' });
    expect(rows.find((row) => row.name === 'medicalCosts')).toMatchObject({ text: '20,000.00 元' });
    // Only files the server listed can be opened.
    expect(rows.find((row) => row.name === 'incomeProof')).toMatchObject({ kind: 'files', files: [scan] });

    const card = answerRows('preferential-card', { enlistmentDate: '2001-12-01', branch: '海军' }, [], []);
    expect(card[0]).toMatchObject({ label: '入伍日期', text: '2001年12月1日' });
    expect(card[2]).toMatchObject({ label: '服役军种', text: '海军' });
  });
});

describe('fileSizeText', () => {
  it('reads sizes', () => {
    expect(fileSizeText(512)).toBe('512 字节');
    expect(fileSizeText(2048)).toBe('2.0 KB');
    expect(fileSizeText(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
