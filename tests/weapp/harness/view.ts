/**
 * The view layer of the harness: a jsdom document, WeChat's component framework (miniprogram-exparser) and its
 * adapter j-component, and the wcc-compiled templates of the build. Runs in the test's own realm; the app's code
 * never sees anything from here except JSON (setData data going down, event objects coming up).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { JSDOM } from 'jsdom';

// biome-ignore lint/suspicious/noExplicitAny: exparser and j-component are untyped JavaScript
export type Loose = any;

const require = createRequire(import.meta.url);

let installed: { exparser: Loose; jComponent: Loose; dom: JSDOM } | null = null;

/** Problems the view layer reported (exparser errors and warnings, template warnings); drained by each app. */
export const viewProblems: string[] = [];

/** Installs the DOM globals exparser expects (once per worker) and loads exparser and j-component. */
export function viewLayer(): { exparser: Loose; jComponent: Loose; document: Document } {
  if (!installed) {
    const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
    const g = globalThis as Loose;
    // The view layer is a WebView: these globals belong to it (the logic layer is a separate vm realm).
    for (const name of [
      'window',
      'document',
      'Node',
      'Element',
      'HTMLElement',
      'Text',
      'Event',
      'CustomEvent',
      'MouseEvent',
      'TouchEvent',
      'Touch',
      'getComputedStyle',
      'requestAnimationFrame',
      'cancelAnimationFrame',
    ]) {
      const value = name === 'window' ? dom.window : dom.window[name as keyof typeof dom.window];
      if (value === undefined) continue;
      Object.defineProperty(g, name, {
        value: typeof value === 'function' && /^[a-z]/.test(name) ? value.bind(dom.window) : value,
        configurable: true,
        writable: true,
      });
    }
    if (!g.Touch) g.Touch = class Touch {};
    if (!g.TouchEvent) g.TouchEvent = class TouchEvent extends dom.window.Event {};
    const exparser = require('miniprogram-exparser');
    const jComponent = require('j-component');
    exparser.addGlobalErrorListener((error: unknown, info: Loose) => {
      viewProblems.push(
        `exparser error${info?.type ? ` in ${info.type}` : ''}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return false;
    });
    exparser.addGlobalWarningListener?.((message: unknown) => {
      viewProblems.push(`exparser warning: ${String(message)}`);
      return false;
    });
    installed = { exparser, jComponent, dom };
  }
  return { exparser: installed.exparser, jComponent: installed.jComponent, document: installed.dom.window.document };
}

export type Gwx = (path: string) => ((data: unknown) => unknown) | undefined;

const gwxCache = new Map<string, Gwx>();

/**
 * Runs the wcc output (compiled once by the global setup) with the globals a WebView gives it; its warnings (e.g. "Template `tmpl_0_14` not found") become problems.
 */
export function loadTemplates(gwxSourcePath: string): Gwx {
  const cached = gwxCache.get(gwxSourcePath);
  if (cached) return cached;
  const source = readFileSync(gwxSourcePath, 'utf8');
  const report =
    (level: string) =>
    (...args: unknown[]) => {
      viewProblems.push(
        `template ${level}: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`,
      );
    };
  const window = { __webview_engine_version__: 0.02 };
  const console = { log: () => {}, info: () => {}, debug: () => {}, warn: report('warning'), error: report('error') };
  // In this realm, not a new one: wcc's runtime copies data for WXS only when `o.constructor === Object`, and the
  // data (setData's JSON) is made here.
  const factory = vm.runInThisContext(`(function (window, console) {${source}\n})`, { filename: 'wcc-templates.js' });
  const gwx = (factory as (w: unknown, c: unknown) => Gwx)(window, console);
  gwxCache.set(gwxSourcePath, gwx);
  return gwx;
}
