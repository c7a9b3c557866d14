import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject, GraphQLUUID } from 'graphql-scalars';
import { callerOf, principalOf, type GraphQLContext } from '../shared/context.js';
import { notFound } from '../shared/app-error.js';
import type { Principal } from '../auth/principal.js';
import { ChecklistTemplate, TemplateVersion } from './template.types.js';
import { templateVersionView } from './template-view.js';
import type { TemplateVersionRow } from './template.entities.js';
import { TEMPLATE_AUTHORS } from '../access/roles.js';
import type { Role } from '../users/user.entity.js';

// Drafts are work in progress of those who author templates; everyone else sees published versions.
const seesDrafts = (p: Principal) => p.role === 'quality_coordinator' || p.role === 'admin';
const visibleTo = (p: Principal) => (v: TemplateVersionRow) => v.status === 'published' || seesDrafts(p);

@Resolver()
export class TemplateResolver {
  @Authorized()
  @Query(() => [ChecklistTemplate])
  async templates(@Ctx() ctx: GraphQLContext): Promise<ChecklistTemplate[]> {
    const principal = principalOf(ctx);
    const all = await ctx.services.templates.list();
    return all.map(({ template, versions }) => {
      const shown = versions.filter(visibleTo(principal)).map(templateVersionView);
      return {
        id: template.id,
        key: template.key,
        title: { sv: template.titleSv, en: template.titleEn },
        versions: shown,
        latestPublished: shown.find((v) => v.publishedAt !== null) ?? null,
      };
    });
  }

  @Authorized()
  @Query(() => TemplateVersion)
  async templateVersion(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<TemplateVersion> {
    const row = await ctx.services.templates.versionById(id);
    if (!row || !visibleTo(principalOf(ctx))(row)) throw notFound('Template version', 'id');
    return templateVersionView(row);
  }

  @Authorized<Role>(...TEMPLATE_AUTHORS)
  @Mutation(() => TemplateVersion, { description: 'Imports a template definition (JSON) as its next version: a draft, or published at once.' })
  async importTemplate(
    @Arg('definition', () => GraphQLJSONObject) definition: Record<string, unknown>,
    @Arg('publish', () => Boolean, { defaultValue: false }) publish: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TemplateVersion> {
    return templateVersionView(await ctx.services.templates.importDefinition(callerOf(ctx), definition, publish));
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
