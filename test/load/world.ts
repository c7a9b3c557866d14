import http from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { answerList, completeAnswers } from '@hjulet/api/test-support/factories.js';
import { send } from './http-client.js';

const DEMO_PASSWORD = 'hjulet-demo-2026';
const STAFF = [
  'personal@demo.hjulet.se',
  'personal2@demo.hjulet.se',
  'personal.soder@demo.hjulet.se',
  'personal.centrum@demo.hjulet.se',
  'personal.kolmarden@demo.hjulet.se',
];
const SUPERVISORS = ['enhetschef@demo.hjulet.se', 'enhetschef.soder@demo.hjulet.se', 'kvalitet@demo.hjulet.se'];

/** The staff app's own operation (apps/pwa/src/sync/operations.ts asks the same of each result). */
export const SUBMIT = `mutation Submit($input: [ReviewInput!]!) {
  submitReviews(input: $input) { clientId index outcome review { id status } error { code field message } }
}`;

/** A supervisor's list of the latest reviews with what the dashboard shows of each (as bench/api-bench.ts). */
export const LIST = `query List($first: Int!) { reviews(first: $first) { edges { node { id status answers { itemKey value }
  recipient { id reference } unit { id name } risks { itemKey severity suggestedActions { actor } } actions { id status } } } } }`;

export interface Staff {
  token: string;
  recipients: string[];
}

/** Who sends and who reads: the demo municipality's staff (each with their unit's recipients) and supervisors. */
export interface World {
  staff: Staff[];
  supervisorTokens: string[];
  templateVersionId: string;
}

export async function login(agent: http.Agent, url: string, email: string): Promise<string> {
  const answer = await send(
    agent,
    `${url}/graphql`,
    'POST',
    JSON.stringify({
      query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      variables: { e: email, p: DEMO_PASSWORD },
    }),
  );
  const token = (JSON.parse(answer.body || '{}') as { data?: { login?: { accessToken?: string } } }).data?.login?.accessToken;
  if (!token) throw new Error(`login failed for ${email}: ${answer.status} ${answer.body}`);
  return token;
}

export async function loadWorld(url: string, databaseUrl: string): Promise<World> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const staffRows = (await db.query<{ email: string; unit_id: string }>(`SELECT email, unit_id FROM app_user WHERE email = ANY($1::text[])`, [STAFF])).rows;
    const recipientRows = (await db.query<{ id: string; unit_id: string }>(`SELECT id, unit_id FROM care_recipient`)).rows;
    const [version] = (await db.query<{ id: string }>(`SELECT id FROM template_version ORDER BY created_at DESC LIMIT 1`)).rows;
    if (!version) throw new Error('no template version in the load database');
    const staff: Staff[] = [];
    for (const row of staffRows) {
      staff.push({ token: await login(agent, url, row.email), recipients: recipientRows.filter((r) => r.unit_id === row.unit_id).map((r) => r.id) });
    }
    const supervisorTokens = [];
    for (const email of SUPERVISORS) supervisorTokens.push(await login(agent, url, email));
    return { staff, supervisorTokens, templateVersionId: version.id };
  } finally {
    await db.end();
    agent.destroy();
  }
}

const ANSWER_VALUES = Object.fromEntries(
  answerList(completeAnswers(['alarm_present', 'trip_hazards'])).map((a) => [a.itemKey, 'value' in a ? a.value : a.number]),
);

/** A batch of completed reviews as the staff app sends it (answers as one object each), with new client ids. */
export function phoneBatch(size: number, staff: Staff, templateVersionId: string, offset: number) {
  const performedAt = new Date(Date.now() - 3600_000);
  return Array.from({ length: size }, (_, i) => ({
    clientId: randomUUID(),
    deviceId: 'load-phone',
    recipientId: staff.recipients[(offset + i) % staff.recipients.length] as string,
    templateVersionId,
    status: 'COMPLETED',
    answerValues: ANSWER_VALUES,
    consentToShareWithFireService: true,
    offeredAt: new Date(performedAt.getTime() - 600_000).toISOString(),
    performedAt: performedAt.toISOString(),
    actions: [],
  }));
}

/** What the database holds of the given client ids: how many reviews, and how many client ids appear twice. */
export async function storedOf(databaseUrl: string, clientIds: string[]): Promise<{ stored: number; duplicated: number }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ stored: string; duplicated: string }>(
      `SELECT count(*) AS stored, count(*) - count(DISTINCT client_id) AS duplicated FROM review WHERE client_id = ANY($1::uuid[])`,
      [clientIds],
    );
    return { stored: Number(rows[0]?.stored ?? 0), duplicated: Number(rows[0]?.duplicated ?? 0) };
  } finally {
    await db.end();
  }
}
