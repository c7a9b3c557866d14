import { startApiProcess, type ApiProcess } from './api-process.js';
import { summarise, type Summary } from './report.js';
import { runScenario, type ScenarioResult } from './scenario.js';
import { loadWorld, storedOf } from './world.js';

export interface LoadOptions {
  /** A PostgreSQL server; each API instance gets a throwaway database on it. */
  serverUrl: string;
  writers: number;
  readers: number;
  batchSize: number;
  /** Realistic: each phone syncs every `syncEveryMs`, each supervisor lists every `dashboardEveryMs`. */
  syncEveryMs: number;
  dashboardEveryMs: number;
  realisticSeconds: number;
  saturationSeconds: number;
  /** Also run saturation against an instance with admission control off, as the figure to compare with. */
  baseline: boolean;
  honourRetryAfter: boolean;
  /** Under saturation, each supervisor lists again this many ms after the last list began; 0: right after it answered. */
  saturationDashboardEveryMs: number;
  /** Settings for the instance with admission control (ADMISSION_*); the baseline turns it off. */
  apiEnv?: Record<string, string>;
  log?: (line: string) => void;
}

/** What the database says about one instance's run: every accepted review once, nothing of a refused batch. */
export interface StoreCheck {
  instance: string;
  accepted: number;
  stored: number;
  duplicated: number;
  refusedAtEnd: number;
  storedOfRefused: number;
}

export interface LoadReport {
  summaries: Summary[];
  checks: StoreCheck[];
  results: ScenarioResult[];
}

/** Reads the LOAD_* variables (README, "Load"); the defaults are the full size the issue asks for. */
export function loadOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const num = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a number ≥ 0, not "${value}"`);
    return parsed;
  };
  return {
    serverUrl: env['LOAD_DATABASE_URL'] ?? env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
    writers: num('LOAD_WRITERS', 200),
    readers: num('LOAD_READERS', 20),
    batchSize: num('LOAD_BATCH_SIZE', 10),
    syncEveryMs: num('LOAD_SYNC_EVERY_MS', 30_000),
    dashboardEveryMs: num('LOAD_DASHBOARD_EVERY_MS', 5_000),
    realisticSeconds: num('LOAD_REALISTIC_SECONDS', 60),
    saturationSeconds: num('LOAD_SATURATION_SECONDS', 30),
    baseline: env['LOAD_BASELINE'] !== '0',
    honourRetryAfter: env['LOAD_HONOUR_RETRY_AFTER'] !== '0',
    saturationDashboardEveryMs: num('LOAD_SATURATION_DASHBOARD_EVERY_MS', 0),
  };
}

/**
 * The load run: with `baseline`, first saturation against an instance with admission control off; then,
 * on a fresh instance with admission control as configured, the realistic scenario and saturation. Each
 * instance runs on its own throwaway database, checked at the end and dropped.
 */
export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const log = o.log ?? (() => {});
  const report: LoadReport = { summaries: [], checks: [], results: [] };
  const common = { writers: o.writers, readers: o.readers, batchSize: o.batchSize, honourRetryAfter: o.honourRetryAfter };

  const onInstance = async (instance: string, env: Record<string, string>, scenarios: Array<{ name: string; realistic: boolean; seconds: number }>) => {
    log(`starting an API instance (${instance}) on a throwaway database…`);
    const api: ApiProcess = await startApiProcess(o.serverUrl, env);
    try {
      const world = await loadWorld(api.url, api.databaseUrl, o.writers);
      const results: ScenarioResult[] = [];
      for (const s of scenarios) {
        log(`${s.name}: ${o.writers} phones, ${o.readers} supervisors, ${s.seconds} s…`);
        const result = await runScenario({
          ...common,
          name: s.name,
          url: api.url,
          healthUrl: api.healthUrl,
          world,
          writerEveryMs: s.realistic ? o.syncEveryMs : 0,
          readerEveryMs: s.realistic ? o.dashboardEveryMs : o.saturationDashboardEveryMs,
          durationMs: s.seconds * 1000,
          memory: api.memory,
        });
        results.push(result);
        report.summaries.push(summarise(result));
      }
      const accepted = [...new Set(results.flatMap((r) => r.accepted))];
      const refused = results.flatMap((r) => r.refusedAtEnd);
      const inDb = await storedOf(api.databaseUrl, accepted);
      const ofRefused = await storedOf(api.databaseUrl, refused);
      report.checks.push({
        instance,
        accepted: accepted.length,
        stored: inDb.stored,
        duplicated: inDb.duplicated,
        refusedAtEnd: refused.length,
        storedOfRefused: ofRefused.stored,
      });
      report.results.push(...results);
      log(`${instance}: peak RSS of the API process over its life (VmHWM) ${Math.round(api.memory().peakKb / 1024)} MB`);
    } finally {
      await api.stop();
    }
  };

  if (o.baseline && o.saturationSeconds > 0) {
    await onInstance('admission off', { ADMISSION_WRITE_CONCURRENCY: '0', ADMISSION_READ_CONCURRENCY: '0', ADMISSION_WRITE_MAX_LAG_MS: '0' }, [
      { name: 'saturation, admission off', realistic: false, seconds: o.saturationSeconds },
    ]);
  }
  const scenarios = [
    ...(o.realisticSeconds > 0 ? [{ name: 'realistic', realistic: true, seconds: o.realisticSeconds }] : []),
    ...(o.saturationSeconds > 0 ? [{ name: 'saturation, admission on', realistic: false, seconds: o.saturationSeconds }] : []),
  ];
  await onInstance('admission on', o.apiEnv ?? {}, scenarios);
  return report;
}
