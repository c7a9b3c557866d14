import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime, GraphQLUUID } from 'graphql-scalars';
import { ArrayMaxSize, ArrayMinSize, Length } from 'class-validator';
import type { WebhookEvent } from './webhook-events.js';
import type { DeliveryStatus } from './webhook.repository.js';

/** GraphQL names for the events; the values are the `type` the payload carries. */
export const WebhookEventEnum = {
  REFERRAL_CREATED: 'referral.created',
  STATISTICS_PERIOD_CLOSED: 'statistics.period_closed',
} as const satisfies Record<string, WebhookEvent>;
registerEnumType(WebhookEventEnum, {
  name: 'WebhookEvent',
  description: "An event a partner's endpoint can subscribe to; the payload's `type` is the value in each description.",
  valuesConfig: {
    REFERRAL_CREATED: { description: '`referral.created`: a consented referral in one of its areas (id, area, time; read the rest by API).' },
    STATISTICS_PERIOD_CLOSED: { description: '`statistics.period_closed`: a calendar month has closed; its statistics can be read.' },
  },
});

export const WebhookDeliveryStatusEnum = {
  PENDING: 'pending',
  DELIVERED: 'delivered',
  FAILED: 'failed',
  DEAD: 'dead',
} as const satisfies Record<string, DeliveryStatus>;
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  valuesConfig: {
    PENDING: { description: 'Queued, not tried yet.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'The last try failed; another is scheduled (exponential back-off).' },
    DEAD: { description: 'Every try failed (dead letter): only a redelivery sends it again.' },
  },
});

@ObjectType('WebhookEndpoint', { description: "A partner client's HTTPS endpoint for webhook events (admin only)." })
export class WebhookEndpointView {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  partnerClientId: string;

  @Field(() => String)
  partnerName: string;

  @Field(() => String)
  url: string;

  @Field(() => [WebhookEventEnum])
  events: WebhookEvent[];

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Set when removed: nothing more is sent to it.' })
  removedAt: Date | null;
}

@ObjectType('WebhookEndpointRegistration', { description: 'A new endpoint and its signing secret, shown this once.' })
export class WebhookEndpointRegistrationView {
  @Field(() => WebhookEndpointView)
  endpoint: WebhookEndpointView;

  @Field(() => String, { description: 'The Standard Webhooks secret (`whsec_…`). Shown this once: give it to the partner over a safe channel.' })
  secret: string;
}

@ObjectType('WebhookDelivery', { description: 'One event for one endpoint, with its tries (admin only).' })
export class WebhookDeliveryView {
  @Field(() => ID, { description: 'Also the `webhook-id` header: the same on every try and redelivery.' })
  id: string;

  @Field(() => ID)
  endpointId: string;

  @Field(() => String)
  partnerName: string;

  @Field(() => String)
  url: string;

  @Field(() => WebhookEventEnum)
  eventType: WebhookEvent;

  @Field(() => String, { description: 'What the event is about: the referral id, or the period (YYYY-MM).' })
  subject: string;

  @Field(() => WebhookDeliveryStatusEnum)
  status: DeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true, description: 'Why the last try failed (HTTP status or network error).' })
  lastError: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

@InputType()
export class RegisterWebhookEndpointInput {
  @Field(() => GraphQLUUID)
  partnerClientId: string;

  @Field(() => String, { description: 'https:// URL (http:// to 127.0.0.1 or localhost outside production, for tests).' })
  @Length(1, 2000)
  url: string;

  @Field(() => [WebhookEventEnum])
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  events: WebhookEvent[];
}
