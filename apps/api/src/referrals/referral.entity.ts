import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Area, Municipality } from '../organisation/organisation.entities.js';
import { PartnerClientRow } from '../partners/partner-client.entity.js';
import { ReviewRow } from '../reviews/review.entity.js';
import { User } from '../users/user.entity.js';

/**
 * A referral to the fire service (migration 1764920000000, which explains the feed's `(tx, seq)` order).
 * The repository reads and writes it in SQL; the entity keeps TypeORM's picture of the schema exact.
 */
@Entity('referral')
@Unique('referral_seq_key', ['seq'])
@Unique('referral_review_id_key', ['reviewId'])
@ForeignKey(() => ReviewRow, ['reviewId', 'reviewOfferedAt'], ['id', 'offeredAt'], { name: 'referral_review_fkey', onUpdate: 'CASCADE' })
@Index('referral_feed_idx', ['municipalityId', 'tx', 'seq'], { where: 'withdrawn_at IS NULL' })
@Check('referral_address_check', 'length(address) <= 300')
@Check('referral_housing_type_check', "housing_type IN ('rented_flat', 'owned_flat', 'house', 'other')")
@Check('referral_risks_check', "jsonb_typeof(risks) = 'array'")
@Check('referral_outcome_check', "outcome IN ('contacted_landlord', 'home_visit_booked', 'no_action')")
@Check('referral_ack_check', '(outcome IS NULL) = (acknowledged_at IS NULL) AND (outcome IS NULL) = (acknowledged_by IS NULL)')
@Check('referral_withdrawn_check', "withdrawn_at IS NULL OR (address IS NULL AND risks = '[]'::jsonb)")
export class ReferralRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ type: 'bigint', default: () => 'referral_current_tx()' })
  tx: string;

  @Column({ type: 'uuid', name: 'review_id' })
  reviewId: string;

  /** The review's month (reviews are partitioned by it): the foreign key holds both. */
  @Column({ type: 'timestamptz', name: 'review_offered_at' })
  reviewOfferedAt: Date;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'referral_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'uuid', name: 'area_id' })
  @ForeignKey(() => Area, { name: 'referral_area_id_fkey' })
  areaId: string;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', name: 'housing_type' })
  housingType: string;

  @Column({ type: 'jsonb' })
  risks: unknown[];

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'uuid', name: 'acknowledged_by', nullable: true })
  @ForeignKey(() => PartnerClientRow, { name: 'referral_acknowledged_by_fkey' })
  acknowledgedBy: string | null;

  @Column({ type: 'timestamptz', name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', name: 'withdrawn_by', nullable: true })
  @ForeignKey(() => User, { name: 'referral_withdrawn_by_fkey' })
  withdrawnBy: string | null;
}
