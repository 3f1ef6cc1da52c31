// @ts-check
// Checks a weapp build (dist/weapp): package sizes against WeChat's limit, page files, dynamic code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** WeChat's limit for the main package and for each subpackage. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * @typedef {{ path: string, size: number }} BuiltFile  path relative to the build root, with forward slashes
 * @typedef {{ name: string, bytes: number }} PackageSize
 * @typedef {{ pages?: string[], subPackages?: { root: string, pages: string[] }[],
 *   subpackages?: { root: string, pages: string[] }[], tabBar?: { list?: { iconPath?: string,
 *   selectedIconPath?: string }[] } }} AppJson
 */

/**
 * @param {AppJson} appJson
 * @returns {{ root: string, pages: string[] }[]}
 */
export function subpackagesOf(appJson) {
  return (appJson.subPackages ?? appJson.subpackages ?? []).map(({ root, pages }) => ({
    root: root.replace(/^\/+|\/+$/g, ''),
    pages,
  }));
}

/**
 * Sizes of the main package (every file outside a subpackage root) and of each subpackage.
 * @param {BuiltFile[]} files
 * @param {string[]} subpackageRoots
 * @returns {PackageSize[]} the main package first
 */
export function packageSizes(files, subpackageRoots) {
  const sizes = new Map([['main', 0], ...subpackageRoots.map((root) => /** @type {[string, number]} */ ([root, 0]))]);
  for (const file of files) {
    const root = subpackageRoots.find((candidate) => file.path.startsWith(`${candidate}/`)) ?? 'main';
    sizes.set(root, (sizes.get(root) ?? 0) + file.size);
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes }));
}

/**
 * @param {PackageSize[]} sizes
 * @returns {string[]} one problem per package over the limit
 */
export function oversizedPackages(sizes) {
  return sizes
    .filter(({ bytes }) => bytes > PACKAGE_LIMIT_BYTES)
    .map(({ name, bytes }) => `${name} package is ${formatKb(bytes)}, over the 2 MB limit`);
}

/** @param {number} bytes */
export function formatKb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

// WeChat refuses dynamic code. webpack's runtime probes for the global object with a guarded
// `new Function("return this")`, which is harmless and allowed there only.
const DYNAMIC_CODE = /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(/g;
const WEBPACK_GLOBAL_PROBE = /^new\s+Function\s*\(\s*["']return this["']\s*\)/;

/**
 * @param {string} file path relative to the build root
 * @param {string} source
 * @returns {string[]}
 */
export function dynamicCodeProblems(file, source) {
  const problems = [];
  for (const match of source.matchAll(DYNAMIC_CODE)) {
    const allowed = file === 'runtime.js' && WEBPACK_GLOBAL_PROBE.test(source.slice(match.index));
    if (!allowed) problems.push(`${file} contains dynamic code: ${source.slice(match.index, match.index + 40)}`);
  }
  return problems;
}

/**
 * @param {string} dir
 * @param {string} [prefix]
 * @returns {BuiltFile[]}
 */
function listFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, relative) : [{ path: relative, size: statSync(full).size }];
  });
}

/**
 * @param {string} distDir the weapp build root
 * @returns {{ sizes: PackageSize[], problems: string[] }}
 */
export function checkWeappBuild(distDir) {
  const appJsonPath = path.join(distDir, 'app.json');
  if (!existsSync(appJsonPath)) return { sizes: [], problems: [`${appJsonPath} is missing: build the weapp first`] };

  /** @type {AppJson} */
  const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'));
  const subpackages = subpackagesOf(appJson);
  const files = listFiles(distDir);
  const present = new Set(files.map((file) => file.path));
  const problems = [];

  const pages = [
    ...(appJson.pages ?? []),
    ...subpackages.flatMap(({ root, pages }) => pages.map((page) => `${root}/${page}`)),
  ];
  if (pages.length === 0) problems.push('app.json lists no pages');
  for (const page of pages) {
    for (const extension of ['js', 'wxml', 'json']) {
      if (!present.has(`${page}.${extension}`)) problems.push(`page ${page} has no ${page}.${extension}`);
    }
  }
  for (const tab of appJson.tabBar?.list ?? []) {
    for (const icon of [tab.iconPath, tab.selectedIconPath]) {
      if (icon && !present.has(icon)) problems.push(`tab bar icon ${icon} is missing`);
    }
  }
  for (const file of files.filter((candidate) => candidate.path.endsWith('.js'))) {
    problems.push(...dynamicCodeProblems(file.path, readFileSync(path.join(distDir, file.path), 'utf8')));
  }

  const sizes = packageSizes(
    files,
    subpackages.map(({ root }) => root),
  );
  problems.push(...oversizedPackages(sizes));
  return { sizes, problems };
}
