import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

/** Budgets of the app itself: weapp package sizes, H5 initial JavaScript, H5 time to first meaningful content. */

export interface PackageSize {
  name: string;
  bytes: number;
}

interface WeappSizeModule {
  checkWeappBuild(distDir: string): { sizes: PackageSize[]; problems: string[] };
}

/** Builds dist/weapp and dist/h5 (or only those named) when missing (as `pnpm build` would). */
export function ensureBuilds(
  repoRoot: string,
  log: (line: string) => void,
  targets: readonly ('weapp' | 'h5')[] = ['weapp', 'h5'],
): void {
  for (const target of targets) {
    const marker = path.join(repoRoot, 'miniapp/dist', target, target === 'weapp' ? 'app.json' : 'index.html');
    if (existsSync(marker)) continue;
    log(`building miniapp ${target} (missing)…`);
    execFileSync('pnpm', ['--filter', 'miniapp', `build:${target}`], { cwd: repoRoot, stdio: 'inherit' });
  }
}

/** Main package and every subpackage, with the miniapp's own size check (scripts/weapp-size.mjs). */
export async function weappSizes(repoRoot: string): Promise<{ sizes: PackageSize[]; problems: string[] }> {
  const script = pathToFileURL(path.join(repoRoot, 'miniapp/scripts/weapp-size.mjs')).href;
  const sizeModule = (await import(script)) as WeappSizeModule;
  return sizeModule.checkWeappBuild(path.join(repoRoot, 'miniapp/dist/weapp'));
}

/** The JavaScript index.html loads before anything else, gzipped (level 6, as a web server would). */
export function h5InitialJs(repoRoot: string): { files: string[]; rawBytes: number; gzipBytes: number } {
  const root = path.join(repoRoot, 'miniapp/dist/h5');
  const html = readFileSync(path.join(root, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1] as string);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(root, file.replace(/^\//, '')));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 6 }).length;
  }
  return { files, rawBytes, gzipBytes };
}

export interface FirstContent {
  /** Median of the runs: navigation start → the home page's service catalogue on screen. */
  medianMs: number;
  runsMs: number[];
  /** First contentful paint of the same runs (median). */
  firstContentfulPaintMs: number;
}

/**
 * The H5 home page in headless Chromium with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate), each run in
 * a fresh browser context (cold cache). "First meaningful content": the welcome text and the first service of the
 * catalogue (which needs GET /api/v1/services) are on screen.
 */
export async function h5FirstContent(baseUrl: string, runs = 3): Promise<FirstContent> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const runsMs: number[] = [];
  const paints: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        // Playwright evaluates its probes as strings; the app's CSP (script-src 'self') would refuse them.
        bypassCSP: true,
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
      // Evaluated in the page (a string: this package's TypeScript has no DOM types).
      await page.waitForFunction(
        "document.body && document.body.innerText.includes('欢迎您') && document.body.innerText.includes('优待证申领')",
        undefined,
        { timeout: 30_000, polling: 'raf' },
      );
      const at = (await page.evaluate('performance.now()')) as number;
      const fcp = (await page.evaluate(
        "(performance.getEntriesByName('first-contentful-paint')[0] || { startTime: 0 }).startTime",
      )) as number;
      runsMs.push(Math.round(at));
      paints.push(Math.round(fcp));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return { medianMs: median(runsMs), runsMs, firstContentfulPaintMs: median(paints) };
}
