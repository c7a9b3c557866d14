import type { TemplateDefinition, TemplateItem as DomainItem } from '@hjulet/domain';
import type { ActorEnum, AnswerTypeEnum, SeverityEnum, TemplateVersionStatusEnum } from '../shared/graphql-enums.js';
import type { TemplateItem, TemplateVersion } from './template.types.js';
import type { TemplateVersionRow } from './template.entities.js';

// Free text is optional unless a template says otherwise; every other item must be answered.
const isRequired = (item: DomainItem) => item.required ?? item.answerType !== 'free_text';

function itemView(item: DomainItem): TemplateItem {
  return {
    ...item,
    answerType: item.answerType as AnswerTypeEnum,
    required: isRequired(item),
    // The typed view has only the first format's forms; notEquals, number tests and allOf are in `definition`.
    showWhen: item.showWhen && 'equals' in item.showWhen ? { itemKey: item.showWhen.itemKey, equals: item.showWhen.equals.map(String) } : undefined,
    risk: item.risk && {
      ...item.risk,
      when: 'when' in item.risk ? item.risk.when.map(String) : [],
      severity: item.risk.severity as SeverityEnum,
      suggestedActions: item.risk.suggestedActions.map((a) => ({ ...a, actor: a.actor as ActorEnum })),
    },
  };
}

/** A stored version as the GraphQL `TemplateVersion`. */
export function templateVersionView(row: TemplateVersionRow): TemplateVersion {
  const d: TemplateDefinition = row.definition;
  return {
    id: row.id,
    templateKey: d.key,
    version: row.version,
    status: row.status as TemplateVersionStatusEnum,
    title: d.title,
    ...(d.description ? { description: d.description } : {}),
    riskCategories: d.riskCategories,
    qualityDimensions: d.qualityDimensions,
    sections: d.sections.map((s) => ({ key: s.key, title: s.title, items: s.items.map(itemView) })),
    definition: d as unknown as Record<string, unknown>,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
  };
}
