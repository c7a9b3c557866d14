import { useSyncExternalStore } from 'react';

/** The app's few screens as paths, so a reload (online or offline) reopens the same screen. */
export type Route =
  | { name: 'recipients' }
  | { name: 'offer'; recipientId: string }
  | { name: 'review'; clientId: string }
  | { name: 'summary'; clientId: string }
  | { name: 'actions' }
  | { name: 'attention' }
  | { name: 'help' }
  | { name: 'dashboard' }
  | { name: 'comparison' }
  | { name: 'quality'; year: number }
  | { name: 'goal'; goalId: string }
  | { name: 'overdue' }
  | { name: 'riskFollowUp'; recipientId: string }
  | { name: 'report'; year: number }
  | { name: 'municipalComparison' }
  | { name: 'templates' }
  | { name: 'privacy' }
  | { name: 'webhooks' }
  | { name: 'feedbackCases' }
  | { name: 'security' }
  | { name: 'users' }
  | { name: 'roleMappings' }
  | { name: 'mySessions' }
  | { name: 'deviationReport' }
  | { name: 'deviations' }
  | { name: 'surveyImport' }
  | { name: 'selfChecks' }
  | { name: 'routines' }
  | { name: 'routine'; routineId: string }
  /** A new routine (routineId null), or a change to one. */
  | { name: 'routineEdit'; routineId: string | null };

const thisYear = () => new Date().getFullYear();
const yearOf = (text: string | undefined) => (text && /^\d{4}$/.test(text) ? Number(text) : thisYear());

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'brukare' && parts[1]) return { name: 'offer', recipientId: parts[1] };
  if (parts[0] === 'granskning' && parts[1])
    return parts[2] === 'sammanfattning' ? { name: 'summary', clientId: parts[1] } : { name: 'review', clientId: parts[1] };
  if (parts[0] === 'atgarder') return { name: 'actions' };
  if (parts[0] === 'behover-atgard') return { name: 'attention' };
  if (parts[0] === 'hjalp') return { name: 'help' };
  if (parts[0] === 'sakerhet') return { name: 'security' };
  if (parts[0] === 'mina-sessioner') return { name: 'mySessions' };
  if (parts[0] === 'avvikelse') return { name: 'deviationReport' };
  if (parts[0] === 'rutiner') {
    if (parts[1] === 'ny') return { name: 'routineEdit', routineId: null };
    if (parts[1] && parts[2] === 'andra') return { name: 'routineEdit', routineId: parts[1] };
    return parts[1] ? { name: 'routine', routineId: parts[1] } : { name: 'routines' };
  }
  if (parts[0] === 'uppfoljning') return parts[1] === 'jamforelse' ? { name: 'comparison' } : { name: 'dashboard' };
  if (parts[0] === 'kvalitet' && parts[1] === 'avvikelser') return { name: 'deviations' };
  if (parts[0] === 'kvalitet' && parts[1] === 'brukarundersokning') return { name: 'surveyImport' };
  if (parts[0] === 'kvalitet' && parts[1] === 'egenkontroller') return { name: 'selfChecks' };
  if (parts[0] === 'kvalitet') {
    if (parts[1] === 'mal' && parts[2]) return { name: 'goal', goalId: parts[2] };
    if (parts[1] === 'forsenade') return { name: 'overdue' };
    if (parts[1] === 'riskuppfoljning' && parts[2]) return { name: 'riskFollowUp', recipientId: parts[2] };
    if (parts[1] === 'rapport') return { name: 'report', year: yearOf(parts[2]) };
    if (parts[1] === 'jamforelse') return { name: 'municipalComparison' };
    if (parts[1] === 'mallar') return { name: 'templates' };
    if (parts[1] === 'dataskydd') return { name: 'privacy' };
    if (parts[1] === 'webhookar') return { name: 'webhooks' };
    if (parts[1] === 'synpunkter') return { name: 'feedbackCases' };
    if (parts[1] === 'anvandare') return { name: 'users' };
    if (parts[1] === 'rollmappning') return { name: 'roleMappings' };
    return { name: 'quality', year: yearOf(parts[1]) };
  }
  return { name: 'recipients' };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'recipients':
      return '/';
    case 'offer':
      return `/brukare/${encodeURIComponent(route.recipientId)}`;
    case 'review':
      return `/granskning/${encodeURIComponent(route.clientId)}`;
    case 'summary':
      return `/granskning/${encodeURIComponent(route.clientId)}/sammanfattning`;
    case 'actions':
      return '/atgarder';
    case 'attention':
      return '/behover-atgard';
    case 'help':
      return '/hjalp';
    case 'dashboard':
      return '/uppfoljning';
    case 'comparison':
      return '/uppfoljning/jamforelse';
    case 'quality':
      return `/kvalitet/${route.year}`;
    case 'goal':
      return `/kvalitet/mal/${encodeURIComponent(route.goalId)}`;
    case 'overdue':
      return '/kvalitet/forsenade';
    case 'riskFollowUp':
      return `/kvalitet/riskuppfoljning/${encodeURIComponent(route.recipientId)}`;
    case 'report':
      return `/kvalitet/rapport/${route.year}`;
    case 'municipalComparison':
      return '/kvalitet/jamforelse';
    case 'templates':
      return '/kvalitet/mallar';
    case 'privacy':
      return '/kvalitet/dataskydd';
    case 'webhooks':
      return '/kvalitet/webhookar';
    case 'feedbackCases':
      return '/kvalitet/synpunkter';
    case 'security':
      return '/sakerhet';
    case 'users':
      return '/kvalitet/anvandare';
    case 'roleMappings':
      return '/kvalitet/rollmappning';
    case 'mySessions':
      return '/mina-sessioner';
    case 'deviationReport':
      return '/avvikelse';
    case 'deviations':
      return '/kvalitet/avvikelser';
    case 'surveyImport':
      return '/kvalitet/brukarundersokning';
    case 'selfChecks':
      return '/kvalitet/egenkontroller';
    case 'routines':
      return '/rutiner';
    case 'routine':
      return `/rutiner/${encodeURIComponent(route.routineId)}`;
    case 'routineEdit':
      return route.routineId ? `/rutiner/${encodeURIComponent(route.routineId)}/andra` : '/rutiner/ny';
  }
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const path = pathOf(route);
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((l) => l());
  // Move focus to the new screen's heading, for keyboard and screen-reader users.
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
}

export function useRoute(): Route {
  const path = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => location.pathname,
  );
  return parseRoute(path);
}
