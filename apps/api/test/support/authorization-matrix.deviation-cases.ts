import { randomUUID } from 'node:crypto';
import { LIST_REACH, PLACES, REACH, type Caller, type Place, type PlaceTable, type Role, type Vars, type World } from './authorization-matrix.world.js';
import type { MatrixCase, Outcome, Target } from './authorization-matrix.cases.js';
import { DEMO } from './test-server.js';

/*
 * Deviations and lex Sarah (docs/deviations.md): staff, unit managers and coordinators report about the
 * people of their scope; staff see their own reports, managers and coordinators their scope's; managers
 * and coordinators investigate, act and close in their scope; admins keep the lex Sarah group. The cells
 * here are ordinary deviations: lex-sarah-walk.http.test.ts walks the schema for a lex Sarah report.
 */

const REPORTERS: readonly Role[] = ['staff', 'unit_manager', 'quality_coordinator'];
const INVESTIGATORS: readonly Role[] = ['unit_manager', 'quality_coordinator'];
const ADMINS: readonly Role[] = ['admin'];

const REPORT = `mutation($input: DeviationReportInput!) { reportDeviation(input: $input) { clientId } }`;

const reportInput = (w: World, place: Place): Vars => ({
  clientId: randomUUID(),
  kind: 'MISSED_VISIT',
  lexSarah: false,
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  description: 'Besöket blev inte av.',
  recipientId: w.places[place].recipientId,
});

/**
 * A fresh ordinary deviation about the place's recipient, reported by the place's staff; in Norr by the demo
 * staff (the matrix's staff caller, who sees their own reports), unless `colleague`.
 */
export async function deviationIn(w: World, place: Place, status: 'received' | 'investigated' = 'received', colleague = false): Promise<string> {
  const input = reportInput(w, place);
  const reporter = place === 'Norr' && !colleague ? (w.token('staff') as string) : w.places[place].staffToken;
  const res = await w.server.gql(REPORT, { input }, reporter);
  if (res.errors) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
  // The investigation is a step of its own cells; here it is only where closing starts from.
  if (status === 'investigated')
    await w.server.dataSource.query(
      `UPDATE deviation SET status = 'investigated', findings = 'Planeringen', causes = '{information}', investigated_at = now() WHERE id = $1`,
      [input['clientId']],
    );
  return input['clientId'] as string;
}

async function actionIn(w: World, place: Place): Promise<string> {
  const id = await deviationIn(w, place);
  const actionId = randomUUID();
  await w.server.dataSource.query(
    `INSERT INTO deviation_action (id, deviation_id, what, owner_id, due_on, created_by) VALUES ($1, $2, 'Se över planeringen', $3, '2030-01-01', $3)`,
    [actionId, id, w.places[place].staffId],
  );
  return actionId;
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

const userId = async (w: World, email: string): Promise<string> =>
  ((await w.server.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email])) as Array<{ id: string }>)[0]?.id as string;

export const DEVIATION_CASES: MatrixCase[] = [
  {
    operation: 'reportDeviation',
    kind: 'mutation',
    roles: REPORTERS,
    document: REPORT,
    targets: atPlaces(async (w, place) => ({ input: reportInput(w, place) }), REACH),
  },
  {
    operation: 'deviations',
    kind: 'query',
    roles: REPORTERS,
    document: `query($f: DeviationFilter) { deviations(filter: $f) { id contentVisible description } }`,
    targets: atPlaces(async (w, place) => {
      await deviationIn(w, place);
      return { f: { unitId: w.places[place].unitId } };
    }, LIST_REACH),
    seen: listSeen,
  },
  {
    operation: 'deviation',
    kind: 'query',
    roles: REPORTERS,
    document: `query($id: UUID!) { deviation(id: $id) { id contentVisible description } }`,
    targets: [
      ...atPlaces(async (w, place) => ({ id: await deviationIn(w, place) }), REACH),
      {
        label: "a colleague's report in your unit",
        vars: async (w) => ({ id: await deviationIn(w, 'Norr', 'received', true) }),
        reach: { staff: 'FORBIDDEN', unit_manager: 'ok', quality_coordinator: 'ok' },
      },
    ],
  },
  {
    operation: 'investigateDeviation',
    kind: 'mutation',
    roles: INVESTIGATORS,
    document: `mutation($id: UUID!, $input: DeviationInvestigationInput!) { investigateDeviation(id: $id, input: $input) { id status } }`,
    targets: atPlaces(
      async (w, place) => ({ id: await deviationIn(w, place), input: { findings: 'Planeringen', causes: ['INFORMATION'], serious: false } }),
      REACH,
    ),
  },
  {
    operation: 'addDeviationAction',
    kind: 'mutation',
    roles: INVESTIGATORS,
    document: `mutation($id: UUID!, $input: DeviationActionInput!) { addDeviationAction(id: $id, input: $input) { id } }`,
    targets: atPlaces(async (w, place) => ({ id: await deviationIn(w, place), input: { what: 'Se över planeringen', dueOn: '2030-01-01' } }), REACH),
  },
  {
    operation: 'completeDeviationAction',
    kind: 'mutation',
    roles: INVESTIGATORS,
    document: `mutation($id: UUID!) { completeDeviationAction(id: $id) { id } }`,
    targets: atPlaces(async (w, place) => ({ id: await actionIn(w, place) }), REACH),
  },
  {
    operation: 'closeDeviation',
    kind: 'mutation',
    roles: INVESTIGATORS,
    document: `mutation($id: UUID!) { closeDeviation(id: $id) { id status } }`,
    targets: atPlaces(async (w, place) => ({ id: await deviationIn(w, place, 'investigated') }), REACH),
  },
  {
    operation: 'lexSarahReceivers',
    kind: 'query',
    roles: ADMINS,
    document: `query { lexSarahReceivers { userId } }`,
    targets: [{ label: 'of your municipality', vars: async () => ({}), reach: everyone('ok', ADMINS) }],
  },
  {
    operation: 'designateLexSarahReceiver',
    kind: 'mutation',
    roles: ADMINS,
    document: `mutation($u: UUID!, $d: Boolean!) { designateLexSarahReceiver(userId: $u, designated: $d) { userId } }`,
    targets: [
      { label: 'a unit manager of your municipality', vars: async (w) => ({ u: await userId(w, DEMO.managerSoder), d: true }), reach: everyone('ok', ADMINS) },
      { label: 'a staff member', vars: async (w) => ({ u: w.places.Norr.staffId, d: true }), reach: everyone('BAD_USER_INPUT', ADMINS) },
      {
        label: "another municipality's user",
        vars: async (w) => ({ u: w.places['another municipality'].staffId, d: true }),
        reach: everyone('NOT_FOUND', ADMINS),
      },
    ],
  },
];
