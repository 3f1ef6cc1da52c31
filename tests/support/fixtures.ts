import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { launchBrowser, openPhonePage, screenshot } from './browser';

/**
 * One browser per test file and a fresh phone page per test; a failing test leaves a screenshot
 * named after it in tests/artifacts/.
 */
export function usePhonePage(): { page: () => Page; baseUrl: string } {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await openPhonePage(browser);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await screenshot(page, `failed-${context.task.name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_')}`);
    }
    await page.context().close();
  });
  return { page: () => page, baseUrl: inject('baseUrl') };
}
