import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput, safetyTemplate, SUBMIT_REVIEWS } from '../../test/support/factories.js';

/*
 * Who gets a template: the units it is published for. A coordinator publishes for their own
 * administration, an admin for one administration or the whole municipality; nothing crosses into
 * another municipality.
 */

const IMPORT = `mutation($d: JSONObject!, $publish: Boolean!, $a: UUID) {
  importTemplate(definition: $d, publish: $publish, administrationId: $a) { id version status } }`;
const UPDATE = `mutation($id: UUID!, $d: JSONObject!) { updateTemplateDraft(versionId: $id, definition: $d) { id } }`;
const PUBLISH = `mutation($id: UUID!) { publishTemplateVersion(versionId: $id) { id status } }`;
const TEMPLATES = `{ templates { id key administrationId versions { id status } latestPublished { id } } }`;
const VERSION = `query($id: UUID!) { templateVersion(id: $id) { id } }`;
const OFFER = `mutation($i: OfferReviewInput!) { offerReview(input: $i) { id } }`;

interface Listed {
  id: string;
  key: string;
  administrationId: string | null;
  versions: Array<{ id: string; status: string }>;
  latestPublished: { id: string } | null;
}
interface Imported {
  importTemplate: { id: string; version: number; status: string };
}

let server: TestServer;
let tokens: { admin: string; coordinator: string; staff: string; kolmarden: string; otherAdmin: string; otherStaff: string };
let care: string;
let social: string;
let norrRecipient: string;

const definition = (key: string) => ({ ...safetyTemplate(), key });

async function importAs(token: string, key: string, publish: boolean, administrationId?: string) {
  return server.gql<Imported>(IMPORT, { d: definition(key), publish, a: administrationId ?? null }, token);
}

async function imported(token: string, key: string, publish: boolean, administrationId?: string): Promise<string> {
  const res = await importAs(token, key, publish, administrationId);
  if (!res.data) throw new Error(`import failed: ${JSON.stringify(res.errors)}`);
  return res.data.importTemplate.id;
}

const listedAs = async (token: string) => (await server.gql<{ templates: Listed[] }>(TEMPLATES, {}, token)).data?.templates ?? [];
const keysAs = async (token: string) => (await listedAs(token)).map((t) => t.key);
const versionAs = (token: string, id: string) => server.gql<{ templateVersion: { id: string } }>(VERSION, { id }, token);

/** A second municipality with an admin, one unit and its staff. */
async function anotherMunicipality(): Promise<{ admin: string; staff: string }> {
  const id = randomUUID();
  const adminEmail = `admin@${id.slice(0, 8)}.example.se`;
  await server.dataSource.query(`INSERT INTO municipality (id, name, kommunkod) VALUES ($1, 'Grannkommun', '0580')`, [id]);
  await server.dataSource.query(
    `INSERT INTO app_user (id, municipality_id, email, display_name, password_hash, role) VALUES ($1, $2, $3, 'Granne Admin', $4, 'admin')`,
    [randomUUID(), id, adminEmail, await hashPassword(DEMO_PASSWORD)],
  );
  const admin = await server.tokenFor(adminEmail);
  const adm = await server.gql<{ createAdministration: { id: string } }>(`mutation { createAdministration(name: "Omsorg") { id } }`, {}, admin);
  const unit = await server.gql<{ createUnit: { id: string } }>(
    `mutation($a: UUID!) { createUnit(administrationId: $a, name: "Hemtjänst Granne") { id } }`,
    { a: adm.data?.createAdministration.id },
    admin,
  );
  const staffEmail = `personal@${id.slice(0, 8)}.example.se`;
  await server.gql(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    {
      input: { email: staffEmail, displayName: 'Granne Personal', password: DEMO_PASSWORD, role: 'STAFF', unitId: unit.data?.createUnit.id },
    },
    admin,
  );
  return { admin, staff: await server.tokenFor(staffEmail) };
}

beforeAll(async () => {
  server = await startTestServer({ recipientCount: 8 });
  const other = await anotherMunicipality();
  tokens = {
    admin: await server.tokenFor(DEMO.admin),
    coordinator: await server.tokenFor(DEMO.coordinator),
    staff: await server.tokenFor(DEMO.staff),
    kolmarden: await server.tokenFor(DEMO.staffKolmarden),
    otherAdmin: other.admin,
    otherStaff: other.staff,
  };
  const org = await server.gql<{ organisation: { units: Array<{ id: string; administrationId: string }> } }>(
    `{ organisation { units { id administrationId } } }`,
    {},
    tokens.admin,
  );
  const units = org.data?.organisation.units ?? [];
  care = units.find((u) => u.id === server.seed.unitIds[0])?.administrationId as string;
  social = units.find((u) => u.id === server.seed.unitIds[3])?.administrationId as string;
  norrRecipient = server.seed.recipients.find((r) => r.unitId === server.seed.unitIds[0])?.id as string;
});
afterAll(() => server?.close());

describe("a coordinator's template", () => {
  let versionId: string;
  beforeAll(async () => {
    versionId = await imported(tokens.coordinator, 'omsorg-nutrition', true);
  });

  it("is published for the coordinator's own administration", async () => {
    const listed = (await listedAs(tokens.coordinator)).find((t) => t.key === 'omsorg-nutrition');
    expect(listed).toMatchObject({ administrationId: care, latestPublished: { id: versionId } });
  });

  it('reaches staff of a unit in that administration', async () => {
    expect(await keysAs(tokens.staff)).toContain('omsorg-nutrition');
    expect((await versionAs(tokens.staff, versionId)).data?.templateVersion.id).toBe(versionId);
  });

  it("is not seen by another administration's staff, not even by id", async () => {
    expect(await keysAs(tokens.kolmarden)).not.toContain('omsorg-nutrition');
    expect((await versionAs(tokens.kolmarden, versionId)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it("is not seen by another municipality's staff or admin", async () => {
    for (const token of [tokens.otherStaff, tokens.otherAdmin]) {
      expect(await keysAs(token)).not.toContain('omsorg-nutrition');
      expect((await versionAs(token, versionId)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    }
  });
});

describe('a template of the whole municipality', () => {
  it("reaches every administration's staff, and no other municipality", async () => {
    const versionId = await imported(tokens.admin, 'hela-kommunen', true);
    expect(await keysAs(tokens.staff)).toContain('hela-kommunen');
    expect(await keysAs(tokens.kolmarden)).toContain('hela-kommunen');
    expect(await keysAs(tokens.otherStaff)).not.toContain('hela-kommunen');
    expect((await versionAs(tokens.otherStaff, versionId)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves its key free in another municipality, which starts its own version 1', async () => {
    const res = await importAs(tokens.otherAdmin, 'sakerhet-hjalpbehov', true);
    expect(res.data?.importTemplate).toMatchObject({ version: 1, status: 'PUBLISHED' });
    const demo = (await listedAs(tokens.staff)).find((t) => t.key === 'sakerhet-hjalpbehov');
    expect(demo?.latestPublished?.id).toBe(server.seed.templateVersionId);
    const other = (await listedAs(tokens.otherStaff)).find((t) => t.key === 'sakerhet-hjalpbehov');
    expect(other?.latestPublished?.id).toBe(res.data?.importTemplate.id);
  });
});

describe('a coordinator', () => {
  it('cannot import a new version of a municipality-wide template (FORBIDDEN), and nothing is stored', async () => {
    const before = await server.tableCounts();
    const res = await importAs(tokens.coordinator, 'sakerhet-hjalpbehov', true);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'definition.key' });
    expect(await server.tableCounts()).toEqual(before);
  });

  it('cannot publish or edit a municipality-wide draft (FORBIDDEN)', async () => {
    const draft = await imported(tokens.admin, 'kommun-utkast', false);
    expect((await server.gql(PUBLISH, { id: draft }, tokens.coordinator)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'versionId' });
    expect((await server.gql(UPDATE, { id: draft, d: definition('kommun-utkast') }, tokens.coordinator)).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'versionId',
    });
    expect((await listedAs(tokens.admin)).find((t) => t.key === 'kommun-utkast')?.versions).toEqual([{ id: draft, status: 'DRAFT' }]);
  });

  it('cannot publish for the whole municipality or for another administration (FORBIDDEN)', async () => {
    const res = await importAs(tokens.coordinator, 'till-socialkontoret', true, social);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'administrationId' });
    expect(await keysAs(tokens.admin)).not.toContain('till-socialkontoret');
  });

  it("cannot see, edit or publish another administration's draft (NOT_FOUND), nor take its key", async () => {
    const draft = await imported(tokens.admin, 'social-utkast', false, social);
    expect(await keysAs(tokens.coordinator)).not.toContain('social-utkast');
    expect((await versionAs(tokens.coordinator, draft)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect((await server.gql(PUBLISH, { id: draft }, tokens.coordinator)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'versionId' });
    expect((await server.gql(UPDATE, { id: draft, d: definition('social-utkast') }, tokens.coordinator)).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'versionId',
    });
    expect((await importAs(tokens.coordinator, 'social-utkast', false)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'definition.key' });
    expect((await listedAs(tokens.admin)).find((t) => t.key === 'social-utkast')?.versions).toEqual([{ id: draft, status: 'DRAFT' }]);
  });

  it("edits and publishes their own administration's draft", async () => {
    const draft = await imported(tokens.coordinator, 'omsorg-utkast', false);
    expect((await server.gql(UPDATE, { id: draft, d: definition('omsorg-utkast') }, tokens.coordinator)).errors).toBeUndefined();
    expect(
      (await server.gql<{ publishTemplateVersion: { status: string } }>(PUBLISH, { id: draft }, tokens.coordinator)).data?.publishTemplateVersion.status,
    ).toBe('PUBLISHED');
  });
});

describe('an admin', () => {
  it('publishes for one administration: its staff get it, the others do not', async () => {
    const versionId = await imported(tokens.admin, 'bara-social', true, social);
    expect((await listedAs(tokens.admin)).find((t) => t.key === 'bara-social')?.administrationId).toBe(social);
    expect(await keysAs(tokens.kolmarden)).toContain('bara-social');
    expect(await keysAs(tokens.staff)).not.toContain('bara-social');
    expect(await keysAs(tokens.coordinator)).not.toContain('bara-social');
    expect((await versionAs(tokens.kolmarden, versionId)).data?.templateVersion.id).toBe(versionId);
  });

  it("publishes a coordinator's draft and adds versions to the coordinator's template", async () => {
    const draft = await imported(tokens.coordinator, 'omsorg-av-admin', false);
    expect((await server.gql<{ publishTemplateVersion: { status: string } }>(PUBLISH, { id: draft }, tokens.admin)).data?.publishTemplateVersion.status).toBe(
      'PUBLISHED',
    );
    const next = await importAs(tokens.admin, 'omsorg-av-admin', false);
    expect(next.data?.importTemplate.version).toBe(2);
    expect((await listedAs(tokens.admin)).find((t) => t.key === 'omsorg-av-admin')?.administrationId).toBe(care);
  });

  it("cannot publish for another municipality's administration (NOT_FOUND), nor change a template's audience (CONFLICT)", async () => {
    const foreign = await server.gql<{ organisation: { administrations: Array<{ id: string }> } }>(
      `{ organisation { administrations { id } } }`,
      {},
      tokens.otherAdmin,
    );
    const foreignId = foreign.data?.organisation.administrations[0]?.id as string;
    expect((await importAs(tokens.admin, 'utrikes', true, foreignId)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'administrationId' });
    expect((await importAs(tokens.admin, 'hela-kommunen', false, social)).errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'administrationId',
    });
  });
});

describe('a review on a template version the unit does not get', () => {
  it("is REJECTED with NOT_FOUND on templateVersionId, for another administration's and another municipality's versions", async () => {
    const socialVersion = await imported(tokens.admin, 'social-granskning', true, social);
    const foreignVersion = (await listedAs(tokens.otherAdmin)).find((t) => t.key === 'sakerhet-hjalpbehov')?.latestPublished?.id as string;
    expect(foreignVersion).toBeDefined();
    const before = await server.tableCounts();
    const res = await server.gql<{ submitReviews: Array<{ outcome: string; error: { code: string; field: string } | null }> }>(
      SUBMIT_REVIEWS,
      { input: [reviewInput(norrRecipient, socialVersion), reviewInput(norrRecipient, foreignVersion)] },
      tokens.staff,
    );
    expect(res.data?.submitReviews.map((r) => [r.outcome, r.error?.code, r.error?.field])).toEqual([
      ['REJECTED', 'NOT_FOUND', 'templateVersionId'],
      ['REJECTED', 'NOT_FOUND', 'templateVersionId'],
    ]);
    expect(await server.tableCounts()).toEqual(before);
  });

  it('cannot be offered either (NOT_FOUND on templateVersionId)', async () => {
    const socialVersion = (await listedAs(tokens.admin)).find((t) => t.key === 'bara-social')?.latestPublished?.id as string;
    const res = await server.gql(OFFER, { i: { clientId: randomUUID(), recipientId: norrRecipient, templateVersionId: socialVersion } }, tokens.staff);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'templateVersionId' });
  });
});
