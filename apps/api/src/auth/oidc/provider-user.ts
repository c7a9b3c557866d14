import { randomUUID } from 'node:crypto';
import { chooseMapping, claimValues, type ScopedRole } from '@hjulet/domain';
import type { EntityManager } from 'typeorm';
import type { AuditService, AuditSource } from '../../audit/audit.service.js';
import type { RoleAssignment } from '../../users/role-assignment.js';
import type { RoleMappingRepository } from '../../users/role-mapping.repository.js';
import type { AccountRepository, AccountRow } from '../../users/user.repository.js';

/** The claims of a person the provider vouched for (the ID token's, with userinfo's where it lacked some). */
export type ProviderClaims = Record<string, unknown>;

/**
 * Who signs in, after the provider's answer passed every check:
 * - `user`: an active user with a role; a session follows.
 * - `awaiting_role`: an active user with no role (created now, or earlier and still waiting): no session.
 * - `no_account`: no (active) user, and none is created (the municipality does not allow it).
 * - `no_email`: a user would be created, but the provider sent no usable email.
 */
export type ProviderSignIn =
  | { kind: 'user'; userId: string }
  | { kind: 'awaiting_role'; userId: string; created: boolean }
  | { kind: 'no_account'; userId: string | null }
  | { kind: 'no_email' };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * The account of a person signing in through the provider, brought up to date with the municipality's
 * mapping table, in the caller's transaction:
 * 1. found by the identifying claim, or created without a role when the municipality allows it;
 * 2. when the roles claim holds a mapped value, the mapping decides role and scope (chooseMapping's rule);
 *    when none matches, a role that came from a mapping goes (the person left the group: awaiting again),
 *    and a role an admin set stays;
 * 3. a change is audited and ends the user's other sessions (RoleAssignment).
 */
export class ProviderUsers {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly mappings: RoleMappingRepository,
    private readonly roles: RoleAssignment,
    private readonly audit: AuditService,
    private readonly municipalityCode: string | undefined,
  ) {}

  async signIn(manager: EntityManager, source: AuditSource, claims: ProviderClaims, identifyingClaim: string, identity: string): Promise<ProviderSignIn> {
    const byEmail = identifyingClaim === 'email';
    const value = byEmail ? identity.trim().toLowerCase() : identity;
    let account = await this.accounts.lockByClaim(manager, byEmail ? 'email' : 'external_subject', value);
    let created = false;
    if (!account) {
      const made = await this.create(manager, claims, byEmail, value);
      if (made.kind !== 'created') return made;
      account = made.account;
      created = true;
      await this.audit.record(source, [{ action: 'create', entityType: 'user', entityId: account.id, details: { by: 'sign_in', method: 'oidc' } }], manager);
    }
    if (!account.active) return { kind: 'no_account', userId: account.id };

    const settings = await this.mappings.settings(account.municipalityId, manager);
    const { chosen, matched } = chooseMapping(claimValues(claims[settings.roleClaim]), await this.mappings.list(account.municipalityId, manager));
    const next: ScopedRole | null = chosen ? { role: chosen.role, unitId: chosen.unitId, administrationId: chosen.administrationId } : null;
    if (chosen || account.roleSource === 'mapping') {
      const mapping = chosen ? { claimValue: chosen.claimValue, matched: matched.map((m) => m.claimValue) } : undefined;
      await this.roles.apply(manager, source, account, next, { by: 'mapping', mapping });
      account = { ...account, ...(next ?? { role: null, unitId: null, administrationId: null }) };
    }
    if (account.role) return { kind: 'user', userId: account.id };
    // The admin sees that the person came and waits; no session records it, so the user row does.
    await this.accounts.recordSignInWithoutSession(manager, account.id, 'oidc');
    return { kind: 'awaiting_role', userId: account.id, created };
  }

  private async create(
    manager: EntityManager,
    claims: ProviderClaims,
    byEmail: boolean,
    value: string,
  ): Promise<{ kind: 'created'; account: AccountRow } | { kind: 'no_account'; userId: null } | { kind: 'no_email' }> {
    const municipalityId = this.municipalityCode
      ? await this.accounts.municipalityByCode(manager, this.municipalityCode)
      : await this.accounts.soleMunicipality(manager);
    if (!municipalityId || !(await this.mappings.settings(municipalityId, manager)).autoCreate) return { kind: 'no_account', userId: null };
    const email = (byEmail ? value : typeof claims['email'] === 'string' ? claims['email'] : '').trim().toLowerCase();
    if (email.length < 3 || email.length > 254 || !EMAIL.test(email)) return { kind: 'no_email' };
    const name = typeof claims['name'] === 'string' ? claims['name'].trim().slice(0, 200) : '';
    const id = await this.accounts.insertProviderUser(manager, {
      id: randomUUID(),
      municipalityId,
      email,
      displayName: name || email,
      externalSubject: byEmail ? null : value,
    });
    // Another first sign-in of the same person (or an account with the email) got there first.
    const account = id ? await this.accounts.byId(manager, id) : null;
    return account ? { kind: 'created', account } : { kind: 'no_account', userId: null };
  }
}
