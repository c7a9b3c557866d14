import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.js';
import { reviewInput, safetyTemplate } from './factories.js';
import { PLAN_CASES } from './authorization-matrix.plan-cases.js';
import { INTERCHANGE_CASES } from './authorization-matrix.interchange-cases.js';
import { PRIVACY_CASES } from './authorization-matrix.privacy-cases.js';
import { SECOND_FACTOR_CASES } from './authorization-matrix.second-factor-cases.js';
import { IDENTITY_CASES } from './authorization-matrix.identity-cases.js';
import { FEEDBACK_CASES } from './authorization-matrix.feedback-cases.js';
import { ROUTINE_CASES } from './authorization-matrix.routine-cases.js';
import { DEVIATION_CASES } from './authorization-matrix.deviation-cases.js';
import { SURVEY_CASES } from './authorization-matrix.survey-cases.js';
import { SELF_CHECK_CASES } from './authorization-matrix.self-check-cases.js';
import {
  definitionWithKey,
  LIST_REACH,
  PLACES,
  REACH,
  safeAnswers,
  unique,
  type Caller,
  type Place,
  type PlaceTable,
  type Role,
  type Vars,
  type World,
} from './authorization-matrix.world.js';

/*
 * Every query and mutation of graphql/schema.graphql, with who may call it and what each caller sees.
 * `roles` copies the operation's @Authorized(...): anonymous callers get UNAUTHENTICATED and other roles
 * FORBIDDEN, wherever the record is. For the roles let in, `reach` says what they get for each target,
 * from the services' scope rule (canReach) written out as tables below.
 */

/** What a caller sees. EMPTY is a successful answer with no rows: a list that leaks nothing. */
export type Outcome = 'ok' | 'EMPTY' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';

export interface Target {
  /** Shown in the test name after the operation, e.g. "in Söder". */
  label: string;
  /** The variables; fixtures that a mutation changes are made fresh here, for each cell. */
  vars(w: World, caller: Caller): Promise<Vars>;
  /** The outcome for each role the operation lets in (and for anonymous callers, for public operations). */
  reach: Partial<Record<Caller, Outcome>>;
}

export interface MatrixCase {
  operation: string;
  kind: 'query' | 'mutation';
  document: string;
  /** The roles @Authorized lets in; 'public' for the session mutations anyone may call. */
  roles: readonly Role[] | 'public';
  targets: Target[];
  /** What a successful answer shows the caller, when more than "some data" (a list's rows, a batch item's error). */
  seen?: (data: unknown) => string;
}

const ALL: readonly Role[] = ['staff', 'unit_manager', 'quality_coordinator', 'admin'];
const READERS: readonly Role[] = ['staff', 'unit_manager', 'quality_coordinator'];
const REVIEWERS: readonly Role[] = ['staff', 'unit_manager'];
const EDITORS: readonly Role[] = ['unit_manager', 'admin'];
const AUTHORS: readonly Role[] = ['quality_coordinator', 'admin'];

const INDICATOR_READERS: readonly Role[] = ['unit_manager', 'quality_coordinator', 'admin'];
const SUPERVISORS: readonly Role[] = ['unit_manager', 'quality_coordinator'];
/**
 * A hand-over: a recipient anywhere in the caller's municipality, since they may have moved out of the
 * caller's unit; another municipality's is NOT_FOUND.
 */
const MUNICIPALITY_REACH: PlaceTable = {
  staff: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' },
  unit_manager: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' },
  quality_coordinator: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' },
  admin: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' },
};

/**
 * A discard is a record of what a phone threw away: taken wherever the result's recipient is; from another
 * municipality it is recorded without naming the recipient or action (EMPTY: the answer leaks nothing).
 */
const DISCARD_REACH: PlaceTable = {
  staff: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'EMPTY' },
  unit_manager: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'EMPTY' },
  quality_coordinator: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'EMPTY' },
  admin: { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'EMPTY' },
};

const OK_FOR_ALL: Partial<Record<Caller, Outcome>> = { anonymous: 'ok', staff: 'ok', unit_manager: 'ok', quality_coordinator: 'ok', admin: 'ok' };

/** One target per place, its variables built for the place. */
function atPlaces(vars: (w: World, place: Place, caller: Caller) => Promise<Vars> | Vars, table: PlaceTable = REACH): Target[] {
  return PLACES.map((place) => ({
    label: `in ${place}`,
    vars: async (w, caller) => vars(w, place, caller),
    reach: Object.fromEntries(Object.entries(table).map(([role, byPlace]) => [role, byPlace[place]])),
  }));
}

/** A single target for an operation without scope. */
const anywhere = (vars: (w: World, caller: Caller) => Promise<Vars> | Vars = () => ({})): Target[] => [
  { label: '', vars: async (w, caller) => vars(w, caller), reach: OK_FOR_ALL },
];

const rowsSeen = (rows: unknown[]) => (rows.length > 0 ? 'ok' : 'EMPTY');

/*
 * Templates are published for the whole municipality or for one administration (Norr and Söder share
 * the coordinator's). Out of a reader's view a version is NOT_FOUND; a coordinator may change only their
 * administration's, and sees the municipality's without changing them (FORBIDDEN).
 */
const NOT_FOUND_FOR_ALL: Partial<Record<Caller, Outcome>> = {
  staff: 'NOT_FOUND',
  unit_manager: 'NOT_FOUND',
  quality_coordinator: 'NOT_FOUND',
  admin: 'NOT_FOUND',
};
const PUBLISHED_FOR: Array<{ label: string; place: Place; reach: Partial<Record<Caller, Outcome>> }> = [
  { label: "published for the coordinator's administration", place: 'Söder', reach: OK_FOR_ALL },
  {
    label: 'published for another administration',
    place: 'Kolmården',
    reach: { staff: 'NOT_FOUND', unit_manager: 'NOT_FOUND', quality_coordinator: 'NOT_FOUND', admin: 'ok' },
  },
  { label: 'published in another municipality', place: 'another municipality', reach: NOT_FOUND_FOR_ALL },
];
const DRAFTS_FOR: Array<{ label: string; place?: Place; reach: Partial<Record<Caller, Outcome>> }> = [
  { label: 'a draft for the whole municipality', reach: { quality_coordinator: 'FORBIDDEN', admin: 'ok' } },
  { label: "a draft for the coordinator's administration", place: 'Söder', reach: { quality_coordinator: 'ok', admin: 'ok' } },
  { label: 'a draft for another administration', place: 'Kolmården', reach: { quality_coordinator: 'NOT_FOUND', admin: 'ok' } },
  { label: 'a draft in another municipality', place: 'another municipality', reach: { quality_coordinator: 'NOT_FOUND', admin: 'NOT_FOUND' } },
];
const draftsByAudience = (vars: (draft: { id: string; definition: Vars }) => Vars): Target[] =>
  DRAFTS_FOR.map(({ label, place, reach }) => ({ label, reach, vars: async (w) => vars(await w.draftVersion(place)) }));

const QUERIES: MatrixCase[] = [
  {
    operation: 'auditEvents',
    kind: 'query',
    roles: ['admin'],
    document: `query($r: UUID) { auditEvents(careRecipientId: $r, first: 5) { id careRecipientId } }`,
    targets: atPlaces((w, place) => ({ r: w.places[place].recipientId }), LIST_REACH),
    seen: (data) => rowsSeen(data as unknown[]),
  },
  {
    operation: 'careRecipient',
    kind: 'query',
    roles: ALL,
    document: `query($id: UUID!) { careRecipient(id: $id) { id reference } }`,
    targets: atPlaces((w, place) => ({ id: w.places[place].recipientId })),
  },
  {
    operation: 'careRecipients',
    kind: 'query',
    roles: ALL,
    document: `query($u: UUID) { careRecipients(unitId: $u) { id } }`,
    targets: atPlaces((w, place) => ({ u: w.places[place].unitId }), LIST_REACH),
    seen: (data) => rowsSeen(data as unknown[]),
  },
  {
    operation: 'followUpActions',
    kind: 'query',
    roles: READERS,
    document: `query($u: UUID) { followUpActions(filter: { unitId: $u }) { id } }`,
    targets: atPlaces((w, place) => ({ u: w.places[place].unitId }), LIST_REACH),
    seen: (data) => rowsSeen(data as unknown[]),
  },
  { operation: 'me', kind: 'query', roles: ALL, document: `{ me { id role } }`, targets: anywhere() },
  {
    operation: 'indicators',
    kind: 'query',
    roles: INDICATOR_READERS,
    document: `query($u: UUID!, $y: String!) { indicators(period: { from: $y }, filter: { unitIds: [$u] }) { indicator numerator denominator } }`,
    targets: atPlaces((w, place) => ({ u: w.places[place].unitId, y: String(new Date().getFullYear()) }), LIST_REACH),
    seen: (data) => rowsSeen(data as unknown[]),
  },
  {
    operation: 'actionBacklog',
    kind: 'query',
    roles: INDICATOR_READERS,
    document: `query($u: UUID!) { actionBacklog(filter: { unitIds: [$u] }) { open overdue } }`,
    targets: atPlaces((w, place) => ({ u: w.places[place].unitId }), LIST_REACH),
    seen: (data) => rowsSeen(data as unknown[]),
  },
  {
    operation: 'coverageWorkList',
    kind: 'query',
    roles: SUPERVISORS,
    document: `query($u: UUID!, $y: String!) { coverageWorkList(period: $y, filter: { unitIds: [$u] }) { recipient { id } } }`,
    // A recipient registered just now, not offered a review this year, is on the work list of the place.
    targets: atPlaces(async (w, place) => {
      const { unitId, areaId } = w.places[place];
      await w.server.dataSource.query(
        `INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type)
         SELECT gen_random_uuid(), a.municipality_id, $3, $1, $2, 'rented_flat' FROM area a WHERE a.id = $2`,
        [unitId, areaId, unique('WL')],
      );
      return { u: unitId, y: String(new Date().getFullYear()) };
    }, LIST_REACH),
    seen: (data) => rowsSeen(data as unknown[]),
  },
  { operation: 'readFreshness', kind: 'query', roles: INDICATOR_READERS, document: `{ readFreshness { asOf source } }`, targets: anywhere() },
  { operation: 'indicatorScope', kind: 'query', roles: INDICATOR_READERS, document: `{ indicatorScope { units { id } areas { id } } }`, targets: anywhere() },
  { operation: 'organisation', kind: 'query', roles: ALL, document: `{ organisation { municipality { id } units { id } } }`, targets: anywhere() },
  {
    operation: 'review',
    kind: 'query',
    roles: READERS,
    document: `query($id: UUID!) { review(id: $id) { id status } }`,
    targets: atPlaces((w, place) => ({ id: w.places[place].reviewId })),
  },
  {
    operation: 'reviews',
    kind: 'query',
    roles: READERS,
    document: `query($u: UUID) { reviews(first: 5, filter: { unitId: $u }) { edges { node { id } } } }`,
    targets: atPlaces((w, place) => ({ u: w.places[place].unitId }), LIST_REACH),
    seen: (data) => rowsSeen((data as { edges: unknown[] }).edges),
  },
  {
    operation: 'templateVersion',
    kind: 'query',
    roles: ALL,
    document: `query($id: UUID!) { templateVersion(id: $id) { id status } }`,
    targets: [
      { label: 'published', vars: async (w) => ({ id: w.templateVersionId }), reach: OK_FOR_ALL },
      {
        label: 'draft',
        vars: async (w) => ({ id: w.draftVersionId }),
        // Drafts are the authors' work in progress.
        reach: { staff: 'NOT_FOUND', unit_manager: 'NOT_FOUND', quality_coordinator: 'ok', admin: 'ok' },
      },
      ...PUBLISHED_FOR.map(({ label, place, reach }) => ({ label, reach, vars: async (w: World) => ({ id: (await w.draftVersion(place, true)).id }) })),
    ],
  },
  {
    operation: 'partnerClients',
    kind: 'query',
    roles: ['admin'],
    document: `{ partnerClients { id name } }`,
    targets: anywhere(),
  },
  // For partner tokens only (partners-reach-nothing-else.http.test.ts walks the partner's side): no user passes.
  { operation: 'partnerSelf', kind: 'query', roles: [], document: `{ partnerSelf { clientId } }`, targets: anywhere() },
  { operation: 'referrals', kind: 'query', roles: [], document: `{ referrals { cursor } }`, targets: anywhere() },
  { operation: 'riskStatistics', kind: 'query', roles: [], document: `{ riskStatistics(period: "2026") { period } }`, targets: anywhere() },
  { operation: 'templates', kind: 'query', roles: ALL, document: `{ templates { id key } }`, targets: anywhere() },
  { operation: 'webhookEndpoints', kind: 'query', roles: ['admin'], document: `{ webhookEndpoints { id url } }`, targets: anywhere() },
  { operation: 'webhookDeliveries', kind: 'query', roles: ['admin'], document: `{ webhookDeliveries { id status } }`, targets: anywhere() },
  { operation: 'users', kind: 'query', roles: ['unit_manager', 'quality_coordinator', 'admin'], document: `{ users { id } }`, targets: anywhere() },
];

const REVIEW_FIELDS = `{ id status }`;

const partnerInput = (areaId: string) => ({
  name: unique('Räddningstjänst'),
  organisationNumber: '222000-1230',
  areaIds: [areaId],
  scopes: ['REFERRALS_READ'],
});

/** A fresh partner client of the place's municipality, registered by its admin. */
async function partnerClientIn(w: World, place: Place): Promise<string> {
  const res = await w.server.gql<{ registerPartnerClient: { clientId: string } }>(
    `mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { clientId } }`,
    { input: partnerInput(w.places[place].areaId) },
    w.places[place].adminToken,
  );
  if (!res.data) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
  return res.data.registerPartnerClient.clientId;
}
/** A webhook endpoint of a partner client in the place, registered by the place's admin. */
async function webhookEndpointIn(w: World, place: Place): Promise<string> {
  const res = await w.server.gql<{ registerWebhookEndpoint: { endpoint: { id: string } } }>(
    `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`,
    { input: { partnerClientId: await partnerClientIn(w, place), url: 'https://hooks.example.se/hjulet', events: ['REFERRAL_CREATED'] } },
    w.places[place].adminToken,
  );
  if (!res.data) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
  return res.data.registerWebhookEndpoint.endpoint.id;
}

/** A dead delivery (every try failed) to an endpoint in the place: one an admin may redeliver. */
async function deadDeliveryIn(w: World, place: Place): Promise<string> {
  const endpointId = await webhookEndpointIn(w, place);
  const rows: Array<{ id: string }> = await w.server.dataSource.query(
    `INSERT INTO webhook_delivery (id, endpoint_id, event_type, subject, payload, status, attempts)
     VALUES (gen_random_uuid(), $1, 'statistics.period_closed', '2000-01', '{}', 'dead', 9) RETURNING id`,
    [endpointId],
  );
  return rows[0]?.id as string;
}
const ACTION_FIELDS = `{ id status ownerId }`;

const MUTATIONS: MatrixCase[] = [
  {
    operation: 'assignFollowUpAction',
    kind: 'mutation',
    roles: ['unit_manager'],
    document: `mutation($id: UUID!, $o: UUID!) { assignFollowUpAction(id: $id, ownerId: $o, dueDate: "2027-01-31") ${ACTION_FIELDS} }`,
    targets: atPlaces(async (w, place) => ({ id: await w.openAction(place), o: w.places[place].staffId })),
  },
  {
    operation: 'closeFollowUpAction',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($id: UUID!) { closeFollowUpAction(id: $id, input: { outcome: DONE, note: "Mattorna borttagna" }) ${ACTION_FIELDS} }`,
    targets: atPlaces(async (w, place) => ({ id: await w.openAction(place) })),
  },
  {
    operation: 'completeReview',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($id: UUID!, $a: [AnswerInput!]!) { completeReview(reviewId: $id, input: { answers: $a }) ${REVIEW_FIELDS} }`,
    targets: atPlaces(async (w, place) => ({ id: await w.offeredReview(place), a: safeAnswers() })),
  },
  {
    operation: 'createAdministration',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($n: String!) { createAdministration(name: $n) { id } }`,
    targets: anywhere(() => ({ n: unique('Förvaltning') })),
  },
  {
    operation: 'createArea',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($c: String!) { createArea(code: $c, name: "Nytt område") { id } }`,
    targets: anywhere(() => ({ c: unique('OMR') })),
  },
  {
    operation: 'createCareRecipient',
    kind: 'mutation',
    roles: EDITORS,
    document: `mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id unitId } }`,
    targets: atPlaces((w, place) => ({
      input: { reference: unique('NY'), unitId: w.places[place].unitId, areaId: w.places.Norr.areaId, housingType: 'OWNED_FLAT' },
    })),
  },
  {
    operation: 'createFollowUpAction',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($input: CreateFollowUpActionInput!) { createFollowUpAction(input: $input) ${ACTION_FIELDS} }`,
    targets: atPlaces((w, place) => ({
      input: { clientId: randomUUID(), reviewId: w.places[place].reviewId, what: 'Kontakta hyresvärden om brandvarnare', actor: 'HOME_CARE_CONTACTS_LANDLORD' },
    })),
  },
  {
    operation: 'createUnit',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($a: UUID!, $n: String!) { createUnit(administrationId: $a, name: $n) { id } }`,
    targets: atPlaces((w, place) => ({ a: w.places[place].administrationId, n: unique('Hemtjänst') })),
  },
  {
    operation: 'createUser',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    targets: atPlaces((w, place) => ({
      input: { email: `${unique('ny')}@demo.hjulet.se`, displayName: 'Ny Personal', password: DEMO_PASSWORD, role: 'STAFF', unitId: w.places[place].unitId },
    })),
  },
  {
    operation: 'declineReview',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($id: UUID!) { declineReview(reviewId: $id, reason: "Vill inte just nu") ${REVIEW_FIELDS} }`,
    targets: atPlaces(async (w, place) => ({ id: await w.offeredReview(place) })),
  },
  {
    operation: 'discardResult',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($input: DiscardResultInput!) { discardResult(input: $input) { clientId kind recipientId actionId reason } }`,
    // What the answer names: the recipient or action of the caller's municipality, nothing of another's.
    seen: (data) => {
      const d = data as { recipientId: string | null; actionId: string | null };
      return d.recipientId || d.actionId ? 'ok' : 'EMPTY';
    },
    targets: [
      ...atPlaces(
        (w, place) => ({ input: { clientId: randomUUID(), kind: 'REVIEW', recipientId: w.places[place].recipientId, reason: 'Fel brukare vald' } }),
        DISCARD_REACH,
      ).map((t) => ({ ...t, label: `a review ${t.label}` })),
      ...atPlaces(
        async (w, place) => ({ input: { clientId: randomUUID(), kind: 'ACTION_CLOSING', actionId: await w.openAction(place), reason: 'Åtgärden flyttad' } }),
        DISCARD_REACH,
      ).map((t) => ({ ...t, label: `an action closing ${t.label}` })),
    ],
  },
  {
    operation: 'handOverReview',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($input: ReviewInput!, $reason: String!) { handOverReview(input: $input, reason: $reason) { outcome error { code } } }`,
    // A result is handed over after submitReviews refused it to the same caller: outside their unit, that
    // refusal is made first. In their own unit it is stored as submitReviews would.
    targets: atPlaces(async (w, place, caller) => {
      const input = reviewInput(w.places[place].recipientId, w.templateVersionId);
      const token = w.token(caller);
      if (place !== 'Norr' && token && (caller === 'staff' || caller === 'unit_manager')) {
        await w.server.gql(`mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome } }`, { input: [input] }, token);
      }
      return { input, reason: 'Brukaren har flyttat till en annan enhet' };
    }, MUNICIPALITY_REACH),
    seen: (data) => {
      const result = data as { outcome: string; error: { code: string } | null };
      return result.outcome === 'CREATED' ? 'ok' : (result.error?.code ?? 'no result');
    },
  },
  {
    operation: 'importTemplate',
    kind: 'mutation',
    roles: AUTHORS,
    document: `mutation($d: JSONObject!, $a: UUID) { importTemplate(definition: $d, administrationId: $a) { id status } }`,
    targets: [
      ...anywhere(() => ({ d: definitionWithKey() })),
      {
        label: 'a new version of the municipality-wide checklist',
        vars: async () => ({ d: safetyTemplate() }),
        reach: { quality_coordinator: 'FORBIDDEN', admin: 'ok' },
      },
      {
        label: 'for another administration',
        vars: async (w) => ({ d: definitionWithKey(), a: w.places.Kolmården.administrationId }),
        reach: { quality_coordinator: 'FORBIDDEN', admin: 'ok' },
      },
      {
        label: "for another municipality's administration",
        vars: async (w) => ({ d: definitionWithKey(), a: w.places['another municipality'].administrationId }),
        reach: { quality_coordinator: 'FORBIDDEN', admin: 'NOT_FOUND' },
      },
    ],
  },
  {
    operation: 'login',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
    targets: anywhere((w, caller) => ({ e: w.email(caller), p: DEMO_PASSWORD })),
  },
  {
    operation: 'signInOptions',
    kind: 'query',
    roles: 'public',
    document: `{ signInOptions { providerName providerStartPath } }`,
    targets: anywhere(),
  },
  {
    // No identity provider in the matrix's world: a code is refused alike for everyone (oidc-sign-in.http.test.ts signs in).
    operation: 'completeSignIn',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($c: String!) { completeSignIn(code: $c) { accessToken } }`,
    targets: [
      {
        label: 'without a provider',
        vars: async () => ({ c: 'a-code-nobody-issued' }),
        reach: {
          anonymous: 'UNAUTHENTICATED',
          staff: 'UNAUTHENTICATED',
          unit_manager: 'UNAUTHENTICATED',
          quality_coordinator: 'UNAUTHENTICATED',
          admin: 'UNAUTHENTICATED',
        },
      },
    ],
  },
  {
    operation: 'endSession',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($t: String!) { endSession(refreshToken: $t) { providerLogoutUrl } }`,
    targets: anywhere(async (w, caller) => ({ t: await w.refreshToken(caller) })),
  },
  {
    operation: 'changePassword',
    kind: 'mutation',
    roles: ALL,
    // The same password again: the caller's other sessions end, this one (the matrix's token) goes on.
    document: `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
    targets: anywhere(() => ({ c: DEMO_PASSWORD, n: DEMO_PASSWORD })),
  },
  ...(['revokeUserSessions', 'liftLoginLockout'] as const).map((operation): MatrixCase => ({
    operation,
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($id: UUID!) { ${operation}(userId: $id) }`,
    targets: atPlaces(async (w, place) => ({ id: await w.user(place) })),
  })),
  ...(['deactivateUser', 'reactivateUser'] as const).map((operation): MatrixCase => ({
    operation,
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($id: UUID!) { ${operation}(userId: $id) { id active } }`,
    targets: atPlaces(async (w, place) => ({ id: await w.user(place) })),
  })),
  {
    operation: 'logout',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($t: String!) { logout(refreshToken: $t) }`,
    targets: anywhere(async (w, caller) => ({ t: await w.refreshToken(caller) })),
  },
  {
    operation: 'offerReview',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($input: OfferReviewInput!) { offerReview(input: $input) ${REVIEW_FIELDS} }`,
    targets: atPlaces((w, place) => ({ input: { clientId: randomUUID(), recipientId: w.places[place].recipientId, templateVersionId: w.templateVersionId } })),
  },
  {
    operation: 'publishTemplateVersion',
    kind: 'mutation',
    roles: AUTHORS,
    document: `mutation($id: UUID!) { publishTemplateVersion(versionId: $id) { id status } }`,
    targets: draftsByAudience((draft) => ({ id: draft.id })),
  },
  {
    operation: 'refreshSession',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`,
    targets: anywhere(async (w, caller) => ({ t: await w.refreshToken(caller) })),
  },
  {
    operation: 'registerPartnerClient',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { clientId } }`,
    // The areas must be the admin's municipality's.
    targets: atPlaces((w, place) => ({ input: partnerInput(w.places[place].areaId) })),
  },
  {
    operation: 'revokePartnerClient',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($id: UUID!) { revokePartnerClient(id: $id) { id revokedAt } }`,
    targets: atPlaces(async (w, place) => ({ id: await partnerClientIn(w, place) })),
  },
  {
    operation: 'rotatePartnerClientSecret',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($id: UUID!) { rotatePartnerClientSecret(id: $id) { clientId } }`,
    targets: atPlaces(async (w, place) => ({ id: await partnerClientIn(w, place) })),
  },
  {
    operation: 'registerWebhookEndpoint',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`,
    // The partner client must be the admin's municipality's.
    targets: atPlaces(async (w, place) => ({
      input: { partnerClientId: await partnerClientIn(w, place), url: 'https://hooks.example.se/hjulet', events: ['REFERRAL_CREATED'] },
    })),
  },
  {
    operation: 'removeWebhookEndpoint',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($id: UUID!) { removeWebhookEndpoint(id: $id) { id removedAt } }`,
    targets: atPlaces(async (w, place) => ({ id: await webhookEndpointIn(w, place) })),
  },
  {
    operation: 'redeliverWebhook',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($id: UUID!) { redeliverWebhook(id: $id) { id status } }`,
    targets: atPlaces(async (w, place) => ({ id: await deadDeliveryIn(w, place) })),
  },
  {
    operation: 'saveReviewAnswers',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($id: UUID!, $a: [AnswerInput!]!) { saveReviewAnswers(reviewId: $id, answers: $a) ${REVIEW_FIELDS} }`,
    targets: atPlaces(async (w, place) => ({ id: await w.offeredReview(place), a: safeAnswers().slice(0, 3) })),
  },
  {
    operation: 'submitReviews',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome error { code } } }`,
    targets: atPlaces((w, place) => ({ input: [reviewInput(w.places[place].recipientId, w.templateVersionId)] })),
    // A batch answers each review on its own: a refused one comes back REJECTED with the reason's code.
    seen: (data) => {
      const [first] = data as Array<{ outcome: string; error: { code: string } | null }>;
      return first?.outcome === 'CREATED' ? 'ok' : (first?.error?.code ?? 'no result');
    },
  },
  {
    operation: 'updateCareRecipient',
    kind: 'mutation',
    roles: EDITORS,
    document: `mutation($id: UUID!, $input: UpdateCareRecipientInput!) { updateCareRecipient(id: $id, input: $input) { id unitId housingType } }`,
    targets: [
      ...atPlaces(async (w, place) => ({ id: await w.recipient(place), input: { housingType: 'HOUSE' } })),
      {
        label: 'moved from Norr to Söder',
        vars: async (w) => ({ id: await w.recipient('Norr'), input: { unitId: w.places.Söder.unitId } }),
        // A unit manager cannot give a recipient away, even within reach.
        reach: { unit_manager: 'FORBIDDEN', admin: 'ok' },
      },
    ],
  },
  {
    operation: 'updateTemplateDraft',
    kind: 'mutation',
    roles: AUTHORS,
    document: `mutation($id: UUID!, $d: JSONObject!) { updateTemplateDraft(versionId: $id, definition: $d) { id status } }`,
    targets: draftsByAudience((draft) => ({ id: draft.id, d: { ...draft.definition, title: { sv: 'Ändrad titel', en: 'Changed title' } } })),
  },
];

/** Referrals (issue 10 §3): partners read and acknowledge them; the review's unit records a withdrawn consent. */
const REFERRAL_CASES: MatrixCase[] = [
  {
    operation: 'acknowledgeReferral',
    kind: 'mutation',
    roles: [],
    document: `mutation($id: UUID!) { acknowledgeReferral(id: $id, outcome: NO_ACTION) { id } }`,
    targets: anywhere(() => ({ id: randomUUID() })),
  },
  {
    operation: 'withdrawFireServiceConsent',
    kind: 'mutation',
    roles: REVIEWERS,
    document: `mutation($id: UUID!) { withdrawFireServiceConsent(reviewId: $id) { reviewId consentToShareWithFireService } }`,
    targets: atPlaces((w, place) => ({ id: w.places[place].reviewId })),
  },
];

export const CASES: readonly MatrixCase[] = [
  ...QUERIES,
  ...MUTATIONS,
  ...PLAN_CASES,
  ...REFERRAL_CASES,
  ...INTERCHANGE_CASES,
  ...PRIVACY_CASES,
  ...SECOND_FACTOR_CASES,
  ...IDENTITY_CASES,
  ...FEEDBACK_CASES,
  ...ROUTINE_CASES,
  ...DEVIATION_CASES,
  ...SURVEY_CASES,
  ...SELF_CHECK_CASES,
];

/** The expected outcome of one cell: the auth checker first, then the services' scope. */
export function expectedOutcome(c: MatrixCase, target: Target, caller: Caller): Outcome | 'no expectation' {
  if (c.roles !== 'public') {
    if (caller === 'anonymous') return 'UNAUTHENTICATED';
    if (!c.roles.includes(caller)) return 'FORBIDDEN';
  }
  return target.reach[caller] ?? 'no expectation';
}
