import { PRIVACY_POLICY_VERSION } from '@veterans/shared';
import { describe, it } from 'vitest';
import { screenshot } from '../support/browser';
import { SERVICES, settledOn, signInBySms } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { bookByApi, fetchSlots, LEGAL_CONSULT, LEGAL_MINE } from '../support/legal';
import { api } from '../support/staff';
import { randomIdNumber, randomPhone } from './auth-helpers';

/** Issue 16, item 4 (part): booking friction. */
describe('Legal consultation entry and an upcoming booking', () => {
  const { page, baseUrl } = usePhonePage();

  it('the 办事 tab has an entry to 预约法律咨询', async () => {
    await page().goto(`${baseUrl}${SERVICES}`);
    const services = await settledOn(page(), SERVICES);
    await services.getByRole('button', { name: /^预约法律咨询/ }).click();
    const consult = await settledOn(page(), LEGAL_CONSULT);
    await consult.getByText('免费法律咨询').first().waitFor();
  });

  it('a veteran with a booking ahead hears it on the consultation page, with a link to it', async () => {
    await signInBySms(page(), baseUrl, randomPhone());
    const raw = await page().evaluate(() => localStorage.getItem('veterans:session'));
    const token = (JSON.parse(raw ?? '{}') as { data?: { accessToken?: string } }).data?.accessToken;
    if (!token) throw new Error('not signed in');
    await api(
      baseUrl,
      'POST',
      '/me/consents',
      { kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true },
      token,
    );
    await api(baseUrl, 'PUT', '/me/identity', { name: '曹建军', idNumber: randomIdNumber(), kind: 'veteran' }, token);
    const slot = (await fetchSlots(baseUrl)).slots.find((candidate) => candidate.bookable && candidate.remaining > 0);
    if (!slot) throw new Error('No bookable slot');
    await bookByApi(baseUrl, token, slot.id);

    await page().goto(`${baseUrl}${LEGAL_CONSULT}`);
    const consult = await settledOn(page(), LEGAL_CONSULT);
    await consult
      .locator('.legal-upcoming')
      .getByText(/^您已有一个未完成的预约：/)
      .waitFor();
    await consult.locator('.legal-upcoming').getByText(`${slot.time}-${slot.endTime}`, { exact: false }).waitFor();
    await screenshot(page(), 'issue16-item4-upcoming');
    await consult.locator('.legal-upcoming').getByText('查看我的预约', { exact: true }).click();
    await settledOn(page(), LEGAL_MINE);
  });
});
