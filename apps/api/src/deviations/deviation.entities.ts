import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Municipality, Unit } from '../organisation/organisation.entities.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import { User } from '../users/user.entity.js';

/*
 * The deviation tables as TypeORM sees them (entities-match-migrations.test.ts holds them to the migration
 * 1765140000000-deviations.ts). Reads and writes go through deviation.repository.ts; the GraphQL shapes are
 * in deviation.types.ts.
 */

@Entity('lex_sarah_receiver')
@Index('lex_sarah_receiver_municipality_idx', ['municipalityId'])
export class LexSarahReceiverRow {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => User, { name: 'lex_sarah_receiver_user_id_fkey' })
  userId: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'lex_sarah_receiver_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'uuid', name: 'designated_by' })
  @ForeignKey(() => User, { name: 'lex_sarah_receiver_designated_by_fkey' })
  designatedBy: string;

  @Column({ type: 'timestamptz', name: 'designated_at', default: () => 'now()' })
  designatedAt: Date;
}

@Entity('deviation')
@Index('deviation_municipality_received_idx', ['municipalityId', 'receivedAt'])
@Index('deviation_unit_idx', ['unitId'])
@Index('deviation_care_recipient_idx', ['careRecipientId'])
@Check('deviation_kind_check', "kind IN ('missed_visit', 'fall', 'medication', 'missforhallande', 'other')")
@Check('deviation_description_check', 'length(description) BETWEEN 1 AND 4000')
@Check('deviation_immediate_action_check', 'length(immediate_action) BETWEEN 1 AND 2000')
@Check('deviation_device_id_check', 'length(device_id) BETWEEN 1 AND 100')
@Check('deviation_status_check', "status IN ('received', 'investigated', 'closed')")
@Check('deviation_findings_check', 'length(findings) BETWEEN 1 AND 4000')
@Check(
  'deviation_causes_check',
  "cardinality(causes) BETWEEN 1 AND 6 AND causes <@ ARRAY['environment', 'equipment', 'health', 'behaviour', 'information', 'other']::text[]",
)
@Check('deviation_cause_description_check', 'length(cause_description) BETWEEN 1 AND 2000')
@Check('deviation_lex_sarah_check', "kind <> 'missforhallande' OR lex_sarah")
@Check('deviation_investigated_check', "(status = 'received') = (investigated_at IS NULL AND findings IS NULL AND causes IS NULL)")
@Check('deviation_closed_check', "(status = 'closed') = (closed_at IS NOT NULL)")
export class DeviationRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'deviation_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  @ForeignKey(() => Unit, { name: 'deviation_unit_id_fkey' })
  unitId: string;

  @Column({ type: 'uuid', name: 'care_recipient_id', nullable: true })
  @ForeignKey(() => CareRecipient, { name: 'deviation_care_recipient_id_fkey' })
  careRecipientId: string | null;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'boolean', name: 'lex_sarah' })
  lexSarah: boolean;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', name: 'immediate_action', nullable: true })
  immediateAction: string | null;

  @Column({ type: 'uuid', name: 'reported_by' })
  @ForeignKey(() => User, { name: 'deviation_reported_by_fkey' })
  reportedBy: string;

  @Column({ type: 'text', name: 'device_id', nullable: true })
  deviceId: string | null;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'text', default: 'received' })
  status: string;

  @Column({ type: 'date', name: 'investigate_by' })
  investigateBy: string;

  @Column({ type: 'date', name: 'close_by' })
  closeBy: string;

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  @Column({ type: 'text', array: true, nullable: true })
  causes: string[] | null;

  @Column({ type: 'text', name: 'cause_description', nullable: true })
  causeDescription: string | null;

  @Column({ type: 'boolean', default: false })
  serious: boolean;

  @Column({ type: 'uuid', name: 'investigated_by', nullable: true })
  @ForeignKey(() => User, { name: 'deviation_investigated_by_fkey' })
  investigatedBy: string | null;

  @Column({ type: 'timestamptz', name: 'investigated_at', nullable: true })
  investigatedAt: Date | null;

  @Column({ type: 'uuid', name: 'closed_by', nullable: true })
  @ForeignKey(() => User, { name: 'deviation_closed_by_fkey' })
  closedBy: string | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;
}

@Entity('deviation_action')
@Index('deviation_action_deviation_idx', ['deviationId'])
@Check('deviation_action_what_check', 'length(what) BETWEEN 1 AND 1000')
@Check('deviation_action_status_check', "status IN ('open', 'done')")
@Check('deviation_action_done_check', "(status = 'done') = (done_at IS NOT NULL)")
export class DeviationActionRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'deviation_id' })
  @ForeignKey(() => DeviationRow, { name: 'deviation_action_deviation_id_fkey' })
  deviationId: string;

  @Column({ type: 'text' })
  what: string;

  @Column({ type: 'uuid', name: 'owner_id' })
  @ForeignKey(() => User, { name: 'deviation_action_owner_id_fkey' })
  ownerId: string;

  @Column({ type: 'date', name: 'due_on' })
  dueOn: string;

  @Column({ type: 'text', default: 'open' })
  status: string;

  @Column({ type: 'timestamptz', name: 'done_at', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'deviation_action_created_by_fkey' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
