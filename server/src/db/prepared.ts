/**
 * A query drizzle prepares once per database handle and then only executes: building the SQL of a select (joins,
 * unions, column lists) on every call was the largest share of the API's own CPU on its busiest read routes.
 * Values change per call through `sql.placeholder(…)`.
 */
export function preparedPerDatabase<Db extends object, Query>(prepare: (db: Db) => Query): (db: Db) => Query {
  const prepared = new WeakMap<Db, Query>();
  return (db) => {
    let query = prepared.get(db);
    if (!query) {
      query = prepare(db);
      prepared.set(db, query);
    }
    return query;
  };
}
