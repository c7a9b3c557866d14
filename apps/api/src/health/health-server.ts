import { Worker } from 'node:worker_threads';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { LagMonitor } from '../shared/admission.js';
import { urlOf } from '../shared/listen.js';
import { securityHeaders } from '../shared/security-headers.js';

/**
 * `/healthz`: the process and its event loop answer. It does no I/O, so a slow database never makes an
 * orchestrator restart a healthy process. `/readyz`: the database answers too (503 when it does not), so a
 * load balancer sends no requests to an instance that cannot serve them.
 */
export function healthRoutes(dataSource: DataSource, log: Logger): Router {
  const routes = Router();
  routes.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  routes.get('/readyz', async (_req, res) => {
    if (await databaseAnswers(dataSource, log)) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'database unreachable' });
  });
  return routes;
}

/** Whether the database answers a query now (a failure is logged, not thrown). */
async function databaseAnswers(dataSource: DataSource, log: Logger): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch (error) {
    log.warn({ err: error }, 'readiness check failed');
    return false;
  }
}

export interface HealthServer {
  /** `http://host:port`; the checks are at `/healthz` and `/readyz`. */
  url: string;
  close(): Promise<void>;
}

export interface HealthServerOptions {
  port: number;
  host: string;
  /** Asked by /readyz (SELECT 1). */
  dataSource: DataSource;
  log: Logger;
  /** /healthz answers 503 once the API's event loop has not turned for longer than this (ms). */
  maxLoopDelayMs: number;
  /** The API thread's ticker (admission control's lag monitor): each tick marks the heartbeat. */
  loop: Pick<LagMonitor, 'intervalMs' | 'onTick'>;
}
/** How long /readyz waits for the API's thread and its database before it answers 503 (ms). */
const READY_TIMEOUT_MS = 5_000;

/**
 * The health checks on a port of their own (HEALTH_PORT), answered by a thread of their own
 * (health-thread.mjs). The API's thread marks a shared heartbeat at each tick of its lag monitor (20 ms); `/healthz` there answers 200
 * while the mark is fresh and 503 once the API's event loop has not turned for `maxLoopDelayMs`, so a stuck
 * API still fails its probe, but a busy one is not reported dead for being busy. `/readyz` asks the API's
 * thread to query the database, so it answers only when that thread and its database both do.
 *
 * Why not the API's own thread, on PORT, as before: there a probe waits its turn behind the requests.
 * - Since libuv 1.45 (Node 20) a listening socket accepts one new connection per turn of the event loop
 *   (libuv#3696, nodejs/node#57364). When hundreds of phones connect at once, a probe's new connection waits
 *   behind them in the kernel's accept queue: in a saturation run 146 connections arrived within 80 ms and
 *   the last was accepted 0.86 s later.
 * - After that, a new connection needs about two turns of the loop (accept, then read), and under
 *   saturation a turn runs the requests let in and all that their answers set off: 50–150 ms. A probe that
 *   connects afresh each time, as Kubernetes' does, had p99 198 ms on a port of its own but on that thread.
 * A liveness probe asks "has this process stopped serving?", and the heartbeat answers exactly that.
 *
 * Nothing else is served here: no GraphQL, no app, so the port can stay inside the cluster.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const heartbeat = new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT);
  const lastBeat = new BigInt64Array(heartbeat);
  const beat = () => Atomics.store(lastBeat, 0, BigInt(Math.round(performance.timeOrigin + performance.now())));
  beat();
  const stopBeating = options.loop.onTick(beat);

  const thread = new Worker(new URL('./health-thread.mjs', import.meta.url), {
    workerData: {
      port: options.port,
      host: options.host,
      heartbeat,
      beatEveryMs: options.loop.intervalMs,
      maxLoopDelayMs: options.maxLoopDelayMs,
      readyTimeoutMs: READY_TIMEOUT_MS,
      headers: securityHeaderValues(),
    },
    // Its own small heap: it holds a server and a few sockets.
    resourceLimits: { maxOldGenerationSizeMb: 32 },
  });
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      thread.on('message', (message: ThreadMessage) => {
        if (message.type === 'listening') resolve(message.port);
        if (message.type === 'error') reject(Object.assign(new Error(message.message), { code: message.code, port: message.port }));
        if (message.type === 'readyz') {
          void databaseAnswers(options.dataSource, options.log).then((ok) =>
            thread.postMessage({ type: 'ready', id: message.id, ok, status: 'database unreachable' }),
          );
        }
      });
      thread.once('error', reject);
      thread.once('exit', (code) => reject(new Error(`The health checks' thread exited (${code}) before it listened`)));
    });
    // From here a failure of the thread is logged: its port then refuses, and the orchestrator restarts the instance.
    thread.on('error', (error) => options.log.error({ err: error }, "the health checks' thread failed"));
    return {
      url: urlOf(options.host, port),
      async close() {
        stopBeating();
        thread.postMessage({ type: 'close' });
        await exited;
      },
    };
  } catch (error) {
    stopBeating();
    await thread.terminate();
    throw error;
  }
}

type ThreadMessage = { type: 'listening'; port: number } | { type: 'error'; code: string; message: string; port: number } | { type: 'readyz'; id: number };

/**
 * The headers securityHeaders() puts on every answer, as names and values: the health thread answers
 * without Express, and must send what every other answer of the API sends (a test compares them).
 */
function securityHeaderValues(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  securityHeaders()({ method: 'GET', path: '/healthz' } as Request, res as unknown as Response, () => undefined);
  return headers;
}
