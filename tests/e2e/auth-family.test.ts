import { maskName } from '@veterans/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPhonePage, screenshot } from '../support/browser';
import { usePhonePage } from '../support/fixtures';
import { MINE, randomIdNumber, randomPhone, settledOn, signUpWithIdentity } from './auth-helpers';

const FAMILY_LINKS = '/subpackages/account/family-links/index';
const EXPORT = '/subpackages/account/export/index';

async function openFamilyLinks(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}${MINE}`);
  const mine = await settledOn(page, MINE);
  await mine.getByRole('button', { name: '家属关联' }).click();
  return settledOn(page, FAMILY_LINKS);
}

describe('H5 family links, data export and account deletion', () => {
  const { page: familyPage, baseUrl } = usePhonePage();

  it('links a family member to a veteran who confirms; either side ends it; the veteran exports and deletes', async () => {
    const browser = familyPage().context().browser();
    if (!browser) throw new Error('no browser');
    const veteranPage = await openPhonePage(browser);
    const veteran = { phone: randomPhone(), name: '刘志强', idNumber: randomIdNumber(), kind: '退役军人' as const };
    const family = { phone: randomPhone(), name: '刘小红', idNumber: randomIdNumber(), kind: '家属' as const };

    try {
      await signUpWithIdentity(veteranPage, baseUrl, veteran);

      // The family member asks; a wrong ID number is caught by the shared schema first.
      let view = await signUpWithIdentity(familyPage(), baseUrl, family);
      await view.getByRole('button', { name: '关联退役军人' }).click();
      view = await settledOn(familyPage(), FAMILY_LINKS);
      await view.getByText('暂无家属关联').waitFor();
      await view.getByRole('textbox', { name: '退役军人姓名' }).fill(veteran.name);
      await view.getByRole('textbox', { name: '退役军人身份证号码' }).fill(veteran.idNumber.slice(0, 17));
      await view.getByRole('button', { name: '提交关联申请' }).click();
      await view.getByText('身份证号码不正确，请核对出生日期和校验位').waitFor();
      await view.getByText('请选择您与退役军人的关系').waitFor();
      await view.getByRole('textbox', { name: '退役军人身份证号码' }).fill(veteran.idNumber);
      await view.getByRole('radio', { name: '子女' }).click();
      await view.getByRole('button', { name: '提交关联申请' }).click();
      await view.getByText(maskName(veteran.name)).waitFor();
      await view.getByText('待确认').waitFor();
      await view.getByRole('button', { name: /^撤回申请/ }).waitFor();

      // The veteran confirms.
      view = await openFamilyLinks(veteranPage, baseUrl);
      await view.getByText(maskName(family.name)).waitFor();
      await view.getByText('对方申请以子女身份关联您').waitFor();
      await screenshot(veteranPage, 'auth-family-link-pending');
      await view.getByRole('button', { name: /^确认关联/ }).click();
      await view
        .getByRole('dialog', { name: '确认关联' })
        .getByRole('button', { name: `确认关联${maskName(family.name)}` })
        .click();
      await view.getByText('已关联').waitFor();

      // The family member ends it, after a confirmation.
      view = await openFamilyLinks(familyPage(), baseUrl);
      await view.getByText('已关联').waitFor();
      await view.getByRole('button', { name: /^解除关联/ }).click();
      const dialog = view.getByRole('dialog', { name: '解除关联' });
      await dialog.getByText('家属将不能再代退役军人办理事项').waitFor();
      await dialog.getByRole('button', { name: '确认解除关联' }).click();
      await view.getByText('已解除').waitFor();

      // The veteran exports their data: here, and only here, the whole ID number.
      await veteranPage.goto(`${baseUrl}${MINE}`);
      view = await settledOn(veteranPage, MINE);
      await view.getByRole('button', { name: '导出我的数据' }).click();
      view = await settledOn(veteranPage, EXPORT);
      await view.getByRole('button', { name: '导出', exact: true }).click();
      await view.getByText('个人资料与实名信息').waitFor();
      await view.getByText(veteran.idNumber).waitFor();
      const download = veteranPage.waitForEvent('download');
      await view.getByRole('button', { name: '下载 JSON 文件' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^我的数据-\d{4}-\d{2}-\d{2}\.json$/);

      // …and deletes the account, told first what goes and what stays.
      await veteranPage.goto(`${baseUrl}${MINE}`);
      view = await settledOn(veteranPage, MINE);
      await view.getByRole('button', { name: '注销账号' }).click();
      const confirm = view.getByRole('dialog', { name: '注销账号' });
      await confirm.getByText('以下信息将被删除').waitFor();
      await confirm.getByText('以下信息依法或按规定保留').waitFor();
      await screenshot(veteranPage, 'auth-delete-account');
      await confirm.getByRole('button', { name: '确认注销' }).click();
      const done = view.getByRole('dialog', { name: '账号已注销' });
      await done
        .getByText(/审计日志/)
        .first()
        .waitFor();
      await done.getByRole('button', { name: '知道了' }).click();
      await view.getByText('您还没有登录').waitFor();
      expect(await veteranPage.evaluate(() => localStorage.getItem('veterans:session'))).toBeNull();
    } finally {
      await veteranPage.context().close();
    }
  });
});
