import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner clients (the fire service's systems): OAuth 2.0 client-credentials clients registered by an
 * admin for one municipality, with the areas they cover and their scopes. The secret is stored only as an
 * argon2id hash; `secret_version` goes up on every rotation and access tokens carry the version they were
 * issued under, so a rotation or a revocation (`revoked_at`) stops every token at once. New tables only:
 * no existing row changes.
 */
export class PartnerClients1764800000000 implements MigrationInterface {
  name = 'PartnerClients1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_client (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT partner_client_municipality_id_fkey REFERENCES municipality(id),
        name text NOT NULL CONSTRAINT partner_client_name_check CHECK (length(name) BETWEEN 1 AND 200),
        organisation_number text NOT NULL CONSTRAINT partner_client_organisation_number_check CHECK (organisation_number ~ '^[0-9]{6}-[0-9]{4}$'),
        scopes text[] NOT NULL CONSTRAINT partner_client_scopes_check
          CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['risk_statistics:read', 'referrals:read', 'referrals:ack']::text[]),
        secret_hash text NOT NULL,
        secret_version integer NOT NULL DEFAULT 1 CONSTRAINT partner_client_secret_version_check CHECK (secret_version >= 1),
        created_by uuid NOT NULL CONSTRAINT partner_client_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE INDEX partner_client_municipality_idx ON partner_client (municipality_id);

      CREATE TABLE partner_client_area (
        partner_client_id uuid NOT NULL CONSTRAINT partner_client_area_partner_client_id_fkey REFERENCES partner_client(id),
        area_id uuid NOT NULL CONSTRAINT partner_client_area_area_id_fkey REFERENCES area(id),
        PRIMARY KEY (partner_client_id, area_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_client_area, partner_client`);
  }
}
