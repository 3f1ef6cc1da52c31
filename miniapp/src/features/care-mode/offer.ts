import { type Me, meSchema } from '@veterans/shared';
import { useSyncExternalStore } from 'react';
import { request } from '../../api/client';
import { readStorage, writeStorage } from '../../api/storage';
import { beijingDate, shouldOfferCareMode } from './age';
import { careModePreference, changeCareMode, syncWithAccount } from './store';

/**
 * Once per signed-in citizen and app launch: reads the account's profile (`GET /me`), brings the care-mode
 * setting of device and account together, and for someone aged 60 or over who has not been asked before (on
 * this device) asks once: 是否开启关怀模式？
 */

export const offeredKey = (userId: number) => `veterans:care-mode-offered:${userId}`;

export type OfferStatus = 'checking' | 'offering' | 'done';
export interface OfferState {
  userId: number;
  status: OfferStatus;
}

let state: OfferState | null = null;
const listeners = new Set<() => void>();

function setState(next: OfferState | null): void {
  state = next;
  for (const listener of listeners) listener();
}

export const careModeOffer = {
  get: (): OfferState | null => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  /** Tests only. */
  reset(): void {
    state = null;
  },
};

export function useCareModeOffer(): OfferState | null {
  return useSyncExternalStore(careModeOffer.subscribe, careModeOffer.get, careModeOffer.get);
}

function fetchProfile(): Promise<Me> {
  return request('GET', '/me', { schema: meSchema, quiet: true });
}

/** Runs the check for this user unless it ran (or runs) already in this launch. */
export async function checkCareMode(userId: number, now: () => Date = () => new Date()): Promise<void> {
  if (state?.userId === userId) return;
  setState({ userId, status: 'checking' });
  let me: Me;
  try {
    me = await fetchProfile();
  } catch {
    // Offline or signed out meanwhile: nothing to offer now; the next launch checks again.
    if (state?.userId === userId) setState({ userId, status: 'done' });
    return;
  }
  if (state?.userId !== userId) return;
  await syncWithAccount(me);
  const offer = shouldOfferCareMode({
    birthDate: me.identity?.birthDate ?? null,
    careModeOn: careModePreference.isOn(),
    alreadyOffered: readStorage(offeredKey(userId)) === true,
    today: beijingDate(now()),
  });
  if (state?.userId === userId) setState({ userId, status: offer ? 'offering' : 'done' });
}

/** The answer to the offer; either way it is not asked again. */
export async function answerCareModeOffer(accept: boolean): Promise<void> {
  if (!state) return;
  writeStorage(offeredKey(state.userId), true);
  setState({ userId: state.userId, status: 'done' });
  if (accept) await changeCareMode(true);
}
