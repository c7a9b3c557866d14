import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject, GraphQLUUID } from 'graphql-scalars';
import { callerOf, principalOf, type GraphQLContext } from '../shared/context.js';
import { notFound } from '../shared/app-error.js';
import { ChecklistTemplate, TemplateVersion } from './template.types.js';
import { templateVersionView } from './template-view.js';
import { TEMPLATE_AUTHORS } from '../access/roles.js';
import type { Role } from '../users/user.entity.js';

@Resolver()
export class TemplateResolver {
  @Authorized()
  @Query(() => [ChecklistTemplate])
  async templates(@Ctx() ctx: GraphQLContext): Promise<ChecklistTemplate[]> {
    const all = await ctx.services.templates.list(principalOf(ctx));
    return all.map(({ template, versions }) => {
      const shown = versions.map(templateVersionView);
      return {
        id: template.id,
        key: template.key,
        administrationId: template.administrationId,
        title: { sv: template.titleSv, en: template.titleEn },
        versions: shown,
        latestPublished: shown.find((v) => v.publishedAt !== null) ?? null,
      };
    });
  }

  @Authorized()
  @Query(() => TemplateVersion)
  async templateVersion(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<TemplateVersion> {
    const row = await ctx.services.templates.visibleVersion(principalOf(ctx), id);
    if (!row) throw notFound('Template version', 'id');
    return templateVersionView(row);
  }

  @Authorized<Role>(...TEMPLATE_AUTHORS)
  @Mutation(() => TemplateVersion, { description: 'Imports a template definition (JSON) as its next version: a draft, or published at once.' })
  async importTemplate(
    @Arg('definition', () => GraphQLJSONObject) definition: Record<string, unknown>,
    @Arg('publish', () => Boolean, { defaultValue: false }) publish: boolean,
    @Arg('administrationId', () => GraphQLUUID, {
      nullable: true,
      description:
        "A new template's audience: the administration whose units get it. Omitted: the caller's own scope (a coordinator's administration, an admin's whole municipality). A new version keeps its template's audience.",
    })
    administrationId: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TemplateVersion> {
    return templateVersionView(await ctx.services.templates.importDefinition(callerOf(ctx), definition, publish, administrationId));
  }

  @Authorized<Role>(...TEMPLATE_AUTHORS)
  @Mutation(() => TemplateVersion)
  async updateTemplateDraft(
    @Arg('versionId', () => GraphQLUUID) versionId: string,
    @Arg('definition', () => GraphQLJSONObject) definition: Record<string, unknown>,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TemplateVersion> {
    return templateVersionView(await ctx.services.templates.replaceDraft(callerOf(ctx), versionId, definition));
  }

  @Authorized<Role>(...TEMPLATE_AUTHORS)
  @Mutation(() => TemplateVersion)
  async publishTemplateVersion(@Arg('versionId', () => GraphQLUUID) versionId: string, @Ctx() ctx: GraphQLContext): Promise<TemplateVersion> {
    return templateVersionView(await ctx.services.templates.publish(callerOf(ctx), versionId));
  }
}
