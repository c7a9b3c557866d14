/**
 * Profiles the supervisor's list, `reviews(first: 50)` with the load test's nested fields: starts a test
 * server (embedded PGlite, or the database at DATABASE_URL), stores REVIEWS reviews, then profiles the CPU
 * while listing CALLS times, and writes the profile to PROFILE (list.cpuprofile).
 * `tsx summarise-profile.ts list.cpuprofile` says where the time went.
 *   DATABASE_URL=… NODE_ENV=production tsx --tsconfig ../tsconfig.base.json profile-list.ts
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startTestServer, DEMO } from '@hjulet/api/test-support/test-server.js';
import { asPhoneSends, batchOf, PHONE_SUBMIT } from './phone-submit.js';
import { LIST_REVIEWS } from './list-reviews.js';

const CALLS = Number(process.env['CALLS'] ?? 40);
const REVIEWS = Number(process.env['REVIEWS'] ?? 1000);
const PROFILE = process.env['PROFILE'] ?? 'list.cpuprofile';

const server = await startTestServer({ recipientCount: 120 });
try {
  const staff = await server.tokenFor(DEMO.staff);
  const manager = await server.tokenFor(DEMO.manager);
  const norr = server.seed.recipients.filter((r) => r.unitId === server.seed.unitIds[0]).map((r) => r.id);
  for (let stored = 0; stored < REVIEWS; stored += 500) {
    const res = await server.gql(PHONE_SUBMIT, { input: asPhoneSends(batchOf(500, norr, server.seed.templateVersionId)) }, staff);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
  const list = async () => {
    const res = await server.gql<{ reviews: { edges: unknown[] } }>(LIST_REVIEWS, { first: 50 }, manager);
    if (res.errors || res.data?.reviews.edges.length !== 50) throw new Error(JSON.stringify(res.errors));
  };
  for (let i = 0; i < 10; i++) await list();

  const session = new Session();
  session.connect();
  if (PROFILE) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) {
    server.reports.length = 0;
    await list();
    times.push((await server.lastReport('List')).durationMs);
  }
  const used = process.cpuUsage(cpu);
  if (PROFILE) writeFileSync(PROFILE, JSON.stringify((await session.post('Profiler.stop')).profile));
  session.disconnect();
  times.sort((a, b) => a - b);
  console.log(
    `reviews(first: 50): server-side median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms; CPU per call (this process, server and client) ${((used.user + used.system) / 1000 / CALLS).toFixed(1)} ms`,
  );
} finally {
  await server.close();
}
