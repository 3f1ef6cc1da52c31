import { readStorage, removeStorage, storageKeys, writeStorage } from '../api/storage';

/**
 * Drafts: what the user has typed into a form, kept in storage so that nothing is lost when the session
 * expires mid-form (sign-in opens on top), the mini-program is closed or the H5 page reloads.
 */
export const DRAFT_PREFIX = 'veterans:draft:';

export function draftKey(name: string): string {
  return `${DRAFT_PREFIX}${name}`;
}

/** The stored draft when it has the shape of `initial` (same kind of value, same keys), else `initial`. */
export function readDraft<T>(name: string, initial: T): T {
  const stored = readStorage(draftKey(name));
  if (stored === undefined || stored === null) return initial;
  if (typeof initial === 'object' && initial !== null) {
    if (typeof stored !== 'object' || Array.isArray(stored) !== Array.isArray(initial)) return initial;
    // Keys added since the draft was saved get their initial value; unknown keys are dropped.
    if (!Array.isArray(initial)) {
      const merged = { ...initial } as Record<string, unknown>;
      for (const key of Object.keys(merged)) {
        const value = (stored as Record<string, unknown>)[key];
        const expected = merged[key];
        if (value !== undefined && (expected === undefined || typeof value === typeof expected)) merged[key] = value;
      }
      return merged as T;
    }
    return stored as T;
  }
  return typeof stored === typeof initial ? (stored as T) : initial;
}

export function writeDraft(name: string, value: unknown): void {
  writeStorage(draftKey(name), value);
}

export function clearDraft(name: string): void {
  removeStorage(draftKey(name));
}

/** On sign-out and account deletion: the next person on this device must not find someone else's drafts. */
export function clearAllDrafts(): void {
  for (const key of storageKeys()) if (key.startsWith(DRAFT_PREFIX)) removeStorage(key);
}
