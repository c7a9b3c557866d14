import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { PLANNERS, SURVEY_IMPORTERS, SURVEY_READERS, type Grant } from '../access/roles.js';
import { Goal } from '../plan/plan.entities.js';
import { callerOf, principalOf, type GraphQLContext } from '../shared/context.js';
import type { ShownSurveyResult, SurveyEvidence, SurveyImport, SurveyPreview } from './survey.service.js';
import { GoalSurveyEvidenceView, UserSurveyImportInput, UserSurveyImportView, UserSurveyPreviewView, UserSurveyResultView } from './survey.types.js';

@Resolver()
export class SurveyResolver {
  @Authorized<Grant>(...SURVEY_IMPORTERS)
  @Query(() => UserSurveyPreviewView, { description: 'A dry run of importUserSurvey: the rows as they would be stored, and every problem. Writes nothing.' })
  userSurveyImportPreview(@Arg('input', () => UserSurveyImportInput) input: UserSurveyImportInput, @Ctx() ctx: GraphQLContext): Promise<SurveyPreview> {
    return ctx.services.surveys.preview(callerOf(ctx), input);
  }

  @Authorized<Grant>(...SURVEY_IMPORTERS)
  @Mutation(() => UserSurveyImportView, {
    description: "Imports a survey file for units in your scope, whole or not at all; a unit's question imported again is replaced.",
  })
  importUserSurvey(@Arg('input', () => UserSurveyImportInput) input: UserSurveyImportInput, @Ctx() ctx: GraphQLContext): Promise<SurveyImport> {
    return ctx.services.surveys.import(callerOf(ctx), input);
  }

  @Authorized<Grant>(...SURVEY_READERS)
  @Query(() => [UserSurveyResultView], { description: "A year's user-survey results in your scope, with the year before where the same survey had them." })
  userSurveyResults(
    @Arg('year', () => Int) year: number,
    @Arg('unitId', () => GraphQLUUID, { nullable: true }) unitId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ShownSurveyResult[]> {
    return ctx.services.surveys.results(callerOf(ctx), year, unitId ?? null);
  }

  @Authorized<Grant>(...PLANNERS)
  @Mutation(() => GoalSurveyEvidenceView, { description: "Cites a survey's question in a goal as evidence (the goal's writers)." })
  citeSurveyInGoal(
    @Arg('goalId', () => GraphQLUUID) goalId: string,
    @Arg('surveyId', () => GraphQLUUID) surveyId: string,
    @Arg('question', () => String) question: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SurveyEvidence> {
    return ctx.services.surveys.cite(callerOf(ctx), goalId, surveyId, question);
  }

  @Authorized<Grant>(...PLANNERS)
  @Mutation(() => Boolean, { description: 'Takes a cited survey question off a goal; false when it was not cited.' })
  removeSurveyEvidence(
    @Arg('goalId', () => GraphQLUUID) goalId: string,
    @Arg('surveyId', () => GraphQLUUID) surveyId: string,
    @Arg('question', () => String) question: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    return ctx.services.surveys.uncite(callerOf(ctx), goalId, surveyId, question);
  }
}

@Resolver(() => Goal)
export class GoalSurveyResolver {
  @FieldResolver(() => [GoalSurveyEvidenceView], { description: 'The user-survey questions the goal cites as evidence.' })
  surveyEvidence(@Root() goal: Goal, @Ctx() ctx: GraphQLContext): Promise<SurveyEvidence[]> {
    return ctx.services.surveys.evidenceOf(goal.id);
  }
}

@Resolver(() => GoalSurveyEvidenceView)
export class GoalSurveyEvidenceResolver {
  @FieldResolver(() => [UserSurveyResultView], { description: "The question's results for the goal's units in your scope." })
  results(@Root() evidence: GoalSurveyEvidenceView, @Ctx() ctx: GraphQLContext): Promise<ShownSurveyResult[]> {
    return ctx.services.surveys.evidenceResults(principalOf(ctx), evidence);
  }
}
