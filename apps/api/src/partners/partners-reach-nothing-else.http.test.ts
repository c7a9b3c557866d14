import { execute, parse, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../schema/build-schema.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { directContext, rootFieldDocument, rootFields as allRootFields, selectTypename, type RootField } from '../../test/support/schema-walk.js';
import { partnerRequest, partnerToken, registerPartner, type Registered } from '../../test/support/partners.js';
import { AppError } from '../shared/app-error.js';
import { loadTrustedDocuments } from './trusted-documents.js';
import type { PartnerPrincipal } from './partner-principal.js';

/*
 * "A partner reaches nothing else": every root field of the schema, tried with a partner token that holds
 * every scope. Two walls, each tested on its own: the trusted-document gate refuses any text that is not
 * registered (over HTTP), and the auth checker refuses every field without a partner grant even when a
 * document were to get through (the schema executed directly with a partner in the context).
 */

let server: TestServer;
let schema: GraphQLSchema;
let client: Registered;
let token: string;
let partner: PartnerPrincipal;

beforeAll(async () => {
  // This walks every root field with one client's token inside a minute: more requests than the partner
  // limit allows (partner-rate-limit.http.test.ts tests the limit), which would answer 429 before the gate.
  server = await startTestServer({ env: { PARTNER_RATE_LIMIT_POINTS: '100000' } });
  schema = await buildAppSchema();
  client = await registerPartner(server, await server.tokenFor(DEMO.admin));
  token = await partnerToken(server.url, client);
  const found = await server.app.services.partners.partnerFor(token);
  if (!('partner' in found)) throw new Error('no partner');
  partner = found.partner;
});
afterAll(() => server?.close());

/** The operations open to partners: each must be in the registry. Everything else refuses a partner. */
const PARTNER_FIELDS = ['mutation acknowledgeReferral', 'query partnerSelf', 'query referrals', 'query riskStatistics'];

/** Partner fields that answer the sample variables (a random referral id, the cursor "x") with an error that is not a refusal. */
const ANSWER_TO_SAMPLES: Record<string, string> = { 'mutation acknowledgeReferral': 'NOT_FOUND', 'query referrals': 'BAD_USER_INPUT' };
/** Arguments a partner field needs to answer (the generic samples are not valid values for it). */
const FIELD_SAMPLES: Record<string, Record<string, unknown>> = { riskStatistics: { period: '2026', areas: null, categories: null, groupBy: null } };
/** Variables for registered documents that have required ones. */
const DOCUMENT_VARIABLES: Record<string, Record<string, unknown>> = { RiskStatistics: { period: '2026' } };

/** `query($a: T!) { field(a: $a) { __typename } }` with sample variables, for one root field. */
function documentFor(root: RootField): { text: string; variables: Record<string, unknown> } {
  const { text, variables } = rootFieldDocument(root, { select: selectTypename });
  return { text, variables: { ...variables, ...FIELD_SAMPLES[root.field.name] } };
}

const rootFields = () => allRootFields(schema);

describe('a partner token, on every root field of the schema', () => {
  it('covers the whole schema', () => {
    expect(rootFields().length).toBeGreaterThan(25);
    expect(PARTNER_FIELDS.every((name) => rootFields().some((f) => f.name === name))).toBe(true);
  });

  it('is refused by the trusted-document gate for every document it did not register, introspection included', async () => {
    const tried: string[] = [];
    const documents = [
      ...rootFields().map((root) => ({ name: root.name, ...documentFor(root) })),
      { name: 'introspection', text: '{ __schema { queryType { name } } }', variables: {} },
    ];
    for (const { name, text, variables } of documents) {
      const res = await partnerRequest(server.url, token, { query: text, variables });
      expect({ name, status: res.status, code: res.body.errors?.[0]?.extensions?.['code'], data: res.body.data }).toEqual({
        name,
        status: 400,
        code: 'TRUSTED_DOCUMENT_NOT_FOUND',
        data: undefined,
      });
      tried.push(name);
    }
    expect(tried.length).toBe(rootFields().length + 1);
  });

  it('is refused by the auth checker on every field without a partner grant, even past the gate', async () => {
    const outcomes: Record<string, string> = {};
    for (const root of rootFields()) {
      const { field, name } = root;
      const { text, variables } = documentFor(root);
      const result = await execute({ schema, document: parse(text), variableValues: variables, contextValue: directContext(server.app.services, { partner }) });
      // Executed directly, errors are not formatted yet: the code is the AppError's.
      const original = result.errors?.[0]?.originalError;
      const code = original instanceof AppError ? original.code : result.errors?.[0]?.message;
      const reached = result.data?.[field.name] !== null && result.data?.[field.name] !== undefined;
      outcomes[name] = reached ? 'reached' : (code ?? 'no error');
    }
    const reached = Object.entries(outcomes)
      .filter(([name, outcome]) => outcome === 'reached' || ANSWER_TO_SAMPLES[name] === outcome)
      .map(([name]) => name);
    expect(reached.sort()).toEqual(PARTNER_FIELDS);
    // Every other field, the public session mutations (login, logout, refreshSession) included, is FORBIDDEN.
    const refused = Object.entries(outcomes).filter(([name]) => !PARTNER_FIELDS.includes(name));
    expect(refused.filter(([, outcome]) => outcome !== 'FORBIDDEN')).toEqual([]);
    expect(refused.length).toBe(rootFields().length - PARTNER_FIELDS.length);
  });

  it('runs each registered document without a refusal when it holds every scope', async () => {
    const registry = loadTrustedDocuments(schema);
    expect(registry.size).toBeGreaterThan(0);
    // Documents with required variables get them from what the partner sees (the demo has consented referrals).
    const feed = await partnerRequest(server.url, token, {
      documentId: [...registry.values()].find((d) => d.name === 'Referrals')?.id,
      variables: { first: 1 },
    });
    const referralId = (feed.body.data?.['referrals'] as { referrals: Array<{ id: string }> }).referrals[0]?.id;
    const variables: Record<string, Record<string, unknown>> = { ...DOCUMENT_VARIABLES, AcknowledgeReferral: { id: referralId, outcome: 'NO_ACTION' } };
    for (const document of registry.values()) {
      const res = await partnerRequest(server.url, token, { documentId: document.id, variables: variables[document.name] ?? {} });
      expect({ name: document.name, status: res.status, errors: res.body.errors }).toEqual({ name: document.name, status: 200, errors: undefined });
    }
  });

  it("reads nothing of another municipality's partner: partnerSelf is always the caller's own client", async () => {
    const res = await partnerRequest(server.url, token, { documentId: [...loadTrustedDocuments(schema).values()][0]?.id });
    expect((res.body.data?.['partnerSelf'] as { clientId: string }).clientId).toBe(client.clientId);
  });
});
