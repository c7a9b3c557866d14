import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second factor for local accounts (docs/security.md, "Second factor").
 * - `passkey_credential`: a WebAuthn credential (public key, signature counter, backup flags) of a user.
 * - `totp_secret`: a user's TOTP secret, encrypted (AES-256-GCM); confirmed once a code from it was
 *   accepted; `last_used_step` refuses a code used before (replay).
 * - `second_factor_challenge`: a short-lived, single-use step: a sign-in waiting for its second factor
 *   (or for the enrolment the policy demands), or a passkey registration waiting for its answer. Kept in
 *   the database so any API instance can finish it; only the hash of the token the client holds is kept.
 * - `second_factor_policy`: whether the municipality requires a second factor of every local account.
 */
export class SecondFactor1765070000000 implements MigrationInterface {
  name = 'SecondFactor1765070000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE passkey_credential (
        id text PRIMARY KEY CONSTRAINT passkey_credential_id_check CHECK (length(id) BETWEEN 1 AND 1400),
        user_id uuid NOT NULL CONSTRAINT passkey_credential_user_id_fkey REFERENCES app_user(id),
        public_key bytea NOT NULL,
        counter bigint NOT NULL DEFAULT 0,
        transports text[] NOT NULL DEFAULT '{}',
        device_type text NOT NULL CONSTRAINT passkey_credential_device_type_check CHECK (device_type IN ('singleDevice', 'multiDevice')),
        backed_up boolean NOT NULL,
        label text NOT NULL CONSTRAINT passkey_credential_label_check CHECK (length(label) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      );
      CREATE INDEX passkey_credential_user_id_idx ON passkey_credential (user_id);

      CREATE TABLE totp_secret (
        user_id uuid PRIMARY KEY CONSTRAINT totp_secret_user_id_fkey REFERENCES app_user(id),
        secret_box bytea NOT NULL,
        confirmed_at timestamptz,
        last_used_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE second_factor_challenge (
        token_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT second_factor_challenge_user_id_fkey REFERENCES app_user(id),
        purpose text NOT NULL CONSTRAINT second_factor_challenge_purpose_check CHECK (purpose IN ('sign_in', 'enrol_at_sign_in', 'passkey_registration')),
        webauthn_challenge text,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX second_factor_challenge_expires_at_idx ON second_factor_challenge (expires_at);
      CREATE INDEX second_factor_challenge_user_id_idx ON second_factor_challenge (user_id);

      CREATE TABLE second_factor_policy (
        municipality_id uuid PRIMARY KEY CONSTRAINT second_factor_policy_municipality_id_fkey REFERENCES municipality(id),
        required boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE second_factor_policy;
      DROP TABLE second_factor_challenge;
      DROP TABLE totp_secret;
      DROP TABLE passkey_credential;
    `);
  }
}
