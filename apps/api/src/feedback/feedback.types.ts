import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';
import {
  FEEDBACK_CHANNELS,
  FEEDBACK_KINDS,
  FEEDBACK_LIMITS,
  FEEDBACK_STATUSES,
  type FeedbackChannel,
  type FeedbackKind,
  type FeedbackStatus,
} from '@hjulet/domain';
import { graphqlEnum } from '../shared/graphql-enums.js';

export const FeedbackKindEnum = graphqlEnum('FeedbackKind', FEEDBACK_KINDS, {
  description: 'What the feedback is (klagomål, förslag, beröm, övrigt).',
  valuesConfig: { COMPLAINT: { description: 'A complaint (klagomål) about the care or the service.' } },
});
export type FeedbackKindEnum = FeedbackKind;

export const FeedbackChannelEnum = graphqlEnum('FeedbackChannel', FEEDBACK_CHANNELS, {
  description: 'How the feedback came in.',
  valuesConfig: { WEB: { description: 'The public form (submitFeedback); staff register the others.' } },
});
export type FeedbackChannelEnum = FeedbackChannel;

export const FeedbackStatusEnum = graphqlEnum('FeedbackStatus', FEEDBACK_STATUSES, {
  valuesConfig: {
    RECEIVED: { description: 'Received, not yet routed to the responsible unit.' },
    INVESTIGATING: { description: 'Routed: the responsible unit investigates.' },
    ANSWERED: { description: 'Investigated and answered: closed.' },
  },
});
export type FeedbackStatusEnum = FeedbackStatus;

const CONTACT = 'Optional: only if the sender wants an answer. Leave empty to stay anonymous.';

@InputType({ description: 'Feedback from anyone, through the public form: no login.' })
export class SubmitFeedbackInput {
  @Field(() => FeedbackKindEnum)
  kind: FeedbackKind;

  @Field(() => String, { description: "The municipality's four-digit code (kommunkod), e.g. 0581." })
  municipality: string;

  @Field(() => GraphQLUUID, { nullable: true, description: 'Optional: the unit it concerns, one of feedbackUnits.' })
  unitId?: string | null;

  @Field(() => String, { description: `What happened or what could be better; required, at most ${FEEDBACK_LIMITS.messageMax} characters.` })
  message: string;

  @Field(() => String, { nullable: true, description: `${CONTACT} A name, at most ${FEEDBACK_LIMITS.nameMax} characters.` })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: `${CONTACT} An email address.` })
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: `${CONTACT} A phone number.` })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: 'Leave empty. The form hides this field from people; only robots fill it in.' })
  website?: string | null;
}

@InputType({ description: 'Feedback that came by phone, on paper or in person, written down by staff.' })
export class RegisterFeedbackInput {
  @Field(() => FeedbackKindEnum)
  kind: FeedbackKind;

  @Field(() => FeedbackChannelEnum, { description: 'PHONE, PAPER or IN_PERSON (WEB is the public form).' })
  channel: FeedbackChannel;

  @Field(() => GraphQLUUID, { nullable: true, description: 'Optional: the unit it concerns; without one a coordinator routes it.' })
  unitId?: string | null;

  @Field(() => String, { description: `Required, at most ${FEEDBACK_LIMITS.messageMax} characters.` })
  message: string;

  @Field(() => String, { nullable: true, description: CONTACT })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: CONTACT })
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: CONTACT })
  contactPhone?: string | null;
}

@InputType()
export class FeedbackCaseFilter {
  @Field(() => FeedbackStatusEnum, { nullable: true })
  status?: FeedbackStatus | null;

  @Field(() => GraphQLUUID, { nullable: true, description: 'Only this unit’s cases (within your scope).' })
  unitId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only open cases past their deadline.' })
  overdue?: boolean | null;

  @Field(() => Int, { nullable: true, description: '1 to 500; 100 when not given.' })
  first?: number | null;
}

@ObjectType('FeedbackReceipt', { description: 'What the sender is told: the case number to quote, and when to expect an answer.' })
export class FeedbackReceiptView {
  @Field(() => String, { description: 'E.g. SYN-2026-00042: per municipality and year, never reused.' })
  caseNumber: string;

  @Field(() => GraphQLLocalDate, { description: 'The deadline for the answer: 14 days after receipt.' })
  dueOn: string;
}

@ObjectType('FeedbackUnit', { description: 'A unit the public form offers: id and name only.' })
export class FeedbackUnitView {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;
}

@ObjectType('FeedbackCase', { description: 'A complaint or other feedback and its handling. Reading it is audited (contact details are personal data).' })
export class FeedbackCaseView {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  caseNumber: string;

  @Field(() => FeedbackKindEnum)
  kind: FeedbackKind;

  @Field(() => FeedbackChannelEnum)
  channel: FeedbackChannel;

  @Field(() => FeedbackStatusEnum)
  status: FeedbackStatus;

  @Field(() => ID, { nullable: true, description: 'The responsible unit; null until a coordinator routes the case.' })
  unitId: string | null;

  @Field(() => String, { nullable: true })
  unitName: string | null;

  @Field(() => String)
  message: string;

  @Field(() => String, { nullable: true })
  contactName: string | null;

  @Field(() => String, { nullable: true })
  contactEmail: string | null;

  @Field(() => String, { nullable: true })
  contactPhone: string | null;

  @Field(() => GraphQLDateTime)
  receivedAt: Date;

  @Field(() => GraphQLLocalDate, { description: 'The deadline for the answer: 14 days after receipt (docs/feedback.md).' })
  dueOn: string;

  @Field(() => Boolean, { description: 'Not answered and past its deadline (Swedish date).' })
  overdue: boolean;

  @Field(() => String, { nullable: true, description: 'What the investigation found.' })
  findings: string | null;

  @Field(() => String, { nullable: true, description: 'The answer given to the sender.' })
  answer: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  answeredAt: Date | null;
}
