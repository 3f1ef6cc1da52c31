import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { MINE, settledOn } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';

const CONTACT = '/subpackages/services/contact/index';

describe('联系我们 in H5', () => {
  const { page, baseUrl } = usePhonePage();

  it('opens from 我的 with the centre’s address, phone and a map link', async () => {
    await page().goto(`${baseUrl}${MINE}`);
    const mine = await settledOn(page(), MINE);
    await mine.getByRole('button', { name: /^联系我们/ }).click();
    const view = await settledOn(page(), CONTACT);
    const centre = view.locator('.unit-contact').filter({ hasText: '魏都区退役军人服务中心' });
    await centre.getByText('地址：许昌市魏都区（演示地址）').waitFor();
    await centre.getByText('电话：0374-0000000').waitFor();
    await view.getByText('每周二上午，许昌市法律援助中心').waitFor();
    await screenshot(page(), 'contact-us');
    // The map opens 高德地图 at the centre's point (GCJ-02, longitude first) in a new window (answered here: no
    // network in the test).
    await page()
      .context()
      .route('https://uri.amap.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '高德地图' }));
    const [popup] = await Promise.all([
      page().waitForEvent('popup'),
      centre.getByRole('button', { name: '地图导航：魏都区退役军人服务中心' }).click(),
    ]);
    await popup.waitForURL(/uri\.amap\.com/);
    const url = new URL(popup.url());
    expect(url.host).toBe('uri.amap.com');
    expect(url.searchParams.get('position')).toBe('113.8226,34.0277');
    await popup.close();
  });
});
