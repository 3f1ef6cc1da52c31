import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Ability, can, idNumberCheckCharacter, PRIVACY_POLICY_VERSION, type Session } from '@veterans/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifactsDir, launchBrowser, screenshot } from '../support/browser';
import { logMark, smsCodeFor } from '../support/server-log';
import { api, DEMO_ADMIN, DEMO_DISTRICT_STAFF, DEMO_LAWYER, type StaffAccount } from '../support/staff';
import { randomPhone, settledOn } from './auth-helpers';

/**
 * The accessibility audit of issue 22 (适老化): every route of the app config (main package and subpackages, so
 * a page added later is audited without anyone listing it) is opened in headless Chromium and measured:
 *
 * - citizen pages at 375 × 812 as a 68-year-old veteran, in care mode and in normal mode;
 * - staff pages (the staff subpackages below) at 1366 × 900 with a demo staff account that may open them.
 *
 * On each: no serious or critical axe-core violation (contrast ≥ 4.5:1 is axe's color-contrast rule); every
 * clickable element has a role; every control's hit area is ≥ 60 × 60 px in care mode and ≥ 44 × 44 px
 * otherwise; in care mode every visible text, input, textarea and badge is ≥ 18 px.
 */

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Subpackages of the workbench (staff, lawyers, admins); every other route is a citizen page. */
const STAFF_ROOTS = [
  'subpackages/staff',
  'subpackages/admin',
  'subpackages/legal-desk',
  'subpackages/content-admin',
  'subpackages/staff-stats',
];

type Mode = 'care' | 'normal' | 'staff';
const MIN_FONT_PX: Record<Mode, number | null> = { care: 18, normal: null, staff: null };
/**
 * Staff pages are held to axe (WCAG 2.2 target-size: 24 px) and roles, not to the citizen pages' 44/60 px:
 * issue 22's size rules are for citizen pages; the workbench keeps its dense tables at a desk.
 */
const MIN_TARGET_PX: Record<Mode, number | null> = { care: 60, normal: 44, staff: null };

/**
 * Runs in every page before the app: marks each element that gets a click listener directly (Taro's own
 * navigation bar and tab bar are plain DOM, not React), so that a clickable without a role is found too.
 */
function CLICK_RECORDER(): void {
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: [never, never?]) {
    if ((type === 'click' || type === 'tap') && this instanceof Element) {
      (this as unknown as { __auditClick?: boolean }).__auditClick = true;
    }
    return add.call(this, type, ...rest);
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Routes from the app config

interface AppConfigShape {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

async function appRoutes(): Promise<string[]> {
  // app.config.ts calls Taro's compile-time global; at run time it only needs to hand back its argument.
  (globalThis as { defineAppConfig?: (config: AppConfigShape) => AppConfigShape }).defineAppConfig = (config) => config;
  const configPath = fileURLToPath(new URL('../../miniapp/src/app.config.ts', import.meta.url));
  const { default: config } = (await import(configPath)) as { default: AppConfigShape };
  return [
    ...config.pages,
    ...(config.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
  ].map((route) => `/${route}`);
}

const routes = await appRoutes();
const isStaffRoute = (route: string) => STAFF_ROOTS.some((root) => route.startsWith(`/${root}/`));
const citizenRoutes = routes.filter((route) => !isStaffRoute(route));
const staffRoutes = routes.filter(isStaffRoute);

/** The ability a staff page asks RequireStaff/AdminShell for (read from its source), if any. */
function pageAbility(route: string): Ability | undefined {
  const source = readFileSync(
    fileURLToPath(new URL(`../../miniapp/src${route.replace(/\/index$/, '/index.tsx')}`, import.meta.url)),
    'utf8',
  );
  return source.match(/ability="([\w.]+)"/)?.[1] as Ability | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded accounts and records

interface Fixtures {
  requestId: number;
  articleId: number;
  slot: { id: number; date: string };
  bookingId: number;
}

/** What the pages that show one record need in their query; every other route opens as it is. */
const QUERIES: Record<string, (fx: Fixtures) => Record<string, string | number>> = {
  '/subpackages/services/detail/index': () => ({ code: 'preferential-card' }),
  '/subpackages/requests/form/index': () => ({ code: 'policy-question' }),
  '/subpackages/requests/detail/index': (fx) => ({ id: fx.requestId }),
  '/subpackages/articles/detail/index': (fx) => ({ id: fx.articleId }),
  '/subpackages/legal/book/index': (fx) => ({ slotId: fx.slot.id, date: fx.slot.date }),
  '/subpackages/legal/confirmation/index': (fx) => ({ id: fx.bookingId }),
  '/subpackages/staff/request/index': (fx) => ({ id: fx.requestId }),
  '/subpackages/staff/counter-receipt/index': (fx) => ({ id: fx.requestId }),
  '/subpackages/content-admin/edit/index': (fx) => ({ id: fx.articleId }),
  '/subpackages/legal-desk/walk-in/index': (fx) => ({ slotId: fx.slot.id, date: fx.slot.date }),
  '/subpackages/legal-desk/record/index': (fx) => ({ bookingId: fx.bookingId, date: fx.slot.date }),
};

function urlOf(route: string, fx: Fixtures): string {
  const query = QUERIES[route]?.(fx) ?? {};
  const pairs = Object.entries(query).map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `${route}?${pairs.join('&')}` : route;
}

/** A valid ID number of someone born on the given date (Weidu district). */
function idNumberBornOn(date: string): string {
  const first17 = `411002${date.replace(/-/g, '')}${String(100 + Math.floor(Math.random() * 800))}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

/** A veteran born in 1958 (68 in 2026), signed in by SMS, with consent and identity; a fresh session after it. */
async function seededVeteran(baseUrl: string): Promise<Session> {
  const phone = randomPhone();
  const mark = logMark();
  await api(baseUrl, 'POST', '/auth/sms/send', { phone });
  const code = await smsCodeFor(phone, mark);
  const first = await api<Session>(baseUrl, 'POST', '/auth/sms/verify', { phone, code });
  await api(
    baseUrl,
    'POST',
    '/me/consents',
    { kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true },
    first.accessToken,
  );
  await api(
    baseUrl,
    'PUT',
    '/me/identity',
    { name: '张卫国', idNumber: idNumberBornOn('1958-03-15'), kind: 'veteran' },
    first.accessToken,
  );
  return api<Session>(baseUrl, 'POST', '/auth/refresh', { refreshToken: first.refreshToken });
}

async function seedFixtures(baseUrl: string, veteran: Session): Promise<Fixtures> {
  const token = veteran.accessToken;
  const request = await api<{ id: number }>(
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
  // A message, so that the detail pages show a conversation too.
  await api(baseUrl, 'POST', `/requests/${request.id}/messages`, { body: '请问还需要补充什么材料？' }, token);
  const articles = await api<{ items: { id: number }[] }>(baseUrl, 'GET', '/articles');
  const article = articles.items[0];
  if (!article) throw new Error('The demo data has no published article');
  const { slots } = await api<{ slots: { id: number; date: string; bookable: boolean; remaining: number }[] }>(
    baseUrl,
    'GET',
    '/legal/slots',
  );
  // The furthest slot first: the booking tests take the first bookable slot and count its places.
  for (const slot of slots.filter((candidate) => candidate.bookable && candidate.remaining > 0).reverse()) {
    try {
      const booking = await api<{ id: number }>(
        baseUrl,
        'POST',
        '/legal/bookings',
        { slotId: slot.id, topic: 'labour', description: '单位拖欠工资，想咨询如何维权' },
        token,
      );
      return {
        requestId: request.id,
        articleId: article.id,
        slot: { id: slot.id, date: slot.date },
        bookingId: booking.id,
      };
    } catch (error) {
      if (!/SLOT_FULL/.test(String(error))) throw error;
    }
  }
  throw new Error('No bookable legal slot in the demo data');
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring one page

interface Breach {
  rule: string;
  /** A CSS path or axe target of the element. */
  target: string;
  detail: string;
}

const CONTROL_ROLES = [
  'button',
  'link',
  'switch',
  'radio',
  'checkbox',
  'tab',
  'menuitem',
  'option',
  'combobox',
  'textbox',
  'searchbox',
  'slider',
  'spinbutton',
  // A day of a calendar grid: selected with a click, as ARIA's grid pattern has it.
  'gridcell',
];

/** Fonts, hit areas and clickables without a role, measured in the page (one pass over the document). */
async function measure(page: Page, mode: Mode): Promise<Breach[]> {
  return page.evaluate(
    ({ minFont, minTarget, controlRoles }) => {
      const breaches: { rule: string; target: string; detail: string }[] = [];
      const pathOf = (element: Element): string => {
        const parts: string[] = [];
        let current: Element | null = element;
        while (current && current !== document.body && parts.length < 4) {
          const classes = Array.from(current.classList)
            .filter((name) => !name.startsWith('hydrated'))
            .slice(0, 2)
            .map((name) => `.${name}`)
            .join('');
          parts.unshift(`${current.tagName.toLowerCase()}${classes}`);
          current = current.parentElement;
        }
        return parts.join(' > ');
      };
      const visible = (element: Element): boolean => {
        if (element.closest('[aria-hidden="true"]')) return false;
        const rect = element.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1) return false;
        const style = getComputedStyle(element);
        return style.visibility !== 'hidden' && Number(style.opacity) > 0;
      };
      const nameOf = (element: Element) =>
        (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30) ||
        element.tagName.toLowerCase();

      // Text: every visible text node's element, and the inputs whose text is not a text node.
      if (minFont !== null) {
        const seen = new Set<Element>();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const element = walker.currentNode.parentElement;
          if (!element || seen.has(element) || !(walker.currentNode.textContent ?? '').trim()) continue;
          seen.add(element);
          if (!visible(element)) continue;
          const size = Number.parseFloat(getComputedStyle(element).fontSize);
          if (size < minFont - 0.01) {
            breaches.push({ rule: 'font-size', target: pathOf(element), detail: `${size}px “${nameOf(element)}”` });
          }
        }
        for (const element of Array.from(document.querySelectorAll('input:not([type=hidden]),textarea,select'))) {
          if (!visible(element)) continue;
          const size = Number.parseFloat(getComputedStyle(element).fontSize);
          if (size < minFont - 0.01) {
            const label = element.getAttribute('aria-label') ?? element.getAttribute('placeholder') ?? '';
            breaches.push({
              rule: 'font-size',
              target: pathOf(element),
              detail: `${size}px ${element.tagName} “${label}”`,
            });
          }
        }
      }

      // Controls: native ones, elements with a control role, and whatever listens for a click: a React onClick,
      // a Taro component's click (its `__events`), or a listener added directly (recorded by CLICK_RECORDER).
      const listensForClick = (element: Element): boolean => {
        const own = element as unknown as Record<string, unknown>;
        if (own.__auditClick === true) return true;
        const events = own.__events as Record<string, unknown> | undefined;
        if (events && (events.click || events.tap)) return true;
        const key = Object.keys(element).find((name) => name.startsWith('__reactProps$'));
        const props = key ? (own[key] as Record<string, unknown> | undefined) : undefined;
        return typeof props?.onClick === 'function' || typeof props?.onTap === 'function';
      };
      const roleSelector = controlRoles.map((role) => `[role=${role}]`).join(',');
      const nativeSelector = 'button,a[href],input:not([type=hidden]),textarea,select';
      const controls = new Set<Element>(Array.from(document.querySelectorAll(`${roleSelector},${nativeSelector}`)));
      for (const element of Array.from(document.body.querySelectorAll('*'))) {
        if (!listensForClick(element) || !visible(element)) continue;
        if (element.matches(`${roleSelector},${nativeSelector}`)) continue;
        // The router's containers listen for every click of the page (delegation).
        if (element.matches('.taro_page') || element.querySelector('.taro_page')) continue;
        // NutUI hands every Cell and Tag a click handler; it marks the ones that act with a pointer cursor.
        if (/(^|\s)nut-/.test(element.className.toString()) && getComputedStyle(element).cursor !== 'pointer') continue;
        // A wrapper whose click reaches it from a control inside (or a control's own inner part) is no control.
        if (
          element.querySelector(`${roleSelector},${nativeSelector}`) ||
          element.closest(`${roleSelector},${nativeSelector}`)
        )
          continue;
        // A dialog's backdrop closes it; the dialog's own buttons and Esc are the way for everyone else.
        if (/overlay|mask/.test(element.className.toString())) continue;
        breaches.push({ rule: 'clickable-without-role', target: pathOf(element), detail: `“${nameOf(element)}”` });
        controls.add(element);
      }
      for (const element of controls) {
        if (!visible(element)) continue;
        // A radio or checkbox drawn inside its labelled option: the option is what is tapped.
        if (
          element.matches('input[type=radio],input[type=checkbox]') &&
          element.closest('[role=radio],[role=checkbox]')
        )
          continue;
        if (minTarget === null) continue;
        // An input inside its <label> (a file picker's button, a radio option): the whole label takes the tap.
        const box = element.matches('input') ? (element.closest('label') ?? element) : element;
        const rect = box.getBoundingClientRect();
        if (rect.width < minTarget - 0.5 || rect.height < minTarget - 0.5) {
          breaches.push({
            rule: 'target-size',
            target: pathOf(element),
            detail: `${Math.round(rect.width)}×${Math.round(rect.height)} “${nameOf(element)}”`,
          });
        }
      }
      return breaches;
    },
    { minFont: MIN_FONT_PX[mode], minTarget: MIN_TARGET_PX[mode], controlRoles: CONTROL_ROLES },
  );
}

/** Serious and critical axe-core violations (evaluated through DevTools: the server's CSP allows no inline script). */
async function axeBreaches(page: Page): Promise<Breach[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[];
    };
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) =>
        violation.nodes.map((node) => ({
          rule: `axe:${violation.id}`,
          target: node.target.join(' '),
          detail: (node.failureSummary ?? '').split('\n').slice(1, 2).join('').trim(),
        })),
      );
  });
}

/** Opens the page as from a link (a fresh load of the H5 app) and waits until it has its data. */
async function open(page: Page, baseUrl: string, route: string, fx: Fixtures): Promise<void> {
  await page.goto(`${baseUrl}${urlOf(route, fx)}`);
  await settledOn(page, route);
  await page.waitForLoadState('networkidle');
  await page.locator('.load-state--loading').first().waitFor({ state: 'detached' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Every page × mode measured in this run and what it found (written to tests/artifacts/ for the record). */
const report: { route: string; mode: Mode; breaches: Breach[] }[] = [];

async function audit(page: Page, baseUrl: string, route: string, fx: Fixtures, mode: Mode): Promise<void> {
  await open(page, baseUrl, route, fx);
  if (mode === 'care') await page.locator('.page-root--care').first().waitFor();
  const breaches = [...(await axeBreaches(page)), ...(await measure(page, mode))];
  report.push({ route, mode, breaches });
  if (breaches.length > 0) await screenshot(page, `audit-${mode}-${route.replace(/\//g, '_')}`);
  expect(breaches, `${route} (${mode})`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------

describe('accessibility audit (issue 22): every page of the app config', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let fixtures: Fixtures;
  let veteran: Session;
  const contexts: BrowserContext[] = [];
  const pages = new Map<string, Page>();

  beforeAll(async () => {
    browser = await launchBrowser();
    veteran = await seededVeteran(baseUrl);
    fixtures = await seedFixtures(baseUrl, veteran);
  });
  afterAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(path.join(artifactsDir, 'accessibility-audit.json'), `${JSON.stringify(report, null, 1)}\n`);
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  /** One page per account and viewport, reused by every route; the session is put in storage as the app keeps it. */
  async function pageFor(key: string, viewport: { width: number; height: number }, storage: Record<string, unknown>) {
    const existing = pages.get(key);
    if (existing) return existing;
    const phone = viewport.width < 600;
    const context = await browser.newContext({
      viewport,
      deviceScaleFactor: phone ? 2 : 1,
      isMobile: phone,
      hasTouch: phone,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(context);
    await context.addInitScript(CLICK_RECORDER);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/pages/mine/index`);
    await page.evaluate((entries) => {
      localStorage.clear();
      // Taro's H5 storage wraps every value as { data }.
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, JSON.stringify({ data: value }));
    }, storage);
    pages.set(key, page);
    return page;
  }

  function storedSession(session: Session) {
    return { accessToken: session.accessToken, refreshToken: session.refreshToken, user: session.user };
  }

  for (const mode of ['care', 'normal'] as const) {
    describe(`citizen pages at 375 × 812, ${mode === 'care' ? 'care mode 关怀模式' : 'normal mode'}`, () => {
      let page: Page;
      beforeAll(async () => {
        // The account's setting counts for a signed-in citizen; the device's copy agrees so nothing is re-saved.
        await api(baseUrl, 'PUT', '/me', { careMode: mode === 'care' }, veteran.accessToken);
        page = await pageFor(
          `citizen-${mode}`,
          { width: 375, height: 812 },
          {
            'veterans:session': storedSession(veteran),
            'veterans:care-mode': { on: mode === 'care', unsaved: false },
            // Asked once already (the offer to someone over 60 would cover the page).
            [`veterans:care-mode-offered:${veteran.user.id}`]: true,
          },
        );
      });
      for (const route of citizenRoutes) {
        it(route, () => audit(page, baseUrl, route, fixtures, mode));
      }
    });
  }

  describe('staff pages at 1366 × 900', () => {
    const sessions = new Map<string, Session>();
    const accounts: StaffAccount[] = [DEMO_DISTRICT_STAFF, DEMO_ADMIN, DEMO_LAWYER];
    beforeAll(async () => {
      for (const account of accounts) {
        sessions.set(account.username, await api<Session>(baseUrl, 'POST', '/auth/staff/login', account));
      }
    });
    for (const route of staffRoutes) {
      it(route, async () => {
        const ability = pageAbility(route);
        // The first demo account the page lets in (district staff for most, the admin or the lawyer for theirs).
        const account = accounts.find((candidate) => {
          const session = sessions.get(candidate.username);
          return session && (!ability || can(session.user, ability));
        });
        if (!account) throw new Error(`No demo staff account may open ${route} (${ability})`);
        const session = sessions.get(account.username) as Session;
        const page = await pageFor(
          `staff-${account.username}`,
          { width: 1366, height: 900 },
          {
            'veterans:session': storedSession(session),
          },
        );
        await audit(page, baseUrl, route, fixtures, 'staff');
      });
    }
  });
});
