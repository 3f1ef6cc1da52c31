import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { IDENTITY, newPerson, signInBySms, tinyPng } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { findOnPages, settledOn, signInAsStaff } from '../support/staff';

describe('实名核验 with a 退伍证 photo, when the roster and phone do not verify at once', () => {
  const { page, baseUrl } = usePhonePage();

  it('the veteran attaches the photo to the waiting claim; the station opens it from the queue', async () => {
    const veteran = newPerson('宋建军');
    await signInBySms(page(), baseUrl, veteran.phone);
    await page().goto(`${baseUrl}${IDENTITY}`);
    const view = await settledOn(page(), IDENTITY);
    await view.getByRole('textbox', { name: '姓名' }).fill(veteran.name);
    await view.getByRole('textbox', { name: '身份证号码' }).fill(veteran.idNumber);
    await view.getByRole('radio', { name: '退役军人' }).click();
    await view.getByRole('button', { name: '提交实名信息' }).click();
    await view.getByText('实名信息已提交').waitFor();

    // Not in the roster: the claim waits for staff, and the page asks for the photo they will look at.
    const proof = view.locator('.identity-proof');
    await proof.getByText('上传退伍证或优待证照片').waitFor();
    // WeChat face verification is a weapp affair: no 刷脸核验 on H5.
    expect(await view.getByRole('button', { name: '刷脸核验' }).count()).toBe(0);
    await proof
      .getByLabel('上传证件照片')
      .setInputFiles({ name: '退伍证.png', mimeType: 'image/png', buffer: tinyPng() });
    await proof.getByText('已提交证件照片：退伍证.png').waitFor();
    await screenshot(page(), 'identity-proof-attached');

    // The district staff (the veteran chose no community) see the photo with the claim and open it.
    const workbench = await signInAsStaff(page(), baseUrl);
    await workbench.getByRole('button', { name: '实名核验队列' }).click();
    const queue = await settledOn(page(), '/subpackages/staff/verifications/index');
    const maskedId = `${veteran.idNumber.slice(0, 4)}${'*'.repeat(10)}${veteran.idNumber.slice(-4)}`;
    // Other tests' claims share the queue (oldest first, 20 a page): look on every page.
    const item = await findOnPages(queue, queue.locator('.verification-item').filter({ hasText: maskedId }));
    await item.getByText(/证件照片：退伍证\.png/).waitFor();
    const [served] = await Promise.all([
      page().waitForResponse((response) => /\/api\/v1\/uploads\//.test(response.url())),
      item.getByRole('button', { name: /查看证件照片/ }).click(),
    ]);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/png');
  });
});
