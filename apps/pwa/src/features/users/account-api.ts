/*
 * The account screens' GraphQL documents and shapes. They ask the API directly (planRequest): who has
 * which role is the server's current answer, never an offline copy.
 */

export type WireRole = 'STAFF' | 'UNIT_MANAGER' | 'QUALITY_COORDINATOR' | 'ADMIN';
export const WIRE_ROLES: readonly WireRole[] = ['STAFF', 'UNIT_MANAGER', 'QUALITY_COORDINATOR', 'ADMIN'];
export type WireMethod = 'PASSWORD' | 'OIDC';

export interface OrgChoices {
  organisation: { administrations: Array<{ id: string; name: string }>; units: Array<{ id: string; name: string; administrationId: string }> };
}
export const ORGANISATION = `{ organisation { administrations { id name } units { id name administrationId } } }`;

export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: WireRole | null;
  roleSource: 'ADMIN' | 'MAPPING' | null;
  unitId: string | null;
  administrationId: string | null;
  active: boolean;
  awaitingRole: boolean;
  lastSignInAt: string | null;
  lastSignInMethod: WireMethod | null;
  dormant: boolean;
}
export const ACCOUNTS = `{ userAccounts { id email displayName role roleSource unitId administrationId active awaitingRole lastSignInAt lastSignInMethod dormant } }`;
export const ASSIGN_ROLE = `mutation($u: UUID!, $i: ScopedRoleInput!) { assignUserRole(userId: $u, input: $i) { id } }`;
export const DEACTIVATE = `mutation($u: UUID!) { deactivateUser(userId: $u) { id } }`;
export const REACTIVATE = `mutation($u: UUID!) { reactivateUser(userId: $u) { id } }`;

/** The lex Sarah group: who receives and investigates lex Sarah reports (docs/deviations.md). */
export interface LexSarahMember {
  userId: string;
  displayName: string;
}
export const LEX_SARAH_GROUP = `{ lexSarahReceivers { userId displayName } }`;
export const DESIGNATE_LEX_SARAH = `mutation($u: UUID!, $d: Boolean!) { designateLexSarahReceiver(userId: $u, designated: $d) { userId } }`;

export interface Mapping {
  id: string;
  claimValue: string;
  role: WireRole;
  unitId: string | null;
  administrationId: string | null;
}
export interface MappingOverview {
  roleMappings: Mapping[];
  identitySettings: { roleClaim: string; autoCreate: boolean };
}
export const MAPPINGS = `{ roleMappings { id claimValue role unitId administrationId } identitySettings { roleClaim autoCreate } }`;
export const CREATE_MAPPING = `mutation($i: RoleMappingInput!) { createRoleMapping(input: $i) { id } }`;
export const DELETE_MAPPING = `mutation($id: UUID!) { deleteRoleMapping(id: $id) }`;
export const UPDATE_SETTINGS = `mutation($i: IdentitySettingsInput!) { updateIdentitySettings(input: $i) { roleClaim autoCreate } }`;

export interface MySession {
  id: string;
  method: WireMethod | null;
  browser: string | null;
  system: string | null;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}
export const MY_SESSIONS = `{ mySessions { id method browser system createdAt lastUsedAt current } }`;
export const END_MY_SESSION = `mutation($s: UUID!) { endMySession(sessionId: $s) }`;

/** A role with the scope it needs, as the inputs take it: unit for staff and managers, administration for coordinators. */
export function scopedRoleInput(role: WireRole, unitId: string, administrationId: string): { role: WireRole; unitId?: string; administrationId?: string } {
  if (role === 'STAFF' || role === 'UNIT_MANAGER') return { role, unitId };
  if (role === 'QUALITY_COORDINATOR') return { role, administrationId };
  return { role };
}
