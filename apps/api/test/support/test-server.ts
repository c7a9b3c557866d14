import { startApp, type RequestReport, type RunningApp } from '../../src/app.js';
import { createServices } from '../../src/services.js';
import { loadConfig, type Config } from '../../src/shared/config.js';
import { createThrowawayDatabase, startEmbeddedDatabase, type DatabaseHandle } from '../../src/shared/database.js';
import { openDataSource } from '../../src/shared/data-source.js';
import { createLogger } from '../../src/shared/logger.js';
import { DEMO_PASSWORD, seedDemo, type DemoSeed } from '../../src/seed/demo-seed.js';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string | null; stacktrace?: unknown; issues?: unknown[] } }>;
}

export interface TestServer {
  url: string;
  kind: DatabaseHandle['kind'];
  config: Config;
  dataSource: DataSource;
  seed: DemoSeed;
  app: RunningApp;
  /** Every GraphQL request's report, newest last. */
  reports: RequestReport[];
  /** The report of the latest request with that operation name (waits for it: reports come at response end). */
  lastReport(operationName: string): Promise<RequestReport>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** An access token for a demo user (password DEMO_PASSWORD). */
  tokenFor(email: string): Promise<string>;
  /** Row counts of every table, to show that a refused request changed nothing. */
  tableCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export const DEMO = {
  staff: 'personal@demo.hjulet.se',
  staff2: 'personal2@demo.hjulet.se',
  staffSoder: 'personal.soder@demo.hjulet.se',
  staffKolmarden: 'personal.kolmarden@demo.hjulet.se',
  staffCentrum: 'personal.centrum@demo.hjulet.se',
  manager: 'enhetschef@demo.hjulet.se',
  managerSoder: 'enhetschef.soder@demo.hjulet.se',
  coordinator: 'kvalitet@demo.hjulet.se',
  admin: 'admin@demo.hjulet.se',
} as const;

/**
 * A running API over real HTTP on a fresh database: an in-memory PGlite, or, when DATABASE_URL is set,
 * a new database on that server (dropped at close). Seeded with the demo municipality.
 */
export async function startTestServer(
  options: { recipientCount?: number; env?: Record<string, string>; pwaDist?: string; /** Where the API logs (silent when not given). */ log?: Logger } = {},
): Promise<TestServer> {
  const serverUrl = process.env['DATABASE_URL'];
  const db = serverUrl ? await createThrowawayDatabase(serverUrl) : await startEmbeddedDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    REFRESH_GRACE_SECONDS: '2',
    // Every test sends from 127.0.0.1: the feedback limit has its own test (feedback.http.test.ts) that sets it low.
    FEEDBACK_ADDRESS_MAX_SUBMISSIONS: '1000000',
    ...(options.pwaDist ? { PWA_DIST: options.pwaDist } : {}),
    ...options.env,
  });
  const log = options.log ?? createLogger('silent');
  const dataSource = await openDataSource(db, log);
  const seed = await seedDemo(dataSource, createServices(dataSource, config), options);
  const reports: RequestReport[] = [];
  const app = await startApp({ config, dataSource, log, onRequest: (r) => reports.push(r) });
  const tokens = new Map<string, string>();

  const gql: TestServer['gql'] = async (query, variables, token) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
    return { status: response.status, ...body } as GraphQLResponse<never>;
  };

  return {
    url: app.url,
    kind: db.kind,
    config,
    dataSource,
    seed,
    app,
    reports,
    gql,
    async lastReport(operationName) {
      for (let attempt = 0; attempt < 100; attempt++) {
        const found = reports.findLast((r) => r.operationName === operationName);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no report for ${operationName}`);
    },
    async tokenFor(email) {
      const cached = tokens.get(email);
      if (cached) return cached;
      const res = await gql<{ login: { accessToken: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
        e: email,
        p: DEMO_PASSWORD,
      });
      const token = res.data?.login.accessToken;
      if (!token) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
      tokens.set(email, token);
      return token;
    },
    async tableCounts() {
      const tables = [
        'municipality',
        'administration',
        'unit',
        'area',
        'app_user',
        'care_recipient',
        'checklist_template',
        'template_version',
        'review',
        'identified_risk',
        'follow_up_action',
        'discarded_result',
        'partner_client',
        'partner_client_area',
        'role_mapping',
        'identity_setting',
        'feedback_case',
        'feedback_counter',
        'routine_process',
        'process_activity',
        'routine',
        'routine_confirmation',
        'lex_sarah_receiver',
        'deviation',
        'deviation_action',
        'user_survey',
        'user_survey_result',
        'goal_survey_evidence',
        'self_check_plan',
        'self_check_result',
        'self_check_finding',
        'self_check_action',
      ];
      const rows: Array<Record<string, string>> = await dataSource.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`);
      return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
    },
    async close() {
      await app.close();
      await dataSource.destroy();
      await db.close();
    },
  };
}
