import pg from 'pg';
import type { Phone, ReviewPayload } from './phone.js';

/*
 * The Jepsen-style check at the end: every review a phone finished is on the server exactly once, with
 * the content the phone sent; nothing else arrived from the phones; every outbox is empty.
 */

export interface Verdict {
  sent: number;
  stored: number;
  lost: number;
  duplicated: number;
  /** Stored under a finished review's client id, but not with its content. */
  altered: number;
  /** Rows from the phones' devices that no phone finished. */
  unexpected: number;
  leftInOutboxes: number;
  leftInAttention: number;
}

interface StoredRow {
  client_id: string;
  device_id: string | null;
  recipient_id: string;
  template_version_id: string;
  status: string;
  answers: Record<string, unknown>;
  consent_to_share: boolean;
  offered_at: Date;
  performed_at: Date;
  /** The agreed actions' client ids and texts, in client id order. */
  actions: Array<{ client_id: string; what: string }>;
}

/** Everything a phone sent that the server stores as sent, compared field by field. */
function sameContent(row: StoredRow, payload: ReviewPayload): boolean {
  const actions = [...(payload.actions ?? [])].sort((a, b) => a.clientId.localeCompare(b.clientId)).map((a) => ({ client_id: a.clientId, what: a.what }));
  return (
    row.device_id === (payload.deviceId ?? null) &&
    row.recipient_id === payload.recipientId &&
    row.template_version_id === payload.templateVersionId &&
    row.status === payload.status &&
    sameAnswers(row.answers, answersOf(payload)) &&
    row.consent_to_share === payload.consentToShareWithFireService &&
    row.offered_at.getTime() === Date.parse(payload.offeredAt) &&
    row.performed_at.getTime() === Date.parse(payload.performedAt) &&
    JSON.stringify(row.actions) === JSON.stringify(actions)
  );
}

const answersOf = (payload: ReviewPayload) => Object.fromEntries((payload.answers ?? []).map((a) => [a.itemKey, a.number ?? a.value]));

const sameAnswers = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  JSON.stringify(Object.entries(a).sort(([x], [y]) => x.localeCompare(y))) === JSON.stringify(Object.entries(b).sort(([x], [y]) => x.localeCompare(y)));

export async function check(databaseUrl: string, phones: Phone[]): Promise<Verdict> {
  const expected = new Map<string, ReviewPayload>();
  for (const phone of phones) for (const [clientId, payload] of phone.completed) expected.set(clientId, payload);
  const deviceIds = [...new Set([...expected.values()].map((p) => p.deviceId ?? ''))];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<StoredRow>(
      `SELECT r.client_id::text, r.device_id, r.recipient_id::text, r.template_version_id::text, r.status, r.answers,
              r.consent_to_share, r.offered_at, r.performed_at,
              coalesce((SELECT json_agg(json_build_object('client_id', a.client_id::text, 'what', a.what) ORDER BY a.client_id::text)
                          FROM follow_up_action a WHERE a.review_id = r.id), '[]') AS actions
         FROM review r WHERE r.device_id = ANY($1::text[]) OR r.client_id = ANY($2::uuid[])`,
      [deviceIds, [...expected.keys()]],
    );
    const byClientId = new Map<string, StoredRow[]>();
    for (const row of rows) byClientId.set(row.client_id, [...(byClientId.get(row.client_id) ?? []), row]);
    let stored = 0;
    let lost = 0;
    let duplicated = 0;
    let altered = 0;
    for (const [clientId, payload] of expected) {
      const copies = byClientId.get(clientId) ?? [];
      if (copies.length === 0) {
        lost += 1;
        continue;
      }
      stored += 1;
      duplicated += copies.length - 1;
      if (!sameContent(copies[0]!, payload)) altered += 1;
    }
    const unexpected = rows.filter((row) => !expected.has(row.client_id)).length;
    let leftInOutboxes = 0;
    let leftInAttention = 0;
    for (const phone of phones) {
      const left = await phone.leftOnPhone();
      leftInOutboxes += left.outbox;
      leftInAttention += left.attention;
    }
    return { sent: expected.size, stored, lost, duplicated, altered, unexpected, leftInOutboxes, leftInAttention };
  } finally {
    await client.end();
  }
}
