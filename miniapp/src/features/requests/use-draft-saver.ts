import type { RequestDetail, ServiceCode } from '@veterans/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CreateInput, createDraft, saveAnswers } from './api';
import type { FormAnswers } from './form-model';
import { OnceAction } from './idempotency';

/** Edits wait this long for more typing before they are saved. */
export const SAVE_DELAY_MS = 2000;

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

interface DraftSaverOptions {
  serviceCode: ServiceCode;
  /** A request already saved (a draft, or one sent back for a supplement); null: not created yet. */
  initial: RequestDetail | null;
  /** The answers to save now (called at save time, so always the latest). */
  answers: () => FormAnswers;
  onBehalfOf: () => number | undefined;
}

export interface DraftSaver {
  requestId: number | null;
  state: SaveState;
  /** Saves now when anything changed, creating the draft first if there is none; resolves with the request id. */
  save: () => Promise<number>;
  /** Saves a moment later (after typing), only once a draft exists. */
  schedule: () => void;
  /** Saves on leaving the page; never throws. */
  flush: () => void;
  /** After submitting: nothing more is saved. */
  stop: () => void;
}

/**
 * Save-in-progress of the application form: the draft is created with the first save (`POST /requests`, with
 * an Idempotency-Key so that a retried create never makes two) and updated after that (`PATCH`, replacing the
 * saved answers). Saves run one after another; an unchanged form is not sent again.
 */
export function useDraftSaver({ serviceCode, initial, answers, onBehalfOf }: DraftSaverOptions): DraftSaver {
  const [requestId, setRequestId] = useState<number | null>(initial?.id ?? null);
  const [state, setState] = useState<SaveState>('idle');
  const idRef = useRef<number | null>(initial?.id ?? null);
  const lastSaved = useRef<string | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const answersRef = useRef(answers);
  answersRef.current = answers;
  const behalfRef = useRef(onBehalfOf);
  behalfRef.current = onBehalfOf;
  const create = useRef(new OnceAction((key, input: CreateInput) => createDraft(input, key)));

  // What the server already has counts as saved (no PATCH just for opening the form).
  const primed = useRef(false);
  if (!primed.current) {
    primed.current = true;
    if (initial) lastSaved.current = JSON.stringify(answers());
  }

  const run = useCallback(async (): Promise<number> => {
    const formData = answersRef.current();
    const json = JSON.stringify(formData);
    const id = idRef.current;
    if (id !== null && json === lastSaved.current) return id;
    setState('saving');
    try {
      if (id === null) {
        // A retried create sends the answers of its first attempt; anything typed since is saved on top.
        const input = create.current.inputFor({ serviceCode, formData, onBehalfOf: behalfRef.current() });
        const created = await create.current.attempt(input);
        idRef.current = created.id;
        setRequestId(created.id);
        if (JSON.stringify(input.formData) !== json) await saveAnswers(created.id, formData);
      } else {
        await saveAnswers(id, formData);
      }
      lastSaved.current = json;
      setState('saved');
      return idRef.current as number;
    } catch (error) {
      setState('failed');
      throw error;
    }
  }, [serviceCode]);

  const save = useCallback((): Promise<number> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = queue.current.then(run, run);
    queue.current = next.catch(() => undefined);
    return next;
  }, [run]);

  const schedule = useCallback(() => {
    if (stopped.current || idRef.current === null) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      save().catch(() => undefined);
    }, SAVE_DELAY_MS);
  }, [save]);

  const flush = useCallback(() => {
    if (stopped.current || idRef.current === null) return;
    save().catch(() => undefined);
  }, [save]);

  const stop = useCallback(() => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { requestId, state, save, schedule, flush, stop };
}
