// The health checks' own port (HEALTH_PORT), served by a thread of its own: see health-server.ts for why.
// Plain JavaScript: the API runs under tsx, but this thread must also start where no TypeScript loader is
// registered (the API's tests run in vitest), and it needs nothing of the API but what it is given.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ port: number, host: string, heartbeat: SharedArrayBuffer, beatEveryMs: number, maxLoopDelayMs: number, readyTimeoutMs: number, headers: Record<string, string> }} */
const { port, host, heartbeat, beatEveryMs, maxLoopDelayMs, readyTimeoutMs, headers } = workerData;
const lastBeat = new BigInt64Array(heartbeat);
/** Readiness asked of the API's thread and not yet answered, by id. */
const readiness = new Map();
let nextId = 0;

/** How long the API's event loop has gone without turning, beyond its heartbeat's own period (ms). */
const loopDelayMs = () => Math.max(0, Math.round(performance.timeOrigin + performance.now() - Number(Atomics.load(lastBeat, 0)) - beatEveryMs));

function answer(res, status, body) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (typeof body === 'string') res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  else res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const path = (req.url ?? '').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 404, 'Not found');
  if (path === '/healthz') {
    const delay = loopDelayMs();
    return delay > maxLoopDelayMs
      ? answer(res, 503, { status: 'event loop stalled', loopDelayMs: delay })
      : answer(res, 200, { status: 'ok', loopDelayMs: delay });
  }
  if (path === '/readyz') {
    // The database is the API thread's to ask: its pool, its connection settings.
    const id = nextId++;
    const timer = setTimeout(() => settle(id, { ok: false, status: 'no answer from the API thread' }), readyTimeoutMs);
    readiness.set(id, { res, timer });
    parentPort.postMessage({ type: 'readyz', id });
    return;
  }
  return answer(res, 404, 'Not found');
});

function settle(id, { ok, status }) {
  const waiting = readiness.get(id);
  if (!waiting) return;
  readiness.delete(id);
  clearTimeout(waiting.timer);
  answer(waiting.res, ok ? 200 : 503, { status: ok ? 'ready' : status });
}

parentPort.on('message', (message) => {
  if (message.type === 'ready') settle(message.id, message);
  if (message.type === 'close') {
    for (const id of [...readiness.keys()]) settle(id, { ok: false, status: 'shutting down' });
    server.close(() => parentPort.close());
    server.closeAllConnections();
  }
});
server.on('error', (error) => parentPort.postMessage({ type: 'error', code: error.code, message: error.message, port }));
server.listen(port, host, () => parentPort.postMessage({ type: 'listening', port: server.address().port }));
