import { maskIdNumber, maskPhone, PRIVACY_POLICY_VERSION } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { usePhonePage } from '../support/fixtures';
import { logMark, smsCodeFor } from '../support/server-log';
import { randomIdNumber, randomPhone, settledOn, withWrongCheckCharacter } from './auth-helpers';

const MINE = '/pages/mine/index';
const SIGN_IN = '/subpackages/account/sign-in/index';
const IDENTITY = '/subpackages/account/identity/index';

describe('H5 sign-in by phone, consent and real-name identity', () => {
  const { page, baseUrl } = usePhonePage();

  it('signs in with an SMS code after consenting, fills the identity and sees it masked on 我的', async () => {
    const phone = randomPhone();
    const idNumber = randomIdNumber();

    await page().goto(`${baseUrl}${MINE}`);
    let view = await settledOn(page(), MINE);
    await view.getByText('您还没有登录').waitFor();
    await view.getByRole('button', { name: '登录' }).click();

    // The privacy policy comes first.
    view = await settledOn(page(), SIGN_IN);
    await view.getByText('退役军人服务通隐私政策').first().waitFor();
    await view.getByText(`版本 ${PRIVACY_POLICY_VERSION}`).waitFor();
    await screenshot(page(), 'auth-privacy-consent');
    await view.getByRole('button', { name: '同意并继续' }).click();

    // Phone + code, checked with the shared rules before anything is sent.
    const phoneInput = view.getByRole('textbox', { name: '手机号码' });
    await phoneInput.fill('1234');
    await view.getByRole('button', { name: '获取验证码' }).click();
    await view.getByText('请输入 11 位手机号码').waitFor();
    await expect.poll(() => phoneInput.getAttribute('aria-invalid')).toBe('true');

    await phoneInput.fill(phone);
    const mark = logMark();
    await view.getByRole('button', { name: '获取验证码' }).click();
    await view.getByText(`验证码已发送至 ${maskPhone(phone)}`).waitFor();
    // The button counts down before another code may be requested.
    const countdown = view.getByRole('button', { name: /秒后可重新获取/ });
    await countdown.waitFor();
    expect(await countdown.getAttribute('aria-disabled')).toBe('true');
    const code = await smsCodeFor(phone, mark);

    await view.getByRole('textbox', { name: '短信验证码' }).fill('12');
    await view.getByRole('button', { name: '登录', exact: true }).click();
    await view.getByText('请输入 6 位数字验证码').waitFor();
    await view.getByRole('textbox', { name: '短信验证码' }).fill(code);
    await screenshot(page(), 'auth-sms-sign-in');
    await view.getByRole('button', { name: '登录', exact: true }).click();

    // Back on 我的, signed in: no identity yet, and the consent is on record (no second prompt).
    view = await settledOn(page(), MINE);
    await view.getByText('未实名', { exact: true }).waitFor();
    await view.getByText(maskPhone(phone)).waitFor();
    await view.getByText('未认证').first().waitFor();
    expect(await view.getByText('隐私政策已更新').count()).toBe(0);

    await view.getByRole('button', { name: /^实名认证/ }).click();
    view = await settledOn(page(), IDENTITY);

    // Inline Chinese errors from the shared identity schema, under each field.
    await view.getByRole('button', { name: '提交实名信息' }).click();
    await view.getByText('请输入身份证上的姓名').waitFor();
    // Empty is not wrong (issue 16, item 7).
    await view.getByText('请输入身份证号码').waitFor();
    await view.getByText('请选择身份类型').waitFor();

    await view.getByRole('textbox', { name: '姓名' }).fill('张卫国');
    await view.getByRole('textbox', { name: '身份证号码' }).fill(withWrongCheckCharacter(idNumber));
    await view.getByRole('radio', { name: '退役军人' }).click();
    await view.getByRole('button', { name: '提交实名信息' }).click();
    await view.getByText('身份证号码不正确，请核对出生日期和校验位').waitFor();
    expect(await view.getByText('请输入身份证上的姓名').count()).toBe(0);
    await screenshot(page(), 'auth-identity-errors');

    await view.getByRole('textbox', { name: '身份证号码' }).fill(idNumber);
    await view.getByRole('button', { name: '提交实名信息' }).click();

    // The result is masked; the whole number is never shown.
    await view.getByText('实名信息已提交').waitFor();
    await view.getByText(maskIdNumber(idNumber)).waitFor();
    await view.getByText('张*国').waitFor();
    await view.getByText('待核验').waitFor();
    expect(await page().content()).not.toContain(idNumber);
    await screenshot(page(), 'auth-identity-result');

    await view.getByRole('button', { name: '返回“我的”' }).click();
    view = await settledOn(page(), MINE);
    await view.getByText(maskIdNumber(idNumber)).waitFor();
    await view.getByText('张*国').waitFor();
    await view.getByText('待核验').first().waitFor();
    expect(maskIdNumber(idNumber)).toMatch(/^4110\*{10}[\dX]{4}$/);
    expect(await page().content()).not.toContain(idNumber);
    await screenshot(page(), 'auth-mine-signed-in');
  });
});
