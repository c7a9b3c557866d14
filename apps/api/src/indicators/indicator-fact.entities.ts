import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/*
 * The indicators' facts (migration 1765050000000): kept by triggers, read only by `indicator_values`. No
 * service writes them; the entities exist so that the schema check knows the tables.
 */

/** One review, as the indicators group and filter it. */
@Entity('indicator_review_fact')
@Index('indicator_review_fact_unit_day_idx', ['unitId', 'offeredDay'])
@Index('indicator_review_fact_recipient_day_idx', ['recipientId', 'offeredDay'])
export class IndicatorReviewFactRow {
  @PrimaryColumn({ type: 'uuid', name: 'review_id' })
  reviewId: string;

  @Column({ type: 'uuid', name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'uuid', name: 'area_id' })
  areaId: string;

  @Column({ type: 'text', name: 'housing_type' })
  housingType: string;

  @Column({ type: 'date', name: 'offered_day' })
  offeredDay: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'uuid', name: 'template_id' })
  templateId: string;

  @Column({ type: 'timestamptz', name: 'performed_at', nullable: true })
  performedAt: Date | null;
}

/** One completed review's risks of one category, and their effect against the previous review. */
@Entity('indicator_risk_fact')
@Index('indicator_risk_fact_unit_day_idx', ['unitId', 'offeredDay'])
@Index('indicator_risk_fact_recipient_idx', ['recipientId'])
export class IndicatorRiskFactRow {
  @PrimaryColumn({ type: 'uuid', name: 'review_id' })
  reviewId: string;

  @PrimaryColumn({ type: 'text' })
  category: string;

  @Column({ type: 'uuid', name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'uuid', name: 'area_id' })
  areaId: string;

  @Column({ type: 'text', name: 'housing_type' })
  housingType: string;

  @Column({ type: 'date', name: 'offered_day' })
  offeredDay: string;

  @Column({ type: 'integer' })
  risks: number;

  @Column({ type: 'integer', name: 'with_action' })
  withAction: number;

  @Column({ type: 'integer', name: 'with_done_action' })
  withDoneAction: number;

  @Column({ type: 'integer', name: 'prev_risks' })
  prevRisks: number;

  @Column({ type: 'integer' })
  resolved: number;

  @Column({ type: 'integer', name: 'next_risks' })
  nextRisks: number;

  @Column({ type: 'integer', name: 'new_risks' })
  newRisks: number;
}

/** One follow-up action, with its review's area, the recipient's housing type and when its risk was found. */
@Entity('indicator_action_fact')
@Index('indicator_action_fact_unit_due_idx', ['unitId', 'dueDate'])
@Index('indicator_action_fact_unit_closed_idx', ['unitId', 'closedAt'])
@Index('indicator_action_fact_recipient_idx', ['recipientId'])
export class IndicatorActionFactRow {
  @PrimaryColumn({ type: 'uuid', name: 'action_id' })
  actionId: string;

  @Column({ type: 'uuid', name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'uuid', name: 'area_id' })
  areaId: string;

  @Column({ type: 'text', name: 'housing_type' })
  housingType: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'date', name: 'due_date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'found_at', nullable: true })
  foundAt: Date | null;
}

/** Care recipients whose facts a statement changed, recomputed when its transaction commits (empty between transactions). */
@Entity('indicator_fact_pending')
export class IndicatorFactPendingRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', array: true, name: 'recipient_ids' })
  recipientIds: string[];
}
