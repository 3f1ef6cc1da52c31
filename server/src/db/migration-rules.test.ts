import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { breakingProblem, migrationFindings, migrationStatements, migrationsSinceRelease } from './migration-rules';

describe('breakingProblem', () => {
  it.each([
    'CREATE TABLE `a` (`id` int NOT NULL, CONSTRAINT `a_id` PRIMARY KEY(`id`))',
    'ALTER TABLE `uploads` ADD `image_width` int',
    'ALTER TABLE `t` ADD COLUMN `n` int NOT NULL DEFAULT 0',
    'ALTER TABLE `t` ADD `id` serial AUTO_INCREMENT NOT NULL',
    'ALTER TABLE `t` ADD `m` int GENERATED ALWAYS AS (year(`d`)) VIRTUAL NOT NULL',
    'ALTER TABLE `t` ADD CONSTRAINT `t_u_fk` FOREIGN KEY (`u`) REFERENCES `users`(`id`)',
    'CREATE INDEX `i` ON `t` (`a`)',
    'DROP INDEX `i` ON `t`',
    'ALTER TABLE `t` DROP INDEX `i`',
    'ALTER TABLE `t` DROP FOREIGN KEY `t_u_fk`',
    'ALTER TABLE `t` RENAME INDEX `a` TO `b`',
    'UPDATE `t` SET `a` = 1',
  ])('lets through %s', (statement) => {
    expect(breakingProblem(statement)).toBeNull();
  });

  it.each([
    ['DROP TABLE `old`', 'drops a table'],
    ['RENAME TABLE `a` TO `b`', 'renames a table'],
    ['ALTER TABLE `a` RENAME TO `b`', 'renames a table or column'],
    ['ALTER TABLE `a` RENAME COLUMN `x` TO `y`', 'renames a table or column'],
    ['ALTER TABLE `a` CHANGE `x` `y` int', 'changes (and may rename) a column'],
    ['ALTER TABLE `a` DROP COLUMN `x`', 'drops a column'],
    ['ALTER TABLE `a` DROP `x`', 'drops a column'],
    [
      'ALTER TABLE `a` MODIFY COLUMN `x` varchar(20) NOT NULL',
      'modifies a column (may narrow its type or make it NOT NULL)',
    ],
    ['ALTER TABLE `a` ADD `x` varchar(20) NOT NULL', 'adds a NOT NULL column without a default'],
    ['ALTER TABLE `a` ADD `ok` int, DROP COLUMN `x`', 'drops a column'],
    ['TRUNCATE TABLE `a`', 'empties a table'],
  ])('refuses %s', (statement, problem) => {
    expect(breakingProblem(statement)).toContain(problem);
  });
});

describe('migrationFindings', () => {
  const breaking = 'ALTER TABLE `a` ADD `x` int;--> statement-breakpoint\nALTER TABLE `a` DROP COLUMN `y`;';

  it('reports the breaking statements of an unmarked migration', () => {
    expect(migrationStatements(breaking)).toHaveLength(2);
    expect(migrationFindings(breaking)).toEqual([
      { statement: 'ALTER TABLE `a` DROP COLUMN `y`', problem: 'drops a column' },
    ]);
  });

  it('accepts a migration marked as a contract step, and a MODIFY marked as widening', () => {
    expect(migrationFindings(`-- contract: y unused since release 1.3\n${breaking}`)).toEqual([]);
    const widening = '-- widening: body text → mediumtext\nALTER TABLE `m` MODIFY COLUMN `body` mediumtext;';
    expect(migrationFindings(widening)).toEqual([]);
    const dropUnderWidening = `${widening}\n--> statement-breakpoint\nALTER TABLE \`m\` DROP COLUMN \`z\`;`;
    expect(migrationFindings(dropUnderWidening).map((finding) => finding.problem)).toEqual(['drops a column']);
  });

  it('is not fooled by a marker word inside a statement', () => {
    expect(migrationFindings("ALTER TABLE `a` DROP COLUMN `y` COMMENT '-- contract: x';")).toHaveLength(1);
  });
});

describe('migrationsSinceRelease', () => {
  const tags = ['0000_a', '0001_b', '0002_c'];
  it('gives the migrations after the released one, all of them before a first release', () => {
    expect(migrationsSinceRelease(tags, '0001_b\n')).toEqual(['0002_c']);
    expect(migrationsSinceRelease(tags, '0002_c')).toEqual([]);
    expect(migrationsSinceRelease(tags, '')).toEqual(tags);
    expect(() => migrationsSinceRelease(tags, '0009_gone')).toThrow(/RELEASED/);
  });

  it('would have caught the destructive statements already in our history', () => {
    const folder = path.join(import.meta.dirname, '../../drizzle');
    const flagged = readdirSync(folder)
      .filter((name) => name.endsWith('.sql'))
      .filter((name) => migrationFindings(readFileSync(path.join(folder, name), 'utf8')).length > 0);
    expect(flagged.length).toBeGreaterThan(0);
  });
});
