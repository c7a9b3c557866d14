import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionClosure, medianDaysToClose } from '@hjulet/domain';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { auditRowsOf } from '../../test/support/audit-rows.js';
import { createServices } from '../services.js';
import { loadConfig } from '../shared/config.js';
import { principalOf } from '../auth/auth.service.js';
import { User } from '../users/user.entity.js';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';

/*
 * The indicators checked by hand. A small administration of its own ("Handräknad", units A, B and C), so the
 * demo data stays out of the coordinator's numbers; every expected value below is worked out in the comment
 * beside it from this data set, not from the code. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 *
 * Recipients (all active, in ordinary housing, registered 2024-01-01, unless noted):
 *   R1  unit A, area N, rented flat. 2025-02-10 completed: alarm_present (brand), trip_hazards (fall).
 *       2025-02-20 completed again (a repeat): trip_hazards only.
 *   R2  unit A, area N, house. 2025-03-05 declined.
 *   R3  unit A, area S, owned flat. Reviewed 2024-11-10 only (completed, no risk): not offered in 2025.
 *   R4  now unit B, area S, rented flat; MOVED from A after 2025-04-01. 2024-04-01 completed in A: electrical (el),
 *       candles (brand). 2025-04-01 completed in A: electrical.
 *   R5  unit B, area S, rented flat. 2025-06-01 completed, no risk.
 *   R6  unit B, area N, other. 2025-07-01 offered, nothing since.
 *   R7  unit C, area N, rented flat. Never reviewed (the unit with no reviews).
 *   R8  unit B, NOT in ordinary housing. Never reviewed: not due a review.
 * Actions:
 *   a1  R1 2025-02-10 alarm_present, due 2025-03-01, done 2025-02-25 10:00 (on time; 15.0 days after found).
 *   a2  R1 2025-02-10 trip_hazards, due 2025-03-15, done 2025-03-20 10:00 (late; 38.0 days after found).
 *   a3  R4 2025-04-01 electrical (unit A), due 2025-05-01, still open (overdue).
 *   a5  R4 2024-04-01 candles, due 2025-01-15, not needed (closed 2025-01-10).
 *   The repeat's trip_hazards has no action.
 */

interface Row {
  indicator: string;
  category: string | null;
  period: string;
  unitId: string | null;
  unitName: string | null;
  areaId: string | null;
  housingType: string | null;
  numerator: number | null;
  denominator: number;
  value: number | null;
}

const ROW = 'indicator category period unitId unitName areaId housingType numerator denominator value';
const INDICATORS = `query Indicators($period: PeriodInput!, $groupBy: [IndicatorGrouping!], $filter: IndicatorFilter) {
  indicators(period: $period, groupBy: $groupBy, filter: $filter) { ${ROW} } }`;
const BACKLOG = `query Backlog($groupBy: [IndicatorGrouping!], $filter: IndicatorFilter) { actionBacklog(groupBy: $groupBy, filter: $filter) { unitId open overdue } }`;
const WORK_LIST = `query WorkList($period: String!, $filter: IndicatorFilter) { coverageWorkList(period: $period, filter: $filter) { recipient { id reference } unitName lastOfferedAt } }`;

let server: TestServer;
const unit = { A: '', B: '', C: '' };
const area = { N: '', S: '' };
const r: Record<string, string> = {};
const token = { coordinator: '', managerA: '', managerB: '' };
let templateVersionId = '';
let staffId = '';

const HAND_EMAILS = { coordinator: 'kvalitet.hand@demo.hjulet.se', managerA: 'chef.a.hand@demo.hjulet.se', managerB: 'chef.b.hand@demo.hjulet.se' };

async function insertRecipient(key: string, unitId: string, areaId: string, housing: string, ordinary = true) {
  const id = randomUUID();
  await server.dataSource.query(
    `INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type, ordinary_housing, active, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true, '2024-01-01T00:00:00Z')`,
    [id, server.seed.municipalityId, `HAND-${key}`, unitId, areaId, housing, ordinary],
  );
  r[key] = id;
}

const CATEGORY: Record<string, string> = { alarm_present: 'brand', trip_hazards: 'fall', electrical: 'el', candles: 'brand' };

/** A review at `at` (UTC), offered and performed at the same instant; returns its id and its risks' ids by item. */
async function insertReview(recipient: string, unitId: string, areaId: string, status: string, at: string, risks: string[] = []) {
  const id = randomUUID();
  await server.dataSource.query(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, performed_by, offered_at, performed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      randomUUID(),
      recipient,
      unitId,
      areaId,
      templateVersionId,
      status,
      status === 'declined' ? 'Vill inte' : null,
      staffId,
      at,
      status === 'offered' ? null : at,
    ],
  );
  const riskIds: Record<string, string> = {};
  for (const item of risks) {
    riskIds[item] = randomUUID();
    await server.dataSource.query(
      `INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at) VALUES ($1, $2, $3, $4, 'high', true, $5)`,
      [riskIds[item], id, item, CATEGORY[item], at],
    );
  }
  return { id, riskIds };
}

async function insertAction(review: string, risk: string, unitId: string, due: string, status: string, closedAt: string | null) {
  await server.dataSource.query(
    `INSERT INTO follow_up_action (id, client_id, review_id, risk_id, unit_id, what, actor, due_date, status, closed_by, closed_at, created_by)
     VALUES ($1, $2, $3, $4, $5, 'Åtgärd', 'resident', $6, $7, $8, $9, $10)`,
    [randomUUID(), randomUUID(), review, risk, unitId, due, status, status === 'open' ? null : staffId, closedAt, staffId],
  );
}

beforeAll(async () => {
  server = await startTestServer();
  templateVersionId = server.seed.templateVersionId;
  const services = createServices(server.dataSource, loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }));
  const admin = await server.dataSource.manager.findOneByOrFail(User, { email: 'admin@demo.hjulet.se' });
  const asAdmin = { principal: principalOf(admin), requestId: 'hand-setup' };
  const administration = await services.organisation.createAdministration(asAdmin, 'Handräknad förvaltning');
  unit.A = (await services.organisation.createUnit(asAdmin, administration.id, 'Hand A')).id;
  unit.B = (await services.organisation.createUnit(asAdmin, administration.id, 'Hand B')).id;
  unit.C = (await services.organisation.createUnit(asAdmin, administration.id, 'Hand C')).id;
  [area.N, area.S] = server.seed.areaIds as [string, string];
  await services.users.create(asAdmin, {
    role: 'quality_coordinator',
    email: HAND_EMAILS.coordinator,
    displayName: 'Hand Kvalitet',
    password: DEMO_PASSWORD,
    administrationId: administration.id,
  });
  await services.users.create(asAdmin, {
    role: 'unit_manager',
    email: HAND_EMAILS.managerA,
    displayName: 'Hand Chef A',
    password: DEMO_PASSWORD,
    unitId: unit.A,
  });
  await services.users.create(asAdmin, {
    role: 'unit_manager',
    email: HAND_EMAILS.managerB,
    displayName: 'Hand Chef B',
    password: DEMO_PASSWORD,
    unitId: unit.B,
  });
  staffId = (
    await services.users.create(asAdmin, {
      role: 'staff',
      email: 'personal.hand@demo.hjulet.se',
      displayName: 'Hand Personal',
      password: DEMO_PASSWORD,
      unitId: unit.A,
    })
  ).id;

  await insertRecipient('R1', unit.A, area.N, 'rented_flat');
  await insertRecipient('R2', unit.A, area.N, 'house');
  await insertRecipient('R3', unit.A, area.S, 'owned_flat');
  await insertRecipient('R4', unit.A, area.S, 'rented_flat');
  await insertRecipient('R5', unit.B, area.S, 'rented_flat');
  await insertRecipient('R6', unit.B, area.N, 'other');
  await insertRecipient('R7', unit.C, area.N, 'rented_flat');
  await insertRecipient('R8', unit.B, area.N, 'rented_flat', false);

  const r1a = await insertReview(r.R1 as string, unit.A, area.N, 'completed', '2025-02-10T10:00:00Z', ['alarm_present', 'trip_hazards']);
  await insertReview(r.R1 as string, unit.A, area.N, 'completed', '2025-02-20T10:00:00Z', ['trip_hazards']);
  await insertReview(r.R2 as string, unit.A, area.N, 'declined', '2025-03-05T10:00:00Z');
  await insertReview(r.R3 as string, unit.A, area.S, 'completed', '2024-11-10T10:00:00Z');
  const r4old = await insertReview(r.R4 as string, unit.A, area.S, 'completed', '2024-04-01T10:00:00Z', ['electrical', 'candles']);
  const r4 = await insertReview(r.R4 as string, unit.A, area.S, 'completed', '2025-04-01T10:00:00Z', ['electrical']);
  await insertReview(r.R5 as string, unit.B, area.S, 'completed', '2025-06-01T10:00:00Z');
  await insertReview(r.R6 as string, unit.B, area.N, 'offered', '2025-07-01T10:00:00Z');
  // R4 moves to unit B after the review.
  await server.dataSource.query(`UPDATE care_recipient SET unit_id = $1 WHERE id = $2`, [unit.B, r.R4]);

  await insertAction(r1a.id, r1a.riskIds['alarm_present'] as string, unit.A, '2025-03-01', 'done', '2025-02-25T10:00:00Z');
  await insertAction(r1a.id, r1a.riskIds['trip_hazards'] as string, unit.A, '2025-03-15', 'done', '2025-03-20T10:00:00Z');
  await insertAction(r4.id, r4.riskIds['electrical'] as string, unit.A, '2025-05-01', 'open', null);
  await insertAction(r4old.id, r4old.riskIds['candles'] as string, unit.A, '2025-01-15', 'not_needed', '2025-01-10T10:00:00Z');

  for (const who of Object.keys(token) as Array<keyof typeof token>) token[who] = await server.tokenFor(HAND_EMAILS[who]);
});
afterAll(() => server?.close());

async function indicators(who: keyof typeof token, variables: Record<string, unknown>): Promise<Row[]> {
  const res = await server.gql<{ indicators: Row[] }>(INDICATORS, variables, token[who]);
  expect(res.errors).toBeUndefined();
  return res.data?.indicators ?? [];
}

const pick = (rows: Row[], indicator: string, where: Partial<Row> = {}) => {
  const found = rows.filter((row) => row.indicator === indicator.toUpperCase() && Object.entries(where).every(([k, v]) => row[k as keyof Row] === v));
  expect(found, `${indicator} ${JSON.stringify(where)}`).toHaveLength(1);
  return found[0] as Row;
};
const fraction = (row: Row) => [row.numerator, row.denominator];

describe('indicators of the hand-made administration, 2025, worked out by hand', () => {
  it('the whole administration (coordinator)', async () => {
    const rows = await indicators('coordinator', { period: { from: '2025' } });
    const all = { category: null, period: '2025', unitId: null };
    // Coverage: due R1–R7 (R8 is not in ordinary housing) = 7; offered in 2025: R1 (twice, counted once), R2 (declined),
    // R4, R5, R6 (offered only) = 5. R3 and R7 were not.
    expect(fraction(pick(rows, 'coverage', all))).toEqual([5, 7]);
    expect(pick(rows, 'coverage', all).value).toBeCloseTo(5 / 7, 10);
    // Acceptance: recipients offered R1, R2, R4, R5, R6 = 5; completed R1, R4, R5 = 3.
    expect(fraction(pick(rows, 'acceptance', all))).toEqual([3, 5]);
    // Risk prevalence: recipients with a completed review R1, R4, R5 = 3. Any risk: R1, R4. brand: R1 (alarm_present);
    // fall: R1 (trip_hazards, in both reviews, counted once); el: R4.
    expect(fraction(pick(rows, 'risk_prevalence', all))).toEqual([2, 3]);
    expect(fraction(pick(rows, 'risk_prevalence', { ...all, category: 'brand' }))).toEqual([1, 3]);
    expect(fraction(pick(rows, 'risk_prevalence', { ...all, category: 'fall' }))).toEqual([1, 3]);
    expect(fraction(pick(rows, 'risk_prevalence', { ...all, category: 'el' }))).toEqual([1, 3]);
    // Risks with an action: risks found in 2025: R1 alarm_present (a1), R1 trip_hazards (a2), the repeat's trip_hazards
    // (none), R4 electrical (a3) = 3 of 4; brand 1/1, fall 1/2, el 1/1.
    expect(fraction(pick(rows, 'risks_with_action', all))).toEqual([3, 4]);
    expect(fraction(pick(rows, 'risks_with_action', { ...all, category: 'fall' }))).toEqual([1, 2]);
    expect(fraction(pick(rows, 'risks_with_action', { ...all, category: 'brand' }))).toEqual([1, 1]);
    // Action closure: due in 2025 and due or done by now: a1 (on time), a2 (late), a3 (open, overdue); a5 not needed
    // is left out = 1 of 3.
    expect(fraction(pick(rows, 'action_closure', all))).toEqual([1, 3]);
    // Median days from risk to done action, over actions done in 2025: a1 15.0, a2 38.0 → 26.5, from 2 actions.
    const median = pick(rows, 'median_days_to_close', all);
    expect([median.numerator, median.denominator, median.value]).toEqual([null, 2, 26.5]);
    // Risks resolved by the next review (completed reviews in 2025 that have an earlier one): R1's repeat follows
    // 2025-02-10 (alarm_present gone, trip_hazards still there); R4's 2025-04-01 follows 2024-04-01 (candles gone,
    // electrical still there) = 2 of 4; brand 2/2, fall 0/1, el 0/1.
    expect(fraction(pick(rows, 'risks_resolved_by_next_review', all))).toEqual([2, 4]);
    expect(fraction(pick(rows, 'risks_resolved_by_next_review', { ...all, category: 'brand' }))).toEqual([2, 2]);
    expect(fraction(pick(rows, 'risks_resolved_by_next_review', { ...all, category: 'fall' }))).toEqual([0, 1]);
  });

  it('agrees with the domain functions where they exist (action closure, median)', async () => {
    const rows = await indicators('coordinator', { period: { from: '2025' } });
    const asOf = new Date().toISOString().slice(0, 10);
    const closure = actionClosure(
      [
        { dueDate: '2025-03-01', status: 'done', closedAt: '2025-02-25T10:00:00Z' },
        { dueDate: '2025-03-15', status: 'done', closedAt: '2025-03-20T10:00:00Z' },
        { dueDate: '2025-05-01', status: 'open', closedAt: null },
        { dueDate: '2025-01-15', status: 'not_needed', closedAt: '2025-01-10T10:00:00Z' },
      ],
      asOf,
    );
    expect(fraction(pick(rows, 'action_closure', { unitId: null }))).toEqual([closure.numerator, closure.denominator]);
    const median = medianDaysToClose([
      { foundAt: '2025-02-10T10:00:00Z', closedAt: '2025-02-25T10:00:00Z' },
      { foundAt: '2025-02-10T10:00:00Z', closedAt: '2025-03-20T10:00:00Z' },
    ]);
    expect(pick(rows, 'median_days_to_close', { unitId: null }).value).toBe(median);
  });

  it('by unit: a moved recipient counts for coverage where they are now, for reviews where the review was made', async () => {
    const rows = await indicators('coordinator', { period: { from: '2025' }, groupBy: ['UNIT'] });
    // Coverage by the unit now: A has R1, R2, R3 → R1, R2 offered = 2/3; B has R4 (moved in), R5, R6 → all offered = 3/3
    // (R4 was offered by unit A); C has R7 → 0/1 (the unit with no reviews).
    expect(fraction(pick(rows, 'coverage', { unitId: unit.A }))).toEqual([2, 3]);
    expect(fraction(pick(rows, 'coverage', { unitId: unit.B }))).toEqual([3, 3]);
    expect(fraction(pick(rows, 'coverage', { unitId: unit.C }))).toEqual([0, 1]);
    expect(pick(rows, 'coverage', { unitId: unit.C }).value).toBe(0);
    // Acceptance by the review's unit: A offered R1, R2, R4 → completed R1, R4 = 2/3; B offered R5, R6 → R5 = 1/2.
    // C offered nobody: no acceptance row (nothing to divide), rather than 0 %.
    expect(fraction(pick(rows, 'acceptance', { unitId: unit.A }))).toEqual([2, 3]);
    expect(fraction(pick(rows, 'acceptance', { unitId: unit.B }))).toEqual([1, 2]);
    expect(rows.filter((row) => row.indicator === 'ACCEPTANCE' && row.unitId === unit.C)).toEqual([]);
    // Prevalence in A: completed R1, R4 → any risk 2/2, el 1/2; in B: R5 → any 0/1, el 0/1.
    expect(fraction(pick(rows, 'risk_prevalence', { unitId: unit.A, category: null }))).toEqual([2, 2]);
    expect(fraction(pick(rows, 'risk_prevalence', { unitId: unit.A, category: 'el' }))).toEqual([1, 2]);
    expect(fraction(pick(rows, 'risk_prevalence', { unitId: unit.B, category: 'el' }))).toEqual([0, 1]);
    // Every action was agreed in unit A: closure 1/3 there, none in B.
    expect(fraction(pick(rows, 'action_closure', { unitId: unit.A }))).toEqual([1, 3]);
    expect(rows.filter((row) => row.indicator === 'ACTION_CLOSURE' && row.unitId === unit.B)).toEqual([]);
  });

  it('by month: a repeat review in the same month counts once in coverage', async () => {
    const rows = await indicators('coordinator', { period: { from: '2025-01', to: '2025-12', grain: 'MONTH' }, filter: { indicators: ['COVERAGE'] } });
    // February: R1 offered twice → 1 of the 7 due. March: R2 → 1/7. May: nobody → 0/7. Twelve months, one row each.
    expect(rows).toHaveLength(12);
    expect(fraction(pick(rows, 'coverage', { period: '2025-02' }))).toEqual([1, 7]);
    expect(fraction(pick(rows, 'coverage', { period: '2025-03' }))).toEqual([1, 7]);
    expect(fraction(pick(rows, 'coverage', { period: '2025-05' }))).toEqual([0, 7]);
    expect(new Set(rows.map((row) => row.indicator))).toEqual(new Set(['COVERAGE']));
  });

  it('by quarter: each quarter counts a recipient once, as its months do', async () => {
    const rows = await indicators('coordinator', { period: { from: '2025-01', to: '2025-12', grain: 'QUARTER' }, filter: { indicators: ['COVERAGE'] } });
    // Q1: R1 (February, twice) and R2 (March) → 2 of the 7 due. Four quarters, one row each.
    expect(rows.map((row) => row.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(fraction(pick(rows, 'coverage', { period: '2025-Q1' }))).toEqual([2, 7]);
  });

  it('by area and housing type', async () => {
    const rows = await indicators('coordinator', { period: { from: '2025' }, groupBy: ['AREA', 'HOUSING_TYPE'], filter: { indicators: ['COVERAGE'] } });
    // Due in area S, rented flat: R4, R5 → both offered = 2/2. Area S, owned flat: R3 → 0/1. Area N, rented flat: R1, R7 → 1/2.
    expect(fraction(pick(rows, 'coverage', { areaId: area.S, housingType: 'RENTED_FLAT' }))).toEqual([2, 2]);
    expect(fraction(pick(rows, 'coverage', { areaId: area.S, housingType: 'OWNED_FLAT' }))).toEqual([0, 1]);
    expect(fraction(pick(rows, 'coverage', { areaId: area.N, housingType: 'RENTED_FLAT' }))).toEqual([1, 2]);
  });

  it('open and overdue actions now', async () => {
    const res = await server.gql<{ actionBacklog: Array<{ unitId: string | null; open: number; overdue: number }> }>(
      BACKLOG,
      { groupBy: ['UNIT'] },
      token.coordinator,
    );
    // Only a3 is open, agreed in unit A, due 2025-05-01: overdue.
    expect(res.data?.actionBacklog).toEqual([{ unitId: unit.A, open: 1, overdue: 1 }]);
  });
});

describe('scope: a unit manager sees their unit only', () => {
  it("manager A gets A's numbers, never B's, even when asking for B", async () => {
    const own = await indicators('managerA', { period: { from: '2025' }, groupBy: ['UNIT'] });
    expect(new Set(own.map((row) => row.unitId))).toEqual(new Set([unit.A]));
    // Ungrouped, the total is A's: coverage 2/3 (not the administration's 5/7).
    const total = await indicators('managerA', { period: { from: '2025' } });
    expect(fraction(pick(total, 'coverage', { unitId: null }))).toEqual([2, 3]);
    expect(await indicators('managerA', { period: { from: '2025' }, filter: { unitIds: [unit.B] } })).toEqual([]);
    const backlogB = await server.gql<{ actionBacklog: unknown[] }>(BACKLOG, {}, token.managerB);
    expect(backlogB.data?.actionBacklog).toEqual([]);
  });

  it('the work list holds the people of the reader’s scope not offered a review, and each read is audited', async () => {
    const requestId = `worklist-${randomUUID()}`;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${token.managerA}` },
      body: JSON.stringify({ query: WORK_LIST, variables: { period: '2025' } }),
    });
    const body = (await response.json()) as {
      data: { coverageWorkList: Array<{ recipient: { id: string; reference: string }; lastOfferedAt: string | null }> };
    };
    // Unit A's due recipients R1, R2, R3: only R3 was not offered in 2025 (last offered 2024-11-10).
    expect(body.data.coverageWorkList.map((e) => e.recipient.reference)).toEqual(['HAND-R3']);
    expect(body.data.coverageWorkList[0]?.lastOfferedAt).toBe('2024-11-10T10:00:00.000Z');
    const rows = await auditRowsOf(server, requestId);
    expect(rows.map((row) => [row.action, row.care_recipient_id])).toEqual([['read', r.R3]]);

    const coordinator = await server.gql<typeof body.data>(WORK_LIST, { period: '2025' }, token.coordinator);
    // The administration's shortfall is coverage's: 7 due − 5 offered = R3 and R7 (R7 never reviewed, listed first).
    expect(coordinator.data?.coverageWorkList.map((e) => e.recipient.reference)).toEqual(['HAND-R7', 'HAND-R3']);
    const managerB = await server.gql<typeof body.data>(WORK_LIST, { period: '2025' }, token.managerB);
    expect(managerB.data?.coverageWorkList).toEqual([]);
  });

  it('the work list comes a page at a time, longest waiting first, and refuses a page size out of range with nothing read', async () => {
    const PAGE = `query WorkListPage($period: String!, $first: Int) { coverageWorkList(period: $period, first: $first) { recipient { reference } } }`;
    const page = await server.gql<{ coverageWorkList: Array<{ recipient: { reference: string } }> }>(PAGE, { period: '2025', first: 1 }, token.coordinator);
    expect(page.data?.coverageWorkList.map((e) => e.recipient.reference)).toEqual(['HAND-R7']);
    for (const first of [0, -1, 1001]) {
      const requestId = `worklist-first-${randomUUID()}`;
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${token.coordinator}` },
        body: JSON.stringify({ query: PAGE, variables: { period: '2025', first } }),
      });
      const body = (await response.json()) as { data: unknown; errors?: Array<{ extensions?: { code?: string; field?: string } }> };
      expect(response.status).toBe(200);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(await auditRowsOf(server, requestId)).toEqual([]);
    }
  });

  it("the quality report's counts, asked for by name, come from the same risks and pairs of reviews", async () => {
    // 2025, units A, B and C, one period. Risks found: R1 02-10 alarm_present (brand, a1 done) and trip_hazards
    // (fall, a2 done); the repeat's trip_hazards (fall, no action); R4 04-01 electrical (el, a3 open) → with an
    // action done: brand 1/1, fall 1/2, el 0/1, all 2/4. Later reviews with a previous one: the repeat (trip_hazards,
    // which R1's 02-10 had) and R4's 04-01 (electrical, which 2024-04-01 had) → new: fall 0/1, el 0/1, all 0/2.
    // Asked for by name only: asking for every indicator returns neither.
    const rows: Array<{ indicator: string; category: string | null; numerator: string; denominator: string }> = await server.dataSource.query(
      `SELECT indicator, category, numerator, denominator FROM indicator_values('2025-01-01', '2026-01-01', NULL, $1::uuid[], NULL, NULL,
         false, false, false, '2026-01-01T00:00:00Z', $2::text[]) ORDER BY indicator, category NULLS FIRST`,
      [
        [unit.A, unit.B, unit.C],
        ['risks_with_action_done', 'new_risks_at_next_review'],
      ],
    );
    expect(rows.map((x) => `${x.indicator} ${x.category ?? 'all'} ${x.numerator}/${x.denominator}`)).toEqual([
      'new_risks_at_next_review all 0/2',
      'new_risks_at_next_review el 0/1',
      'new_risks_at_next_review fall 0/1',
      'risks_with_action_done all 2/4',
      'risks_with_action_done brand 1/1',
      'risks_with_action_done el 0/1',
      'risks_with_action_done fall 1/2',
    ]);
    const all: Array<{ indicator: string }> = await server.dataSource.query(
      `SELECT DISTINCT indicator FROM indicator_values('2025-01-01', '2026-01-01', NULL, $1::uuid[], NULL, NULL, false, false, false, now(), NULL)`,
      [[unit.A, unit.B, unit.C]],
    );
    expect(all.map((x) => x.indicator).sort()).toEqual([
      'acceptance',
      'action_closure',
      'coverage',
      'median_days_to_close',
      'risk_prevalence',
      'risks_resolved_by_next_review',
      'risks_with_action',
    ]);
  });
});

describe('bad input', () => {
  it.each([
    [{ from: '2025-13' }, 'period.from'],
    [{ from: '2025', to: '2024' }, 'period.to'],
    [{ from: '2025-02', to: '2025-12', grain: 'QUARTER' }, 'period.grain'],
  ])('%j is refused on %s', async (period, field) => {
    const res = await server.gql(INDICATORS, { period }, token.coordinator);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('the demo data gives the dashboard something to show', () => {
  it('every indicator has numbers over the last two years for the demo coordinator, and the earlier reviews are followed up', async () => {
    const coordinator = await server.tokenFor('kvalitet@demo.hjulet.se');
    const year = new Date().getFullYear();
    const res = await server.gql<{ indicators: Row[] }>(INDICATORS, { period: { from: String(year - 1), to: String(year) } }, coordinator);
    const rows = res.data?.indicators ?? [];
    for (const kind of [
      'coverage',
      'acceptance',
      'risk_prevalence',
      'risks_with_action',
      'action_closure',
      'median_days_to_close',
      'risks_resolved_by_next_review',
    ]) {
      const total = pick(rows, kind, { category: null });
      expect(total.denominator, kind).toBeGreaterThan(0);
    }
    const months = await server.gql<{ indicators: Row[] }>(
      INDICATORS,
      { period: { from: `${year - 1}-01`, to: `${year}-12`, grain: 'MONTH' }, filter: { indicators: ['COVERAGE'] } },
      coordinator,
    );
    // Recipients were due all along (registered three years back), and reviews fall in many months.
    expect(months.data?.indicators.filter((row) => (row.numerator ?? 0) > 0).length).toBeGreaterThan(8);
  });
});
