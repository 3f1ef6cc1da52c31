import { useSyncExternalStore } from 'react';
import { type StoredSession, session } from '../api/session';

/** The current session (or null when signed out); the component re-renders on sign-in, refresh and sign-out. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(session.subscribe, session.get, session.get);
}
