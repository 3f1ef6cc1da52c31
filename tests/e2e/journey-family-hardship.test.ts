import { maskName } from '@veterans/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPhonePage, screenshot } from '../support/browser';
import {
  attachFile,
  chooseOption,
  expectStep,
  fillField,
  newPerson,
  nextStep,
  openMyRequests,
  openRequest,
  openServiceGuide,
  REQUEST_DETAIL,
  REQUEST_FORM,
  settledOn,
  signUpCitizen,
  startApplication,
  submitApplication,
  tinyPng,
} from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import {
  api,
  closeFollowUp,
  createCitizenByApi,
  DEMO_DISTRICT_STAFF,
  DEMO_PASSWORD,
  expectStatus,
  expectTimelineEntry,
  findOnPages,
  openFollowUps,
  openRequestInQueue,
  postStaffMessage,
  STAFF_FOLLOW_UPS,
  type StaffAccount,
  signInAsStaff,
  transition,
  WORKBENCH,
} from '../support/staff';

const FAMILY_LINKS = '/subpackages/account/family-links/index';
const NUMBER = /^WD\d{8}-\d{4}$/;

/** 文化社区工作人员（演示）: a community station's caseworker, not a supervisor (server/src/demo/staff.ts). */
const DEMO_COMMUNITY_STAFF: StaffAccount = { username: 'wenhua', password: DEMO_PASSWORD };
const COMMUNITY_CODE = 'xidajie-wenhua';
const COMMUNITY_NAME = '文化社区退役军人服务站';

const REPLY = '您好，已收到您代父亲提交的困难帮扶申请，社区将于本周内入户走访核实。';
const RESULT = '经入户走访核实，已发放临时救助金 2000 元。';
const COMPLAINT = '走访时间一再推迟，救助金额也没有说明依据。';
const FOLLOW_UP_NOTE = '已电话回访申请人，说明救助标准，并约定下周再次走访。';

/**
 * The journey of the product issue, through the H5 pages of three people on their own phones (browser
 * contexts): a family member files 困难帮扶 for the veteran they are linked to, with an attachment; the
 * veteran's community station works it (受理, 回复, 开始办理, 办结); the family member reads the timeline and
 * the reply and rates 不满意; the follow-up 回访整改 reaches the supervisor 分管负责人 above that station — the
 * district centre's `staff` — who closes it, and the family member sees that in the timeline too.
 *
 * The request routes to the veteran's community (困难帮扶 is handled at community level), so the caseworker
 * is `wenhua`, who may only read the follow-up; the follow-up belongs to 文化社区 and goes to the supervisors of
 * that unit and of every unit above it: `staff` at the district centre is the only one.
 */
describe('Journey: family member files 困难帮扶 for a veteran; a bad rating reaches the supervisor', () => {
  const { page: familyPage, baseUrl } = usePhonePage();

  it('files with an attachment, staff work it in another context, 不满意 opens a follow-up for the supervisor', {
    timeout: 240_000,
  }, async () => {
    const browser = familyPage().context().browser();
    if (!browser) throw new Error('no browser');
    const others: { name: string; page: Page }[] = [];
    const phone = async (name: string) => {
      const page = await openPhonePage(browser);
      others.push({ name, page });
      return page;
    };

    // The veteran (set up through the API; linking in the pages is covered by auth-family.test.ts) lives in
    // 文化社区, so requests filed for him go to that community's station.
    const veteran = await createCitizenByApi(baseUrl, 'veteran');
    const { items: units } = await api<{ items: { id: number; code: string; name: string }[] }>(
      baseUrl,
      'GET',
      '/org-units',
    );
    const community = units.find((unit) => unit.code === COMMUNITY_CODE);
    if (!community) throw new Error(`No unit ${COMMUNITY_CODE}`);
    expect(community.name).toBe(COMMUNITY_NAME);
    await api(baseUrl, 'PUT', '/me', { communityUnitId: community.id }, veteran.token);
    const veteranMasked = maskName(veteran.name);

    try {
      // ---- The family member signs up and asks to be linked to the veteran, who confirms.
      const family = newPerson('赵晓燕', '家属');
      let view = await signUpCitizen(familyPage(), baseUrl, family);
      await view.getByRole('button', { name: '关联退役军人' }).click();
      view = await settledOn(familyPage(), FAMILY_LINKS);
      await view.getByRole('textbox', { name: '退役军人姓名' }).fill(veteran.name);
      await view.getByRole('textbox', { name: '退役军人身份证号码' }).fill(veteran.idNumber);
      await view.getByRole('radio', { name: '子女' }).click();
      await view.getByRole('button', { name: '提交关联申请' }).click();
      await view.getByText('待确认').waitFor();
      // A second request, to a veteran who never answers: a link that is not active must not hide 为谁办理.
      const stranger = await createCitizenByApi(baseUrl, 'veteran');
      await view.getByRole('textbox', { name: '退役军人姓名' }).fill(stranger.name);
      await view.getByRole('textbox', { name: '退役军人身份证号码' }).fill(stranger.idNumber);
      await view.getByRole('radio', { name: '子女' }).click();
      await view.getByRole('button', { name: '提交关联申请' }).click();
      await expect.poll(() => view.getByText('待确认').count()).toBe(2);

      const { items: links } = await api<{ items: { id: number; role: string; status: string }[] }>(
        baseUrl,
        'GET',
        '/me/family-links',
        undefined,
        veteran.token,
      );
      const pending = links.find((link) => link.role === 'veteran' && link.status === 'pending');
      if (!pending) throw new Error(`No pending link: ${JSON.stringify(links)}`);
      await api(baseUrl, 'POST', `/me/family-links/${pending.id}/confirm`, undefined, veteran.token);

      // ---- 困难帮扶 for the veteran: separate consent, 为谁办理, the answers, an attachment, submit.
      const guide = await openServiceGuide(familyPage(), baseUrl, '困难帮扶申请');
      await guide.getByText('家属可代为申请').first().waitFor();
      let form = await startApplication(familyPage(), guide);
      await form.getByText('敏感个人信息处理告知').waitFor();
      await form.getByRole('button', { name: '同意并继续' }).click();
      form = await settledOn(familyPage(), REQUEST_FORM);
      await expectStep(form, '第 1/3 步', '困难情况');

      const behalf = form.getByRole('radiogroup', { name: '为谁办理' });
      await expect.poll(() => behalf.getByRole('radio', { name: '本人' }).getAttribute('aria-checked')).toBe('true');
      const forVeteran = behalf.getByRole('radio', { name: `${veteranMasked}（代办）` });
      await forVeteran.click();
      await expect.poll(() => forVeteran.getAttribute('aria-checked')).toBe('true');

      await chooseOption(form, '重病');
      await fillField(form, '家庭人口（人）', '3');
      await fillField(form, '家庭月收入（元）', '1500');
      await fillField(form, '困难情况说明', '父亲患病住院，家庭收入微薄，医疗费用负担重。');
      await nextStep(form);

      await expectStep(form, '第 2/3 步', '上传材料');
      await attachFile(form, '家庭收入情况说明', {
        name: '家庭收入说明.png',
        mimeType: 'image/png',
        buffer: tinyPng(),
      });
      await nextStep(form);

      await expectStep(form, '第 3/3 步', '核对信息');
      await form.getByText(`为 ${veteranMasked} 办理`).waitFor();
      await form.getByText('家庭收入说明.png').waitFor();
      await form.getByText('1,500.00').waitFor();
      await screenshot(familyPage(), 'journey-family-review');
      const number = await submitApplication(form);
      expect(number).toMatch(NUMBER);
      await form.getByText(COMMUNITY_NAME).waitFor();

      await form.getByRole('button', { name: '查看办件' }).click();
      let detail = await settledOn(familyPage(), REQUEST_DETAIL);
      await detail.getByText(number).waitFor();
      await detail.locator('.request-relation').getByText(`您为 ${veteranMasked} 代办`).waitFor();
      await detail.getByRole('button', { name: '查看附件：家庭收入说明.png' }).waitFor();
      await screenshot(familyPage(), 'journey-family-submitted');
      // The image opens in Taro's viewer (its script is fetched on this first use), and a tap closes it.
      await detail.getByRole('button', { name: '查看附件：家庭收入说明.png' }).click();
      const viewer = familyPage().locator('.preview-image');
      await viewer.locator('img').waitFor();
      await viewer.click();
      await viewer.waitFor({ state: 'detached' });

      // ---- The community station, on another phone: sees who filed for whom and the attachment; works it.
      const staffPage = await phone('caseworker');
      const workbench = await signInAsStaff(staffPage, baseUrl, DEMO_COMMUNITY_STAFF);
      const request = await openRequestInQueue(staffPage, workbench, number);
      const summary = request.locator('.request-summary');
      await summary.getByText(`${maskName(family.name)}（代 ${veteranMasked} 办理）`).waitFor();
      await summary.getByText(COMMUNITY_NAME).waitFor();
      // The answers and the attachment are sensitive: shown after a logged 查看敏感信息.
      const answers = request.locator('.request-answers');
      await answers.getByText('敏感信息，已隐藏').first().waitFor();
      expect(await answers.getByRole('button', { name: /^查看附件/ }).count()).toBe(0);
      await answers.getByRole('button', { name: '查看敏感信息' }).click();
      const reveal = request.getByRole('dialog', { name: '查看敏感信息' });
      await reveal.getByRole('button', { name: '确认查看' }).click();
      await answers.getByText('1,500.00 元').waitFor();
      await answers.getByRole('button', { name: /^查看附件 家庭收入说明\.png/ }).waitFor();

      await transition(request, '受理');
      await expectStatus(request, '已受理');
      await postStaffMessage(request, REPLY, '公开回复');
      await transition(request, '开始办理');
      await expectStatus(request, '办理中');
      await transition(request, '办结', RESULT);
      await expectStatus(request, '已办结');
      await expectTimelineEntry(request, '办结', RESULT);
      await screenshot(staffPage, 'journey-staff-completed');

      // ---- The family member: status, result, the timeline in order, the reply.
      let list = await openMyRequests(familyPage(), baseUrl);
      detail = await openRequest(familyPage(), list, number);
      await detail.locator('.detail-head').getByText('已办结', { exact: true }).waitFor();
      await detail.getByText(RESULT).first().waitFor();
      const timeline = detail.locator('.timeline-section');
      const actions = (await timeline.locator('.timeline-item__action').allInnerTexts()).reverse();
      expect(actions).toEqual(['创建申请', '提交', '受理', '回复留言', '开始办理', '办结']);
      const accepted = timeline.locator('.timeline-item').filter({ hasText: '已提交 → 已受理' });
      await accepted.getByText(`工作人员（${COMMUNITY_NAME}）`).waitFor();
      await timeline.locator('.timeline-item').filter({ hasText: '办理中 → 已办结' }).getByText(RESULT).waitFor();
      const reply = detail.locator('.conversation-section .message--theirs').filter({ hasText: REPLY });
      await reply.waitFor();
      // The request is over: no more messages, but it can be rated.
      expect(await detail.getByRole('textbox', { name: '留言内容' }).count()).toBe(0);
      await screenshot(familyPage(), 'journey-family-completed');

      // ---- …and rates it 不满意, with a comment, in the page.
      const rating = detail.locator('.rating-section');
      await rating.getByText('评价本次服务').waitFor();
      const levels = rating.getByRole('radiogroup', { name: '满意程度' });
      await levels.getByRole('radio', { name: '不满意', exact: true }).click();
      await expect
        .poll(() => levels.getByRole('radio', { name: '不满意', exact: true }).getAttribute('aria-checked'))
        .toBe('true');
      await rating.getByRole('textbox', { name: '评价内容' }).fill(COMPLAINT);
      await rating.getByRole('button', { name: '提交评价' }).click();
      await rating.getByText('我的评价').waitFor();
      await rating.locator('.rating-result').getByText('不满意', { exact: true }).waitFor();
      await rating.getByText(COMPLAINT).waitFor();
      await rating.getByText('感谢您的评价。').waitFor();
      await screenshot(familyPage(), 'journey-family-rated');

      // ---- The caseworker sees the follow-up of their station, but may not close it.
      await staffPage.goto(`${baseUrl}${WORKBENCH}`);
      let followUps = await openFollowUps(staffPage, await settledOn(staffPage, WORKBENCH));
      let item = await findOnPages(followUps, followUps.locator('.follow-up-item').filter({ hasText: number }));
      await item.getByText('不满意', { exact: true }).waitFor();
      await followUps.locator('.follow-ups-read-only').waitFor();
      expect(await item.getByRole('button', { name: /^关闭回访/ }).count()).toBe(0);

      // ---- The supervisor of the district centre, on a third phone: told in the inbox, closes the follow-up.
      const supervisorPage = await phone('supervisor');
      const supervisorBench = await signInAsStaff(supervisorPage, baseUrl, DEMO_DISTRICT_STAFF);
      const notice = supervisorBench.locator('.notification-row').filter({ hasText: number });
      await notice.getByText('差评待回访：不满意').waitFor();
      await notice.getByText(COMPLAINT, { exact: false }).waitFor();
      await notice.click();
      followUps = await settledOn(supervisorPage, STAFF_FOLLOW_UPS);
      item = await findOnPages(followUps, followUps.locator('.follow-up-item').filter({ hasText: number }));
      await item.getByText('困难帮扶申请').waitFor();
      await item.getByText('不满意', { exact: true }).waitFor();
      await item.getByText(`评价内容：${COMPLAINT}`).waitFor();
      await item.getByText(new RegExp(`^${COMMUNITY_NAME} · 评价于`)).waitFor();
      expect(await followUps.locator('.follow-ups-read-only').count()).toBe(0);
      await screenshot(supervisorPage, 'journey-supervisor-follow-ups');

      await closeFollowUp(followUps, number, FOLLOW_UP_NOTE);
      await item.waitFor({ state: 'detached' });
      await followUps.getByRole('radio', { name: '已整改' }).click();
      await followUps
        .locator('.follow-up-item')
        .filter({ hasText: number })
        .getByText(`整改情况：${FOLLOW_UP_NOTE}`, { exact: false })
        .waitFor();

      // ---- The family member's timeline records the follow-up.
      list = await openMyRequests(familyPage(), baseUrl);
      detail = await openRequest(familyPage(), list, number);
      await detail
        .locator('.timeline-section .timeline-item--latest')
        .filter({ hasText: '回访整改' })
        .getByText('差评回访整改已完成')
        .waitFor();
    } catch (error) {
      for (const { name, page } of others) {
        await screenshot(page, `failed-journey-family-hardship-${name}`).catch(() => undefined);
      }
      throw error;
    } finally {
      for (const { page } of others) await page.context().close();
    }
  });
});
