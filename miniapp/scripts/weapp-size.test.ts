import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkWeappBuild,
  dynamicCodeProblems,
  oversizedPackages,
  PACKAGE_LIMIT_BYTES,
  packageSizes,
  subpackagesOf,
} from './weapp-size.mjs';

describe('packageSizes', () => {
  it('counts files under a subpackage root to that subpackage and everything else to main', () => {
    const files = [
      { path: 'app.js', size: 100 },
      { path: 'pages/index/index.js', size: 20 },
      { path: 'subpackages/services/detail/index.js', size: 7 },
      { path: 'subpackages/services-extra.js', size: 3 },
      { path: 'subpackages/legal/book/index.js', size: 5 },
    ];
    expect(packageSizes(files, ['subpackages/services', 'subpackages/legal'])).toEqual([
      { name: 'main', bytes: 123 },
      { name: 'subpackages/services', bytes: 7 },
      { name: 'subpackages/legal', bytes: 5 },
    ]);
  });

  it('flags packages over 2 MB only', () => {
    const sizes = [
      { name: 'main', bytes: PACKAGE_LIMIT_BYTES },
      { name: 'subpackages/services', bytes: PACKAGE_LIMIT_BYTES + 1 },
    ];
    expect(PACKAGE_LIMIT_BYTES).toBe(2 * 1024 * 1024);
    expect(oversizedPackages(sizes)).toEqual(['subpackages/services package is 2048.0 KB, over the 2 MB limit']);
  });

  it('reads subpackage roots from either spelling in app.json', () => {
    expect(subpackagesOf({ subPackages: [{ root: 'a/', pages: ['x'] }] })).toEqual([{ root: 'a', pages: ['x'] }]);
    expect(subpackagesOf({ subpackages: [{ root: '/b', pages: [] }] })).toEqual([{ root: 'b', pages: [] }]);
    expect(subpackagesOf({})).toEqual([]);
  });
});

describe('dynamicCodeProblems', () => {
  it('allows only webpack’s guarded global probe in runtime.js', () => {
    const probe = 'try{return this||new Function("return this")()}catch(n){}';
    expect(dynamicCodeProblems('runtime.js', probe)).toEqual([]);
    expect(dynamicCodeProblems('vendors.js', probe)).toHaveLength(1);
    expect(dynamicCodeProblems('runtime.js', 'new Function("a", "return a")')).toHaveLength(1);
  });

  it('finds eval calls but not look-alikes', () => {
    expect(dynamicCodeProblems('a.js', 'x=eval("1")')).toHaveLength(1);
    expect(dynamicCodeProblems('a.js', 'safeEval(1);obj.eval(2);var evaluate=1')).toEqual([]);
  });
});

describe('checkWeappBuild', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(file: string, content: string) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }

  function writePage(page: string) {
    for (const extension of ['js', 'wxml', 'json']) write(`${page}.${extension}`, '{}');
  }

  it('passes a complete build', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'weapp-'));
    write(
      'app.json',
      JSON.stringify({ pages: ['pages/index/index'], subPackages: [{ root: 'sub', pages: ['a/index'] }] }),
    );
    writePage('pages/index/index');
    writePage('sub/a/index');
    const { sizes, problems } = checkWeappBuild(dir);
    expect(problems).toEqual([]);
    expect(sizes.map((size) => size.name)).toEqual(['main', 'sub']);
  });

  it('fails without app.json, on missing page files and on dynamic code', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'weapp-'));
    expect(checkWeappBuild(dir).problems[0]).toMatch(/app\.json is missing/);

    write('app.json', JSON.stringify({ pages: ['pages/index/index'] }));
    write('pages/index/index.js', 'eval("x")');
    const { problems } = checkWeappBuild(dir);
    expect(problems).toContain('page pages/index/index has no pages/index/index.wxml');
    expect(problems).toContain('page pages/index/index has no pages/index/index.json');
    expect(problems.some((problem) => problem.includes('dynamic code'))).toBe(true);
  });
});
