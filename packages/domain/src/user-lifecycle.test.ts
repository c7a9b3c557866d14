import { describe, expect, it } from 'vitest';
import { chooseMapping, claimValues, isDormant, scopeProblem, type RoleMappingRule } from './user-lifecycle.js';

const rule = (claimValue: string, role: RoleMappingRule['role'], unitId: string | null = null, administrationId: string | null = null): RoleMappingRule => ({
  id: claimValue,
  claimValue,
  role,
  unitId,
  administrationId,
});

describe('chooseMapping', () => {
  const rules = [
    rule('hjulet-staff-norr', 'staff', 'norr'),
    rule('hjulet-managers-norr', 'unit_manager', 'norr'),
    rule('hjulet-staff-soder', 'staff', 'soder'),
  ];

  it('picks the one row whose value the claim holds', () => {
    expect(chooseMapping(['other', 'hjulet-staff-soder'], rules).chosen?.unitId).toBe('soder');
  });

  it('answers null when nothing matches', () => {
    expect(chooseMapping(['other'], rules)).toEqual({ chosen: null, matched: [] });
  });

  it('gives the most far-reaching role when several match, whatever the order in the token', () => {
    expect(chooseMapping(['hjulet-staff-norr', 'hjulet-managers-norr'], rules).chosen?.role).toBe('unit_manager');
    expect(chooseMapping(['hjulet-managers-norr', 'hjulet-staff-norr'], rules).chosen?.role).toBe('unit_manager');
  });

  it('breaks a tie between equal roles by the claim value, in code-point order', () => {
    const both = ['hjulet-staff-soder', 'hjulet-staff-norr'];
    expect(chooseMapping(both, rules).chosen?.claimValue).toBe('hjulet-staff-norr');
    expect(chooseMapping([...both].reverse(), rules).matched.map((r) => r.claimValue)).toEqual(['hjulet-staff-norr', 'hjulet-staff-soder']);
  });
});

describe('claimValues', () => {
  it('reads an array of strings, a space-separated string, and nothing else', () => {
    expect(claimValues(['a', 7, 'b', ''])).toEqual(['a', 'b']);
    expect(claimValues('a b')).toEqual(['a', 'b']);
    expect(claimValues({ a: 1 })).toEqual([]);
    expect(claimValues(undefined)).toEqual([]);
  });
});

describe('isDormant', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

  it('flags an account whose last sign-in is more than 90 days old', () => {
    expect(isDormant(daysAgo(91), daysAgo(400), now)).toBe(true);
    expect(isDormant(daysAgo(89), daysAgo(400), now)).toBe(false);
  });

  it('counts from creation when the account never signed in', () => {
    expect(isDormant(null, daysAgo(91), now)).toBe(true);
    expect(isDormant(null, daysAgo(3), now)).toBe(false);
  });
});

describe('scopeProblem', () => {
  it('asks a unit of staff and an administration of coordinators, and nothing of admins', () => {
    expect(scopeProblem({ role: 'staff', unitId: null, administrationId: null })?.field).toBe('unitId');
    expect(scopeProblem({ role: 'quality_coordinator', unitId: null, administrationId: null })?.field).toBe('administrationId');
    expect(scopeProblem({ role: 'admin', unitId: 'u', administrationId: null })?.field).toBe('unitId');
    expect(scopeProblem({ role: 'admin', unitId: null, administrationId: null })).toBeNull();
  });
});
