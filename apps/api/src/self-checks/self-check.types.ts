import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSONObject, GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';
import {
  SELF_CHECK_FREQUENCIES,
  SELF_CHECK_PERFORMER_ROLES,
  SELF_CHECK_STATES,
  type SelfCheckFrequency,
  type SelfCheckPerformerRole,
  type SelfCheckState,
  type Severity,
} from '@hjulet/domain';
import { OwnedActionFields } from '../shared/owned-action.types.js';
import { graphqlEnum, SeverityEnum } from '../shared/graphql-enums.js';
import { LocalizedText } from '../templates/template.types.js';

export const SelfCheckFrequencyEnum = graphqlEnum('SelfCheckFrequency', SELF_CHECK_FREQUENCIES, { description: 'How often a self-check is done.' });
export type SelfCheckFrequencyEnum = SelfCheckFrequency;

export const SelfCheckStateEnum = graphqlEnum('SelfCheckState', SELF_CHECK_STATES, {
  valuesConfig: {
    NOT_DUE: { description: 'The next check is more than two weeks away.' },
    DUE: { description: 'The next check is due within two weeks.' },
    OVERDUE: { description: 'The next check is past its date.' },
  },
});
export type SelfCheckStateEnum = SelfCheckState;

export const SelfCheckPerformerRoleEnum = graphqlEnum('SelfCheckPerformerRole', SELF_CHECK_PERFORMER_ROLES, {
  description: 'The role that performs a self-check, when no one is named.',
});
export type SelfCheckPerformerRoleEnum = SelfCheckPerformerRole;

@InputType({ description: 'A self-check plan: what is checked, with which checklist, how often, by whom.' })
export class SelfCheckPlanInput {
  @Field(() => GraphQLUUID, { description: 'The unit checked.' })
  unitId: string;

  @Field(() => GraphQLUUID, { nullable: true, description: 'The process of the management system checked, when the check is of one.' })
  processId?: string | null;

  @Field(() => GraphQLUUID, { description: 'A published checklist version: any template will do.' })
  templateVersionId: string;

  @Field(() => SelfCheckFrequencyEnum)
  frequency: SelfCheckFrequency;

  @Field(() => SelfCheckPerformerRoleEnum, { nullable: true, description: 'Who performs it: a role of the unit, or…' })
  performerRole?: SelfCheckPerformerRole | null;

  @Field(() => GraphQLUUID, { nullable: true, description: '…a named user who reaches the unit. One of the two.' })
  performerId?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'When the first check is due.' })
  firstDueOn: string;
}

@InputType()
export class SelfCheckPlanChange {
  @Field(() => SelfCheckFrequencyEnum)
  frequency: SelfCheckFrequency;

  @Field(() => SelfCheckPerformerRoleEnum, { nullable: true })
  performerRole?: SelfCheckPerformerRole | null;

  @Field(() => GraphQLUUID, { nullable: true })
  performerId?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'When the first check is due; after a check, the next is due one interval after it.' })
  firstDueOn: string;

  @Field(() => Boolean, { description: 'False ends the plan; its results stay.' })
  active: boolean;
}

@InputType()
export class SelfCheckPlanFilter {
  @Field(() => GraphQLUUID, { nullable: true })
  unitId?: string | null;

  @Field(() => Int, { nullable: true, description: '1 to 500; 100 when not given.' })
  first?: number | null;
}

@InputType({ description: 'A completed self-check, stored once per clientId.' })
export class SelfCheckResultInput {
  @Field(() => GraphQLUUID, { description: "The client's id for the result: the idempotency key, and the result's id." })
  clientId: string;

  @Field(() => GraphQLUUID)
  planId: string;

  @Field(() => GraphQLJSONObject, { description: "Answers to the plan's checklist, by item key; every visible required item answered." })
  answers: Record<string, unknown>;

  @Field(() => GraphQLDateTime, { description: "When it was completed, by the client's clock; not in the future." })
  completedAt: Date;
}

@InputType()
export class SelfCheckResultFilter {
  @Field(() => GraphQLUUID, { nullable: true })
  planId?: string | null;

  @Field(() => GraphQLUUID, { nullable: true })
  unitId?: string | null;

  @Field(() => Int, { nullable: true, description: '1 to 100; 100 when not given.' })
  first?: number | null;
}

@InputType()
export class SelfCheckActionInput {
  @Field(() => String)
  what: string;

  @Field(() => GraphQLUUID, { nullable: true, description: 'Who does it; you when not given.' })
  ownerId?: string | null;

  @Field(() => GraphQLLocalDate)
  dueOn: string;
}

@ObjectType('SelfCheckPlan', { description: 'A self-check plan (egenkontroll) of a unit, with when its next check is due.' })
export class SelfCheckPlanView {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  unitId: string;

  @Field(() => String)
  unitName: string;

  @Field(() => ID, { nullable: true })
  processId: string | null;

  @Field(() => String, { nullable: true })
  processName: string | null;

  @Field(() => ID)
  templateVersionId: string;

  @Field(() => LocalizedText)
  templateTitle: LocalizedText;

  @Field(() => Int)
  templateVersion: number;

  @Field(() => SelfCheckFrequencyEnum)
  frequency: SelfCheckFrequency;

  @Field(() => SelfCheckPerformerRoleEnum, { nullable: true })
  performerRole: SelfCheckPerformerRole | null;

  @Field(() => ID, { nullable: true })
  performerId: string | null;

  @Field(() => String, { nullable: true })
  performerName: string | null;

  @Field(() => GraphQLLocalDate)
  firstDueOn: string;

  @Field(() => Boolean)
  active: boolean;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The day of the last check.' })
  lastDoneOn: string | null;

  @Field(() => GraphQLLocalDate, { description: 'When the next check is due.' })
  dueOn: string;

  @Field(() => SelfCheckStateEnum)
  state: SelfCheckState;
}

@ObjectType('SelfCheckAction', { description: 'What is done about a finding.' })
export class SelfCheckActionView extends OwnedActionFields {}

@ObjectType('SelfCheckFinding', { description: "A risk answer of a self-check, by the template's rules: of the unit, not of a person." })
export class SelfCheckFindingView {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  itemKey: string;

  @Field(() => LocalizedText, { description: "The checklist's question." })
  text: LocalizedText;

  @Field(() => String)
  category: string;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => [SelfCheckActionView])
  actions: SelfCheckActionView[];
}

@ObjectType('SelfCheckResult', { description: 'A completed self-check.' })
export class SelfCheckResultView {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  planId: string;

  @Field(() => ID)
  unitId: string;

  @Field(() => String)
  unitName: string;

  @Field(() => String, { nullable: true })
  processName: string | null;

  @Field(() => ID)
  templateVersionId: string;

  @Field(() => GraphQLJSONObject)
  answers: Record<string, string | number>;

  @Field(() => GraphQLDateTime)
  completedAt: Date;

  @Field(() => String)
  performedByName: string;

  @Field(() => [SelfCheckFindingView])
  findings: SelfCheckFindingView[];
}
