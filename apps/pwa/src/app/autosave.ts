import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { clearTextDraft, readTextDraft, writeTextDraft } from '../data/text-drafts.js';

/**
 * Typed text is saved this long after the last key: the write then starts well within 500 ms of it, and
 * a fast typist does not cause a write per key.
 */
export const AUTOSAVE_MS = 300;

/**
 * Saves what is being typed while it is typed: `schedule(value)` on each change saves the latest value
 * AUTOSAVE_MS after the last one; `flush()` saves at once (on blur). A pending value is also saved when the
 * page is hidden or closed and when the component goes, so nothing typed waits for a blur that never comes.
 */
export function useAutosave<T>(save: (value: T) => unknown, delayMs = AUTOSAVE_MS): { schedule(value: T): void; flush(): void; cancel(): void } {
  const saveRef = useRef(save);
  saveRef.current = save;
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const next = pending.current;
    pending.current = null;
    if (next) void Promise.resolve(saveRef.current(next.value));
  }, []);

  const cancel = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    pending.current = null;
  }, []);

  const schedule = useCallback(
    (value: T) => {
      pending.current = { value };
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  useEffect(() => {
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      flush();
    };
  }, [flush]);

  return useMemo(() => ({ schedule, flush, cancel }), [schedule, flush, cancel]);
}

/**
 * A text field's value kept on the phone while it is typed (data/text-drafts.ts), per user and `scope`:
 * reopened after a reload or a closed page, it shows what was typed. `clear()` when the form is saved or
 * abandoned. `ready` is false until the stored text has been read.
 */
export function usePersistentText(userId: string, scope: string, initial = '') {
  const [value, setValue] = useState(initial);
  const [ready, setReady] = useState(false);
  const autosave = useAutosave((text: string) => writeTextDraft(userId, scope, text));

  useEffect(() => {
    let live = true;
    setReady(false);
    void readTextDraft(userId, scope).then((stored) => {
      if (!live) return;
      setValue(stored ?? initial);
      setReady(true);
    });
    return () => {
      live = false;
    };
  }, [userId, scope]);

  const change = useCallback(
    (text: string) => {
      setValue(text);
      autosave.schedule(text);
    },
    [autosave],
  );

  const clear = useCallback(async () => {
    autosave.cancel();
    setValue(initial);
    await clearTextDraft(userId, scope);
  }, [autosave, userId, scope, initial]);

  return { value, change, ready, clear, flush: autosave.flush };
}
