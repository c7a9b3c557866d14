import { isDormant, scopeProblem, type ScopedRole } from '@hjulet/domain';
import type { EntityManager } from 'typeorm';
import { badInput, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { OrganisationService } from '../organisation/organisation.service.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { RoleAssignment } from './role-assignment.js';
import type { UserAccount } from './user-account.types.js';
import type { AccountRepository, AccountRow } from './user.repository.js';

/** A role input with absent scope fields as null. */
export const scopedRoleOf = (input: {
  role: ScopedRole['role'];
  unitId?: string | null | undefined;
  administrationId?: string | null | undefined;
}): ScopedRole => ({
  role: input.role,
  unitId: input.unitId ?? null,
  administrationId: input.administrationId ?? null,
});

export const accountView = (row: AccountRow, now: Date): UserAccount => ({
  ...row,
  awaitingRole: row.role === null,
  dormant: isDormant(row.lastSignInAt, row.createdAt, now),
});

/**
 * The admin's side of accounts: who there is, how they use the system, and their roles. Role changes go
 * through RoleAssignment, so each is audited and ends the user's sessions.
 */
export class UserLifecycleService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly roles: RoleAssignment,
    private readonly organisation: OrganisationService,
    private readonly transactions: UnitOfWork,
  ) {}

  async list(caller: Caller): Promise<UserAccount[]> {
    const now = new Date();
    return (await this.accounts.accounts(caller.principal.municipalityId)).map((row) => accountView(row, now));
  }

  /** Checks a role and scope against the rule and the caller's municipality; a typed error for each problem. */
  async checkScopedRole(caller: Caller, scoped: ScopedRole): Promise<void> {
    const problem = scopeProblem(scoped);
    if (problem) throw badInput(problem.message, problem.field);
    if (scoped.unitId) await this.organisation.reachableUnit(caller, scoped.unitId);
    if (scoped.administrationId && !(await this.organisation.hasAdministration(caller.principal.municipalityId, scoped.administrationId))) {
      throw notFound('Administration', 'administrationId');
    }
  }

  /** An admin's assignment of role and scope (also to a user awaiting one). An admin cannot change their own role. */
  async assignRole(caller: Caller, userId: string, scoped: ScopedRole): Promise<UserAccount> {
    if (userId === caller.principal.userId) throw badInput('You cannot change your own role', 'userId');
    await this.checkScopedRole(caller, scoped);
    return this.transactions.run(async (m) => {
      const account = await this.lockedAccount(caller, userId, m);
      await this.roles.apply(m, caller, account, scoped, { by: 'admin' });
      const after = await this.accounts.byId(m, userId);
      if (!after) throw notFound('User', 'userId');
      return accountView(after, new Date());
    });
  }

  private async lockedAccount(caller: Caller, userId: string, m: EntityManager): Promise<AccountRow> {
    const account = await this.accounts.lockAccount(m, caller.principal.municipalityId, userId);
    if (!account) throw notFound('User', 'userId');
    return account;
  }
}
