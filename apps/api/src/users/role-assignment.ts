import type { EntityManager } from 'typeorm';
import { sameScopedRole, type ScopedRole } from '@hjulet/domain';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { RoleSource } from './user.entity.js';
import type { AccountRepository, AccountRow } from './user.repository.js';

/** What a role change is audited with: who decided (an admin, or the mapping table at a sign-in) and why. */
export interface RoleChangeCause {
  by: RoleSource;
  /** The mapping row that decided, and every row that matched, for a change at sign-in. */
  mapping?: { claimValue: string; matched: string[] } | undefined;
}

const scopeOf = (a: { role: ScopedRole['role'] | null; unitId: string | null; administrationId: string | null }) =>
  a.role ? { role: a.role, unitId: a.unitId, administrationId: a.administrationId } : null;

/**
 * The one way a user's role or scope changes, for the admin and for the mapping at sign-in alike: the new
 * role is written, an `update` row with the before and after goes to the audit log, and every session of
 * the user ends (their access tokens carry the old role, and must not outlive it), all in the caller's
 * transaction. Nothing happens when role and scope stay the same, but a change of who set it is recorded.
 */
export class RoleAssignment {
  constructor(
    private readonly accounts: AccountRepository,
    /** Ends every session of the user, in the transaction (the auth feature's, wired in services.ts). */
    private readonly endSessions: (manager: EntityManager, userId: string) => Promise<void>,
    private readonly audit: AuditService,
  ) {}

  /** Whether role or scope changed. */
  async apply(manager: EntityManager, source: AuditSource, account: AccountRow, next: ScopedRole | null, cause: RoleChangeCause): Promise<boolean> {
    const nextSource = next ? cause.by : null;
    const changed = !sameScopedRole(account, next);
    if (!changed && account.roleSource === nextSource) return false;
    await this.accounts.setRole(manager, account.id, next, nextSource);
    if (!changed) return false;
    await this.endSessions(manager, account.id);
    await this.audit.record(
      source,
      [
        {
          action: 'update',
          entityType: 'user',
          entityId: account.id,
          details: { change: 'role', by: cause.by, from: scopeOf(account), to: next, ...(cause.mapping ? { mapping: cause.mapping } : {}) },
        },
      ],
      manager,
    );
    return true;
  }
}
