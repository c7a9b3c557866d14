import { isRiskAnswer } from './answer-conditions.js';
import { visibilityOf } from './answers.js';
import { ownProperties } from './json-reader.js';
import { allItems } from './template-definition.js';
import type { Answers, IdentifiedRisk, TemplateDefinition } from './template.types.js';

/**
 * The risks these answers identify: one per visible item whose answer passes its risk rule (one of
 * `when`, or a number test such as `atLeast`), in template order. The same rules run on the phone (to show
 * suggestions at once) and on the server (to store them), so the result depends only on the template and
 * the answers, never on their key order.
 * Suggested actions are copies, so a caller editing them cannot change the template.
 */
export function deriveRisks(def: TemplateDefinition, answers: Answers): IdentifiedRisk[] {
  const given = ownProperties(answers) ?? new Map<string, unknown>();
  // The answers are read once for visibility and risk alike: a batch of 500 reviews runs this 500 times.
  const visible = visibilityOf(def, given);
  const risks: IdentifiedRisk[] = [];
  for (const item of allItems(def)) {
    const rule = item.risk;
    if (rule === undefined || visible.get(item.key) !== true || !given.has(item.key)) continue;
    if (!isRiskAnswer(item, given.get(item.key))) continue;
    risks.push({
      itemKey: item.key,
      category: rule.category,
      severity: rule.severity,
      reportableToFireService: rule.reportableToFireService,
      suggestedActions: rule.suggestedActions.map((action) => ({
        key: action.key,
        text: { sv: action.text.sv, en: action.text.en },
        actor: action.actor,
      })),
    });
  }
  return risks;
}
