import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Municipality, Unit } from '../organisation/organisation.entities.js';
import { User } from '../users/user.entity.js';

/*
 * The feedback tables as TypeORM sees them (entities-match-migrations.test.ts holds them to the migration
 * 1765110000000-feedback.ts). Reads and writes go through feedback.repository.ts; the GraphQL shapes are
 * in feedback.types.ts.
 */

@Entity('feedback_counter')
@Check('feedback_counter_year_check', 'year BETWEEN 2000 AND 2999')
@Check('feedback_counter_last_value_check', 'last_value BETWEEN 1 AND 89999')
export class FeedbackCounterRow {
  @PrimaryColumn({ type: 'uuid', name: 'municipality_id', primaryKeyConstraintName: 'feedback_counter_pkey' })
  @ForeignKey(() => Municipality, { name: 'feedback_counter_municipality_id_fkey' })
  municipalityId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'feedback_counter_pkey' })
  year: number;

  @Column({ type: 'integer', name: 'last_value' })
  lastValue: number;
}

@Entity('feedback_case')
@Index('feedback_case_municipality_received_idx', ['municipalityId', 'receivedAt'])
@Index('feedback_case_unit_idx', ['unitId'])
@Unique('feedback_case_sequence_key', ['municipalityId', 'year', 'sequence'])
@Check('feedback_case_case_number_check', "case_number ~ '^SYN-[0-9]{4}-[0-9]{5}$'")
@Check('feedback_case_kind_check', "kind IN ('complaint', 'suggestion', 'praise', 'other')")
@Check('feedback_case_channel_check', "channel IN ('web', 'phone', 'paper', 'in_person')")
@Check('feedback_case_status_check', "status IN ('received', 'investigating', 'answered')")
@Check('feedback_case_message_check', 'length(message) BETWEEN 1 AND 4000')
@Check('feedback_case_contact_name_check', 'length(contact_name) BETWEEN 1 AND 200')
@Check('feedback_case_contact_email_check', 'length(contact_email) BETWEEN 3 AND 254')
@Check('feedback_case_contact_phone_check', 'length(contact_phone) BETWEEN 5 AND 40')
@Check('feedback_case_findings_check', 'length(findings) BETWEEN 1 AND 4000')
@Check('feedback_case_answer_check', 'length(answer) BETWEEN 1 AND 4000')
@Check('feedback_case_answered_check', "(status = 'answered') = (answer IS NOT NULL AND findings IS NOT NULL AND answered_at IS NOT NULL)")
export class FeedbackCaseRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'feedback_case_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'text', name: 'case_number' })
  caseNumber: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text', default: 'received' })
  status: string;

  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  @ForeignKey(() => Unit, { name: 'feedback_case_unit_id_fkey' })
  unitId: string | null;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'text', name: 'contact_name', nullable: true })
  contactName: string | null;

  @Column({ type: 'text', name: 'contact_email', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', name: 'contact_phone', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'date', name: 'due_on' })
  dueOn: string;

  @Column({ type: 'uuid', name: 'registered_by', nullable: true })
  @ForeignKey(() => User, { name: 'feedback_case_registered_by_fkey' })
  registeredBy: string | null;

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'uuid', name: 'answered_by', nullable: true })
  @ForeignKey(() => User, { name: 'feedback_case_answered_by_fkey' })
  answeredBy: string | null;

  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true })
  answeredAt: Date | null;
}
