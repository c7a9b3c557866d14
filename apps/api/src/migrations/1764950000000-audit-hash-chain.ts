import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log becomes a hash chain. Requests keep inserting rows as before (no lock, no extra round
 * trip on the hot path); one chainer at a time (an advisory lock, across API instances) gives each new
 * row its place `chain_seq`, the previous row's hash and its own SHA-256 (see audit/audit-chain.ts).
 * Chain order is the chainer's order, not `id` order: a transaction that took an id early may commit late.
 *
 * The append-only trigger now lets exactly one UPDATE through per row: the chainer's, which sets the three
 * chain columns from NULL and changes nothing else. Existing rows are chained by the first chainer run.
 */
export class AuditHashChain1764950000000 implements MigrationInterface {
  name = 'AuditHashChain1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_event
        ADD COLUMN chain_seq bigint,
        ADD COLUMN prev_hash bytea,
        ADD COLUMN hash bytea,
        ADD CONSTRAINT audit_event_chain_seq_key UNIQUE (chain_seq),
        ADD CONSTRAINT audit_event_chain_check CHECK (
          (chain_seq IS NULL AND prev_hash IS NULL AND hash IS NULL)
          OR (chain_seq >= 1 AND octet_length(prev_hash) = 32 AND octet_length(hash) = 32));
      -- The chainer's work list: small, since rows leave it within seconds.
      CREATE INDEX audit_event_unchained_idx ON audit_event (id) WHERE chain_seq IS NULL;

      CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
           AND (NEW.id, NEW.occurred_at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.entity_type, NEW.entity_id,
                NEW.care_recipient_id, NEW.request_id, NEW.details::text)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.occurred_at, OLD.actor_id, OLD.actor_role, OLD.action, OLD.entity_type, OLD.entity_id,
                OLD.care_recipient_id, OLD.request_id, OLD.details::text) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'P0001';
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'P0001';
      END $$;
      DROP INDEX audit_event_unchained_idx;
      ALTER TABLE audit_event DROP CONSTRAINT audit_event_chain_check, DROP CONSTRAINT audit_event_chain_seq_key,
        DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN chain_seq;
    `);
  }
}
