import DataLoader from 'dataloader';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { DataSource } from 'typeorm';
import { ReviewStatusEnum } from '../shared/graphql-enums.js';
import type { ReviewStatus } from '../reviews/review.records.js';

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

interface Latest {
  recipient_id: string;
  id: string;
  status: ReviewStatus;
  offered_at: Date;
  performed_at: Date | null;
}

/**
 * The most telling review per recipient in a period: a completed one if any, else the latest. One query
 * per (template, period) for a whole list of recipients.
 */
export function createPeriodReviewLoader(dataSource: DataSource) {
  return new DataLoader<PeriodKey, Latest | null, string>(
    async (keys) => {
      const groups = new Map<string, PeriodKey[]>();
      for (const key of keys) {
        const group = `${key.templateKey}|${key.from}|${key.to}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const found = new Map<string, Latest>();
      for (const [group, members] of groups) {
        const first = members[0] as PeriodKey;
        const rows: Latest[] = await dataSource.query(
          `SELECT DISTINCT ON (r.recipient_id) r.recipient_id, r.id, r.status, r.offered_at, r.performed_at
           FROM review r JOIN template_version v ON v.id = r.template_version_id JOIN checklist_template t ON t.id = v.template_id
           WHERE r.recipient_id = ANY($1::uuid[]) AND t.key = $2 AND r.offered_at >= $3::date AND r.offered_at < $4::date
           ORDER BY r.recipient_id, (r.status = 'completed') DESC, r.offered_at DESC`,
          [members.map((m) => m.recipientId), first.templateKey, first.from, first.to],
        );
        for (const row of rows) found.set(`${row.recipient_id}|${group}`, row);
      }
      return keys.map((k) => found.get(`${k.recipientId}|${k.templateKey}|${k.from}|${k.to}`) ?? null);
    },
    { cacheKeyFn: (k) => `${k.recipientId}|${k.templateKey}|${k.from}|${k.to}` },
  );
}
