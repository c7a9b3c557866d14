import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Lesson } from './plan.entities.js';

@ObjectType({ description: 'A lesson of a year’s goals, with the goal it was learned on: what the next plan starts from.' })
export class LessonOfGoal {
  @Field(() => Lesson)
  lesson: Lesson;

  @Field(() => ID)
  goalId: string;

  @Field(() => String)
  goalText: string;

  @Field(() => String)
  period: string;
}

export enum OverdueKind {
  RISK_ACTION = 'risk_action',
  IMPROVEMENT_ACTION = 'improvement_action',
}
registerEnumType(OverdueKind, { name: 'OverdueKind', description: 'An action on a risk, or an improvement action on a goal.' });

@ObjectType({ description: 'An open action past its due date: on a risk of a review, or on a goal that fell short.' })
export class OverdueAction {
  @Field(() => OverdueKind)
  kind: OverdueKind;

  @Field(() => ID)
  id: string;

  @Field(() => String)
  what: string;

  @Field(() => ID, { nullable: true })
  unitId: string | null;

  @Field(() => ID, { nullable: true })
  ownerId: string | null;

  @Field(() => GraphQLLocalDate)
  dueDate: string;

  @Field(() => ID, { nullable: true, description: 'The review of the risk (risk actions).' })
  reviewId: string | null;

  @Field(() => ID, { nullable: true, description: 'Whose risk it is (risk actions): their follow-up is one step away.' })
  recipientId: string | null;

  @Field(() => ID, { nullable: true, description: 'The goal (improvement actions).' })
  goalId: string | null;

  @Field(() => String, { nullable: true })
  goalText: string | null;
}
