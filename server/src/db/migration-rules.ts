/**
 * Rolling upgrades run the previous release's code against the new schema for a while, so a release's migrations
 * may only expand the schema. This classifies each statement of a migration; the CI check
 * (scripts/check-migrations.ts) refuses the unmarked breaking ones among the migrations added since the last
 * release (drizzle/RELEASED).
 */

export type Finding = { statement: string; problem: string };

/** `-- contract: <reason>`: a contract step, for a release after the code stopped using what it removes. */
const CONTRACT_MARKER = /^\s*--\s*contract:\s*\S/m;
/** `-- widening: <reason>`: a MODIFY/CHANGE that only widens a type (the check cannot see the old type). */
const WIDENING_MARKER = /^\s*--\s*widening:\s*\S/m;

/** drizzle-kit's statements (split at `--> statement-breakpoint`, or at `;`), comments removed. */
export function migrationStatements(sql: string): string[] {
  return sql
    .split(/--> statement-breakpoint|;\s*\n/)
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !/^\s*--/.test(line))
        .join('\n')
        .replace(/;\s*$/, '')
        .trim(),
    )
    .filter((statement) => statement !== '');
}

const NOT_A_COLUMN = /^(INDEX|KEY|UNIQUE|PRIMARY|FOREIGN|CONSTRAINT|CHECK|FULLTEXT|SPATIAL)\b/i;

/** Why one statement would break the previous release, or null when it is additive. */
export function breakingProblem(statement: string): string | null {
  const text = statement.replace(/\s+/g, ' ').trim();
  if (/^DROP TABLE\b/i.test(text)) return 'drops a table';
  if (/^RENAME TABLE\b/i.test(text)) return 'renames a table';
  if (/^TRUNCATE\b/i.test(text)) return 'empties a table';
  const alter = /^ALTER TABLE \S+ (.*)$/i.exec(text);
  if (!alter) return null;
  for (const clause of (alter[1] ?? '').split(/,(?![^(]*\))/).map((part) => part.trim())) {
    if (/^RENAME (TO|AS)\b/i.test(clause) || (/^RENAME\b/i.test(clause) && !/^RENAME (INDEX|KEY)\b/i.test(clause)))
      return 'renames a table or column';
    if (/^CHANGE\b/i.test(clause)) return 'changes (and may rename) a column';
    if (/^MODIFY\b/i.test(clause)) return 'modifies a column (may narrow its type or make it NOT NULL)';
    const dropped = /^DROP (?:COLUMN )?(.*)$/i.exec(clause);
    if (dropped && !NOT_A_COLUMN.test(dropped[1] ?? '')) return 'drops a column';
    const added = /^ADD (?:COLUMN )?(.*)$/i.exec(clause);
    if (
      added &&
      !NOT_A_COLUMN.test(added[1] ?? '') &&
      /\bNOT NULL\b/i.test(clause) &&
      !/\b(DEFAULT|AUTO_INCREMENT|GENERATED ALWAYS|AS \()/i.test(clause)
    )
      return 'adds a NOT NULL column without a default (the previous release inserts rows without it)';
  }
  return null;
}

/** The statements of one migration file that the previous release could not run against, given its markers. */
export function migrationFindings(sql: string): Finding[] {
  if (CONTRACT_MARKER.test(sql)) return [];
  const widening = WIDENING_MARKER.test(sql);
  return migrationStatements(sql).flatMap((statement) => {
    const problem = breakingProblem(statement);
    if (problem === null) return [];
    if (widening && /^ALTER TABLE \S+ (MODIFY|CHANGE)\b/i.test(statement.replace(/\s+/g, ' '))) return [];
    return [{ statement, problem }];
  });
}

/** Tags of the journal after the last released one (all of them when the marker names none). */
export function migrationsSinceRelease(tags: readonly string[], released: string): string[] {
  const index = tags.indexOf(released.trim());
  if (released.trim() !== '' && index < 0)
    throw new Error(`drizzle/RELEASED names ${released.trim()}, not in the journal`);
  return tags.slice(index + 1);
}
