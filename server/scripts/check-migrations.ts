import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrationFindings, migrationsSinceRelease } from '../src/db/migration-rules';

/**
 * CI: the migrations added since the last release (drizzle/RELEASED names its newest migration) must stay
 * compatible with that release's code, unless marked `-- contract: <reason>`. See server/src/db/migration-rules.ts.
 */
const migrationsFolder = path.join(import.meta.dirname, '..', 'drizzle');
const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};
const released = readFileSync(path.join(migrationsFolder, 'RELEASED'), 'utf8');
const pending = migrationsSinceRelease(
  journal.entries.map((entry) => entry.tag),
  released,
);
let problems = 0;
for (const tag of pending) {
  for (const finding of migrationFindings(readFileSync(path.join(migrationsFolder, `${tag}.sql`), 'utf8'))) {
    problems += 1;
    console.error(`${tag}: ${finding.problem}\n    ${finding.statement.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}
if (problems > 0) {
  console.error(
    `\n${problems} 条语句会让上一版本无法与新结构并行运行（滚动升级）。先扩展、下一版本再收缩；确为收缩步骤时在迁移文件中写 "-- contract: 原因"，仅放宽类型时写 "-- widening: 原因"。\n` +
      `${problems} statement(s) would break the previous release during a rolling upgrade (see README: 升级).`,
  );
  process.exit(1);
}
console.log(`迁移检查通过 / migrations compatible: ${pending.length} since ${released.trim() || '(none)'}`);
