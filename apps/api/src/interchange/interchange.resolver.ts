import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject, GraphQLUUID } from 'graphql-scalars';
import { REVIEW_EXPORTERS, TEMPLATE_AUTHORS } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { templateVersionView } from '../templates/template-view.js';
import type { Role } from '../users/user.entity.js';
import type { FhirJson } from './fhir-questionnaire.js';
import { ExportedFile, ImportXlsFormInput, XlsFormImport } from './interchange.types.js';

@Resolver()
export class InterchangeResolver {
  @Authorized<Role>(...TEMPLATE_AUTHORS)
  @Mutation(() => XlsFormImport, {
    description:
      'Imports an XLSForm (ODK, KoboToolbox) as the next version of the template named by its form_id. Nothing is written unless the whole file is good; docs/interchange.md.',
  })
  async importXlsForm(@Arg('input', () => ImportXlsFormInput) input: ImportXlsFormInput, @Ctx() ctx: GraphQLContext): Promise<XlsFormImport> {
    const { version, warnings } = await ctx.services.interchange.importXlsForm(callerOf(ctx), input.fileBase64, input.publish, input.administrationId);
    return { templateVersion: templateVersionView(version), warnings };
  }

  @Authorized<Role>(...TEMPLATE_AUTHORS)
  @Query(() => ExportedFile, { description: 'A template version as an XLSForm workbook (.xlsx, base64).' })
  templateVersionXlsForm(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<ExportedFile> {
    return ctx.services.interchange.xlsForm(callerOf(ctx), id);
  }

  @Authorized<Role>(...TEMPLATE_AUTHORS)
  @Query(() => GraphQLJSONObject, { description: 'A template version as an HL7 FHIR R4 Questionnaire (JSON).' })
  templateVersionQuestionnaire(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<FhirJson> {
    return ctx.services.interchange.questionnaire(callerOf(ctx), id);
  }

  @Authorized<Role>(...REVIEW_EXPORTERS)
  @Query(() => GraphQLJSONObject, {
    description: 'A review in your scope as a de-identified HL7 FHIR R4 QuestionnaireResponse (no subject, author or free text). An audited read.',
  })
  reviewQuestionnaireResponse(@Arg('reviewId', () => GraphQLUUID) reviewId: string, @Ctx() ctx: GraphQLContext): Promise<FhirJson> {
    return ctx.services.interchange.questionnaireResponse(callerOf(ctx), reviewId);
  }
}
