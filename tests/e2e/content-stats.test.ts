import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { usePhonePage } from '../support/fixtures';
import { api, createCitizenByApi, settledOn, signInAsStaff } from '../support/staff';

/** The statistics page 统计报表 (subpackages/staff-stats) in the H5 workbench: figures, charts, 导出 Excel. */

const STATS = '/subpackages/staff-stats/overview/index';

describe('H5 statistics page', () => {
  const { page, baseUrl } = usePhonePage();

  it('shows the key figures and charts of a period and unit, and downloads them as xlsx', async () => {
    // One citizen (sign-in codes are limited per hour) with two questions.
    const citizen = await createCitizenByApi(baseUrl);
    for (const question of ['今年的优待证什么时候可以领取？', '退役后社保断缴怎么补？']) {
      const body = { serviceCode: 'policy-question', formData: { topic: '优待抚恤', question }, submit: true };
      await api(baseUrl, 'POST', '/requests', body, citizen.token);
    }

    const workbench = await signInAsStaff(page(), baseUrl);
    await workbench.getByRole('button', { name: '统计报表' }).click();
    const stats = await settledOn(page(), STATS);

    // This year by default, the district centre's whole district.
    await expect.poll(() => stats.getByRole('radio', { name: '本年' }).getAttribute('aria-checked')).toBe('true');
    await stats.getByText('魏都区退役军人服务中心 · ').waitFor();
    const total = stats.getByRole('group', { name: /^受理总数 \d+/ });
    await total.waitFor();
    const count = Number((await total.getAttribute('aria-label'))?.match(/^受理总数 (\d+)/)?.[1]);
    expect(count).toBeGreaterThanOrEqual(2);
    for (const figure of ['办结率', '按时办结率', '办理天数', '满意率', '差评整改完成率', '法律咨询']) {
      await stats.getByRole('group', { name: new RegExp(`^${figure} `) }).waitFor();
    }
    await stats.getByText('按事项').waitFor();
    await stats.getByRole('group', { name: /^政策咨询：受理 [1-9]/ }).waitFor();
    await stats.getByText('按月趋势').waitFor();
    // Requests the app received and those staff filed (窗口 / 电话 / 上门), each channel shown even when empty.
    await stats.getByText('按受理渠道').waitFor();
    await stats.getByRole('group', { name: /^线上：受理 [1-9]/ }).waitFor();
    for (const channel of ['窗口', '电话', '上门']) {
      await stats.getByRole('group', { name: new RegExp(`^${channel}：受理 \\d+`) }).waitFor();
    }
    // The bars are drawn to scale: the largest service fills its track.
    const widths = await stats
      .locator('.stats-bar__fill')
      .evaluateAll((bars) => bars.map((bar) => (bar as HTMLElement).style.width));
    expect(widths).toContain('100%');
    await screenshot(page(), 'content-stats');

    // Presets set the dates.
    await stats.getByRole('radio', { name: '本月' }).click();
    const from = await stats.getByRole('textbox', { name: '起始日期' }).inputValue();
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);

    // A street station below the district.
    await stats.getByRole('button', { name: '更换统计单位' }).click();
    const dialog = stats.getByRole('dialog', { name: '选择统计单位' });
    const street = dialog.getByRole('radio', { name: /街道退役军人服务站$/ }).first();
    const streetName = (await street.getAttribute('aria-label')) ?? '';
    await street.click();
    await stats.getByText(`${streetName} · `).waitFor();
    await stats.getByText('法律咨询由区服务中心统一提供，仅在区级统计中显示。').waitFor();

    // 导出 Excel: a normal download of the workbook.
    const [download] = await Promise.all([
      page().waitForEvent('download'),
      stats.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^魏都区退役军人服务统计_${streetName}_.*\\.xlsx$`));
    const file = readFileSync((await download.path()) as string);
    expect(file.subarray(0, 2).toString()).toBe('PK');
  });
});
