import { randomUUID } from 'node:crypto';
import { LIST_REACH, PLACES, REACH, type Caller, type Place, type PlaceTable, type Vars, type World } from './authorization-matrix.world.js';
import type { MatrixCase, Outcome, Target } from './authorization-matrix.cases.js';

/*
 * Complaints and feedback (docs/feedback.md): the form and its list of units are public; staff register
 * and list cases in their scope; coordinators and admins route; the unit's manager, coordinators and
 * admins answer. The demo municipality's kommunkod is 0581, the other municipality's 0999.
 */

const KOMMUNKOD: Record<Place, string> = { Norr: '0581', Söder: '0581', Kolmården: '0581', 'another municipality': '0999' };
const EVERYONE: readonly Caller[] = ['anonymous', 'staff', 'unit_manager', 'quality_coordinator', 'admin'];
const USERS = ['staff', 'unit_manager', 'quality_coordinator', 'admin'] as const;

const all = (outcome: Outcome, callers: readonly Caller[] = EVERYONE): Partial<Record<Caller, Outcome>> => Object.fromEntries(callers.map((c) => [c, outcome]));

/** Staff register feedback about any unit of their own municipality; another municipality's unit is unknown. */
const MUNICIPALITY_REACH: Record<Place, Outcome> = { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' };

function atPlaces(vars: (w: World, place: Place) => Promise<Vars> | Vars, table: PlaceTable | ((place: Place) => Partial<Record<Caller, Outcome>>)): Target[] {
  return PLACES.map((place) => ({
    label: `in ${place}`,
    vars: async (w) => vars(w, place),
    reach: typeof table === 'function' ? table(place) : Object.fromEntries(Object.entries(table).map(([role, byPlace]) => [role, byPlace[place]])),
  }));
}

const REGISTER = `mutation($input: RegisterFeedbackInput!) { registerFeedback(input: $input) { caseNumber } }`;

/** A fresh case in the place's municipality, registered by its admin: about the place's unit, or not yet routed. */
export async function feedbackCaseIn(w: World, place: Place, withUnit: boolean): Promise<string> {
  const { unitId, adminToken } = w.places[place];
  const res = await w.server.gql<{ registerFeedback: { caseNumber: string } }>(
    REGISTER,
    { input: { kind: 'COMPLAINT', channel: 'PHONE', message: 'Personalen kom inte', ...(withUnit ? { unitId } : {}) } },
    adminToken,
  );
  const caseNumber = res.data?.registerFeedback.caseNumber;
  if (!caseNumber) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
  const rows: Array<{ id: string }> = await w.server.dataSource.query(
    `SELECT fc.id FROM feedback_case fc
     WHERE fc.case_number = $1 AND fc.municipality_id = (SELECT a.municipality_id FROM unit u JOIN administration a ON a.id = u.administration_id WHERE u.id = $2)`,
    [caseNumber, unitId],
  );
  if (!rows[0]) throw new Error(`fixture case ${caseNumber} not found`);
  return rows[0].id;
}

const listSeen = (data: unknown) => ((data as unknown[]).length > 0 ? 'ok' : 'EMPTY');

export const FEEDBACK_CASES: MatrixCase[] = [
  {
    operation: 'feedbackUnits',
    kind: 'query',
    roles: 'public',
    document: `query($m: String!) { feedbackUnits(municipality: $m) { id name } }`,
    targets: [
      { label: 'of the demo municipality', vars: async () => ({ m: '0581' }), reach: all('ok') },
      { label: 'of another municipality', vars: async () => ({ m: '0999' }), reach: all('ok') },
      { label: 'of an unknown kommunkod', vars: async () => ({ m: '0000' }), reach: all('NOT_FOUND') },
    ],
  },
  {
    operation: 'submitFeedback',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { caseNumber dueOn } }`,
    targets: [
      ...atPlaces(
        (w, place) => ({ input: { kind: 'SUGGESTION', municipality: KOMMUNKOD[place], unitId: w.places[place].unitId, message: 'Fler promenader' } }),
        () => all('ok'),
      ),
      {
        label: "naming another municipality's unit",
        vars: async (w) => ({ input: { kind: 'COMPLAINT', municipality: '0581', unitId: w.places['another municipality'].unitId, message: 'Sen' } }),
        reach: all('NOT_FOUND'),
      },
    ],
  },
  {
    operation: 'registerFeedback',
    kind: 'mutation',
    roles: USERS,
    document: REGISTER,
    targets: atPlaces(
      (w, place) => ({ input: { kind: 'PRAISE', channel: 'PAPER', unitId: w.places[place].unitId, message: 'Tack för hjälpen' } }),
      (place) => all(MUNICIPALITY_REACH[place], USERS),
    ),
  },
  {
    operation: 'feedbackCases',
    kind: 'query',
    roles: USERS,
    document: `query($f: FeedbackCaseFilter) { feedbackCases(filter: $f) { id caseNumber status overdue contactEmail } }`,
    targets: atPlaces(async (w, place) => {
      await feedbackCaseIn(w, place, true);
      return { f: { unitId: w.places[place].unitId } };
    }, LIST_REACH),
    seen: listSeen,
  },
  {
    operation: 'routeFeedback',
    kind: 'mutation',
    roles: ['quality_coordinator', 'admin'],
    document: `mutation($id: UUID!, $u: UUID!) { routeFeedback(id: $id, unitId: $u) { id status } }`,
    targets: [
      ...atPlaces(async (w, place) => ({ id: await feedbackCaseIn(w, place, false), u: w.places[place].unitId }), REACH),
      {
        label: 'an unknown case',
        vars: async (w) => ({ id: randomUUID(), u: w.places.Norr.unitId }),
        reach: { quality_coordinator: 'NOT_FOUND', admin: 'NOT_FOUND' },
      },
    ],
  },
  {
    operation: 'answerFeedback',
    kind: 'mutation',
    roles: ['unit_manager', 'quality_coordinator', 'admin'],
    document: `mutation($id: UUID!) { answerFeedback(id: $id, answer: "Vi har ändrat schemat", findings: "Ett schemafel") { id status } }`,
    targets: atPlaces(async (w, place) => ({ id: await feedbackCaseIn(w, place, true) }), REACH),
  },
];
