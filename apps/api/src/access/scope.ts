import type { OrgPlacement, Principal } from '../auth/principal.js';
import { AccessRefused, type RefusedSubject } from '../shared/app-error.js';

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

export interface ReachSubject extends RefusedSubject {
  /** What the record is, for the message: 'Care recipient', 'Review'. */
  what: string;
  /** The argument that named it, for the error's `field`. */
  field?: string;
}

/**
 * The one scope check, for a single record: NOT_FOUND when it is missing or in another municipality (its
 * existence is not revealed), FORBIDDEN when it is in the caller's municipality but out of their scope.
 * Both errors carry the subject, so the refusal is audited with who asked for what.
 */
export function assertReach<T extends OrgPlacement>(principal: Principal, placement: T | null, subject: ReachSubject): asserts placement is T {
  const { what, field, ...refused } = subject;
  if (!placement || placement.municipalityId !== principal.municipalityId) {
    throw new AccessRefused('NOT_FOUND', `${what} not found`, field, refused);
  }
  if (!canReach(principal, placement)) {
    throw new AccessRefused('FORBIDDEN', `This ${what.toLowerCase()} is outside your scope`, field, refused);
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

/**
 * Users a principal may see, as SQL on `app_user` columns: those of their unit, or for a coordinator those
 * of their administration and its units, or for an admin the whole municipality.
 */
export function userScopeCondition(principal: Principal, bind: (value: unknown) => string): string {
  const municipality = `municipality_id = ${bind(principal.municipalityId)}`;
  switch (principal.role) {
    case 'staff':
    case 'unit_manager':
      return `${municipality} AND ${unitScopeCondition(principal, 'unit_id', bind)}`;
    case 'quality_coordinator':
      return `${municipality} AND (administration_id = ${bind(principal.administrationId)} OR ${unitScopeCondition(principal, 'unit_id', bind)})`;
    case 'admin':
      return municipality;
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
