import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { DEMO_LEX_SARAH_ID } from '../seed/demo-deviations.js';

/*
 * Deviations and lex Sarah over HTTP (docs/deviations.md): a report stored once by the phone's id, who
 * sees what for every role and scope, the investigation with its cause analysis, actions and deadlines,
 * the IVO notification, the designated group, refusals that change nothing, and the audit rows.
 * lex-sarah-walk.http.test.ts walks the whole schema for a lex Sarah report's content.
 */

let server: TestServer;
const tokens: Record<string, string> = {};
const EMAILS = {
  staff: DEMO.staff,
  staff2: DEMO.staff2,
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

const REPORT = `mutation($input: DeviationReportInput!) { reportDeviation(input: $input) { clientId lexSarah receivedAt investigateBy } }`;
const FIELDS = `id unitId lexSarah status investigateBy closeBy dueOn overdue contentVisible kind occurredAt description immediateAction recipientId
  recipientReference findings causes causeDescription serious actions { id what dueOn status } ivoNotification { title sections { heading body } }`;
const ONE = `query($id: UUID!) { deviation(id: $id) { ${FIELDS} } }`;
const LIST = `query($f: DeviationFilter) { deviations(filter: $f) { ${FIELDS} } }`;
const INVESTIGATE = `mutation($id: UUID!, $input: DeviationInvestigationInput!) { investigateDeviation(id: $id, input: $input) { ${FIELDS} } }`;
const ACTION = `mutation($id: UUID!, $input: DeviationActionInput!) { addDeviationAction(id: $id, input: $input) { ${FIELDS} } }`;
const CLOSE = `mutation($id: UUID!) { closeDeviation(id: $id) { ${FIELDS} } }`;
const DESIGNATE = `mutation($u: UUID!, $d: Boolean!) { designateLexSarahReceiver(userId: $u, designated: $d) { userId displayName role } }`;

interface View {
  id: string;
  status: string;
  contentVisible: boolean;
  description: string | null;
  immediateAction: string | null;
  recipientId: string | null;
  findings: string | null;
  causes: string[] | null;
  dueOn: string | null;
  investigateBy: string;
  closeBy: string;
  actions: Array<{ what: string }> | null;
  ivoNotification: { title: string; sections: Array<{ heading: string; body: string }> } | null;
}

const norrRecipient = () => server.seed.recipients.find((r) => r.unitId === server.seed.unitIds[0])?.id as string;
const soderRecipient = () => server.seed.recipients.find((r) => r.unitId === server.seed.unitIds[1])?.id as string;

function report(overrides: Record<string, unknown> = {}) {
  return {
    clientId: randomUUID(),
    kind: 'FALL',
    lexSarah: false,
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    description: 'Brukaren föll i badrummet.',
    immediateAction: 'Hjälpte upp, ringde sjuksköterskan.',
    recipientId: norrRecipient(),
    ...overrides,
  };
}

async function reported(who: Who, overrides: Record<string, unknown> = {}): Promise<string> {
  const input = report(overrides);
  const res = await gql(who, REPORT, { input });
  expect(res.errors).toBeUndefined();
  return input.clientId;
}

const userId = async (email: string): Promise<string> =>
  ((await server.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email])) as Array<{ id: string }>)[0]?.id as string;

const count = async (sql: string, params: unknown[] = []): Promise<number> =>
  Number(((await server.dataSource.query(sql, params)) as Array<{ n: string }>)[0]?.n);

describe('reporting', () => {
  it('stores a report once, however often the outbox sends it, and audits it once without its content', async () => {
    const input = report({ description: 'Sänt två gånger.' });
    const first = await gql<{ reportDeviation: { clientId: string; investigateBy: string } }>('staff', REPORT, { input });
    const second = await gql<{ reportDeviation: { clientId: string; investigateBy: string } }>('staff', REPORT, { input });
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(await count(`SELECT count(*) AS n FROM deviation WHERE id = $1`, [input.clientId])).toBe(1);
    const audit: Array<{ action: string; care_recipient_id: string; details: unknown }> = await server.dataSource.query(
      `SELECT action, care_recipient_id, details FROM audit_event WHERE entity_type = 'deviation' AND entity_id = $1`,
      [input.clientId],
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0]?.care_recipient_id).toBe(input.recipientId);
    expect(JSON.stringify(audit)).not.toContain('Sänt två gånger');
  });

  it('refuses the same id with other content (CONFLICT), and bad input with a typed error, changing nothing', async () => {
    const input = report();
    await gql('staff', REPORT, { input });
    const before = await count(`SELECT count(*) AS n FROM deviation`);
    const other = await gql('staff', REPORT, { input: { ...input, description: 'Något annat' } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.clientId' });
    const empty = await gql('staff', REPORT, { input: report({ description: '  ' }) });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.description' });
    const future = await gql('staff', REPORT, { input: report({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }) });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.occurredAt' });
    const elsewhere = await gql('staff', REPORT, { input: report({ recipientId: soderRecipient() }) });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.recipientId' });
    const stranger = await gql('staff', REPORT, { input: report({ recipientId: randomUUID() }) });
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await count(`SELECT count(*) AS n FROM deviation`)).toBe(before);
  });

  it('is open to staff, managers and coordinators, not to admins or anonymous callers', async () => {
    expect((await gql('admin', REPORT, { input: report() })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(REPORT, { input: report() })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql('manager', REPORT, { input: report() })).errors).toBeUndefined();
    expect((await gql('coordinator', REPORT, { input: report({ recipientId: null, unitId: server.seed.unitIds[1] }) })).errors).toBeUndefined();
  });

  it('makes a missförhållande a lex Sarah report whatever was ticked', async () => {
    const res = await gql<{ reportDeviation: { lexSarah: boolean } }>('staff', REPORT, { input: report({ kind: 'MISSFORHALLANDE', lexSarah: false }) });
    expect(res.data?.reportDeviation.lexSarah).toBe(true);
  });
});

describe('who sees an ordinary deviation', () => {
  let id: string;
  beforeAll(async () => {
    id = await reported('staff', { description: 'Vanlig avvikelse i Norr.' });
  });

  it.each([
    ['staff', true],
    ['manager', true],
    ['coordinator', true],
  ] as const)('%s reads its content', async (who, visible) => {
    const res = await gql<{ deviation: View }>(who, ONE, { id });
    expect(res.errors).toBeUndefined();
    expect(res.data?.deviation.contentVisible).toBe(visible);
    expect(res.data?.deviation.description).toBe('Vanlig avvikelse i Norr.');
  });

  it.each([
    ['staff2', 'FORBIDDEN'],
    ['staffSoder', 'FORBIDDEN'],
    ['managerSoder', 'FORBIDDEN'],
    ['admin', 'FORBIDDEN'],
  ] as const)('%s does not (%s), and does not find it listed', async (who, code) => {
    const res = await gql<{ deviation: View }>(who, ONE, { id });
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    if (who !== 'admin') {
      const list = await gql<{ deviations: View[] }>(who, LIST, { f: { first: 500 } });
      expect(list.data?.deviations.map((d) => d.id)).not.toContain(id);
    }
  });

  it('of another municipality is NOT_FOUND', async () => {
    expect((await gql('manager', ONE, { id: randomUUID() })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('audits each read of content, naming the person', async () => {
    const requestId = randomUUID();
    await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${tokens['manager']}` },
      body: JSON.stringify({ query: ONE, variables: { id } }),
    });
    const rows: Array<{ action: string; care_recipient_id: string }> = await server.dataSource.query(
      `SELECT action, care_recipient_id FROM audit_event WHERE request_id = $1 AND entity_type = 'deviation'`,
      [requestId],
    );
    expect(rows).toEqual([{ action: 'read', care_recipient_id: norrRecipient() }]);
  });
});

describe('investigation, actions and deadlines', () => {
  it('goes received → investigated → closed, by the unit’s manager, with a cause analysis and actions', async () => {
    const id = await reported('staff');
    const received = await gql<{ deviation: View }>('manager', ONE, { id });
    expect(received.data?.deviation).toMatchObject({ status: 'RECEIVED' });
    expect(received.data?.deviation.dueOn).toBe(received.data?.deviation.investigateBy);
    const early = await gql('manager', CLOSE, { id });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const noCause = await gql('manager', INVESTIGATE, { id, input: { findings: 'x', causes: [], serious: false } });
    expect(noCause.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.causes' });
    const staff = await gql('staff', INVESTIGATE, { id, input: { findings: 'x', causes: ['ENVIRONMENT'], serious: false } });
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const soder = await gql('managerSoder', INVESTIGATE, { id, input: { findings: 'x', causes: ['ENVIRONMENT'], serious: false } });
    expect(soder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const investigated = await gql<{ investigateDeviation: View }>('manager', INVESTIGATE, {
      id,
      input: { findings: 'Halt golv.', causes: ['ENVIRONMENT', 'EQUIPMENT'], serious: false },
    });
    expect(investigated.data?.investigateDeviation).toMatchObject({ status: 'INVESTIGATED', findings: 'Halt golv.', causes: ['ENVIRONMENT', 'EQUIPMENT'] });
    expect(investigated.data?.investigateDeviation.dueOn).toBe(investigated.data?.investigateDeviation.closeBy);
    expect(investigated.data?.investigateDeviation.ivoNotification).toBeNull();
    const acted = await gql<{ addDeviationAction: View }>('manager', ACTION, { id, input: { what: 'Halkskydd', dueOn: '2030-01-31' } });
    expect(acted.data?.addDeviationAction.actions?.map((a) => a.what)).toEqual(['Halkskydd']);
    const closed = await gql<{ closeDeviation: View }>('manager', CLOSE, { id });
    expect(closed.data?.closeDeviation).toMatchObject({ status: 'CLOSED', dueOn: null });
    const again = await gql('manager', INVESTIGATE, { id, input: { findings: 'x', causes: ['HEALTH'], serious: false } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const steps: Array<{ action: string }> = await server.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'deviation' AND entity_id = $1 AND action NOT IN ('read', 'refused') ORDER BY id`,
      [id],
    );
    expect(steps.map((s) => s.action)).toEqual(['create', 'update', 'update', 'close']);
  });

  it('lists only what is past its deadline with overdue', async () => {
    const id = await reported('staff');
    await server.dataSource.query(`UPDATE deviation SET investigate_by = '2020-01-01', received_at = '2019-12-18' WHERE id = $1`, [id]);
    const res = await gql<{ deviations: Array<View & { overdue: boolean }> }>('manager', LIST, { f: { overdue: true, first: 500 } });
    expect(res.data?.deviations.map((d) => d.id)).toContain(id);
    expect(res.data?.deviations.every((d) => d.overdue)).toBe(true);
  });
});

describe('a lex Sarah report', () => {
  const SECRET = `Hemligt-${randomUUID()}`;
  let id: string;
  beforeAll(async () => {
    id = await reported('staff', { kind: 'MISSFORHALLANDE', lexSarah: true, description: SECRET, immediateAction: `${SECRET}-at-once` });
  });

  it.each(['staff', 'manager'] as const)('%s (its reporter; the unit’s manager outside the group) sees that it exists, never its content', async (who) => {
    const one = await gql<{ deviation: View }>(who, ONE, { id });
    expect(one.errors).toBeUndefined();
    expect(one.data?.deviation).toMatchObject({ id, contentVisible: false, description: null, immediateAction: null, recipientId: null, actions: null });
    const list = await gql<{ deviations: View[] }>(who, LIST, { f: { lexSarah: true, first: 500 } });
    expect(list.data?.deviations.map((d) => d.id)).toContain(id);
    expect(JSON.stringify([one, list])).not.toContain(SECRET);
  });

  it('is not investigated by a manager outside the group', async () => {
    const res = await gql('manager', INVESTIGATE, { id, input: { findings: 'x', causes: ['OTHER'], causeDescription: 'y', serious: false } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res)).not.toContain(SECRET);
    expect(await count(`SELECT count(*) AS n FROM deviation WHERE id = $1 AND status = 'received'`, [id])).toBe(1);
  });

  it('is read and investigated by the designated receiver, and a serious case gets the IVO notification', async () => {
    const one = await gql<{ deviation: View }>('coordinator', ONE, { id });
    expect(one.data?.deviation).toMatchObject({ contentVisible: true, description: SECRET, recipientId: norrRecipient() });
    const res = await gql<{ investigateDeviation: View }>('coordinator', INVESTIGATE, {
      id,
      input: { findings: 'Allvarligt.', causes: ['INFORMATION'], serious: true },
    });
    const ivo = res.data?.investigateDeviation.ivoNotification;
    expect(ivo?.title).toContain('lex Sarah');
    const text = ivo?.sections.map((s) => `${s.heading}\n${s.body}`).join('\n') ?? '';
    expect(text).toContain(SECRET);
    expect(text).toContain('Allvarligt.');
    expect(text).toContain('Hemtjänst Norr');
  });

  it('follows the group: designated, a manager reads it; removed again, she does not; staff cannot be designated', async () => {
    const manager = await userId(DEMO.manager);
    const added = await gql<{ designateLexSarahReceiver: Array<{ userId: string }> }>('admin', DESIGNATE, { u: manager, d: true });
    expect(added.data?.designateLexSarahReceiver.map((r) => r.userId)).toContain(manager);
    expect((await gql<{ deviation: View }>('manager', ONE, { id })).data?.deviation.description).toBe(SECRET);
    await gql('admin', DESIGNATE, { u: manager, d: false });
    expect((await gql<{ deviation: View }>('manager', ONE, { id })).data?.deviation.description).toBeNull();
    const staff = await gql('admin', DESIGNATE, { u: await userId(DEMO.staff), d: true });
    expect(staff.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    expect((await gql('manager', DESIGNATE, { u: manager, d: true })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const audit: Array<{ action: string }> = await server.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'lex_sarah_receiver' AND entity_id = $1 ORDER BY id`,
      [manager],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it.each([
    ['is given the staff role', `mutation($u: UUID!) { assignUserRole(userId: $u, input: { role: STAFF, unitId: "${'{unit}'}" }) { id } }`],
    ['is deactivated', `mutation($u: UUID!) { deactivateUser(userId: $u) { id } }`],
  ])('leaves the group, and reads no lex Sarah content, when a member %s', async (_change, mutation) => {
    const unitId = server.seed.unitIds[0] as string;
    const email = `lexsarah-${randomUUID().slice(0, 8)}@demo.hjulet.se`;
    const created = await gql<{ createUser: { id: string } }>('admin', `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { email, displayName: 'Lex Sarah-mottagare', password: 'hjulet-demo-2026', role: 'UNIT_MANAGER', unitId },
    });
    const member = created.data?.createUser.id as string;
    expect((await gql('admin', DESIGNATE, { u: member, d: true })).errors).toBeUndefined();
    const memberToken = await server.tokenFor(email);
    expect((await server.gql<{ deviation: View }>(ONE, { id }, memberToken)).data?.deviation.description).toBe(SECRET);

    const changed = await gql('admin', mutation.replace('{unit}', unitId), { u: member });
    expect(changed.errors).toBeUndefined();
    const group = await gql<{ lexSarahReceivers: Array<{ userId: string }> }>('admin', `{ lexSarahReceivers { userId } }`);
    expect(group.data?.lexSarahReceivers.map((r) => r.userId)).not.toContain(member);
    expect(await count(`SELECT count(*) AS n FROM lex_sarah_receiver WHERE user_id = $1`, [member])).toBe(0);
    if (mutation.includes('assignUserRole')) {
      const asStaff = await server.gql<{ deviation: View }>(ONE, { id }, await server.tokenFor(email));
      expect(asStaff.data?.deviation.description ?? null).toBeNull();
    }
  });

  it('reaches no audit row’s details', async () => {
    const rows: Array<{ details: unknown }> = await server.dataSource.query(`SELECT details FROM audit_event WHERE entity_id = $1`, [id]);
    expect(rows.length).toBeGreaterThan(1);
    expect(JSON.stringify(rows)).not.toContain(SECRET);
  });
});

describe('the demo data', () => {
  it('has deviations, one of them lex Sarah and serious, and a designated group', async () => {
    expect(await count(`SELECT count(*) AS n FROM deviation WHERE id::text LIKE '5a4a0000-%'`)).toBe(4);
    const list = await gql<{ lexSarahReceivers: Array<{ role: string }> }>('admin', `{ lexSarahReceivers { userId role } }`);
    expect(list.data?.lexSarahReceivers.map((r) => r.role)).toContain('quality_coordinator');
    const demo = await gql<{ deviation: View }>('coordinator', ONE, { id: DEMO_LEX_SARAH_ID });
    expect(demo.data?.deviation.ivoNotification?.sections.length).toBeGreaterThan(5);
  });
});
