import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ADMINS, PARTNERS, type Grant } from '../access/roles.js';
import { callerOf, partnerOf, type GraphQLContext } from '../shared/context.js';
import { RegisterPartnerClientInput } from './partner.inputs.js';
import { PartnerClientCredentialsView, PartnerClientView, PartnerSelfView } from './partner.types.js';

@Resolver()
export class PartnerResolver {
  @Authorized<Grant>(...ADMINS)
  @Query(() => [PartnerClientView], { description: "The municipality's partner clients, revoked ones included." })
  partnerClients(@Ctx() ctx: GraphQLContext): Promise<PartnerClientView[]> {
    return ctx.services.partners.list(callerOf(ctx));
  }

  @Authorized<Grant>(...ADMINS)
  @Mutation(() => PartnerClientCredentialsView, { description: 'Registers a partner client; the answer holds its secret, shown this once.' })
  registerPartnerClient(
    @Arg('input', () => RegisterPartnerClientInput) input: RegisterPartnerClientInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PartnerClientCredentialsView> {
    return ctx.services.partners.register(callerOf(ctx), input);
  }

  @Authorized<Grant>(...ADMINS)
  @Mutation(() => PartnerClientCredentialsView, { description: 'A new secret for the client; its tokens issued under the old one stop working at once.' })
  rotatePartnerClientSecret(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<PartnerClientCredentialsView> {
    return ctx.services.partners.rotate(callerOf(ctx), id);
  }

  @Authorized<Grant>(...ADMINS)
  @Mutation(() => PartnerClientView, { description: 'Revokes the client: no new tokens, and its tokens stop working at once. Not undone.' })
  revokePartnerClient(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<PartnerClientView> {
    return ctx.services.partners.revoke(callerOf(ctx), id);
  }

  @Authorized<Grant>(...PARTNERS)
  @Query(() => PartnerSelfView, { description: 'For partner tokens: the calling client, its scopes and areas.' })
  partnerSelf(@Ctx() ctx: GraphQLContext): Promise<PartnerSelfView> {
    return ctx.services.partners.self(partnerOf(ctx));
  }
}
