import { PLACES, unique, type Caller, type Place, type Vars, type World } from './authorization-matrix.world.js';
import type { MatrixCase, Outcome, Target } from './authorization-matrix.cases.js';

/*
 * The user lifecycle (issue 12 §2, §5): accounts, roles and the mapping table are the admin's, within their
 * municipality; every user sees and ends only their own sessions.
 */

const ADMIN_REACH: Record<Place, Outcome> = { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' };

const adminAtPlaces = (vars: (w: World, place: Place) => Promise<Vars> | Vars): Target[] =>
  PLACES.map((place) => ({ label: `in ${place}`, vars: async (w: World) => vars(w, place), reach: { admin: ADMIN_REACH[place] } }));

const adminOnly = (vars: (w: World) => Promise<Vars> | Vars = () => ({})): Target[] => [{ label: '', vars: async (w) => vars(w), reach: { admin: 'ok' } }];

const OK_FOR_EVERY_USER: Partial<Record<Caller, Outcome>> = { staff: 'ok', unit_manager: 'ok', quality_coordinator: 'ok', admin: 'ok' };

/** Another live session of the caller (never the matrix's own token): its id, as `mySessions` names it. */
async function otherSessionOf(w: World, caller: Caller): Promise<string | undefined> {
  const refreshed = await w.server.gql<{ refreshSession: { accessToken: string } }>(
    `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`,
    {
      t: await w.refreshToken(caller),
    },
  );
  const list = await w.server.gql<{ mySessions: Array<{ id: string; current: boolean }> }>(
    `{ mySessions { id current } }`,
    {},
    refreshed.data?.refreshSession.accessToken,
  );
  return list.data?.mySessions.find((s) => s.current)?.id;
}

export const IDENTITY_CASES: MatrixCase[] = [
  {
    operation: 'userAccounts',
    kind: 'query',
    roles: ['admin'],
    document: `{ userAccounts { id role awaitingRole dormant lastSignInAt lastSignInMethod } }`,
    targets: adminOnly(),
  },
  { operation: 'roleMappings', kind: 'query', roles: ['admin'], document: `{ roleMappings { id claimValue role } }`, targets: adminOnly() },
  { operation: 'identitySettings', kind: 'query', roles: ['admin'], document: `{ identitySettings { roleClaim autoCreate } }`, targets: adminOnly() },
  {
    operation: 'mySessions',
    kind: 'query',
    roles: ['staff', 'unit_manager', 'quality_coordinator', 'admin'],
    document: `{ mySessions { id method current } }`,
    targets: [{ label: '', vars: async () => ({}), reach: OK_FOR_EVERY_USER }],
  },
  {
    operation: 'assignUserRole',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($u: UUID!, $i: ScopedRoleInput!) { assignUserRole(userId: $u, input: $i) { id role } }`,
    // Staff of the place's unit made unit manager there: another municipality's user and unit are unknown.
    targets: adminAtPlaces(async (w, place) => ({ u: await w.user(place), i: { role: 'UNIT_MANAGER', unitId: w.places[place].unitId } })),
  },
  {
    operation: 'createRoleMapping',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($i: RoleMappingInput!) { createRoleMapping(input: $i) { id } }`,
    targets: adminAtPlaces((w, place) => ({ i: { claimValue: unique('grupp'), role: 'STAFF', unitId: w.places[place].unitId } })),
  },
  {
    operation: 'deleteRoleMapping',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($id: UUID!) { deleteRoleMapping(id: $id) }`,
    // A row made by the place's own admin: another municipality's row is unknown to this one's admin.
    targets: adminAtPlaces(async (w, place) => {
      const made = await w.server.gql<{ createRoleMapping: { id: string } }>(
        `mutation($i: RoleMappingInput!) { createRoleMapping(input: $i) { id } }`,
        { i: { claimValue: unique('grupp'), role: 'STAFF', unitId: w.places[place].unitId } },
        w.places[place].adminToken,
      );
      return { id: made.data?.createRoleMapping.id };
    }),
  },
  {
    operation: 'updateIdentitySettings',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($i: IdentitySettingsInput!) { updateIdentitySettings(input: $i) { roleClaim autoCreate } }`,
    targets: adminOnly(() => ({ i: { roleClaim: 'groups', autoCreate: false } })),
  },
  {
    operation: 'endMySession',
    kind: 'mutation',
    roles: ['staff', 'unit_manager', 'quality_coordinator', 'admin'],
    document: `mutation($s: UUID!) { endMySession(sessionId: $s) }`,
    targets: [{ label: 'another of mine', vars: async (w, caller) => ({ s: await otherSessionOf(w, caller) }), reach: OK_FOR_EVERY_USER }],
  },
];
