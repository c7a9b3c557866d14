import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { syncStore, type SyncState } from '../../sync/sync-engine.js';
import { SyncBar } from './SyncBar.js';

const HOUR = 3_600_000;
const idle: SyncState = {
  waiting: 0,
  attention: 0,
  oldestWaitingAt: null,
  lastSyncedAt: null,
  referenceUpdatedAt: null,
  problem: null,
  syncing: false,
  online: true,
};

function showBar(state: Partial<SyncState>) {
  act(() => syncStore.set({ ...idle, ...state }));
  return render(
    <I18nProvider>
      <SyncBar />
    </I18nProvider>,
  );
}

const status = () => screen.getByTestId('sync-status').textContent;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const todayAt = (hours: number, minutes: number) => {
  const d = new Date();
  d.setHours(hours, minutes, 0, 0);
  return d.toISOString();
};
const syncNow = () => screen.queryByRole('button', { name: 'Synka nu' });

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
  act(() => syncStore.set(idle));
});

describe('the sync bar', () => {
  it('says how many results wait to sync', () => {
    showBar({ waiting: 3, oldestWaitingAt: hoursAgo(1) });

    expect(status()).toBe('3 väntar på synk');
    expect(screen.getByRole('button', { name: 'Synka nu' })).toBeTruthy();
  });

  it('says when everything was last synced', () => {
    showBar({ lastSyncedAt: todayAt(14, 2) });

    expect(status()).toBe('Synkat 14:02');
    expect(screen.queryByRole('button', { name: 'Synka nu' })).toBeNull();
  });

  it('says so when nothing has been synced or downloaded yet', () => {
    showBar({});

    expect(status()).toBe('Inget synkat ännu');
  });

  it('says when the list was downloaded, right after login, before any result was sent', () => {
    showBar({ referenceUpdatedAt: todayAt(8, 15) });

    expect(status()).toBe('Uppdaterat 08:15');
  });

  it('counts a download after the last sent result as the last sync', () => {
    showBar({ lastSyncedAt: todayAt(8, 15), referenceUpdatedAt: todayAt(9, 40) });

    expect(status()).toBe('Synkat 09:40');
  });

  it('gives the date of a last sync that was not today', () => {
    showBar({ lastSyncedAt: new Date(2025, 2, 10, 14, 2).toISOString() });

    expect(status()).toBe('10/3 14:02'.replace(/^/, 'Synkat '));
  });

  it('says there is no network when offline with nothing queued, not when it last synced', () => {
    showBar({ online: false, referenceUpdatedAt: todayAt(8, 15), lastSyncedAt: todayAt(8, 0) });

    expect(status()).toBe('Ingen uppkoppling – allt sparas i telefonen');
  });

  it('does not offer "Synka nu" while offline, with results waiting', () => {
    showBar({ online: false, waiting: 2, oldestWaitingAt: hoursAgo(1) });

    expect(status()).toBe('2 väntar på synk · Ingen uppkoppling – allt sparas i telefonen');
    expect(syncNow()).toBeNull();
  });

  it('does not call a server out of reach "no network", and offers to sync now', () => {
    showBar({ online: true, waiting: 2, oldestWaitingAt: hoursAgo(1), problem: 'unreachable' });

    expect(status()).toBe('2 väntar på synk · Kunde inte nå servern – försöker igen');
    expect(syncNow()).toBeTruthy();
  });

  it('names the problem when the phone is offline, next to what is waiting', () => {
    showBar({ waiting: 2, oldestWaitingAt: hoursAgo(1), problem: 'offline' });

    expect(status()).toBe('2 väntar på synk · Ingen uppkoppling – allt sparas i telefonen');
  });

  it('asks for a new login when the session has ended', () => {
    showBar({ waiting: 2, oldestWaitingAt: hoursAgo(1), problem: 'login_required' });

    expect(status()).toBe('Logga in igen för att synka');
  });

  it('says the server is not answering', () => {
    showBar({ waiting: 1, oldestWaitingAt: hoursAgo(1), problem: 'server' });

    expect(status()).toBe('1 väntar på synk · Servern svarar inte – försöker igen');
  });

  it('shows that it is syncing, without a button to sync again', () => {
    showBar({ waiting: 4, oldestWaitingAt: hoursAgo(1), syncing: true });

    expect(status()).toBe('Synkar…');
    expect(screen.queryByRole('button', { name: 'Synka nu' })).toBeNull();
  });

  it('follows the store as results leave the phone', () => {
    showBar({ waiting: 3, oldestWaitingAt: hoursAgo(1) });

    act(() => syncStore.set({ ...idle, lastSyncedAt: todayAt(9, 5) }));

    expect(status()).toBe('Synkat 09:05');
  });

  it('warns when a result has waited more than 72 hours', () => {
    showBar({ waiting: 1, oldestWaitingAt: hoursAgo(73) });

    expect(screen.getByText('Ett resultat har väntat i mer än 72 timmar. Anslut till internet så snart du kan.')).toBeTruthy();
  });

  it('does not warn about a result that has waited less than 72 hours', () => {
    showBar({ waiting: 1, oldestWaitingAt: hoursAgo(71) });

    expect(screen.queryByText(/72 timmar/)).toBeNull();
  });

  it('links to the results that need attention', () => {
    showBar({ attention: 2, lastSyncedAt: hoursAgo(1) });

    fireEvent.click(screen.getByRole('button', { name: '2 behöver åtgärd' }));

    expect(location.pathname).toBe('/behover-atgard');
  });

  it('has no attention link when nothing was refused', () => {
    showBar({ waiting: 1, oldestWaitingAt: hoursAgo(1) });

    expect(screen.queryByRole('button', { name: /behöver åtgärd/ })).toBeNull();
  });

  it('speaks English when the user chose English', () => {
    localStorage.setItem('hjulet.locale', 'en');

    showBar({ waiting: 3, oldestWaitingAt: hoursAgo(1), problem: 'offline', attention: 1 });

    expect(status()).toBe('3 waiting to sync · Offline – everything is saved on the phone');
    expect(screen.getByRole('button', { name: '1 needs attention' })).toBeTruthy();
  });
});
