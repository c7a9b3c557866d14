import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One entry of the audit log. The database refuses UPDATE, DELETE and TRUNCATE (triggers in the initial
 * migration), so the only write is an insert (and the chainer setting the chain columns once, see
 * audit-chain.ts). The ids and roles are copies, not foreign keys: an entry
 * outlives what it names. The GraphQL shape is `AuditEvent` in audit.resolver.ts.
 */
@Entity('audit_event')
// TypeORM cannot say an index column is DESC and does not compare the order: the migration has it.
@Index('audit_event_recipient_idx', ['careRecipientId', 'occurredAt'], { where: 'care_recipient_id IS NOT NULL' })
@Index('audit_event_occurred_idx', ['occurredAt'])
@Index('audit_event_unchained_idx', ['id'], { where: 'chain_seq IS NULL' })
@Unique('audit_event_chain_seq_key', ['chainSeq'])
@Check(
  'audit_event_chain_check',
  '(chain_seq IS NULL AND prev_hash IS NULL AND hash IS NULL) OR (chain_seq >= 1 AND octet_length(prev_hash) = 32 AND octet_length(hash) = 32)',
)
export class AuditEventEntity {
  /** bigint: `pg` returns it as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz', name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', name: 'actor_role', nullable: true })
  actorRole: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', name: 'entity_type' })
  entityType: string;

  @Column({ type: 'text', name: 'entity_id', nullable: true })
  entityId: string | null;

  /** Whose personal data the event touched, so "who read this person's data" is one query. */
  @Column({ type: 'uuid', name: 'care_recipient_id', nullable: true })
  careRecipientId: string | null;

  @Column({ type: 'text', name: 'request_id', nullable: true })
  requestId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  /** The row's place in the hash chain, set once by the chainer (audit-chain.ts); null until then. */
  @Column({ type: 'bigint', name: 'chain_seq', nullable: true })
  chainSeq: string | null;

  /** SHA-256 of the row before it in the chain (32 zero bytes for the first). */
  @Column({ type: 'bytea', name: 'prev_hash', nullable: true })
  prevHash: Buffer | null;

  /** SHA-256 of `prev_hash` and this row's canonical content. */
  @Column({ type: 'bytea', nullable: true })
  hash: Buffer | null;
}
