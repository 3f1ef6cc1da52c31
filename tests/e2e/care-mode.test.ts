import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { idNumberCheckCharacter } from '@veterans/shared';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { HOME, MINE, newPerson, REQUEST_DETAIL, REQUEST_FORM, settledOn, signUpCitizen } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { api } from '../support/staff';

/**
 * 关怀模式 (care mode, 适老化) in the H5 app: switched on in 我的 (signed out: remembered on the device) or through
 * the one-time offer to a veteran aged 60 or over; then every veteran-facing page has text of at least 18 px
 * with about 1.3× line height or more, main actions at least 60 × 60 px, and no serious or critical axe-core
 * violation (contrast included). Measured on the home page (the simplified one), a form page and a request's
 * detail page; screenshots in tests/artifacts/.
 */

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

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

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core on the document (evaluated through the DevTools protocol: the server's CSP allows no inline script). */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  });
  return violations;
}

async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect.soft(serious, `${name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

async function expectCareMode(page: Page): Promise<void> {
  await pageRoot(page).and(page.locator('.page-root--care')).waitFor();
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
    await expectLargeTargets(page(), ['关怀模式', '登录']);
    await expectNoSeriousViolations(page(), 'mine');
    await screenshot(page(), 'care-mode-mine');

    // Remembered on the device: a new visit opens the simplified home page.
    await page().goto(`${baseUrl}${HOME}`);
    const home = await settledOn(page(), HOME);
    await expectCareMode(page());
    for (const tile of ['预约法律咨询', '我要办事', '我的办件', '困难帮扶']) {
      await home.getByRole('button', { name: tile, exact: true }).waitFor();
    }
    await home
      .getByRole('link', { name: /^置顶通知：/ })
      .first()
      .waitFor();
    await expectLargeText(page());
    await expectLargeTargets(page(), ['预约法律咨询', '我要办事', '我的办件', '困难帮扶', '退出关怀模式']);
    const tile = await home.getByRole('button', { name: '我要办事', exact: true }).boundingBox();
    expect(tile?.height).toBeGreaterThanOrEqual(120);
    await expectNoSeriousViolations(page(), 'care home');
    await screenshot(page(), 'care-mode-home');

    // And switched off again from there.
    await home.getByRole('button', { name: '退出关怀模式' }).click();
    await home.getByText('办事事项').waitFor();
    await pageRoot(page()).and(page().locator('.page-root--standard')).waitFor();
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
    await home.getByRole('button', { name: '预约法律咨询', exact: true }).waitFor();

    // Saved to the account.
    const token = await accessToken(page());
    await expect
      .poll(async () => (await api<{ careMode: boolean }>(baseUrl, 'GET', '/me', undefined, token)).careMode)
      .toBe(true);

    // Not asked again.
    await page().goto(`${baseUrl}${HOME}`);
    home = await settledOn(page(), HOME);
    await home.getByRole('button', { name: '我的办件', exact: true }).waitFor();
    await page().waitForTimeout(1500);
    expect(await page().getByRole('dialog', { name: '是否开启关怀模式？' }).count()).toBe(0);

    // A form page.
    await page().goto(`${baseUrl}${REQUEST_FORM}?code=policy-question`);
    const form = await settledOn(page(), REQUEST_FORM);
    await form.getByRole('textbox').first().waitFor();
    await expectCareMode(page());
    await expectLargeText(page());
    await expectLargeTargets(page(), []);
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
    await expectNoSeriousViolations(page(), 'request detail');
    await screenshot(page(), 'care-mode-request-detail');
  });
});
