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

/**
 * Who sends and who reads: a phone per writer, each signed in as one of the demo municipality's staff and with
 * a caseload of its own in that person's unit; and the supervisors.
 */
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

/**
 * Recipients a phone reviews: its own, as a home-care worker's are. The demo has a few dozen recipients in
 * all; 200 phones sharing them sent every batch to the same people, so each review waited for the others'
 * (a recipient's counts are kept one writer at a time) and each recipient gathered hundreds of reviews in a
 * minute, none of which happens in a municipality. With 25 each, a recipient gets one to a few reviews in a
 * run.
 */
export const CASELOAD = 25;

export async function loadWorld(url: string, databaseUrl: string, phones: number): Promise<World> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const staffRows = (await db.query<{ email: string; unit_id: string }>(`SELECT email, unit_id FROM app_user WHERE email = ANY($1::text[])`, [STAFF])).rows;
    const recipientRows = (await db.query<{ id: string; unit_id: string }>(`SELECT id, unit_id FROM care_recipient`)).rows;
    const [version] = (await db.query<{ id: string }>(`SELECT id FROM template_version ORDER BY created_at DESC LIMIT 1`)).rows;
    if (!version) throw new Error('no template version in the load database');
    const accounts: Array<{ token: string; unitId: string }> = [];
    for (const row of staffRows) accounts.push({ token: await login(agent, url, row.email), unitId: row.unit_id });
    const staff: Staff[] = [];
    for (let n = 0; n < phones; n++) {
      const account = accounts[n % accounts.length];
      const model = recipientRows.find((r) => r.unit_id === account?.unitId);
      if (!account || !model) throw new Error('no staff account with a recipient in its unit in the load database');
      const ids = Array.from({ length: CASELOAD }, () => randomUUID());
      // The unit's own municipality, area and housing, copied from one of its recipients.
      await db.query(
        `INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type, created_at)
         SELECT t.id, m.municipality_id, 'load-' || $2::int || '-' || t.k, m.unit_id, m.area_id, m.housing_type, now() - interval '1 year'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, k) CROSS JOIN (SELECT * FROM care_recipient WHERE id = $3) m`,
        [ids, n, model.id],
      );
      staff.push({ token: account.token, recipients: ids });
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
