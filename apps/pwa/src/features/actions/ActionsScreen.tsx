import { useCallback, useEffect, useRef, useState } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { useI18n } from '../../i18n/i18n.js';
import { enqueue, outboxOf, releaseNow, withdraw } from '../../data/outbox.js';
import { readReference } from '../../data/session-store.js';
import type { CachedAction } from '../../data/db.js';
import { sessionStore } from '../../sync/session.js';
import { refreshSyncState, syncStore } from '../../sync/sync-engine.js';
import { referenceVersion } from '../../sync/reference-sync.js';
import { afterEnqueue } from '../../sync/triggers.js';

/** How long "Åtgärd stängd · Ångra" stays, and the closing with it, before it is sent. */
export const UNDO_MS = 6_000;
/**
 * A closing waits in the outbox, not yet due, while it can be undone: if the app is closed meanwhile it is
 * still sent, at the latest this long after. The snackbar releases it at once when it goes.
 */
const HOLD_MS = 60_000;

interface PendingClose {
  outboxId: string;
  actionId: string;
}

/** The user's open follow-up actions, closable offline: a closing goes through the outbox, undoable for a few seconds. */
export function ActionsScreen() {
  const { t } = useI18n();
  const session = useStore(sessionStore);
  const version = useStore(referenceVersion);
  const sync = useStore(syncStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  const [pending, setPending] = useState<PendingClose | null>(null);
  // Closings undone here: shown open at once, before the outbox is read again.
  const [undone, setUndone] = useState<ReadonlySet<string>>(new Set());
  const pendingRef = useRef<PendingClose | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const undoButton = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<string | null>(null);

  const data = useAsync(async () => {
    const [reference, outbox] = await Promise.all([readReference(userId), outboxOf(userId)]);
    const closing = new Set(outbox.flatMap((i) => (i.kind === 'close_action' ? [i.payload.actionId] : [])));
    return { actions: reference?.actions ?? [], closing };
  }, [userId, version, sync.waiting]);

  /** The closing's time to be undone is over: it goes to the server now. */
  const commit = useCallback(async (close: PendingClose) => {
    await releaseNow(close.outboxId);
    afterEnqueue();
  }, []);

  const endPending = useCallback(() => {
    window.clearTimeout(timer.current);
    const close = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    return close;
  }, []);

  // Leaving the screen ends the time to undo: what was closed is sent.
  useEffect(
    () => () => {
      const close = endPending();
      if (close) void commit(close);
    },
    [commit, endPending],
  );

  // Focus follows the snackbar: to "Ångra" when it opens, back to the list when it goes.
  useEffect(() => {
    if (pending) undoButton.current?.focus();
  }, [pending]);
  useEffect(() => {
    const target = focusAfter.current;
    if (!target || data.status !== 'ready') return;
    focusAfter.current = null;
    const next =
      document.querySelector<HTMLElement>(target) ??
      document.querySelector<HTMLElement>('main .actions-list button') ??
      document.querySelector<HTMLElement>('main h1');
    next?.focus();
  }, [data, pending, undone]);

  const close = async (action: CachedAction, outcome: 'done' | 'not_needed') => {
    const earlier = endPending();
    if (earlier) void commit(earlier);
    setUndone((ids) => new Set([...ids].filter((id) => id !== action.id)));
    const now = Date.now();
    const outboxId = crypto.randomUUID();
    await enqueue({
      id: outboxId,
      kind: 'close_action',
      userId,
      recipientReference: action.recipientReference ?? '',
      payload: { actionId: action.id, outcome, note: null },
      createdAt: new Date(now).toISOString(),
      attempts: 0,
      nextAttemptAt: new Date(now + HOLD_MS).toISOString(),
      lastError: null,
    });
    const next: PendingClose = { outboxId, actionId: action.id };
    pendingRef.current = next;
    setPending(next);
    void refreshSyncState();
    timer.current = window.setTimeout(() => {
      if (pendingRef.current?.outboxId !== outboxId) return;
      const focusWasOnUndo = document.activeElement === undoButton.current;
      endPending();
      if (focusWasOnUndo) focusAfter.current = 'main .actions-list button';
      void commit(next);
    }, UNDO_MS);
  };

  const undo = async () => {
    const close = endPending();
    if (!close) return;
    await withdraw(close.outboxId);
    focusAfter.current = `[data-action="${close.actionId}"] button`;
    setUndone((ids) => new Set([...ids, close.actionId]));
    await refreshSyncState();
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t('actions.title')}</h1>
      {data.status === 'ready' && data.value.actions.length === 0 && <p>{t('actions.empty')}</p>}
      {data.status === 'ready' && (
        <ul className="list actions-list">
          {data.value.actions.map((action) => (
            <li key={action.id} className="card" data-action={action.id}>
              {action.recipientReference && <p className="list-recipient">{t('actions.recipient', { reference: action.recipientReference })}</p>}
              <p className="list-title">{action.what}</p>
              <p className="list-meta">
                {t(`actor.${action.actor}` as 'actor.other')}
                {action.dueDate ? ` · ${t('actions.due', { date: action.dueDate })}` : ''}
              </p>
              {action.fireService && (
                <p className="list-meta" data-fire-service>
                  {action.fireService.withdrawn
                    ? t('actions.fireService.withdrawn')
                    : action.fireService.outcome
                      ? t('actions.fireService.outcome', { outcome: t(`referralOutcome.${action.fireService.outcome}` as 'referralOutcome.no_action') })
                      : t('actions.fireService.waiting')}
                </p>
              )}
              {pending?.actionId === action.id ? (
                <p className="status status-done">{t('actions.closed')}</p>
              ) : data.value.closing.has(action.id) && !undone.has(action.id) ? (
                <p className="status status-waiting">{t('actions.queued')}</p>
              ) : (
                <div className="button-row">
                  <button type="button" className="button" onClick={() => void close(action, 'done')}>
                    {t('actions.done')}
                  </button>
                  <button type="button" className="button" onClick={() => void close(action, 'not_needed')}>
                    {t('actions.notNeeded')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {/* Always in the page, so a screen reader announces the text when it appears. */}
      <div className={`snackbar${pending ? ' snackbar-open' : ''}`} role="status">
        {pending && (
          <>
            <span>{t('actions.closed')}</span>
            <button ref={undoButton} type="button" className="snackbar-action" onClick={() => void undo()}>
              {t('actions.undo')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
