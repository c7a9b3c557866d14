import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { ActionStatus, Actor } from '@hjulet/domain';
import { Unit } from '../organisation/organisation.entities.js';
import { IdentifiedRiskRow, ReviewRow } from '../reviews/review.entity.js';
import { ActionStatusEnum, ActorEnum } from '../shared/graphql-enums.js';
import { User } from '../users/user.entity.js';

export type { ActionStatus } from '@hjulet/domain';

/** Something agreed to fix a risk: what, who acts, who owns it, by when; open until closed. */
@ObjectType({ description: 'A follow-up action on a risk: what, who acts, owner, due date, status.' })
@Entity('follow_up_action')
@Unique('follow_up_action_client_id_key', ['clientId'])
@Index('follow_up_action_review_idx', ['reviewId'])
@Index('follow_up_action_unit_status_idx', ['unitId', 'status'])
@Index('follow_up_action_risk_idx', ['riskId'], { where: 'risk_id IS NOT NULL' })
@Check('follow_up_action_what_check', 'length(what) BETWEEN 1 AND 1000')
@Check(
  'follow_up_action_actor_check',
  "actor IN ('resident', 'relative', 'home_care_contacts_landlord', 'housing_adaptation', 'occupational_therapist', 'fire_service', 'other')",
)
@Check('follow_up_action_status_check', "status IN ('open', 'done', 'not_needed', 'declined')")
@Check('follow_up_action_closing_note_check', 'length(closing_note) <= 1000')
@Check('follow_up_action_check', "(status = 'open') = (closed_at IS NULL)")
@Check('follow_up_action_check1', "(status = 'open') = (closed_by IS NULL)")
@ForeignKey(() => ReviewRow, ['reviewId', 'reviewOfferedAt'], ['id', 'offeredAt'], { name: 'follow_up_action_review_fkey', onUpdate: 'CASCADE' })
export class FollowUpAction {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'client_id' })
  clientId: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'review_id' })
  reviewId: string;

  /** The review's month (reviews are partitioned by it): the foreign key holds both. */
  @Column({ type: 'timestamptz', name: 'review_offered_at' })
  reviewOfferedAt: Date;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'risk_id', nullable: true })
  @ForeignKey(() => IdentifiedRiskRow, { name: 'follow_up_action_risk_id_fkey' })
  riskId: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'unit_id' })
  @ForeignKey(() => Unit, { name: 'follow_up_action_unit_id_fkey' })
  unitId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  what: string;

  @Field(() => ActorEnum)
  @Column({ type: 'text' })
  actor: Actor;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'owner_id', nullable: true })
  @ForeignKey(() => User, { name: 'follow_up_action_owner_id_fkey' })
  ownerId: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Column({ type: 'date', name: 'due_date', nullable: true })
  dueDate: string | null;

  @Field(() => ActionStatusEnum)
  @Column({ type: 'text' })
  status: ActionStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', name: 'closing_note', nullable: true })
  closingNote: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'closed_by', nullable: true })
  @ForeignKey(() => User, { name: 'follow_up_action_closed_by_fkey' })
  closedById: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'follow_up_action_created_by_fkey' })
  createdById: string;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
