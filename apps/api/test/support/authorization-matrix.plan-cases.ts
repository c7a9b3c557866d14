import type { MatrixCase, Outcome, Target } from './authorization-matrix.cases.js';
import { PLACES, type Caller, type Place, type Role, type Vars, type World } from './authorization-matrix.world.js';

/*
 * The quality wheel's operations (issue 9): goals and their follow-ups belong to an administration,
 * activities, unit follow-ups and improvement actions to a unit, cause analyses and events to a person.
 * Fixtures are made by the admin of the place's municipality, fresh for each cell.
 */

const PLAN_READERS: readonly Role[] = ['unit_manager', 'quality_coordinator', 'admin'];
const PLANNERS: readonly Role[] = ['quality_coordinator', 'admin'];
const CARE_READERS: readonly Role[] = ['staff', 'unit_manager', 'quality_coordinator'];
const RISK_FOLLOWERS: readonly Role[] = ['staff', 'unit_manager'];

type PlaceTable = Partial<Record<Caller, Record<Place, Outcome>>>;

/** canReach for a unit's row (and a goal of Norr's and Söder's administration for its readers). */
const REACH: PlaceTable = {
  staff: { Norr: 'ok', Söder: 'FORBIDDEN', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' },
  unit_manager: { Norr: 'ok', Söder: 'FORBIDDEN', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' },
  quality_coordinator: { Norr: 'ok', Söder: 'ok', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' },
  admin: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' },
};

/** A goal is read by the units' managers of its administration: Norr's manager reads Söder's administration's goals (the same). */
const GOAL_READ: PlaceTable = { ...REACH, unit_manager: { Norr: 'ok', Söder: 'ok', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' } };

const ALL_OK: Partial<Record<Caller, Outcome>> = { staff: 'ok', unit_manager: 'ok', quality_coordinator: 'ok', admin: 'ok' };

function atPlaces(vars: (w: World, place: Place) => Promise<Vars> | Vars, table: PlaceTable = REACH): Target[] {
  return PLACES.map((place) => ({
    label: `in ${place}`,
    vars: async (w) => vars(w, place),
    reach: Object.fromEntries(Object.entries(table).map(([role, byPlace]) => [role, byPlace[place]])),
  }));
}

const anywhere = (vars: () => Vars = () => ({})): Target[] => [{ label: '', vars: async () => vars(), reach: ALL_OK }];

async function asAdmin<T>(w: World, place: Place, query: string, variables: Vars): Promise<T> {
  const res = await w.server.gql<T>(query, variables, w.places[place].adminToken);
  if (!res.data || res.errors) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

export const goalIn = async (w: World, place: Place): Promise<string> =>
  (
    await asAdmin<{ createGoal: { id: string } }>(w, place, `mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`, {
      input: {
        administrationId: w.places[place].administrationId,
        board: 'Vård- och omsorgsnämnden',
        year: 2026,
        text: 'Alla brukare erbjuds genomgång',
        qualityDimension: 'sakerhet',
        targetIndicator: 'COVERAGE',
        targetValue: 1,
      },
    })
  ).createGoal.id;

export const unitFollowUpIn = async (w: World, place: Place): Promise<string> =>
  (
    await asAdmin<{ recordFollowUp: { id: string } }>(w, place, `mutation($input: RecordFollowUpInput!) { recordFollowUp(input: $input) { id } }`, {
      input: { goalId: await goalIn(w, place), period: '2026', unitId: w.places[place].unitId, value: 0.5 },
    })
  ).recordFollowUp.id;

const improvementActionIn = async (w: World, place: Place): Promise<string> =>
  (
    await asAdmin<{ createImprovementAction: { id: string } }>(
      w,
      place,
      `mutation($input: CreateImprovementActionInput!) { createImprovementAction(input: $input) { id } }`,
      { input: { followUpId: await unitFollowUpIn(w, place), what: 'Ny rutin', ownerId: w.places[place].staffId, dueDate: '2026-03-01' } },
    )
  ).createImprovementAction.id;

const activityIn = async (w: World, place: Place): Promise<string> =>
  (
    await asAdmin<{ createActivity: { id: string } }>(w, place, `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`, {
      input: { goalId: await goalIn(w, place), unitId: w.places[place].unitId, what: 'Genomgång vid inskrivning' },
    })
  ).createActivity.id;

export const riskIn = async (w: World, place: Place): Promise<string> => {
  const res = await w.server.gql<{ review: { risks: Array<{ id: string; itemKey: string }> } }>(
    `query($id: UUID!) { review(id: $id) { risks { id itemKey } } }`,
    { id: w.places[place].reviewId },
    w.places[place].staffToken,
  );
  const risk = res.data?.review.risks.find((r) => r.itemKey === 'alarm_present');
  if (!risk) throw new Error('fixture review has no alarm_present risk');
  return risk.id;
};

export const PLAN_CASES: readonly MatrixCase[] = [
  { operation: 'qualityDimensions', kind: 'query', roles: PLAN_READERS, document: `{ qualityDimensions { key } }`, targets: anywhere() },
  { operation: 'goals', kind: 'query', roles: PLAN_READERS, document: `{ goals(year: 2026) { id } }`, targets: anywhere() },
  {
    operation: 'goal',
    kind: 'query',
    roles: PLAN_READERS,
    document: `query($id: UUID!) { goal(id: $id) { id followUps { id met } activities { id } } }`,
    targets: atPlaces(async (w, place) => ({ id: await goalIn(w, place) }), GOAL_READ),
  },
  { operation: 'lessons', kind: 'query', roles: PLAN_READERS, document: `{ lessons(year: 2026) { goalId } }`, targets: anywhere() },
  { operation: 'overdueActions', kind: 'query', roles: PLAN_READERS, document: `{ overdueActions { id kind } }`, targets: anywhere() },
  {
    operation: 'riskFollowUp',
    kind: 'query',
    roles: CARE_READERS,
    document: `query($r: UUID!) { riskFollowUp(recipientId: $r) { reviewId items { itemKey effect } } }`,
    targets: atPlaces((w, place) => ({ r: w.places[place].recipientId })),
  },
  {
    operation: 'careEvents',
    kind: 'query',
    roles: CARE_READERS,
    document: `query($u: UUID) { careEvents(unitId: $u) { id } }`,
    targets: PLACES.map((place) => ({ label: `in ${place}`, vars: async (w) => ({ u: w.places[place].unitId }), reach: ALL_OK })),
  },
  { operation: 'comparison', kind: 'query', roles: PLAN_READERS, document: `{ comparison { ownMunicipalityCode values { value } } }`, targets: anywhere() },
  {
    operation: 'qualityReport',
    kind: 'query',
    roles: PLAN_READERS,
    document: `query($u: UUID) { qualityReport(year: 2026, unitId: $u) { units coverage } }`,
    targets: atPlaces((w, place) => ({ u: w.places[place].unitId })),
  },
  {
    // Compiled deviations and complaints (docs/quality-records.md): the report's readers, in their scope.
    operation: 'qualityRecordStatistics',
    kind: 'query',
    roles: PLAN_READERS,
    document: `query($u: UUID, $y: Int!) { qualityRecordStatistics(year: $y, unitId: $u) { units { id } sources { source } } }`,
    targets: atPlaces((w, place) => ({ u: w.places[place].unitId, y: new Date().getFullYear() })),
  },
  {
    operation: 'createGoal',
    kind: 'mutation',
    roles: PLANNERS,
    document: `mutation($a: UUID!) { createGoal(input: { administrationId: $a, board: "Nämnden", year: 2027, text: "Mål", qualityDimension: "sakerhet", targetIndicator: COVERAGE, targetValue: 1 }) { id } }`,
    targets: atPlaces((w, place) => ({ a: w.places[place].administrationId })),
  },
  {
    operation: 'createActivity',
    kind: 'mutation',
    roles: PLAN_READERS,
    document: `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
    targets: atPlaces(async (w, place) => ({ input: { goalId: await goalIn(w, place), unitId: w.places[place].unitId, what: 'Aktivitet' } })),
  },
  {
    operation: 'setActivityStatus',
    kind: 'mutation',
    roles: PLAN_READERS,
    document: `mutation($id: UUID!) { setActivityStatus(id: $id, status: DONE) { id status } }`,
    targets: atPlaces(async (w, place) => ({ id: await activityIn(w, place) })),
  },
  {
    operation: 'recordFollowUp',
    kind: 'mutation',
    roles: PLAN_READERS,
    document: `mutation($input: RecordFollowUpInput!) { recordFollowUp(input: $input) { id value } }`,
    targets: atPlaces(async (w, place) => ({ input: { goalId: await goalIn(w, place), period: '2026-Q1', unitId: w.places[place].unitId, value: 0.9 } })),
  },
  {
    operation: 'recordLesson',
    kind: 'mutation',
    roles: PLAN_READERS,
    document: `mutation($input: RecordLessonInput!) { recordLesson(input: $input) { id } }`,
    targets: atPlaces(async (w, place) => ({ input: { followUpId: await unitFollowUpIn(w, place), learned: 'Lärdom', changeNext: 'Ändring' } })),
  },
  {
    operation: 'createImprovementAction',
    kind: 'mutation',
    roles: PLAN_READERS,
    document: `mutation($input: CreateImprovementActionInput!) { createImprovementAction(input: $input) { id } }`,
    targets: atPlaces(async (w, place) => ({
      input: { followUpId: await unitFollowUpIn(w, place), what: 'Åtgärd', ownerId: w.places[place].staffId, dueDate: '2026-12-31' },
    })),
  },
  {
    operation: 'closeImprovementAction',
    kind: 'mutation',
    roles: PLAN_READERS,
    document: `mutation($id: UUID!) { closeImprovementAction(id: $id, done: true) { id status } }`,
    targets: atPlaces(async (w, place) => ({ id: await improvementActionIn(w, place) })),
  },
  {
    operation: 'recordCauseAnalysis',
    kind: 'mutation',
    roles: RISK_FOLLOWERS,
    document: `mutation($input: CauseAnalysisInput!) { recordCauseAnalysis(input: $input) { id causes } }`,
    targets: atPlaces(async (w, place) => ({ input: { riskId: await riskIn(w, place), causes: ['EQUIPMENT'] } })),
  },
  {
    operation: 'recordCareEvent',
    kind: 'mutation',
    roles: RISK_FOLLOWERS,
    document: `mutation($input: RecordEventInput!) { recordCareEvent(input: $input) { id } }`,
    targets: atPlaces((w, place) => ({
      input: { recipientId: w.places[place].recipientId, kind: 'NEAR_MISS', riskCategory: 'brand', occurredOn: '2026-01-15' },
    })),
  },
  {
    operation: 'importComparisonValues',
    kind: 'mutation',
    roles: PLANNERS,
    document: `mutation($c: String!) { importComparisonValues(format: CSV, content: $c) { inserted replaced } }`,
    targets: anywhere(() => ({ c: 'municipality,indicator,period,value\n0580,coverage,2025,0.9' })),
  },
];
