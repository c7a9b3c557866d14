import { flushOutbox, refreshSyncState, syncStore, OUTBOX_SYNC_TAG } from './sync-engine.js';

const TIMER_MS = 30_000;
/** After a request got no answer while the network is up: the first retry, doubling up to the timer's 30 s. */
export const FIRST_RETRY_MS = 3_000;

interface SyncManagerRegistration extends ServiceWorkerRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/** Asks the browser to wake the service worker when the network is back (Background Sync, where supported). */
export async function requestBackgroundSync(): Promise<void> {
  try {
    const registration = (await navigator.serviceWorker?.ready) as SyncManagerRegistration | undefined;
    await registration?.sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    // Not supported or not allowed: the online event, app start and the timer still flush.
  }
}

const flush = () => void flushOutbox().catch(() => undefined);

/**
 * Flushes on app start, when the network comes back, when the app is shown again, and on a timer; soon
 * again when the server could not be reached with the network up (a lost answer, a dead Wi-Fi). Keeps
 * the sync bar's idea of the network in step with the browser's.
 */
export function startSyncTriggers(): () => void {
  syncStore.set((s) => ({ ...s, online: navigator.onLine }));
  void refreshSyncState(navigator.onLine ? {} : { problem: 'offline' }).then(flush);
  const onVisible = () => document.visibilityState === 'visible' && flush();
  const onMessage = (event: MessageEvent<{ type?: string }>) => event.data?.type === 'flush-outbox' && flush();
  const onOnline = () => {
    syncStore.set((s) => ({ ...s, online: true, problem: s.problem === 'offline' ? null : s.problem }));
    flush();
  };
  const onOffline = () => {
    syncStore.set((s) => ({ ...s, online: false }));
    void refreshSyncState({ problem: 'offline' });
  };

  let retry: number | undefined;
  let retryMs = FIRST_RETRY_MS;
  const stopRetrying = syncStore.subscribe(() => {
    const { problem, syncing } = syncStore.get();
    if (problem !== 'unreachable') {
      retryMs = FIRST_RETRY_MS;
      return;
    }
    if (syncing || retry !== undefined) return;
    retry = window.setTimeout(() => {
      retry = undefined;
      retryMs = Math.min(retryMs * 2, TIMER_MS);
      if (navigator.onLine) flush();
    }, retryMs);
  });

  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  document.addEventListener('visibilitychange', onVisible);
  navigator.serviceWorker?.addEventListener('message', onMessage);
  const timer = window.setInterval(() => navigator.onLine && flush(), TIMER_MS);
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    document.removeEventListener('visibilitychange', onVisible);
    navigator.serviceWorker?.removeEventListener('message', onMessage);
    window.clearInterval(timer);
    window.clearTimeout(retry);
    stopRetrying();
  };
}

/** After a result is queued: try now, and let the browser retry later even if the app is closed. */
export function afterEnqueue(): void {
  void refreshSyncState(navigator.onLine ? {} : { problem: 'offline' });
  void requestBackgroundSync();
  if (navigator.onLine) flush();
}
