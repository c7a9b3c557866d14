import type { TestServer } from './test-server.js';
import { documentId } from '../../src/partners/trusted-documents.js';

/** A valid organisation number of the Luhn kind a kommunalförbund has (222000-…). */
export const FIRE_SERVICE_ORG_NUMBER = '222000-1230';

export const PARTNER_SELF = 'query PartnerSelf { partnerSelf { clientId name scopes areas { code name } } }';
export const PARTNER_SELF_ID = documentId(PARTNER_SELF);

const REGISTER = `mutation($input: RegisterPartnerClientInput!) {
  registerPartnerClient(input: $input) { clientId clientSecret client { id name organisationNumber scopes secretVersion revokedAt areas { id code } } }
}`;

export interface Registered {
  clientId: string;
  clientSecret: string;
}

/** Registers a partner client as the admin whose token is given, for the areas given (default: the demo's first). */
export async function registerPartner(
  server: TestServer,
  adminToken: string,
  input: Partial<{ name: string; organisationNumber: string; areaIds: string[]; scopes: string[] }> = {},
): Promise<Registered> {
  const res = await server.gql<{ registerPartnerClient: Registered }>(
    REGISTER,
    {
      input: {
        name: 'Räddningstjänsten Östra Götaland',
        organisationNumber: FIRE_SERVICE_ORG_NUMBER,
        areaIds: [server.seed.areaIds[0]],
        scopes: ['RISK_STATISTICS_READ', 'REFERRALS_READ', 'REFERRALS_ACK'],
        ...input,
      },
    },
    adminToken,
  );
  if (!res.data) throw new Error(`registerPartnerClient failed: ${JSON.stringify(res.errors)}`);
  return res.data.registerPartnerClient;
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** POST /oauth/token with client_secret_basic and the given form parameters. */
export interface TokenAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function tokenRequest(
  url: string,
  authorization: string | null,
  form: Record<string, string> = { grant_type: 'client_credentials' },
): Promise<TokenAnswer> {
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

export async function partnerToken(url: string, client: Registered, scope?: string): Promise<string> {
  const res = await tokenRequest(url, basic(client.clientId, client.clientSecret), { grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  if (res.status !== 200) throw new Error(`token request failed: ${JSON.stringify(res.body)}`);
  return res.body['access_token'] as string;
}

export interface PartnerAnswer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** A GraphQL request as a partner sends it: a JSON body (documentId and variables, usually) with the bearer token. */
export async function partnerRequest(url: string, token: string, body: Record<string, unknown>): Promise<PartnerAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as PartnerAnswer['body'] };
}

export async function auditRowsOf(
  server: TestServer,
  clientId: string,
): Promise<Array<{ action: string; entity_id: string | null; details: Record<string, unknown> }>> {
  return server.dataSource.query(`SELECT action, entity_id, details FROM audit_event WHERE actor_id = $1 AND actor_role = 'partner' ORDER BY id`, [clientId]);
}
