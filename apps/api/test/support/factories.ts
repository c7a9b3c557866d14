import { randomUUID } from 'node:crypto';
import { visibleItems, type Answers, type TemplateDefinition } from '@hjulet/domain';
import { safetyChecklistDefinition } from '../../src/seed/safety-template.js';

let template: TemplateDefinition | undefined;
/** The seed checklist, read once: factories build thousands of reviews in benchmarks. */
export const safetyTemplate = (): TemplateDefinition => (template ??= safetyChecklistDefinition() as TemplateDefinition);

/**
 * A complete set of answers to the safety checklist: every visible item answered safely, except the
 * items in `risky`, answered with their risk answer.
 */
export function completeAnswers(risky: string[] = [], template = safetyTemplate()): Answers {
  const answers: Answers = {};
  // Two passes: a risky controlling item (stove_forgotten) makes its dependent item visible.
  for (let pass = 0; pass < 2; pass++) {
    for (const item of visibleItems(template, answers)) {
      if (item.answerType === 'free_text' || !item.risk || !('when' in item.risk)) continue;
      const riskAnswer = item.risk.when[0] as string;
      answers[item.key] = risky.includes(item.key) ? riskAnswer : riskAnswer === 'yes' ? 'no' : 'yes';
    }
  }
  return answers;
}

export const answerList = (answers: Answers) =>
  Object.entries(answers).map(([itemKey, v]) => (typeof v === 'number' ? { itemKey, number: v } : { itemKey, value: v }));

/** A completed review as a phone sends it in submitReviews. */
export function reviewInput(recipientId: string, templateVersionId: string, overrides: Record<string, unknown> = {}) {
  const performedAt = new Date(Date.now() - 3600_000);
  return {
    clientId: randomUUID(),
    deviceId: 'test-phone',
    recipientId,
    templateVersionId,
    status: 'COMPLETED',
    answers: answerList(completeAnswers(['alarm_present', 'trip_hazards'])),
    consentToShareWithFireService: true,
    offeredAt: new Date(performedAt.getTime() - 600_000).toISOString(),
    performedAt: performedAt.toISOString(),
    actions: [],
    ...overrides,
  };
}

export const SUBMIT_REVIEWS = `
  mutation Submit($input: [ReviewInput!]!) {
    submitReviews(input: $input) {
      clientId index outcome
      review { id status recipientId risks { itemKey category severity } }
      error { code field message }
    }
  }`;
