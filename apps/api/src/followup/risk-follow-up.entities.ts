import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { EVENT_KINDS, RISK_CAUSES, RISK_EFFECTS, type EventKind, type RiskCause, type RiskEffect } from '@hjulet/domain';
import { Unit } from '../organisation/organisation.entities.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import { IdentifiedRiskRow } from '../reviews/review.entity.js';
import { graphqlEnum } from '../shared/graphql-enums.js';
import { User } from '../users/user.entity.js';

export const RiskCauseEnum = graphqlEnum('RiskCause', RISK_CAUSES, { description: 'A structured cause of a risk (orsaksanalys).' });
export type RiskCauseEnum = RiskCause;
export const EventKindEnum = graphqlEnum('EventKind', EVENT_KINDS, { description: 'An event recorded as an outcome: a fall, a fire, a near miss.' });
export type EventKindEnum = EventKind;
export const RiskEffectEnum = graphqlEnum('RiskEffect', RISK_EFFECTS, { description: "A risk at the person's next review: gone, still there, or new." });
export type RiskEffectEnum = RiskEffect;

/** Orsaksanalys: why a risk is there, a few structured causes and free text, before actions are chosen. */
@ObjectType({ description: 'A cause analysis (orsaksanalys) of a risk: structured causes and free text.' })
@Entity('cause_analysis')
@Unique('cause_analysis_risk_id_key', ['riskId'])
@Check(
  'cause_analysis_causes_check',
  "cardinality(causes) BETWEEN 1 AND 6 AND causes <@ ARRAY['environment', 'equipment', 'health', 'behaviour', 'information', 'other']::text[]",
)
@Check('cause_analysis_description_check', 'length(description) <= 2000')
export class CauseAnalysis {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'risk_id' })
  @ForeignKey(() => IdentifiedRiskRow, { name: 'cause_analysis_risk_id_fkey' })
  riskId: string;

  @Field(() => [RiskCauseEnum])
  @Column({ type: 'text', array: true })
  causes: RiskCause[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'updated_by' })
  @ForeignKey(() => User, { name: 'cause_analysis_updated_by_fkey' })
  updatedById: string;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** Händelse: an outcome recorded against a person and a risk category. */
@ObjectType({ description: 'An event (a fall, a fire, a near miss) recorded against a person and a risk category.' })
@Entity('care_event')
@Index('care_event_recipient_idx', ['recipientId', 'occurredOn'])
@Index('care_event_unit_idx', ['unitId', 'occurredOn'])
@Check('care_event_kind_check', "kind IN ('fall', 'fire', 'near_miss')")
@Check('care_event_risk_category_check', "risk_category ~ '^[a-z][a-z0-9_]{0,63}$'")
@Check('care_event_description_check', 'length(description) <= 2000')
export class CareEvent {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'recipient_id' })
  @ForeignKey(() => CareRecipient, { name: 'care_event_recipient_id_fkey' })
  recipientId: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'unit_id' })
  @ForeignKey(() => Unit, { name: 'care_event_unit_id_fkey' })
  unitId: string;

  @Field(() => EventKindEnum)
  @Column({ type: 'text' })
  kind: EventKind;

  @Field(() => String)
  @Column({ type: 'text', name: 'risk_category' })
  riskCategory: string;

  @Field(() => GraphQLLocalDate)
  @Column({ type: 'date', name: 'occurred_on' })
  occurredOn: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'care_event_created_by_fkey' })
  createdById: string;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
