import { idNumberCheckCharacter } from '@veterans/shared';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations, fontSizeOf } from '../support/a11y';
import { screenshot } from '../support/browser';
import {
  HOME,
  IDENTITY,
  MINE,
  newPerson,
  REQUEST_DETAIL,
  REQUEST_FORM,
  SERVICES,
  settledOn,
  signInBySms,
  signUpCitizen,
} from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { LEGAL_BOOK, nextBookableSlot } from '../support/legal';
import { api } from '../support/staff';

/**
 * 关怀模式 (care mode, 适老化) in the H5 app: switched on in 我的 (signed out: remembered on the device) or through
 * the one-time offer to a veteran aged 60 or over; then every veteran-facing page has text of at least 18 px
 * with about 1.3× line height or more, main actions at least 60 × 60 px, and no serious or critical axe-core
 * violation (contrast included). Measured on the home page (the simplified one), a form page and a request's
 * detail page; screenshots in tests/artifacts/.
 */

const MIN_FONT_PX = 18;
const MIN_LINE_HEIGHT = 1.3;
const MIN_TARGET_PX = 60;
const INTERACTIVE =
  '[role=button],[role=link],[role=switch],[role=radio],[role=tab],[role=checkbox],button,a[href],input:not([type=hidden]),textarea,select';

/** The shown page's root element (Taro keeps the pages below it in the DOM, hidden). */
function pageRoot(page: Page): Locator {
  return page.locator('.taro_page:not(.taro_page_shade) .page-root').first();
}

interface TextProblem {
  text: string;
  fontSize: number;
  lineHeight: number | null;
}

/** Every visible piece of text in the page root whose font is smaller than 18 px or whose lines are too tight. */
async function textProblems(page: Page): Promise<{ measured: number; problems: TextProblem[] }> {
  return pageRoot(page).evaluate(
    (root, { minFont, minLineHeight }) => {
      const problems: { text: string; fontSize: number; lineHeight: number | null }[] = [];
      let measured = 0;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const text = (walker.currentNode.textContent ?? '').trim();
        const element = walker.currentNode.parentElement;
        if (!text || !element) continue;
        const rect = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || style.opacity === '0') continue;
        if (element.closest('[aria-hidden="true"]')) continue;
        measured += 1;
        const fontSize = Number.parseFloat(style.fontSize);
        const lineHeight = style.lineHeight === 'normal' ? null : Number.parseFloat(style.lineHeight) / fontSize;
        if (fontSize < minFont - 0.01 || (lineHeight !== null && lineHeight < minLineHeight - 0.01)) {
          problems.push({ text: text.slice(0, 24), fontSize, lineHeight });
        }
      }
      return { measured, problems };
    },
    { minFont: MIN_FONT_PX, minLineHeight: MIN_LINE_HEIGHT },
  );
}

interface Target {
  name: string;
  width: number;
  height: number;
}

/** Every visible interactive control of the page root, with its size. */
async function targets(page: Page): Promise<Target[]> {
  return pageRoot(page).evaluate((root, selector) => {
    return Array.from(root.querySelectorAll(selector))
      .filter((element) => !element.closest('[aria-hidden="true"]'))
      .map((element) => {
        const rect = element.getBoundingClientRect();
        const name =
          element.getAttribute('aria-label') || (element.textContent ?? '').trim().slice(0, 24) || element.tagName;
        return { name, width: Math.round(rect.width * 10) / 10, height: Math.round(rect.height * 10) / 10 };
      })
      .filter((target) => target.width > 0 && target.height > 0);
  }, INTERACTIVE);
}

async function expectLargeTargets(page: Page, mainActions: string[]): Promise<void> {
  const found = await targets(page);
  for (const name of mainActions) {
    const target = found.find((candidate) => candidate.name === name || candidate.name.startsWith(name));
    expect(target, `main action ${name}`).toBeDefined();
  }
  const small = found.filter((target) => target.width < MIN_TARGET_PX - 0.5 || target.height < MIN_TARGET_PX - 0.5);
  expect.soft(small, 'controls smaller than 60 × 60 px').toEqual([]);
}

async function expectLargeText(page: Page): Promise<void> {
  const { measured, problems } = await textProblems(page);
  expect(measured).toBeGreaterThan(3);
  expect.soft(problems, 'text under 18 px or with lines under 1.3×').toEqual([]);
}

async function expectCareMode(page: Page): Promise<void> {
  await pageRoot(page).and(page.locator('.page-root--care')).waitFor();
}

/**
 * Care mode's tab bar on a tab page: 首页 / 办事 / 我的, each at least 60 × 60 px with 18 px labels, the shown tab
 * marked; Taro's native one (10 px labels, 50 px high) hidden; the end of the page not behind it.
 */
async function expectCareTabBar(page: Page, current: string): Promise<void> {
  const bar = pageRoot(page).getByRole('navigation', { name: '主菜单' });
  await bar.waitFor();
  const tabs = bar.getByRole('link');
  expect(await tabs.allTextContents()).toEqual(['首页', '办事', '我的'].map((text) => expect.stringContaining(text)));
  for (const tab of await tabs.all()) {
    const box = await tab.boundingBox();
    expect(box?.height, 'tab height').toBeGreaterThanOrEqual(MIN_TARGET_PX);
    expect(box?.width, 'tab width').toBeGreaterThanOrEqual(MIN_TARGET_PX);
    expect(await fontSizeOf(tab.locator('.care-tab__label')), 'tab label').toBeGreaterThanOrEqual(MIN_FONT_PX);
  }
  expect(await bar.getByRole('link', { name: new RegExp(`^${current}`) }).getAttribute('aria-current')).toBe('page');
  // Hidden by the page once it shows (Taro.hideTabBar), a moment after our bar is drawn.
  await expect.poll(() => page.locator('.taro-tabbar__tabbar').isVisible()).toBe(false);
  // Scrolled to the end (the window or whichever box scrolls), the page's last element ends above the tab bar.
  const lastBottom = await pageRoot(page).evaluate((root) => {
    for (let box: Element | null = root; box; box = box.parentElement) box.scrollTop = box.scrollHeight;
    window.scrollTo(0, document.documentElement.scrollHeight);
    const children = Array.from(root.children).filter(
      (child) => !child.classList.contains('care-tab-bar') && child.getBoundingClientRect().height > 0,
    );
    return children.at(-1)?.getBoundingClientRect().bottom ?? 0;
  });
  const barTop = (await bar.boundingBox())?.y ?? 0;
  expect(lastBottom, 'the end of the page behind the tab bar').toBeLessThanOrEqual(barTop);
  await pageRoot(page).evaluate((root) => {
    for (let box: Element | null = root; box; box = box.parentElement) box.scrollTop = 0;
    window.scrollTo(0, 0);
  });
}

/**
 * Every visible text box of the page: its native input or textarea takes 18 px text or more and fills the field
 * drawn around it (a tap anywhere on the field focuses it).
 */
async function expectLargeFields(page: Page): Promise<void> {
  const fields = await pageRoot(page).evaluate((root) =>
    Array.from(root.querySelectorAll<HTMLElement>('input:not([type=hidden]), textarea'))
      .filter((element) => element.getBoundingClientRect().height > 0)
      .map((element) => {
        const own = element.getBoundingClientRect();
        const field = (element.parentElement ?? element).getBoundingClientRect();
        return {
          name: element.getAttribute('aria-label') ?? element.id,
          fontSize: Number.parseFloat(getComputedStyle(element).fontSize),
          gap: Math.max(
            Math.abs(own.left - field.left),
            Math.abs(own.right - field.right),
            Math.abs(own.top - field.top),
            Math.abs(own.bottom - field.bottom),
          ),
        };
      }),
  );
  expect(fields.length).toBeGreaterThan(0);
  const small = fields.filter((field) => field.fontSize < MIN_FONT_PX - 0.01 || field.gap > 1.5);
  expect.soft(small, 'text boxes under 18 px or smaller than their field').toEqual([]);
}

/** A valid ID number of someone born on the given date (Weidu district). */
function idNumberBornOn(date: string): string {
  const first17 = `411002${date.replace(/-/g, '')}${String(100 + Math.floor(Math.random() * 800))}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

async function accessToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('veterans:session'));
  const stored = JSON.parse(raw ?? '{}') as { data?: { accessToken?: string } };
  if (!stored.data?.accessToken) throw new Error('not signed in');
  return stored.data.accessToken;
}

describe('H5 care mode 关怀模式', () => {
  const { page, baseUrl } = usePhonePage();

  it('is switched on in 我的 while signed out and gives the simplified home page', async () => {
    await page().goto(`${baseUrl}${MINE}`);
    let mine = await settledOn(page(), MINE);
    const toggle = mine.getByRole('switch', { name: '关怀模式' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await expectCareMode(page());
    await expectLargeText(page());
    await expectLargeTargets(page(), ['关怀模式', '登录', '首页', '办事', '我的']);
    await expectCareTabBar(page(), '我的');
    await expectNoSeriousViolations(page(), 'mine');
    await expectNoSeriousViolations(page(), 'mine tab bar', ['.care-tab-bar']);
    await screenshot(page(), 'care-mode-mine');

    // Remembered on the device: a new visit opens the simplified home page.
    await page().goto(`${baseUrl}${HOME}`);
    const home = await settledOn(page(), HOME);
    await expectCareMode(page());
    // Each tile is named by all it shows: its title, then the line under it.
    for (const tile of ['预约法律咨询', '我要办事', '我的办件', '困难帮扶', '消息 办理通知']) {
      await home.getByRole('button', { name: new RegExp(`^${tile}`) }).waitFor();
    }
    await home.getByRole('link', { name: /^置顶/ }).first().waitFor();
    await expectLargeText(page());
    await expectLargeTargets(page(), ['预约法律咨询', '我要办事', '我的办件', '困难帮扶', '消息', '退出关怀模式']);
    const tile = await home.getByRole('button', { name: /^我要办事/ }).boundingBox();
    expect(tile?.height).toBeGreaterThanOrEqual(120);
    const inboxTile = await home.getByRole('button', { name: /^消息/ }).boundingBox();
    expect(inboxTile?.height).toBeGreaterThanOrEqual(MIN_TARGET_PX);
    await expectCareTabBar(page(), '首页');
    await expectNoSeriousViolations(page(), 'care home');
    await expectNoSeriousViolations(page(), 'care home tiles and tab bar', ['.care-tiles', '.care-tab-bar']);
    await screenshot(page(), 'care-mode-home');

    // The tab bar goes to 办事, which has it too.
    await pageRoot(page()).getByRole('link', { name: '办事' }).click();
    await settledOn(page(), SERVICES);
    await expectCareTabBar(page(), '办事');
    await pageRoot(page()).getByRole('link', { name: '首页' }).click();
    await settledOn(page(), HOME);

    // And switched off again from there.
    await home.getByRole('button', { name: '退出关怀模式' }).click();
    await home.getByText('办事事项').waitFor();
    await pageRoot(page()).and(page().locator('.page-root--standard')).waitFor();
    // Taro's own tab bar is back, ours gone.
    await page().locator('.taro-tabbar__tabbar').waitFor();
    expect(await page().locator('.care-tab-bar').count()).toBe(0);
    await page().goto(`${baseUrl}${MINE}`);
    mine = await settledOn(page(), MINE);
    expect(await mine.getByRole('switch', { name: '关怀模式' }).getAttribute('aria-checked')).toBe('false');
  });

  it('is offered once to a veteran aged 60 or over, and applies to the form and request pages', async () => {
    const person = { ...newPerson('张卫国'), idNumber: idNumberBornOn('1958-03-15') };
    await signUpCitizen(page(), baseUrl, person);

    // The next visit asks once: 是否开启关怀模式？
    await page().goto(`${baseUrl}${HOME}`);
    let home = await settledOn(page(), HOME);
    const offer = home.getByRole('dialog', { name: '是否开启关怀模式？' });
    await offer.waitFor();
    await screenshot(page(), 'care-mode-offer');
    await expectNoSeriousViolations(page(), 'offer dialog');
    await offer.getByRole('button', { name: '开启关怀模式' }).click();
    await offer.waitFor({ state: 'detached' });
    await expectCareMode(page());
    await home.getByRole('button', { name: /^预约法律咨询/ }).waitFor();

    // Saved to the account.
    const token = await accessToken(page());
    await expect
      .poll(async () => (await api<{ careMode: boolean }>(baseUrl, 'GET', '/me', undefined, token)).careMode)
      .toBe(true);

    // Not asked again.
    await page().goto(`${baseUrl}${HOME}`);
    home = await settledOn(page(), HOME);
    await home.getByRole('button', { name: /^我的办件/ }).waitFor();
    await page().waitForTimeout(1500);
    expect(await page().getByRole('dialog', { name: '是否开启关怀模式？' }).count()).toBe(0);

    // A form page.
    await page().goto(`${baseUrl}${REQUEST_FORM}?code=policy-question`);
    const form = await settledOn(page(), REQUEST_FORM);
    await form.getByRole('textbox').first().waitFor();
    await expectCareMode(page());
    await expectLargeText(page());
    await expectLargeTargets(page(), []);
    await expectLargeFields(page());
    await expectNoSeriousViolations(page(), 'request form');
    await screenshot(page(), 'care-mode-form');

    // A request's detail page.
    const created = await api<{ id: number; number: string }>(
      baseUrl,
      'POST',
      '/requests',
      {
        serviceCode: 'policy-question',
        formData: { topic: '优待抚恤', question: '60 岁以上退役军人有哪些优待？' },
        submit: true,
      },
      token,
    );
    await page().goto(`${baseUrl}${REQUEST_DETAIL}?id=${created.id}`);
    const detail = await settledOn(page(), REQUEST_DETAIL);
    await detail.getByText(created.number).first().waitFor();
    await expectCareMode(page());
    await expectLargeText(page());
    await expectLargeTargets(page(), []);
    await detail.getByRole('textbox', { name: '留言内容' }).waitFor();
    await expectLargeFields(page());
    await expectNoSeriousViolations(page(), 'request detail');
    await screenshot(page(), 'care-mode-request-detail');

    // The legal consultation booking form (问题简述).
    const slot = await nextBookableSlot(baseUrl, 2);
    await page().goto(`${baseUrl}${LEGAL_BOOK}?slotId=${slot.id}&date=${slot.date}`);
    const book = await settledOn(page(), LEGAL_BOOK);
    await book.getByRole('textbox', { name: '问题简述' }).waitFor();
    await expectCareMode(page());
    await expectLargeFields(page());

    // Back home: the submitted request's notice is counted on the 消息 tile and on the tab bar's badge.
    await page().goto(`${baseUrl}${HOME}`);
    home = await settledOn(page(), HOME);
    const inbox = home.getByRole('button', { name: /^消息\s*\d+ 条未读$/ });
    await inbox.waitFor();
    expect(await fontSizeOf(inbox.locator('.care-tile__text'))).toBeGreaterThanOrEqual(MIN_FONT_PX);
    const badge = pageRoot(page())
      .getByRole('link', { name: /^我的\s*\d+\s*条未读$/ })
      .locator('.care-tab__badge');
    expect(await fontSizeOf(badge), 'unread badge').toBeGreaterThanOrEqual(MIN_FONT_PX);
    await screenshot(page(), 'issue-16/item6-after-care-home');
    await expectCareTabBar(page(), '首页');
    await expectNoSeriousViolations(page(), 'care home with unread', ['.care-tiles', '.care-tab-bar']);
  });

  it('lists the communities as large radio rows instead of the picker wheel', async () => {
    const person = newPerson('王建国');
    await signInBySms(page(), baseUrl, person.phone);
    await pageRoot(page()).getByRole('switch', { name: '关怀模式' }).click();
    await expectCareMode(page());
    await page().goto(`${baseUrl}${IDENTITY}`);
    const identity = await settledOn(page(), IDENTITY);
    await expectCareMode(page());
    const list = identity.getByRole('radiogroup', { name: '所属社区（选填）' });
    const rows = list.getByRole('radio');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    for (const row of await rows.all()) {
      const box = await row.boundingBox();
      expect(box?.height, 'row height').toBeGreaterThanOrEqual(MIN_TARGET_PX);
      expect(await fontSizeOf(row), 'row text').toBeGreaterThanOrEqual(MIN_FONT_PX);
    }
    expect(await identity.locator('.picker-trigger').count()).toBe(0);
    const second = rows.nth(1);
    await second.click();
    await expect.poll(() => second.getAttribute('aria-checked')).toBe('true');
    expect(await rows.first().getAttribute('aria-checked')).toBe('false');
    await expectLargeText(page());
    await expectLargeTargets(page(), []);
    await expectLargeFields(page());
    await expectNoSeriousViolations(page(), 'identity');
    await expectNoSeriousViolations(page(), 'community list', ['.choice-group--list']);
    await list.scrollIntoViewIfNeeded();
    await screenshot(page(), 'issue-16/item6-after-community-picker', { viewport: true });
  });
});
