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
 * not happen (a 4xx), ends the attempt: the next call is a new action with a new key.
 */
export class OnceAction<T> {
  private key: string | null = null;

  constructor(
    private readonly run: (idempotencyKey: string) => Promise<T>,
    private readonly makeKey: () => string = newIdempotencyKey,
  ) {}

  /** The key the next call will send (for tests and logs); null when none is pending. */
  get pendingKey(): string | null {
    return this.key;
  }

  async attempt(): Promise<T> {
    this.key ??= this.makeKey();
    const key = this.key;
    try {
      const result = await this.run(key);
      if (this.key === key) this.key = null;
      return result;
    } catch (error) {
      if (!outcomeUnknown(error) && this.key === key) this.key = null;
      throw error;
    }
  }
}
