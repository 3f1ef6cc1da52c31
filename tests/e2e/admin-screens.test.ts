import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import {
  api,
  DEMO_ADMIN,
  settledOn,
  signInAsStaff,
  staffTokenByApi,
  submitRequestByApi,
  WORKBENCH,
} from '../support/staff';
import { randomIdNumber, withWrongCheckCharacter } from './auth-helpers';

/**
 * 系统管理 (subpackages/admin) on a PC browser, 1366×768: each admin screen's main path, as the district admin.
 * Units: create one, see a refusal to deactivate a unit that still has staff. Staff: create an account whose
 * temporary password is shown once, and that person signs in with it. Roster: import a file with a bad row and
 * read the report. Audit log: find an entry and export the search. Calendar: an override that moves a due date.
 * 优待证合作银行: add a bank, which applicants then see, and take it off the list again.
 */

const UNITS = '/subpackages/admin/units/index';
const STAFF = '/subpackages/admin/staff/index';
const ROSTER = '/subpackages/admin/roster/index';
const AUDIT = '/subpackages/admin/audit/index';
const CALENDAR = '/subpackages/admin/calendar/index';
const BANKS = '/subpackages/admin/banks/index';
const CHANGE_PASSWORD = '/subpackages/staff/change-password/index';

function useDesktopPage(): { page: () => Page; baseUrl: string; browser: () => Browser } {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await openDesktopPage(browser);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await screenshot(page, `failed-${context.task.name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_')}`);
    }
    await page.context().close();
  });
  return { page: () => page, baseUrl: inject('baseUrl'), browser: () => browser };
}

async function openDesktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  return context.newPage();
}

/** From the workbench's 系统管理 section into one admin screen. */
async function openAdminScreen(page: Page, workbench: Locator, title: string, path: string): Promise<Locator> {
  await workbench.getByRole('button', { name: title, exact: true }).click();
  return settledOn(page, path);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core findings on the shown page (evaluated through DevTools: the CSP allows no inline script). */
async function seriousAxeViolations(page: Page): Promise<unknown[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe;
    const root = document.querySelector('.taro_page:not(.taro_page_shade)') ?? document;
    const result = (await axe.run(root, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.slice(0, 3) }));
  });
}

const suffix = () => `${Date.now().toString(36)}${randomInt(0, 1000)}`;

describe('H5 admin screens (desktop)', () => {
  const { page, baseUrl, browser } = useDesktopPage();

  it('every admin screen opens from the workbench menu with no serious accessibility problem', async () => {
    const workbench = await signInAsStaff(page(), baseUrl, DEMO_ADMIN);
    const screens: [string, string, string][] = [
      ['机构管理', UNITS, '新建机构'],
      ['人员账号', STAFF, '新建账号'],
      ['退役军人花名册导入', ROSTER, '导入记录'],
      ['审计日志', AUDIT, '导出 Excel'],
      ['节假日设置', CALENDAR, '回到本月'],
    ];
    let view = await openAdminScreen(page(), workbench, '机构管理', UNITS);
    for (const [title, path, text] of screens) {
      // The side menu leads from one screen to the next.
      if (path !== UNITS) {
        await view.getByRole('navigation', { name: '系统管理' }).getByRole('button', { name: title }).click();
        view = await settledOn(page(), path);
      }
      await view.getByText(text, { exact: true }).first().waitFor();
      await view.locator('.load-state--loading').waitFor({ state: 'detached' });
      expect.soft(await seriousAxeViolations(page()), title).toEqual([]);
    }
  });

  it('org units: creates a community under a street, and shows why a unit with staff cannot be deactivated', async () => {
    const workbench = await signInAsStaff(page(), baseUrl, DEMO_ADMIN);
    await workbench.getByText('系统管理', { exact: true }).waitFor();
    const view = await openAdminScreen(page(), workbench, '机构管理', UNITS);
    const table = view.getByRole('table', { name: '机构列表' });
    await table.getByRole('cell', { name: '西大街道退役军人服务站', exact: false }).first().waitFor();

    // 新建下级 on the street's row opens the form with the street as parent.
    const street = table.getByRole('row').filter({ has: page().getByRole('cell', { name: 'xidajie', exact: true }) });
    await street.getByRole('button', { name: /^新建下级 .*西大街道/ }).click();
    const form = view.getByRole('form', { name: '新建机构' });
    // The shared schema's message, before anything is sent.
    await form.getByRole('textbox', { name: '机构编码' }).fill('Bad Code');
    await form.getByRole('textbox', { name: '机构名称' }).fill('测');
    await form.getByRole('button', { name: '保存新机构' }).click();
    await form.getByText('机构编码为 2–63 位小写字母、数字或连字符，以字母开头').waitFor();
    await form.getByText('请输入机构名称').waitFor();

    const code = `xdj-${suffix()}`;
    const name = `测试新建社区服务站${code.slice(-4)}`;
    await form.getByRole('textbox', { name: '机构编码' }).fill(code);
    await form.getByRole('textbox', { name: '机构名称' }).fill(name);
    await form.getByRole('textbox', { name: '联系电话' }).fill('0374-7654321');
    // Enter in a field saves (keyboard only).
    await form.getByRole('textbox', { name: '联系电话' }).press('Enter');
    await view
      .getByRole('status')
      .filter({ hasText: `已新建社区退役军人服务站：${name}（${code}）` })
      .waitFor();
    const row = table.getByRole('row').filter({ hasText: code });
    await row.getByText('0374-7654321').waitFor();
    await screenshot(page(), 'admin-units');

    // The street station still has staff: the API's reason is shown.
    await street.getByRole('button', { name: /^停用 西大街道/ }).click();
    await view.getByRole('dialog', { name: '停用机构' }).getByRole('button', { name: '确认停用' }).click();
    await view
      .getByRole('alert')
      .filter({ hasText: /个启用中的工作人员账号.*不能停用/ })
      .waitFor();

    // The new, empty unit can be deactivated.
    // By keyboard: the dialog opens with the focus on its confirm button.
    await row.getByRole('button', { name: `停用 ${name}` }).focus();
    await page().keyboard.press('Enter');
    await view.getByRole('dialog', { name: '停用机构' }).waitFor();
    await expect.poll(() => page().evaluate(() => document.activeElement?.textContent)).toBe('确认停用');
    await page().keyboard.press('Enter');
    await view
      .getByRole('status')
      .filter({ hasText: `已停用：${name}` })
      .waitFor();
    await row.getByText('已停用').waitFor();
  });

  it('staff accounts: creates an account with a temporary password shown once; the person signs in with it', async () => {
    const workbench = await signInAsStaff(page(), baseUrl, DEMO_ADMIN);
    const view = await openAdminScreen(page(), workbench, '人员账号', STAFF);
    await view
      .getByRole('table', { name: '人员账号列表' })
      .getByRole('cell', { name: 'xidajie', exact: true })
      .waitFor();

    await view.getByRole('button', { name: '新建账号' }).click();
    const form = view.getByRole('form', { name: '新建账号' });
    await form.getByRole('textbox', { name: '用户名' }).fill('1x');
    await form.getByRole('button', { name: '保存并生成临时密码' }).click();
    await form.getByText('用户名为 3–32 位字母、数字、下划线，以字母开头').waitFor();
    await form.getByText('请输入姓名').waitFor();

    const username = `desk${suffix()}`;
    await form.getByRole('textbox', { name: '用户名' }).fill(username);
    await form.getByRole('textbox', { name: '姓名' }).fill('王窗口');
    await form.getByRole('combobox', { name: '角色' }).selectOption({ label: '工作人员' });
    const token = await staffTokenByApi(baseUrl, DEMO_ADMIN);
    const units = await api<{ items: { id: number; code: string }[] }>(
      baseUrl,
      'GET',
      '/admin/org-units',
      undefined,
      token,
    );
    const xidajie = units.items.find((unit) => unit.code === 'xidajie')?.id;
    await form.getByRole('combobox', { name: '所属机构' }).selectOption(String(xidajie));
    await form.getByRole('button', { name: '保存并生成临时密码' }).click();
    const secret = view.locator('.staff-secret');
    await secret.getByText(`已新建账号 王窗口（${username}）`).waitFor();
    const password = ((await secret.getByLabel('临时密码').textContent()) ?? '').trim();
    expect(password).toMatch(/^.{12}$/);
    await screenshot(page(), 'admin-staff-created');
    await secret.getByRole('button', { name: '已告知本人，关闭' }).click();
    await expect.poll(() => view.getByText(password).count()).toBe(0);

    // Search by name, filter by role.
    await view.getByRole('textbox', { name: '搜索' }).fill('王窗口');
    await view.getByRole('textbox', { name: '搜索' }).press('Enter');
    const row = view.getByRole('row').filter({ hasText: username });
    await row.getByText('须改密码').waitFor();
    await expect.poll(() => view.getByRole('table', { name: '人员账号列表' }).getByRole('row').count()).toBe(2);

    // The person signs in in their own browser: the temporary password, then a password of their own.
    const own = await openDesktopPage(browser());
    try {
      const desk = await signInAsStaffFirstTime(own, baseUrl, username, password);
      await desk.getByText('王窗口').waitFor();
      await desk.getByText('西大街道退役军人服务站').waitFor();
    } finally {
      await own.context().close();
    }

    // Five wrong passwords lock the name for this address: the admin sees until when, and lifts it.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await fetch(`${baseUrl}/api/v1/auth/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'Wrong#Pass2026' }),
      });
    }
    await view.getByRole('button', { name: '查询' }).click();
    await row.getByText(/^已锁定至 \d{4}年/).waitFor();
    await row.getByRole('button', { name: `解锁 ${username}` }).click();
    await view.getByRole('status').filter({ hasText: '已解除 王窗口 的登录锁定' }).waitFor();
    await expect.poll(() => row.getByText(/^已锁定至/).count()).toBe(0);

    // Edit: made a supervisor (主管); the list says so.
    await row.getByRole('button', { name: `编辑 ${username}` }).click();
    const edit = view.getByRole('form', { name: '修改账号' });
    await edit.getByRole('checkbox', { name: /^主管/ }).press('Space');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await view
      .getByRole('status')
      .filter({ hasText: `已保存：王窗口（${username}）` })
      .waitFor();
    await row.getByText('主管（分管负责人）').waitFor();

    // Reset password: a new temporary password, shown once.
    await row.getByRole('button', { name: `重置密码 ${username}` }).click();
    await view.getByRole('dialog', { name: '重置密码' }).getByRole('button', { name: '确认重置' }).click();
    await secret.getByText('已重置 王窗口 的密码').waitFor();
    const reset = ((await secret.getByLabel('临时密码').textContent()) ?? '').trim();
    expect(reset).not.toBe(password);
    await api(baseUrl, 'POST', '/auth/staff/login', { username, password: reset });
    await secret.getByRole('button', { name: '已告知本人，关闭' }).click();

    // Disable: the account can no longer sign in.
    await row.getByRole('button', { name: `停用 ${username}` }).click();
    await view.getByRole('dialog', { name: '停用账号' }).getByRole('button', { name: '确认停用' }).click();
    await view.getByRole('status').filter({ hasText: '已停用：王窗口' }).waitFor();
  });

  it('roster: imports a file with a bad row and reads the row-by-row report, also from past imports', async () => {
    const workbench = await signInAsStaff(page(), baseUrl, DEMO_ADMIN);
    const view = await openAdminScreen(page(), workbench, '退役军人花名册导入', ROSTER);

    const [template] = await Promise.all([
      page().waitForEvent('download'),
      view.getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('退役军人花名册模板.csv');
    expect(readFileSync((await template.path()) as string, 'utf8')).toBe(
      '\ufeff姓名,身份证号码,退役日期,所属社区,手机号码\r\n',
    );

    const good = randomIdNumber();
    const bad = withWrongCheckCharacter(randomIdNumber());
    const csv = `姓名,身份证号码,退役日期,所属社区\n赵花名,${good},2001-12-01,xidajie-wenhua\n钱花名,${bad},2002-12-01,xidajie-wenhua\n`;
    const fileName = `roster-${suffix()}.csv`;
    await view
      .getByLabel('选择花名册文件并导入')
      .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

    const report = view.getByRole('region', { name: '导入结果' });
    await report.getByText(`导入完成：${fileName}`).waitFor();
    await report.getByText('共计 2 行').waitFor();
    await report.getByText('新增 1 行').waitFor();
    await report.getByText('拒绝 1 行').waitFor();
    const rejected = report.getByRole('table', { name: '被拒绝的行' }).getByRole('row').filter({ hasText: '第 3 行' });
    await rejected.getByText(/身份证号码/).waitFor();
    await screenshot(page(), 'admin-roster-report');

    // Past imports: the same report again.
    await report.getByRole('button', { name: '关闭结果' }).click();
    const past = view.getByRole('table', { name: '导入记录' }).getByRole('row').filter({ hasText: fileName });
    await past.getByText('共 2 行：新增 1，更新 0，无变化 0，拒绝 1').waitFor();
    await past.getByRole('button', { name: `查看结果 ${fileName}` }).click();
    await view.getByRole('region', { name: '导入结果' }).getByText('第 3 行').waitFor();
  });

  it('audit log: finds an entry by actor, action and target, and exports the search as xlsx', async () => {
    const token = await staffTokenByApi(baseUrl, DEMO_ADMIN);
    const units = await api<{ items: { id: number; code: string }[] }>(
      baseUrl,
      'GET',
      '/admin/org-units',
      undefined,
      token,
    );
    const xidajie = units.items.find((unit) => unit.code === 'xidajie')?.id;
    const code = `aud-${suffix()}`;
    const created = await api<{ id: number }>(
      baseUrl,
      'POST',
      '/admin/org-units',
      { code, name: '审计查询测试社区', level: 'community', parentId: xidajie },
      token,
    );

    const workbench = await signInAsStaff(page(), baseUrl, DEMO_ADMIN);
    const view = await openAdminScreen(page(), workbench, '审计日志', AUDIT);
    await view.getByText(/^共 \d+ 条，最新在前$/).waitFor();

    // An unknown username is refused before searching.
    await view.getByRole('textbox', { name: '操作人' }).fill('nobody-here');
    await view.getByRole('button', { name: '查询' }).click();
    await view.getByText('没有这个用户名的工作人员（也可以填账号 ID）').waitFor();

    await view.getByRole('textbox', { name: '操作人' }).fill('admin');
    await view.getByRole('combobox', { name: '操作', exact: true }).selectOption('org_unit.create');
    await view.getByRole('textbox', { name: '对象 ID' }).fill(String(created.id));
    await view.getByRole('textbox', { name: '对象 ID' }).press('Enter');
    await view.getByText('共 1 条，最新在前').waitFor();
    const row = view.getByRole('table', { name: '审计日志' }).getByRole('row').nth(1);
    await row.getByText('新建机构（org_unit.create）').waitFor();
    await row.getByText(`org_unit #${created.id}`).waitFor();
    await row.getByText('系统管理员（演示）（admin）').waitFor();
    await screenshot(page(), 'admin-audit');

    const [download] = await Promise.all([
      page().waitForEvent('download'),
      view.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^审计日志_\d{8}-\d{4}\.xlsx$/);
    const file = readFileSync((await download.path()) as string);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    await view
      .getByRole('status')
      .filter({ hasText: /^已导出：审计日志_/ })
      .waitFor();
    // The unit was only there to be audited.
    await api(baseUrl, 'PATCH', `/admin/org-units/${created.id}`, { active: false }, token);
  });

  it('holiday calendar: an override on a due date moves the due date of requests filed afterwards', async () => {
    const staffToken = await staffTokenByApi(baseUrl);
    const dueOf = async (id: number) =>
      (await api<{ dueDate: string }>(baseUrl, 'GET', `/staff/requests/${id}`, undefined, staffToken)).dueDate;
    const before = await submitRequestByApi(baseUrl, '节假日调整前提交的咨询');
    const due = await dueOf(before.id);
    const [year, month, day] = due.split('-').map(Number) as [number, number, number];
    const adminToken = await staffTokenByApi(baseUrl, DEMO_ADMIN);
    try {
      const workbench = await signInAsStaff(page(), baseUrl, DEMO_ADMIN);
      const view = await openAdminScreen(page(), workbench, '节假日设置', CALENDAR);
      // To the month of the due date.
      const today = new Date(Date.now() + 8 * 3600_000);
      const steps = (year - today.getUTCFullYear()) * 12 + (month - (today.getUTCMonth() + 1));
      for (let step = 0; step < steps; step += 1) await view.getByRole('button', { name: '下个月' }).click();
      await view.getByRole('grid', { name: `${year}年${month}月` }).waitFor();

      const cell = view.getByRole('gridcell', { name: new RegExp(`^${year}年${month}月${day}日 星期. `) });
      await expect.poll(() => cell.getAttribute('aria-label')).toMatch(/(工作日|调休上班)/);
      await cell.focus();
      await page().keyboard.press('Enter');
      const form = view.getByRole('form', { name: '调整这一天' });
      await expect.poll(() => form.getByRole('combobox', { name: '调整为' }).inputValue()).toBe('holiday');
      await form.getByRole('button', { name: '保存调整' }).click();
      await form.getByText('请填写名称，如 国庆节').waitFor();
      await form.getByRole('textbox', { name: '原因（名称）' }).fill('防汛停工');
      await form.getByRole('button', { name: '保存调整' }).click();
      await view
        .getByRole('status')
        .filter({ hasText: /^已将 .* 设为放假（防汛停工）/ })
        .waitFor();
      await expect.poll(() => cell.getAttribute('aria-label')).toMatch(/放假 防汛停工（管理员调整）$/);
      const overrides = view.getByRole('table', { name: '管理员调整' });
      await overrides.getByRole('row').filter({ hasText: '防汛停工' }).waitFor();
      await screenshot(page(), 'admin-calendar');

      // A request filed now is due one working day later; the earlier one keeps its date.
      const after = await submitRequestByApi(baseUrl, '节假日调整后提交的咨询');
      const moved = await dueOf(after.id);
      expect(moved > due).toBe(true);
      expect(await dueOf(before.id)).toBe(due);

      // Remove the override: the statutory schedule again.
      await overrides
        .getByRole('row')
        .filter({ hasText: '防汛停工' })
        .getByRole('button', { name: /^取消调整 / })
        .click();
      await view.getByRole('dialog', { name: '取消调整' }).getByRole('button', { name: '确认取消调整' }).click();
      await view
        .getByRole('status')
        .filter({ hasText: /已取消 .* 的调整，恢复法定安排/ })
        .waitFor();
      await expect.poll(() => overrides.getByRole('row').filter({ hasText: '防汛停工' }).count()).toBe(0);
    } finally {
      // Never leave the override behind for other tests of the run.
      await fetch(`${baseUrl}/api/v1/admin/holidays/${due}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${adminToken}` },
      });
    }
  });

  it('优待证合作银行: the seeded partners, a bank added that applicants can choose, then taken off the list', async () => {
    const name = `测试银行${randomInt(1000, 9999)}`;
    const applicantsSee = async () =>
      (await api<{ items: { name: string }[] }>(baseUrl, 'GET', '/card-banks')).items.map((bank) => bank.name);
    const workbench = await signInAsStaff(page(), baseUrl, DEMO_ADMIN);
    const view = await openAdminScreen(page(), workbench, '优待证合作银行', BANKS);
    const table = view.getByRole('table', { name: '合作银行列表' });
    for (const seeded of ['中国工商银行', '中国农业银行', '中国邮政储蓄银行', '中国光大银行']) {
      await table.getByRole('row').filter({ hasText: seeded }).waitFor();
    }
    await view.getByRole('button', { name: '添加', exact: true }).click();
    await view.getByText('请填写银行名称').waitFor();
    await view.getByRole('textbox', { name: '新增合作银行' }).fill(name);
    await page().keyboard.press('Enter');
    await view
      .getByRole('status')
      .filter({ hasText: `已添加合作银行：${name}` })
      .waitFor();
    expect(await applicantsSee()).toContain(name);

    await table
      .getByRole('row')
      .filter({ hasText: name })
      .getByRole('button', { name: `停用 ${name}` })
      .click();
    await view.getByRole('dialog', { name: '停用合作银行' }).getByRole('button', { name: '确认停用' }).click();
    await view
      .getByRole('status')
      .filter({ hasText: `已停用：${name}` })
      .waitFor();
    await table.getByRole('row').filter({ hasText: name }).getByText('已停用').waitFor();
    await screenshot(page(), 'admin-card-banks');
    expect(await applicantsSee()).not.toContain(name);
  });

  it('a street admin manages only their subtree and reads the calendar; a caseworker is told the screens are not theirs', async () => {
    const token = await staffTokenByApi(baseUrl, DEMO_ADMIN);
    const units = await api<{ items: { id: number; code: string }[] }>(
      baseUrl,
      'GET',
      '/admin/org-units',
      undefined,
      token,
    );
    const xidajie = units.items.find((unit) => unit.code === 'xidajie')?.id;
    const username = `street${suffix()}`;
    const temporary = 'Street#Admin2026';
    await api(
      baseUrl,
      'POST',
      '/admin/staff',
      { username, displayName: '街道管理员', role: 'admin', unitId: xidajie, password: temporary },
      token,
    );

    const workbench = await signInAsStaffFirstTime(page(), baseUrl, username, temporary);
    const tree = (await openAdminScreen(page(), workbench, '机构管理', UNITS)).getByRole('table', { name: '机构列表' });
    await tree.getByRole('cell', { name: 'xidajie-wenhua', exact: true }).waitFor();
    expect(await tree.getByRole('cell', { name: 'dongdajie', exact: true }).count()).toBe(0);

    await page().goto(`${baseUrl}${CALENDAR}`);
    const calendar = await settledOn(page(), CALENDAR);
    await calendar.getByRole('gridcell').first().click();
    await calendar.getByText('节假日由区中心管理员设置。').waitFor();
    expect(await calendar.getByRole('button', { name: '保存调整' }).count()).toBe(0);

    // A caseworker of the station: no 系统管理 in the workbench, and the page says why.
    const clerk = await openDesktopPage(browser());
    try {
      const own = await signInAsStaff(clerk, baseUrl, { username: 'xidajie', password: 'Demo@2026pass' });
      await own.getByRole('button', { name: '办件队列' }).waitFor();
      expect(await own.getByText('系统管理', { exact: true }).count()).toBe(0);
      await clerk.goto(`${baseUrl}${UNITS}`);
      const refused = await settledOn(clerk, UNITS);
      await refused.getByText('您的账号不能使用此页面').waitFor();
      await refused.getByText('机构管理由管理员办理。').waitFor();
    } finally {
      await clerk.context().close();
    }
  });
});

/** A new account's first sign-in: the temporary password, then its own password, then the workbench. */
async function signInAsStaffFirstTime(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/subpackages/staff/sign-in/index`);
  let view = await settledOn(page, '/subpackages/staff/sign-in/index');
  await view.getByRole('textbox', { name: '用户名' }).fill(username);
  await view.getByLabel('密码', { exact: true }).fill(password);
  await view.getByRole('button', { name: '登录' }).click();
  view = await settledOn(page, CHANGE_PASSWORD);
  await view.getByLabel('临时密码').fill(password);
  const own = 'Counter#Desk2027';
  await view.getByLabel('新密码', { exact: true }).fill(own);
  await view.getByLabel('确认新密码').fill(own);
  await view.getByRole('button', { name: '确认修改' }).click();
  return settledOn(page, WORKBENCH);
}
