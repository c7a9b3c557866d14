import { Arg, Args, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ADMINS } from '../../access/roles.js';
import { auditSource, callerOf, type GraphQLContext } from '../../shared/context.js';
import type { Role } from '../../users/user.entity.js';
import { AuthPayload } from '../auth.resolver.js';
import {
  FinishPasskeyRegistrationArgs,
  Passkey,
  PasskeyAnswerArgs,
  PasskeyRegistration,
  SecondFactorOverviewType,
  SecondFactorStep,
  SignInArgs,
  TotpAnswerArgs,
  TotpEnrolment,
} from './second-factor.types.js';

@ObjectType({ description: 'A sign-in with email and password: the session, or the second-factor step it waits for (exactly one is set).' })
export class SignInResult {
  @Field(() => AuthPayload, { nullable: true })
  session: AuthPayload | null;

  @Field(() => SecondFactorStep, { nullable: true })
  secondStep: SecondFactorStep | null;
}

/** Sign-in with a second factor, the user's own passkeys and TOTP, and the admin's reset and policy. */
@Resolver()
export class SecondFactorResolver {
  @Mutation(() => SignInResult, { description: 'Email and password; a session at once, or the second-factor step when the account has (or must enrol) one.' })
  async signIn(@Args(() => SignInArgs) { email, password }: SignInArgs, @Ctx() ctx: GraphQLContext): Promise<SignInResult> {
    const outcome = await ctx.services.secondFactor.signIn(auditSource(ctx), email, password, ctx.clientAddress);
    return 'session' in outcome ? { session: outcome.session, secondStep: null } : { session: null, secondStep: outcome.secondStep };
  }

  @Mutation(() => AuthPayload, { description: 'Finishes a sign-in with a code from the authenticator app (one step either side accepted, each code once).' })
  completeSignInWithTotp(@Args(() => TotpAnswerArgs) { challenge, code }: TotpAnswerArgs, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    return ctx.services.secondFactor.completeWithTotp(auditSource(ctx), challenge, code, ctx.clientAddress);
  }

  @Mutation(() => AuthPayload, { description: 'Finishes a sign-in with a passkey (or, when enrolling at sign-in, registers it).' })
  completeSignInWithPasskey(@Args(() => PasskeyAnswerArgs) { challenge, response }: PasskeyAnswerArgs, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    return ctx.services.secondFactor.completeWithPasskey(auditSource(ctx), challenge, response, ctx.clientAddress);
  }

  @Mutation(() => TotpEnrolment, { description: 'At a sign-in that must enrol: a new TOTP secret; finish with completeSignInWithTotp.' })
  beginTotpEnrolmentAtSignIn(@Arg('challenge', () => String) challenge: string, @Ctx() ctx: GraphQLContext): Promise<TotpEnrolment> {
    return ctx.services.secondFactor.beginTotpEnrolmentAtSignIn(challenge.slice(0, 200));
  }

  @Mutation(() => String, { description: 'At a sign-in that must enrol: WebAuthn creation options (JSON); finish with completeSignInWithPasskey.' })
  beginPasskeyRegistrationAtSignIn(@Arg('challenge', () => String) challenge: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.services.secondFactor.beginPasskeyRegistrationAtSignIn(challenge.slice(0, 200));
  }

  @Authorized()
  @Query(() => SecondFactorOverviewType, { description: "The caller's second factors." })
  mySecondFactors(@Ctx() ctx: GraphQLContext): Promise<SecondFactorOverviewType> {
    return ctx.services.secondFactor.overview(callerOf(ctx));
  }

  @Authorized()
  @Mutation(() => TotpEnrolment, { description: 'A new TOTP secret for the caller, shown this once; confirm it with a code.' })
  beginTotpEnrolment(@Ctx() ctx: GraphQLContext): Promise<TotpEnrolment> {
    return ctx.services.secondFactor.beginTotpEnrolment(callerOf(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Turns TOTP on with a code from the app; counted like a login attempt.' })
  confirmTotpEnrolment(@Arg('code', () => String) code: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.secondFactor.confirmTotpEnrolment(callerOf(ctx), code.slice(0, 12), ctx.clientAddress);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Turns the caller's TOTP off (false when it was not on)." })
  removeTotp(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.secondFactor.removeTotp(callerOf(ctx));
  }

  @Authorized()
  @Mutation(() => PasskeyRegistration)
  beginPasskeyRegistration(@Ctx() ctx: GraphQLContext): Promise<PasskeyRegistration> {
    return ctx.services.secondFactor.beginPasskeyRegistration(callerOf(ctx));
  }

  @Authorized()
  @Mutation(() => Passkey)
  finishPasskeyRegistration(@Args(() => FinishPasskeyRegistrationArgs) args: FinishPasskeyRegistrationArgs, @Ctx() ctx: GraphQLContext): Promise<Passkey> {
    return ctx.services.secondFactor.finishPasskeyRegistration(callerOf(ctx), args.registrationId, args.response, args.label.trim() || 'Passkey');
  }

  @Authorized()
  @Mutation(() => Boolean)
  removePasskey(@Arg('id', () => String) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.secondFactor.removePasskey(callerOf(ctx), id.slice(0, 1400));
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => Boolean, {
    description: 'Removes every second factor of the user (a lost phone or key); they enrol again at their next sign-in if required.',
  })
  resetSecondFactors(@Arg('userId', () => GraphQLUUID) userId: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.secondFactor.resetSecondFactors(callerOf(ctx), userId);
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => SecondFactorOverviewType, { description: 'Requires (or stops requiring) a second factor of every local account of the municipality.' })
  setSecondFactorRequired(@Arg('required', () => Boolean) required: boolean, @Ctx() ctx: GraphQLContext): Promise<SecondFactorOverviewType> {
    return ctx.services.secondFactor.setRequired(callerOf(ctx), required);
  }
}
