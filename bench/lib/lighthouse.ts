import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Lighthouse 12, mobile form factor with simulated throttling (its defaults: a mid-range phone on slow 4G, CPU 4×),
 * on pages of the H5 build as the API server serves it in production (server/src/plugins/h5-app.ts). Every run
 * starts from an empty cache and empty storage (Lighthouse resets both); a signed-in page gets its session written
 * into localStorage before the app's own scripts run, as if the veteran had signed in earlier.
 */

export interface LighthousePage {
  name: string;
  /** Path on the server, e.g. `/` or `/subpackages/requests/detail/index?id=1`. */
  path: string;
  /** The value the app keeps under `veterans:session` (see miniapp/src/api/session.ts), or none. */
  session?: unknown;
}

export interface LighthouseFigures {
  name: string;
  path: string;
  /** Median of the runs (by performance score), in ms / 0–100. */
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  performance: number;
  accessibility: number;
  /** The element of the largest paint (its class and text), from a run of its own (see largestPaintOf). */
  lcpElement: string;
  runs: { fcpMs: number; lcpMs: number; tbtMs: number; performance: number; accessibility: number }[];
}

export const SESSION_STORAGE_KEY = 'veterans:session';

/** The flags of STACK.md (Browser tests); Lighthouse needs no more. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Run = LighthouseFigures['runs'][number] & { report: string };

/** A run Lighthouse itself reports as failed (its runtimeError), as opposed to the page or browser failing. */
class LighthouseRunError extends Error {
  constructor(message: string) {
    super(`Lighthouse: ${message}`);
  }
}

/** A new tab that has the page's session in localStorage before any script of the app runs. */
async function tabWithSession(browser: Browser, session: unknown): Promise<Page> {
  const page = await browser.newPage();
  if (session !== undefined) {
    // Taro's H5 storage keeps `{ data }` as JSON. Runs in every document before its scripts, after Lighthouse's
    // storage reset; about:blank (Lighthouse's first stop) has no localStorage, hence the try. A string: this
    // package's TypeScript has no DOM types.
    const value = JSON.stringify(JSON.stringify({ data: session }));
    await page.evaluateOnNewDocument(
      `try { localStorage.setItem(${JSON.stringify(SESSION_STORAGE_KEY)}, ${value}); } catch {}`,
    );
  }
  return page;
}

async function auditOnce(browser: Browser, url: string, session: unknown): Promise<Run> {
  const page = await tabWithSession(browser, session);
  try {
    const result = await lighthouse(
      url,
      { output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], formFactor: 'mobile' },
      undefined,
      page,
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new LighthouseRunError(`${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const numeric = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
    return {
      fcpMs: numeric('first-contentful-paint'),
      lcpMs: numeric('largest-contentful-paint'),
      tbtMs: numeric('total-blocking-time'),
      performance: score('performance'),
      accessibility: score('accessibility'),
      report: typeof result.report === 'string' ? result.report : JSON.stringify(lhr),
    };
  } finally {
    await page.close();
  }
}

/** Lighthouse now and then fails to record a trace on a busy machine (NO_NAVSTART, NO_FCP): up to 3 tries. */
async function auditWithRetries(browser: Browser, url: string, session: unknown): Promise<Run> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await auditOnce(browser, url, session);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof LighthouseRunError)) throw error;
    }
  }
}

/**
 * Which element the largest paint is. Lighthouse 12.2's own audit of it fails on this Chromium (its trace engine
 * throws in RootCauses), so a plain load at Lighthouse's phone size and CPU slowdown asks the browser instead.
 */
async function largestPaintOf(browser: Browser, url: string, session: unknown): Promise<string> {
  const page = await tabWithSession(browser, session);
  try {
    await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(url, { waitUntil: 'networkidle0' });
    // Evaluated in the page (a string: no DOM types here). The last entry is the largest paint.
    return (await page.evaluate(`new Promise((resolve) => new PerformanceObserver((list) => {
      const entry = list.getEntries().at(-1);
      const element = entry && entry.element;
      resolve(element ? [element.tagName.toLowerCase() + '.' + String(element.className).split(' ')[0],
        (element.textContent || entry.url || '').trim().slice(0, 24)].join(' ') : 'none');
    }).observe({ type: 'largest-contentful-paint', buffered: true }))`)) as string;
  } finally {
    await page.close();
  }
}

/**
 * `runs` Lighthouse runs of each page (one after another: two cores, and a parallel run would skew the CPU
 * benchmark Lighthouse takes for its simulation); the figures are those of the median run by performance score,
 * as Lighthouse's own docs advise. That run's full report goes to `reportDir/lighthouse-<page>.json`.
 */
export async function lighthouseFigures(
  baseUrl: string,
  pages: readonly LighthousePage[],
  runs: number,
  reportDir: string,
): Promise<LighthouseFigures[]> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-lighthouse-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    userDataDir,
  });
  try {
    const figures: LighthouseFigures[] = [];
    for (const target of pages) {
      const url = `${baseUrl}${target.path}`;
      const results: Run[] = [];
      for (let run = 0; run < runs; run++) results.push(await auditWithRetries(browser, url, target.session));
      const { report, ...median } = [...results].sort((a, b) => a.performance - b.performance)[
        Math.floor(results.length / 2)
      ] as Run;
      // The whole report of the median run, for finding out what holds a figure (open it in Lighthouse's viewer).
      mkdirSync(reportDir, { recursive: true });
      writeFileSync(path.join(reportDir, `lighthouse-${target.name.replaceAll(' ', '-')}.json`), report);
      figures.push({
        name: target.name,
        path: target.path,
        ...median,
        lcpElement: await largestPaintOf(browser, url, target.session),
        runs: results.map(({ fcpMs, lcpMs, tbtMs, performance, accessibility }) => ({
          fcpMs,
          lcpMs,
          tbtMs,
          performance,
          accessibility,
        })),
      });
    }
    return figures;
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
