import { describe, expect, it } from 'vitest';
import { Device, harnessEnv, launch } from './support/harness.ts';

// The harness itself: the logic layer is WeChat's, not a browser's or Node's.
describe('the weapp logic layer', () => {
  it("has exactly WeChat's globals and wx API names, refuses dynamic code, and reports stray rejections", async () => {
    const app = await launch(new Device());
    for (const name of [
      'window',
      'document',
      'fetch',
      'localStorage',
      'XMLHttpRequest',
      'process',
      'require',
      'global',
    ]) {
      expect(app.evaluate(`typeof ${name}`), name).toBe('undefined');
    }
    for (const name of ['wx', 'App', 'Page', 'Component', 'getApp', 'getCurrentPages', 'setTimeout', 'console']) {
      expect(app.evaluate(`typeof ${name}`), name).not.toBe('undefined');
    }
    const keys = app.evaluate('Object.keys(wx)') as string[];
    const names = harnessEnv().apiNames;
    // webpack keeps its chunk list on wx (globalObject: 'wx'), as on a device.
    expect(keys.filter((key) => key !== 'webpackJsonp').sort()).toEqual([...names].sort());
    expect(() => app.evaluate("new Function('return 1')")).toThrow(/Code generation from strings disallowed/);
    expect(app.evaluate('getCurrentPages().map((page) => page.route)')).toEqual(['pages/index/index']);

    app.evaluate("Promise.reject(new Error('nobody handles this'))");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.allProblems().join('\n')).toMatch(/Unhandled rejection: Error: nobody handles this/);
    app.problems.length = 0;
  });
});
