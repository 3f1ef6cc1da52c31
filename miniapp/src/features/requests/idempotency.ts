import { ApiError } from '../../api/client';

/** A random UUID (v4) without relying on `crypto.randomUUID`, which the mini-program runtime lacks. */
export function newIdempotencyKey(random: () => number = Math.random): string {
  const hex = '0123456789abcdef';
  let key = '';
  for (let index = 0; index < 36; index++) {
    if (index === 8 || index === 13 || index === 18 || index === 23) key += '-';
    else if (index === 14) key += '4';
    else if (index === 19) key += hex[8 + Math.floor(random() * 4)];
    else key += hex[Math.floor(random() * 16)];
  }
  return key;
}

/**
 * Whether the same call may have taken effect although no answer came back: the network failed on the way
 * back, or the server broke mid-way. Then a retry must carry the same key.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500;
}

/**
 * One user action that must happen once (create a draft, submit): a key is made for the first attempt and
 * reused by every retry until an answer says what happened. Success, or a refusal that says the action did
 * not happen (a 4xx), ends the attempt: the next call is a new action with a new key. A retry sends the input
 * of the first attempt, whatever is passed then: the server refuses a key reused with another body (422).
 */
export class OnceAction<T, I = void> {
  private pending: { key: string; input: I } | null = null;

  constructor(
    private readonly run: (idempotencyKey: string, input: I) => Promise<T>,
    private readonly makeKey: () => string = newIdempotencyKey,
  ) {}

  /** The key the next call will send (for tests and logs); null when none is pending. */
  get pendingKey(): string | null {
    return this.pending?.key ?? null;
  }

  /** What the next call will send: the pending attempt's input, else `input`. */
  inputFor(input: I): I {
    return this.pending ? this.pending.input : input;
  }

  async attempt(input: I): Promise<T> {
    this.pending ??= { key: this.makeKey(), input };
    const pending = this.pending;
    try {
      const result = await this.run(pending.key, pending.input);
      if (this.pending === pending) this.pending = null;
      return result;
    } catch (error) {
      if (!outcomeUnknown(error) && this.pending === pending) this.pending = null;
      throw error;
    }
  }
}
