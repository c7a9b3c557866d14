import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swedishDateOf } from '@hjulet/domain';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { completeAnswers, safetyTemplate } from '../../test/support/factories.js';

/*
 * Self-checks over HTTP (docs/self-checks.md): a plan and its due state, a check stored once by the
 * client's id with findings by the checklist's rules, actions on findings, who may do what where, bad
 * input refused with a typed error and nothing written, and the audit rows.
 */

let server: TestServer;
const tokens: Record<string, string> = {};
const EMAILS = {
  staffKolmarden: DEMO.staffKolmarden,
  staff: DEMO.staff,
  staffSoder: DEMO.staffSoder,
  manager: DEMO.manager,
  managerSoder: DEMO.managerSoder,
  coordinator: DEMO.coordinator,
  admin: DEMO.admin,
};
type Who = keyof typeof EMAILS;

beforeAll(async () => {
  server = await startTestServer();
  for (const [name, email] of Object.entries(EMAILS)) tokens[name] = await server.tokenFor(email);
});
afterAll(() => server?.close());

const gql = <T = Record<string, unknown>>(who: Who, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> =>
  server.gql<T>(query, variables, tokens[who]);

const PLAN = `id unitId frequency performerRole performerName firstDueOn active lastDoneOn dueOn state templateTitle { sv }`;
const RESULT = `id planId unitId performedByName completedAt findings { id itemKey category severity text { sv } actions { id what ownerName dueOn status doneAt } }`;
const CREATE = `mutation($input: SelfCheckPlanInput!) { createSelfCheckPlan(input: $input) { ${PLAN} } }`;
const UPDATE = `mutation($id: UUID!, $input: SelfCheckPlanChange!) { updateSelfCheckPlan(id: $id, input: $input) { ${PLAN} } }`;
const PLANS = `query($f: SelfCheckPlanFilter) { selfCheckPlans(filter: $f) { ${PLAN} } }`;
const RECORD = `mutation($input: SelfCheckResultInput!) { recordSelfCheck(input: $input) { ${RESULT} } }`;
const RESULTS = `query($f: SelfCheckResultFilter) { selfCheckResults(filter: $f) { ${RESULT} } }`;
const ACTION = `mutation($f: UUID!, $input: SelfCheckActionInput!) { addSelfCheckAction(findingId: $f, input: $input) { ${RESULT} } }`;
const COMPLETE = `mutation($id: UUID!) { completeSelfCheckAction(id: $id) { ${RESULT} } }`;

interface Plan {
  id: string;
  state: string;
  dueOn: string;
  lastDoneOn: string | null;
  active: boolean;
}
interface Finding {
  id: string;
  itemKey: string;
  category: string;
  text: { sv: string };
  actions: Array<{ id: string; what: string; status: string; doneAt: string | null }>;
}
interface Result {
  id: string;
  planId: string;
  findings: Finding[];
}

const norr = () => server.seed.unitIds[0] as string;
const soder = () => server.seed.unitIds[1] as string;
const today = () => swedishDateOf(new Date());
const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function plan(who: Who, overrides: Record<string, unknown> = {}): Promise<Plan> {
  const input = {
    unitId: norr(),
    templateVersionId: server.seed.templateVersionId,
    frequency: 'QUARTERLY',
    performerRole: 'STAFF',
    firstDueOn: today(),
    ...overrides,
  };
  const res = await gql<{ createSelfCheckPlan: Plan }>(who, CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data?.createSelfCheckPlan as Plan;
}

const resultInput = (planId: string, risky: string[] = ['trip_hazards', 'lighting']) => ({
  clientId: randomUUID(),
  planId,
  answers: completeAnswers(risky),
  completedAt: new Date(Date.now() - 60_000).toISOString(),
});

async function recorded(who: Who, planId: string, risky?: string[]): Promise<Result> {
  const res = await gql<{ recordSelfCheck: Result }>(who, RECORD, { input: resultInput(planId, risky) });
  expect(res.errors).toBeUndefined();
  return res.data?.recordSelfCheck as Result;
}

const errorOf = (res: GraphQLResponse<unknown>) => {
  const e = res.errors?.[0] as { extensions?: { code?: string; field?: string } } | undefined;
  return { code: e?.extensions?.code, field: e?.extensions?.field };
};

describe('a self-check plan', () => {
  it('is due on its first date, overdue after it, and not due when weeks away', async () => {
    expect((await plan('manager', { firstDueOn: today() })).state).toBe('DUE');
    expect((await plan('manager', { firstDueOn: daysFromToday(-2) })).state).toBe('OVERDUE');
    expect((await plan('manager', { firstDueOn: daysFromToday(60) })).state).toBe('NOT_DUE');
  });

  it('is listed for its unit, to the staff who perform it too, and not to another unit', async () => {
    const p = await plan('manager');
    const ids = async (who: Who) => ((await gql<{ selfCheckPlans: Plan[] }>(who, PLANS, { f: { first: 500 } })).data?.selfCheckPlans ?? []).map((x) => x.id);
    expect(await ids('staff')).toContain(p.id);
    expect(await ids('coordinator')).toContain(p.id);
    expect(await ids('managerSoder')).not.toContain(p.id);
    expect(await ids('staffSoder')).not.toContain(p.id);
  });

  it('is planned by a coordinator for any unit of the administration, and audited', async () => {
    const users = (await gql<{ users: Array<{ id: string; email: string }> }>('admin', `{ users { id email } }`)).data?.users ?? [];
    const performerId = users.find((u) => u.email === DEMO.managerSoder)?.id;
    const p = await plan('coordinator', { unitId: soder(), performerRole: null, performerId });
    expect(p).toMatchObject({ unitId: soder(), performerRole: null, performerName: expect.any(String) });
    const rows: Array<{ action: string }> = await server.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'self_check_plan' AND entity_id = $1`,
      [p.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['create']);
  });

  it('cannot be made for a unit out of scope, and ended plans take no checks', async () => {
    const res = await gql('managerSoder', CREATE, {
      input: { unitId: norr(), templateVersionId: server.seed.templateVersionId, frequency: 'YEARLY', performerRole: 'STAFF', firstDueOn: today() },
    });
    expect(errorOf(res)).toEqual({ code: 'FORBIDDEN', field: 'input.unitId' });
    const p = await plan('manager');
    const ended = await gql<{ updateSelfCheckPlan: Plan }>('manager', UPDATE, {
      id: p.id,
      input: { frequency: 'MONTHLY', performerRole: 'STAFF', firstDueOn: today(), active: false },
    });
    expect(ended.data?.updateSelfCheckPlan.active).toBe(false);
    expect(errorOf(await gql('staff', RECORD, { input: resultInput(p.id) }))).toEqual({ code: 'CONFLICT', field: 'input.planId' });
  });
});

describe('recording a self-check', () => {
  it("derives the findings by the checklist's rules and moves the next due date one interval on", async () => {
    const p = await plan('manager', { frequency: 'QUARTERLY', firstDueOn: daysFromToday(-5) });
    const result = await recorded('staff', p.id, ['trip_hazards', 'lighting']);
    expect(result.findings.map((f) => [f.itemKey, f.category])).toEqual([
      ['trip_hazards', 'fall'],
      ['lighting', 'fall'],
    ]);
    expect(result.findings[0]?.text.sv).toMatch(/mattor/);
    const listed = (await gql<{ selfCheckPlans: Plan[] }>('manager', PLANS, { f: { unitId: norr(), first: 500 } })).data?.selfCheckPlans.find(
      (x) => x.id === p.id,
    );
    expect(listed).toMatchObject({ lastDoneOn: today(), state: 'NOT_DUE' });
    expect((listed?.dueOn ?? '') > today()).toBe(true);
  });

  it('is stored once per client id, is not a review, and a reused id for another plan is a CONFLICT', async () => {
    const p = await plan('manager');
    const input = resultInput(p.id);
    const before = await server.tableCounts();
    const first = await gql<{ recordSelfCheck: Result }>('staff', RECORD, { input });
    const again = await gql<{ recordSelfCheck: Result }>('staff', RECORD, { input });
    expect(again.data?.recordSelfCheck.id).toBe(first.data?.recordSelfCheck.id);
    const after = await server.tableCounts();
    expect(after['self_check_result']).toBe((before['self_check_result'] ?? 0) + 1);
    expect(after['review']).toBe(before['review']);
    expect(after['identified_risk']).toBe(before['identified_risk']);
    const other = await plan('manager');
    expect(errorOf(await gql('staff', RECORD, { input: { ...input, planId: other.id } }))).toEqual({ code: 'CONFLICT', field: 'input.clientId' });
  });

  it('refuses incomplete answers, a future time and a plan out of scope, writing nothing', async () => {
    const p = await plan('manager');
    const before = await server.tableCounts();
    const missing = completeAnswers();
    delete missing['alarm_present'];
    expect(errorOf(await gql('staff', RECORD, { input: { ...resultInput(p.id), answers: missing } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.answers.alarm_present',
    });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(errorOf(await gql('staff', RECORD, { input: { ...resultInput(p.id), completedAt: future } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.completedAt',
    });
    expect(errorOf(await gql('staffSoder', RECORD, { input: resultInput(p.id) }))).toEqual({ code: 'FORBIDDEN', field: 'input.planId' });
    expect(errorOf(await gql('staff', RECORD, { input: resultInput(randomUUID()) }))).toEqual({ code: 'NOT_FOUND', field: 'input.planId' });
    const after = await server.tableCounts();
    for (const table of ['self_check_result', 'self_check_finding']) expect(after[table]).toBe(before[table]);
  });
});

describe('a plan refuses', () => {
  it('both a role and a user as performer, a performer from elsewhere, and a draft template, writing nothing', async () => {
    const before = await server.tableCounts();
    const base = { unitId: norr(), templateVersionId: server.seed.templateVersionId, frequency: 'YEARLY', firstDueOn: today() };
    const users = (await gql<{ users: Array<{ id: string; email: string }> }>('admin', `{ users { id email } }`)).data?.users ?? [];
    const soderStaff = users.find((u) => u.email === DEMO.staffSoder)?.id as string;
    const norrStaff = users.find((u) => u.email === DEMO.staff)?.id as string;
    expect(errorOf(await gql('manager', CREATE, { input: { ...base, performerRole: 'STAFF', performerId: norrStaff } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.performerRole',
    });
    expect(errorOf(await gql('manager', CREATE, { input: { ...base, performerId: soderStaff } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.performerId',
    });
    const draft = await gql<{ importTemplate: { id: string } }>(
      'admin',
      `mutation($d: JSONObject!) { importTemplate(definition: $d, publish: false) { id } }`,
      {
        d: { ...safetyTemplate(), key: `egenkontroll-${randomUUID().slice(0, 8)}` },
      },
    );
    const afterImport = await server.tableCounts();
    expect(errorOf(await gql('admin', CREATE, { input: { ...base, performerRole: 'STAFF', templateVersionId: draft.data?.importTemplate.id } }))).toEqual({
      code: 'NOT_FOUND',
      field: 'input.templateVersionId',
    });
    expect((await server.tableCounts())['self_check_plan']).toBe(before['self_check_plan']);
    expect(afterImport['self_check_plan']).toBe(before['self_check_plan']);
  });
});

describe('actions on findings', () => {
  it('are added by a manager with owner and due date, marked done once, and audited', async () => {
    const p = await plan('manager');
    const result = await recorded('staff', p.id, ['trip_hazards']);
    const finding = result.findings[0] as Finding;
    const added = await gql<{ addSelfCheckAction: Result }>('manager', ACTION, {
      f: finding.id,
      input: { what: '  Fäst mattorna  ', dueOn: daysFromToday(14) },
    });
    expect(added.errors).toBeUndefined();
    const action = added.data?.addSelfCheckAction.findings[0]?.actions[0];
    expect(action).toMatchObject({ what: 'Fäst mattorna', status: 'open', doneAt: null });
    const done = await gql<{ completeSelfCheckAction: Result }>('manager', COMPLETE, { id: action?.id });
    expect(done.data?.completeSelfCheckAction.findings[0]?.actions[0]?.status).toBe('done');
    expect(errorOf(await gql('manager', COMPLETE, { id: action?.id }))).toEqual({ code: 'CONFLICT', field: 'id' });
    const rows: Array<{ action: string }> = await server.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'self_check_action' AND entity_id = $1 ORDER BY id`,
      [action?.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    const res = await gql<{ selfCheckResults: Result[] }>('coordinator', RESULTS, { f: { planId: p.id } });
    expect(res.errors).toBeUndefined();
    const listed = res.data?.selfCheckResults;
    expect(listed?.[0]?.findings[0]?.actions.map((a) => a.status)).toEqual(['done']);
  });

  it('are refused without words, out of scope, and for staff, writing nothing', async () => {
    const p = await plan('manager');
    const finding = (await recorded('staff', p.id, ['trip_hazards'])).findings[0] as Finding;
    const before = await server.tableCounts();
    const input = { what: 'Fäst mattorna', dueOn: daysFromToday(14) };
    expect(errorOf(await gql('manager', ACTION, { f: finding.id, input: { ...input, what: '  ' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.what' });
    expect(errorOf(await gql('managerSoder', ACTION, { f: finding.id, input }))).toEqual({ code: 'FORBIDDEN', field: 'findingId' });
    expect(errorOf(await gql('staff', ACTION, { f: finding.id, input })).code).toBe('FORBIDDEN');
    expect((await server.tableCounts())['self_check_action']).toBe(before['self_check_action']);
  });
});

describe('the quality report', () => {
  it("shows each plan's year: checks planned and done, findings, findings with an action, actions done", async () => {
    const kolmarden = server.seed.unitIds[3] as string;
    const year = new Date().getFullYear();
    const p = await plan('admin', { unitId: kolmarden, frequency: 'MONTHLY', firstDueOn: `${year}-01-31` });
    const result = await recorded('staffKolmarden', p.id, ['trip_hazards', 'lighting']);
    const input = { what: 'Fäst mattorna', dueOn: daysFromToday(7) };
    const added = await gql<{ addSelfCheckAction: Result }>('admin', ACTION, { f: result.findings[0]?.id, input });
    await gql('admin', COMPLETE, { id: added.data?.addSelfCheckAction.findings[0]?.actions[0]?.id });
    const report = await gql<{ qualityReport: { selfChecks: unknown[] } }>(
      'admin',
      `query($y: Int!, $u: UUID) { qualityReport(year: $y, unitId: $u) { selfChecks { unitName templateTitle { sv } planned done findings findingsWithAction actionsDone } } }`,
      { y: year, u: kolmarden },
    );
    expect(report.errors).toBeUndefined();
    expect(report.data?.qualityReport.selfChecks).toEqual([
      expect.objectContaining({ planned: 12, done: 1, findings: 2, findingsWithAction: 1, actionsDone: 1 }),
    ]);
  });
});
