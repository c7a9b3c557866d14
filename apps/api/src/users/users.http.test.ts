import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

const USERS = `query Users { users { displayName } }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

let server: TestServer;
let admin: string;

const namesSeenBy = async (token: string) => {
  const res = await server.gql<{ users: Array<{ displayName: string }> }>(USERS, {}, token);
  expect(res.errors).toBeUndefined();
  return res.data?.users.map((u) => u.displayName) ?? [];
};

beforeAll(async () => {
  server = await startTestServer({ recipientCount: 4 });
  admin = await server.tokenFor(DEMO.admin);
  const norr = server.seed.unitIds[0];
  const org = await server.gql<{ organisation: { administrations: Array<{ id: string; name: string }> } }>(
    `{ organisation { administrations { id name } } }`,
    {},
    admin,
  );
  const social = org.data?.organisation.administrations.find((a) => a.name === 'Socialkontoret')?.id;
  const added = [
    { email: 'orjan@demo.hjulet.se', displayName: 'Örjan Norr', role: 'STAFF', unitId: norr },
    { email: 'asa@demo.hjulet.se', displayName: 'Åsa Norr', role: 'STAFF', unitId: norr },
    { email: 'zara@demo.hjulet.se', displayName: 'Zara Norr', role: 'UNIT_MANAGER', unitId: norr },
    { email: 'bo@demo.hjulet.se', displayName: 'Bo Social', role: 'QUALITY_COORDINATOR', administrationId: social },
  ];
  for (const input of added) {
    const res = await server.gql(CREATE, { input: { password: 'lösenord-1234', ...input } }, admin);
    expect(res.errors).toBeUndefined();
  }
});
afterAll(() => server?.close());

describe('the users a caller sees', () => {
  it("shows a unit manager their unit's users, in Swedish alphabetical order (Z before Å before Ö)", async () => {
    expect(await namesSeenBy(await server.tokenFor(DEMO.manager))).toEqual([
      'Ali Personal',
      'Eva Enhetschef',
      'Sara Personal',
      'Zara Norr',
      'Åsa Norr',
      'Örjan Norr',
    ]);
  });

  it("shows a coordinator their administration's units and coordinators, not another administration's", async () => {
    const names = await namesSeenBy(await server.tokenFor(DEMO.coordinator));
    expect(names).toEqual([
      'Ali Personal',
      'Eva Enhetschef',
      'Johan Centrum',
      'Karin Söder',
      'Maria Kvalitetsutvecklare',
      'Per Enhetschef',
      'Sara Personal',
      'Zara Norr',
      'Åsa Norr',
      'Örjan Norr',
    ]);
  });

  it('shows an admin the whole municipality in one statement', async () => {
    const names = await namesSeenBy(admin);
    expect(names).toEqual(expect.arrayContaining(['Anna Admin', 'Bo Social', 'Lena Kolmården', 'Maria Kvalitetsutvecklare', 'Örjan Norr']));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'sv')));
    expect((await server.lastReport('Users')).sqlStatements).toBe(1);
  });
});
