// The /healthz probe of a load run, on a thread of its own: timed on the main thread, among hundreds of
// simulated phones parsing answers and building batches, it measured the load generator's own event-loop
// delay as much as the API's. A liveness probe (a load balancer's, Kubernetes') is a separate process;
// this thread is the nearest the run can get to one. Like Kubernetes' HTTP probes, each probe opens a new
// connection (Connection: close), so the time includes the API accepting it. Plain JavaScript so that tsx
// and vitest both load it.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';

const { url, everyMs, timeoutMs } = workerData;
const ms = [];
const failures = {};
let stopping = false;
parentPort.on('message', (message) => {
  if (message === 'stop') stopping = true;
});

function probe() {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, loopDelayMs: loopDelayOf(body) }));
      res.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
  });
}

// The API's event-loop delay as its health thread saw it when it answered (HEALTH_PORT's /healthz says it).
function loopDelayOf(body) {
  try {
    const delay = JSON.parse(body).loopDelayMs;
    return typeof delay === 'number' ? delay : undefined;
  } catch {
    return undefined;
  }
}

const loopDelays = [];
for (let tick = performance.now(); !stopping; tick += everyMs) {
  await sleep(Math.max(0, tick - performance.now()));
  if (stopping) break;
  const answer = await probe();
  if (answer.status === 200) ms.push(answer.ms);
  else failures[`healthz ${answer.status}`] = (failures[`healthz ${answer.status}`] ?? 0) + 1;
  if (answer.loopDelayMs !== undefined) loopDelays.push(answer.loopDelayMs);
}
parentPort.postMessage({ ms, loopDelays, failures });
