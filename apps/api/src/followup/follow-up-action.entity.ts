import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActionStatus, Actor } from '@hjulet/domain';
import { ActionStatusEnum, ActorEnum } from '../shared/graphql-enums.js';

export type { ActionStatus } from '@hjulet/domain';

/** Something agreed to fix a risk: what, who acts, who owns it, by when; open until closed. */
@ObjectType({ description: 'A follow-up action on a risk: what, who acts, owner, due date, status.' })
@Entity('follow_up_action')
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

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'risk_id', nullable: true })
  riskId: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  what: string;

  @Field(() => ActorEnum)
  @Column({ type: 'text' })
  actor: Actor;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'owner_id', nullable: true })
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
  closedById: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by' })
  createdById: string;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
