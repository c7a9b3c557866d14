import type { Role } from '../users/user.entity.js';

/** Who is calling, as read from a verified access token. */
export interface Principal {
  userId: string;
  role: Role;
  municipalityId: string;
  unitId: string | null;
  administrationId: string | null;
}

/** Where a record lives in the organisation, enough to decide whether a principal may touch it. */
export interface OrgPlacement {
  unitId: string;
  administrationId: string;
  municipalityId: string;
}

/**
 * The one scope rule: staff and unit managers reach their unit, coordinators their administration,
 * admins their municipality.
 */
export function canReach(principal: Principal, placement: OrgPlacement): boolean {
  if (placement.municipalityId !== principal.municipalityId) return false;
  switch (principal.role) {
    case 'staff':
    case 'unit_manager':
      return placement.unitId === principal.unitId;
    case 'quality_coordinator':
      return placement.administrationId === principal.administrationId;
    case 'admin':
      return true;
  }
}

/**
 * The same rule as SQL, for lists: a condition on `unitColumn`. `bind` turns a value into a placeholder
 * (`$3` for raw queries, `:scope` for query builders). Sub-selects keep it to one statement.
 */
export function unitScopeCondition(principal: Principal, unitColumn: string, bind: (value: unknown) => string): string {
  switch (principal.role) {
    case 'staff':
    case 'unit_manager':
      return `${unitColumn} = ${bind(principal.unitId)}`;
    case 'quality_coordinator':
      return `${unitColumn} IN (SELECT id FROM unit WHERE administration_id = ${bind(principal.administrationId)})`;
    case 'admin':
      return `${unitColumn} IN (SELECT u.id FROM unit u JOIN administration a ON a.id = u.administration_id WHERE a.municipality_id = ${bind(principal.municipalityId)})`;
  }
}

/** A `bind` for raw queries: appends to `params` and answers `$n`. */
export const positional = (params: unknown[]) => (value: unknown) => `$${params.push(value)}`;

/** A `bind` for TypeORM query builders: sets a named parameter and answers `:name`. */
export function named(qb: { setParameter(name: string, value: unknown): unknown }) {
  let n = 0;
  return (value: unknown) => {
    const name = `scope${n++}`;
    qb.setParameter(name, value);
    return `:${name}`;
  };
}
