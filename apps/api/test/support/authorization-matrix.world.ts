import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/auth/passwords.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.js';
import { answerList, completeAnswers, reviewInput, safetyTemplate } from './factories.js';
import { DEMO, type TestServer } from './test-server.js';
import type { Outcome } from './authorization-matrix.cases.js';

/*
 * The fixtures of the authorization matrix, built over HTTP as the users who would build them. Places
 * are named from the demo users' point of view: Norr is the demo staff's and unit manager's own unit;
 * Söder is another unit of the coordinator's administration; Kolmården is in another administration;
 * "another municipality" is a second tenant with its own admin, unit, staff and recipients.
 */

export type Role = 'staff' | 'unit_manager' | 'quality_coordinator' | 'admin';
export type Caller = 'anonymous' | Role;
export const CALLERS: readonly Caller[] = ['anonymous', 'staff', 'unit_manager', 'quality_coordinator', 'admin'];

export type Place = 'Norr' | 'Söder' | 'Kolmården' | 'another municipality';
export const PLACES: readonly Place[] = ['Norr', 'Söder', 'Kolmården', 'another municipality'];

export type Vars = Record<string, unknown>;

export interface PlaceFixture {
  unitId: string;
  administrationId: string;
  areaId: string;
  /** A recipient of the unit, for reads. */
  recipientId: string;
  /** A staff member of the unit, as an action's owner. */
  staffId: string;
  /** Works in the unit: offers and submits its reviews. */
  staffToken: string;
  /** The admin of the place's municipality: creates its recipients. */
  adminToken: string;
  /** A completed review with one open action, for reads. */
  reviewId: string;
  /** A published version of the safety checklist the unit gets (each municipality has its own). */
  templateVersionId: string;
}

export interface World {
  server: TestServer;
  templateVersionId: string;
  /** A draft template version, made at the start. */
  draftVersionId: string;
  places: Record<Place, PlaceFixture>;
  token(caller: Caller): string | undefined;
  /** The caller's login email; the anonymous caller logs in as the demo staff. */
  email(caller: Caller): string;
  /** A fresh offered review in the place. */
  offeredReview(place: Place): Promise<string>;
  /** A fresh open follow-up action in the place. */
  openAction(place: Place): Promise<string>;
  /** A fresh care recipient in the place. */
  recipient(place: Place): Promise<string>;
  /**
   * A fresh template version (a draft unless `publish`) and its definition: for the whole demo
   * municipality, or, given a place, for the place's administration (in its own municipality).
   */
  draftVersion(place?: Place, publish?: boolean): Promise<{ id: string; definition: Vars }>;
  /** A fresh session's refresh token for the caller. */
  refreshToken(caller: Caller): Promise<string>;
  /** A fresh staff member of the place's unit, for the admin's account mutations. */
  user(place: Place): Promise<string>;
}

const EMAILS: Record<Caller, string> = {
  anonymous: DEMO.staff,
  staff: DEMO.staff,
  unit_manager: DEMO.manager,
  quality_coordinator: DEMO.coordinator,
  admin: DEMO.admin,
};

let counter = 0;
/** A short name no other cell uses. */
export const unique = (prefix: string) => `${prefix}-${++counter}-${randomUUID().slice(0, 8)}`;

/** The safety checklist under a new key, so importing it never touches the demo template. */
export const definitionWithKey = (key = unique('matris')): Vars => ({ ...(safetyTemplate() as unknown as Vars), key });

async function call<T>(server: TestServer, token: string, query: string, variables: Vars): Promise<T> {
  const res = await server.gql<T>(query, variables, token);
  if (!res.data || res.errors) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

const OFFER = `mutation($input: OfferReviewInput!) { offerReview(input: $input) { id } }`;
const SUBMIT = `mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome review { id actions { id } } error { message } } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const CREATE_RECIPIENT = `mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }`;
const IMPORT = `mutation($d: JSONObject!, $p: Boolean!, $a: UUID) { importTemplate(definition: $d, publish: $p, administrationId: $a) { id } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }`;

/** A second municipality, bootstrapped with one admin row and then built through the API. */
async function anotherMunicipality(server: TestServer): Promise<Omit<PlaceFixture, 'reviewId'>> {
  const municipalityId = randomUUID();
  const adminEmail = `admin@${municipalityId.slice(0, 8)}.example.se`;
  await server.dataSource.query(`INSERT INTO municipality (id, name, kommunkod) VALUES ($1, 'Annan kommun', '0999')`, [municipalityId]);
  await server.dataSource.query(
    `INSERT INTO app_user (id, municipality_id, email, display_name, password_hash, role) VALUES ($1, $2, $3, 'Annan Admin', $4, 'admin')`,
    [randomUUID(), municipalityId, adminEmail, await hashPassword(DEMO_PASSWORD)],
  );
  const adminToken = await server.tokenFor(adminEmail);
  const as = <T>(query: string, variables: Vars) => call<T>(server, adminToken, query, variables);
  const { createAdministration: adm } = await as<{ createAdministration: { id: string } }>(`mutation { createAdministration(name: "Omsorg") { id } }`, {});
  const { createUnit: unit } = await as<{ createUnit: { id: string } }>(
    `mutation($a: UUID!) { createUnit(administrationId: $a, name: "Hemtjänst Annan") { id } }`,
    { a: adm.id },
  );
  const { createArea: area } = await as<{ createArea: { id: string } }>(`mutation { createArea(code: "ANNAN", name: "Annan") { id } }`, {});
  const staffEmail = `personal@${municipalityId.slice(0, 8)}.example.se`;
  const { createUser: staff } = await as<{ createUser: { id: string } }>(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { email: staffEmail, displayName: 'Annan Personal', password: DEMO_PASSWORD, role: 'STAFF', unitId: unit.id },
  });
  const { createCareRecipient: recipient } = await as<{ createCareRecipient: { id: string } }>(CREATE_RECIPIENT, {
    input: { reference: 'AN-0001', unitId: unit.id, areaId: area.id, housingType: 'HOUSE' },
  });
  const { importTemplate: template } = await as<{ importTemplate: { id: string } }>(IMPORT, { d: safetyTemplate(), p: true });
  return {
    unitId: unit.id,
    administrationId: adm.id,
    areaId: area.id,
    recipientId: recipient.id,
    staffId: staff.id,
    staffToken: await server.tokenFor(staffEmail),
    adminToken,
    templateVersionId: template.id,
  };
}

interface OrgUsers {
  organisation: { units: Array<{ id: string; administrationId: string }> };
  users: Array<{ id: string; email: string; role: string }>;
}

export async function buildWorld(server: TestServer): Promise<World> {
  const { seed } = server;
  const tokens = new Map<Caller, string>();
  for (const role of CALLERS.filter((c) => c !== 'anonymous')) tokens.set(role, await server.tokenFor(EMAILS[role]));
  const adminToken = tokens.get('admin') as string;
  const org = await call<OrgUsers>(server, adminToken, `{ organisation { units { id administrationId } } users { id email role } }`, {});
  const demoPlace = async (unitIndex: number, staffEmail: string): Promise<Omit<PlaceFixture, 'reviewId'>> => {
    const unitId = seed.unitIds[unitIndex] as string;
    const recipient = seed.recipients.find((r) => r.unitId === unitId);
    const staff = org.users.find((u) => u.email === staffEmail);
    const unit = org.organisation.units.find((u) => u.id === unitId);
    if (!recipient || !staff || !unit) throw new Error(`demo data is missing for unit ${unitIndex}`);
    return {
      unitId,
      administrationId: unit.administrationId,
      areaId: seed.areaIds[0] as string,
      recipientId: recipient.id,
      staffId: staff.id,
      staffToken: await server.tokenFor(staffEmail),
      adminToken,
      templateVersionId: seed.templateVersionId,
    };
  };
  const bare: Record<Place, Omit<PlaceFixture, 'reviewId'>> = {
    Norr: await demoPlace(0, DEMO.staff2),
    Söder: await demoPlace(1, DEMO.staffSoder),
    Kolmården: await demoPlace(3, DEMO.staffKolmarden),
    'another municipality': await anotherMunicipality(server),
  };

  const submitWithAction = async (place: Omit<PlaceFixture, 'reviewId'>) => {
    const input = reviewInput(place.recipientId, place.templateVersionId, {
      actions: [{ clientId: randomUUID(), itemKey: 'trip_hazards', what: 'Ta bort lösa mattor', actor: 'RESIDENT' }],
    });
    const data = await call<{
      submitReviews: Array<{ outcome: string; review: { id: string; actions: Array<{ id: string }> } | null; error: { message: string } | null }>;
    }>(server, place.staffToken, SUBMIT, { input: [input] });
    const review = data.submitReviews[0]?.review;
    if (!review?.actions[0]) throw new Error(`fixture review not stored: ${JSON.stringify(data.submitReviews[0]?.error)}`);
    return { reviewId: review.id, actionId: review.actions[0].id };
  };

  const places = {} as Record<Place, PlaceFixture>;
  for (const place of PLACES) places[place] = { ...bare[place], reviewId: (await submitWithAction(bare[place])).reviewId };

  const draftVersion = async (place?: Place, publish = false) => {
    const definition = definitionWithKey();
    const [token, a] = place ? [places[place].adminToken, places[place].administrationId] : [adminToken, null];
    const data = await call<{ importTemplate: { id: string } }>(server, token, IMPORT, { d: definition, p: publish, a });
    return { id: data.importTemplate.id, definition };
  };

  return {
    server,
    templateVersionId: seed.templateVersionId,
    draftVersionId: (await draftVersion()).id,
    places,
    token: (caller) => tokens.get(caller),
    email: (caller) => EMAILS[caller],
    async offeredReview(place) {
      const input = { clientId: randomUUID(), recipientId: places[place].recipientId, templateVersionId: places[place].templateVersionId };
      return (await call<{ offerReview: { id: string } }>(server, places[place].staffToken, OFFER, { input })).offerReview.id;
    },
    async openAction(place) {
      return (await submitWithAction(places[place])).actionId;
    },
    async recipient(place) {
      const input = { reference: unique('AM'), unitId: places[place].unitId, areaId: places[place].areaId, housingType: 'RENTED_FLAT' };
      return (await call<{ createCareRecipient: { id: string } }>(server, places[place].adminToken, CREATE_RECIPIENT, { input })).createCareRecipient.id;
    },
    draftVersion,
    async user(place) {
      const input = {
        email: `${unique('konto')}@demo.hjulet.se`,
        displayName: 'Konto Test',
        password: DEMO_PASSWORD,
        role: 'STAFF',
        unitId: places[place].unitId,
      };
      return (await call<{ createUser: { id: string } }>(server, places[place].adminToken, CREATE_USER, { input })).createUser.id;
    },
    async refreshToken(caller) {
      const data = await server.gql<{ login: { refreshToken: string } }>(LOGIN, { e: EMAILS[caller], p: DEMO_PASSWORD });
      if (!data.data) throw new Error(`login failed: ${JSON.stringify(data.errors)}`);
      return data.data.login.refreshToken;
    },
  };
}

/** Complete, risk-free answers to the safety checklist. */
export const safeAnswers = () => answerList(completeAnswers());

export type PlaceTable = Record<Role, Record<Place, Outcome>>;

/** canReach for one record: own unit (staff, manager), own administration (coordinator), own municipality (admin). */
export const REACH: PlaceTable = {
  staff: { Norr: 'ok', Söder: 'FORBIDDEN', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' },
  unit_manager: { Norr: 'ok', Söder: 'FORBIDDEN', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' },
  quality_coordinator: { Norr: 'ok', Söder: 'ok', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' },
  admin: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' },
};

/** The same rule for a list filtered to one place: outside the scope it is empty, never an error. */
export const LIST_REACH: PlaceTable = {
  staff: { Norr: 'ok', Söder: 'EMPTY', Kolmården: 'EMPTY', 'another municipality': 'EMPTY' },
  unit_manager: { Norr: 'ok', Söder: 'EMPTY', Kolmården: 'EMPTY', 'another municipality': 'EMPTY' },
  quality_coordinator: { Norr: 'ok', Söder: 'ok', Kolmården: 'EMPTY', 'another municipality': 'EMPTY' },
  admin: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'EMPTY' },
};
