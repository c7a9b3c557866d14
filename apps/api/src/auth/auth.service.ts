import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { unauthenticated } from '../shared/app-error.js';
import type { User } from '../users/user.entity.js';
import type { SessionRepository } from './session.repository.js';
import type { AccessTokenIssuer } from './access-token.js';
import type { LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { SignInMethod } from './oidc/oidc.entities.js';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

export interface AuthSettings {
  refreshTokenTtlSeconds: number;
  refreshGraceSeconds: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/** The principal of a user with a role; a user awaiting one never gets a session (auth/oidc/provider-user.ts). */
export function principalOf(user: User): Principal {
  if (!user.role) throw unauthenticated('No role assigned yet: an admin must assign one');
  return {
    userId: user.id,
    role: user.role,
    municipalityId: user.municipalityId,
    unitId: user.unitId,
    administrationId: user.administrationId,
  };
}

/**
 * Login and sessions. Refresh tokens are opaque, stored only as hashes, and rotate on every use. A
 * phone on a flaky link may send the same refresh token twice (it never saw the first answer), so a
 * token rotated less than `refreshGraceSeconds` ago still works; reuse after that means it
 * was stolen, and the whole family of tokens is revoked.
 */
export class AuthService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly transactions: UnitOfWork,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly audit: AuditService,
    private readonly settings: AuthSettings,
    private readonly throttle: LoginThrottle,
    /** Whether a user must answer a second factor (or enrol one) before getting a session. */
    private readonly needsSecondStep: (user: User) => Promise<boolean>,
  ) {}

  /**
   * `address`: the client's address, for the per-address limit on guessing. An account with a second factor
   * (or one the municipality's policy requires) is refused here: it signs in through `signIn` (second-factor/).
   */
  async login(source: AuditSource, email: string, password: string, address: string): Promise<Session> {
    const user = await this.checkPassword(source, email, password, address);
    if (await this.needsSecondStep(user)) {
      throw unauthenticated('This account signs in with a second factor: use signIn');
    }
    const session = await this.transactions.run((manager) => this.signIn(manager, source, user, 'password', null));
    await this.throttle.succeeded(email, address);
    return session;
  }

  /**
   * The user whose email and password these are (active), or UNAUTHENTICATED; throttled and audited like a
   * login. A right password does not give the account a fresh login budget: the caller settles the budget
   * (`throttle.succeeded`) once a session is issued, so an account with a second factor cannot buy new
   * guesses at its code by signing in with the password again.
   */
  async checkPassword(source: AuditSource, email: string, password: string, address: string): Promise<User> {
    // Counted before the password is checked: TooManyAttempts (nothing checked, nothing audited) while locked out.
    const { lockedNow } = await this.throttle.attempt(email, address);
    const user = await this.sessions.userForLogin(email.trim().toLowerCase());
    const ok = await verifyPassword(user?.active ? user.passwordHash : undefined, password);
    if (!user || !ok) {
      const details = lockedNow ? { lockedOut: true } : undefined;
      await this.audit.record(source, [{ action: 'login_failed', entityType: 'user', entityId: user?.id ?? null, ...(details ? { details } : {}) }]);
      throw unauthenticated('Wrong email or password');
    }
    return user;
  }

  /**
   * A new session for a user whose identity was checked (password, or the identity provider): the sign-in
   * method is recorded on the session and the user, and the login audited, in the caller's transaction.
   */
  async signIn(
    manager: EntityManager,
    source: AuditSource,
    user: User,
    method: SignInMethod,
    idToken: string | null,
    /** The second factor the user answered with, for the audit row. */
    secondFactor?: 'totp' | 'passkey',
  ): Promise<Session> {
    const familyId = randomUUID();
    const session = await this.issue(manager, user, familyId);
    await this.sessions.recordSignIn(manager, { userId: user.id, familyId, method, idToken, userAgent: source.userAgent ?? null });
    await this.audit.record(
      { ...source, principal: principalOf(user) },
      [{ action: 'login', entityType: 'user', entityId: user.id, details: { method, ...(secondFactor ? { secondFactor } : {}) } }],
      manager,
    );
    return session;
  }

  async refresh(source: AuditSource, refreshToken: string): Promise<Session> {
    const refreshed = await this.transactions.run(async (manager): Promise<Session | null> => {
      const token = await this.sessions.lockToken(manager, hashToken(refreshToken), this.settings.refreshGraceSeconds);
      if (!token || token.expired || token.revoked) throw unauthenticated('Session expired, log in again');
      if (token.rotated && !token.inGrace) {
        // Answered after the commit: throwing here would roll the revocation back.
        await this.sessions.revokeFamily(manager, token.familyId);
        return null;
      }
      const user = await this.sessions.activeUser(manager, token.userId);
      if (!user) throw unauthenticated('Session expired, log in again');
      if (!token.rotated) await this.sessions.markRotated(manager, token.id);
      const session = await this.issue(manager, user, token.familyId);
      await this.audit.record({ ...source, principal: principalOf(user) }, [{ action: 'refresh', entityType: 'user', entityId: user.id }], manager);
      return session;
    });
    if (!refreshed) throw unauthenticated('Session expired, log in again');
    return refreshed;
  }

  /** Ends the session on this device: every token of the family stops working. */
  async logout(source: AuditSource, refreshToken: string): Promise<boolean> {
    const userId = await this.sessions.revokeFamilyOf(hashToken(refreshToken));
    if (userId) await this.audit.record(source, [{ action: 'logout', entityType: 'user', entityId: userId }]);
    return true;
  }

  /**
   * The principal of a bearer access token, or null: the token must be valid and its session still stand
   * (not logged out or revoked, the user active), so ending a session ends access at once, not when the
   * token expires. The signature check may be remembered (the same text is valid until it expires, see
   * access-token.ts); whether the session stands is asked of the database on every request, uncached: a
   * cache would let a revoked token keep working on another instance until it expired.
   */
  async authenticate(bearer: string): Promise<Principal | null> {
    const principal = await this.accessTokens.verify(bearer);
    if (!principal?.sessionId) return null;
    return (await this.sessions.isLive(principal.userId, principal.sessionId)) ? principal : null;
  }

  private async issue(manager: EntityManager, user: User, familyId: string): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(Date.now() + this.settings.refreshTokenTtlSeconds * 1000);
    await this.sessions.insertToken(manager, { userId: user.id, familyId, tokenHash: hashToken(refreshToken), expiresAt: refreshTokenExpiresAt });
    const access = await this.accessTokens.sign({ ...principalOf(user), sessionId: familyId });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt, user };
  }
}
