import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Answers } from '@hjulet/domain';
import { Area, Unit } from '../organisation/organisation.entities.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import { TemplateVersionRow } from '../templates/template.entities.js';
import { User } from '../users/user.entity.js';
import type { ReviewRecord, ReviewStatus, RiskRecord } from './review.records.js';

/*
 * The review tables as the migrations made them (the GraphQL shapes are `Review` and `IdentifiedRisk` in
 * review.types.ts). Property names follow ReviewRecord and RiskRecord, so a row is a record. Constraint
 * names are PostgreSQL's own for the migration's inline constraints; entities-match-migrations.test.ts
 * holds the two together. TypeORM cannot say an index column is DESC and does not compare the order, so the
 * indexes below list their columns only; the migration has the order.
 */

@Entity('review')
@ForeignKey(() => ReviewRow, ['repeatOf', 'repeatOfOfferedAt'], ['id', 'offeredAt'], { name: 'review_repeat_of_fkey', onUpdate: 'CASCADE' })
@Index('review_unit_offered_idx', ['unitId', 'offeredAt', 'id'])
@Index('review_recipient_idx', ['recipientId', 'offeredAt'])
@Index('review_offered_idx', ['offeredAt', 'id'])
@Index('review_recipient_completed_idx', ['recipientId', 'performedAt'], { where: "status = 'completed'::text" })
@Check('review_device_id_check', 'length(device_id) <= 100')
@Check('review_status_check', "status IN ('offered', 'declined', 'in_progress', 'completed')")
@Check('review_decline_reason_check', 'length(decline_reason) <= 500')
@Check('review_answers_check', "jsonb_typeof(answers) = 'object'")
@Check('review_check', "(status = 'declined') = (decline_reason IS NOT NULL)")
@Check('review_check1', "status NOT IN ('declined', 'completed') OR performed_at IS NOT NULL")
@Check('review_submission_fingerprint_check', "submission_fingerprint ~ '^[0-9a-f]{64}$'")
@Check('review_repeat_reason_check', 'length(repeat_reason) <= 500')
@Check('review_repeat_of_other', 'repeat_of <> id')
@Check('review_handed_over_from_unit_check', 'handed_over_from_unit_id <> unit_id')
@Check('review_repeat_of_month', '(repeat_of IS NULL) = (repeat_of_offered_at IS NULL)')
export class ReviewRow implements ReviewRecord {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The phone's id for the review: the offline sync's idempotency key. */
  @Column({ type: 'uuid', name: 'client_id' })
  clientId: string;

  @Column({ type: 'text', name: 'device_id', nullable: true })
  deviceId: string | null;

  @Column({ type: 'uuid', name: 'recipient_id' })
  @ForeignKey(() => CareRecipient, { name: 'review_recipient_id_fkey' })
  recipientId: string;

  /** The unit and area when the review was made: statistics stay put when a recipient moves. */
  @Column({ type: 'uuid', name: 'unit_id' })
  @ForeignKey(() => Unit, { name: 'review_unit_id_fkey' })
  unitId: string;

  @Column({ type: 'uuid', name: 'area_id' })
  @ForeignKey(() => Area, { name: 'review_area_id_fkey' })
  areaId: string;

  @Column({ type: 'uuid', name: 'template_version_id' })
  @ForeignKey(() => TemplateVersionRow, { name: 'review_template_version_id_fkey' })
  templateVersionId: string;

  @Column({ type: 'text' })
  status: ReviewStatus;

  @Column({ type: 'text', name: 'decline_reason', nullable: true })
  declineReason: string | null;

  @Column({ type: 'jsonb', name: 'answers', default: {} })
  answersJson: Answers;

  @Column({ type: 'boolean', name: 'consent_to_share', default: false })
  consentToShareWithFireService: boolean;

  @Column({ type: 'uuid', name: 'performed_by' })
  @ForeignKey(() => User, { name: 'review_performed_by_fkey' })
  performedById: string;

  /** The partition key (a partition per month): part of the primary key, as a partitioned table's keys must be. */
  @PrimaryColumn({ type: 'timestamptz', name: 'offered_at' })
  offeredAt: Date;

  @Column({ type: 'timestamptz', name: 'performed_at', nullable: true })
  performedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;

  /** SHA-256 (hex) of what the phone sent when it finished the review; null for reviews stored before it was kept. */
  @Column({ type: 'text', name: 'submission_fingerprint', nullable: true })
  submissionFingerprint: string | null;

  /** The period's original when this is a second review of the recipient in the period; null for the original. */
  @Column({ type: 'uuid', name: 'repeat_of', nullable: true })
  repeatOf: string | null;

  /** The original's month, beside its id, for the foreign key. */
  @Column({ type: 'timestamptz', name: 'repeat_of_offered_at', nullable: true })
  repeatOfOfferedAt: Date | null;

  /** Why the worker made another review in the period, when the phone asked. */
  @Column({ type: 'text', name: 'repeat_reason', nullable: true })
  repeatReason: string | null;
  /** The unit of the worker who handed the review over (handOverReview); null when its own unit stored it. */
  @Column({ type: 'uuid', name: 'handed_over_from_unit_id', nullable: true })
  @ForeignKey(() => Unit, { name: 'review_handed_over_from_unit_id_fkey' })
  handedOverFromUnitId: string | null;
}

@Entity('identified_risk')
@Unique('identified_risk_review_id_item_key_key', ['reviewId', 'itemKey'])
@ForeignKey(() => ReviewRow, ['reviewId', 'reviewOfferedAt'], ['id', 'offeredAt'], { name: 'identified_risk_review_fkey', onUpdate: 'CASCADE' })
@Check('identified_risk_severity_check', "severity IN ('low', 'medium', 'high')")
export class IdentifiedRiskRow implements RiskRecord {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'review_id' })
  reviewId: string;

  /** The review's month (reviews are partitioned by it): the foreign key holds both. */
  @Column({ type: 'timestamptz', name: 'review_offered_at' })
  reviewOfferedAt: Date;

  @Column({ type: 'text', name: 'item_key' })
  itemKey: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  severity: RiskRecord['severity'];

  @Column({ type: 'boolean', name: 'reportable' })
  reportableToFireService: boolean;

  @Column({ type: 'timestamptz', name: 'found_at' })
  foundAt: Date;
}

/**
 * Each client id (the offline sync's idempotency key) once, with its review and the review's month: a
 * partitioned table cannot keep a column unique across its partitions (migration 1765190000000).
 */
@Entity('review_receipt')
@Index('review_receipt_review_idx', ['reviewId'])
@ForeignKey(() => ReviewRow, ['reviewId', 'offeredAt'], ['id', 'offeredAt'], {
  name: 'review_receipt_review_fkey',
  onDelete: 'CASCADE',
  onUpdate: 'CASCADE',
  deferrable: 'INITIALLY DEFERRED',
})
export class ReviewReceiptRow {
  @PrimaryColumn({ type: 'uuid', name: 'client_id', primaryKeyConstraintName: 'review_receipt_pkey' })
  clientId: string;

  @Column({ type: 'uuid', name: 'review_id' })
  reviewId: string;

  @Column({ type: 'timestamptz', name: 'offered_at' })
  offeredAt: Date;
}
