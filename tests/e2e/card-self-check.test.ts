import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { newPerson, openServiceGuide, settledOn, signUpCitizen } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { DEMO_ADMIN, staffTokenByApi } from '../support/staff';

/** The admin imports a one-row roster (名册) for the person, as the bureau's registration (建档立卡) of them. */
async function registerInRoster(baseUrl: string, person: { name: string; idNumber: string }): Promise<void> {
  const token = await staffTokenByApi(baseUrl, DEMO_ADMIN);
  const form = new FormData();
  const csv = `姓名,身份证号码,退役日期,所属社区\n${person.name},${person.idNumber},1994-12-01,xidajie-wenhua\n`;
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
  const response = await fetch(`${baseUrl}/api/v1/admin/veteran-roster`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (!response.ok) throw new Error(`roster import answered ${response.status}: ${await response.text()}`);
}

describe('H5 优待证资格自查 on the 优待证 guide', () => {
  const { page, baseUrl } = usePhonePage();

  it('sends a veteran not yet registered to the station first, and says 可以在线申请 once the roster has them', async () => {
    const person = newPerson('钱卫东');
    await signUpCitizen(page(), baseUrl, person);
    let guide = await openServiceGuide(page(), baseUrl, '优待证申领');
    const check = guide.getByRole('status').filter({ hasText: '资格自查' });
    await check.getByText('请先建档立卡').waitFor();
    await check.getByText(/请先携带身份证、退伍证到.+办理信息采集（建档立卡）/).waitFor();
    await screenshot(page(), 'issue21-card-self-check-register-first');
    // Who cannot come to the station asks it to come: 入户办理 for the 优待证.
    await check.getByRole('button', { name: '申请入户办理' }).click();
    const homeFiling = await settledOn(page(), '/subpackages/requests/home-filing/index');
    await expect
      .poll(() => homeFiling.getByRole('radio', { name: '优待证申领', exact: true }).getAttribute('aria-checked'))
      .toBe('true');

    await registerInRoster(baseUrl, person);
    guide = await openServiceGuide(page(), baseUrl, '优待证申领');
    await guide
      .getByRole('status')
      .filter({ hasText: '资格自查' })
      .getByText('可以在线申请', { exact: true })
      .waitFor();
    await guide.getByText('您已在退役军人信息系统中建档，可以在线申请优待证。').waitFor();
  });
});
