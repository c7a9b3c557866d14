import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';
import { ROUTINE_LIMITS } from '@hjulet/domain';

@ObjectType('RoutineActivity', { description: 'A step of a process (aktivitet); routines hang under it.' })
export class RoutineActivityView {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;
}

@ObjectType('RoutineProcess', { description: 'A process of the management system (process), with its activities.' })
export class RoutineProcessView {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [RoutineActivityView])
  activities: RoutineActivityView[];
}

@ObjectType('Routine', { description: 'A routine (rutin): who does what, how and when. Staff confirm each version as read and understood.' })
export class RoutineView {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  processId: string;

  @Field(() => String)
  processName: string;

  @Field(() => ID)
  activityId: string;

  @Field(() => String)
  activityName: string;

  @Field(() => ID, { nullable: true, description: "The unit it is for; null: the whole municipality's." })
  unitId: string | null;

  @Field(() => String, { nullable: true })
  unitName: string | null;

  @Field(() => ID, { description: 'The owner, who keeps it up to date and reviews it.' })
  ownerId: string;

  @Field(() => String)
  ownerName: string;

  @Field(() => String, { description: 'The title in Swedish.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'The title in English, when written.' })
  titleEn: string | null;

  @Field(() => String, { description: 'Who does it.' })
  responsible: string;

  @Field(() => String, { description: 'When, or how often.' })
  frequency: string;

  @Field(() => String, { description: 'What is done and how, in Swedish: Markdown (raw HTML is shown as text, never rendered).' })
  body: string;

  @Field(() => String, { nullable: true, description: 'The same in English, when written.' })
  bodyEn: string | null;

  @Field(() => Int, { description: 'Grows when what staff read changes; each version is confirmed anew.' })
  version: number;

  @Field(() => GraphQLLocalDate, { description: 'When the owner reviews it next.' })
  reviewOn: string;

  @Field(() => Boolean, { description: 'Past its review date (Swedish date): flagged to its owner.' })
  reviewOverdue: boolean;

  @Field(() => ID, { nullable: true, description: 'The goal it serves.' })
  goalId: string | null;

  @Field(() => String, { nullable: true, description: 'The checklist template of the item it belongs to, by key.' })
  templateKey: string | null;

  @Field(() => String, { nullable: true, description: 'The checklist item it belongs to, by key (e.g. alarm_tested).' })
  itemKey: string | null;

  @Field(() => GraphQLDateTime)
  updatedAt: Date;

  @Field(() => Int, { nullable: true, description: 'The latest version you confirmed, or null.' })
  confirmedVersion: number | null;

  @Field(() => Boolean, { description: 'You confirmed the current version.' })
  confirmedCurrent: boolean;
}

@ObjectType('RoutineReader', { description: 'Someone who should read a routine, and what they have confirmed.' })
export class RoutineReaderView {
  @Field(() => ID)
  userId: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String)
  unitName: string;

  @Field(() => Int, { nullable: true, description: 'The latest version they confirmed, or null.' })
  confirmedVersion: number | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  confirmedAt: Date | null;

  @Field(() => Boolean, { description: 'They confirmed the current version.' })
  confirmedCurrent: boolean;
}

@ObjectType('RoutineConfirmation', { description: 'A "read and understood", as stored.' })
export class RoutineConfirmationView {
  @Field(() => GraphQLUUID)
  clientId: string;

  @Field(() => ID)
  routineId: string;

  @Field(() => Int)
  version: number;

  @Field(() => GraphQLDateTime)
  confirmedAt: Date;
}

@InputType()
export class RoutineFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only your own routines past their review date.' })
  dueForReview?: boolean | null;

  @Field(() => GraphQLUUID, { nullable: true, description: "Only this unit's routines (within your scope), not the municipality's own." })
  unitId?: string | null;
}

@InputType({ description: 'A routine as written by its maintainer.' })
export class RoutineInput {
  @Field(() => GraphQLUUID, { description: 'The activity of the register it belongs under.' })
  activityId: string;

  @Field(() => GraphQLUUID, { nullable: true, description: "The unit it is for; null: the whole municipality's (coordinators and admins)." })
  unitId?: string | null;

  @Field(() => GraphQLUUID, { nullable: true, description: 'The owner; you when not given.' })
  ownerId?: string | null;

  @Field(() => String, { description: `At most ${ROUTINE_LIMITS.titleMax} characters.` })
  title: string;

  @Field(() => String, { nullable: true })
  titleEn?: string | null;

  @Field(() => String, { description: 'Who does it.' })
  responsible: string;

  @Field(() => String, { description: 'When, or how often.' })
  frequency: string;

  @Field(() => String, { description: `What is done and how: Markdown, at most ${ROUTINE_LIMITS.bodyMax} characters.` })
  body: string;

  @Field(() => String, { nullable: true })
  bodyEn?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'When the owner reviews it next.' })
  reviewOn: string;

  @Field(() => GraphQLUUID, { nullable: true })
  goalId?: string | null;

  @Field(() => String, { nullable: true, description: 'The checklist template it belongs to, by key (e.g. sakerhet-hjalpbehov).' })
  templateKey?: string | null;

  @Field(() => String, { nullable: true, description: 'One item of that template (e.g. alarm_tested); needs templateKey.' })
  itemKey?: string | null;
}

@InputType({ description: 'A "read and understood" from the phone, sent through its outbox.' })
export class RoutineConfirmationInput {
  @Field(() => GraphQLUUID, { description: 'Made by the phone: the same id sent again is stored once.' })
  clientId: string;

  @Field(() => GraphQLUUID)
  routineId: string;

  @Field(() => Int, { description: 'The version read.' })
  version: number;

  @Field(() => GraphQLDateTime, { description: 'When the user confirmed, by the phone’s clock.' })
  confirmedAt: Date;
}
