import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every request now asks whether its access token's session (its refresh-token family) was revoked: by
 * logout, a password change, an admin, or a refresh token reused after its grace. A partial index holds
 * only revoked tokens' families, so that question is one small index probe however long the family is.
 * An index only: no row changes.
 */
export class SessionRevocation1764940000000 implements MigrationInterface {
  name = 'SessionRevocation1764940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX refresh_token_revoked_family_idx ON refresh_token (family_id) WHERE revoked_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX refresh_token_revoked_family_idx`);
  }
}
