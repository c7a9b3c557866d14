import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { FEEDBACK_ANSWERERS, FEEDBACK_REGISTRARS, FEEDBACK_ROUTERS, type Grant } from '../access/roles.js';
import { auditSource, callerOf, type GraphQLContext } from '../shared/context.js';
import type { FeedbackCase, FeedbackReceipt } from './feedback.service.js';
import { FeedbackCaseFilter, FeedbackCaseView, FeedbackReceiptView, FeedbackUnitView, RegisterFeedbackInput, SubmitFeedbackInput } from './feedback.types.js';

@Resolver()
export class FeedbackResolver {
  // Public on purpose: a care recipient or relative has no login. Limited per address (feedback-throttle.ts).
  @Query(() => [FeedbackUnitView], { description: "Public: the municipality's units (id and name) for the feedback form." })
  feedbackUnits(
    @Arg('municipality', () => String, { description: 'The four-digit kommunkod.' }) municipality: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FeedbackUnitView[]> {
    return ctx.services.feedback.publicUnits(municipality);
  }

  // Public on purpose, and a write: admission keeps it in the write lane (OPEN_WRITE_FIELDS).
  @Mutation(() => FeedbackReceiptView, {
    description: 'Public: a complaint, suggestion, praise or other feedback, with no login. Answers the case number. Contact details are optional.',
  })
  submitFeedback(@Arg('input', () => SubmitFeedbackInput) input: SubmitFeedbackInput, @Ctx() ctx: GraphQLContext): Promise<FeedbackReceipt> {
    return ctx.services.feedback.submit(auditSource(ctx), ctx.clientAddress, input);
  }

  @Authorized<Grant>(...FEEDBACK_REGISTRARS)
  @Mutation(() => FeedbackReceiptView, { description: 'Feedback received by phone, on paper or in person; the same case numbers as the form.' })
  registerFeedback(@Arg('input', () => RegisterFeedbackInput) input: RegisterFeedbackInput, @Ctx() ctx: GraphQLContext): Promise<FeedbackReceipt> {
    return ctx.services.feedback.register(callerOf(ctx), input);
  }

  @Authorized<Grant>(...FEEDBACK_REGISTRARS)
  @Query(() => [FeedbackCaseView], {
    description: "Feedback cases in your scope, newest first: your unit's, your administration's and unrouted ones (coordinators), or all (admins).",
  })
  feedbackCases(
    @Arg('filter', () => FeedbackCaseFilter, { nullable: true }) filter: FeedbackCaseFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FeedbackCase[]> {
    return ctx.services.feedback.cases(callerOf(ctx), filter);
  }

  @Authorized<Grant>(...FEEDBACK_ROUTERS)
  @Mutation(() => FeedbackCaseView, { description: 'Makes a unit responsible for a case; its status becomes INVESTIGATING.' })
  routeFeedback(@Arg('id', () => GraphQLUUID) id: string, @Arg('unitId', () => GraphQLUUID) unitId: string, @Ctx() ctx: GraphQLContext): Promise<FeedbackCase> {
    return ctx.services.feedback.route(callerOf(ctx), id, unitId);
  }

  @Authorized<Grant>(...FEEDBACK_ANSWERERS)
  @Mutation(() => FeedbackCaseView, { description: 'Records what the investigation found and the answer given; closes the case (ANSWERED).' })
  answerFeedback(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('answer', () => String) answer: string,
    @Arg('findings', () => String) findings: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FeedbackCase> {
    return ctx.services.feedback.answer(callerOf(ctx), id, answer, findings);
  }
}
