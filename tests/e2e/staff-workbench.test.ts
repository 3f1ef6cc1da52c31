import { maskName } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { usePhonePage } from '../support/fixtures';
import {
  api,
  citizenMessages,
  citizenView,
  closeFollowUp,
  completeByApi,
  createCitizenByApi,
  DEMO_ADMIN,
  DEMO_LAWYER,
  expectStatus,
  expectTimelineEntry,
  findOnPages,
  ID_PHOTO_JPEG,
  openFollowUps,
  openQueueTile,
  openRequestInQueue,
  postStaffMessage,
  rateByApi,
  STAFF_REQUEST,
  searchQueue,
  settledOn,
  signInAsStaff,
  staffTokenByApi,
  submitRequestByApi,
  submitServiceByApi,
  timelineTitles,
  transition,
  uploadByApi,
} from '../support/staff';

describe('H5 staff workbench', () => {
  const { page, baseUrl } = usePhonePage();

  it('works a request from the queue: accept, reply, internal note, start, complete', async () => {
    const request = await submitRequestByApi(baseUrl, '退役后参加职业技能培训有哪些补贴政策？');

    const workbench = await signInAsStaff(page(), baseUrl);
    await workbench.getByRole('link', { name: /^[1-9]\d* ?待受理$/ }).waitFor();
    await screenshot(page(), 'staff-workbench');

    // The 待受理 tile opens the queue filtered to submitted requests; the search finds ours by number.
    const queue = await openQueueTile(page(), workbench, '待受理');
    await expect.poll(() => queue.getByRole('radio', { name: '待受理' }).getAttribute('aria-checked')).toBe('true');
    await searchQueue(queue, request.number);
    const item = queue.getByRole('link', { name: new RegExp(request.number) });
    await item.waitFor();
    // The applicant's name is masked in the list.
    expect(await item.textContent()).toContain(`${request.citizen.name[0]}*`);
    expect(await item.textContent()).not.toContain(request.citizen.name);
    await screenshot(page(), 'staff-queue');
    await item.click();

    const detail = await settledOn(page(), STAFF_REQUEST);
    await detail.locator('.request-number').getByText(request.number).waitFor();
    await expectStatus(detail, '待受理');
    await detail.getByText('退役后参加职业技能培训有哪些补贴政策？').waitFor();

    await transition(detail, '受理');
    await expectStatus(detail, '已受理');

    await postStaffMessage(detail, '您好，您的咨询已受理，我们会在 3 个工作日内答复。', '公开回复');
    await postStaffMessage(detail, '已电话联系申请人，核实其 2024 年退役。', '内部备注');
    await detail
      .locator('.conversation-message')
      .filter({ hasText: '已电话联系申请人' })
      .getByText('内部备注')
      .waitFor();
    await detail.locator('.reply-box').scrollIntoViewIfNeeded();
    await screenshot(page(), 'staff-request-conversation');

    await transition(detail, '开始办理');
    await expectStatus(detail, '办理中');
    await transition(detail, '办结', '已答复：可申请职业技能培训补贴，详见区人社局公告。');
    await expectStatus(detail, '已办结');
    await detail.getByText('办件已结束，没有可办理的操作。').waitFor();

    // The timeline shows every step in order, the internal note marked as such.
    await expectTimelineEntry(detail, '办结', '已答复：可申请职业技能培训补贴');
    await expectTimelineEntry(detail, '内部备注', '已电话联系申请人');
    const titles = await timelineTitles(detail);
    const steps = ['提交', '受理', '回复留言', '内部备注仅内部可见', '开始办理', '办结'];
    expect(titles.filter((title) => steps.includes(title))).toEqual(steps);
    await screenshot(page(), 'staff-request-completed');
    // Staff often work at a computer: the page stays readable at desktop width.
    await page().setViewportSize({ width: 1280, height: 900 });
    await detail.locator('.request-summary').scrollIntoViewIfNeeded();
    await screenshot(page(), 'staff-request-desktop');

    // The applicant sees the reply and the result, never the internal note.
    const seen = await citizenView(baseUrl, request);
    expect(seen.status).toBe('completed');
    expect(JSON.stringify(seen)).not.toContain('已电话联系申请人');
    const thread = await citizenMessages(baseUrl, request);
    expect(thread.items.map((message) => message.body)).toEqual(['您好，您的咨询已受理，我们会在 3 个工作日内答复。']);
  });

  it('refuses 不予受理 without a reason, inline, then records the reason', async () => {
    const request = await submitRequestByApi(baseUrl, '我想咨询优待证的办理进度。');
    const workbench = await signInAsStaff(page(), baseUrl);
    const detail = await openRequestInQueue(page(), workbench, request.number);

    await detail.locator('.request-actions').getByRole('button', { name: '不予受理', exact: true }).click();
    const dialog = detail.getByRole('dialog', { name: '不予受理' });
    await dialog.getByRole('button', { name: '确认不予受理' }).click();
    await dialog.getByRole('alert').getByText('请填写不予受理的原因').waitFor();
    // Taro's H5 textarea passes native attributes on a later render than the alert's: wait for it.
    const reason = dialog.getByRole('textbox', { name: '不予受理的原因' });
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page(), 'staff-reject-reason-required');

    await dialog
      .getByRole('textbox', { name: '不予受理的原因' })
      .fill('同一事项已在 WD 编号办件中办理，请勿重复提交。');
    await dialog.getByRole('button', { name: '确认不予受理' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectStatus(detail, '不予受理');
    await expectTimelineEntry(detail, '不予受理', '请勿重复提交');
    expect((await citizenView(baseUrl, request)).status).toBe('rejected');
  });

  it('appeals: schedules a 约访 and completes only with a 处理结果', async () => {
    const request = await submitServiceByApi(baseUrl, 'appeal', () => ({
      category: '矛盾纠纷',
      description: '与原单位就安置待遇发生争议，希望服务中心协调。',
    }));
    const workbench = await signInAsStaff(page(), baseUrl);
    const detail = await openRequestInQueue(page(), workbench, request.number);
    await transition(detail, '受理');
    await transition(detail, '开始办理');

    const meetings = detail.locator('.meetings');
    await meetings.getByLabel('约访日期').fill('2026-12-10');
    await meetings.getByLabel('约访时间').fill('09:30');
    await meetings.getByRole('textbox', { name: '约访地点' }).fill('区退役军人服务中心二楼接待室');
    await meetings.getByRole('button', { name: '安排约访并通知申请人' }).click();
    await meetings.getByText('2026年12月10日 09:30').waitFor();
    await expectTimelineEntry(detail, '预约面谈');

    // 办结 of an appeal needs the result, said inline; then it shows on the request.
    await detail.locator('.request-actions').getByRole('button', { name: '办结', exact: true }).click();
    const dialog = detail.getByRole('dialog', { name: '办结' });
    await dialog.getByRole('button', { name: '确认办结' }).click();
    await dialog.getByRole('alert').getByText('请填写处理结果').waitFor();
    await dialog.getByRole('textbox', { name: '处理结果' }).fill('经约谈协调，原单位同意补发安置待遇。');
    await dialog.getByRole('button', { name: '确认办结' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectStatus(detail, '已办结');
    await detail.locator('.request-summary').getByText('经约谈协调，原单位同意补发安置待遇。').waitFor();
  });

  it('hardship aid: sensitive answers only after a logged reveal; attachments open; home visits', async () => {
    const request = await submitServiceByApi(baseUrl, 'hardship-aid', async (citizen) => ({
      hardshipKind: '重病',
      householdSize: 3,
      monthlyIncome: 1800,
      medicalCosts: 52000.5,
      description: '本人患病住院，家庭收入微薄。',
      incomeProof: [await uploadByApi(baseUrl, citizen.token, '收入证明.png')],
    }));
    const workbench = await signInAsStaff(page(), baseUrl);
    const detail = await openRequestInQueue(page(), workbench, request.number);

    const answers = detail.locator('.request-answers');
    await answers.getByText('困难类型').waitFor();
    expect(await answers.getByText('敏感信息，已隐藏').count()).toBeGreaterThanOrEqual(3);
    expect(await answers.textContent()).not.toContain('1,800.00');
    await answers.getByRole('button', { name: '查看敏感信息' }).click();
    const reveal = detail.getByRole('dialog', { name: '查看敏感信息' });
    await reveal.getByText('审计日志', { exact: false }).waitFor();
    await reveal.getByRole('button', { name: '确认查看' }).click();
    await answers.getByText('1,800.00 元').waitFor();
    await answers.getByText('52,000.50 元').waitFor();
    await answers.getByText('本人患病住院，家庭收入微薄。').waitFor();
    await answers.getByText('敏感信息已显示，本次查看已记入审计日志。').waitFor();

    // The view is in the audit log.
    const admin = await api<{ accessToken: string }>(baseUrl, 'POST', '/auth/staff/login', DEMO_ADMIN);
    const log = await api<{ items: { action: string; targetId: string | null }[] }>(
      baseUrl,
      'GET',
      `/admin/audit-log?action=request.view_sensitive&targetId=${request.id}`,
      undefined,
      admin.accessToken,
    );
    expect(log.items.filter((entry) => entry.targetId === String(request.id)).length).toBeGreaterThanOrEqual(1);

    // The attachment opens in a new tab, fetched with the staff member's token.
    const [tab] = await Promise.all([
      page().context().waitForEvent('page'),
      answers.getByRole('button', { name: /^查看附件 收入证明/ }).click(),
    ]);
    await tab.waitForURL(/^blob:/);
    await tab.close();

    const visits = detail.locator('.home-visits');
    await visits.getByRole('button', { name: /^查看走访记录/ }).click();
    await visits.getByText('还没有走访记录。').waitFor();
    await visits.getByLabel('走访日期').fill('2026-11-20');
    await visits.getByRole('textbox', { name: '走访情况' }).fill('入户核实：家中三口人，本人住院治疗，配偶务农。');
    await visits.getByRole('button', { name: '保存走访记录' }).click();
    await visits.getByText('入户核实：家中三口人，本人住院治疗，配偶务农。').waitFor();
    await visits.getByText(/^2026年11月20日 走访/).waitFor();
    await expectTimelineEntry(detail, '入户走访');
    await screenshot(page(), 'staff-hardship-revealed');
  });

  it('优待证: assign to me, then the issuing chain stage by stage to the pickup at a chosen station', async () => {
    const request = await submitServiceByApi(baseUrl, 'preferential-card', async (citizen) => ({
      enlistmentDate: '2005-12-01',
      dischargeDate: '2010-12-01',
      branch: '陆军',
      dischargeType: '退伍',
      address: '许昌市魏都区西大街 1 号',
      bank: '中国工商银行',
      idPhoto: [await uploadByApi(baseUrl, citizen.token, '证件照.jpg', ID_PHOTO_JPEG)],
      dischargeCertificate: [await uploadByApi(baseUrl, citizen.token, '退伍证.png')],
    }));
    const workbench = await signInAsStaff(page(), baseUrl);
    const detail = await openRequestInQueue(page(), workbench, request.number);

    const summary = detail.locator('.request-summary');
    await summary.getByRole('button', { name: '分配给我' }).click();
    await summary.locator('.request-assignee').getByText('区中心工作人员（演示）').waitFor();
    await expectTimelineEntry(detail, '指派承办人', '指派给 区中心工作人员（演示）');

    await transition(detail, '受理');
    const stages = detail.locator('.request-stages');
    const chain = stages.getByRole('list', { name: '优待证办理环节' });
    const step = async (label: string) => {
      await stages.getByRole('button', { name: `进入下一环节：${label}` }).click();
      await chain.getByRole('listitem', { name: new RegExp(` ${label}，.*，当前环节$`) }).waitFor();
    };
    await step('服务站受理');
    await step('县（区）审核');
    await transition(detail, '开始办理');
    await step('市、省备案');
    await step('部里和银行制卡');
    await chain.getByRole('listitem', { name: /部里和银行制卡，退役军人事务部、中国工商银行，当前环节/ }).waitFor();
    await step('区服务中心签收');

    await stages.getByRole('button', { name: '进入下一环节：待领取' }).click();
    const picker = detail.getByRole('dialog', { name: '选择领取优待证的服务站' });
    await picker.getByRole('button', { name: '在 西大街道退役军人服务站 领取' }).click();
    await picker.waitFor({ state: 'detached' });
    await chain.getByRole('listitem', { name: /待领取，西大街道退役军人服务站，当前环节/ }).waitFor();
    await stages.getByText('领取地点：西大街道退役军人服务站').waitFor();
    await stages.getByText(/^办公时间：周一至周五/).waitFor();
    await summary.getByText('西大街道退役军人服务站', { exact: true }).waitFor();
    await screenshot(page(), 'staff-card-chain');

    await stages.getByRole('button', { name: '进入下一环节：已领取' }).click();
    await stages.getByText('优待证已领取，各环节均已完成。').waitFor();

    await summary.getByRole('button', { name: '取消分配' }).click();
    await summary.locator('.request-assignee').getByText('未分配').waitFor();
  });

  it('an admin assigns a request to a colleague from the staff in scope', async () => {
    const request = await submitRequestByApi(baseUrl, '申请优待证需要本人到场吗？');
    const workbench = await signInAsStaff(page(), baseUrl, DEMO_ADMIN);
    await workbench.getByRole('button', { name: '未分配承办人的办件' }).waitFor();
    const detail = await openRequestInQueue(page(), workbench, request.number);
    const summary = detail.locator('.request-summary');
    await summary.getByRole('button', { name: '指派给…' }).click();
    const picker = detail.getByRole('dialog', { name: '指派承办人' });
    await picker.getByRole('button', { name: '指派给 区中心工作人员（演示）' }).click();
    await picker.waitFor({ state: 'detached' });
    await summary.locator('.request-assignee').getByText('区中心工作人员（演示）').waitFor();
  });

  it('verifies a veteran and confirms a family link for a veteran', async () => {
    const veteran = await createCitizenByApi(baseUrl, 'veteran');
    const family = await createCitizenByApi(baseUrl, 'family');
    await api(
      baseUrl,
      'POST',
      '/me/family-links',
      { veteranName: veteran.name, veteranIdNumber: veteran.idNumber, relationship: 'child' },
      family.token,
    );
    const workbench = await signInAsStaff(page(), baseUrl);

    await workbench.getByRole('button', { name: '实名核验队列' }).click();
    let view = await settledOn(page(), '/subpackages/staff/verifications/index');
    const maskedId = `${veteran.idNumber.slice(0, 4)}${'*'.repeat(10)}${veteran.idNumber.slice(-4)}`;
    const item = await findOnPages(view, view.locator('.verification-item').filter({ hasText: maskedId }));
    await item.getByRole('button', { name: /^核验通过/ }).click();
    const dialog = view.getByRole('dialog', { name: /^核验通过/ });
    // Verifying says how the reviewer checked.
    await dialog.getByRole('button', { name: '确认通过' }).click();
    await dialog.getByText('请选择核验方式').waitFor();
    await dialog.getByRole('radio', { name: '本人到服务站现场核验' }).click();
    await dialog.getByRole('button', { name: '确认通过' }).click();
    await dialog.waitFor({ state: 'detached' });
    await view.locator('.verification-item').filter({ hasText: maskedId }).waitFor({ state: 'detached' });
    const me = await api<{ veteranStatus: string }>(baseUrl, 'GET', '/me', undefined, veteran.token);
    expect(me.veteranStatus).toBe('verified');

    await page().goBack();
    view = await settledOn(page(), '/subpackages/staff/workbench/index');
    await view.getByRole('button', { name: '家属关联待确认' }).click();
    view = await settledOn(page(), '/subpackages/staff/family-links/index');
    const link = await findOnPages(
      view,
      view
        .locator('.family-link-item')
        .filter({ hasText: maskName(family.name) })
        .filter({ hasText: maskName(veteran.name) }),
    );
    await link.getByRole('button', { name: /^确认关联/ }).click();
    const confirm = view.getByRole('dialog', { name: '确认家属关联' });
    await confirm.getByRole('button', { name: '确认关联' }).click();
    await confirm.waitFor({ state: 'detached' });
    const links = await api<{ items: { status: string }[] }>(
      baseUrl,
      'GET',
      '/me/family-links',
      undefined,
      family.token,
    );
    expect(links.items.map((entry) => entry.status)).toEqual(['active']);
  });

  it('a bad rating opens a follow-up that the supervisor closes with a note', async () => {
    const request = await submitRequestByApi(baseUrl, '请问伤残抚恤金什么时候发放？');
    await completeByApi(baseUrl, await staffTokenByApi(baseUrl), request);
    await rateByApi(baseUrl, request, 2, '答复太简单，没有说明发放时间。');

    const workbench = await signInAsStaff(page(), baseUrl);
    await workbench.getByRole('link', { name: /^[1-9]\d* ?差评回访$/ }).waitFor();
    const followUps = await openFollowUps(page(), workbench);
    const item = followUps.locator('.follow-up-item').filter({ hasText: request.number });
    await item.getByText('不满意', { exact: true }).waitFor();
    await item.getByText('评价内容：答复太简单，没有说明发放时间。').waitFor();

    await item.getByRole('button', { name: /^关闭回访/ }).click();
    const dialog = followUps.getByRole('dialog', { name: '关闭回访整改' });
    await dialog.getByRole('button', { name: '确认关闭' }).click();
    await dialog.getByRole('alert').getByText('请填写回访整改情况').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();

    await closeFollowUp(followUps, request.number, '已电话回访，补充说明发放时间为每季度首月。');
    await item.waitFor({ state: 'detached' });
    await followUps.getByRole('radio', { name: '已整改' }).click();
    await followUps
      .locator('.follow-up-item')
      .filter({ hasText: request.number })
      .getByText(/整改情况：已电话回访/)
      .waitFor();
  });

  it('shows a lawyer the workbench without the request queue', async () => {
    const workbench = await signInAsStaff(page(), baseUrl, DEMO_LAWYER);
    await workbench.getByText('律师账号不办理办件', { exact: false }).waitFor();
    // The legal desk's pages (features/legal) instead.
    await workbench.getByRole('button', { name: '法律咨询·当日预约' }).waitFor();
    await workbench.getByRole('button', { name: '退出登录' }).waitFor();
    expect(await workbench.getByRole('link', { name: /待受理$/ }).count()).toBe(0);
    expect(await workbench.getByRole('button', { name: '办件队列' }).count()).toBe(0);
  });
});
