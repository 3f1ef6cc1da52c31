// @ts-check
// Checks the weapp build before release: prints each package's size and fails (exit 1) when a package is over
// WeChat's 2 MB limit, app.json or a page's files are missing, or any script contains dynamic code.
// Usage: node scripts/check-weapp.mjs [dist/weapp]
import path from 'node:path';
import { checkWeappBuild, formatKb } from './weapp-size.mjs';

const distDir = path.resolve(import.meta.dirname, '..', process.argv[2] ?? 'dist/weapp');
const { sizes, problems } = checkWeappBuild(distDir);

if (sizes.length > 0) {
  const width = Math.max(...sizes.map(({ name }) => name.length), 'package'.length);
  console.log(`${'package'.padEnd(width)}  ${'size'.padStart(10)}`);
  for (const { name, bytes } of sizes) console.log(`${name.padEnd(width)}  ${formatKb(bytes).padStart(10)}`);
  console.log(`${'total'.padEnd(width)}  ${formatKb(sizes.reduce((sum, { bytes }) => sum + bytes, 0)).padStart(10)}`);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
console.log('✓ weapp build is within limits');
