import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in through the municipality's OpenID provider.
 * - `app_user.external_subject`: the provider's identifying claim for the person (e.g. `sub` or an HSA-id),
 *   when that claim is not the email; unique within a municipality.
 * - `app_user.last_sign_in_at` / `last_sign_in_method`: what the admin sees of each user's use.
 * - `oidc_pending_login`: a started sign-in (state, nonce, PKCE verifier), single use, short-lived, bound
 *   to the browser that started it by a cookie's hash. Kept in the database so any API instance can finish it.
 * - `sign_in_handoff`: a one-time code the PWA exchanges for its session, so tokens never sit in a URL.
 * - `session_sign_in`: how a session (refresh-token family) began, and the provider's ID token for
 *   RP-initiated logout.
 */
export class OidcSignIn1765040000000 implements MigrationInterface {
  name = 'OidcSignIn1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN external_subject text CONSTRAINT app_user_external_subject_check CHECK (length(external_subject) BETWEEN 1 AND 500),
        ADD COLUMN last_sign_in_at timestamptz,
        ADD COLUMN last_sign_in_method text CONSTRAINT app_user_last_sign_in_method_check CHECK (last_sign_in_method IN ('password', 'oidc'));
      ALTER TABLE app_user ADD CONSTRAINT app_user_municipality_id_external_subject_key UNIQUE (municipality_id, external_subject);

      CREATE TABLE oidc_pending_login (
        state_hash bytea PRIMARY KEY,
        browser_hash bytea NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX oidc_pending_login_expires_at_idx ON oidc_pending_login (expires_at);

      CREATE TABLE sign_in_handoff (
        code_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT sign_in_handoff_user_id_fkey REFERENCES app_user(id),
        method text NOT NULL CONSTRAINT sign_in_handoff_method_check CHECK (method IN ('password', 'oidc')),
        id_token text,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sign_in_handoff_expires_at_idx ON sign_in_handoff (expires_at);

      CREATE TABLE session_sign_in (
        family_id uuid PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT session_sign_in_user_id_fkey REFERENCES app_user(id),
        method text NOT NULL CONSTRAINT session_sign_in_method_check CHECK (method IN ('password', 'oidc')),
        id_token text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX session_sign_in_user_id_idx ON session_sign_in (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE session_sign_in;
      DROP TABLE sign_in_handoff;
      DROP TABLE oidc_pending_login;
      ALTER TABLE app_user DROP CONSTRAINT app_user_municipality_id_external_subject_key;
      ALTER TABLE app_user DROP COLUMN external_subject, DROP COLUMN last_sign_in_at, DROP COLUMN last_sign_in_method;
    `);
  }
}
