import DataLoader from 'dataloader';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { ReviewStatusEnum } from '../shared/graphql-enums.js';
import type { ReviewStatus } from '../reviews/review.records.js';
import type { PeriodQuery, PeriodReview } from './care-recipient.repository.js';

@ObjectType({ description: "Where a care recipient's review of one template stands in a period." })
export class PeriodReviewStatus {
  @Field(() => String, { description: 'The period asked for, e.g. 2026.' })
  period: string;

  @Field(() => ReviewStatusEnum, { nullable: true, description: 'Null: not offered in the period.' })
  status: ReviewStatus | null;

  @Field(() => ID, { nullable: true })
  reviewId: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  offeredAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  performedAt: Date | null;
}

export interface PeriodKey {
  recipientId: string;
  templateKey: string;
  from: string;
  to: string;
}

/**
 * Where each recipient stands in a period, batched per request: one query per (template, period) for a
 * whole list of recipients, however many `reviewStatus` fields the list asks for.
 */
export function createPeriodReviewLoader(periodReviews: (q: PeriodQuery) => Promise<PeriodReview[]>) {
  return new DataLoader<PeriodKey, PeriodReview | null, string>(
    async (keys) => {
      const groups = new Map<string, PeriodKey[]>();
      for (const key of keys) {
        const group = `${key.templateKey}|${key.from}|${key.to}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const found = new Map<string, PeriodReview>();
      for (const [group, members] of groups) {
        const { templateKey, from, to } = members[0] as PeriodKey;
        const reviews = await periodReviews({ recipientIds: members.map((m) => m.recipientId), templateKey, from, to });
        for (const review of reviews) found.set(`${review.recipientId}|${group}`, review);
      }
      return keys.map((k) => found.get(`${k.recipientId}|${k.templateKey}|${k.from}|${k.to}`) ?? null);
    },
    { cacheKeyFn: (k) => `${k.recipientId}|${k.templateKey}|${k.from}|${k.to}` },
  );
}
