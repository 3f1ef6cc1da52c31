import { type Me, meSchema } from '@veterans/shared';
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { request } from '../../api/client';
import { session } from '../../api/session';
import { readStorage, writeStorage } from '../../api/storage';
import type { ThemeMode } from '../../theme/tokens';

/**
 * 关怀模式 (care mode) as the device remembers it. Signed in, the account's setting (`careMode` of `GET /me`,
 * saved with `PUT /me`) is the one that counts and follows the user to other devices; signed out, the device's
 * own choice applies, and is saved to the account at the next sign-in.
 */

export const CARE_MODE_STORAGE_KEY = 'veterans:care-mode';

const preferenceSchema = z.object({
  on: z.boolean(),
  /** Changed while signed out (or while saving failed): the account does not know it yet. */
  unsaved: z.boolean(),
});
export type CareModePreference = z.infer<typeof preferenceSchema>;

const OFF: CareModePreference = { on: false, unsaved: false };

/** undefined: not read from storage yet. */
let current: CareModePreference | undefined;
const listeners = new Set<() => void>();

export const careModePreference = {
  get(): CareModePreference {
    if (current === undefined) {
      const parsed = preferenceSchema.safeParse(readStorage(CARE_MODE_STORAGE_KEY));
      current = parsed.success ? parsed.data : OFF;
    }
    return current;
  },
  isOn(): boolean {
    return careModePreference.get().on;
  },
  set(next: CareModePreference): void {
    const previous = careModePreference.get();
    current = { on: next.on, unsaved: next.unsaved };
    writeStorage(CARE_MODE_STORAGE_KEY, current);
    if (previous.on !== current.on) for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  /** Tests only: forget what was read. */
  reset(): void {
    current = undefined;
  },
};

/** Whether care mode is on; the component re-renders when it is switched. */
export function useCareMode(): boolean {
  return useSyncExternalStore(careModePreference.subscribe, careModePreference.isOn, careModePreference.isOn);
}

/**
 * The theme of a page: what the page asks for, else care mode for everyone but staff (the workbench keeps its
 * dense layout even on a device where a veteran turned care mode on).
 */
export function pageModeFor(asked: ThemeMode | undefined, careModeOn: boolean, userType: string | undefined) {
  if (asked) return asked;
  return careModeOn && userType !== 'staff' ? 'care' : 'standard';
}

/** When the account's setting becomes known: which value wins, and whether the device's must be saved. */
export function reconcileCareMode(
  local: CareModePreference,
  account: boolean,
): { on: boolean; saveToAccount: boolean } {
  if (local.unsaved && local.on !== account) return { on: local.on, saveToAccount: true };
  return { on: account, saveToAccount: false };
}

function signedInCitizen(): boolean {
  return session.get()?.user.type === 'citizen';
}

async function saveToAccount(on: boolean): Promise<void> {
  await request('PUT', '/me', { schema: meSchema, body: { careMode: on }, quiet: true });
  careModePreference.set({ on: careModePreference.isOn(), unsaved: careModePreference.isOn() !== on });
}

/**
 * The 关怀模式 switch: applies at once on this device; signed in as a veteran or family member, also saved to
 * the account. A failed save keeps the change here and tries again at the next check (see syncWithAccount).
 */
export async function changeCareMode(on: boolean): Promise<void> {
  const signedIn = signedInCitizen();
  careModePreference.set({ on, unsaved: true });
  if (!signedIn) return;
  try {
    await saveToAccount(on);
  } catch {
    // kept on this device (unsaved); saved at the next sync
  }
}

/** Brings device and account together once the account's profile is known (see reconcileCareMode). */
export async function syncWithAccount(me: Pick<Me, 'careMode'>): Promise<void> {
  const decision = reconcileCareMode(careModePreference.get(), me.careMode);
  careModePreference.set({ on: decision.on, unsaved: decision.saveToAccount });
  if (!decision.saveToAccount) return;
  try {
    await saveToAccount(decision.on);
  } catch {
    // stays unsaved: tried again next time
  }
}
