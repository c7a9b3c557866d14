import { PLACES, LIST_REACH, type Caller, type Place, type PlaceTable, type Role, type Vars, type World } from './authorization-matrix.world.js';
import type { MatrixCase, Outcome, Target } from './authorization-matrix.cases.js';
import { goalIn } from './authorization-matrix.plan-cases.js';
import { NATIONAL_SURVEY_NAME } from '../../src/seed/demo-surveys.js';

/*
 * User surveys (docs/user-surveys.md): unit managers, coordinators and admins import results for the units
 * they reach and read their scope's; a goal's writers cite a survey question in it. A file naming a unit
 * outside the importer's scope is refused whole (FORBIDDEN); one naming another municipality's unit names
 * no unit of theirs (BAD_USER_INPUT). The dry run answers the rows it could place: none outside the scope.
 */

const IMPORTERS: readonly Role[] = ['unit_manager', 'quality_coordinator', 'admin'];
const PLANNERS: readonly Role[] = ['quality_coordinator', 'admin'];
const QUESTION = 'Brukar personalen behandla dig med respekt?';

const IMPORT_REACH: PlaceTable = {
  staff: { Norr: 'ok', Söder: 'FORBIDDEN', Kolmården: 'FORBIDDEN', 'another municipality': 'BAD_USER_INPUT' },
  unit_manager: { Norr: 'ok', Söder: 'FORBIDDEN', Kolmården: 'FORBIDDEN', 'another municipality': 'BAD_USER_INPUT' },
  quality_coordinator: { Norr: 'ok', Söder: 'ok', Kolmården: 'FORBIDDEN', 'another municipality': 'BAD_USER_INPUT' },
  admin: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'BAD_USER_INPUT' },
};

/** A goal is written by its administration's coordinator (Norr's and Söder's) or an admin; another municipality's is not found. */
const GOAL_WRITE: PlaceTable = {
  staff: { Norr: 'FORBIDDEN', Söder: 'FORBIDDEN', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' },
  unit_manager: { Norr: 'FORBIDDEN', Söder: 'FORBIDDEN', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' },
  quality_coordinator: { Norr: 'ok', Söder: 'ok', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' },
  admin: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' },
};

function atPlaces(vars: (w: World, place: Place) => Promise<Vars>, table: PlaceTable): Target[] {
  return PLACES.map((place) => ({
    label: `in ${place}`,
    vars: async (w) => vars(w, place),
    reach: Object.fromEntries(Object.entries(table).map(([role, byPlace]) => [role, byPlace[place] as Outcome])) as Partial<Record<Caller, Outcome>>,
  }));
}

/** A one-row survey file for the place's unit, named by its id. */
const fileFor = (w: World, place: Place): Vars => ({
  input: { source: 'OWN', name: 'Matrisenkät', year: 2025, csv: `Enhet;Fråga;Andel positiva;Antal svar\n${w.places[place].unitId};Hur nöjd är du?;80;20\n` },
});

/** The demo's national survey of this year (the seed imports it). */
export async function demoSurveyId(w: World): Promise<string> {
  const rows: Array<{ id: string }> = await w.server.dataSource.query(`SELECT id FROM user_survey WHERE name = $1 AND year = $2`, [
    NATIONAL_SURVEY_NAME,
    new Date().getUTCFullYear(),
  ]);
  if (!rows[0]) throw new Error('the demo survey is missing');
  return rows[0].id;
}

const citation = async (w: World, place: Place): Promise<Vars> => ({ g: await goalIn(w, place), s: await demoSurveyId(w), q: QUESTION });

const rowsSeen = (key: string) => (data: unknown) => (((data as Record<string, unknown[]>)[key] ?? []).length > 0 ? 'ok' : 'EMPTY');

export const SURVEY_CASES: MatrixCase[] = [
  {
    operation: 'userSurveyImportPreview',
    kind: 'query',
    roles: IMPORTERS,
    document: `query($input: UserSurveyImportInput!) { userSurveyImportPreview(input: $input) { rows { row unitId } problems { field code } } }`,
    targets: atPlaces(async (w, place) => fileFor(w, place), LIST_REACH),
    seen: rowsSeen('rows'),
  },
  {
    operation: 'importUserSurvey',
    kind: 'mutation',
    roles: IMPORTERS,
    document: `mutation($input: UserSurveyImportInput!) { importUserSurvey(input: $input) { surveyId inserted replaced } }`,
    targets: atPlaces(async (w, place) => fileFor(w, place), IMPORT_REACH),
  },
  {
    operation: 'userSurveyResults',
    kind: 'query',
    roles: IMPORTERS,
    document: `query($y: Int!, $u: UUID) { userSurveyResults(year: $y, unitId: $u) { unitId question sharePositive suppressed } }`,
    targets: atPlaces(async (w, place) => ({ y: new Date().getUTCFullYear(), u: w.places[place].unitId }), LIST_REACH),
    seen: (data) => ((data as unknown[]).length > 0 ? 'ok' : 'EMPTY'),
  },
  {
    operation: 'citeSurveyInGoal',
    kind: 'mutation',
    roles: PLANNERS,
    document: `mutation($g: UUID!, $s: UUID!, $q: String!) { citeSurveyInGoal(goalId: $g, surveyId: $s, question: $q) { goalId question } }`,
    targets: atPlaces(citation, GOAL_WRITE),
  },
  {
    operation: 'removeSurveyEvidence',
    kind: 'mutation',
    roles: PLANNERS,
    document: `mutation($g: UUID!, $s: UUID!, $q: String!) { removeSurveyEvidence(goalId: $g, surveyId: $s, question: $q) }`,
    targets: atPlaces(citation, GOAL_WRITE),
  },
];
