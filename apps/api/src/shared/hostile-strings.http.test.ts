import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, definitionWithKey, type World } from '../../test/support/authorization-matrix.world.js';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';

/* The cases of issue 7, defect 1: a character PostgreSQL cannot store, in each place it was found. */

const NUL = 'a\u0000b';

let server: TestServer;
let world: World;
let staff: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await buildWorld(server);
  staff = world.places.Norr.staffToken;
  admin = world.token('admin') as string;
});
afterAll(() => server?.close());

/** Refused as the client's mistake, naming the field, with nothing written. */
async function expectRefused(send: () => Promise<GraphQLResponse>, field: string) {
  const before = await server.tableCounts();
  const res = await send();
  expect(JSON.stringify(res)).not.toMatch(/stacktrace|INTERNAL_SERVER_ERROR/);
  expect(res.status).toBe(400);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(res.errors?.[0]?.message).toMatch(/U\+0000/);
  expect(await server.tableCounts()).toEqual(before);
}

describe('a NUL where the issue found one', () => {
  it('is refused in login(email), anonymous', () =>
    expectRefused(
      () => server.gql(`mutation($e: String!) { login(email: $e, password: "x") { accessToken } }`, { e: `personal${NUL}@demo.hjulet.se` }),
      'email',
    ));

  it('is refused in closeFollowUpAction(note)', async () => {
    const id = await world.openAction('Norr');
    await expectRefused(
      () =>
        server.gql(
          `mutation($id: UUID!, $input: CloseFollowUpActionInput!) { closeFollowUpAction(id: $id, input: $input) { id } }`,
          { id, input: { outcome: 'DONE', note: NUL } },
          staff,
        ),
      'input.note',
    );
  });

  it('is refused in createUser(displayName)', () =>
    expectRefused(
      () =>
        server.gql(
          `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
          { input: { email: `${randomUUID()}@demo.hjulet.se`, displayName: NUL, password: 'lösenord-123', role: 'STAFF', unitId: world.places.Norr.unitId } },
          admin,
        ),
      'input.displayName',
    ));

  it('is refused in auditEvents(entityId)', () =>
    expectRefused(() => server.gql(`query($e: String) { auditEvents(entityId: $e) { id } }`, { e: NUL }, admin), 'entityId'));

  it('is refused in a nested field argument, reviewStatus(templateKey)', () =>
    expectRefused(
      () =>
        server.gql(
          `query($id: UUID!, $k: String!) { careRecipient(id: $id) { reviewStatus(templateKey: $k) { status } } }`,
          { id: world.places.Norr.recipientId, k: NUL },
          staff,
        ),
      'templateKey',
    ));

  it('is refused when written into the document, not only in variables', () =>
    expectRefused(() => server.gql(`query { auditEvents(entityId: "a\\u0000b") { id } }`, {}, admin), 'entityId'));

  it("is refused in a variable's default value", () =>
    expectRefused(() => server.gql(`query($e: String = "\\u0000") { auditEvents(entityId: $e) { id } }`, {}, admin), 'entityId'));

  it('is refused deep in a JSON template definition, and in a key of it', async () => {
    const definition = definitionWithKey() as { sections: Array<{ items: Array<Record<string, unknown>> }> };
    const first = definition.sections[0]?.items[0] as Record<string, unknown>;
    const inText = { ...definition, sections: [{ ...definition.sections[0], items: [{ ...first, text: { sv: NUL, en: 'x' } }] }] };
    await expectRefused(
      () => server.gql(`mutation($d: JSONObject!) { importTemplate(definition: $d) { id } }`, { d: inText }, admin),
      'definition.sections[0].items[0].text.sv',
    );
    await expectRefused(
      () => server.gql(`mutation($d: JSONObject!) { importTemplate(definition: $d) { id } }`, { d: { ...definition, ['x\u0000']: 1 } }, admin),
      'definition',
    );
  });
});

describe('a batch of reviews with one bad string', () => {
  it('rejects only that review, naming the field, and stores the others', async () => {
    const { recipientId } = world.places.Norr;
    const action = { clientId: randomUUID(), itemKey: 'trip_hazards', what: `Ta bort mattor${NUL}`, actor: 'RESIDENT' };
    const batch = [
      reviewInput(recipientId, world.templateVersionId),
      reviewInput(recipientId, world.templateVersionId, { actions: [action] }),
      reviewInput(recipientId, world.templateVersionId, { status: 'DECLINED', answers: [], declineReason: `Orkar inte\ud800` }),
      reviewInput(recipientId, world.templateVersionId, { deviceId: `telefon${NUL}` }),
      reviewInput(recipientId, world.templateVersionId),
    ];
    const res = await server.gql<{ submitReviews: Array<{ outcome: string; error: { code: string; field: string } | null }> }>(
      SUBMIT_REVIEWS,
      { input: batch },
      staff,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitReviews.map((r) => [r.outcome, r.error?.code ?? null, r.error?.field ?? null])).toEqual([
      ['CREATED', null, null],
      ['REJECTED', 'BAD_USER_INPUT', 'actions[0].what'],
      ['REJECTED', 'BAD_USER_INPUT', 'declineReason'],
      ['REJECTED', 'BAD_USER_INPUT', 'deviceId'],
      ['CREATED', null, null],
    ]);
  });
});

describe('text the policy keeps', () => {
  it('stores a right-to-left override and an emoji exactly as sent', async () => {
    const note = 'ملاحظة \u202Eelif.exe 👩‍👩‍👧';
    const id = await world.openAction('Norr');
    const res = await server.gql<{ closeFollowUpAction: { closingNote: string } }>(
      `mutation($id: UUID!, $input: CloseFollowUpActionInput!) { closeFollowUpAction(id: $id, input: $input) { closingNote } }`,
      { id, input: { outcome: 'DONE', note } },
      staff,
    );
    expect(res.data?.closeFollowUpAction.closingNote).toBe(note);
  });

  it('still lets the demo staff log in', async () => {
    expect(await server.tokenFor(DEMO.staff)).toMatch(/\./);
  });
});
