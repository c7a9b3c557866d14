/**
 * Profiles the submit path: starts a test server (embedded PGlite, or the database at DATABASE_URL), warms
 * it up, then profiles the CPU while posting BATCHES (20) batches of 500 reviews as the staff app sends them, and writes the profile to
 * PROFILE (submit.cpuprofile). `tsx summarise-profile.ts submit.cpuprofile` says where the time went.
 *   DATABASE_URL=… tsx --tsconfig ../tsconfig.base.json profile-submit.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startTestServer, DEMO, type TestServer } from '@hjulet/api/test-support/test-server.js';
import { asPhoneSends, batchOf, PHONE_SUBMIT } from './phone-submit.js';

const BATCHES = Number(process.env['BATCHES'] ?? 20);
// PROFILE= (empty) measures without the profiler, whose sampling costs CPU of its own.
const PROFILE = process.env['PROFILE'] ?? 'submit.cpuprofile';

/** CPU ticks (10 ms) used so far by the PostgreSQL backends of this test database; NaN when not on this machine. */
async function databaseCpu(server: TestServer): Promise<number> {
  if (server.kind !== 'postgres') return NaN;
  const rows: Array<{ pid: number }> = await server.dataSource.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  try {
    return rows.reduce((sum, { pid }) => {
      const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
      return sum + Number(fields[11]) + Number(fields[12]);
    }, 0);
  } catch {
    return NaN;
  }
}

const server = await startTestServer({ recipientCount: 120 });
try {
  const staff = await server.tokenFor(DEMO.staff);
  const norr = server.seed.recipients.filter((r) => r.unitId === server.seed.unitIds[0]).map((r) => r.id);
  const batch = () => asPhoneSends(batchOf(500, norr, server.seed.templateVersionId));
  const submit = async (input: unknown[]) => {
    const res = await server.gql<{ submitReviews: Array<{ outcome: string }> }>(PHONE_SUBMIT, { input }, staff);
    if (res.data?.submitReviews.filter((r) => r.outcome === 'CREATED').length !== input.length) throw new Error(JSON.stringify(res.errors));
  };
  // Time each SQL statement of the profiled batches (both ways the API sends a query).
  const sql = new Map<string, number[]>();
  for (const target of [server.dataSource, server.dataSource.manager] as Array<{ query: (q: string, p?: unknown[]) => Promise<unknown> }>) {
    const query = target.query.bind(target);
    target.query = async (q, p) => {
      const t0 = performance.now();
      try {
        return await query(q, p);
      } finally {
        const key = q.replace(/\s+/g, ' ').trim().slice(0, 60);
        sql.set(key, [...(sql.get(key) ?? []), performance.now() - t0]);
      }
    };
  }
  for (let i = 0; i < 3; i++) await submit(batch());
  sql.clear();

  // Built before profiling: the client's work is not the server's.
  const batches = Array.from({ length: BATCHES }, batch);
  const session = new Session();
  session.connect();
  if (PROFILE) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const dbCpu = await databaseCpu(server);
  for (const input of batches) {
    server.reports.length = 0;
    await submit(input);
    times.push((await server.lastReport('Submit')).durationMs);
  }
  const used = process.cpuUsage(cpu);
  const dbUsed = (await databaseCpu(server)) - dbCpu;
  if (PROFILE) writeFileSync(PROFILE, JSON.stringify((await session.post('Profiler.stop')).profile));
  session.disconnect();
  for (const [q, ms] of sql) console.log(`${String(ms.length).padStart(4)} × ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(1).padStart(6)} ms  ${q}`);
  console.log(
    `CPU per batch: this process (server and client) ${((used.user + used.system) / 1000 / BATCHES).toFixed(1)} ms, database backends ${Number.isNaN(dbUsed) ? 'n/a' : ((dbUsed * 10) / BATCHES).toFixed(1)} ms`,
  );
  times.sort((a, b) => a - b);
  console.log(
    `${server.kind}: server-side ms per 500-review batch: median ${times[times.length >> 1]?.toFixed(1)}, max ${times.at(-1)?.toFixed(1)}${PROFILE ? `; profile in ${PROFILE}` : ''}`,
  );
} finally {
  await server.close();
}
