import type { Role } from './vocabulary.js';

/*
 * Rules of a user's access that are not about care: where a role's scope lies, which row of the
 * municipality's role-mapping table a person's provider claims select, and when an account counts as unused.
 */

/** A role with its scope: a unit for staff and unit managers, an administration for coordinators, nothing for admins. */
export interface ScopedRole {
  role: Role;
  unitId: string | null;
  administrationId: string | null;
}

/** Why a role and scope do not go together; null when they do (the same rule as the app_user check). */
export function scopeProblem(scoped: ScopedRole): { field: 'unitId' | 'administrationId'; message: string } | null {
  const needsUnit = scoped.role === 'staff' || scoped.role === 'unit_manager';
  if (needsUnit && !scoped.unitId) return { field: 'unitId', message: 'Staff and unit managers need a unit' };
  if (!needsUnit && scoped.unitId) return { field: 'unitId', message: 'Only staff and unit managers belong to a unit' };
  if (scoped.role === 'quality_coordinator' && !scoped.administrationId)
    return { field: 'administrationId', message: 'Quality coordinators need an administration' };
  if (scoped.role !== 'quality_coordinator' && scoped.administrationId) {
    return { field: 'administrationId', message: 'Only quality coordinators belong to an administration' };
  }
  return null;
}

/** A row of the role-mapping table. */
export interface RoleMappingRule extends ScopedRole {
  id: string;
  claimValue: string;
}

/** How far a role reaches: the rank that decides between several matching rows (higher wins). */
const REACH: Record<Role, number> = { staff: 1, unit_manager: 2, quality_coordinator: 3, admin: 4 };

/**
 * The values of a groups or roles claim: Entra ID and most brokers send an array of strings, some a
 * single string (or a space-separated list, like `scope`). Anything else carries no value.
 */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/\s+/).filter((v) => v.length > 0);
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [];
}

/**
 * The row that decides a person's role, from all rows whose claim value the person's claim holds, or null
 * when none matches. With several, the most far-reaching role wins (admin > quality coordinator > unit
 * manager > staff: a person in both "all staff" and "managers of Norr" is a manager); between rows of the
 * same role, the claim value first in code-point order. The answer depends only on the set of values, not
 * on their order in the token, so the same person gets the same role at every sign-in.
 */
export function chooseMapping<R extends RoleMappingRule>(values: readonly string[], rules: readonly R[]): { chosen: R | null; matched: R[] } {
  const held = new Set(values);
  const matched = rules
    .filter((rule) => held.has(rule.claimValue))
    .sort((a, b) => REACH[b.role] - REACH[a.role] || (a.claimValue < b.claimValue ? -1 : a.claimValue > b.claimValue ? 1 : 0));
  return { chosen: matched[0] ?? null, matched };
}

/** Days without a sign-in after which an account is flagged for the admin (issue 12 §5). */
export const DORMANT_AFTER_DAYS = 90;

/** Whether an account has gone unused: no sign-in for DORMANT_AFTER_DAYS, counted from its creation when it never signed in. */
export function isDormant(lastSignInAt: Date | null, createdAt: Date, now: Date): boolean {
  const since = lastSignInAt ?? createdAt;
  return now.getTime() - since.getTime() > DORMANT_AFTER_DAYS * 86_400_000;
}

/** The same role and scope: a change to audit, or not. */
export function sameScopedRole(a: { role: Role | null; unitId: string | null; administrationId: string | null }, b: ScopedRole | null): boolean {
  if (!b) return a.role === null;
  return a.role === b.role && a.unitId === b.unitId && a.administrationId === b.administrationId;
}
