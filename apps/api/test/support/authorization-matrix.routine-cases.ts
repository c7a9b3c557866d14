import { randomUUID } from 'node:crypto';
import { PLACES, REACH, LIST_REACH, type Caller, type Place, type PlaceTable, type Role, type Vars, type World } from './authorization-matrix.world.js';
import type { MatrixCase, Outcome, Target } from './authorization-matrix.cases.js';

/*
 * Processes and routines (docs/routines.md): everyone reads the register and the routines of their scope
 * and confirms them; unit managers, coordinators and admins write routines for what they reach and see who
 * has confirmed; coordinators and admins lay out processes and activities.
 */

const READERS: readonly Role[] = ['staff', 'unit_manager', 'quality_coordinator', 'admin'];
const MAINTAINERS: readonly Role[] = ['unit_manager', 'quality_coordinator', 'admin'];
const PLANNERS: readonly Role[] = ['quality_coordinator', 'admin'];

async function call<T>(w: World, token: string, query: string, variables: Vars): Promise<T> {
  const res = await w.server.gql<T>(query, variables, token);
  if (!res.data || res.errors) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

const activities = new Map<string, Promise<{ processId: string; activityId: string }>>();

/** A process and an activity of the place's municipality, made once per municipality by its admin. */
export function routineActivityIn(w: World, place: Place): Promise<{ processId: string; activityId: string }> {
  const { adminToken } = w.places[place];
  const key = place === 'another municipality' ? 'other' : 'demo';
  let made = activities.get(key);
  if (!made) {
    made = (async () => {
      const { createRoutineProcess: p } = await call<{ createRoutineProcess: { id: string } }>(
        w,
        adminToken,
        `mutation { createRoutineProcess(name: "Matrisprocess") { id } }`,
        {},
      );
      const { createProcessActivity: a } = await call<{ createProcessActivity: { id: string } }>(
        w,
        adminToken,
        `mutation($p: UUID!) { createProcessActivity(processId: $p, name: "Matrisaktivitet") { id } }`,
        { p: p.id },
      );
      return { processId: p.id, activityId: a.id };
    })();
    activities.set(key, made);
  }
  return made;
}

/** A routine input for the place's unit. */
export async function routineInputFor(w: World, place: Place): Promise<Vars> {
  return {
    activityId: (await routineActivityIn(w, place)).activityId,
    unitId: w.places[place].unitId,
    title: 'Matrisrutin',
    responsible: 'Personalen',
    frequency: 'Varje vecka',
    body: 'Gör så här.',
    reviewOn: '2030-06-30',
  };
}

/** A fresh routine of the place's unit, written by its municipality's admin. */
export async function routineIn(w: World, place: Place): Promise<string> {
  const data = await call<{ createRoutine: { id: string } }>(
    w,
    w.places[place].adminToken,
    `mutation($input: RoutineInput!) { createRoutine(input: $input) { id } }`,
    { input: await routineInputFor(w, place) },
  );
  return data.createRoutine.id;
}

function atPlaces(vars: (w: World, place: Place) => Promise<Vars>, table: PlaceTable): Target[] {
  return PLACES.map((place) => ({
    label: `in ${place}`,
    vars: async (w) => vars(w, place),
    reach: Object.fromEntries(Object.entries(table).map(([role, byPlace]) => [role, byPlace[place]])),
  }));
}

const everyone = (outcome: Outcome, roles: readonly Role[]): Partial<Record<Caller, Outcome>> => Object.fromEntries(roles.map((r) => [r, outcome]));
const listSeen = (data: unknown) => ((data as unknown[]).length > 0 ? 'ok' : 'EMPTY');

export const ROUTINE_CASES: MatrixCase[] = [
  {
    operation: 'routineProcesses',
    kind: 'query',
    roles: READERS,
    document: `query { routineProcesses { id name activities { id name } } }`,
    targets: [{ label: 'of your municipality', vars: async () => ({}), reach: everyone('ok', READERS) }],
  },
  {
    operation: 'routines',
    kind: 'query',
    roles: READERS,
    document: `query($f: RoutineFilter) { routines(filter: $f) { id title version confirmedCurrent } }`,
    targets: atPlaces(async (w, place) => {
      await routineIn(w, place);
      return { f: { unitId: w.places[place].unitId } };
    }, LIST_REACH),
    seen: listSeen,
  },
  {
    operation: 'routine',
    kind: 'query',
    roles: READERS,
    document: `query($id: UUID!) { routine(id: $id) { id body version } }`,
    targets: atPlaces(async (w, place) => ({ id: await routineIn(w, place) }), REACH),
  },
  {
    operation: 'routineReaders',
    kind: 'query',
    roles: MAINTAINERS,
    document: `query($r: UUID!) { routineReaders(routineId: $r) { userId confirmedCurrent } }`,
    targets: atPlaces(async (w, place) => ({ r: await routineIn(w, place) }), REACH),
  },
  {
    operation: 'createRoutineProcess',
    kind: 'mutation',
    roles: PLANNERS,
    document: `mutation { createRoutineProcess(name: "Process i matrisen") { id } }`,
    targets: [{ label: 'in your municipality', vars: async () => ({}), reach: everyone('ok', PLANNERS) }],
  },
  {
    operation: 'createProcessActivity',
    kind: 'mutation',
    roles: PLANNERS,
    document: `mutation($p: UUID!) { createProcessActivity(processId: $p, name: "Aktivitet i matrisen") { id } }`,
    targets: [
      { label: 'of your municipality', vars: async (w) => ({ p: (await routineActivityIn(w, 'Norr')).processId }), reach: everyone('ok', PLANNERS) },
      {
        label: "of another municipality's process",
        vars: async (w) => ({ p: (await routineActivityIn(w, 'another municipality')).processId }),
        reach: everyone('NOT_FOUND', PLANNERS),
      },
      { label: 'of an unknown process', vars: async () => ({ p: randomUUID() }), reach: everyone('NOT_FOUND', PLANNERS) },
    ],
  },
  {
    operation: 'createRoutine',
    kind: 'mutation',
    roles: MAINTAINERS,
    document: `mutation($input: RoutineInput!) { createRoutine(input: $input) { id version } }`,
    // The demo municipality's activity with the place's unit: another municipality's unit is not found.
    targets: atPlaces(async (w, place) => ({ input: { ...(await routineInputFor(w, 'Norr')), unitId: w.places[place].unitId } }), REACH),
  },
  {
    operation: 'reviseRoutine',
    kind: 'mutation',
    roles: MAINTAINERS,
    document: `mutation($id: UUID!, $input: RoutineInput!) { reviseRoutine(id: $id, input: $input) { id version } }`,
    targets: atPlaces(
      async (w, place) => ({ id: await routineIn(w, place), input: { ...(await routineInputFor(w, place)), body: 'Gör så här i stället.' } }),
      REACH,
    ),
  },
  {
    operation: 'confirmRoutine',
    kind: 'mutation',
    roles: READERS,
    document: `mutation($input: RoutineConfirmationInput!) { confirmRoutine(input: $input) { clientId version } }`,
    targets: atPlaces(
      async (w, place) => ({ input: { clientId: randomUUID(), routineId: await routineIn(w, place), version: 1, confirmedAt: new Date().toISOString() } }),
      REACH,
    ),
  },
];
