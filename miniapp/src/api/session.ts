import { principalSchema } from '@veterans/shared';
import { z } from 'zod';
import { readStorage, removeStorage, writeStorage } from './storage';

/**
 * The signed-in user's session: the one holder of the tokens. The API client reads the access token from
 * here and renews the pair through `POST /auth/refresh`; sign-in pages, sign-out and account deletion write it.
 * Kept in storage so that it survives a restart of the mini-program or a reload of the H5 page.
 */
export const storedSessionSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  // Sessions stored by an earlier release lack the ability facts; the next refresh fills them in.
  user: principalSchema.extend({
    unitLevel: principalSchema.shape.unitLevel.default(null),
    isSupervisor: principalSchema.shape.isSupervisor.default(false),
  }),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

export const SESSION_STORAGE_KEY = 'veterans:session';

/** undefined: not read from storage yet. */
let current: StoredSession | null | undefined;
const listeners = new Set<() => void>();

function load(): StoredSession | null {
  const parsed = storedSessionSchema.safeParse(readStorage(SESSION_STORAGE_KEY));
  return parsed.success ? parsed.data : null;
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const session = {
  get(): StoredSession | null {
    if (current === undefined) current = load();
    return current;
  },
  /**
   * Reads storage again: on H5 another tab may have renewed the tokens meanwhile, and using the old refresh
   * token would look like theft to the server (it revokes the whole chain).
   */
  reload(): StoredSession | null {
    const previous = current;
    current = load();
    if (previous?.accessToken !== current?.accessToken) notify();
    return current;
  },
  getToken(): string | undefined {
    return session.get()?.accessToken;
  },
  set(value: StoredSession): void {
    current = { accessToken: value.accessToken, refreshToken: value.refreshToken, user: value.user };
    writeStorage(SESSION_STORAGE_KEY, current);
    notify();
  },
  clear(): void {
    current = null;
    removeStorage(SESSION_STORAGE_KEY);
    notify();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};
