import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { send, type Answer } from './http-client.js';
import { LIST, phoneBatch, SUBMIT, type World } from './world.js';

export interface ScenarioOptions {
  name: string;
  url: string;
  /** The API's health checks on their own port (HEALTH_PORT), where the probe asks /healthz. */
  healthUrl: string;
  world: World;
  /** Simulated phones, each with one connection and one batch in flight at most. */
  writers: number;
  batchSize: number;
  /** Each phone sends a batch every this many ms (first at a random moment within it); 0: the next right after. */
  writerEveryMs: number;
  readers: number;
  /** Each supervisor lists again this many ms after the last list began; 0: right after it answered. */
  readerEveryMs: number;
  durationMs: number;
  /** As the phone does: after a 503 with Retry-After, wait that long before the same batch again. */
  honourRetryAfter: boolean;
  /** Resident memory of the API (kB), polled with /healthz. */
  memory: () => { rssKb: number; peakKb: number };
}

export interface ScenarioResult {
  name: string;
  wallMs: number;
  /** Latency (ms) of writes the server took (200), of its 503 refusals, of reads (200), of /healthz. */
  writeMs: number[];
  refusedMs: number[];
  readMs: number[];
  healthMs: number[];
  /** The API's event-loop delay (ms) at each probe, as its health thread saw it. */
  apiLoopDelayMs: number[];
  /** The load generator's own event-loop delay, p99 (ms): how late its clients saw their answers. */
  generatorLagP99Ms: number;
  /** Answers by kind: `write 200`, `write 503`, `read 0` (no answer), `write REJECTED` (a refused review)... */
  answers: Record<string, number>;
  /** Reviews the server acknowledged (created or already stored), and those only ever answered 503 (never stored). */
  accepted: string[];
  refusedAtEnd: string[];
  peakRssKb: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One scenario: phones sending batches of completed reviews through `submitReviews` and supervisors
 * listing reviews, against one running API, while /healthz is asked every 100 ms on the health checks'
 * own port, on a new connection each time as Kubernetes' probes do, from a thread of its own
 * (health-probe.worker.mjs). Everything is timed in the client: what a phone or a supervisor would wait,
 * and what a liveness probe would.
 */
export async function runScenario(o: ScenarioOptions): Promise<ScenarioResult> {
  // With a `timeout`, Node's agent drops an idle connection a second before the server's announced
  // Keep-Alive timeout (5 s), instead of reusing it just as the server closes it (ECONNRESET).
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.writers + o.readers, timeout: 60_000 });
  const result: ScenarioResult = {
    name: o.name,
    wallMs: 0,
    writeMs: [],
    refusedMs: [],
    readMs: [],
    healthMs: [],
    apiLoopDelayMs: [],
    generatorLagP99Ms: 0,
    answers: {},
    accepted: [],
    refusedAtEnd: [],
    peakRssKb: 0,
  };
  const count = (key: string) => (result.answers[key] = (result.answers[key] ?? 0) + 1);
  const started = performance.now();
  const end = started + o.durationMs;
  const running = () => performance.now() < end;

  const writer = async (n: number) => {
    const staff = o.world.staff[n % o.world.staff.length]!;
    let next = started + (o.writerEveryMs > 0 ? Math.random() * o.writerEveryMs : 0);
    let offset = n * o.batchSize;
    while (true) {
      await sleep(Math.max(0, Math.min(next, end) - performance.now()));
      if (!running()) return;
      const batch = phoneBatch(o.batchSize, staff, o.world.templateVersionId, (offset += o.batchSize));
      const body = JSON.stringify({ query: SUBMIT, variables: { input: batch } });
      // The same batch until the server takes it, as the outbox does; a 503 leaves it on the phone. After
      // an attempt without an answer the batch may be stored already: it is no longer "refused" at the end.
      let unanswered = false;
      for (;;) {
        const answer = await send(agent, `${o.url}/graphql`, 'POST', body, staff.token);
        if (answer.status === 0) {
          // No answer: the phone cannot know whether the batch was stored, so it sends the same one again.
          count(`write no answer (${answer.error ?? 'unknown'}), sent again`);
          unanswered = true;
          await sleep(1000);
          if (!running()) return;
          continue;
        }
        if (answer.status === 503) {
          count('write 503');
          result.refusedMs.push(answer.ms);
          if (!running()) {
            if (!unanswered) result.refusedAtEnd.push(...batch.map((r) => r.clientId));
            return;
          }
          if (o.honourRetryAfter)
            await sleep(Math.min(Number(answer.retryAfter ?? 1) * 1000 * (0.75 + Math.random() * 0.5), Math.max(0, end - performance.now())));
          continue;
        }
        recordWrite(answer, batch.length);
        break;
      }
      next = o.writerEveryMs > 0 ? next + o.writerEveryMs : performance.now();
    }
  };

  const recordWrite = (answer: Answer, size: number) => {
    const outcomes = answer.status === 200 ? parseOutcomes(answer.body) : null;
    if (!outcomes) {
      count(`write ${answer.status === 200 ? 'GraphQL error' : answer.status}`);
      return;
    }
    const good = outcomes.filter((r) => r.outcome === 'CREATED' || r.outcome === 'ALREADY_STORED');
    if (good.length === size) {
      count('write 200');
      result.writeMs.push(answer.ms);
    } else count('write REJECTED');
    result.accepted.push(...good.map((r) => r.clientId));
  };

  const reader = async (n: number) => {
    const token = o.world.supervisorTokens[n % o.world.supervisorTokens.length]!;
    const body = JSON.stringify({ query: LIST, variables: { first: 50 } });
    let next = started + (o.readerEveryMs > 0 ? Math.random() * o.readerEveryMs : 0);
    while (true) {
      await sleep(Math.max(0, Math.min(next, end) - performance.now()));
      if (!running()) return;
      const answer = await send(agent, `${o.url}/graphql`, 'POST', body, token);
      const ok = answer.status === 200 && !(JSON.parse(answer.body) as { errors?: unknown }).errors;
      count(`read ${ok ? 200 : answer.status === 200 ? 'GraphQL error' : answer.status === 0 ? `no answer (${answer.error ?? 'unknown'})` : answer.status}`);
      if (ok) result.readMs.push(answer.ms);
      next = o.readerEveryMs > 0 ? Math.max(next + o.readerEveryMs, performance.now()) : performance.now();
    }
  };

  // The API's memory, sampled every 100 ms.
  const memory = async () => {
    for (let tick = started; running(); tick += 100) {
      await sleep(Math.max(0, tick - performance.now()));
      result.peakRssKb = Math.max(result.peakRssKb, o.memory().rssKb);
    }
  };
  const probe = new Worker(new URL('./health-probe.worker.mjs', import.meta.url), {
    workerData: { url: `${o.healthUrl}/healthz`, everyMs: 100, timeoutMs: 5_000 },
  });
  const probed = new Promise<{ ms: number[]; loopDelays: number[]; failures: Record<string, number> }>((resolve, reject) => {
    probe.once('message', resolve);
    probe.once('error', reject);
  });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();

  await Promise.all([...Array.from({ length: o.writers }, (_, n) => writer(n)), ...Array.from({ length: o.readers }, (_, n) => reader(n)), memory()]);
  result.wallMs = performance.now() - started;
  lag.disable();
  result.generatorLagP99Ms = lag.percentile(99) / 1e6;
  probe.postMessage('stop');
  const health = await probed;
  await probe.terminate();
  result.healthMs = health.ms;
  result.apiLoopDelayMs = health.loopDelays;
  for (const [key, n] of Object.entries(health.failures)) result.answers[key] = (result.answers[key] ?? 0) + n;
  agent.destroy();
  return result;
}

function parseOutcomes(body: string): Array<{ clientId: string; outcome: string }> | null {
  try {
    const parsed = JSON.parse(body) as { data?: { submitReviews?: Array<{ clientId: string; outcome: string }> }; errors?: unknown };
    return parsed.errors ? null : (parsed.data?.submitReviews ?? null);
  } catch {
    return null;
  }
}
