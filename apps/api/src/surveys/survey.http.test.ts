import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { NATIONAL_SURVEY_NAME } from '../seed/demo-surveys.js';

/*
 * User surveys over HTTP (docs/user-surveys.md): the demo's national survey as each role reads it, small
 * numbers hidden; the dry run; an import taken whole or not at all, in scope only; a re-import replacing;
 * and a goal citing a question as evidence.
 */

let server: TestServer;
const token: Record<string, string> = {};
const YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  server = await startTestServer();
  for (const [name, email] of Object.entries({ staff: DEMO.staff, manager: DEMO.manager, coordinator: DEMO.coordinator, admin: DEMO.admin }))
    token[name] = await server.tokenFor(email);
});
afterAll(() => server?.close());

interface Result {
  unitName: string;
  question: string;
  sharePositive: number | null;
  respondents: number | null;
  suppressed: boolean;
  previous: { sharePositive: number | null; suppressed: boolean } | null;
}

const RESULTS = `query($y: Int!, $u: UUID) { userSurveyResults(year: $y, unitId: $u) { surveyName source unitName question sharePositive respondents suppressed previous { sharePositive suppressed } } }`;
const PREVIEW = `query($input: UserSurveyImportInput!) { userSurveyImportPreview(input: $input) { rows { row unitName question sharePositive respondents suppressed } problems { field code row message } } }`;
const IMPORT = `mutation($input: UserSurveyImportInput!) { importUserSurvey(input: $input) { surveyId inserted replaced } }`;

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code ?? 'ok';
const fieldOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.field;
const ok = <T>(res: GraphQLResponse<T>): T => {
  expect(res.errors).toBeUndefined();
  return res.data as T;
};
const results = async (who: string, year = YEAR) => ok(await server.gql<{ userSurveyResults: Result[] }>(RESULTS, { y: year }, token[who])).userSurveyResults;
const count = async (table: string) => Number(((await server.dataSource.query(`SELECT count(*) AS n FROM ${table}`)) as Array<{ n: string }>)[0]?.n);
const counts = async () => ({ surveys: await count('user_survey'), results: await count('user_survey_result'), audit: await count('audit_event') });

const HEADER = 'Enhet;Fråga;Andel positiva;Antal svar';
const input = (csv: string, overrides: Record<string, unknown> = {}) => ({
  input: { source: 'OWN', name: 'Egen enkät hemtjänst', year: 2025, csv, ...overrides },
});

describe('the demo survey as each role reads it', () => {
  it("shows a coordinator their administration's units, with last year beside this year's", async () => {
    const rows = await results('coordinator');
    expect(new Set(rows.map((r) => r.unitName))).toEqual(new Set(['Hemtjänst Norr', 'Hemtjänst Söder', 'Hemtjänst Centrum']));
    const safety = rows.find((r) => r.unitName === 'Hemtjänst Centrum' && r.question.startsWith('Känner du dig trygg'));
    expect(safety).toMatchObject({ surveyName: NATIONAL_SURVEY_NAME, sharePositive: 76, respondents: 27, suppressed: false, previous: { sharePositive: 84 } });
  });

  it("shows a unit manager only their unit's results", async () => {
    const rows = await results('manager');
    expect(rows.length).toBe(5);
    expect(new Set(rows.map((r) => r.unitName))).toEqual(new Set(['Hemtjänst Norr']));
  });

  it('hides a result where fewer than five answered, this year and as the year before', async () => {
    const lastYear = (await results('admin', YEAR - 1)).filter((r) => r.unitName === 'Hemtjänst Kolmården');
    expect(lastYear).toHaveLength(5);
    expect(lastYear.every((r) => r.suppressed && r.sharePositive === null && r.respondents === null)).toBe(true);
    const thisYear = (await results('admin')).filter((r) => r.unitName === 'Hemtjänst Kolmården');
    expect(thisYear.every((r) => !r.suppressed && r.previous?.suppressed === true && r.previous.sharePositive === null)).toBe(true);
  });

  it('refuses staff, who read no statistics', async () => {
    expect(codeOf(await server.gql(RESULTS, { y: YEAR }, token['staff']))).toBe('FORBIDDEN');
  });

  it('refuses a year out of range with the field named', async () => {
    const res = await server.gql(RESULTS, { y: 1900 }, token['admin']);
    expect([codeOf(res), fieldOf(res)]).toEqual(['BAD_USER_INPUT', 'year']);
  });
});

describe('importing a survey file', () => {
  const good = `${HEADER}\nHemtjänst Norr;Får du välja tid?;62,5;24\nHemtjänst Söder;Får du välja tid?;70;20\nHemtjänst Söder;Vet du vem du ringer?;;3\n`;

  it('previews the rows on their units and every problem, writing nothing', async () => {
    const before = await counts();
    const csv = `${HEADER}\nHemtjänst Norr;Får du välja tid?;62,5;24\nHemtjänst Väst;Får du välja tid?;70;20\nHemtjänst Söder;Får du välja tid?;mycket;20\n`;
    const preview = ok(
      await server.gql<{ userSurveyImportPreview: { rows: unknown[]; problems: Array<{ field: string; code: string }> } }>(
        PREVIEW,
        input(csv),
        token['coordinator'],
      ),
    ).userSurveyImportPreview;
    expect(preview.rows).toEqual([
      { row: 2, unitName: 'Hemtjänst Norr', question: 'Får du välja tid?', sharePositive: 62.5, respondents: 24, suppressed: false },
    ]);
    expect(preview.problems.map((p) => [p.field, p.code])).toEqual([
      ['rows[3].unit', 'UNKNOWN_UNIT'],
      ['rows[4].result', 'INVALID'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('previews the sample file of docs/examples without a problem, its small row hidden', async () => {
    const csv = readFileSync(new URL('../../../../docs/examples/brukarundersokning.csv', import.meta.url), 'utf8');
    const preview = ok(
      await server.gql<{ userSurveyImportPreview: { rows: Array<{ unitName: string; suppressed: boolean }>; problems: unknown[] } }>(
        PREVIEW,
        input(csv),
        token['admin'],
      ),
    ).userSurveyImportPreview;
    expect(preview.problems).toEqual([]);
    expect(preview.rows).toHaveLength(7);
    expect(preview.rows.filter((r) => r.suppressed).map((r) => r.unitName)).toEqual(['Hemtjänst Kolmården']);
  });

  it('writes nothing when one row is bad, and names every bad row', async () => {
    const before = await counts();
    const res = await server.gql(IMPORT, input(`${good}Hemtjänst Centrum;Får du välja tid?;101;20\nHemtjänst Centrum;;50;20\n`), token['coordinator']);
    expect([codeOf(res), fieldOf(res)]).toEqual(['BAD_USER_INPUT', 'rows[5].result']);
    const issues = res.errors?.[0]?.extensions?.['issues'] as Array<{ field: string }>;
    expect(issues.map((i) => i.field)).toEqual(['rows[5].result', 'rows[6].question']);
    expect(await counts()).toEqual(before);
  });

  it('stores a good file, audited, and replaces a unit’s question when imported again', async () => {
    const before = await counts();
    const first = ok(
      await server.gql<{ importUserSurvey: { surveyId: string; inserted: number; replaced: number } }>(IMPORT, input(good), token['coordinator']),
    ).importUserSurvey;
    expect(first).toMatchObject({ inserted: 3, replaced: 0 });
    const again = ok(
      await server.gql<{ importUserSurvey: { surveyId: string; inserted: number; replaced: number } }>(
        IMPORT,
        input(`\uFEFFenhet,fråga,andel positiva,antal svar\r\n"hemtjänst norr","får du  välja tid?","66,7",27\r\n`),
        token['coordinator'],
      ),
    ).importUserSurvey;
    expect(again).toEqual({ surveyId: first.surveyId, inserted: 0, replaced: 1 });
    expect(await count('user_survey_result')).toBe(before.results + 3);
    const rows = (await results('coordinator', 2025)).filter((r) => r.question === 'Får du välja tid?');
    expect(rows.map((r) => [r.unitName, r.sharePositive])).toEqual([
      ['Hemtjänst Norr', 66.7],
      ['Hemtjänst Söder', 70],
    ]);
    const hidden = (await results('coordinator', 2025)).find((r) => r.question === 'Vet du vem du ringer?');
    expect(hidden).toMatchObject({ suppressed: true, sharePositive: null });
    const audited: unknown[] = await server.dataSource.query(`SELECT 1 FROM audit_event WHERE entity_type = 'user_survey' AND entity_id = $1`, [
      first.surveyId,
    ]);
    expect(audited.length).toBe(3);
  });

  it("lets a unit manager import their own unit's results and refuses another unit's, writing nothing", async () => {
    const own = await server.gql(IMPORT, input(`${HEADER}\nHemtjänst Norr;Hur nöjd är du?;80;30\n`, { name: 'Enhetens enkät' }), token['manager']);
    expect(codeOf(own)).toBe('ok');
    const before = await counts();
    const other = await server.gql(
      IMPORT,
      input(`${HEADER}\nHemtjänst Norr;Hur nöjd är du?;81;30\nHemtjänst Söder;Hur nöjd är du?;80;30\n`, { name: 'Enhetens enkät' }),
      token['manager'],
    );
    expect([codeOf(other), fieldOf(other)]).toEqual(['FORBIDDEN', 'rows[3].unit']);
    expect({ ...(await counts()), audit: 0 }).toEqual({ ...before, audit: 0 });
  });

  it('refuses staff, and a file larger than the limit', async () => {
    expect(codeOf(await server.gql(IMPORT, input(good), token['staff']))).toBe('FORBIDDEN');
    const res = await server.gql(IMPORT, input(`${HEADER}\n${'Hemtjänst Norr;Fråga;50;20\n'.repeat(20_000)}`), token['admin']);
    expect([codeOf(res), fieldOf(res)]).toEqual(['BAD_USER_INPUT', 'input.csv']);
  });

  it('refuses a bad year and name before reading the file', async () => {
    const res = await server.gql(IMPORT, input(good, { year: 1999, name: ' ' }), token['admin']);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect((res.errors?.[0]?.extensions?.['issues'] as Array<{ field: string }>).map((i) => i.field)).toEqual(['input.name', 'input.year']);
  });
});

describe('a goal citing a survey question', () => {
  const GOAL = `query($id: UUID!) { goal(id: $id) { id surveyEvidence { surveyName year question results { unitName sharePositive previous { sharePositive } } } } }`;
  const CITE = `mutation($g: UUID!, $s: UUID!, $q: String!) { citeSurveyInGoal(goalId: $g, surveyId: $s, question: $q) { surveyName year question } }`;
  const QUESTION = 'Känner du dig trygg med att bo hemma med stöd från hemtjänsten?';
  let goalId: string;
  let surveyId: string;

  beforeAll(async () => {
    const created = await server.gql<{ createGoal: { id: string } }>(
      `mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`,
      {
        input: {
          board: 'Vård- och omsorgsnämnden',
          year: YEAR,
          text: 'Brukarna känner sig trygga med hemtjänsten',
          qualityDimension: 'sakerhet',
          targetIndicator: 'COVERAGE',
          targetValue: 1,
        },
      },
      token['coordinator'],
    );
    goalId = ok(created).createGoal.id;
    const rows: Array<{ id: string }> = await server.dataSource.query(`SELECT id FROM user_survey WHERE name = $1 AND year = $2`, [NATIONAL_SURVEY_NAME, YEAR]);
    surveyId = rows[0]?.id as string;
  });

  it("shows the cited question's results for the goal's units in the reader's scope", async () => {
    const cited = ok(await server.gql<{ citeSurveyInGoal: unknown }>(CITE, { g: goalId, s: surveyId, q: QUESTION }, token['coordinator'])).citeSurveyInGoal;
    expect(cited).toEqual({ surveyName: NATIONAL_SURVEY_NAME, year: YEAR, question: QUESTION });
    type Goal = { goal: { surveyEvidence: Array<{ results: Array<{ unitName: string; sharePositive: number }> }> } };
    const coordinator = ok(await server.gql<Goal>(GOAL, { id: goalId }, token['coordinator'])).goal.surveyEvidence;
    expect(coordinator[0]?.results.map((r) => r.unitName)).toEqual(['Hemtjänst Centrum', 'Hemtjänst Norr', 'Hemtjänst Söder']);
    const manager = ok(await server.gql<Goal>(GOAL, { id: goalId }, token['manager'])).goal.surveyEvidence;
    expect(manager[0]?.results).toEqual([{ unitName: 'Hemtjänst Norr', sharePositive: 86, previous: { sharePositive: 79 } }]);
    const audited: unknown[] = await server.dataSource.query(`SELECT 1 FROM audit_event WHERE entity_type = 'goal_survey_evidence' AND entity_id = $1`, [
      goalId,
    ]);
    expect(audited.length).toBe(1);
  });

  it('cites a question once however often it is cited, and refuses one the survey lacks', async () => {
    await server.gql(CITE, { g: goalId, s: surveyId, q: QUESTION }, token['admin']);
    expect(await count(`goal_survey_evidence WHERE goal_id = '${goalId}'`)).toBe(1);
    const res = await server.gql(CITE, { g: goalId, s: surveyId, q: 'Finns inte' }, token['coordinator']);
    expect([codeOf(res), fieldOf(res)]).toEqual(['BAD_USER_INPUT', 'question']);
  });

  it('refuses a unit manager, who reads the goal but does not write it', async () => {
    expect(codeOf(await server.gql(CITE, { g: goalId, s: surveyId, q: QUESTION }, token['manager']))).toBe('FORBIDDEN');
  });

  it('takes a cited question off the goal', async () => {
    const REMOVE = `mutation($g: UUID!, $s: UUID!, $q: String!) { removeSurveyEvidence(goalId: $g, surveyId: $s, question: $q) }`;
    expect(
      ok(await server.gql<{ removeSurveyEvidence: boolean }>(REMOVE, { g: goalId, s: surveyId, q: QUESTION }, token['coordinator'])).removeSurveyEvidence,
    ).toBe(true);
    expect(ok(await server.gql<{ goal: { surveyEvidence: unknown[] } }>(GOAL, { id: goalId }, token['coordinator'])).goal.surveyEvidence).toEqual([]);
  });
});
