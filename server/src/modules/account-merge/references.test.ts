import { type Column, getTableColumns, getTableName, is } from 'drizzle-orm';
import { MySqlTable } from 'drizzle-orm/mysql-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/index';
import { CITIZEN_REFERENCES, OTHER_REFERENCES } from './merge';

const nameOf = (column: Column) => `${getTableName(column.table)}.${column.name}`;

/** Every id-typed column that is not its table's own key: a reference to some row, perhaps a citizen account's. */
function referenceColumns(): string[] {
  return (Object.values(schema) as unknown[])
    .filter((value): value is MySqlTable => is(value, MySqlTable))
    .flatMap((table) => Object.values(getTableColumns(table)))
    .filter((column) => column.columnType === 'MySqlBigInt53' && !column.primary)
    .map(nameOf)
    .sort();
}

describe('what an account merge does with each reference', () => {
  it('knows every reference column of the schema: a new user-owned table must be handled by the merge', () => {
    const classified = [...CITIZEN_REFERENCES.map((reference) => reference.column), ...OTHER_REFERENCES].map(nameOf);
    const unclassified = referenceColumns().filter((name) => !classified.includes(name));
    expect(unclassified, 'add these to CITIZEN_REFERENCES (and handle them) or to OTHER_REFERENCES').toEqual([]);
  });

  it('names only columns that exist, each once', () => {
    const classified = [...CITIZEN_REFERENCES.map((reference) => reference.column), ...OTHER_REFERENCES].map(nameOf);
    expect(new Set(classified).size).toBe(classified.length);
    const existing = referenceColumns();
    expect(classified.filter((name) => !existing.includes(name))).toEqual([]);
  });
});
