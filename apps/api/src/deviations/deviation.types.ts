import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';
import { DEVIATION_KINDS, DEVIATION_LIMITS, DEVIATION_STATUSES, type DeviationKind, type DeviationStatus, type RiskCause } from '@hjulet/domain';
import { OwnedActionFields } from '../shared/owned-action.types.js';
import { graphqlEnum } from '../shared/graphql-enums.js';
import { RiskCauseEnum } from '../followup/risk-follow-up.entities.js';

export const DeviationKindEnum = graphqlEnum('DeviationKind', DEVIATION_KINDS, {
  description: 'What kind of deviation (avvikelse) it is.',
  valuesConfig: {
    MISSED_VISIT: { description: 'A visit that did not happen (missat besök).' },
    FALL: { description: 'A fall.' },
    MEDICATION: { description: 'A medicine handed out wrong, or not at all.' },
    MISSFORHALLANDE: { description: 'A missförhållande or a clear risk of one: always a lex Sarah report.' },
    OTHER: { description: 'Something else.' },
  },
});
export type DeviationKindEnum = DeviationKind;

export const DeviationStatusEnum = graphqlEnum('DeviationStatus', DEVIATION_STATUSES, {
  valuesConfig: {
    RECEIVED: { description: 'Reported; the investigation is due by investigateBy.' },
    INVESTIGATED: { description: 'Investigated, with a cause analysis; closing is due by closeBy.' },
    CLOSED: { description: 'Closed.' },
  },
});
export type DeviationStatusEnum = DeviationStatus;

@InputType({ description: "A deviation reported from the phone's outbox: stored once per clientId." })
export class DeviationReportInput {
  @Field(() => GraphQLUUID, { description: "The phone's id for the report: the idempotency key, and the deviation's id." })
  clientId: string;

  @Field(() => DeviationKindEnum)
  kind: DeviationKind;

  @Field(() => Boolean, { description: 'A lex Sarah report (a missförhållande or the risk of one): only the designated receivers read it.' })
  lexSarah: boolean;

  @Field(() => GraphQLDateTime, { description: "When it happened, by the phone's clock; not in the future." })
  occurredAt: Date;

  @Field(() => String, { description: `What happened; required, at most ${DEVIATION_LIMITS.descriptionMax} characters.` })
  description: string;

  @Field(() => String, { nullable: true, description: `What was done at once; at most ${DEVIATION_LIMITS.immediateActionMax} characters.` })
  immediateAction?: string | null;

  @Field(() => GraphQLUUID, { nullable: true, description: 'The care recipient it concerns, where there is one.' })
  recipientId?: string | null;

  @Field(() => GraphQLUUID, { nullable: true, description: "The unit; by default the recipient's, else your own." })
  unitId?: string | null;

  @Field(() => String, { nullable: true })
  deviceId?: string | null;
}

@InputType()
export class DeviationInvestigationInput {
  @Field(() => String, { description: `What the investigation found; at most ${DEVIATION_LIMITS.findingsMax} characters.` })
  findings: string;

  @Field(() => [RiskCauseEnum], { description: 'The cause analysis (orsaksanalys), with the causes used for risks.' })
  causes: RiskCause[];

  @Field(() => String, { nullable: true, description: 'The causes in words; required when a cause is OTHER.' })
  causeDescription?: string | null;

  @Field(() => Boolean, { description: 'A serious missförhållande (or risk of one): a lex Sarah case is then notified to IVO.' })
  serious: boolean;
}

@InputType()
export class DeviationActionInput {
  @Field(() => String)
  what: string;

  @Field(() => GraphQLUUID, { nullable: true, description: 'Who does it; you when not given.' })
  ownerId?: string | null;

  @Field(() => GraphQLLocalDate)
  dueOn: string;
}

@InputType()
export class DeviationFilter {
  @Field(() => DeviationStatusEnum, { nullable: true })
  status?: DeviationStatus | null;

  @Field(() => GraphQLUUID, { nullable: true })
  unitId?: string | null;

  @Field(() => Boolean, { nullable: true })
  lexSarah?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only open cases past the deadline they wait on.' })
  overdue?: boolean | null;

  @Field(() => Int, { nullable: true, description: '1 to 500; 100 when not given.' })
  first?: number | null;
}

@ObjectType('DeviationReceipt', { description: 'That a report is stored: never its content.' })
export class DeviationReceiptView {
  @Field(() => ID)
  clientId: string;

  @Field(() => Boolean)
  lexSarah: boolean;

  @Field(() => GraphQLDateTime)
  receivedAt: Date;

  @Field(() => GraphQLLocalDate)
  investigateBy: string;
}

@ObjectType('DeviationAction', { description: 'What is done so that it does not happen again.' })
export class DeviationActionView extends OwnedActionFields {}

@ObjectType('IvoNotificationSection')
export class IvoNotificationSectionView {
  @Field(() => String)
  heading: string;

  @Field(() => String)
  body: string;
}

@ObjectType('IvoNotification', { description: "The content of IVO's lex Sarah form, prefilled from the case: a document to check, complete and send." })
export class IvoNotificationView {
  @Field(() => String)
  title: string;

  @Field(() => [IvoNotificationSectionView])
  sections: IvoNotificationSectionView[];
}

const CONTENT = 'Content: null unless contentVisible.';

@ObjectType('Deviation', {
  description:
    'A deviation (avvikelse). Everyone who sees it sees that it exists, its unit, status and deadlines; its content only those who may read it — for a lex Sarah report, the designated receivers alone. A read of content is audited.',
})
export class DeviationView {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  unitId: string;

  @Field(() => String)
  unitName: string;

  @Field(() => Boolean)
  lexSarah: boolean;

  @Field(() => DeviationStatusEnum)
  status: DeviationStatus;

  @Field(() => GraphQLDateTime)
  receivedAt: Date;

  @Field(() => GraphQLLocalDate, { description: 'The investigation is due: 14 days after receipt.' })
  investigateBy: string;

  @Field(() => GraphQLLocalDate, { description: 'Closing is due: 28 days after receipt.' })
  closeBy: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The deadline the case waits on now; null when closed.' })
  dueOn: string | null;

  @Field(() => Boolean)
  overdue: boolean;

  @Field(() => Boolean, { description: 'Whether you may read the content.' })
  contentVisible: boolean;

  @Field(() => DeviationKindEnum, { nullable: true, description: CONTENT })
  kind: DeviationKind | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: CONTENT })
  occurredAt: Date | null;

  @Field(() => String, { nullable: true, description: CONTENT })
  description: string | null;

  @Field(() => String, { nullable: true, description: CONTENT })
  immediateAction: string | null;

  @Field(() => ID, { nullable: true, description: CONTENT })
  recipientId: string | null;

  @Field(() => String, { nullable: true, description: CONTENT })
  recipientReference: string | null;

  @Field(() => String, { nullable: true, description: CONTENT })
  findings: string | null;

  @Field(() => [RiskCauseEnum], { nullable: true, description: CONTENT })
  causes: RiskCause[] | null;

  @Field(() => String, { nullable: true, description: CONTENT })
  causeDescription: string | null;

  @Field(() => Boolean, { nullable: true, description: CONTENT })
  serious: boolean | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  investigatedAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  closedAt: Date | null;

  @Field(() => [DeviationActionView], { nullable: true, description: CONTENT })
  actions: DeviationActionView[] | null;

  @Field(() => IvoNotificationView, { nullable: true, description: 'For a serious lex Sarah case, to its receivers: the notification to IVO.' })
  ivoNotification: IvoNotificationView | null;
}

@ObjectType('LexSarahReceiver', { description: 'A user designated to receive and investigate lex Sarah reports.' })
export class LexSarahReceiverView {
  @Field(() => ID)
  userId: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String)
  role: string;

  @Field(() => GraphQLDateTime)
  designatedAt: Date;
}
