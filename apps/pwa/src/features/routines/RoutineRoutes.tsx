import type { Route } from '../../app/router.js';
import { RoutineScreen } from './RoutineScreen.js';
import { RoutinesScreen } from './RoutinesScreen.js';
import './routines.css';

/** The routine screens, a chunk of their own (App.tsx); markdown-it is a further chunk, loaded when a routine opens. */
export function RoutineRoutes({ route }: { route: Extract<Route, { name: 'routines' | 'routine' }> }) {
  return route.name === 'routine' ? <RoutineScreen routineId={route.routineId} /> : <RoutinesScreen />;
}

export default RoutineRoutes;
