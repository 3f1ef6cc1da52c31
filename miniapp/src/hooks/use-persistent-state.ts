import { type SetStateAction, useCallback, useRef, useState } from 'react';
import { clearDraft, readDraft, writeDraft } from './drafts';

/**
 * useState whose value is also kept in storage under `key` (see ./drafts): a form typed into survives the page
 * being closed and opened again, or covered by the sign-in page when the session expired. Put the user's id in
 * the key, so that nobody else signing in on the device finds it. `clear` forgets the draft (after a successful
 * submit) and resets to `initial`.
 */
export function usePersistentState<T>(key: string, initial: T): [T, (update: SetStateAction<T>) => void, () => void] {
  const initialValue = useRef(initial);
  const [state, setState] = useState(() => ({ key, value: readDraft(key, initial) }));
  // Another key (another user): that key's draft.
  const current = state.key === key ? state : { key, value: readDraft(key, initialValue.current) };
  if (current !== state) setState(current);

  const update = useCallback(
    (next: SetStateAction<T>) => {
      setState((previous) => {
        const base = previous.key === key ? previous.value : readDraft(key, initialValue.current);
        const value = typeof next === 'function' ? (next as (previous: T) => T)(base) : next;
        writeDraft(key, value);
        return { key, value };
      });
    },
    [key],
  );

  const clear = useCallback(() => {
    clearDraft(key);
    setState({ key, value: initialValue.current });
  }, [key]);

  return [current.value, update, clear];
}
