import type {
  AnswerCondition as DomainCondition,
  NumberTest,
  RiskRule as DomainRiskRule,
  TemplateDefinition,
  TemplateItem as DomainItem,
} from '@hjulet/domain';
import { conditionsOf } from '@hjulet/domain';
import type { ActorEnum, AnswerTypeEnum, SeverityEnum, TemplateVersionStatusEnum } from '../shared/graphql-enums.js';
import type { AnswerCondition, RiskRule, TemplateItem, TemplateVersion } from './template.types.js';
import type { TemplateVersionRow } from './template.entities.js';

// Free text is optional unless a template says otherwise; every other item must be answered.
const isRequired = (item: DomainItem) => item.required ?? item.answerType !== 'free_text';

function numberTestView(test: NumberTest): Pick<RiskRule, 'atLeast' | 'atMost' | 'between'> {
  if ('atLeast' in test) return { atLeast: test.atLeast };
  if ('atMost' in test) return { atMost: test.atMost };
  return { between: { from: test.between[0], to: test.between[1] } };
}

function conditionView(condition: DomainCondition): AnswerCondition {
  const { itemKey } = condition;
  if ('equals' in condition) return { itemKey, equals: condition.equals.map(String) };
  if ('notEquals' in condition) return { itemKey, notEquals: condition.notEquals.map(String) };
  return { itemKey, ...numberTestView(condition) };
}

function riskView(rule: DomainRiskRule): RiskRule {
  const outcome = {
    category: rule.category,
    severity: rule.severity as SeverityEnum,
    reportableToFireService: rule.reportableToFireService,
    suggestedActions: rule.suggestedActions.map((a) => ({ ...a, actor: a.actor as ActorEnum })),
  };
  // `when` stays a non-null list for clients of the first format; a number rule shows it empty.
  return 'when' in rule ? { when: rule.when.map(String), ...outcome } : { when: [], ...numberTestView(rule), ...outcome };
}

function itemView(item: DomainItem): TemplateItem {
  const { showWhen, risk, ...rest } = item;
  return {
    ...rest,
    answerType: item.answerType as AnswerTypeEnum,
    integer: item.integer ?? false,
    required: isRequired(item),
    // The deprecated single-condition field is kept for its `equals` form only; `showWhenAll` says every form.
    ...(showWhen && 'equals' in showWhen ? { showWhen: { itemKey: showWhen.itemKey, equals: showWhen.equals.map(String) } } : {}),
    showWhenAll: showWhen ? conditionsOf(showWhen).map(conditionView) : [],
    ...(risk ? { risk: riskView(risk) } : {}),
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
