import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ADMINS, type Grant } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import type { DeliveryStatus } from './webhook.repository.js';
import {
  RegisterWebhookEndpointInput,
  WebhookDeliveryStatusEnum,
  WebhookDeliveryView,
  WebhookEndpointRegistrationView,
  WebhookEndpointView,
} from './webhook.types.js';

@Resolver()
export class WebhookResolver {
  @Authorized<Grant>(...ADMINS)
  @Query(() => [WebhookEndpointView], { description: "The municipality's partner webhook endpoints, removed ones included." })
  webhookEndpoints(@Ctx() ctx: GraphQLContext): Promise<WebhookEndpointView[]> {
    return ctx.services.webhooks.endpoints(callerOf(ctx));
  }

  @Authorized<Grant>(...ADMINS)
  @Query(() => [WebhookDeliveryView], { description: 'Webhook deliveries, newest first, optionally of one status.' })
  webhookDeliveries(
    @Arg('status', () => WebhookDeliveryStatusEnum, { nullable: true }) status: DeliveryStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: '1 to 200.' }) first: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookDeliveryView[]> {
    return ctx.services.webhooks.deliveries(callerOf(ctx), status, first);
  }

  @Authorized<Grant>(...ADMINS)
  @Mutation(() => WebhookEndpointRegistrationView, {
    description: "Registers a partner client's endpoint; the answer holds its signing secret, shown this once.",
  })
  registerWebhookEndpoint(
    @Arg('input', () => RegisterWebhookEndpointInput) input: RegisterWebhookEndpointInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookEndpointRegistrationView> {
    return ctx.services.webhooks.register(callerOf(ctx), input);
  }

  @Authorized<Grant>(...ADMINS)
  @Mutation(() => WebhookEndpointView, { description: 'Removes an endpoint: nothing more is sent to it, queued deliveries included.' })
  removeWebhookEndpoint(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<WebhookEndpointView> {
    return ctx.services.webhooks.remove(callerOf(ctx), id);
  }

  @Authorized<Grant>(...ADMINS)
  @Mutation(() => WebhookDeliveryView, { description: 'Sends a delivered or dead delivery again, with the same webhook-id and a new round of tries.' })
  redeliverWebhook(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<WebhookDeliveryView> {
    return ctx.services.webhooks.redeliver(callerOf(ctx), id);
  }
}
