import { randomUUID } from 'node:crypto';
import { LIST_REACH, PLACES, REACH, type Place, type PlaceTable, type Role, type Vars, type World } from './authorization-matrix.world.js';
import type { MatrixCase, Target } from './authorization-matrix.cases.js';
import { completeAnswers } from './factories.js';

/*
 * Self-checks (docs/self-checks.md): everyone reads the plans and results of their scope; unit managers,
 * coordinators and admins plan and act on findings in their scope; staff, managers and coordinators
 * perform checks of the units they reach. Fixtures are made by the place's own admin and staff.
 */

const READERS: readonly Role[] = ['staff', 'unit_manager', 'quality_coordinator', 'admin'];
const PLANNERS: readonly Role[] = ['unit_manager', 'quality_coordinator', 'admin'];
const PERFORMERS: readonly Role[] = ['staff', 'unit_manager', 'quality_coordinator'];

const CREATE = `mutation($input: SelfCheckPlanInput!) { createSelfCheckPlan(input: $input) { id } }`;
const RECORD = `mutation($input: SelfCheckResultInput!) { recordSelfCheck(input: $input) { id findings { id actions { id } } } }`;
const ACTION = `mutation($f: UUID!, $input: SelfCheckActionInput!) { addSelfCheckAction(findingId: $f, input: $input) { findings { actions { id } } } }`;

async function call<T>(w: World, token: string, query: string, variables: Vars): Promise<T> {
  const res = await w.server.gql<T>(query, variables, token);
  if (!res.data || res.errors) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

const planInput = (w: World, place: Place): Vars => ({
  unitId: w.places[place].unitId,
  templateVersionId: w.places[place].templateVersionId,
  frequency: 'QUARTERLY',
  performerRole: 'STAFF',
  firstDueOn: '2030-01-01',
});

const resultInput = (planId: string): Vars => ({
  clientId: randomUUID(),
  planId,
  answers: completeAnswers(['trip_hazards']),
  completedAt: new Date(Date.now() - 3_600_000).toISOString(),
});

/** A fresh plan of the place's unit, made by the place's admin. */
export async function planIn(w: World, place: Place): Promise<string> {
  return (await call<{ createSelfCheckPlan: { id: string } }>(w, w.places[place].adminToken, CREATE, { input: planInput(w, place) })).createSelfCheckPlan.id;
}

/** A fresh result with one finding, recorded by the place's staff; answers its finding's id. */
export async function findingIn(w: World, place: Place): Promise<string> {
  const input = resultInput(await planIn(w, place));
  const data = await call<{ recordSelfCheck: { findings: Array<{ id: string }> } }>(w, w.places[place].staffToken, RECORD, { input });
  return data.recordSelfCheck.findings[0]?.id as string;
}

async function actionIn(w: World, place: Place): Promise<string> {
  const input = { what: 'Fäst mattorna', dueOn: '2030-01-01' };
  const data = await call<{ addSelfCheckAction: { findings: Array<{ actions: Array<{ id: string }> }> } }>(w, w.places[place].adminToken, ACTION, {
    f: await findingIn(w, place),
    input,
  });
  return data.addSelfCheckAction.findings[0]?.actions[0]?.id as string;
}

function atPlaces(vars: (w: World, place: Place) => Promise<Vars>, table: PlaceTable): Target[] {
  return PLACES.map((place) => ({
    label: `in ${place}`,
    vars: async (w) => vars(w, place),
    reach: Object.fromEntries(Object.entries(table).map(([role, byPlace]) => [role, byPlace[place]])),
  }));
}

const listSeen = (data: unknown) => ((data as unknown[]).length > 0 ? 'ok' : 'EMPTY');

export const SELF_CHECK_CASES: MatrixCase[] = [
  {
    operation: 'selfCheckPlans',
    kind: 'query',
    roles: READERS,
    document: `query($f: SelfCheckPlanFilter) { selfCheckPlans(filter: $f) { id state } }`,
    targets: atPlaces(async (w, place) => {
      await planIn(w, place);
      return { f: { unitId: w.places[place].unitId } };
    }, LIST_REACH),
    seen: listSeen,
  },
  {
    operation: 'selfCheckResults',
    kind: 'query',
    roles: READERS,
    document: `query($f: SelfCheckResultFilter) { selfCheckResults(filter: $f) { id findings { id } } }`,
    targets: atPlaces(async (w, place) => {
      await findingIn(w, place);
      return { f: { unitId: w.places[place].unitId } };
    }, LIST_REACH),
    seen: listSeen,
  },
  {
    operation: 'createSelfCheckPlan',
    kind: 'mutation',
    roles: PLANNERS,
    document: CREATE,
    targets: atPlaces(async (w, place) => ({ input: planInput(w, place) }), REACH),
  },
  {
    operation: 'updateSelfCheckPlan',
    kind: 'mutation',
    roles: PLANNERS,
    document: `mutation($id: UUID!, $input: SelfCheckPlanChange!) { updateSelfCheckPlan(id: $id, input: $input) { id } }`,
    targets: atPlaces(
      async (w, place) => ({
        id: await planIn(w, place),
        input: { frequency: 'MONTHLY', performerRole: 'UNIT_MANAGER', firstDueOn: '2030-02-01', active: true },
      }),
      REACH,
    ),
  },
  {
    operation: 'recordSelfCheck',
    kind: 'mutation',
    roles: PERFORMERS,
    document: RECORD,
    targets: atPlaces(async (w, place) => ({ input: resultInput(await planIn(w, place)) }), REACH),
  },
  {
    operation: 'addSelfCheckAction',
    kind: 'mutation',
    roles: PLANNERS,
    document: ACTION,
    targets: atPlaces(async (w, place) => ({ f: await findingIn(w, place), input: { what: 'Fäst mattorna', dueOn: '2030-01-01' } }), REACH),
  },
  {
    operation: 'completeSelfCheckAction',
    kind: 'mutation',
    roles: PLANNERS,
    document: `mutation($id: UUID!) { completeSelfCheckAction(id: $id) { id } }`,
    targets: atPlaces(async (w, place) => ({ id: await actionIn(w, place) }), REACH),
  },
];
