import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

/*
 * Plan → act through HTTP as the demo users: the coordinator of Vård- och omsorgskontoret writes goals,
 * the manager of Hemtjänst Norr works on their unit's part, and never sees Hemtjänst Söder's.
 */

let server: TestServer;
const token = { coordinator: '', manager: '', managerSoder: '', staff: '', admin: '', staffKolmarden: '' };
const userId = { ...token };
let norr: string;
let soder: string;
let kolmarden: string;

const GOAL = `id administrationId board year text qualityDimension targetIndicator targetDirection targetValue`;
const CREATE_GOAL = `mutation($input: CreateGoalInput!) { createGoal(input: $input) { ${GOAL} } }`;
const FOLLOW_UP = `id goalId unitId period value valueSource comment evidence met lessons { learned changeNext } improvementActions { id what status }`;
const RECORD = `mutation($input: RecordFollowUpInput!) { recordFollowUp(input: $input) { ${FOLLOW_UP} } }`;

const goalInput = (overrides: Record<string, unknown> = {}) => ({
  board: 'Vård- och omsorgsnämnden',
  year: 2026,
  text: 'Samtliga brukare i ordinärt boende erbjuds genomgång av checklista för förebyggande av olycksfall',
  qualityDimension: 'sakerhet',
  targetIndicator: 'COVERAGE',
  targetDirection: 'AT_LEAST',
  targetValue: 1,
  ...overrides,
});

const ok = <T>(res: { data?: T | null; errors?: unknown }) => {
  expect(res.errors).toBeUndefined();
  return res.data as T;
};

beforeAll(async () => {
  server = await startTestServer();
  for (const who of Object.keys(token) as Array<keyof typeof token>) {
    token[who] = await server.tokenFor(DEMO[who]);
    userId[who] = (await server.gql<{ me: { id: string } }>(`{ me { id } }`, {}, token[who])).data?.me.id as string;
  }
  [norr, soder, , kolmarden] = server.seed.unitIds as [string, string, string, string];
});
afterAll(() => server?.close());

describe('quality dimensions', () => {
  it("are Växjö's six for the demo municipality", async () => {
    const data = ok(await server.gql<{ qualityDimensions: Array<{ key: string; nameSv: string }> }>(`{ qualityDimensions { key nameSv } }`, {}, token.manager));
    expect(data.qualityDimensions.map((d) => d.nameSv)).toEqual([
      'Individanpassning',
      'Tillgänglighet',
      'Kunskapsbasering',
      'Säkerhet',
      'Jämlikhet/likvärdighet',
      'Effektivitet',
    ]);
  });
});

describe('a goal of the board’s plan', () => {
  let goalId: string;

  it('is written by the coordinator for their administration, with dimension, target indicator and value, and audited', async () => {
    const goal = ok(await server.gql<{ createGoal: Record<string, unknown> }>(CREATE_GOAL, { input: goalInput() }, token.coordinator)).createGoal;
    expect(goal).toMatchObject({ year: 2026, qualityDimension: 'sakerhet', targetIndicator: 'COVERAGE', targetDirection: 'AT_LEAST', targetValue: 1 });
    goalId = goal['id'] as string;
    const audit: unknown[] = await server.dataSource.query(`SELECT 1 FROM audit_event WHERE entity_type = 'goal' AND entity_id = $1 AND action = 'create'`, [
      goalId,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('is refused with the field named for an unknown dimension or a share above 100 %, and nothing is written', async () => {
    const before = await server.tableCounts();
    const bad = await server.gql(CREATE_GOAL, { input: goalInput({ qualityDimension: 'trivsel' }) }, token.coordinator);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'qualityDimension' });
    const share = await server.gql(CREATE_GOAL, { input: goalInput({ targetValue: 95 }) }, token.coordinator);
    expect(share.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetValue' });
    expect(await server.tableCounts()).toEqual(before);
  });

  it('cannot be written by a unit manager (FORBIDDEN)', async () => {
    const res = await server.gql(CREATE_GOAL, { input: goalInput() }, token.manager);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("is read by the unit manager of a unit in the administration, and not by one of another administration's", async () => {
    const seen = ok(await server.gql<{ goals: Array<{ id: string }> }>(`{ goals(year: 2026) { id } }`, {}, token.manager)).goals;
    expect(seen.map((g) => g.id)).toContain(goalId);
    const kolmardenManager = await server.gql<{ goal: unknown }>(`query($id: UUID!) { goal(id: $id) { id } }`, { id: goalId }, token.staffKolmarden);
    expect(kolmardenManager.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  describe('activities', () => {
    it('are added by the unit manager in their unit, with a responsible person and a due date, and their status moves on', async () => {
      const created = ok(
        await server.gql<{ createActivity: { id: string; status: string; unitId: string; responsibleId: string } }>(
          `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id status unitId responsibleId dueDate } }`,
          { input: { goalId, unitId: norr, what: 'Erbjud alla nya brukare genomgång inom en månad', responsibleId: userId.staff, dueDate: '2026-06-30' } },
          token.manager,
        ),
      ).createActivity;
      expect(created).toMatchObject({ status: 'PLANNED', unitId: norr, responsibleId: userId.staff });
      const moved = ok(
        await server.gql<{ setActivityStatus: { status: string } }>(
          `mutation($id: UUID!) { setActivityStatus(id: $id, status: IN_PROGRESS) { status } }`,
          { id: created.id },
          token.manager,
        ),
      );
      expect(moved.setActivityStatus.status).toBe('IN_PROGRESS');
    });

    it('are not added by a unit manager in another unit (FORBIDDEN), nor with a responsible person of another unit', async () => {
      const other = await server.gql(
        `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
        { input: { goalId, unitId: soder, what: 'x' } },
        token.manager,
      );
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const person = await server.gql(
        `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
        { input: { goalId, unitId: norr, what: 'x', responsibleId: userId.managerSoder } },
        token.manager,
      );
      expect(person.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'responsibleId' });
    });

    it("are listed on the goal: the coordinator sees every unit's, a unit manager only their own", async () => {
      ok(
        await server.gql(
          `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
          { input: { goalId, unitId: soder, what: 'Söders aktivitet' } },
          token.coordinator,
        ),
      );
      const q = `query($id: UUID!) { goal(id: $id) { activities { unitId what } } }`;
      const coordinator = ok(await server.gql<{ goal: { activities: Array<{ unitId: string }> } }>(q, { id: goalId }, token.coordinator)).goal.activities;
      expect(new Set(coordinator.map((a) => a.unitId))).toEqual(new Set([norr, soder]));
      const manager = ok(await server.gql<{ goal: { activities: Array<{ unitId: string }> } }>(q, { id: goalId }, token.manager)).goal.activities;
      expect(manager.map((a) => a.unitId)).toEqual([norr]);
    });
  });

  describe('follow-up, lessons and improvement actions', () => {
    let adminFollowUp: { id: string; value: number; met: boolean };
    let norrFollowUp: { id: string };

    it('computes coverage for the administration from the reviews when no value is given, and says the target was not met', async () => {
      // Coverage by hand: eligible recipients of the administration's units, and those offered a review in 2026.
      const [counts] = (await server.dataSource.query(
        `SELECT count(*)::int AS eligible, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM review r WHERE r.recipient_id = c.id
           AND r.offered_at >= '2026-01-01' AND r.offered_at < '2027-01-01'))::int AS offered
         FROM care_recipient c JOIN unit u ON u.id = c.unit_id WHERE c.active AND c.ordinary_housing AND u.administration_id =
           (SELECT administration_id FROM unit WHERE id = $1)`,
        [norr],
      )) as Array<{ eligible: number; offered: number }>;
      const res = ok(
        await server.gql<{ recordFollowUp: typeof adminFollowUp & { valueSource: string; evidence: string[] } }>(
          RECORD,
          { input: { goalId, period: '2026', comment: 'Några brukare avböjde', evidence: ['/dashboard?period=2026'] } },
          token.coordinator,
        ),
      );
      adminFollowUp = res.recordFollowUp;
      expect(res.recordFollowUp).toMatchObject({ valueSource: 'COMPUTED', evidence: ['/dashboard?period=2026'] });
      expect(adminFollowUp.value).toBeCloseTo((counts?.offered ?? 0) / (counts?.eligible ?? 1), 10);
      expect(adminFollowUp.met).toBe(adminFollowUp.value >= 1);
    });

    it("lets a unit manager record their own unit's follow-up by hand, but not the administration's nor another unit's", async () => {
      norrFollowUp = ok(
        await server.gql<{ recordFollowUp: { id: string; met: boolean } }>(
          RECORD,
          { input: { goalId, period: '2026-Q2', unitId: norr, value: 0.8 } },
          token.manager,
        ),
      ).recordFollowUp;
      expect(norrFollowUp).toMatchObject({ met: false });
      const whole = await server.gql(RECORD, { input: { goalId, period: '2026-Q2', value: 0.8 } }, token.manager);
      expect(whole.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const other = await server.gql(RECORD, { input: { goalId, period: '2026-Q2', unitId: soder, value: 0.8 } }, token.manager);
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it("refuses a period outside the goal's year", async () => {
      const res = await server.gql(RECORD, { input: { goalId, period: '2025-Q4', unitId: norr, value: 0.8 } }, token.manager);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    });

    it("shows a unit manager only their unit's follow-ups of the goal; the coordinator all", async () => {
      ok(await server.gql(RECORD, { input: { goalId, period: '2026-Q2', unitId: soder, value: 1 } }, token.coordinator));
      const q = `query($id: UUID!) { goal(id: $id) { followUps { unitId period value } } }`;
      const manager = ok(await server.gql<{ goal: { followUps: Array<{ unitId: string | null }> } }>(q, { id: goalId }, token.manager)).goal.followUps;
      expect(manager.map((f) => f.unitId)).toEqual([norr]);
      const coordinator = ok(await server.gql<{ goal: { followUps: Array<{ unitId: string | null }> } }>(q, { id: goalId }, token.coordinator)).goal.followUps;
      expect(coordinator.map((f) => f.unitId).sort()).toEqual([null, norr, soder].sort());
    });

    it('takes a lesson on a follow-up, and shows it when the next year’s goals are written', async () => {
      const lesson = ok(
        await server.gql<{ recordLesson: { learned: string } }>(
          `mutation($input: RecordLessonInput!) { recordLesson(input: $input) { learned changeNext } }`,
          { input: { followUpId: norrFollowUp.id, learned: 'Nya brukare missades första månaden', changeNext: 'Genomgång bokas vid inskrivning' } },
          token.manager,
        ),
      );
      expect(lesson.recordLesson.learned).toBe('Nya brukare missades första månaden');
      const lessons = ok(
        await server.gql<{ lessons: Array<{ goalId: string; period: string; lesson: { changeNext: string } }> }>(
          `{ lessons(year: 2026) { goalId goalText period lesson { changeNext } } }`,
          {},
          token.coordinator,
        ),
      ).lessons;
      expect(lessons).toEqual([expect.objectContaining({ goalId, period: '2026-Q2', lesson: { changeNext: 'Genomgång bokas vid inskrivning' } })]);
      const soderManager = ok(await server.gql<{ lessons: unknown[] }>(`{ lessons(year: 2026) { goalId } }`, {}, token.managerSoder)).lessons;
      expect(soderManager).toEqual([]);
    });

    it('takes an improvement action on a follow-up that fell short, with owner and due date, and refuses one where the goal was met', async () => {
      const CREATE = `mutation($input: CreateImprovementActionInput!) { createImprovementAction(input: $input) { id ownerId dueDate status unitId } }`;
      const action = ok(
        await server.gql<{ createImprovementAction: { id: string; unitId: string; status: string } }>(
          CREATE,
          { input: { followUpId: norrFollowUp.id, what: 'Rutin för genomgång vid inskrivning', ownerId: userId.manager, dueDate: '2026-02-01' } },
          token.manager,
        ),
      ).createImprovementAction;
      expect(action).toMatchObject({ unitId: norr, status: 'OPEN' });
      const soderMet = ok(
        await server.gql<{ goal: { followUps: Array<{ id: string; unitId: string }> } }>(
          `query($id: UUID!) { goal(id: $id) { followUps { id unitId } } }`,
          { id: goalId },
          token.coordinator,
        ),
      ).goal.followUps.find((f) => f.unitId === soder);
      const refused = await server.gql(
        CREATE,
        { input: { followUpId: soderMet?.id, what: 'x', ownerId: userId.coordinator, dueDate: '2026-12-01' } },
        token.coordinator,
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'followUpId' });

      const overdue = ok(
        await server.gql<{ overdueActions: Array<{ kind: string; id: string; goalId: string | null; unitId: string }> }>(
          `{ overdueActions { kind id goalId unitId dueDate } }`,
          {},
          token.manager,
        ),
      ).overdueActions;
      expect(overdue).toContainEqual(expect.objectContaining({ kind: 'IMPROVEMENT_ACTION', id: action.id, goalId }));
      expect(overdue.every((o) => o.unitId === norr)).toBe(true);
      expect(overdue.some((o) => o.kind === 'RISK_ACTION')).toBe(true);
      const soderOverdue = ok(await server.gql<{ overdueActions: Array<{ id: string }> }>(`{ overdueActions { id } }`, {}, token.managerSoder)).overdueActions;
      expect(soderOverdue.map((o) => o.id)).not.toContain(action.id);

      const closed = ok(
        await server.gql<{ closeImprovementAction: { status: string } }>(
          `mutation($id: UUID!) { closeImprovementAction(id: $id, done: true) { status } }`,
          { id: action.id },
          token.manager,
        ),
      );
      expect(closed.closeImprovementAction.status).toBe('DONE');
      const again = await server.gql(`mutation($id: UUID!) { closeImprovementAction(id: $id, done: false) { status } }`, { id: action.id }, token.manager);
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });
  });

  it("lets an admin read every administration's goals and write one for Kolmården's administration", async () => {
    const [kolmardenUnit] = (await server.dataSource.query(`SELECT administration_id FROM unit WHERE id = $1`, [kolmarden])) as Array<{
      administration_id: string;
    }>;
    const created = ok(
      await server.gql<{ createGoal: { id: string } }>(CREATE_GOAL, { input: goalInput({ administrationId: kolmardenUnit?.administration_id }) }, token.admin),
    );
    const admin = ok(await server.gql<{ goals: Array<{ id: string }> }>(`{ goals { id } }`, {}, token.admin)).goals;
    expect(admin.map((g) => g.id)).toEqual(expect.arrayContaining([goalId, created.createGoal.id]));
    const coordinator = ok(await server.gql<{ goals: Array<{ id: string }> }>(`{ goals { id } }`, {}, token.coordinator)).goals;
    expect(coordinator.map((g) => g.id)).not.toContain(created.createGoal.id);
  });
});
