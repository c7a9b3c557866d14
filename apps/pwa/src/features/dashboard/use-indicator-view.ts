import { useEffect, useState } from 'react';
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { readLastView, saveLastView } from '../../data/dashboard-cache.js';
import { supervisorClient } from './apollo.js';

export type ViewState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T; fetchedAt: string; offline: boolean }
  | { status: 'offline-empty' }
  | { status: 'error'; message: string };

/**
 * A supervisors' view: fetched through Apollo from the network, then kept as the user's last view of its kind.
 * Without a connection the last view is shown instead, with the time it was fetched.
 */
export function useIndicatorView<T, V extends OperationVariables>(userId: string, view: string, query: TypedDocumentNode<T, V>, variables: V): ViewState<T> {
  const [state, setState] = useState<ViewState<T>>({ status: 'loading' });
  const key = JSON.stringify(variables);
  useEffect(() => {
    let cancelled = false;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    void (async () => {
      try {
        const result = await supervisorClient().query({ query, variables: JSON.parse(key) as V, fetchPolicy: 'network-only' });
        if (!result.data) throw new Error('empty answer');
        const fetchedAt = new Date().toISOString();
        await saveLastView(userId, view, { variables: key, data: result.data }, fetchedAt);
        if (!cancelled) setState({ status: 'ready', data: result.data as T, fetchedAt, offline: false });
      } catch (error) {
        const saved = await readLastView<{ variables: string; data: T }>(userId, view);
        if (cancelled) return;
        const offline = !navigator.onLine || (error instanceof Error && /fetch|network|offline/i.test(error.message));
        if (saved && offline) setState({ status: 'ready', data: saved.data.data, fetchedAt: saved.fetchedAt, offline: true });
        else if (offline) setState({ status: 'offline-empty' });
        else setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [userId, view, query, key]);
  return state;
}
