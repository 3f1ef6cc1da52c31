import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Accessibility checks shared by the browser tests: axe-core and measured sizes. */

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core on the document, or on the parts `include` selects (evaluated through the DevTools protocol: the
 * server's CSP allows no inline script). `label-content-name-mismatch` (the visible text must be part of the
 * accessible name) is experimental in axe, so off unless asked for.
 */
export async function axeViolations(page: Page, include?: string[]): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (parts) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe;
    const context = parts ? { include: parts.map((part) => [part]) } : document;
    const rules = parts ? { 'label-content-name-mismatch': { enabled: true } } : {};
    const result = (await axe.run(context, { resultTypes: ['violations'], rules })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  }, include);
  return violations;
}

export async function expectNoSeriousViolations(page: Page, name: string, include?: string[]): Promise<void> {
  const violations = await axeViolations(page, include);
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect.soft(serious, `${name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

/** The font size in px of an element. */
export function fontSizeOf(locator: Locator): Promise<number> {
  return locator.evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
}
