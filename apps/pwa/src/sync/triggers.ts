import { flushOutbox, refreshSyncState, OUTBOX_SYNC_TAG } from './sync-engine.js';

const TIMER_MS = 30_000;

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

/** Flushes on app start, when the network comes back, when the app is shown again, and on a timer. */
export function startSyncTriggers(): () => void {
  void refreshSyncState(navigator.onLine ? {} : { problem: 'offline' }).then(flush);
  const onVisible = () => document.visibilityState === 'visible' && flush();
  const onMessage = (event: MessageEvent<{ type?: string }>) => event.data?.type === 'flush-outbox' && flush();
  const onOffline = () => void refreshSyncState({ problem: 'offline' });
  window.addEventListener('online', flush);
  window.addEventListener('offline', onOffline);
  document.addEventListener('visibilitychange', onVisible);
  navigator.serviceWorker?.addEventListener('message', onMessage);
  const timer = window.setInterval(() => navigator.onLine && flush(), TIMER_MS);
  return () => {
    window.removeEventListener('online', flush);
    window.removeEventListener('offline', onOffline);
    document.removeEventListener('visibilitychange', onVisible);
    navigator.serviceWorker?.removeEventListener('message', onMessage);
    window.clearInterval(timer);
  };
}

/** After a result is queued: try now, and let the browser retry later even if the app is closed. */
export function afterEnqueue(): void {
  void refreshSyncState(navigator.onLine ? {} : { problem: 'offline' });
  void requestBackgroundSync();
  if (navigator.onLine) flush();
}
