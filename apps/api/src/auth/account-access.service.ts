import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import { badInput, notFound, unauthenticated } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { User } from '../users/user.entity.js';
import type { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { SessionRepository } from './session.repository.js';

/**
 * Who may get in: a user changing their password, and an admin ending a user's sessions, deactivating or
 * reactivating an account, or lifting a login lockout. Each ends access at once (the per-request session
 * check in AuthService.authenticate), and each is audited as a change to the user.
 */
export class AccountAccessService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * The caller's own password. Every other session of theirs ends; this one goes on. Guessing the current
   * password counts against the account's login budget, like a login.
   */
  async changePassword(caller: Caller, currentPassword: string, newPassword: string, address: string): Promise<boolean> {
    const { principal } = caller;
    const found = await this.transactions.run((m) => this.sessions.userInMunicipality(m, principal.userId, principal.municipalityId));
    if (!found) throw unauthenticated();
    await this.throttle.attempt(found.email, address);
    if (!(await verifyPassword(found.passwordHash, currentPassword))) throw badInput('The current password is wrong', 'currentPassword');
    await this.throttle.succeeded(found.email, address);
    const passwordHash = await hashPassword(newPassword);
    await this.transactions.run(async (m) => {
      await this.sessions.setPasswordHash(m, principal.userId, passwordHash);
      await this.sessions.revokeSessionsOf(m, principal.userId, principal.sessionId ?? null);
      await this.audit.record(caller, [{ action: 'update', entityType: 'user', entityId: principal.userId, details: { change: 'password' } }], m);
    });
    return true;
  }

  /** Ends every session of a user of the admin's municipality (a lost phone, a suspicion). */
  async revokeSessions(caller: Caller, userId: string): Promise<boolean> {
    await this.transactions.run(async (m) => {
      await this.userOf(caller, userId, m);
      await this.sessions.revokeSessionsOf(m, userId);
      await this.audit.record(caller, [{ action: 'logout', entityType: 'user', entityId: userId, details: { change: 'sessions_revoked' } }], m);
    });
    return true;
  }

  /** Deactivating ends every session and refuses logins; reactivating lets the user log in again. */
  async setActive(caller: Caller, userId: string, active: boolean): Promise<User> {
    if (!active && userId === caller.principal.userId) throw badInput('You cannot deactivate your own account', 'userId');
    return this.transactions.run(async (m) => {
      await this.userOf(caller, userId, m);
      await this.sessions.setActive(m, userId, active);
      if (!active) await this.sessions.revokeSessionsOf(m, userId);
      await this.audit.record(
        caller,
        [{ action: 'update', entityType: 'user', entityId: userId, details: { change: active ? 'reactivated' : 'deactivated' } }],
        m,
      );
      return this.sessions.userById(m, userId);
    });
  }

  /** Lets a locked-out account try again at once (an admin who has checked who is asking). */
  async liftLoginLockout(caller: Caller, userId: string): Promise<boolean> {
    const user = await this.transactions.run(async (m) => {
      const found = await this.userOf(caller, userId, m);
      await this.audit.record(caller, [{ action: 'update', entityType: 'user', entityId: userId, details: { change: 'login_lockout_lifted' } }], m);
      return found;
    });
    await this.throttle.lift(user.email);
    return true;
  }

  private async userOf(caller: Caller, userId: string, m: EntityManager): Promise<User> {
    const user = await this.sessions.userInMunicipality(m, userId, caller.principal.municipalityId);
    if (!user) throw notFound('User', 'userId');
    return user;
  }
}
