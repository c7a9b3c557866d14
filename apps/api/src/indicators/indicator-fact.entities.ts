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
// Four indexes carry more columns than their keys (INCLUDE, for reads by the index alone, migration 1765120000000):
// listed here as key then included columns, which TypeORM cannot tell apart; it never builds indexes here.
@Entity('indicator_action_fact')
@Index('indicator_action_fact_open_idx', ['unitId', 'dueDate', 'areaId', 'housingType'], { where: "status = 'open'::text" })
@Index('indicator_action_fact_unit_due_idx', ['unitId', 'dueDate', 'status', 'closedAt', 'areaId', 'housingType'])
@Index('indicator_action_fact_unit_settle_idx', ['unitId', 'settleDay', 'status', 'dueDate', 'closedAt', 'areaId', 'housingType'])
@Index('indicator_action_fact_unit_closed_idx', ['unitId', 'closedAt', 'foundAt', 'areaId', 'housingType'], {
  where: "((status = 'done'::text) AND (found_at IS NOT NULL))",
})
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

  /** From this day on, the action's part in action closure no longer depends on "as of". */
  @Column({ type: 'date', name: 'settle_day', nullable: true })
  settleDay: string | null;
}

/** Care recipients whose facts a statement changed, recomputed when its transaction commits (empty between transactions). */
@Entity('indicator_fact_pending')
export class IndicatorFactPendingRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', array: true, name: 'recipient_ids' })
  recipientIds: string[];
}

/*
 * The per-period counts of migration 1765120000000, kept by the same refresh as the facts. Grain is 'month',
 * 'quarter' or 'year'; a cell is the unit and area where the review was made and the recipient's housing type.
 */

/** The key the cell tables begin with: a grain ('month', 'quarter', 'year'), a period of it and a cell. */
abstract class PeriodCell {
  @PrimaryColumn({ type: 'text' })
  grain: string;

  @PrimaryColumn({ type: 'date', name: 'period_start' })
  periodStart: string;

  @PrimaryColumn({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @PrimaryColumn({ type: 'uuid', name: 'area_id' })
  areaId: string;

  @PrimaryColumn({ type: 'text', name: 'housing_type' })
  housingType: string;
}

/** What a care recipient counts as in the cells: its cell now, the day registered, whether it is due a review. */
@Entity('indicator_recipient_fact')
@Index('indicator_recipient_fact_unit_idx', ['unitId'], { where: 'eligible' })
export class IndicatorRecipientFactRow {
  @PrimaryColumn({ type: 'uuid', name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'uuid', name: 'area_id' })
  areaId: string;

  @Column({ type: 'text', name: 'housing_type' })
  housingType: string;

  @Column({ type: 'date', name: 'created_day' })
  createdDay: string;

  @Column({ type: 'boolean' })
  eligible: boolean;

  @Column({ type: 'timestamptz', name: 'last_offered_at', nullable: true })
  lastOfferedAt: Date | null;

  @Column({ type: 'date', name: 'last_offered_day', nullable: true })
  lastOfferedDay: string | null;
}

/** One cell of a recipient who has reviews in more than one cell of a period (the read subtracts the surplus). */
@Entity('indicator_split')
@Index('indicator_split_recipient_idx', ['recipientId'])
@Index('indicator_split_unit_idx', ['unitId', 'grain', 'periodStart'])
export class IndicatorSplitRow {
  @PrimaryColumn({ type: 'text' })
  grain: string;

  @PrimaryColumn({ type: 'date', name: 'period_start' })
  periodStart: string;

  @PrimaryColumn({ type: 'uuid', name: 'recipient_id' })
  recipientId: string;

  @PrimaryColumn({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @PrimaryColumn({ type: 'uuid', name: 'area_id' })
  areaId: string;

  @Column({ type: 'text', name: 'housing_type' })
  housingType: string;

  @Column({ type: 'boolean' })
  completed: boolean;

  @Column({ type: 'text', array: true })
  categories: string[];
}

/** The review counts of one period, cell and risk category ('' for the recipient-level counts). */
@Entity('indicator_review_cell')
@Index('indicator_review_cell_unit_idx', ['unitId', 'grain', 'periodStart'])
export class IndicatorReviewCellRow extends PeriodCell {
  @PrimaryColumn({ type: 'text' })
  category: string;

  @Column({ type: 'bigint' })
  offered: string;

  @Column({ type: 'bigint' })
  completed: string;

  @Column({ type: 'bigint', name: 'with_risk' })
  withRisk: string;

  @Column({ type: 'bigint' })
  risks: string;

  @Column({ type: 'bigint', name: 'with_action' })
  withAction: string;

  @Column({ type: 'bigint', name: 'with_done_action' })
  withDoneAction: string;

  @Column({ type: 'bigint', name: 'prev_risks' })
  prevRisks: string;

  @Column({ type: 'bigint' })
  resolved: string;

  @Column({ type: 'bigint', name: 'next_risks' })
  nextRisks: string;

  @Column({ type: 'bigint', name: 'new_risks' })
  newRisks: string;
}

/** Eligible recipients of one cell (their cell now) offered a review in the period and registered before its end. */
@Entity('indicator_coverage_cell')
@Index('indicator_coverage_cell_unit_idx', ['unitId', 'grain', 'periodStart'])
export class IndicatorCoverageCellRow extends PeriodCell {
  @Column({ type: 'bigint' })
  covered: string;
}

/** Eligible recipients of one cell registered in one month. */
@Entity('indicator_eligible_cell')
export class IndicatorEligibleCellRow {
  @PrimaryColumn({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @PrimaryColumn({ type: 'uuid', name: 'area_id' })
  areaId: string;

  @PrimaryColumn({ type: 'text', name: 'housing_type' })
  housingType: string;

  @PrimaryColumn({ type: 'date', name: 'created_month' })
  createdMonth: string;

  @Column({ type: 'bigint' })
  eligible: string;
}

/** Actions due in one period of one cell, settled in one month: how many, and how many closed by their due date. */
@Entity('indicator_closure_cell')
@Index('indicator_closure_cell_unit_idx', ['unitId', 'grain', 'periodStart'])
export class IndicatorClosureCellRow extends PeriodCell {
  @PrimaryColumn({ type: 'date', name: 'settled_month' })
  settledMonth: string;

  @Column({ type: 'bigint' })
  counted: string;

  @Column({ type: 'bigint', name: 'on_time' })
  onTime: string;
}
