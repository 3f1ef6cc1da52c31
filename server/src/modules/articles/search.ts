import { type SQL, sql } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';

/**
 * Chinese search over titles and bodies. MariaDB's FULLTEXT parser splits on spaces and punctuation, and
 * Chinese has none between words, so a FULLTEXT index never finds 优待证 inside 退役军人优待证申领指南.
 * Search is a substring match instead: `LIKE '%…%'` over the title and the plain-text copy of the body
 * (`body_text`, written by the sanitiser). It scans the published rows, which at a district's scale (a few
 * thousand articles) takes milliseconds; see the measurement in search.test.ts.
 */

/** The LIKE escape character used with `ESCAPE '!'` (not backslash, whose meaning depends on sql_mode). */
export const LIKE_ESCAPE = '!';

/** Makes `%`, `_` and the escape character itself match literally in a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (character) => `${LIKE_ESCAPE}${character}`);
}

/** `%value%`, escaped: the text appears anywhere. */
export function containsPattern(value: string): string {
  return `%${escapeLike(value)}%`;
}

/** `column LIKE '%value%' ESCAPE '!'` for any of the columns. */
export function containsAny(columns: MySqlColumn[], value: string): SQL {
  const pattern = containsPattern(value);
  const parts = columns.map((column) => sql`${column} LIKE ${pattern} ESCAPE '!'`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}
