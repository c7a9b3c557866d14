import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { User } from '../users/user.entity.js';

/** A stored refresh token, as the rotation rules need it. */
export interface StoredRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  expired: boolean;
  revoked: boolean;
  rotated: boolean;
  /** Rotated so recently that a retry of the same token is a flaky link, not a theft. */
  inGrace: boolean;
}

interface RefreshTokenColumns {
  id: string;
  user_id: string;
  family_id: string;
  expired: boolean;
  revoked: boolean;
  rotated: boolean;
  in_grace: boolean;
}

/** SQL for logins and refresh tokens. Tokens are stored only as hashes. */
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A user by login email, with the password hash that ordinary reads leave out. */
  userForLogin(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  }

  activeUser(manager: EntityManager, id: string): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ id, active: true });
  }

  /** The token with that hash, locked until the transaction ends, so two refreshes never both rotate it. */
  async lockToken(manager: EntityManager, tokenHash: Buffer, graceSeconds: number): Promise<StoredRefreshToken | null> {
    const rows: RefreshTokenColumns[] = await manager.query(
      `SELECT id, user_id, family_id, expires_at < now() AS expired, revoked_at IS NOT NULL AS revoked,
              rotated_at IS NOT NULL AS rotated, rotated_at > now() - make_interval(secs => $2) AS in_grace
       FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash, graceSeconds],
    );
    const row = rows[0];
    return row
      ? { id: row.id, userId: row.user_id, familyId: row.family_id, expired: row.expired, revoked: row.revoked, rotated: row.rotated, inGrace: row.in_grace }
      : null;
  }

  async insertToken(manager: EntityManager, token: { userId: string; familyId: string; tokenHash: Buffer; expiresAt: Date }): Promise<void> {
    await manager.query(`INSERT INTO refresh_token (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      token.userId,
      token.familyId,
      token.tokenHash,
      token.expiresAt,
    ]);
  }

  /** How the session began (and the provider's ID token, for RP-initiated logout); the user's last sign-in. */
  async recordSignIn(
    manager: EntityManager,
    signIn: { userId: string; familyId: string; method: 'password' | 'oidc'; idToken: string | null; userAgent?: string | null },
  ): Promise<void> {
    await manager.query(
      `WITH s AS (INSERT INTO session_sign_in (family_id, user_id, method, id_token, user_agent) VALUES ($1, $2, $3, $4, $5))
       UPDATE app_user SET last_sign_in_at = now(), last_sign_in_method = $3 WHERE id = $2`,
      [signIn.familyId, signIn.userId, signIn.method, signIn.idToken, signIn.userAgent?.slice(0, 300) ?? null],
    );
  }

  async markRotated(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE refresh_token SET rotated_at = now() WHERE id = $1`, [id]);
  }

  async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  /** Revokes every token of the family the token belongs to; the user it belonged to, if any was live. */
  async revokeFamilyOf(tokenHash: Buffer): Promise<string | null> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Array<{ user_id: string }>, number] = await this.dataSource.query(
      `UPDATE refresh_token SET revoked_at = now()
       WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1) AND revoked_at IS NULL
       RETURNING user_id`,
      [tokenHash],
    );
    return rows[0]?.user_id ?? null;
  }

  /**
   * Whether an access token's session still stands: the user is active, the session is theirs, and none
   * of its tokens was revoked. Three index probes; asked on every request with a user token.
   */
  async isLive(userId: string, sessionId: string): Promise<boolean> {
    const rows: Array<{ live: boolean }> = await this.dataSource.query(
      `SELECT u.active
              AND EXISTS (SELECT 1 FROM refresh_token WHERE family_id = $2 AND user_id = $1)
              AND NOT EXISTS (SELECT 1 FROM refresh_token WHERE family_id = $2 AND revoked_at IS NOT NULL) AS live
       FROM app_user u WHERE u.id = $1`,
      [userId, sessionId],
    );
    return rows[0]?.live === true;
  }

  /** Ends every session of the user, but the one given (the session changing its own password). */
  async revokeSessionsOf(manager: EntityManager, userId: string, exceptSessionId: string | null = null): Promise<void> {
    await manager.query(
      `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2::uuid)`,
      [userId, exceptSessionId],
    );
  }

  /** A user of the municipality, with the password hash; null for any other. */
  userInMunicipality(manager: EntityManager, id: string, municipalityId: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id AND u.municipalityId = :municipalityId', { id, municipalityId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** A user as the API shows it (no password hash). */
  userById(manager: EntityManager, id: string): Promise<User> {
    return manager.getRepository(User).findOneByOrFail({ id });
  }

  async setPasswordHash(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await manager.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
  }

  async setActive(manager: EntityManager, userId: string, active: boolean): Promise<void> {
    await manager.query(`UPDATE app_user SET active = $2 WHERE id = $1`, [userId, active]);
  }
}

/** A live session of a user, as they see it in their list. */
export interface LiveSession {
  id: string;
  method: 'password' | 'oidc' | null;
  userAgent: string | null;
  createdAt: Date;
  lastUsedAt: Date;
}

/** SQL of a user's own sessions (refresh-token families): the list, and ending one. */
export class OwnSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The user's sessions that still stand (no token revoked, the newest not expired), most recently used
   * first. A session is used when it begins and at each refresh, so its newest token's time is its last use.
   */
  async live(userId: string): Promise<LiveSession[]> {
    const rows: Array<{ family_id: string; method: 'password' | 'oidc' | null; user_agent: string | null; created_at: Date; last_used_at: Date }> =
      await this.dataSource.query(
        `SELECT t.family_id, s.method, s.user_agent, min(t.created_at) AS created_at, max(t.created_at) AS last_used_at
         FROM refresh_token t LEFT JOIN session_sign_in s ON s.family_id = t.family_id
         WHERE t.user_id = $1
         GROUP BY t.family_id, s.method, s.user_agent
         HAVING bool_and(t.revoked_at IS NULL) AND max(t.expires_at) > now()
         ORDER BY max(t.created_at) DESC, t.family_id`,
        [userId],
      );
    return rows.map((r) => ({ id: r.family_id, method: r.method, userAgent: r.user_agent, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  }

  /** Ends one live session of the user; false when the user has no live session of that id (someone else's included). */
  async end(manager: EntityManager, userId: string, sessionId: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE refresh_token SET revoked_at = now()
       WHERE family_id = $2 AND user_id = $1 AND revoked_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM refresh_token r WHERE r.family_id = $2 AND r.revoked_at IS NOT NULL)`,
      [userId, sessionId],
    );
    return affected > 0;
  }
}
