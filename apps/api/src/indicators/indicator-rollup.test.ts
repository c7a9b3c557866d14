import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { answerList, completeAnswers } from '../../test/support/factories.js';
import { createServices, type Services } from '../services.js';
import { loadConfig } from '../shared/config.js';
import { principalOf } from '../auth/auth.service.js';
import { ROLLUP_SNAPSHOT_SQL } from './rollup-snapshot.js';
import { User } from '../users/user.entity.js';

/*
 * The rollup is exactly the one definition. `indicator_values` reads facts kept by triggers (migration
 * 1765050000000); `indicator_values_raw` is the definition over the raw tables. On the demo data plus a random
 * data set, after each of several rounds of random writes (reviews submitted and handed over through the
 * services, actions created with them and closed through the service, erasure and retention through the
 * service; and in SQL: reviews changed in place, moved, deleted; risks added and removed; actions reassigned,
 * re-dated, reopened, deleted; recipients moving unit, area and housing type; a template version moved to
 * another template), both functions are called with random parameters (every grain and none, aligned and
 * unaligned ranges, groupings, filters, as-of instants, indicator lists) and must return the same multiset of
 * rows; so must the open-action backlog and the coverage work list against their raw definitions. The seed is printed, so a failure can be replayed with ROLLUP_SEED. PGlite, and PostgreSQL with
 * DATABASE_URL.
 */

const SEED = Number(process.env['ROLLUP_SEED'] ?? Date.now() % 1_000_000);
let state = SEED;
const random = () => {
  // mulberry32
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
const chance = (p: number) => random() < p;
const subset = <T>(xs: readonly T[], min = 1): T[] => {
  const out = xs.filter(() => chance(0.5));
  while (out.length < min && xs.length > 0) out.push(pick(xs));
  return [...new Set(out)];
};
const day = (d: Date) => d.toISOString().slice(0, 10);
/** An instant in 2024-01-01 … 2026-06-30, at a random time of day (DST days and Swedish midnights included). */
const instant = () => new Date(Date.UTC(2024, 0, 1) + int(912 * 24) * 3_600_000 + int(60) * 60_000);

const INDICATORS = [
  'coverage',
  'acceptance',
  'risk_prevalence',
  'risks_with_action',
  'risks_with_action_done',
  'action_closure',
  'median_days_to_close',
  'risks_resolved_by_next_review',
  'new_risks_at_next_review',
];
const HOUSING = ['rented_flat', 'owned_flat', 'house', 'other'];
const STATUSES = ['offered', 'declined', 'in_progress', 'completed'];

let server: TestServer;
let services: Services;
let asAdmin: { principal: ReturnType<typeof principalOf>; requestId: string };
let asStaff: { principal: ReturnType<typeof principalOf>; requestId: string };
let staffUnit = '';
let staffId = '';
let units: string[] = [];
let areas: string[] = [];
let versions: string[] = [];
const riskItems = Object.keys(completeAnswers());

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => server.dataSource.query(sql, params) as Promise<T[]>;

async function insertRecipient(unitId = pick(units)): Promise<string> {
  const id = randomUUID();
  await q(
    `INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type, ordinary_housing, active, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, server.seed.municipalityId, `ROLLUP-${id.slice(0, 8)}`, unitId, pick(areas), pick(HOUSING), chance(0.9), chance(0.95), instant()],
  );
  return id;
}

/** A review in SQL, with risks of random items and actions on some of them. */
async function insertReview(recipientId: string): Promise<void> {
  const [placement] = await q<{ unit_id: string; area_id: string }>(`SELECT unit_id, area_id FROM care_recipient WHERE id = $1`, [recipientId]);
  const status = pick(STATUSES);
  const offered = instant();
  const performed = status === 'offered' || status === 'in_progress' ? null : new Date(offered.getTime() + int(3) * 86_400_000);
  const id = randomUUID();
  await q(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, performed_by, offered_at, performed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      randomUUID(),
      recipientId,
      chance(0.8) ? placement!.unit_id : pick(units),
      chance(0.8) ? placement!.area_id : pick(areas),
      pick(versions),
      status,
      status === 'declined' ? 'Vill inte' : null,
      staffId,
      offered,
      performed,
    ],
  );
  if (status !== 'completed' && !chance(0.1)) return;
  for (const item of subset(riskItems, 0).slice(0, 4)) {
    const riskId = randomUUID();
    await q(`INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at) VALUES ($1, $2, $3, $4, 'high', true, $5)`, [
      riskId,
      id,
      item,
      pick(['brand', 'fall', 'el', item.slice(0, 3)]),
      performed ?? offered,
    ]);
    if (chance(0.6)) await insertAction(id, riskId, performed ?? offered);
  }
}

async function insertAction(reviewId: string, riskId: string | null, after: Date): Promise<void> {
  const status = pick(['open', 'open', 'done', 'done', 'not_needed', 'declined']);
  const closedAt = status === 'open' ? null : new Date(after.getTime() + int(90 * 24) * 3_600_000);
  const due = chance(0.9) ? day(new Date(after.getTime() + int(120) * 86_400_000)) : null;
  await q(
    `INSERT INTO follow_up_action (id, client_id, review_id, risk_id, unit_id, what, actor, due_date, status, closed_by, closed_at, created_by)
     VALUES ($1, $2, $3, $4, $5, 'Åtgärd', 'resident', $6, $7, $8, $9, $10)`,
    [randomUUID(), randomUUID(), reviewId, riskId, pick(units), due, status, status === 'open' ? null : staffId, closedAt, staffId],
  );
}

async function deleteActions(where: string, params: unknown[]): Promise<void> {
  await q(`DELETE FROM discarded_result WHERE action_id IN (SELECT id FROM follow_up_action WHERE ${where})`, params);
  await q(`DELETE FROM follow_up_action WHERE ${where}`, params);
}

const one = async <T>(sql: string, params: unknown[] = []): Promise<T | undefined> => (await q<T>(sql, params))[0];

/** One random write; returns what it was, for the failure message. */
async function randomWrite(kind = int(17)): Promise<string> {
  switch (kind) {
    case 0: {
      // Submitted through the service, with actions on some of its risks.
      const r = await one<{ id: string }>(`SELECT id FROM care_recipient WHERE unit_id = $1 AND active ORDER BY random() LIMIT 1`, [staffUnit]);
      if (!r) return 'submit: no recipient';
      const risky = subset(riskItems, 0).slice(0, 3);
      const performedAt = new Date(Date.now() - int(400) * 86_400_000 - int(24) * 3_600_000);
      const [result] = await services.reviews.submit(asStaff, [
        {
          clientId: randomUUID(),
          deviceId: 'rollup-test',
          recipientId: r.id,
          templateVersionId: server.seed.templateVersionId,
          status: 'completed',
          answers: answerList(completeAnswers(risky)),
          consentToShareWithFireService: false,
          offeredAt: new Date(performedAt.getTime() - 600_000),
          performedAt,
          actions: risky
            .filter(() => chance(0.5))
            .map((itemKey) => ({
              clientId: randomUUID(),
              itemKey,
              what: 'Åtgärd',
              actor: 'resident' as const,
              dueDate: day(performedAt),
              declinedByClient: false,
            })),
          repeatReason: 'Slumpad upprepning',
        },
      ]);
      return `submit ${result?.outcome} ${result?.error?.code ?? ''}`;
    }
    case 1: {
      const a = await one<{ id: string }>(`SELECT id FROM follow_up_action WHERE status = 'open' AND unit_id = $1 ORDER BY random() LIMIT 1`, [staffUnit]);
      if (!a) return 'close: none open';
      await services.actions.close(asAdmin, a.id, pick(['done', 'not_needed', 'declined'] as const), null);
      return 'close (service)';
    }
    case 2: {
      const r = await one<{ id: string }>(`SELECT id FROM care_recipient WHERE erased_at IS NULL AND municipality_id = $1 ORDER BY random() LIMIT 1`, [
        server.seed.municipalityId,
      ]);
      if (!r) return 'erase: none';
      await services.erasure.eraseOnRequest(asAdmin, r.id, 'Slumpad radering');
      return 'erase (service)';
    }
    case 3: {
      await q(`UPDATE care_recipient SET active = false WHERE id IN (SELECT id FROM care_recipient WHERE erased_at IS NULL ORDER BY random() LIMIT 2)`);
      const n = await services.erasure.enforceRetention(1);
      return `retention (service): ${n}`;
    }
    case 4:
      await insertReview(await insertRecipient());
      return 'new recipient and review (SQL)';
    case 5: {
      const r = await one<{ id: string }>(`SELECT id FROM care_recipient ORDER BY random() LIMIT 1`);
      for (let i = 0; i < 1 + int(3); i++) await insertReview(r!.id);
      return 'reviews of a recipient (SQL)';
    }
    case 6: {
      // A review's status, day or performed_at changes (finishing an offered one, a correction).
      const status = pick(STATUSES);
      await q(
        `UPDATE review SET status = $1, decline_reason = CASE WHEN $1 = 'declined' THEN 'Nej' END,
                performed_at = CASE WHEN $1 IN ('declined', 'completed') THEN coalesce(performed_at, offered_at) + $2 * interval '1 hour' ELSE NULL END,
                offered_at = offered_at - $3 * interval '1 day'
          WHERE id = (SELECT id FROM review ORDER BY random() LIMIT 1)`,
        [status, int(50), int(40)],
      );
      return `review status → ${status} (SQL)`;
    }
    case 7:
      // Handed over: the review moves to another unit and area.
      await q(`UPDATE review SET unit_id = $1, area_id = $2 WHERE id = (SELECT id FROM review ORDER BY random() LIMIT 1)`, [pick(units), pick(areas)]);
      return 'review moved (SQL)';
    case 8: {
      const r = await one<{ id: string }>(`SELECT id FROM review ORDER BY random() LIMIT 1`);
      await deleteActions(`review_id = $1 OR risk_id IN (SELECT id FROM identified_risk WHERE review_id = $1)`, [r!.id]);
      await q(`DELETE FROM cause_analysis WHERE risk_id IN (SELECT id FROM identified_risk WHERE review_id = $1)`, [r!.id]);
      await q(`DELETE FROM referral WHERE review_id = $1`, [r!.id]);
      await q(`DELETE FROM identified_risk WHERE review_id = $1`, [r!.id]);
      await q(`UPDATE review SET repeat_of = NULL, repeat_of_offered_at = NULL WHERE repeat_of = $1`, [r!.id]);
      await q(`DELETE FROM review WHERE id = $1`, [r!.id]);
      return 'review deleted (SQL)';
    }
    case 9: {
      const r = await one<{ id: string; performed_at: Date | null; offered_at: Date }>(
        `SELECT id, performed_at, offered_at FROM review WHERE status = 'completed' ORDER BY random() LIMIT 1`,
      );
      if (!r) return 'risk: no review';
      const riskId = randomUUID();
      const item = pick(riskItems);
      await q(
        `INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at)
         VALUES ($1, $2, $3, $4, 'low', false, $5) ON CONFLICT DO NOTHING`,
        [riskId, r.id, item, pick(['brand', 'fall', 'el']), r.performed_at ?? r.offered_at],
      );
      return 'risk added (SQL)';
    }
    case 10: {
      const ir = await one<{ id: string }>(`SELECT id FROM identified_risk ORDER BY random() LIMIT 1`);
      if (!ir) return 'risk delete: none';
      await deleteActions(`risk_id = $1`, [ir.id]);
      await q(`DELETE FROM cause_analysis WHERE risk_id = $1`, [ir.id]);
      await q(`DELETE FROM identified_risk WHERE id = $1`, [ir.id]);
      return 'risk deleted (SQL)';
    }
    case 11: {
      await q(
        `UPDATE identified_risk SET category = $1, found_at = found_at - interval '3 days' WHERE id = (SELECT id FROM identified_risk ORDER BY random() LIMIT 1)`,
        [pick(['brand', 'fall', 'el', 'annat'])],
      );
      return 'risk recategorised (SQL)';
    }
    case 12: {
      // An action re-dated, reopened or closed, moved to another risk of the same review, or deleted.
      const a = await one<{ id: string; review_id: string }>(`SELECT id, review_id FROM follow_up_action ORDER BY random() LIMIT 1`);
      if (!a) return 'action: none';
      const what = int(4);
      if (what === 0) await q(`UPDATE follow_up_action SET due_date = due_date + $2::int WHERE id = $1`, [a.id, int(60) - 30]);
      if (what === 1) await q(`UPDATE follow_up_action SET status = 'open', closed_at = NULL, closed_by = NULL WHERE id = $1`, [a.id]);
      if (what === 2)
        await q(`UPDATE follow_up_action SET risk_id = (SELECT id FROM identified_risk WHERE review_id = $2 ORDER BY random() LIMIT 1) WHERE id = $1`, [
          a.id,
          a.review_id,
        ]);
      if (what === 3) await deleteActions(`id = $1`, [a.id]);
      return `action change ${what} (SQL)`;
    }
    case 13: {
      const ir = await one<{ id: string; review_id: string; found_at: Date }>(`SELECT id, review_id, found_at FROM identified_risk ORDER BY random() LIMIT 1`);
      if (!ir) return 'action: no risk';
      await insertAction(ir.review_id, ir.id, ir.found_at);
      return 'action added (SQL)';
    }
    case 14:
      // A recipient moves: unit, area, housing type; or is registered at another date.
      await q(
        `UPDATE care_recipient SET unit_id = $1, area_id = $2, housing_type = $3, created_at = created_at - $4 * interval '1 day'
          WHERE id = (SELECT id FROM care_recipient ORDER BY random() LIMIT 1)`,
        [pick(units), pick(areas), pick(HOUSING), int(300) - 100],
      );
      return 'recipient moved (SQL)';
    case 15:
      await q(`UPDATE care_recipient SET housing_type = $1 WHERE id IN (SELECT id FROM care_recipient ORDER BY random() LIMIT 5)`, [pick(HOUSING)]);
      // Into or out of ordinary housing: due a review or not.
      await q(`UPDATE care_recipient SET ordinary_housing = NOT ordinary_housing WHERE id = (SELECT id FROM care_recipient ORDER BY random() LIMIT 1)`);
      return 'housing types, ordinary housing (SQL)';
    default: {
      // A version moves between templates: which review is "the previous one" changes.
      const v = versions[2];
      const templates = await q<{ id: string }>(`SELECT id FROM checklist_template`);
      await q(`UPDATE template_version SET template_id = $1, version = version + 1000 WHERE id = $2`, [pick(templates).id, v]);
      return 'template version moved (SQL)';
    }
  }
}

interface Params {
  from: string;
  to: string;
  grain: string | null;
  units: string[];
  areas: string[] | null;
  housing: string[] | null;
  byUnit: boolean;
  byArea: boolean;
  byHousing: boolean;
  asOf: Date;
  indicators: string[] | null;
  /** Whole calendar periods: read from the cells. */
  wholePeriods: boolean;
}

/** The first day of the month `months` after the month `day` (YYYY-MM-DD) falls in. */
function monthsAfter(day: string, months: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function randomParams(): Params {
  const grain = pick(['month', 'quarter', 'year', null]);
  const start = instant();
  let from: string;
  let to: string;
  const wholePeriods = chance(0.6);
  if (wholePeriods) {
    // Whole calendar periods (the dashboard's and the report's: read from the cells): several of the grain, or,
    // without one, a single month, quarter or year.
    const unit = grain ?? pick(['month', 'quarter', 'year']);
    const months = unit === 'year' ? 12 : unit === 'quarter' ? 3 : 1;
    const month = start.getUTCMonth() - (start.getUTCMonth() % months);
    from = `${start.getUTCFullYear()}-${String(month + 1).padStart(2, '0')}-01`;
    const count = grain === null ? 1 : 1 + int(grain === 'year' ? 2 : grain === 'quarter' ? 4 : 14);
    to = monthsAfter(from, months * count);
  } else {
    // Any range: from the facts.
    from = chance(0.5) ? monthsAfter(day(start), 0) : day(start);
    const length = grain === 'year' ? 365 * (1 + int(2)) : grain === 'quarter' ? 92 * (1 + int(4)) : 31 * (1 + int(14));
    to = day(new Date(Date.parse(`${from}T00:00:00Z`) + (chance(0.1) ? 1 + int(3) : length) * 86_400_000));
  }
  return {
    from,
    to,
    grain,
    units: chance(0.4) ? [...units] : subset(units),
    areas: chance(0.7) ? null : subset(areas),
    housing: chance(0.7) ? null : subset(HOUSING),
    byUnit: chance(0.4),
    byArea: chance(0.4),
    byHousing: chance(0.3),
    asOf: chance(0.5) ? new Date() : instant(),
    indicators: chance(0.35) ? null : subset(INDICATORS),
    wholePeriods,
  };
}

const CALL = (fn: string) => `SELECT * FROM ${fn}($1::date, $2::date, $3::text, $4::uuid[], $5::uuid[], $6::text[], $7, $8, $9, $10::timestamptz, $11::text[])`;

/** Rows in one and not the other (as multisets), both ways. */
async function difference(p: Params) {
  const args = [p.from, p.to, p.grain, p.units, p.areas, p.housing, p.byUnit, p.byArea, p.byHousing, p.asOf, p.indicators];
  const [counts] = await q<{ rollup: string; raw: string }>(
    `SELECT (SELECT count(*) FROM (${CALL('indicator_values')}) x) AS rollup, (SELECT count(*) FROM (${CALL('indicator_values_raw')}) y) AS raw`,
    args,
  );
  const onlyRollup = await q(`${CALL('indicator_values')} EXCEPT ALL ${CALL('indicator_values_raw')}`, args);
  const onlyRaw = await q(`${CALL('indicator_values_raw')} EXCEPT ALL ${CALL('indicator_values')}`, args);
  const lists = await listDifference(p);
  return {
    rows: Number(counts!.raw) + lists.rows,
    rollupRows: Number(counts!.rollup),
    onlyRollup: [...onlyRollup, ...lists.onlyRollup].slice(0, 5),
    onlyRaw: [...onlyRaw, ...lists.onlyRaw].slice(0, 5),
  };
}

/** The same for the dashboard's lists read from the facts: the open-action backlog and the coverage work list. */
async function listDifference(p: Params) {
  const calls = [
    {
      fn: 'indicator_action_backlog',
      call: (fn: string) => `SELECT 'backlog' AS list, to_jsonb(b) AS row FROM ${fn}($1::uuid[], $2::uuid[], $3::text[], $4, $5, $6, $7::timestamptz) b`,
      args: [p.units, p.areas, p.housing, p.byUnit, p.byArea, p.byHousing, p.asOf],
    },
    {
      fn: 'indicator_work_list',
      call: (fn: string) => `SELECT 'work list' AS list, to_jsonb(w) AS row FROM ${fn}($1::date, $2::date, $3::uuid[], $4::uuid[], $5::text[]) w`,
      args: [p.from, p.to, p.units, p.areas, p.housing],
    },
  ];
  const out = { rows: 0, onlyRollup: [] as unknown[], onlyRaw: [] as unknown[] };
  for (const { fn, call, args } of calls) {
    out.rows += (await q(call(`${fn}_raw`), args)).length;
    out.onlyRollup.push(...(await q(`${call(fn)} EXCEPT ALL ${call(`${fn}_raw`)}`, args)));
    out.onlyRaw.push(...(await q(`${call(`${fn}_raw`)} EXCEPT ALL ${call(fn)}`, args)));
  }
  return out;
}

beforeAll(async () => {
  server = await startTestServer();
  services = createServices(server.dataSource, loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }));
  const admin = await server.dataSource.manager.findOneByOrFail(User, { email: 'admin@demo.hjulet.se' });
  const staff = await server.dataSource.manager.findOneByOrFail(User, { email: 'personal@demo.hjulet.se' });
  asAdmin = { principal: principalOf(admin), requestId: 'rollup-test' };
  asStaff = { principal: principalOf(staff), requestId: 'rollup-test' };
  staffUnit = staff.unitId as string;
  staffId = staff.id;
  units = [...server.seed.unitIds];
  areas = [...server.seed.areaIds];
  // A second template with two versions of its own, so that "the previous review of the same template" matters;
  // the draft one (published versions are immutable) is moved between templates by a random write.
  const template = randomUUID();
  await q(`INSERT INTO checklist_template (id, key, title_sv, title_en, municipality_id) VALUES ($1, 'rollup-test', 'Test', 'Test', $2)`, [
    template,
    server.seed.municipalityId,
  ]);
  versions = [server.seed.templateVersionId];
  for (const version of [1, 2]) {
    const id = randomUUID();
    await q(
      `INSERT INTO template_version (id, template_id, version, status, definition, published_at)
       SELECT $1, $2, $3, $5, definition, CASE WHEN $5 = 'published' THEN now() END FROM template_version WHERE id = $4`,
      [id, template, version, server.seed.templateVersionId, version === 1 ? 'published' : 'draft'],
    );
    versions.push(id);
  }
  const recipients: string[] = [];
  for (let i = 0; i < 40; i++) recipients.push(await insertRecipient(i < 10 ? staffUnit : pick(units)));
  for (let i = 0; i < 160; i++) await insertReview(pick(recipients));
  // A recipient reviewed by two units on one day, at least: counted once in the administration (indicator_split).
  await q(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, performed_by, offered_at, performed_at)
     SELECT gen_random_uuid(), gen_random_uuid(), r.recipient_id, u.id, r.area_id, r.template_version_id, r.status, r.decline_reason,
            r.performed_by, r.offered_at, r.performed_at
     FROM review r JOIN unit u ON u.id <> r.unit_id AND u.id = ANY ($1::uuid[])
     WHERE r.status = 'completed' ORDER BY r.offered_at DESC, u.id LIMIT 1`,
    [units],
  );
}, 600_000);
afterAll(() => server?.close());

describe(`indicator_values (rollup) = indicator_values_raw, random data, writes and parameters (seed ${SEED})`, () => {
  const ROUNDS = 5;
  const WRITES = 12;
  const CHECKS = 12;
  it('returns the same rows for every combination, before and after each round of writes', async () => {
    const writes: string[] = [];
    let compared = 0;
    let comparedWhole = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      if (round > 0) {
        // Each round submits one review through the service at least, which must be stored.
        writes.push(await randomWrite(0));
        expect(writes.at(-1)).toMatch(/^submit created/);
        for (let i = 1; i < WRITES; i++) writes.push(await randomWrite());
      }
      for (let i = 0; i < CHECKS; i++) {
        const p = randomParams();
        const diff = await difference(p);
        expect({ seed: SEED, round, params: p, after: writes.slice(-WRITES), ...diff }).toMatchObject({ onlyRollup: [], onlyRaw: [] });
        compared += diff.rows;
        if (p.wholePeriods) comparedWhole += diff.rows;
      }
    }
    // The comparisons were not all of empty results.
    expect(compared).toBeGreaterThan(100);
    expect(comparedWhole).toBeGreaterThan(50);
  }, 900_000);

  it('the facts equal a fresh recomputation after all the writes', async () => {
    const snapshot = async () => q(ROLLUP_SNAPSHOT_SQL);
    // Recipients in several cells of a period were there to be corrected for.
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM indicator_split`))[0]?.n).toBeGreaterThan(0);
    const kept = await snapshot();
    await q(`SELECT indicator_fact_refresh(NULL)`);
    expect(await snapshot()).toEqual(kept);
  });
});

describe('when the facts are recomputed', () => {
  it("recomputes a transaction's recipients once, at its commit, however many statements touched them", async () => {
    const [picked] = await q<{ recipient_id: string }>(
      `SELECT recipient_id FROM review WHERE status = 'completed' GROUP BY recipient_id ORDER BY count(*) DESC, recipient_id LIMIT 1`,
    );
    const recipientId = picked?.recipient_id as string;
    const factsOf = async (run: (sql: string, params: unknown[]) => Promise<unknown>) =>
      ((await run(`SELECT count(*)::int AS n FROM indicator_review_fact WHERE recipient_id = $1`, [recipientId])) as Array<{ n: number }>)[0]?.n;
    const before = await factsOf(q);
    const reviewId = randomUUID();
    const inside = await server.dataSource.transaction(async (m) => {
      const run = (sql: string, params: unknown[]) => m.query(sql, params);
      await run(
        `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, performed_by, offered_at, performed_at)
         SELECT $1, $2, recipient_id, unit_id, area_id, template_version_id, 'completed', NULL, performed_by, now(), now()
         FROM review WHERE recipient_id = $3 AND status = 'completed' LIMIT 1`,
        [reviewId, randomUUID(), recipientId],
      );
      await run(`UPDATE review SET performed_at = now() + interval '1 minute' WHERE id = $1`, [reviewId]);
      const marks = (await run(`SELECT count(*)::int AS n FROM indicator_fact_pending`, [])) as Array<{ n: number }>;
      return { marks: marks[0]?.n, facts: await factsOf(run) };
    });
    // Two statements marked the recipient; nothing was recomputed before the commit.
    expect(inside).toEqual({ marks: 2, facts: before });
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM indicator_fact_pending`))[0]?.n).toBe(0);
    expect(await factsOf(q)).toBe((before ?? 0) + 1);
    const kept = await q(`SELECT to_jsonb(f) AS row FROM indicator_review_fact f WHERE recipient_id = $1 ORDER BY 1`, [recipientId]);
    await q(`SELECT indicator_fact_refresh(NULL)`);
    expect(await q(`SELECT to_jsonb(f) AS row FROM indicator_review_fact f WHERE recipient_id = $1 ORDER BY 1`, [recipientId])).toEqual(kept);
  });
});
