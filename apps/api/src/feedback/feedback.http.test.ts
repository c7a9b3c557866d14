import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';

/*
 * Complaints and feedback over HTTP (docs/feedback.md): the public form with its honeypot and its limit
 * per address, staff registration, the scoped list, routing and answering, refusals that change nothing,
 * and the audit rows.
 */

const LIMIT = 3;
let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'loopback', FEEDBACK_ADDRESS_MAX_SUBMISSIONS: String(LIMIT) } });
  for (const [name, email] of Object.entries({
    staff: DEMO.staff,
    manager: DEMO.manager,
    managerSoder: DEMO.managerSoder,
    coordinator: DEMO.coordinator,
    admin: DEMO.admin,
  }))
    tokens[name] = await server.tokenFor(email);
});
afterAll(() => server?.close());

type Answer<T = Record<string, unknown>> = GraphQLResponse<T> & { requestId: string };

/** A GraphQL call from `address` (the server trusts the loopback proxy's header), with its request id. */
async function call<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  opts: { token?: string; address?: string } = {},
): Promise<Answer<T>> {
  const requestId = randomUUID();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': requestId,
      'x-forwarded-for': opts.address ?? randomAddress(),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, requestId, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

let addresses = 0;
/** A client address no other test uses, so the limit of one test does not reach another. */
const randomAddress = () => `10.${Math.floor(++addresses / 250)}.${addresses % 250}.7`;

const SUBMIT = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { caseNumber dueOn } }`;
const REGISTER = `mutation($input: RegisterFeedbackInput!) { registerFeedback(input: $input) { caseNumber dueOn } }`;
const CASES = `query($f: FeedbackCaseFilter) { feedbackCases(filter: $f) { id caseNumber kind channel status unitId message contactName contactEmail contactPhone dueOn overdue findings answer answeredAt } }`;
const ROUTE = `mutation($id: UUID!, $u: UUID!) { routeFeedback(id: $id, unitId: $u) { id status unitId } }`;
const ANSWER = `mutation($id: UUID!, $a: String!, $f: String!) { answerFeedback(id: $id, answer: $a, findings: $f) { id status answer findings overdue answeredAt } }`;

interface CaseView {
  id: string;
  caseNumber: string;
  status: string;
  unitId: string | null;
  overdue: boolean;
  contactEmail: string | null;
}

const unit = (i: number) => server.seed.unitIds[i] as string;
const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code ?? 'ok';
const feedbackCount = async () => Number(((await server.dataSource.query(`SELECT count(*) AS n FROM feedback_case`)) as Array<{ n: string }>)[0]?.n);
const caseRow = async (caseNumber: string) =>
  (
    (await server.dataSource.query(
      `SELECT id, channel, status, unit_id, contact_email, due_on::text AS due_on, received_at FROM feedback_case WHERE case_number = $1`,
      [caseNumber],
    )) as Array<{ id: string; channel: string; status: string; unit_id: string | null; contact_email: string | null; due_on: string }>
  )[0];
const auditOf = (
  requestId: string,
): Promise<Array<{ action: string; entity_type: string; entity_id: string | null; actor_id: string | null; details: Record<string, unknown> }>> =>
  server.dataSource.query(`SELECT action, entity_type, entity_id, actor_id, details FROM audit_event WHERE request_id = $1 ORDER BY id`, [requestId]);

/** A case registered by the admin (about unit `unitIndex`, or none), as its id. */
async function caseAbout(unitIndex: number | null, token = tokens['admin']): Promise<{ id: string; caseNumber: string }> {
  const res = await call<{ registerFeedback: { caseNumber: string } }>(
    REGISTER,
    { input: { kind: 'COMPLAINT', channel: 'PHONE', message: 'Besöket blev inte av', ...(unitIndex === null ? {} : { unitId: unit(unitIndex) }) } },
    { token },
  );
  const caseNumber = res.data?.registerFeedback.caseNumber as string;
  return { id: (await caseRow(caseNumber))?.id as string, caseNumber };
}

describe('the public form', () => {
  it('lists the units of a municipality by kommunkod, id and name only', async () => {
    const res = await call<{ feedbackUnits: Array<{ id: string; name: string }> }>(`query { feedbackUnits(municipality: "0581") { id name } }`, {});
    expect(res.data?.feedbackUnits.map((u) => u.id).sort()).toEqual([...server.seed.unitIds].sort());
    expect(codeOf(await call(`query { feedbackUnits(municipality: "0000") { id } }`, {}))).toBe('NOT_FOUND');
  });

  it('gives a case number readable on the phone and stores the case, with a 14-day deadline', async () => {
    const res = await call<{ submitFeedback: { caseNumber: string; dueOn: string } }>(SUBMIT, {
      input: { kind: 'COMPLAINT', municipality: '0581', unitId: unit(0), message: '  Ingen kom på tisdagen  ', contactEmail: 'anna@example.se' },
    });
    const receipt = res.data?.submitFeedback;
    expect(receipt?.caseNumber).toMatch(/^SYN-\d{4}-\d{5}$/);
    const row = await caseRow(receipt?.caseNumber as string);
    expect(row).toMatchObject({ channel: 'web', status: 'received', unit_id: unit(0), contact_email: 'anna@example.se', due_on: receipt?.dueOn });
    const received = new Date();
    const due = new Date(`${receipt?.dueOn}T12:00:00Z`).getTime() - received.getTime();
    expect(Math.round(due / 86_400_000)).toBeGreaterThanOrEqual(13);
    expect(Math.round(due / 86_400_000)).toBeLessThanOrEqual(15);
    // The write is audited, without the sender's contact details.
    const audit = await auditOf(res.requestId);
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entity_type: 'feedback_case', entity_id: row?.id, actor_id: null })]);
    expect(JSON.stringify(audit)).not.toContain('anna@example.se');
  });

  it('numbers cases one after the other, per municipality and year, without contact details', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call<{ submitFeedback: { caseNumber: string } }>(SUBMIT, { input: { kind: 'PRAISE', municipality: '0581', message: `Tack ${i}` } });
      numbers.push(res.data?.submitFeedback.caseNumber as string);
    }
    const sequences = numbers.map((n) => Number(n.slice(-5)));
    expect(sequences[1]).toBe((sequences[0] as number) + 1);
    expect(sequences[2]).toBe((sequences[0] as number) + 2);
    expect(await caseRow(numbers[0] as string)).toMatchObject({ unit_id: null, contact_email: null });
  });

  it('gives submissions sent at once distinct numbers with no gap', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call<{ submitFeedback: { caseNumber: string } }>(SUBMIT, { input: { kind: 'SUGGESTION', municipality: '0581', message: `Samtidigt ${i}` } }),
      ),
    );
    const sequences = answers.map((a) => Number(a.data?.submitFeedback.caseNumber.slice(-5))).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(8);
    expect((sequences[7] as number) - (sequences[0] as number)).toBe(7);
  });

  it('answers a filled honeypot like a success, with a number that matches nothing, and stores nothing', async () => {
    const before = await server.tableCounts();
    const res = await call<{ submitFeedback: { caseNumber: string; dueOn: string } }>(SUBMIT, {
      input: { kind: 'OTHER', municipality: '0581', message: 'Köp billiga klockor', website: 'http://spam.example' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitFeedback.caseNumber).toMatch(/^SYN-\d{4}-9\d{4}$/);
    expect(await caseRow(res.data?.submitFeedback.caseNumber as string)).toBeUndefined();
    expect(await server.tableCounts()).toEqual(before);
    expect(await auditOf(res.requestId)).toEqual([]);
  });

  it(`refuses the ${LIMIT + 1}th submission from one address with when to retry, and not one from another address`, async () => {
    const address = '192.0.2.44';
    const input = { kind: 'SUGGESTION', municipality: '0581', message: 'Mer kaffe' };
    for (let i = 0; i < LIMIT; i++) expect(codeOf(await call(SUBMIT, { input }, { address }))).toBe('ok');
    const before = await feedbackCount();
    const refused = await call(SUBMIT, { input }, { address });
    expect(codeOf(refused)).toBe('TOO_MANY_ATTEMPTS');
    expect((refused.errors?.[0]?.extensions as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(await feedbackCount()).toBe(before);
    expect(codeOf(await call(SUBMIT, { input }, { address: '192.0.2.45' }))).toBe('ok');
  });
});

describe('bad input', () => {
  const cases: Array<[string, string, Record<string, unknown>, string, string | null, string?]> = [
    ['an empty message', SUBMIT, { input: { kind: 'COMPLAINT', municipality: '0581', message: '   ' } }, 'BAD_USER_INPUT', 'input.message'],
    [
      'a message over 4000 characters',
      SUBMIT,
      { input: { kind: 'COMPLAINT', municipality: '0581', message: 'x'.repeat(4001) } },
      'BAD_USER_INPUT',
      'input.message',
    ],
    [
      'an email that is none',
      SUBMIT,
      { input: { kind: 'COMPLAINT', municipality: '0581', message: 'Hej', contactEmail: 'nej' } },
      'BAD_USER_INPUT',
      'input.contactEmail',
    ],
    [
      'a phone number that is none',
      SUBMIT,
      { input: { kind: 'COMPLAINT', municipality: '0581', message: 'Hej', contactPhone: 'ring' } },
      'BAD_USER_INPUT',
      'input.contactPhone',
    ],
    [
      'a name over 200 characters',
      SUBMIT,
      { input: { kind: 'COMPLAINT', municipality: '0581', message: 'Hej', contactName: 'n'.repeat(201) } },
      'BAD_USER_INPUT',
      'input.contactName',
    ],
    [
      'a municipality that is no kommunkod',
      SUBMIT,
      { input: { kind: 'COMPLAINT', municipality: '581', message: 'Hej' } },
      'BAD_USER_INPUT',
      'input.municipality',
    ],
    ['an unknown municipality', SUBMIT, { input: { kind: 'COMPLAINT', municipality: '0000', message: 'Hej' } }, 'NOT_FOUND', 'input.municipality'],
    ['an unknown unit', SUBMIT, { input: { kind: 'COMPLAINT', municipality: '0581', unitId: randomUUID(), message: 'Hej' } }, 'NOT_FOUND', 'input.unitId'],
    ['an unknown kind', SUBMIT, { input: { kind: 'RANT', municipality: '0581', message: 'Hej' } }, 'BAD_USER_INPUT', null],
    [
      'a register through the web channel',
      REGISTER,
      { input: { kind: 'PRAISE', channel: 'WEB', message: 'Tack' } },
      'BAD_USER_INPUT',
      'input.channel',
      'staff',
    ],
    ['a register with no message', REGISTER, { input: { kind: 'PRAISE', channel: 'PHONE', message: '' } }, 'BAD_USER_INPUT', 'input.message', 'staff'],
    ['a list page over 500', CASES, { f: { first: 501 } }, 'BAD_USER_INPUT', 'filter.first', 'admin'],
  ];
  for (const [what, document, variables, code, field, as] of cases) {
    it(`answers ${what} with ${code}${field ? ` on ${field}` : ''} and changes nothing`, async () => {
      const before = await server.tableCounts();
      const res = await call(document, variables, { token: as ? tokens[as] : undefined });
      expect(res.status).toBeLessThan(500);
      expect(res.errors?.[0]?.extensions?.code, res.errors?.[0]?.message).toBe(code);
      if (field) expect(res.errors?.[0]?.extensions?.field).toBe(field);
      expect(await server.tableCounts()).toEqual(before);
    });
  }

  it('refuses an answer without findings, and routing to an unknown unit, leaving the case as it was', async () => {
    const { id, caseNumber } = await caseAbout(null);
    const before = await server.tableCounts();
    const noFindings = await call(ANSWER, { id, a: 'Svar', f: ' ' }, { token: tokens['coordinator'] });
    expect(noFindings.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'findings' });
    expect(codeOf(await call(ROUTE, { id, u: randomUUID() }, { token: tokens['coordinator'] }))).toBe('NOT_FOUND');
    expect(await server.tableCounts()).toEqual(before);
    expect(await caseRow(caseNumber)).toMatchObject({ status: 'received', unit_id: null });
  });
});

describe('cases for staff', () => {
  it('registers feedback received by phone with the same case numbers', async () => {
    const res = await call<{ registerFeedback: { caseNumber: string } }>(
      REGISTER,
      { input: { kind: 'COMPLAINT', channel: 'PHONE', unitId: unit(0), message: 'Anhörig ringde: maten var kall', contactPhone: '070-123 45 67' } },
      { token: tokens['staff'] },
    );
    const caseNumber = res.data?.registerFeedback.caseNumber as string;
    expect(caseNumber).toMatch(/^SYN-\d{4}-\d{5}$/);
    expect(await caseRow(caseNumber)).toMatchObject({ channel: 'phone', status: 'received', unit_id: unit(0) });
    expect(await auditOf(res.requestId)).toEqual([expect.objectContaining({ action: 'create', entity_type: 'feedback_case' })]);
  });

  it('lists to each role exactly the cases of its scope; cases without a unit to coordinators and admins only', async () => {
    for (const i of [0, 1, 3, null]) await caseAbout(i);
    const unitsSeen = async (token: string | undefined) => {
      const res = await call<{ feedbackCases: CaseView[] }>(CASES, { f: { first: 500 } }, { token });
      return new Set((res.data?.feedbackCases ?? []).map((c) => c.unitId));
    };
    expect([...(await unitsSeen(tokens['staff']))]).toEqual([unit(0)]);
    expect([...(await unitsSeen(tokens['manager']))]).toEqual([unit(0)]);
    expect([...(await unitsSeen(tokens['managerSoder']))]).toEqual([unit(1)]);
    const coordinator = await unitsSeen(tokens['coordinator']);
    expect(coordinator).toContain(null);
    expect(coordinator).toContain(unit(0));
    expect(coordinator).toContain(unit(1));
    expect(coordinator).not.toContain(unit(3));
    const admin = await unitsSeen(tokens['admin']);
    for (const u of [null, unit(0), unit(1), unit(3)]) expect(admin).toContain(u);
    // A unit manager asking for another unit's cases gets none.
    const other = await call<{ feedbackCases: CaseView[] }>(CASES, { f: { unitId: unit(1) } }, { token: tokens['manager'] });
    expect(other.data?.feedbackCases).toEqual([]);
  });

  it('audits every case a list shows', async () => {
    const res = await call<{ feedbackCases: CaseView[] }>(CASES, { f: { unitId: unit(0) } }, { token: tokens['manager'] });
    const shown = (res.data?.feedbackCases ?? []).map((c) => c.id).sort();
    expect(shown.length).toBeGreaterThan(0);
    const audit = await auditOf(res.requestId);
    expect(audit.every((a) => a.action === 'read' && a.entity_type === 'feedback_case')).toBe(true);
    expect(audit.map((a) => a.entity_id).sort()).toEqual(shown);
  });

  it('routes a case to a unit (INVESTIGATING), is answered by that unit’s manager (ANSWERED), and is overdue until then', async () => {
    const { id, caseNumber } = await caseAbout(null);
    // Received three weeks ago: its deadline has passed.
    await server.dataSource.query(`UPDATE feedback_case SET received_at = now() - interval '21 days', due_on = current_date - 7 WHERE id = $1`, [id]);
    const overdue = await call<{ feedbackCases: CaseView[] }>(CASES, { f: { overdue: true } }, { token: tokens['coordinator'] });
    expect(overdue.data?.feedbackCases.find((c) => c.id === id)).toMatchObject({ status: 'RECEIVED', overdue: true });

    expect(codeOf(await call(ROUTE, { id, u: unit(3) }, { token: tokens['coordinator'] }))).toBe('FORBIDDEN');
    const routed = await call<{ routeFeedback: CaseView }>(ROUTE, { id, u: unit(0) }, { token: tokens['coordinator'] });
    expect(routed.data?.routeFeedback).toMatchObject({ status: 'INVESTIGATING', unitId: unit(0) });
    expect((await auditOf(routed.requestId)).map((a) => a.action)).toEqual(['update', 'read']);

    expect(codeOf(await call(ANSWER, { id, a: 'Svar', f: 'Fynd' }, { token: tokens['managerSoder'] }))).toBe('FORBIDDEN');
    const answered = await call<{ answerFeedback: { status: string; overdue: boolean; findings: string; answeredAt: string } }>(
      ANSWER,
      { id, a: 'Vi har pratat med personalen och ändrat rutinen.', f: 'Besöket glömdes vid ett schemabyte.' },
      { token: tokens['manager'] },
    );
    expect(answered.data?.answerFeedback).toMatchObject({ status: 'ANSWERED', overdue: false, findings: 'Besöket glömdes vid ett schemabyte.' });
    expect((await auditOf(answered.requestId)).map((a) => a.action)).toEqual(['close', 'read']);
    expect(await caseRow(caseNumber)).toMatchObject({ status: 'answered' });

    const before = await server.tableCounts();
    expect(codeOf(await call(ANSWER, { id, a: 'Igen', f: 'Igen' }, { token: tokens['admin'] }))).toBe('CONFLICT');
    expect(codeOf(await call(ROUTE, { id, u: unit(1) }, { token: tokens['admin'] }))).toBe('CONFLICT');
    expect(await server.tableCounts()).toEqual(before);
  });

  it('keeps a case without a unit from unit managers', async () => {
    const { id } = await caseAbout(null);
    expect(codeOf(await call(ANSWER, { id, a: 'Svar', f: 'Fynd' }, { token: tokens['manager'] }))).toBe('FORBIDDEN');
  });
});
