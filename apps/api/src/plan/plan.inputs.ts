import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';
import { TargetDirectionEnum } from './plan.enums.js';
// A goal targets an indicator of the one indicator set: the enum the indicators feature answers with.
import { IndicatorKindEnum } from '../indicators/indicator.types.js';

@InputType()
export class CreateGoalInput {
  @Field(() => GraphQLUUID, { nullable: true, description: "The administration whose plan it is; a coordinator's own by default." })
  administrationId?: string | null;

  @Field(() => String, { description: 'The board (nämnd), e.g. Vård- och omsorgsnämnden.' })
  @Length(1, 200)
  board: string;

  @Field(() => Int)
  @Min(2000)
  @Max(2100)
  year: number;

  @Field(() => String)
  @Length(1, 2000)
  text: string;

  @Field(() => String, { description: 'A key of qualityDimensions.' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  qualityDimension: string;

  @Field(() => IndicatorKindEnum)
  targetIndicator: IndicatorKindEnum;

  @Field(() => TargetDirectionEnum, { defaultValue: 'at_least' })
  targetDirection: TargetDirectionEnum;

  @Field(() => Float, { description: 'A share as 0–1 (1 = 100 %), or a number of days.' })
  targetValue: number;
}

@InputType()
export class CreateActivityInput {
  @Field(() => GraphQLUUID)
  goalId: string;

  @Field(() => GraphQLUUID)
  unitId: string;

  @Field(() => String)
  @Length(1, 1000)
  what: string;

  @Field(() => GraphQLUUID, { nullable: true })
  responsibleId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  dueDate?: string | null;
}

@InputType()
export class RecordFollowUpInput {
  @Field(() => GraphQLUUID)
  goalId: string;

  @Field(() => String, { description: 'A period of the goal’s year: 2027, 2027-H1, 2027-Q2 or 2027-06.' })
  @Length(4, 7)
  period: string;

  @Field(() => GraphQLUUID, { nullable: true, description: "One unit's follow-up; none for the whole administration." })
  unitId?: string | null;

  @Field(() => Float, { nullable: true, description: 'Entered by hand; without it the value is computed from the reviews where it can be.' })
  value?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 4000)
  comment?: string | null;

  @Field(() => [String], { nullable: true, description: 'Links to the evidence (https://… or a path in Hjulet).' })
  @IsOptional()
  @ArrayMaxSize(20)
  evidence?: string[] | null;
}

@InputType()
export class RecordLessonInput {
  @Field(() => GraphQLUUID)
  followUpId: string;

  @Field(() => String, { description: 'What we learned.' })
  @Length(1, 4000)
  learned: string;

  @Field(() => String, { description: 'What changes next year.' })
  @Length(1, 4000)
  changeNext: string;
}

@InputType()
export class CreateImprovementActionInput {
  @Field(() => GraphQLUUID, { description: 'The follow-up in which the goal fell short.' })
  followUpId: string;

  @Field(() => String)
  @Length(1, 1000)
  what: string;

  @Field(() => GraphQLUUID)
  ownerId: string;

  @Field(() => GraphQLLocalDate)
  dueDate: string;

  @Field(() => GraphQLUUID, { nullable: true, description: "For an administration's follow-up: the unit that acts, if one." })
  unitId?: string | null;
}
