import { AppError } from '../lib/app-error';
import { isRetryableConflict } from '../lib/database-errors';
import type { Database } from './client';

/** An open transaction, as passed to `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface TransactionOptions {
  isolationLevel?: 'read committed' | 'repeatable read' | 'serializable';
}

/** Every check after a lock sees what the previous holder committed (legal booking work relies on it). */
export const readCommitted: TransactionOptions = { isolationLevel: 'read committed' };

const ATTEMPTS = 6;
const BASE_DELAY_MS = 4;
const MAX_DELAY_MS = 400;

/** Full-jitter exponential backoff: up to 4, 8, 16 … ms (capped), so racing writers spread out instead of colliding again. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));
}

/** Raised when every attempt lost a conflict: the client is told to come back (503 with Retry-After), not 500. */
export class ConflictRetriesExhausted extends AppError {
  constructor(cause: unknown) {
    super('SERVICE_UNAVAILABLE', '系统繁忙，请稍后重试');
    this.cause = cause;
  }
}

/** Runs `work` again after a retryable conflict, with backoff; work must be safe to repeat (a whole transaction or one statement). */
export async function withConflictRetry<T>(work: () => Promise<T>, attempts = ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (attempt >= attempts) throw new ConflictRetriesExhausted(error);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
    }
  }
}

/**
 * The one way to run a write transaction: retried as a whole on a deadlock or a Galera certification failure, so
 * `work` must keep its side effects inside the transaction (no HTTP calls, no sends: those go through the outbox).
 */
export function inTransaction<T>(
  db: Pick<Database, 'transaction'>,
  work: (tx: Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  return withConflictRetry(() =>
    db.transaction(work, options.isolationLevel ? { isolationLevel: options.isolationLevel } : undefined),
  );
}
