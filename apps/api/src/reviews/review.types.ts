import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime, GraphQLUUID } from 'graphql-scalars';
import { graphqlEnum, ReviewStatusEnum, SeverityEnum } from '../shared/graphql-enums.js';
import { REFUSAL_REASONS, type RefusalReason } from './review-submission.js';
import type { ReviewRecord, ReviewStatus, RiskRecord } from './review.records.js';

@ObjectType({ description: "An answer to one item, by the item's stable key. Exactly one of value and number is set." })
export class Answer {
  @Field(() => String)
  itemKey: string;

  @Field(() => String, { nullable: true, description: 'yes | no | not_applicable | dont_know, a choice value, or free text.' })
  value: string | null;

  @Field(() => Float, { nullable: true })
  number: number | null;
}

@ObjectType({ description: 'A risk found by a review, derived from its answers by the shared rules (packages/domain).' })
export class IdentifiedRisk implements RiskRecord {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  itemKey: string;

  @Field(() => String)
  category: string;

  @Field(() => SeverityEnum)
  severity: RiskRecord['severity'];

  @Field(() => Boolean)
  reportableToFireService: boolean;

  @Field(() => GraphQLDateTime)
  foundAt: Date;

  reviewId: string;
}

/**
 * One run of one template version for one care recipient. The GraphQL fields mirror `ReviewRecord`;
 * related objects (recipient, unit, risks, actions) are resolved through per-request loaders.
 */
@ObjectType()
export class Review implements ReviewRecord {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLUUID, { description: 'Generated on the phone; the idempotency key of submitReviews.' })
  clientId: string;

  @Field(() => String, { nullable: true })
  deviceId: string | null;

  @Field(() => ReviewStatusEnum)
  status: ReviewStatus;

  @Field(() => String, { nullable: true })
  declineReason: string | null;

  @Field(() => ID)
  recipientId: string;

  @Field(() => ID, { description: 'The unit when the review was made.' })
  unitId: string;

  @Field(() => ID, { description: 'The area when the review was made.' })
  areaId: string;

  @Field(() => ID)
  templateVersionId: string;

  answersJson: Record<string, string | number>;

  @Field(() => Boolean)
  consentToShareWithFireService: boolean;

  @Field(() => ID)
  performedById: string;

  @Field(() => GraphQLDateTime)
  offeredAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Device time of completion or decline.' })
  performedAt: Date | null;

  @Field(() => GraphQLDateTime, { description: 'Server time the review (last) arrived.' })
  receivedAt: Date;

  @Field(() => ID, {
    nullable: true,
    description:
      "Set on a second review of the same recipient with the same checklist in the same period (a calendar year): the period's original, " +
      'the first of the period the server stored. Null on the original. Indicators count a recipient once per period.',
  })
  repeatOf: string | null;

  @Field(() => String, { nullable: true, description: 'Why another review was made in the period (a move, an incident), as the worker gave it.' })
  repeatReason: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Set when a worker of another unit handed the review over (handOverReview): the unit it came from. `unitId` is where it belongs.',
  })
  handedOverFromUnitId: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType()
export class ReviewEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Review)
  node: Review;
}

@ObjectType()
export class ReviewConnection {
  @Field(() => [ReviewEdge])
  edges: ReviewEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

export enum SubmissionOutcomeEnum {
  CREATED = 'created',
  ALREADY_STORED = 'already_stored',
  REJECTED = 'rejected',
}
registerEnumType(SubmissionOutcomeEnum, {
  name: 'SubmissionOutcome',
  valuesConfig: {
    CREATED: { description: 'Stored now (a review offered online and finished offline counts as created).' },
    ALREADY_STORED: { description: 'An earlier request stored it; nothing changed. The phone may drop it from its outbox.' },
    REJECTED: { description: 'Not stored; `error` says why. The phone keeps it in "needs attention".' },
  },
});

const REASONS = Object.keys(REFUSAL_REASONS) as RefusalReason[];
export const RefusalReasonEnum = graphqlEnum('RefusalReason', REASONS, {
  description: 'What kind of refusal: a phone chooses from it what a worker can do about a refused result.',
  valuesConfig: Object.fromEntries(
    REASONS.map((reason) => [reason, { description: `${REFUSAL_REASONS[reason].code}. ${REFUSAL_REASONS[reason].description}` }]),
  ),
});

@ObjectType({ description: 'Why one review of a batch was not stored.' })
export class SubmissionError {
  @Field(() => String)
  code: string;

  @Field(() => RefusalReasonEnum, { description: 'The kind of refusal, one per code and cause; `field` says where.' })
  reason: RefusalReason;

  @Field(() => String, { nullable: true })
  field: string | null;

  @Field(() => String)
  message: string;
}

@ObjectType({ description: 'The server state of one submitted review, in the order submitted.' })
export class ReviewSubmissionResult {
  @Field(() => GraphQLUUID)
  clientId: string;

  @Field(() => Int, { description: 'Position in the submitted list.' })
  index: number;

  @Field(() => SubmissionOutcomeEnum)
  outcome: 'created' | 'already_stored' | 'rejected';

  @Field(() => Review, { nullable: true })
  review: Review | null;

  @Field(() => SubmissionError, { nullable: true })
  error: SubmissionError | null;
}

export const DiscardedResultKindEnum = graphqlEnum('DiscardedResultKind', ['review', 'action_closing'] as const, {
  valuesConfig: {
    REVIEW: { description: 'A finished review (completed or declined) the server refused.' },
    ACTION_CLOSING: { description: 'The closing of a follow-up action the server refused.' },
  },
});
export type DiscardedResultKindEnum = 'review' | 'action_closing';

@ObjectType({ description: 'A result a phone discarded after the server refused it, with the reason; recorded once per clientId.' })
export class DiscardedResult {
  @Field(() => GraphQLUUID)
  clientId: string;

  @Field(() => DiscardedResultKindEnum)
  kind: DiscardedResultKindEnum;

  @Field(() => ID, { nullable: true, description: 'The recipient of a discarded review.' })
  recipientId: string | null;

  @Field(() => ID, { nullable: true, description: 'The action of a discarded closing.' })
  actionId: string | null;

  @Field(() => String)
  reason: string;

  @Field(() => String, { nullable: true, description: 'The code the server refused the result with, as the phone reported it.' })
  refusalCode: string | null;

  @Field(() => ID)
  discardedById: string;

  @Field(() => GraphQLDateTime)
  discardedAt: Date;
}
