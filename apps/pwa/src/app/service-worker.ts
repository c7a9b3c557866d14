import { createStore } from '../sync/store.js';

/** Set when a new version is installed and waiting; calling it activates the new version and reloads. */
export const updateStore = createStore<((reload?: boolean) => Promise<void>) | null>(null);

/**
 * Registers the service worker on the first visit, logged in or not, so the app opens with no network
 * from then on.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  void import('virtual:pwa-register').then(({ registerSW }) => {
    const updateSW = registerSW({ immediate: true, onNeedRefresh: () => updateStore.set(() => updateSW) });
  });
}
