import { maskName, maskPhone, PRIVACY_POLICY_VERSION } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { INBOX, MINE, settledOn, signInBySms } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { type ApiCitizen, api, createCitizenByApi } from '../support/staff';
import { randomIdNumber, randomPhone } from './auth-helpers';

const FAMILY_LINKS = '/subpackages/account/family-links/index';

async function inboxTitles(baseUrl: string, citizen: ApiCitizen): Promise<string[]> {
  const { items } = await api<{ items: { title: string }[] }>(
    baseUrl,
    'GET',
    '/notifications',
    undefined,
    citizen.token,
  );
  return items.map((item) => item.title);
}

/**
 * Family links do not leave people in the dark (issue 16, item 2): the veteran is told of a request in the inbox,
 * sees who asks (relationship, masked phone), is asked once before a link becomes active, and is not offered the
 * family members' request form; the family member is told when the link is confirmed, refused or ended.
 */
describe('家属关联: both sides are told, the veteran decides knowingly', () => {
  const { page, baseUrl } = usePhonePage();

  it('a veteran is told of two requests, confirms one after the dialog, ends it, refuses the other', {
    timeout: 180_000,
  }, async () => {
    // The veteran signs in on the page first (a second SMS to the same phone would wait for the resend cooldown).
    const veteranPhone = randomPhone();
    await signInBySms(page(), baseUrl, veteranPhone);
    const raw = await page().evaluate(() => localStorage.getItem('veterans:session'));
    const token = (JSON.parse(raw ?? '{}') as { data?: { accessToken?: string } }).data?.accessToken ?? '';
    const veteran = { token, phone: veteranPhone, name: '孙振国', idNumber: randomIdNumber() };
    await api(
      baseUrl,
      'POST',
      '/me/consents',
      { kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true },
      token,
    );
    await api(
      baseUrl,
      'PUT',
      '/me/identity',
      { name: veteran.name, idNumber: veteran.idNumber, kind: 'veteran' },
      token,
    );
    const daughter = await createCitizenByApi(baseUrl, 'family');
    const wife = await createCitizenByApi(baseUrl, 'family');
    const ask = (family: ApiCitizen, relationship: string) =>
      api(
        baseUrl,
        'POST',
        '/me/family-links',
        { veteranName: veteran.name, veteranIdNumber: veteran.idNumber, relationship },
        family.token,
      );
    await ask(daughter, 'child');
    await ask(wife, 'spouse');

    // The veteran hears of it in the inbox.
    await page().goto(`${baseUrl}${INBOX}`);
    let view = await settledOn(page(), INBOX);
    await view.getByText('有家属申请关联您').first().waitFor();
    await view.getByText(`${maskName(daughter.name)}以您的子女身份申请关联您`).waitFor();

    // Each request says who asks; the family members' request form is not offered to a veteran.
    await page().goto(`${baseUrl}${MINE}`);
    view = await settledOn(page(), MINE);
    await view.getByRole('button', { name: '家属关联' }).click();
    view = await settledOn(page(), FAMILY_LINKS);
    const daughterCard = view.locator('.link-card').filter({ hasText: '关系：子女' });
    const wifeCard = view.locator('.link-card').filter({ hasText: '关系：配偶' });
    await daughterCard.getByText(`手机 ${maskPhone(daughter.phone)}`).waitFor();
    await wifeCard.getByText(`手机 ${maskPhone(wife.phone)}`).waitFor();
    expect(await view.getByText('申请关联退役军人').count()).toBe(0);
    expect(await view.getByRole('button', { name: '提交关联申请' }).count()).toBe(0);

    // Activating asks once, saying what the family member will be able to do; cancelling changes nothing.
    await daughterCard.getByRole('button', { name: /^确认关联/ }).click();
    let dialog = view.getByRole('dialog', { name: '确认关联' });
    await dialog.getByText('以您的名义申请困难帮扶等事项').waitFor();
    await dialog.getByText('为您预约法律咨询').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await daughterCard.getByText('待确认').waitFor();
    await daughterCard.getByRole('button', { name: /^确认关联/ }).click();
    dialog = view.getByRole('dialog', { name: '确认关联' });
    await dialog.getByRole('button', { name: `确认关联${maskName(daughter.name)}` }).click();
    await daughterCard.getByText('已关联').waitFor();
    expect(await inboxTitles(baseUrl, daughter)).toContain('家属关联已生效');

    // The veteran ends it: the daughter is told.
    await daughterCard.getByRole('button', { name: /^解除关联/ }).click();
    await view.getByRole('dialog', { name: '解除关联' }).getByRole('button', { name: '确认解除关联' }).click();
    await daughterCard.getByText('已解除').waitFor();
    expect(await inboxTitles(baseUrl, daughter)).toContain('家属关联已解除');

    // The veteran refuses the other request: the wife is told.
    await wifeCard.getByRole('button', { name: /^拒绝/ }).click();
    await wifeCard.getByText('已拒绝').waitFor();
    expect(await inboxTitles(baseUrl, wife)).toContain('家属关联申请未通过');
  });
});
