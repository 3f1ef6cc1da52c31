import { serviceCatalog } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { usePhonePage } from '../support/fixtures';

describe('service catalog in the H5 app', () => {
  const { page, baseUrl } = usePhonePage();

  it('shows the catalog in Chinese on the home page', async () => {
    await page().goto(baseUrl);
    for (const service of serviceCatalog) {
      await page().getByText(service.name, { exact: true }).first().waitFor();
    }
    expect(await page().getByText('承诺时限').count()).toBeGreaterThan(0);
    await screenshot(page(), 'home');
  });

  it('opens a service and shows its guide', async () => {
    await page().goto(baseUrl);
    await page().getByText('优待证申领', { exact: true }).first().click();
    await page().getByText('所需材料').waitFor();
    await page().getByText('退伍证（或退出现役证明）').waitFor();
    await page().getByText('20 个工作日').first().waitFor();
    await screenshot(page(), 'service-guide');
  });

  it('serves the app for a deep link (history mode)', async () => {
    const response = await fetch(`${baseUrl}/pages/services/index`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div');
  });
});
