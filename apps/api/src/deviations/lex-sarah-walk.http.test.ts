import { randomUUID } from 'node:crypto';
import { execute, getNamedType, isNonNullType, parse, type GraphQLField, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { buildAppSchema } from '../schema/build-schema.js';
import { directContext, rootFieldDocument, rootFields, selectEverything, type RootField } from '../../test/support/schema-walk.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

/*
 * "A lex Sarah report is unreadable to everyone outside its designated group, by any query": as each role
 * (its reporter, the unit's manager outside the group, other units' people, a coordinator removed from the
 * group, an admin), every root query of the schema is run with every field it can select (to a depth), with
 * the report's id and its person's id wherever an argument can take them; so is every mutation that answers
 * a deviation. No answer may hold any of the report's text. The designated receiver's walk must find it:
 * the walk can fail.
 */

const SECRET = `lexsarah-${randomUUID()}`;
const MAX_DEPTH = 4;

let server: TestServer;
let schema: GraphQLSchema;
let lexSarahId: string;
let actionId: string;
let recipientId: string;

const principals = new Map<string, Principal>();

async function principalFor(email: string): Promise<Principal> {
  const rows: Array<{ id: string; role: Principal['role']; municipality_id: string; unit_id: string | null; administration_id: string | null }> =
    await server.dataSource.query(`SELECT id, role, municipality_id, unit_id, administration_id FROM app_user WHERE email = $1`, [email]);
  const r = rows[0];
  if (!r) throw new Error(`no user ${email}`);
  return { userId: r.id, role: r.role, municipalityId: r.municipality_id, unitId: r.unit_id, administrationId: r.administration_id };
}

beforeAll(async () => {
  server = await startTestServer();
  schema = await buildAppSchema();
  recipientId = server.seed.recipients.find((r) => r.unitId === server.seed.unitIds[0])?.id as string;
  const staff = await server.tokenFor(DEMO.staff);
  const coordinator = await server.tokenFor(DEMO.coordinator);
  lexSarahId = randomUUID();
  const reported = await server.gql(
    `mutation($input: DeviationReportInput!) { reportDeviation(input: $input) { clientId } }`,
    {
      input: {
        clientId: lexSarahId,
        kind: 'MISSFORHALLANDE',
        lexSarah: true,
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        description: `${SECRET} what happened`,
        immediateAction: `${SECRET} done at once`,
        recipientId,
        deviceId: `${SECRET}-device`,
      },
    },
    staff,
  );
  expect(reported.errors).toBeUndefined();
  const investigated = await server.gql(
    `mutation($id: UUID!, $input: DeviationInvestigationInput!) { investigateDeviation(id: $id, input: $input) { id } }`,
    { id: lexSarahId, input: { findings: `${SECRET} findings`, causes: ['OTHER'], causeDescription: `${SECRET} cause`, serious: true } },
    coordinator,
  );
  expect(investigated.errors).toBeUndefined();
  const acted = await server.gql<{ addDeviationAction: { actions: Array<{ id: string }> } }>(
    `mutation($id: UUID!, $input: DeviationActionInput!) { addDeviationAction(id: $id, input: $input) { actions { id } } }`,
    { id: lexSarahId, input: { what: `${SECRET} action`, dueOn: '2030-01-01' } },
    coordinator,
  );
  actionId = acted.data?.addDeviationAction.actions[0]?.id as string;
  expect(actionId).toBeDefined();
  for (const [name, email] of Object.entries(DEMO)) principals.set(name, await principalFor(email));
  // A coordinator outside the group: the demo coordinator's colleague, made for this walk.
  const outside = await server.gql<{ createUser: { id: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    {
      input: {
        email: 'kvalitet2@demo.hjulet.se',
        displayName: 'Kim Kvalitet',
        password: 'hjulet-demo-2026',
        role: 'QUALITY_COORDINATOR',
        administrationId: (principals.get('coordinator') as Principal).administrationId,
      },
    },
    await server.tokenFor(DEMO.admin),
  );
  expect(outside.errors).toBeUndefined();
  principals.set('coordinatorOutside', await principalFor('kvalitet2@demo.hjulet.se'));
});
afterAll(() => server?.close());

/** Values for arguments that can name the report or its person: given wherever such an argument is. */
const pointed = (name: string): unknown => {
  if (['id', 'entityId', 'deviationId'].includes(name)) return lexSarahId;
  if (['recipientId', 'careRecipientId'].includes(name)) return recipientId;
  // The report's year, so the yearly compilations (qualityReport, qualityRecordStatistics) count it.
  if (name === 'year') return new Date().getFullYear();
  return undefined;
};

/** Every field of the answer to MAX_DEPTH, with the required arguments and those that can name the report or its person. */
const documentFor = (root: RootField) =>
  rootFieldDocument(root, {
    pointed,
    string: '2026',
    passes: (a) => isNonNullType(a.type) || pointed(a.name) !== undefined,
    select: (type) => ` ${selectEverything(schema, type, MAX_DEPTH)}`,
  });

const reachesDeviation = (field: GraphQLField<unknown, unknown>) => getNamedType(field.type).name === 'Deviation';

/** Every root query, and every mutation answering a deviation (with the report's action for completeDeviationAction), as `who`. */
async function walk(who: string): Promise<Record<string, string>> {
  const principal = principals.get(who) as Principal;
  const answers: Record<string, string> = {};
  const runs = rootFields(schema).filter((root) => root.kind === 'query' || reachesDeviation(root.field));
  for (const root of runs) {
    const { text, variables } = documentFor(root);
    if (root.field.name === 'completeDeviationAction') variables['id'] = actionId;
    const result = await execute({ schema, document: parse(text), variableValues: variables, contextValue: directContext(server.app.services, { principal }) });
    answers[root.name] = JSON.stringify({
      data: result.data,
      errors: result.errors?.map((e) => ({ message: e.message, extensions: e.extensions })),
    });
  }
  return answers;
}

const leaking = (answers: Record<string, string>) =>
  Object.entries(answers)
    .filter(([, json]) => json.includes(SECRET))
    .map(([name]) => name);

describe('a lex Sarah report, walked through the whole schema', () => {
  it('walks every root query, and the mutations that answer a deviation', () => {
    const queries = Object.keys(schema.getQueryType()?.getFields() ?? {});
    expect(queries).toEqual(
      expect.arrayContaining(['deviation', 'deviations', 'auditEvents', 'careRecipient', 'riskFollowUp', 'qualityRecordStatistics', 'qualityReport']),
    );
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {})
      .filter(reachesDeviation)
      .map((f) => f.name)
      .sort();
    expect(mutations).toEqual(['addDeviationAction', 'closeDeviation', 'completeDeviationAction', 'investigateDeviation']);
  });

  it('shows its content to the designated receiver: the walk finds it', async () => {
    const answers = await walk('coordinator');
    expect(leaking(answers)).toEqual(expect.arrayContaining(['query deviation', 'query deviations']));
  });

  it.each([
    ['staff', 'its reporter'],
    ['staff2', 'staff of the same unit'],
    ['staffSoder', 'staff of another unit'],
    ['manager', "the unit's manager, outside the group"],
    ['managerSoder', "another unit's manager"],
    ['coordinatorOutside', 'a coordinator of the administration, outside the group'],
    ['admin', 'the admin'],
  ])('is unreadable to %s (%s) by any query', async (who) => {
    const answers = await walk(who);
    expect(Object.keys(answers).length).toBeGreaterThan(40);
    expect(leaking(answers)).toEqual([]);
    // The yearly compilations ran over the report's year for the roles that read them: counts, and no text.
    if (['manager', 'managerSoder', 'coordinatorOutside', 'admin'].includes(who)) {
      for (const query of ['query qualityRecordStatistics', 'query qualityReport']) expect(JSON.parse(answers[query] as string)).not.toHaveProperty('errors');
    }
    // The walk reached the report where the role sees deviations at all: it found it, and only its existence.
    if (['staff', 'manager', 'coordinatorOutside'].includes(who)) {
      const seen = JSON.parse(answers['query deviation'] as string) as { data: { deviation: { id: string; contentVisible: boolean } } | null };
      expect(seen.data?.deviation).toMatchObject({ id: lexSarahId, contentVisible: false });
    }
  });
});
