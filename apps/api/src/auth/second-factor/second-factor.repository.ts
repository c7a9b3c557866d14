import type { DataSource, EntityManager } from 'typeorm';
import type { ChallengePurpose } from './second-factor.entities.js';
import type { NewPasskey, StoredPasskey } from './passkeys.js';

export interface PasskeySummary {
  id: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  backedUp: boolean;
}

export interface StoredTotp {
  secretBox: Buffer;
  confirmed: boolean;
  lastUsedStep: number | null;
}

export interface TakenChallenge {
  userId: string;
  purpose: ChallengePurpose;
  webauthnChallenge: string | null;
  attempts: number;
}

/** SQL for passkeys, TOTP secrets, second-factor challenges and the municipality's policy. */
export class SecondFactorRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether the user has a usable second factor: a passkey, or a confirmed TOTP secret. */
  async hasSecondFactor(userId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: Array<{ has: boolean }> = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM passkey_credential WHERE user_id = $1)
              OR EXISTS (SELECT 1 FROM totp_secret WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS has`,
      [userId],
    );
    return rows[0]?.has === true;
  }

  /**
   * Where a user stands at sign-in, in one query: whether they have a second factor, and whether their
   * municipality requires one (then one without must enrol before getting a session).
   */
  async standing(userId: string, municipalityId: string): Promise<{ has: boolean; required: boolean }> {
    const rows: Array<{ has: boolean; required: boolean }> = await this.dataSource.query(
      `SELECT (EXISTS (SELECT 1 FROM passkey_credential WHERE user_id = $1)
               OR EXISTS (SELECT 1 FROM totp_secret WHERE user_id = $1 AND confirmed_at IS NOT NULL)) AS has,
              COALESCE((SELECT required FROM second_factor_policy WHERE municipality_id = $2), false) AS required`,
      [userId, municipalityId],
    );
    return { has: rows[0]?.has === true, required: rows[0]?.required === true };
  }

  async isRequired(municipalityId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: Array<{ required: boolean }> = await manager.query(`SELECT required FROM second_factor_policy WHERE municipality_id = $1`, [municipalityId]);
    return rows[0]?.required === true;
  }

  async setRequired(manager: EntityManager, municipalityId: string, required: boolean): Promise<void> {
    await manager.query(
      `INSERT INTO second_factor_policy (municipality_id, required) VALUES ($1, $2)
       ON CONFLICT (municipality_id) DO UPDATE SET required = EXCLUDED.required, updated_at = now()`,
      [municipalityId, required],
    );
  }

  async passkeysOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<Array<StoredPasskey & PasskeySummary>> {
    const rows: Array<{
      id: string;
      public_key: Buffer;
      counter: string;
      transports: string[];
      label: string;
      created_at: Date;
      last_used_at: Date | null;
      backed_up: boolean;
    }> = await manager.query(
      `SELECT id, public_key, counter, transports, label, created_at, last_used_at, backed_up FROM passkey_credential WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      publicKey: new Uint8Array(r.public_key),
      counter: Number(r.counter),
      transports: r.transports,
      label: r.label,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      backedUp: r.backed_up,
    }));
  }

  /** False when the credential id is taken (registered before, by anyone). */
  async insertPasskey(manager: EntityManager, userId: string, passkey: NewPasskey, label: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO passkey_credential (id, user_id, public_key, counter, transports, device_type, backed_up, label)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [passkey.id, userId, Buffer.from(passkey.publicKey), passkey.counter, passkey.transports, passkey.deviceType, passkey.backedUp, label],
    );
    return rows.length === 1;
  }

  async recordPasskeyUse(manager: EntityManager, id: string, counter: number, backedUp: boolean): Promise<void> {
    await manager.query(`UPDATE passkey_credential SET counter = $2, backed_up = $3, last_used_at = now() WHERE id = $1`, [id, counter, backedUp]);
  }

  /** Whether the user had that passkey. */
  async deletePasskey(manager: EntityManager, userId: string, id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(`DELETE FROM passkey_credential WHERE user_id = $1 AND id = $2 RETURNING id`, [userId, id]);
    return rows.length === 1;
  }

  async totpOf(userId: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<StoredTotp | null> {
    const rows: Array<{ secret_box: Buffer; confirmed: boolean; last_used_step: string | null }> = await manager.query(
      `SELECT secret_box, confirmed_at IS NOT NULL AS confirmed, last_used_step FROM totp_secret WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [userId],
    );
    const row = rows[0];
    return row ? { secretBox: row.secret_box, confirmed: row.confirmed, lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step) } : null;
  }

  /** A new, unconfirmed secret; replaces an unconfirmed one, never a confirmed one (false then). */
  async putPendingTotp(manager: EntityManager, userId: string, secretBox: Buffer): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO totp_secret (user_id, secret_box) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_box = EXCLUDED.secret_box, created_at = now(), last_used_step = NULL
         WHERE totp_secret.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, secretBox],
    );
    return rows.length === 1;
  }

  /** Records an accepted code's step (and confirms the secret, on enrolment). */
  async acceptTotp(manager: EntityManager, userId: string, step: number): Promise<void> {
    await manager.query(`UPDATE totp_secret SET last_used_step = $2, confirmed_at = coalesce(confirmed_at, now()) WHERE user_id = $1`, [userId, step]);
  }

  async deleteTotp(manager: EntityManager, userId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(`DELETE FROM totp_secret WHERE user_id = $1 RETURNING user_id`, [userId]);
    return rows.length === 1;
  }

  /** Every second factor of the user, and their pending steps: the admin's reset. */
  async deleteAllOf(manager: EntityManager, userId: string): Promise<{ passkeys: number; totp: boolean }> {
    const [passkeys]: [unknown[], number] = await manager.query(`DELETE FROM passkey_credential WHERE user_id = $1 RETURNING id`, [userId]);
    const totp = await this.deleteTotp(manager, userId);
    await manager.query(`DELETE FROM second_factor_challenge WHERE user_id = $1`, [userId]);
    return { passkeys: passkeys.length, totp };
  }

  async insertChallenge(
    manager: EntityManager,
    c: { tokenHash: Buffer; userId: string; purpose: ChallengePurpose; webauthnChallenge: string | null; ttlSeconds: number },
  ): Promise<void> {
    // Expired steps are swept here, on the write path, rather than by a job of their own.
    await manager.query(`DELETE FROM second_factor_challenge WHERE expires_at < now()`);
    await manager.query(
      `INSERT INTO second_factor_challenge (token_hash, user_id, purpose, webauthn_challenge, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [c.tokenHash, c.userId, c.purpose, c.webauthnChallenge, c.ttlSeconds],
    );
  }

  /** The live challenge with that hash, locked until the transaction ends (two answers never both pass). */
  async lockChallenge(manager: EntityManager, tokenHash: Buffer, purposes: ChallengePurpose[]): Promise<TakenChallenge | null> {
    const rows: Array<{ user_id: string; purpose: ChallengePurpose; webauthn_challenge: string | null; attempts: number }> = await manager.query(
      `SELECT user_id, purpose, webauthn_challenge, attempts FROM second_factor_challenge
       WHERE token_hash = $1 AND purpose = ANY($2::text[]) AND expires_at > now() FOR UPDATE`,
      [tokenHash, purposes],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, purpose: row.purpose, webauthnChallenge: row.webauthn_challenge, attempts: row.attempts } : null;
  }

  async setWebauthnChallenge(manager: EntityManager, tokenHash: Buffer, challenge: string): Promise<void> {
    await manager.query(`UPDATE second_factor_challenge SET webauthn_challenge = $2 WHERE token_hash = $1`, [tokenHash, challenge]);
  }

  async countFailedAttempt(tokenHash: Buffer, maxAttempts: number): Promise<void> {
    await this.dataSource.query(`UPDATE second_factor_challenge SET attempts = attempts + 1 WHERE token_hash = $1`, [tokenHash]);
    await this.dataSource.query(`DELETE FROM second_factor_challenge WHERE token_hash = $1 AND attempts >= $2`, [tokenHash, maxAttempts]);
  }

  async deleteChallenge(manager: EntityManager, tokenHash: Buffer): Promise<void> {
    await manager.query(`DELETE FROM second_factor_challenge WHERE token_hash = $1`, [tokenHash]);
  }
}
