import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

/** Debian's Chromium, never a downloaded one; flags keep it off the (closed) network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

/** A page at a phone's viewport, in Chinese, as a veteran would see the H5 app. */
export async function openPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
}

/** tests/artifacts/<name>.png (`name` may name a subfolder: issue-16/…), the whole page unless `viewport`. */
export async function screenshot(page: Page, name: string, options: { viewport?: boolean } = {}): Promise<void> {
  const file = path.join(artifactsDir, `${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: !options.viewport });
}

/** Keeps a file the test produced (a printed PDF) beside the screenshots, for a person to look at. */
export function saveArtifact(name: string, content: Buffer): void {
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(path.join(artifactsDir, name), content);
}
