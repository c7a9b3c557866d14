/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { flushOutbox, OUTBOX_SYNC_TAG } from './sync/sync-engine.js';

declare const self: ServiceWorkerGlobalScope;

// The app shell and every built asset, so the app opens with no network after the first visit.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Control the open page as soon as the first install activates, so it is offline-ready without a reload.
// An update activates only when the user taps Update, and the page then reloads.
clientsClaim();

// Deep links (/granskning/…) open the cached shell offline; the API is never answered from cache.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/graphql/, /^\/healthz/, /^\/readyz/, /^\/auth\//] }));

// The page shows "update available"; the new worker takes over only when the user says so.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

interface SyncEvent extends ExtendableEvent {
  tag: string;
}

// Background Sync: the browser wakes us when the network is back. An open page flushes (it has the
// freshest state); with none open, the worker sends the outbox itself.
self.addEventListener('sync', (event) => {
  const syncEvent = event as SyncEvent;
  if (syncEvent.tag !== OUTBOX_SYNC_TAG) return;
  syncEvent.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window' });
      if (windows.length > 0) windows.forEach((w) => w.postMessage({ type: 'flush-outbox' }));
      else await flushOutbox();
    })(),
  );
});
