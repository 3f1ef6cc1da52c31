import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import {
  chooseOption,
  expectStep,
  fillField,
  newPerson,
  nextStep,
  openServiceGuide,
  REQUEST_FORM,
  settledOn,
  signUpCitizen,
  startApplication,
} from '../support/citizen';
import { usePhonePage } from '../support/fixtures';

/**
 * Long text is never cut without a word (issue 16, item 5): 2,600 characters pasted into 困难情况说明 (at most
 * 2,000) stay in the box, the page says at once that they are 600 over, and the form does not go on until
 * the text is shortened. Every long text box uses the same TextCount / forms/text-limit.ts rule.
 */
describe('Long text over its limit', () => {
  const { page, baseUrl } = usePhonePage();

  it('keeps a paste over the limit, says how much is over, and blocks 下一步 until shortened', async () => {
    await signUpCitizen(page(), baseUrl, newPerson('钱志强'));
    const guide = await openServiceGuide(page(), baseUrl, '困难帮扶申请');
    let form = await startApplication(page(), guide);
    await form.getByRole('button', { name: '同意并继续' }).click();
    form = await settledOn(page(), REQUEST_FORM);
    await expectStep(form, '第 1/3 步', '困难情况');
    await chooseOption(form, '重病');
    await fillField(form, '家庭人口（人）', '3');
    await fillField(form, '家庭月收入（元）', '1500');

    const box = form.getByRole('textbox', { name: '困难情况说明', exact: true });
    await box.focus();
    // As a paste: inserted text, which the browser cuts at the box's maxlength.
    const pasted = '父亲患病住院，家庭收入微薄。'.repeat(200).slice(0, 2600);
    await page().keyboard.insertText(pasted);
    await expect.poll(async () => (await box.inputValue()).length).toBe(2600);
    await form.getByText('已超出 600 字，请删减后再提交').waitFor();
    await form.getByText('2600/2000').waitFor();
    await screenshot(page(), 'issue16-item5-over-limit');

    await nextStep(form);
    await form.getByText('已超出 600 字，请删减后再提交').first().waitFor();
    await expectStep(form, '第 1/3 步', '困难情况');

    await box.fill(pasted.slice(0, 1990));
    await expect.poll(() => form.getByText(/^已超出 \d+ 字/).count()).toBe(0);
    await form.getByText('1990/2000').waitFor();
    await nextStep(form);
    await expectStep(form, '第 2/3 步', '上传材料');
  });
});
