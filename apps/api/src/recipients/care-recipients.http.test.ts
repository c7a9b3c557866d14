import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

interface Recipient {
  id: string;
  reference: string;
  unitId: string;
  areaId: string;
  housingType: string;
  ordinaryHousing: boolean;
  address: string | null;
  active: boolean;
}

const RECIPIENT = `id reference unitId areaId housingType ordinaryHousing address active`;
const CREATE = `mutation Create($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { ${RECIPIENT} } }`;
const UPDATE = `mutation Update($id: UUID!, $input: UpdateCareRecipientInput!) { updateCareRecipient(id: $id, input: $input) { ${RECIPIENT} } }`;
const LIST = `query List($includeInactive: Boolean!) { careRecipients(includeInactive: $includeInactive) { ${RECIPIENT} } }`;

let server: TestServer;
let manager: string;
let managerSoder: string;
let admin: string;
let norrUnit: string;
let soderUnit: string;
let area: string;

beforeAll(async () => {
  server = await startTestServer();
  [manager, managerSoder, admin] = await Promise.all([server.tokenFor(DEMO.manager), server.tokenFor(DEMO.managerSoder), server.tokenFor(DEMO.admin)]);
  [norrUnit, soderUnit] = server.seed.unitIds as [string, string];
  area = server.seed.areaIds[0] as string;
});
afterAll(() => server?.close());

const create = (input: Record<string, unknown>, token = manager) =>
  server.gql<{ createCareRecipient: Recipient }>(CREATE, { input: { unitId: norrUnit, areaId: area, housingType: 'RENTED_FLAT', ...input } }, token);
const update = (id: string, input: Record<string, unknown>, token = manager) => server.gql<{ updateCareRecipient: Recipient }>(UPDATE, { id, input }, token);
const listed = async (token: string, includeInactive: boolean) =>
  (await server.gql<{ careRecipients: Recipient[] }>(LIST, { includeInactive }, token)).data?.careRecipients ?? [];
const storedUnitOf = async (id: string) =>
  ((await server.dataSource.query(`SELECT unit_id FROM care_recipient WHERE id = $1`, [id])) as Array<{ unit_id: string }>)[0]?.unit_id;

describe('adding a care recipient', () => {
  it("is done by a unit manager in their own unit, and the recipient is then in the unit's list", async () => {
    const res = await create({ reference: 'HT-9001', housingType: 'OWNED_FLAT', address: 'Demogatan 90, Norrköping' });
    expect(res.errors).toBeUndefined();
    const recipient = res.data?.createCareRecipient as Recipient;
    expect(recipient).toMatchObject({
      reference: 'HT-9001',
      unitId: norrUnit,
      areaId: area,
      housingType: 'OWNED_FLAT',
      ordinaryHousing: true,
      address: 'Demogatan 90, Norrköping',
      active: true,
    });
    expect((await listed(manager, false)).map((r) => r.id)).toContain(recipient.id);
  });

  it('needs no address', async () => {
    const res = await create({ reference: 'HT-9002' });
    expect(res.data?.createCareRecipient).toMatchObject({ reference: 'HT-9002', address: null });
  });

  it('refuses a reference already in use in the municipality (CONFLICT), and stores nothing', async () => {
    const before = await server.tableCounts();
    const sameUnit = await create({ reference: 'HT-9001' });
    expect(sameUnit.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'reference' });
    const soderReference = server.seed.recipients.find((r) => r.unitId === soderUnit)?.reference;
    const otherUnit = await create({ reference: soderReference });
    expect(otherUnit.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'reference' });
    expect(await server.tableCounts()).toEqual(before);
  });

  it('refuses a unit manager adding one to another unit (FORBIDDEN)', async () => {
    const res = await create({ reference: 'HT-9003', unitId: soderUnit });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses staff (FORBIDDEN)', async () => {
    const res = await create({ reference: 'HT-9004' }, await server.tokenFor(DEMO.staff));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('changing a care recipient', () => {
  let recipient: Recipient;

  beforeAll(async () => {
    recipient = (await create({ reference: 'HT-9100', address: 'Flyttgatan 1' })).data?.createCareRecipient as Recipient;
  });

  it('changes only the fields given', async () => {
    const res = await update(recipient.id, { housingType: 'HOUSE' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateCareRecipient).toEqual({ ...recipient, housingType: 'HOUSE' });
    recipient = res.data?.updateCareRecipient as Recipient;
  });

  it('does not let a unit manager move a recipient to another unit (FORBIDDEN)', async () => {
    const res = await update(recipient.id, { unitId: soderUnit });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await storedUnitOf(recipient.id)).toBe(norrUnit);
  });

  it('does not let a unit manager change a recipient of another unit (FORBIDDEN)', async () => {
    const res = await update(recipient.id, { housingType: 'OTHER' }, managerSoder);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets an admin move a recipient to another unit, where its new manager sees it and the old one does not', async () => {
    const res = await update(recipient.id, { unitId: soderUnit }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateCareRecipient).toEqual({ ...recipient, unitId: soderUnit });
    expect(await storedUnitOf(recipient.id)).toBe(soderUnit);
    expect((await listed(managerSoder, false)).map((r) => r.id)).toContain(recipient.id);
    expect((await listed(manager, false)).map((r) => r.id)).not.toContain(recipient.id);
  });
});

describe('the list of care recipients', () => {
  it('leaves out inactive recipients unless includeInactive is asked for', async () => {
    const recipient = (await create({ reference: 'HT-9200' })).data?.createCareRecipient as Recipient;
    const deactivated = await update(recipient.id, { active: false });
    expect(deactivated.data?.updateCareRecipient.active).toBe(false);

    expect((await listed(manager, false)).map((r) => r.id)).not.toContain(recipient.id);
    const withInactive = await listed(manager, true);
    expect(withInactive.find((r) => r.id === recipient.id)).toMatchObject({ reference: 'HT-9200', active: false });
    expect(withInactive.length).toBe((await listed(manager, false)).length + 1);
  });

  it("shows a unit manager only their own unit's recipients", async () => {
    const units = new Set((await listed(manager, true)).map((r) => r.unitId));
    expect(units).toEqual(new Set([norrUnit]));
  });
});
