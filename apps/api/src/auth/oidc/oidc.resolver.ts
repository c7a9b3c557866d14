import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { auditSource, type GraphQLContext } from '../../shared/context.js';
import { unauthenticated } from '../../shared/app-error.js';
import { AuthPayload } from '../auth.resolver.js';

@ObjectType({ description: 'How staff can sign in here: always with a local account; with the identity provider when one is configured.' })
class SignInOptions {
  @Field(() => String, { nullable: true, description: 'The identity provider\'s name for "Logga in med …"; null when none is configured.' })
  providerName: string | null;

  @Field(() => String, { nullable: true, description: 'Where the browser goes to sign in with the provider (a redirect).' })
  providerStartPath: string | null;
}

@ObjectType()
class EndSessionPayload {
  @Field(() => String, {
    nullable: true,
    description:
      "Where to send the browser so the identity provider's session ends too (RP-initiated logout); null when the session did not begin there or the provider has no end-session endpoint.",
  })
  providerLogoutUrl: string | null;
}

@Resolver()
export class OidcResolver {
  @Query(() => SignInOptions)
  signInOptions(@Ctx() ctx: GraphQLContext): SignInOptions {
    const oidc = ctx.services.oidc;
    return { providerName: oidc?.providerName ?? null, providerStartPath: oidc ? '/auth/oidc/start' : null };
  }

  @Mutation(() => AuthPayload, {
    description: 'Exchanges the one-time code the identity provider sign-in left (#oidc_code=…) for a session. Works once, for two minutes.',
  })
  completeSignIn(@Arg('code', () => String) code: string, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    const oidc = ctx.services.oidc;
    if (!oidc) throw unauthenticated('No identity provider is configured');
    return oidc.completeSignIn(auditSource(ctx), code.slice(0, 200));
  }

  @Mutation(() => EndSessionPayload, { description: "Ends this device's session, as logout, and says how to end the identity provider's session too." })
  async endSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: GraphQLContext): Promise<EndSessionPayload> {
    const token = refreshToken.slice(0, 200);
    // Looked up before the logout; a failing provider must not keep the session here alive.
    const providerLogoutUrl = ctx.services.oidc ? await ctx.services.oidc.providerLogoutUrl(token).catch(() => null) : null;
    await ctx.services.auth.logout(auditSource(ctx), token);
    return { providerLogoutUrl };
  }
}
