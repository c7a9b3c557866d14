import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { Municipality } from '../organisation/organisation.entities.js';
import { User } from '../users/user.entity.js';

/**
 * One finding of the daily log review (migration 1765020000000): a user whose reads of care recipients'
 * data on one day broke a rule, and who reviewed it. Written and read in SQL by access-review.repository.ts.
 */
@Entity('access_review_flag')
@Unique('access_review_flag_day_actor_kind_key', ['municipalityId', 'day', 'actorId', 'kind'])
@Check('access_review_flag_kind_check', "kind IN ('outside_unit', 'odd_hours', 'bulk')")
@Check('access_review_flag_review_note_check', 'length(review_note) <= 1000')
@Check('access_review_flag_reviewed_check', '(reviewed_at IS NULL) = (reviewed_by IS NULL)')
export class AccessReviewFlagRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'access_review_flag_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'uuid', name: 'actor_id' })
  @ForeignKey(() => User, { name: 'access_review_flag_actor_id_fkey' })
  actorId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'integer' })
  reads: number;

  @Column({ type: 'integer' })
  recipients: number;

  @Column({ type: 'timestamptz', name: 'first_at' })
  firstAt: Date;

  @Column({ type: 'timestamptz', name: 'last_at' })
  lastAt: Date;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'uuid', name: 'reviewed_by', nullable: true })
  @ForeignKey(() => User, { name: 'access_review_flag_reviewed_by_fkey' })
  reviewedBy: string | null;

  @Column({ type: 'timestamptz', name: 'reviewed_at', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'text', name: 'review_note', nullable: true })
  reviewNote: string | null;
}
