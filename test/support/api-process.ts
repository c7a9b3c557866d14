import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The one way the cross-app tests (e2e, load, soak, the webhook restart test) start the API: a child
 * process running apps/api/src/main.ts under tsx, as `pnpm start` does, that counts as started when it
 * prints its ready line. Each caller chooses the environment; this module owns the spawning, the wait,
 * the output it keeps and the ways to end the process.
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const API_DIR = path.join(REPO_ROOT, 'apps/api');

/**
 * The arguments of `pnpm start` (apps/api/package.json, `node <flags> --import tsx src/main.ts`), run here
 * without a shell so that the pid is the API's own. Its flags are Node's for the API (docs/scaling.md).
 */
const START_ARGS = (() => {
  const start: string = JSON.parse(readFileSync(path.join(API_DIR, 'package.json'), 'utf8')).scripts.start;
  const [command, ...args] = start.split(/\s+/);
  if (command !== 'node' || args.at(-1) !== 'src/main.ts') throw new Error(`apps/api's start script is not "node … src/main.ts": ${start}`);
  return args;
})();

/** The banner line main.ts prints once it listens (printBanner). */
const READY = /Hjulet is running: (http:\/\/\S+)/;
/** The banner's line for the health checks' own port, printed with HEALTH_PORT. */
const HEALTH = /Health checks:\s+(http:\/\/\S+)\/healthz /;

/** How much of the process's output is kept for error messages: a long run's warnings must not grow it without bound. */
const OUTPUT_TAIL = 20_000;

export interface ApiProcessOptions {
  /** The whole environment of the process (see `inheritedEnv`): nothing else is added. */
  env: NodeJS.ProcessEnv;
  /** How long to wait for the ready line. */
  readyTimeoutMs?: number;
  /**
   * Its own process group, ended as a group (`stop` and `kill` signal `-pid`): for callers that
   * must be sure nothing the API started outlives it.
   */
  detached?: boolean;
  /** A file that receives all of the process's output (stdout and stderr). */
  logFile?: string;
  /** SIGTERM first, then SIGKILL after this many ms (the API drains, then closes its pool). */
  stopGraceMs?: number;
}

export interface ApiProcess {
  /** The URL from the ready line. */
  readonly url: string;
  /** The health checks' own listener (`http://host:port`) when HEALTH_PORT was set. */
  readonly healthUrl: string | undefined;
  readonly child: ChildProcess;
  /** The API's own pid: node runs main.ts itself, no wrapper process between. */
  readonly pid: number;
  /** The tail of what it printed. */
  output(): string;
  /** SIGTERM, SIGKILL if it lingers past `stopGraceMs`; a no-op once it has exited. */
  stop(): Promise<void>;
  /** SIGKILL, no draining: a crash, a power cut. Resolves once it has exited. */
  kill(): Promise<void>;
}

/**
 * This process's environment without what belongs to the test runner (`VITEST*`, and by default
 * `NODE_ENV`, which vitest sets to `test`), less the names in `drop`.
 */
export function inheritedEnv(drop: { prefixes?: string[]; names?: string[] } = {}): NodeJS.ProcessEnv {
  const prefixes = ['VITEST', ...(drop.prefixes ?? [])];
  const names = new Set(drop.names ?? ['NODE_ENV']);
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !names.has(name) && !prefixes.some((p) => name.startsWith(p))));
}

/** Starts the API and answers once it printed its ready line; if it exits or times out first, it is stopped and the error says what it printed. */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const { env, readyTimeoutMs = 120_000, detached = false, logFile, stopGraceMs = 3_000 } = options;
  // API_CPU_PROF_DIR: a CPU profile of the API's run is written there (bench/summarise-profile.ts reads it).
  const profile = process.env['API_CPU_PROF_DIR'] ? ['--cpu-prof', '--cpu-prof-dir', process.env['API_CPU_PROF_DIR']] : [];
  const child = spawn(process.execPath, [...profile, ...START_ARGS], {
    cwd: API_DIR,
    env,
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (logFile) {
    const log = createWriteStream(logFile);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_TAIL));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const signal = (name: NodeJS.Signals) => {
    try {
      if (detached) process.kill(-(child.pid as number), name);
      else child.kill(name);
    } catch {
      // Already gone.
    }
  };
  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const exited = () => new Promise<void>((resolve) => (running() ? child.once('exit', () => resolve()) : resolve()));

  const handle = {
    output: () => output,
    async stop() {
      if (!running()) return;
      const gone = exited();
      signal('SIGTERM');
      const late = await Promise.race([gone.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), stopGraceMs))]);
      if (late) {
        signal('SIGKILL');
        await gone;
      }
    },
    async kill() {
      if (!running()) return;
      const gone = exited();
      signal('SIGKILL');
      await gone;
    },
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The API did not start within ${readyTimeoutMs / 1000} s:\n${output.slice(-3_000)}`)), readyTimeoutMs);
      const onData = () => {
        const match = READY.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code, signalName) => {
        clearTimeout(timer);
        reject(new Error(`The API exited (${code ?? signalName}) before it was ready:\n${output.slice(-3_000)}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return { ...handle, url, healthUrl: HEALTH.exec(output)?.[1], child, pid: child.pid as number };
  } catch (error) {
    await handle.stop();
    throw error;
  }
}
