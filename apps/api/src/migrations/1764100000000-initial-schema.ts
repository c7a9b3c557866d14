import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema. Rules the database can hold are held here, not only in code: foreign keys, checks,
 * the unique client id of a review (the offline sync's idempotency key), immutable published template
 * versions and an append-only audit log.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipality (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kommunkod char(4) NOT NULL UNIQUE CHECK (kommunkod ~ '^[0-9]{4}$')
      );

      CREATE TABLE administration (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        UNIQUE (municipality_id, name)
      );

      CREATE TABLE unit (
        id uuid PRIMARY KEY,
        administration_id uuid NOT NULL REFERENCES administration(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        UNIQUE (administration_id, name)
      );
      CREATE INDEX unit_administration_idx ON unit (administration_id);

      CREATE TABLE area (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        UNIQUE (municipality_id, code)
      );

      CREATE TABLE app_user (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('staff', 'unit_manager', 'quality_coordinator', 'admin')),
        unit_id uuid REFERENCES unit(id),
        administration_id uuid REFERENCES administration(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- The role decides the scope: a unit for staff and unit managers, an administration for coordinators.
        CHECK (
          (role IN ('staff', 'unit_manager') AND unit_id IS NOT NULL AND administration_id IS NULL) OR
          (role = 'quality_coordinator' AND administration_id IS NOT NULL AND unit_id IS NULL) OR
          (role = 'admin' AND unit_id IS NULL AND administration_id IS NULL)
        )
      );

      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);

      CREATE TABLE care_recipient (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 64),
        unit_id uuid NOT NULL REFERENCES unit(id),
        area_id uuid NOT NULL REFERENCES area(id),
        housing_type text NOT NULL CHECK (housing_type IN ('rented_flat', 'owned_flat', 'house', 'other')),
        ordinary_housing boolean NOT NULL DEFAULT true,
        address text CHECK (length(address) <= 300),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_id, reference)
      );
      CREATE INDEX care_recipient_unit_idx ON care_recipient (unit_id) WHERE active;

      CREATE TABLE checklist_template (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_-]{0,63}$'),
        title_sv text NOT NULL,
        title_en text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE template_version (
        id uuid PRIMARY KEY,
        template_id uuid NOT NULL REFERENCES checklist_template(id),
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        definition jsonb NOT NULL,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        UNIQUE (template_id, version),
        CHECK ((status = 'published') = (published_at IS NOT NULL))
      );

      CREATE FUNCTION template_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN
          RAISE EXCEPTION 'published template version % is immutable', OLD.id USING ERRCODE = 'P0001', HINT = 'hjulet:immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER template_version_immutable BEFORE UPDATE OR DELETE ON template_version
        FOR EACH ROW EXECUTE FUNCTION template_version_immutable();

      CREATE TABLE review (
        id uuid PRIMARY KEY,
        client_id uuid NOT NULL UNIQUE,
        device_id text CHECK (length(device_id) <= 100),
        recipient_id uuid NOT NULL REFERENCES care_recipient(id),
        -- The unit and area when the review was made: statistics stay put when a recipient moves.
        unit_id uuid NOT NULL REFERENCES unit(id),
        area_id uuid NOT NULL REFERENCES area(id),
        template_version_id uuid NOT NULL REFERENCES template_version(id),
        status text NOT NULL CHECK (status IN ('offered', 'declined', 'in_progress', 'completed')),
        decline_reason text CHECK (length(decline_reason) <= 500),
        answers jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(answers) = 'object'),
        consent_to_share boolean NOT NULL DEFAULT false,
        performed_by uuid NOT NULL REFERENCES app_user(id),
        offered_at timestamptz NOT NULL,
        performed_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
        CHECK (status NOT IN ('declined', 'completed') OR performed_at IS NOT NULL)
      );
      CREATE INDEX review_unit_offered_idx ON review (unit_id, offered_at DESC, id DESC);
      CREATE INDEX review_recipient_idx ON review (recipient_id, offered_at DESC);
      CREATE INDEX review_offered_idx ON review (offered_at DESC, id DESC);

      CREATE TABLE identified_risk (
        id uuid PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES review(id),
        item_key text NOT NULL,
        category text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
        reportable boolean NOT NULL,
        found_at timestamptz NOT NULL,
        UNIQUE (review_id, item_key)
      );

      CREATE TABLE follow_up_action (
        id uuid PRIMARY KEY,
        client_id uuid NOT NULL UNIQUE,
        review_id uuid NOT NULL REFERENCES review(id),
        risk_id uuid REFERENCES identified_risk(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        what text NOT NULL CHECK (length(what) BETWEEN 1 AND 1000),
        actor text NOT NULL CHECK (actor IN ('resident', 'relative', 'home_care_contacts_landlord',
          'housing_adaptation', 'occupational_therapist', 'fire_service', 'other')),
        owner_id uuid REFERENCES app_user(id),
        due_date date,
        status text NOT NULL CHECK (status IN ('open', 'done', 'not_needed', 'declined')),
        closing_note text CHECK (length(closing_note) <= 1000),
        closed_by uuid REFERENCES app_user(id),
        closed_at timestamptz,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'open') = (closed_at IS NULL)),
        CHECK ((status = 'open') = (closed_by IS NULL))
      );
      CREATE INDEX follow_up_action_review_idx ON follow_up_action (review_id);
      CREATE INDEX follow_up_action_unit_status_idx ON follow_up_action (unit_id, status);

      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_role text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        -- Whose personal data the event touched, so "who read this person's data" is one query.
        care_recipient_id uuid,
        request_id text,
        details jsonb
      );
      CREATE INDEX audit_event_recipient_idx ON audit_event (care_recipient_id, occurred_at DESC) WHERE care_recipient_id IS NOT NULL;
      CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at DESC);

      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'P0001';
      END $$;
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_event, follow_up_action, identified_risk, review, template_version, checklist_template,
        care_recipient, refresh_token, app_user, area, unit, administration, municipality;
      DROP FUNCTION template_version_immutable(), audit_event_append_only();
    `);
  }
}
