import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import {
  attachFile,
  chooseOption,
  expectStep,
  fillField,
  GUIDE,
  HOME,
  INBOX,
  MINE,
  MY_REQUESTS,
  newPerson,
  nextStep,
  openMyRequests,
  openRequest,
  openServiceGuide,
  previousStep,
  REQUEST_DETAIL,
  REQUEST_FORM,
  readRequestNumber,
  settledOn,
  signUpCitizen,
  startApplication,
  submitApplication,
  tinyPng,
} from '../support/citizen';
import { usePhonePage } from '../support/fixtures';

const NUMBER = /^WD\d{8}-\d{4}$/;

describe('H5 citizen applies online: form, draft, submit, 我的办件', () => {
  const { page, baseUrl } = usePhonePage();

  it('applies for 政策咨询: checks each page, keeps the draft when leaving, submits once despite a lost answer', async () => {
    await signUpCitizen(page(), baseUrl, newPerson('王建军'));

    let guide = await openServiceGuide(page(), baseUrl, '政策咨询');
    let form = await startApplication(page(), guide);
    await expectStep(form, '第 1/2 步', '咨询内容');

    // Each page is checked with the shared schema before moving on.
    await nextStep(form);
    await form.getByText('请选择咨询方向').waitFor();
    await form.getByText('请填写您的问题').waitFor();
    await chooseOption(form, '社会保险');
    await fillField(form, '您的问题', '退役后养老保险怎么接续？');
    await nextStep(form);

    // The review lists every answer; 修改 goes to the page and back to the review.
    await expectStep(form, '第 2/2 步', '核对信息');
    await form.getByText('退役后养老保险怎么接续？').waitFor();
    await form.getByText('社会保险').waitFor();
    await form.getByText('草稿已自动保存').waitFor();
    await form.getByRole('button', { name: '修改咨询内容' }).click();
    await expectStep(form, '第 1/2 步', '咨询内容');
    await fillField(form, '您的问题', '退役后养老保险和医疗保险怎么接续？');
    await form.getByRole('button', { name: '保存并返回核对' }).click();
    await expectStep(form, '第 2/2 步', '核对信息');
    await form.getByText('退役后养老保险和医疗保险怎么接续？').waitFor();
    await previousStep(form);
    await expectStep(form, '第 1/2 步', '咨询内容');

    // Leave mid-way, after typing: what was typed is saved on the way out.
    await fillField(form, '您的问题', '退役后养老保险和医疗保险分别到哪里办理接续？');
    const saved = page().waitForResponse(
      (response) => response.request().method() === 'PATCH' && /\/api\/v1\/requests\/\d+$/.test(response.url()),
    );
    await page().goBack();
    expect((await saved).status()).toBe(200);
    guide = await settledOn(page(), GUIDE);
    await guide.getByText(/您有一份未提交的草稿/).waitFor();

    // Coming back restores the draft and goes on where it was complete: the review.
    await guide.getByRole('button', { name: '继续填写' }).click();
    form = await settledOn(page(), REQUEST_FORM);
    await expectStep(form, '第 2/2 步', '核对信息');
    await form.getByText('退役后养老保险和医疗保险分别到哪里办理接续？').waitFor();
    await screenshot(page(), 'requests-review');

    // The first submit reaches the server but its answer is lost: 重试 sends the same key, and the server
    // answers with the same request instead of submitting twice.
    let submits = 0;
    const keys: string[] = [];
    await page().route(
      '**/api/v1/requests/*/submit',
      async (route) => {
        submits += 1;
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    page().on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/submit') && submits > 0) {
        keys.push(request.headers()['idempotency-key'] ?? '');
      }
    });
    await form.getByRole('button', { name: '提交申请' }).click();
    await form.getByText(/提交未完成/).waitFor();
    await form.getByRole('button', { name: '重试' }).click();
    const number = await readRequestNumber(form);
    expect(number).toMatch(NUMBER);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys.at(-1)).toBe(keys[0]);
    await form.getByText(/承诺办结/).waitFor();
    await form.getByText(/接下来：已提交，等待/).waitFor();
    await screenshot(page(), 'requests-submitted');

    // The detail: number, status, what happens next, the timeline.
    await form.getByRole('button', { name: '查看办件' }).click();
    let detail = await settledOn(page(), REQUEST_DETAIL);
    await detail.getByText(number).waitFor();
    await detail.getByText('已提交', { exact: true }).first().waitFor();
    await detail.getByText('下一步：').waitFor();
    await detail.getByText('草稿 → 已提交').waitFor();
    await detail.getByText('创建申请').waitFor();
    await detail.getByText('退役后养老保险和医疗保险分别到哪里办理接续？').waitFor();

    // 我的办件 lists it once, with its number and status.
    const list = await openMyRequests(page(), baseUrl);
    await list.getByText(number).waitFor();
    expect(await list.getByText('政策咨询', { exact: true }).count()).toBe(1);
    await screenshot(page(), 'requests-list');
    detail = await openRequest(page(), list, number);
    await detail.getByText('办理进度').waitFor();
    await detail.getByText(number).waitFor();

    // 撤回, after a confirmation with an optional reason: the timeline records it.
    await detail.getByRole('button', { name: '撤回申请' }).click();
    const dialog = detail.getByRole('dialog', { name: '撤回申请' });
    await dialog.getByRole('textbox', { name: '撤回原因' }).fill('已在窗口咨询');
    await dialog.getByRole('button', { name: '确认撤回' }).click();
    await detail.getByText('已提交 → 已撤回').waitFor();
    await detail.getByText('已在窗口咨询').waitFor();
    await detail.getByText('已撤回', { exact: true }).first().waitFor();
    expect(await detail.getByRole('button', { name: '撤回申请' }).count()).toBe(0);

    // The home page's 消息 tile counts the notice of the submit; 全部已读 clears it.
    await page().goto(`${baseUrl}${HOME}`);
    const home = await settledOn(page(), HOME);
    await home.getByRole('button', { name: /^消息\s*\d+ 条未读$/ }).click();
    const inbox = await settledOn(page(), INBOX);
    await inbox.getByText('办件已提交').first().waitFor();
    await inbox.getByRole('button', { name: '全部已读' }).click();
    await inbox.getByText('没有未读消息').waitFor();
  });

  it('applies for 困难帮扶 with the separate consent and a PNG attachment, through to submit', async () => {
    await signUpCitizen(page(), baseUrl, newPerson('李红梅'));

    // From the home page's big tile.
    await page().goto(`${baseUrl}${HOME}`);
    const home = await settledOn(page(), HOME);
    await home.getByRole('button', { name: '我的办件' }).waitFor();
    await screenshot(page(), 'requests-home');
    await home
      .locator('.shortcuts')
      .getByRole('button', { name: /^困难帮扶/ })
      .click();
    const guide = await settledOn(page(), GUIDE);
    await guide.getByText('本事项涉及敏感个人信息').waitFor();
    let form = await startApplication(page(), guide);

    // Sensitive personal information: asked separately, before the form.
    await form.getByText('敏感个人信息处理告知').waitFor();
    await form.getByRole('button', { name: '同意并继续' }).click();
    form = await settledOn(page(), REQUEST_FORM);
    await expectStep(form, '第 1/3 步', '困难情况');

    await chooseOption(form, '重病');
    await fillField(form, '家庭人口（人）', '0');
    await fillField(form, '家庭月收入（元）', '1200');
    await fillField(form, '困难情况说明', '父亲住院治疗，医疗费用负担重。');
    await nextStep(form);
    await form.getByText('不能小于 1').waitFor();
    await fillField(form, '家庭人口（人）', '3');
    await nextStep(form);

    await expectStep(form, '第 2/3 步', '上传材料');
    await nextStep(form);
    await form.getByText('请上传家庭收入情况说明').waitFor();
    await attachFile(form, '家庭收入情况说明', { name: '收入证明.png', mimeType: 'image/png', buffer: tinyPng() });
    await screenshot(page(), 'requests-attachment');
    await nextStep(form);

    await expectStep(form, '第 3/3 步', '核对信息');
    await form.getByText('收入证明.png').waitFor();
    await form.getByText('1,200.00').waitFor();
    const number = await submitApplication(form);
    expect(number).toMatch(NUMBER);

    await form.getByRole('button', { name: '查看办件' }).click();
    const detail = await settledOn(page(), REQUEST_DETAIL);
    await detail.getByText(number).waitFor();
    await detail.getByRole('button', { name: '查看附件：收入证明.png' }).waitFor();
    await detail.getByRole('button', { name: '撤回申请' }).waitFor();
    await screenshot(page(), 'requests-detail');

    const list = await openMyRequests(page(), baseUrl);
    await list.getByText(number).waitFor();
    await list.getByText('困难帮扶申请', { exact: true }).waitFor();
    expect(page().url()).toContain(MY_REQUESTS);

    // 消息: the submit left a notice, counted on 我的; opening it marks it read and shows the request.
    await page().goto(`${baseUrl}${MINE}`);
    const mine = await settledOn(page(), MINE);
    await mine.getByRole('button', { name: /^消息，\d+ 条未读$/ }).click();
    const inbox = await settledOn(page(), INBOX);
    await inbox.getByText(/^\d+ 条未读$/).waitFor();
    await screenshot(page(), 'requests-inbox');
    await inbox
      .getByRole('button', { name: /^未读 ?办件已提交/ })
      .first()
      .click();
    const fromInbox = await settledOn(page(), REQUEST_DETAIL);
    await fromInbox.getByText(number).waitFor();
    await page().goBack();
    const back = await settledOn(page(), INBOX);
    await back.getByText('没有未读消息').waitFor();
  });
});
