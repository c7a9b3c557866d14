import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { toolEnv } from '../../test/support/tool-database.js';

/*
 * The hash chain against a superuser who goes around the append-only trigger: each tamper is made, found
 * by the verifier (in process and by `pnpm audit:verify` as a separate process), and undone, after which
 * the chain is whole again. The chainer's timer is off: the tests chain when they mean to.
 */

const run = promisify(execFile);
const API_DIR = path.resolve(import.meta.dirname, '../..');

let server: TestServer;
let dbUrl: string;

beforeAll(async () => {
  server = await startTestServer({ recipientCount: 6, env: { AUDIT_CHAIN_INTERVAL_MS: '0' } });
  dbUrl = (server.dataSource.options as { url: string }).url;
  await server.app.services.audit.chainPending();
});
afterAll(() => server?.close());

/** Runs `sql` as a superuser with the append-only trigger off, then puts the trigger back. */
async function tamper(sql: string, params: unknown[] = []) {
  await server.dataSource.transaction(async (m) => {
    await m.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await m.query(sql, params);
    await m.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
  });
}

/** The row at a chain place. */
async function rowAt(seq: number): Promise<{ id: string; details: Record<string, unknown> | null }> {
  const [row] = await server.dataSource.query(`SELECT id::text AS id, details FROM audit_event WHERE chain_seq = $1`, [seq]);
  if (!row) throw new Error(`no row at chain place ${seq}`);
  return row;
}

/** `pnpm audit:verify` as the operator runs it, on this test's database. */
async function cli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'src/audit/verify-cli.ts'], { cwd: API_DIR, env: toolEnv(dbUrl) });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe('the audit hash chain', () => {
  it('chains every row once, in one sequence, and the untouched chain verifies', async () => {
    const [counts] = await server.dataSource.query(
      `SELECT count(*)::int AS total, count(chain_seq)::int AS chained, count(DISTINCT chain_seq)::int AS places, max(chain_seq)::int AS head FROM audit_event`,
    );
    expect(counts.total).toBeGreaterThan(10);
    expect(counts).toEqual({ total: counts.total, chained: counts.total, places: counts.total, head: counts.total });
    const report = await server.app.services.audit.verifyChain();
    expect(report).toMatchObject({ ok: true, checked: counts.total, unchained: 0, problems: [] });
    const { code, out } = await cli();
    expect(out).toContain('OK: the chain is whole');
    expect(code).toBe(0);
  });

  it('still refuses an ordinary UPDATE, and a second chaining of a chained row', async () => {
    const row = await rowAt(3);
    await expect(server.dataSource.query(`UPDATE audit_event SET action = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(server.dataSource.query(`UPDATE audit_event SET chain_seq = 999999 WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(server.dataSource.query(`DELETE FROM audit_event WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
  });

  it('finds an edited row, and where', async () => {
    const row = await rowAt(5);
    await tamper(`UPDATE audit_event SET details = '{"forged": true}' WHERE id = $1`, [row.id]);
    const report = await server.app.services.audit.verifyChain();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'edited', chainSeq: '5', eventId: row.id })]);
    const { code, out } = await cli();
    expect(code).toBe(1);
    expect(out).toContain(`BROKEN edited at chain place 5: event ${row.id}`);

    await tamper(`UPDATE audit_event SET details = $2::jsonb WHERE id = $1`, [row.id, row.details === null ? null : JSON.stringify(row.details)]);
    expect((await server.app.services.audit.verifyChain()).ok).toBe(true);
  });

  it('finds a deleted row, and where', async () => {
    // occurred_at as text: a JavaScript Date would drop the microseconds, which are hashed.
    const [saved] = await server.dataSource.query(`SELECT *, occurred_at::text AS occurred_text FROM audit_event WHERE chain_seq = 7`);
    await tamper(`DELETE FROM audit_event WHERE chain_seq = 7`);
    const report = await server.app.services.audit.verifyChain();
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'deleted', chainSeq: '7', eventId: null })]);
    const { code, out } = await cli();
    expect(code).toBe(1);
    expect(out).toContain('BROKEN deleted at chain place 7: chain place 7 is missing');

    await tamper(
      `INSERT INTO audit_event (id, occurred_at, actor_id, actor_role, action, entity_type, entity_id, care_recipient_id, request_id, details, chain_seq, prev_hash, hash)
       OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        saved.id,
        saved.occurred_text,
        saved.actor_id,
        saved.actor_role,
        saved.action,
        saved.entity_type,
        saved.entity_id,
        saved.care_recipient_id,
        saved.request_id,
        saved.details === null ? null : JSON.stringify(saved.details),
        saved.chain_seq,
        saved.prev_hash,
        saved.hash,
      ],
    );
    expect((await server.app.services.audit.verifyChain()).ok).toBe(true);
  });

  it('finds two rows swapped in the chain, and where', async () => {
    const a = await rowAt(9);
    const b = await rowAt(10);
    const swap = async () => {
      // Through a free place: the unique chain_seq is checked row by row.
      await tamper(`UPDATE audit_event SET chain_seq = 999999999 WHERE id = $1`, [a.id]);
      await tamper(`UPDATE audit_event SET chain_seq = 9 WHERE id = $1`, [b.id]);
      await tamper(`UPDATE audit_event SET chain_seq = 10 WHERE id = $1`, [a.id]);
    };
    await swap();
    const report = await server.app.services.audit.verifyChain();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toEqual(expect.objectContaining({ kind: 'reordered', chainSeq: '9', eventId: b.id }));
    expect(report.problems.every((p) => p.kind === 'reordered')).toBe(true);
    const { code, out } = await cli();
    expect(code).toBe(1);
    expect(out).toContain(`BROKEN reordered at chain place 9: event ${b.id} (chain place 9) was moved: it was chained after event ${a.id}`);

    // Swapping back (the same three moves with the roles exchanged) makes it whole again.
    await tamper(`UPDATE audit_event SET chain_seq = 999999999 WHERE id = $1`, [b.id]);
    await tamper(`UPDATE audit_event SET chain_seq = 9 WHERE id = $1`, [a.id]);
    await tamper(`UPDATE audit_event SET chain_seq = 10 WHERE id = $1`, [b.id]);
    expect((await server.app.services.audit.verifyChain()).ok).toBe(true);
  });

  it('gives concurrent writers and concurrent chainers one consistent chain', async () => {
    const staff = await server.tokenFor(DEMO.staff);
    const audit = server.app.services.audit;
    const before: number = (await server.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
    // Audited reads over HTTP, direct audit writes in their own transactions, and four chainers, all at once.
    const work: Array<Promise<unknown>> = [];
    for (let i = 0; i < 30; i++) {
      work.push(server.gql(`{ careRecipients { id } }`, {}, staff));
      work.push(
        server.dataSource.transaction((m) =>
          audit.record({ principal: null, requestId: `chain-concurrency-${i}` }, [{ action: 'read', entityType: 'test', entityId: String(i) }], m),
        ),
      );
      if (i % 8 === 0) work.push(audit.chainPending());
    }
    await Promise.all(work);
    await audit.chainPending();
    const [after] = await server.dataSource.query(
      `SELECT count(*)::int AS total, count(chain_seq)::int AS chained, max(chain_seq)::int AS head FROM audit_event`,
    );
    expect(after.total).toBeGreaterThanOrEqual(before + 60);
    expect(after).toEqual({ total: after.total, chained: after.total, head: after.total });
    const report = await audit.verifyChain();
    expect(report).toMatchObject({ ok: true, checked: after.total, unchained: 0 });
  });
});
