import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { unauthenticated } from '../shared/app-error.js';
import { User } from '../users/user.entity.js';
import type { AccessTokenIssuer } from './access-token.js';
import { verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';

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

export function principalOf(user: User): Principal {
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
    private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly audit: AuditService,
    private readonly settings: AuthSettings,
  ) {}

  async login(source: AuditSource, email: string, password: string): Promise<Session> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const ok = await verifyPassword(user?.active ? user.passwordHash : undefined, password);
    if (!user || !ok) {
      await this.audit.record(source, [{ action: 'login_failed', entityType: 'user', entityId: user?.id ?? null }]);
      throw unauthenticated('Wrong email or password');
    }
    return this.dataSource.transaction(async (manager) => {
      const session = await this.issue(manager, user, randomUUID());
      await this.audit.record({ ...source, principal: principalOf(user) }, [{ action: 'login', entityType: 'user', entityId: user.id }], manager);
      return session;
    });
  }

  async refresh(source: AuditSource, refreshToken: string): Promise<Session> {
    const refreshed = await this.dataSource.transaction(async (manager): Promise<Session | null> => {
      const rows: Array<{ id: string; user_id: string; family_id: string; expired: boolean; revoked: boolean; rotated: boolean; in_grace: boolean }> =
        await manager.query(
          `SELECT id, user_id, family_id, expires_at < now() AS expired, revoked_at IS NOT NULL AS revoked,
                  rotated_at IS NOT NULL AS rotated, rotated_at > now() - make_interval(secs => $2) AS in_grace
           FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
          [hashToken(refreshToken), this.settings.refreshGraceSeconds],
        );
      const row = rows[0];
      if (!row || row.expired || row.revoked) throw unauthenticated('Session expired, log in again');
      if (row.rotated && !row.in_grace) {
        // Answered after the commit: throwing here would roll the revocation back.
        await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [row.family_id]);
        return null;
      }
      const user = await manager.getRepository(User).findOneBy({ id: row.user_id, active: true });
      if (!user) throw unauthenticated('Session expired, log in again');
      if (!row.rotated) await manager.query(`UPDATE refresh_token SET rotated_at = now() WHERE id = $1`, [row.id]);
      const session = await this.issue(manager, user, row.family_id);
      await this.audit.record({ ...source, principal: principalOf(user) }, [{ action: 'refresh', entityType: 'user', entityId: user.id }], manager);
      return session;
    });
    if (!refreshed) throw unauthenticated('Session expired, log in again');
    return refreshed;
  }

  /** Ends the session on this device: every token of the family stops working. */
  async logout(source: AuditSource, refreshToken: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Array<{ user_id: string }>, number] = await this.dataSource.query(
      `UPDATE refresh_token SET revoked_at = now()
       WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1) AND revoked_at IS NULL
       RETURNING user_id`,
      [hashToken(refreshToken)],
    );
    const userId = rows[0]?.user_id ?? null;
    if (userId) await this.audit.record(source, [{ action: 'logout', entityType: 'user', entityId: userId }]);
    return true;
  }

  private async issue(manager: EntityManager, user: User, familyId: string): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(Date.now() + this.settings.refreshTokenTtlSeconds * 1000);
    await manager.query(
      `INSERT INTO refresh_token (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), user.id, familyId, hashToken(refreshToken), refreshTokenExpiresAt],
    );
    const access = await this.accessTokens.sign(principalOf(user));
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt, user };
  }
}
