import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import {
  auditRowsOf,
  basic,
  FIRE_SERVICE_ORG_NUMBER,
  PARTNER_SELF,
  PARTNER_SELF_ID,
  partnerRequest,
  partnerToken,
  registerPartner,
  tokenRequest,
} from '../../test/support/partners.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.tokenFor(DEMO.admin);
});
afterAll(() => server?.close());

const self = (token: string) => partnerRequest(server.url, token, { documentId: PARTNER_SELF_ID });

describe('registering a partner client', () => {
  it('answers the secret once and keeps only an argon2id hash of it', async () => {
    const client = await registerPartner(server, admin);
    expect(client.clientSecret).toMatch(/^hjs_[A-Za-z0-9_-]{43}$/);
    const [row] = (await server.dataSource.query(`SELECT secret_hash, organisation_number, scopes FROM partner_client WHERE id = $1`, [
      client.clientId,
    ])) as Array<{
      secret_hash: string;
      organisation_number: string;
      scopes: string[];
    }>;
    expect(row?.secret_hash).toMatch(/^\$argon2id\$/);
    expect(row?.secret_hash).not.toContain(client.clientSecret.slice(4));
    expect(row?.organisation_number).toBe(FIRE_SERVICE_ORG_NUMBER);

    const list = await server.gql<{ partnerClients: Array<Record<string, unknown>> }>(
      `{ partnerClients { id name scopes areas { id } revokedAt } }`,
      {},
      admin,
    );
    const listed = list.data?.partnerClients.find((c) => c['id'] === client.clientId);
    expect(listed).toMatchObject({
      scopes: ['RISK_STATISTICS_READ', 'REFERRALS_READ', 'REFERRALS_ACK'],
      areas: [{ id: server.seed.areaIds[0] }],
      revokedAt: null,
    });
    expect(JSON.stringify(list.data)).not.toContain(client.clientSecret);
    // The audit row of the registration names the client, never its secret.
    const [audit] = (await server.dataSource.query(
      `SELECT details FROM audit_event WHERE entity_type = 'partner_client' AND entity_id = $1 AND action = 'create'`,
      [client.clientId],
    )) as Array<{ details: Record<string, unknown> }>;
    expect(audit?.details).toMatchObject({ organisationNumber: FIRE_SERVICE_ORG_NUMBER });
    expect(JSON.stringify(audit)).not.toContain(client.clientSecret);
  });

  it('refuses an organisation number whose check digit is wrong, or a personal identity number, and writes nothing', async () => {
    for (const organisationNumber of ['222000-1231', '811218-9876', '22200-1230']) {
      const before = await server.tableCounts();
      const res = await server.gql(
        `mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { clientId } }`,
        { input: { name: 'Brand', organisationNumber, areaIds: [server.seed.areaIds[0]], scopes: ['REFERRALS_READ'] } },
        admin,
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationNumber' });
      expect(await server.tableCounts()).toEqual(before);
    }
  });

  it("refuses an area outside the admin's municipality", async () => {
    const res = await server.gql(
      `mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { clientId } }`,
      { input: { name: 'Brand', organisationNumber: FIRE_SERVICE_ORG_NUMBER, areaIds: ['00000000-0000-4000-8000-000000000000'], scopes: ['REFERRALS_READ'] } },
      admin,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'areaIds' });
  });
});

describe('POST /oauth/token (RFC 6749 §4.4, client_secret_basic)', () => {
  it('issues a short-lived bearer token with the scopes the client holds, never cached', async () => {
    const client = await registerPartner(server, admin, { scopes: ['RISK_STATISTICS_READ', 'REFERRALS_READ'] });
    const res = await tokenRequest(server.url, basic(client.clientId, client.clientSecret));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600, scope: 'risk_statistics:read referrals:read' });
  });

  it('narrows the token to a requested scope, and refuses a scope the client does not hold (invalid_scope)', async () => {
    const client = await registerPartner(server, admin, { scopes: ['RISK_STATISTICS_READ', 'REFERRALS_READ'] });
    const narrowed = await tokenRequest(server.url, basic(client.clientId, client.clientSecret), { grant_type: 'client_credentials', scope: 'referrals:read' });
    expect(narrowed.body['scope']).toBe('referrals:read');
    const me = await self(narrowed.body['access_token'] as string);
    expect(me.body.data?.['partnerSelf']).toMatchObject({ scopes: ['REFERRALS_READ'] });

    for (const scope of ['referrals:ack', 'admin', '']) {
      const refused = await tokenRequest(server.url, basic(client.clientId, client.clientSecret), { grant_type: 'client_credentials', scope });
      expect(refused.status).toBe(400);
      expect(refused.body['error']).toBe('invalid_scope');
      expect(refused.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers invalid_client with 401 and WWW-Authenticate for a wrong secret, an unknown client, no credentials, or credentials in the body', async () => {
    const client = await registerPartner(server, admin);
    const cases: Array<{ auth: string | null; form: Record<string, string> }> = [
      { auth: basic(client.clientId, `${client.clientSecret}x`), form: { grant_type: 'client_credentials' } },
      { auth: basic('00000000-0000-4000-8000-000000000000', client.clientSecret), form: { grant_type: 'client_credentials' } },
      { auth: basic('not-a-client', 'x'), form: { grant_type: 'client_credentials' } },
      { auth: null, form: { grant_type: 'client_credentials' } },
      { auth: 'Basic !!!', form: { grant_type: 'client_credentials' } },
      { auth: null, form: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret } },
    ];
    for (const c of cases) {
      const res = await tokenRequest(server.url, c.auth, c.form);
      expect({ status: res.status, error: res.body['error'] }).toEqual({ status: 401, error: 'invalid_client' });
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="hjulet-partner-api"/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body['access_token']).toBeUndefined();
    }
    const audit = await auditRowsOf(server, client.clientId);
    expect(audit.filter((r) => r.action === 'partner_token').map((r) => r.details['outcome'])).toEqual(['invalid_client']);
  });

  it('answers unsupported_grant_type for another grant, and invalid_request without one', async () => {
    const client = await registerPartner(server, admin);
    const other = await tokenRequest(server.url, basic(client.clientId, client.clientSecret), { grant_type: 'password', username: 'a', password: 'b' });
    expect({ status: other.status, error: other.body['error'] }).toEqual({ status: 400, error: 'unsupported_grant_type' });
    const none = await tokenRequest(server.url, basic(client.clientId, client.clientSecret), {});
    expect({ status: none.status, error: none.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
    const json = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic(client.clientId, client.clientSecret) },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('partner tokens on /graphql', () => {
  it('run the registered partnerSelf, named by documentId or by the persisted-query extension', async () => {
    const client = await registerPartner(server, admin);
    const token = await partnerToken(server.url, client);
    const byId = await self(token);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual({
      data: {
        partnerSelf: {
          clientId: client.clientId,
          name: 'Räddningstjänsten Östra Götaland',
          scopes: ['RISK_STATISTICS_READ', 'REFERRALS_READ', 'REFERRALS_ACK'],
          areas: [expect.objectContaining({ code: expect.any(String) })],
        },
      },
    });
    const byExtension = await partnerRequest(server.url, token, {
      extensions: { persistedQuery: { version: 1, sha256Hash: PARTNER_SELF_ID.slice('sha256:'.length) } },
    });
    expect(byExtension.body).toEqual(byId.body);
    const byRegisteredText = await partnerRequest(server.url, token, { query: PARTNER_SELF });
    expect(byRegisteredText.body).toEqual(byId.body);
  });

  it('are refused, before parsing, any document that is not registered', async () => {
    const client = await registerPartner(server, admin);
    const token = await partnerToken(server.url, client);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ query: '{ me { id } }' }, 'TRUSTED_DOCUMENT_NOT_FOUND'],
      [{ query: '{ __schema { types { name } } }' }, 'TRUSTED_DOCUMENT_NOT_FOUND'],
      // Not even GraphQL: refused the same way, since nothing is parsed.
      [{ query: '{{{ not graphql' }, 'TRUSTED_DOCUMENT_NOT_FOUND'],
      [{ documentId: `sha256:${'0'.repeat(64)}` }, 'TRUSTED_DOCUMENT_NOT_FOUND'],
      // The registered id with other text: the text must be the registered text.
      [{ documentId: PARTNER_SELF_ID, query: '{ careRecipients { id reference } }' }, 'TRUSTED_DOCUMENT_NOT_FOUND'],
      [{}, 'TRUSTED_DOCUMENT_REQUIRED'],
    ];
    for (const [body, code] of cases) {
      const res = await partnerRequest(server.url, token, body);
      expect({ status: res.status, code: res.body.errors?.[0]?.extensions?.['code'], data: res.body.data }).toEqual({ status: 400, code, data: undefined });
    }
    const audit = await auditRowsOf(server, client.clientId);
    expect(audit.filter((r) => r.action === 'partner_request').map((r) => r.details['outcome'])).toEqual([
      'TRUSTED_DOCUMENT_NOT_FOUND',
      'TRUSTED_DOCUMENT_NOT_FOUND',
      'TRUSTED_DOCUMENT_NOT_FOUND',
      'TRUSTED_DOCUMENT_NOT_FOUND',
      'TRUSTED_DOCUMENT_NOT_FOUND',
      'TRUSTED_DOCUMENT_REQUIRED',
    ]);
  });

  it('audit every request: client, operation, variables without personal data, and the size of the answer', async () => {
    const client = await registerPartner(server, admin);
    const token = await partnerToken(server.url, client);
    const res = await partnerRequest(server.url, token, { documentId: PARTNER_SELF_ID, variables: { note: 'Storgatan 1, 19121212-1212' } });
    expect(res.status).toBe(200);
    const rows = (await auditRowsOf(server, client.clientId)).filter((r) => r.action === 'partner_request');
    expect(rows).toEqual([
      {
        action: 'partner_request',
        entity_id: 'PartnerSelf',
        details: { outcome: 'ok', documentId: PARTNER_SELF_ID, variables: { note: '[withheld]' }, resultBytes: Buffer.byteLength(JSON.stringify(res.body)) },
      },
    ]);
    // The admin reads the partner's requests in the municipality's audit log.
    const log = await server.gql<{ auditEvents: Array<{ actorId: string; actorRole: string; action: string }> }>(
      `query($a: UUID) { auditEvents(actorId: $a, first: 20) { actorId actorRole action } }`,
      { a: client.clientId },
      admin,
    );
    expect(log.data?.auditEvents.map((e) => e.action)).toEqual(['partner_request', 'partner_token']);
  });

  it('are not user tokens, and user tokens are not partner tokens', async () => {
    const client = await registerPartner(server, admin);
    const token = await partnerToken(server.url, client);
    expect(await server.app.services.accessTokens.verify(token)).toBeNull();
    const staff = await server.tokenFor(DEMO.staff);
    expect(await server.app.services.partners.partnerFor(staff)).toEqual({ refused: 'invalid_token', clientId: null });
    // A user token calling the partner operation is refused by the auth checker.
    const asUser = await server.gql(PARTNER_SELF, {}, await server.tokenFor(DEMO.admin));
    expect(asUser.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('revoking and rotating', () => {
  it('rotation: the old secret gets no token and tokens issued under it stop at once; the new secret works', async () => {
    const client = await registerPartner(server, admin);
    const oldToken = await partnerToken(server.url, client);
    expect((await self(oldToken)).status).toBe(200);

    const rotated = await server.gql<{ rotatePartnerClientSecret: { clientSecret: string; client: { secretVersion: number } } }>(
      `mutation($id: UUID!) { rotatePartnerClientSecret(id: $id) { clientSecret client { secretVersion } } }`,
      { id: client.clientId },
      admin,
    );
    const fresh = rotated.data?.rotatePartnerClientSecret;
    expect(fresh?.client.secretVersion).toBe(2);

    const refused = await self(oldToken);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await tokenRequest(server.url, basic(client.clientId, client.clientSecret))).body['error']).toBe('invalid_client');

    const newToken = await partnerToken(server.url, { clientId: client.clientId, clientSecret: fresh?.clientSecret ?? '' });
    expect((await self(newToken)).status).toBe(200);
  });

  it('revocation: tokens stop at once and no new one is issued', async () => {
    const client = await registerPartner(server, admin);
    const token = await partnerToken(server.url, client);
    const revoked = await server.gql<{ revokePartnerClient: { revokedAt: string | null } }>(
      `mutation($id: UUID!) { revokePartnerClient(id: $id) { revokedAt } }`,
      { id: client.clientId },
      admin,
    );
    expect(revoked.data?.revokePartnerClient.revokedAt).toEqual(expect.any(String));
    expect((await self(token)).status).toBe(401);
    const again = await tokenRequest(server.url, basic(client.clientId, client.clientSecret));
    expect({ status: again.status, error: again.body['error'] }).toEqual({ status: 401, error: 'invalid_client' });
    const rotate = await server.gql(`mutation($id: UUID!) { rotatePartnerClientSecret(id: $id) { clientId } }`, { id: client.clientId }, admin);
    expect(rotate.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const audit = await auditRowsOf(server, client.clientId);
    expect(audit.map((r) => `${r.action}:${String(r.details['outcome'])}`)).toEqual([
      'partner_token:issued',
      'partner_request:invalid_token',
      'partner_token:invalid_client',
    ]);
  });
});
