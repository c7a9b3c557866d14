import type { Logger } from 'pino';

export interface PeriodicTask {
  /** Stops the timer and waits for a run in progress, so nothing queries a closed database. */
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs` after the previous run ended (runs never overlap), until stopped. A failed
 * run is logged and the next one comes as usual. `intervalMs` 0 runs nothing. Timers are unref'd: they do
 * not keep the process alive.
 */
export function startPeriodic(name: string, intervalMs: number, work: () => Promise<unknown>, log?: Logger): PeriodicTask {
  if (intervalMs <= 0) return { stop: async () => {} };
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = work()
        .then(
          () => undefined,
          (error: unknown) => log?.error({ err: error, task: name }, 'periodic task failed'),
        )
        .finally(() => {
          running = null;
          schedule();
        });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
