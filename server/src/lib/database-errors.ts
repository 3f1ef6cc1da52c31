/** Driver error codes that mean "the database cannot be reached right now", not "your request is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  // Galera: a node not (yet, or no longer) in the primary component answers 1047 "WSREP has not yet prepared
  // node for application use"; a node shutting down kills its connections (1927).
  'ER_UNKNOWN_COM_ERROR',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'ER_STATEMENT_TIMEOUT',
  'ER_QUERY_TIMEOUT',
  'POOL_CLOSED',
  'Queue limit reached.',
]);

/**
 * A statement stopped by the statement time limit (db/client.ts): the database is too busy to answer in time.
 * mysql2 names neither number, so they are matched by errno: 1969 is MariaDB's max_statement_time, 3024 MySQL's
 * max_execution_time.
 */
const STATEMENT_TIMEOUT_ERRNOS: Record<number, string> = { 1969: 'ER_STATEMENT_TIMEOUT', 3024: 'ER_QUERY_TIMEOUT' };

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, errno, message } = error as { code?: unknown; errno?: unknown; message?: unknown };
  if (typeof code === 'string') return code;
  if (typeof errno === 'number' && STATEMENT_TIMEOUT_ERRNOS[errno]) return STATEMENT_TIMEOUT_ERRNOS[errno];
  // mysql2 reports a full pool queue only through its message.
  return typeof message === 'string' && UNAVAILABLE_CODES.has(message) ? message : undefined;
}

/** True when the error (or what it wraps, e.g. drizzle's DrizzleQueryError) is a lost or refused connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = codeOf(current);
    if (code && UNAVAILABLE_CODES.has(code)) return true;
    // mysql2 marks errors that leave the connection unusable as fatal, some without a code (a query on a connection
    // already closed: "Can't add new command when connection is in closed state", e.g. drizzle's ROLLBACK after the
    // connection was lost mid-transaction).
    if ((current as { fatal?: unknown }).fatal === true) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The MySQL error code of a failed query, looking through drizzle's wrapper. */
export function mysqlErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = codeOf(current);
    if (code?.startsWith('ER_')) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Conflicts after which the whole transaction (or statement) can simply run again, because the database rolled
 * it back: a deadlock victim, and on Galera a transaction that lost certification to a write committed on another
 * node (also errno 1213, ER_LOCK_DEADLOCK). A lock wait timeout (1205) rolls back only the statement, but
 * `db.transaction` rolls the rest back when the error leaves the callback, so a rerun is safe too.
 */
export function isRetryableConflict(error: unknown): boolean {
  const code = mysqlErrorCode(error);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}
