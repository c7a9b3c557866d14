import type { Route } from '../../app/router.js';
import { RoutineEditor } from './RoutineEditor.js';
import { RoutineScreen } from './RoutineScreen.js';
import { RoutinesScreen } from './RoutinesScreen.js';
import './routines.css';

/** The routine screens, a chunk of their own (App.tsx); markdown-it is a further chunk, loaded when a routine opens. */
export function RoutineRoutes({ route }: { route: Extract<Route, { name: 'routines' | 'routine' | 'routineEdit' }> }) {
  switch (route.name) {
    case 'routine':
      return <RoutineScreen routineId={route.routineId} />;
    case 'routineEdit':
      return <RoutineEditor routineId={route.routineId} />;
    case 'routines':
      return <RoutinesScreen />;
  }
}

export default RoutineRoutes;
