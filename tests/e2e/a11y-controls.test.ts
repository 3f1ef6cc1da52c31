import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations } from '../support/a11y';
import { GUIDE, HOME, IDENTITY, MINE, newPerson, settledOn, signInBySms } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';

/**
 * Issue 22's component fixes in the H5 app: Taro's navigation bar buttons are named buttons with a full touch
 * target, a tap anywhere on a text field focuses it, and the home shortcuts and the community picker are named
 * by what they show (axe label-content-name-mismatch). Care mode's text boxes are in care-mode.test.ts.
 */

const ARTICLE_LIST = '/subpackages/articles/list/index';

async function expectTarget(button: Locator, size: number): Promise<void> {
  await button.waitFor();
  const box = await button.boundingBox();
  expect(box?.width, 'width').toBeGreaterThanOrEqual(size);
  expect(box?.height, 'height').toBeGreaterThanOrEqual(size);
}

/** Taps `field` just inside each of its corners; after each, its native input has the focus. */
async function expectTapFocuses(page: Page, field: Locator, inputId: string): Promise<void> {
  const box = await field.boundingBox();
  if (!box) throw new Error('field not shown');
  const corners = [
    [box.x + 4, box.y + 4],
    [box.x + box.width - 4, box.y + box.height - 4],
  ] as const;
  for (const [x, y] of corners) {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.click(x, y);
    expect(await page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName), `${x},${y}`).toBe(
      inputId,
    );
  }
}

describe('H5 controls: navigation bar, text fields, accessible names', () => {
  const { page, baseUrl } = usePhonePage();

  it("names Taro's navigation bar buttons (返回首页 / 返回), sizes them 44 px (60 px in care mode), keyboard too", async () => {
    // Opened directly, a subpage offers the way home.
    await page().goto(`${baseUrl}${GUIDE}?code=hardship-aid`);
    await settledOn(page(), GUIDE);
    const home = page().getByRole('button', { name: '返回首页', exact: true });
    await expectTarget(home, 44);
    await expectNoSeriousViolations(page(), 'navigation bar', ['#taro-navigation-bar']);
    await home.focus();
    await page().keyboard.press('Enter');
    const homePage = await settledOn(page(), HOME);

    // Reached from the home page, it offers the way back.
    await homePage
      .locator('.shortcuts')
      .getByRole('button', { name: /^困难帮扶/ })
      .click();
    await settledOn(page(), GUIDE);
    const back = page().getByRole('button', { name: '返回', exact: true });
    await expectTarget(back, 44);
    await back.focus();
    await page().keyboard.press('Enter');
    await settledOn(page(), HOME);

    // Care mode: a 60 px target.
    await page().goto(`${baseUrl}${MINE}`);
    const mine = await settledOn(page(), MINE);
    await mine.getByRole('switch', { name: '关怀模式' }).click();
    await page().goto(`${baseUrl}${GUIDE}?code=hardship-aid`);
    await settledOn(page(), GUIDE);
    await expectTarget(page().getByRole('button', { name: '返回首页', exact: true }), 60);
  });

  it('focuses a text field when it is tapped anywhere on its box, not only on the line of text', async () => {
    await page().goto(`${baseUrl}${ARTICLE_LIST}`);
    const list = await settledOn(page(), ARTICLE_LIST);
    const search = list.locator('taro-input-core.form-field__input').first();
    await page().evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('.taro_page:not(.taro_page_shade) input[type=search]');
      if (input) input.id = 'article-search';
    });
    await expectTapFocuses(page(), search, 'article-search');

    await signInBySms(page(), baseUrl, newPerson('刘振东').phone);
    await page().goto(`${baseUrl}${IDENTITY}`);
    const identity = await settledOn(page(), IDENTITY);
    const name = identity.locator('taro-input-core.form-field__input').first();
    await expectTapFocuses(page(), name, 'identity-name');
  });

  it('names the home shortcuts and the community picker by the text they show', async () => {
    await page().goto(`${baseUrl}${HOME}`);
    const home = await settledOn(page(), HOME);
    await home.getByRole('button', { name: /^我要办事/ }).waitFor();
    await expectNoSeriousViolations(page(), 'home shortcuts', ['.shortcuts']);

    await signInBySms(page(), baseUrl, newPerson('陈国强').phone);
    await page().goto(`${baseUrl}${IDENTITY}`);
    const identity = await settledOn(page(), IDENTITY);
    await identity.getByRole('button', { name: '所属社区（选填） 请选择所属社区' }).waitFor();
    await expectNoSeriousViolations(page(), 'community picker', ['.picker-trigger']);
  });
});
