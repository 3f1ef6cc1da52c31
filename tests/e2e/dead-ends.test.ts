import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { HOME, MINE, newPerson, REQUEST_DETAIL, settledOn, signUpCitizen } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { LEGAL_CONSULT } from '../support/legal';

const NOT_FOUND = '/subpackages/services/not-found/index';

/** How many lines each element's text takes (distinct tops of its text's line boxes). */
function linesOf(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
    }),
  );
}

/** Dead ends of issue 16, item 8: unknown addresses, a missing request, dates broken at 320 px in care mode. */
describe('Dead ends', () => {
  const { page, baseUrl } = usePhonePage();

  it('an unknown address shows 页面不存在 with a way home', async () => {
    await page().goto(`${baseUrl}/subpackages/nothing/here/index`);
    const view = await settledOn(page(), NOT_FOUND);
    await view.getByText('页面不存在', { exact: true }).first().waitFor();
    await screenshot(page(), 'issue16-item8-not-found');
    await view.getByRole('button', { name: '返回首页' }).click();
    await settledOn(page(), HOME);
  });

  it('办件不存在 offers no 重试, but a way home', async () => {
    await signUpCitizen(page(), baseUrl, newPerson('冯立新'));
    await page().goto(`${baseUrl}${REQUEST_DETAIL}?id=987654321`);
    const view = await settledOn(page(), REQUEST_DETAIL);
    await view.getByText('办件不存在').waitFor();
    expect(await view.getByText('重试', { exact: true }).count()).toBe(0);
    await view.getByText('返回首页', { exact: true }).click();
    await settledOn(page(), HOME);
  });

  it('at 320 px in care mode, dates and time ranges never break inside', async () => {
    await page().setViewportSize({ width: 320, height: 640 });
    await page().goto(`${baseUrl}${MINE}`);
    const mine = await settledOn(page(), MINE);
    const toggle = mine.getByRole('switch', { name: '关怀模式' });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await page().goto(`${baseUrl}${LEGAL_CONSULT}`);
    const consult = await settledOn(page(), LEGAL_CONSULT);
    await consult.locator('.legal-day__date').first().waitFor();
    await consult.locator('.legal-slot__time').first().waitFor();
    await screenshot(page(), 'issue16-item8-care-320');
    const dates = await linesOf(page(), '.legal-day__date');
    const times = await linesOf(page(), '.legal-slot__time');
    expect(dates.length).toBeGreaterThan(0);
    expect(times.length).toBeGreaterThan(0);
    expect(
      dates.every((lines) => lines === 1),
      `date lines ${dates}`,
    ).toBe(true);
    expect(
      times.every((lines) => lines === 1),
      `time lines ${times}`,
    ).toBe(true);
  });
});
