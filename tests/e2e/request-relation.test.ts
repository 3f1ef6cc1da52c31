import { maskName, PRIVACY_POLICY_VERSION } from '@veterans/shared';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPhonePage, screenshot } from '../support/browser';
import { openMyRequests, openRequest, signInBySms } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import {
  type ApiCitizen,
  api,
  completeByApi,
  rateByApi,
  type SubmittedRequest,
  staffTokenByApi,
} from '../support/staff';
import { randomIdNumber, randomPhone } from './auth-helpers';

/** Screenshots of this file are named …-before or …-after (SHOT_TAG) to compare the builds (issue 16, item 1). */
const shot = (page: Page, name: string) => screenshot(page, `issue16-item1-${name}-${process.env.SHOT_TAG ?? 'after'}`);

let serial = 0;
/** Signs a new citizen in on this page (SMS), then records consent and identity through the API with its token. */
async function citizenOnPage(page: Page, baseUrl: string, kind: 'veteran' | 'family'): Promise<ApiCitizen> {
  const phone = randomPhone();
  await signInBySms(page, baseUrl, phone);
  const raw = await page.evaluate(() => localStorage.getItem('veterans:session'));
  const token = (JSON.parse(raw ?? '{}') as { data?: { accessToken?: string } }).data?.accessToken;
  if (!token) throw new Error('not signed in');
  await api(
    baseUrl,
    'POST',
    '/me/consents',
    { kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true },
    token,
  );
  serial += 1;
  const name = `${kind === 'veteran' ? '周' : '吴'}${'建明德文'[serial % 4]}${'国燕军华'[(Date.now() + serial) % 4]}`;
  const idNumber = randomIdNumber();
  await api(baseUrl, 'PUT', '/me/identity', { name, idNumber, kind }, token);
  return { token, phone, name, idNumber };
}

const card = (list: Locator, number: string) => list.locator('.request-card').filter({ hasText: number });

/**
 * Who filed what, between a veteran and his linked daughter (issue 16, item 1): each request is described
 * once, relative to the viewer (packages/shared request-relation.ts), in 我的办件 and in the detail; the
 * veteran's rating reads 我的评价 only to him.
 */
describe('我的办件: a request is described relative to the viewer', () => {
  const { page, baseUrl } = usePhonePage();

  it("the veteran's own request, and the daughter's 代办 for him, as each of them sees it", {
    timeout: 180_000,
  }, async () => {
    const browser = page().context().browser();
    if (!browser) throw new Error('no browser');
    const his = await openPhonePage(browser);
    const veteran = await citizenOnPage(his, baseUrl, 'veteran');
    const daughter = await citizenOnPage(page(), baseUrl, 'family');
    await api(
      baseUrl,
      'POST',
      '/me/family-links',
      { veteranName: veteran.name, veteranIdNumber: veteran.idNumber, relationship: 'child' },
      daughter.token,
    );
    const { items: links } = await api<{ items: { id: number; status: string }[] }>(
      baseUrl,
      'GET',
      '/me/family-links',
      undefined,
      veteran.token,
    );
    const pending = links.find((link) => link.status === 'pending');
    if (!pending) throw new Error(`No pending link: ${JSON.stringify(links)}`);
    await api(baseUrl, 'POST', `/me/family-links/${pending.id}/confirm`, undefined, veteran.token);

    const file = async (citizen: typeof veteran, onBehalfOf?: number): Promise<SubmittedRequest> => {
      const created = await api<{ id: number; number: string }>(
        baseUrl,
        'POST',
        '/requests',
        {
          serviceCode: 'policy-question',
          formData: { topic: '教育培训', question: '退役后参加职业技能培训有哪些补贴政策？' },
          submit: true,
          ...(onBehalfOf ? { onBehalfOf } : {}),
        },
        citizen.token,
      );
      return { id: created.id, number: created.number, citizen };
    };
    const { id: veteranId } = await api<{ id: number }>(baseUrl, 'GET', '/me', undefined, veteran.token);
    const own = await file(veteran);
    await completeByApi(baseUrl, await staffTokenByApi(baseUrl), own);
    await rateByApi(baseUrl, own, 2, '答复太慢');
    const forHim = await file(daughter, veteranId);

    const veteranMasked = maskName(veteran.name);
    const daughterMasked = maskName(daughter.name);

    // ---- The daughter.
    let list = await openMyRequests(page(), baseUrl);
    await card(list, own.number).waitFor();
    await card(list, forHim.number).waitFor();
    await shot(page(), 'daughter-list');
    expect.soft(await card(list, own.number).innerText()).toContain(`${veteranMasked} 本人申请（您作为家属可查看）`);
    expect.soft(await card(list, own.number).innerText()).not.toContain('为您代办');
    expect.soft(await card(list, forHim.number).innerText()).toContain(`您为 ${veteranMasked} 代办`);

    let detail = await openRequest(page(), list, own.number);
    const rating = detail.locator('.rating-section');
    await rating.getByText('不满意', { exact: true }).waitFor();
    await shot(page(), 'daughter-detail');
    expect(await detail.locator('.detail-head').innerText()).not.toContain('家属为您代办');
    await detail.locator('.request-relation').getByText(`${veteranMasked} 本人申请（您作为家属可查看）`).waitFor();
    expect(await rating.getByText('我的评价').count()).toBe(0);
    await rating.getByText('申请人的评价').waitFor();

    // ---- The veteran, on his own phone.
    try {
      list = await openMyRequests(his, baseUrl);
      await card(list, forHim.number).waitFor();
      await shot(his, 'veteran-list');
      const filedForHim = await card(list, forHim.number).innerText();
      expect(filedForHim).toContain(`${daughterMasked} 为您代办`);
      expect(filedForHim).not.toContain(`为 ${veteranMasked} 办理`);
      expect(filedForHim).not.toContain('家属为您代办');
      expect(await card(list, own.number).locator('.request-card__relation').count()).toBe(0);

      detail = await openRequest(his, list, forHim.number);
      await detail.locator('.request-relation').getByText(`${daughterMasked} 为您代办`).waitFor();
      await shot(his, 'veteran-detail');

      list = await openMyRequests(his, baseUrl);
      detail = await openRequest(his, list, own.number);
      await detail.locator('.request-relation').getByText('本人申请').waitFor();
      await detail.locator('.rating-section').getByText('我的评价').waitFor();
    } finally {
      await his.context().close();
    }
  });
});
