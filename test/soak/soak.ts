import { startApiInstances, type ApiInstance } from './api-instances.js';
import { check, type Verdict } from './checker.js';
import { startFaultProxy, type FaultCounts, type FaultProxy } from './fault-proxy.js';
import { Phone } from './phone.js';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.js';
import pg from 'pg';
import { seededRandom } from './random.js';

/*
 * The sync soak (issue 11 §1): phones running the staff app's outbox against two API instances on one
 * PostgreSQL, through a proxy that drops, duplicates, reorders and slows deliveries, while phones, API
 * instances and the database are killed and restarted. Then the faults stop, the phones drain, and the
 * checker compares what the phones finished with what the server holds.
 */

export interface SoakSize {
  phones: number;
  reviewsPerPhone: number;
  /** Reviews a phone finishes between two flushes. */
  reviewsPerFlush: number;
  dropBefore: number;
  dropAfter: number;
  duplicate: number;
  slow: number;
  killFlush: number;
  apiKills: number;
  postgresRestarts: number;
  seed: number;
  /** The longest a phone may take to empty its outbox once the faults stopped. */
  maxStallMs: number;
  /**
   * Recipients added to each unit before the phones sign in. The demo's few dozen would each gather
   * thousands of reviews in a full run (50 × 2,000 over them), and a recipient's indicator facts are
   * recomputed from all of its reviews at each write (docs/indicators.md): the writes then slowed as the
   * run went on, which no municipality's data does (a person gets a review or two a year). 0: the demo's.
   */
  recipientsPerUnit?: number;
}

export interface SoakResult {
  size: SoakSize;
  verdict: Verdict;
  faults: FaultCounts & { phoneKills: number; apiKills: number; postgresRestarts: number; apiCrashes: number };
  stallsMs: number[];
  /** Phones still not empty when the soak stopped waiting. */
  stalledPhones: number;
  elapsedMs: number;
  ok: boolean;
}

const STAFF = [
  'personal@demo.hjulet.se',
  'personal2@demo.hjulet.se',
  'personal.soder@demo.hjulet.se',
  'personal.centrum@demo.hjulet.se',
  'personal.kolmarden@demo.hjulet.se',
];
const PASSWORD = 'hjulet-demo-2026';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything the soak started, stopped on the way out whatever happened. */
class Resources {
  postgres?: PrivatePostgres;
  apis: ApiInstance[] = [];
  proxy?: FaultProxy;
  async release(): Promise<void> {
    await this.proxy?.close().catch(() => undefined);
    await Promise.all(this.apis.map((api) => api.kill().catch(() => undefined)));
    this.postgres?.stop();
  }
}

/** `perUnit` more recipients in every unit that has one, like it in municipality, area and housing. */
async function addRecipients(databaseUrl: string, perUnit: number): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type, created_at)
       SELECT gen_random_uuid(), m.municipality_id, 'soak-' || m.n || '-' || k, m.unit_id, m.area_id, m.housing_type, now() - interval '1 year'
       FROM (SELECT DISTINCT ON (unit_id) *, row_number() OVER () AS n FROM care_recipient WHERE active ORDER BY unit_id, id) m
       CROSS JOIN generate_series(1, $1::int) k`,
      [perUnit],
    );
  } finally {
    await db.end();
  }
}

export async function runSoak(size: SoakSize, log: (line: string) => void = () => undefined): Promise<SoakResult> {
  const started = Date.now();
  const random = seededRandom(size.seed);
  const resources = new Resources();
  const onExit = () => void resources.release();
  process.once('SIGINT', onExit);
  process.once('SIGTERM', onExit);
  try {
    resources.postgres = await startPrivatePostgres();
    log(`PostgreSQL (private) at ${resources.postgres.url}`);
    resources.apis = await startApiInstances(2, resources.postgres.url);
    log(`API instances on ports ${resources.apis.map((a) => a.port).join(', ')}`);
    if (size.recipientsPerUnit) {
      await addRecipients(resources.postgres.url, size.recipientsPerUnit);
      log(`${size.recipientsPerUnit} recipients added to each unit`);
    }
    const proxy = (resources.proxy = await startFaultProxy(resources.apis, size, random));
    // A browser resolves the app's relative '/graphql' against its origin; the phones' origin is the proxy.
    const nodeFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => nodeFetch(typeof input === 'string' && input.startsWith('/') ? `${proxy.url}${input}` : input, init);

    const phones = Array.from(
      { length: size.phones },
      (_, index) => new Phone({ index, apiUrl: proxy.url, email: STAFF[index % STAFF.length]!, password: PASSWORD, random }),
    );
    for (const phone of phones) await phone.setUp();
    log(`${phones.length} phones logged in; faults on`);

    proxy.setFaults(true);
    const chaos: Chaos = { apiKills: 0, postgresRestarts: 0, gate: 0 };
    const total = size.phones * size.reviewsPerPhone;
    const finished = () => phones.reduce((sum, p) => sum + p.completed.size, 0);
    const chaosDone = runChaos(size, resources, chaos, () => finished() / total, random, log);

    const waiting = new Map<Phone, number>();
    const flushUnderFaults = async (phone: Phone) => {
      // Killed mid-batch: only a flush with something to send can be.
      const kill = (waiting.get(phone) ?? 0) > 0 && random() < size.killFlush;
      await phone.flush(kill ? random() * 300 : undefined).catch(() => undefined);
      waiting.set(phone, (await phone.leftOnPhone()).outbox);
    };
    await Promise.all(
      phones.map(async (phone) => {
        const allowed = () => Math.min(size.reviewsPerPhone, Math.ceil(chaos.gate * size.reviewsPerPhone));
        while (phone.completed.size < size.reviewsPerPhone) {
          // At the next fault's gate: keep syncing what is finished, and wait for the fault to begin.
          while (phone.completed.size >= allowed()) {
            if ((waiting.get(phone) ?? 0) > 0) await flushUnderFaults(phone);
            await sleep(200);
          }
          const batch = Math.min(size.reviewsPerFlush, allowed() - phone.completed.size);
          for (let i = 0; i < batch; i++) await phone.completeReview();
          waiting.set(phone, (waiting.get(phone) ?? 0) + batch);
          await flushUnderFaults(phone);
        }
      }),
    );
    await chaosDone;
    proxy.setFaults(false);
    const faultsStopped = Date.now();
    log(`all ${finished()} reviews finished on the phones; faults off, draining`);

    // After the faults: the app's triggers keep flushing (every second here) until each outbox is empty.
    const stallsMs: number[] = [];
    let stalledPhones = 0;
    await Promise.all(
      phones.map(async (phone) => {
        for (;;) {
          const left = await phone.leftOnPhone();
          if (left.outbox === 0) return void stallsMs.push(Date.now() - faultsStopped);
          if (Date.now() - faultsStopped > size.maxStallMs + 30_000) return void (stalledPhones += 1);
          await phone.flush().catch(() => undefined);
          await sleep(1_000);
        }
      }),
    );

    const verdict = await check(resources.postgres.url, phones);
    const apiCrashes = resources.apis.reduce((sum, api) => sum + api.crashes.length, 0);
    for (const api of resources.apis) for (const crash of api.crashes) log(crash);
    const faults = { ...proxy.counts, phoneKills: phones.reduce((sum, p) => sum + p.kills, 0), ...chaos, apiCrashes };
    const ok =
      verdict.lost === 0 &&
      verdict.duplicated === 0 &&
      verdict.altered === 0 &&
      verdict.unexpected === 0 &&
      verdict.leftInOutboxes === 0 &&
      verdict.leftInAttention === 0 &&
      stalledPhones === 0 &&
      Math.max(0, ...stallsMs) <= size.maxStallMs &&
      apiCrashes === 0;
    return { size, verdict, faults, stallsMs, stalledPhones, elapsedMs: Date.now() - started, ok };
  } finally {
    process.off('SIGINT', onExit);
    process.off('SIGTERM', onExit);
    await resources.release();
  }
}

interface Chaos {
  apiKills: number;
  postgresRestarts: number;
  /** How far (a fraction of its reviews) each phone may go before the next fault. */
  gate: number;
}

/**
 * Kills an API instance with SIGKILL (and starts it again) and restarts PostgreSQL, spread evenly over
 * the run. The phones stop at each fault's gate; the fault begins just after they are let go, so it
 * meets requests in flight (a restart takes longer than a small run's traffic would otherwise last).
 */
async function runChaos(
  size: SoakSize,
  resources: Resources,
  chaos: Chaos,
  progress: () => number,
  random: () => number,
  log: (line: string) => void,
): Promise<void> {
  const kinds: Array<'api' | 'postgres'> = [
    ...Array.from({ length: size.apiKills }, (_, i) => ({ order: (i + 0.5) / size.apiKills, kind: 'api' as const })),
    ...Array.from({ length: size.postgresRestarts }, (_, i) => ({ order: (i + 1) / (size.postgresRestarts + 1), kind: 'postgres' as const })),
  ]
    .sort((a, b) => a.order - b.order)
    .map((e) => e.kind);
  const gates = kinds.map((_, i) => ((i + 1) / (kinds.length + 1)) * 0.9);
  chaos.gate = gates[0] ?? 1;
  for (const [i, kind] of kinds.entries()) {
    while (progress() < gates[i]! - 1e-9) await sleep(100);
    chaos.gate = gates[i + 1] ?? 1;
    await sleep(200 + random() * 300);
    if (kind === 'api') {
      const api = resources.apis[Math.floor(random() * resources.apis.length)]!;
      await api.kill();
      log(`SIGKILL API on port ${api.port} at ${Math.round(progress() * 100)} %`);
      await sleep(500 + random() * 1_500);
      await api.start();
      chaos.apiKills += 1;
    } else {
      log(`restarting PostgreSQL at ${Math.round(progress() * 100)} %`);
      await resources.postgres!.restart();
      chaos.postgresRestarts += 1;
    }
  }
  chaos.gate = 1;
}

/** The figures, as the issue asks for them. */
export function formatResult(result: SoakResult): string {
  const { size, verdict, faults, stallsMs } = result;
  const sorted = [...stallsMs].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
  const rows: Array<[string, string | number]> = [
    ['phones × reviews', `${size.phones} × ${size.reviewsPerPhone}`],
    [
      'fault rates',
      `drop before ${size.dropBefore}, drop after ${size.dropAfter}, duplicate ${size.duplicate}, slow ${size.slow}, kill flush ${size.killFlush}`,
    ],
    ['reviews sent (finished on phones)', verdict.sent],
    ['reviews stored', verdict.stored],
    ['reviews lost', verdict.lost],
    ['reviews duplicated', verdict.duplicated],
    ['stored with other content', verdict.altered],
    ['unexpected rows', verdict.unexpected],
    ['left in outboxes', verdict.leftInOutboxes],
    ['left in needs attention', verdict.leftInAttention],
    ['requests through the proxy', faults.requests],
    ['requests dropped before the server', faults.droppedBeforeServer],
    ['responses dropped after the commit', faults.droppedAfterCommit],
    ['duplicated deliveries', faults.duplicated],
    ['  of which reordered', faults.reordered],
    ['slow deliveries', faults.slow],
    ['502 from the proxy (server died mid-request)', faults.badGateway],
    ['phones killed mid-flush', faults.phoneKills],
    ['API instances killed (SIGKILL)', faults.apiKills],
    ['PostgreSQL restarts', faults.postgresRestarts],
    ['API crashes (unplanned)', faults.apiCrashes],
    ['drain after faults stopped, p50 / max', `${(at(0.5) / 1000).toFixed(1)} s / ${(at(1) / 1000).toFixed(1)} s`],
    [`phones stalled > ${size.maxStallMs / 1000} s`, stallsMs.filter((ms) => ms > size.maxStallMs).length + result.stalledPhones],
    ['elapsed', `${(result.elapsedMs / 1000).toFixed(0)} s`],
    ['verdict', result.ok ? 'PASS' : 'FAIL'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
