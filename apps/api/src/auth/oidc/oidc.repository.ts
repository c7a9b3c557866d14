import type { DataSource, EntityManager } from 'typeorm';
import { User } from '../../users/user.entity.js';
import type { SignInMethod } from './oidc.entities.js';

export interface TakenPendingLogin {
  browserHash: Buffer;
  nonce: string;
  codeVerifier: string;
  expired: boolean;
}

/** SQL for started sign-ins, one-time handoff codes and the sign-in of a session. Secrets are stored as hashes. */
export class OidcRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertPending(pending: { stateHash: Buffer; browserHash: Buffer; nonce: string; codeVerifier: string; ttlSeconds: number }): Promise<void> {
    // Started sign-ins nobody finished go on the next start: the table holds minutes of them at most.
    await this.dataSource.query(
      `WITH gone AS (DELETE FROM oidc_pending_login WHERE expires_at < now())
       INSERT INTO oidc_pending_login (state_hash, browser_hash, nonce, code_verifier, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [pending.stateHash, pending.browserHash, pending.nonce, pending.codeVerifier, pending.ttlSeconds],
    );
  }

  /** Removes and returns the started sign-in: a state works once, whatever happens next. */
  async takePending(stateHash: Buffer): Promise<TakenPendingLogin | null> {
    const [rows]: [Array<{ browser_hash: Buffer; nonce: string; code_verifier: string; expired: boolean }>, number] = await this.dataSource.query(
      `DELETE FROM oidc_pending_login WHERE state_hash = $1 RETURNING browser_hash, nonce, code_verifier, expires_at < now() AS expired`,
      [stateHash],
    );
    const row = rows[0];
    return row ? { browserHash: row.browser_hash, nonce: row.nonce, codeVerifier: row.code_verifier, expired: row.expired } : null;
  }

  /**
   * The user the provider's identifying claim names: by email when the claim is the email, else by the
   * external subject an admin recorded. Null when none, or when two municipalities' users share the subject.
   */
  async userByClaim(claim: 'email' | 'external_subject', value: string): Promise<User | null> {
    const users = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where(claim === 'email' ? 'u.email = :value' : 'u.externalSubject = :value', { value })
      .limit(2)
      .getMany();
    return users.length === 1 ? (users[0] ?? null) : null;
  }

  async insertHandoff(handoff: { codeHash: Buffer; userId: string; method: SignInMethod; idToken: string | null; ttlSeconds: number }): Promise<void> {
    await this.dataSource.query(
      `WITH gone AS (DELETE FROM sign_in_handoff WHERE expires_at < now())
       INSERT INTO sign_in_handoff (code_hash, user_id, method, id_token, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [handoff.codeHash, handoff.userId, handoff.method, handoff.idToken, handoff.ttlSeconds],
    );
  }

  /** Removes and returns an unexpired handoff: a code works once. */
  async takeHandoff(manager: EntityManager, codeHash: Buffer): Promise<{ userId: string; method: SignInMethod; idToken: string | null } | null> {
    const [rows]: [Array<{ user_id: string; method: SignInMethod; id_token: string | null; expired: boolean }>, number] = await manager.query(
      `DELETE FROM sign_in_handoff WHERE code_hash = $1 RETURNING user_id, method, id_token, expires_at < now() AS expired`,
      [codeHash],
    );
    const row = rows[0];
    return row && !row.expired ? { userId: row.user_id, method: row.method, idToken: row.id_token } : null;
  }

  /** How the session of this refresh token began, if it is known. */
  async signInOfToken(tokenHash: Buffer): Promise<{ method: SignInMethod; idToken: string | null } | null> {
    const rows: Array<{ method: SignInMethod; id_token: string | null }> = await this.dataSource.query(
      `SELECT s.method, s.id_token FROM refresh_token t JOIN session_sign_in s ON s.family_id = t.family_id WHERE t.token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    return row ? { method: row.method, idToken: row.id_token } : null;
  }
}
