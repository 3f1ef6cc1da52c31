import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { IDENTITY, newPerson, signInBySms, tinyPng } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { api, createCitizenByApi, settledOn, signInAsStaff } from '../support/staff';

describe('身份申诉: the real veteran whose ID number another account holds', () => {
  const { page, baseUrl } = usePhonePage();

  it('is offered a dispute, uploads a proof, and gets the ID number once the station decides for them', async () => {
    // Someone else registered the veteran's ID number first.
    const holder = await createCitizenByApi(baseUrl, 'veteran');
    const veteran = newPerson(holder.name);
    await signInBySms(page(), baseUrl, veteran.phone);

    await page().goto(`${baseUrl}${IDENTITY}`);
    const view = await settledOn(page(), IDENTITY);
    await view.getByRole('textbox', { name: '姓名' }).fill(holder.name);
    await view.getByRole('textbox', { name: '身份证号码' }).fill(holder.idNumber);
    await view.getByRole('radio', { name: '退役军人' }).click();
    await view.getByRole('button', { name: '提交实名信息' }).click();
    const dispute = view.locator('.dispute-form');
    await dispute.getByText('这个身份证号码是您本人的？可以提出申诉').waitFor();

    // A proof is needed before it can be filed.
    await dispute.getByRole('button', { name: '提交申诉' }).click();
    await dispute.getByText('请上传证件照片').waitFor();
    await dispute
      .getByLabel('上传证件照片')
      .setInputFiles({ name: '退伍证.png', mimeType: 'image/png', buffer: tinyPng() });
    await dispute.getByText('已上传：退伍证.png').waitFor();
    await screenshot(page(), 'identity-dispute-form');
    await dispute.getByRole('button', { name: '提交申诉' }).click();
    await view.getByText('申诉已提交').waitFor();

    // The district staff compare both claims and give the number to the veteran.
    const workbench = await signInAsStaff(page(), baseUrl);
    await workbench.getByRole('button', { name: '实名核验队列' }).click();
    const queue = await settledOn(page(), '/subpackages/staff/verifications/index');
    const maskedId = `${holder.idNumber.slice(0, 4)}${'*'.repeat(10)}${holder.idNumber.slice(-4)}`;
    const item = queue.locator('.dispute-item').filter({ hasText: maskedId });
    await item.getByText(/申诉人：.*手机 1/).waitFor();
    await item.getByRole('button', { name: '归申诉人' }).click();
    const dialog = queue.getByRole('dialog', { name: '身份证号码归申诉人' });
    await dialog.getByRole('button', { name: '确认归申诉人' }).click();
    await dialog.getByText('请填写核实情况').waitFor();
    await dialog.getByRole('textbox', { name: '核实情况' }).fill('申诉人持退伍证原件到站核验');
    await dialog.getByRole('button', { name: '确认归申诉人' }).click();
    await dialog.waitFor({ state: 'detached' });
    await item.waitFor({ state: 'detached' });

    const holderNow = await api<{ identity: unknown; veteranStatus: string }>(
      baseUrl,
      'GET',
      '/me',
      undefined,
      holder.token,
    );
    expect(holderNow).toMatchObject({ identity: null, veteranStatus: 'none' });
  });
});
