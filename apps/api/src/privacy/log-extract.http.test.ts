import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { logExtractCsv } from './log-extract.js';

/* Issue 11 §5: an admin exports one care recipient's log, the loggutdrag a person may ask for. */

const EXTRACT = `query($id: UUID!) { careRecipientLogExtract(careRecipientId: $id) { fileName contentType contentBase64 } }`;
type Extract = { careRecipientLogExtract: { fileName: string; contentType: string; contentBase64: string } };

let server: TestServer;
let admin: string;
let recipientId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.tokenFor(DEMO.admin);
  recipientId = server.seed.recipients.find((r) => r.unitId === server.seed.unitIds[0])?.id as string;
  // The unit's staff member and a colleague of another unit (refused) look at the person.
  await server.gql(`query($id: UUID!) { careRecipient(id: $id) { id } }`, { id: recipientId }, await server.tokenFor(DEMO.staff));
  await server.gql(`query($id: UUID!) { careRecipient(id: $id) { id } }`, { id: recipientId }, await server.tokenFor(DEMO.staffSoder));
});
afterAll(() => server?.close());

const csvOf = (res: { data?: Extract | null }) => Buffer.from(res.data?.careRecipientLogExtract.contentBase64 ?? '', 'base64').toString('utf8');

describe('careRecipientLogExtract', () => {
  it('gives an admin a CSV of who read or changed what of the person, and when, in Swedish and English', async () => {
    const res = await server.gql<Extract>(EXTRACT, { id: recipientId }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data?.careRecipientLogExtract).toMatchObject({
      contentType: 'text/csv; charset=utf-8',
      fileName: expect.stringMatching(/^loggutdrag-.*\.csv$/),
    });
    const lines = csvOf(res)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Tidpunkt / Time (Europe/Stockholm),Vem / Who,Roll / Role,Vad / What,Uppgift / Record,Id');
    expect(lines).toContainEqual(
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},Sara Personal,omsorgspersonal \/ staff,läste \/ read,uppgifter om brukaren/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/,Karin Söder,omsorgspersonal \/ staff,nekades \/ refused,/));
    const events: unknown[] = await server.dataSource.query(`SELECT 1 FROM audit_event WHERE care_recipient_id = $1`, [recipientId]);
    // A header and every event about the person up to the extract; the extract's own audit row (in events) came after it.
    expect(lines).toHaveLength(events.length);
  });

  it('is itself audited under the person', async () => {
    const requestId = `extract-${randomUUID()}`;
    await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: EXTRACT, variables: { id: recipientId } }),
    });
    const rows = await server.dataSource.query(`SELECT action, care_recipient_id, actor_role FROM audit_event WHERE request_id = $1`, [requestId]);
    expect(rows).toEqual([{ action: 'export', care_recipient_id: recipientId, actor_role: 'admin' }]);
  });

  it('is refused to everyone but admins, and NOT_FOUND for a person who is not the municipality’s', async () => {
    for (const email of [DEMO.staff, DEMO.manager, DEMO.coordinator]) {
      const res = await server.gql<Extract>(EXTRACT, { id: recipientId }, await server.tokenFor(email));
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const unknown = await server.gql<Extract>(EXTRACT, { id: randomUUID() }, admin);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'careRecipientId' });
  });
});

describe('logExtractCsv', () => {
  it('quotes commas and quotes, and never lets a spreadsheet run a cell as a formula', () => {
    const csv = logExtractCsv([
      {
        occurredAt: new Date('2026-03-10T12:00:00Z'),
        actorName: '=HYPERLINK("x"), Eva',
        actorRole: 'admin',
        action: 'read',
        entityType: 'review',
        entityId: null,
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe(`2026-03-10 13:00:00,"'=HYPERLINK(""x""), Eva",administratör / admin,läste / read,genomgång / review,`);
  });
});
