import { visibleItems, type Answers, type TemplateDefinition } from '@hjulet/domain';
import { principalOf } from '../auth/auth.service.js';
import type { Services } from '../services.js';
import type { Caller } from '../shared/context.js';
import type { User } from '../users/user.entity.js';

const DAY = 86_400_000;

/**
 * Answers to every visible item with its safe answer, except `risky`, answered with its risk answer. Two
 * passes: a risky controlling item makes its dependent items visible.
 */
function answersWith(def: TemplateDefinition, risky: readonly string[]): Answers {
  const answers: Answers = {};
  for (let pass = 0; pass < 2; pass++)
    for (const item of visibleItems(def, answers)) {
      if (!item.risk || !('when' in item.risk)) continue;
      const riskAnswer = item.risk.when[0] as string;
      answers[item.key] = risky.includes(item.key) ? riskAnswer : riskAnswer === 'yes' ? 'no' : 'yes';
    }
  return answers;
}

/**
 * The demo self-check (egenkontroll): Norr checks its own premises quarterly with the published checklist,
 * performed by its staff. Two checks are done this year: one with nothing found, the latest with a trip
 * hazard that the unit manager gave an action with owner and due date. Made through the service calls
 * the app makes.
 */
export async function seedDemoSelfChecks(
  services: Services,
  people: { managerNorr: User; staffNorr: User },
  template: { id: string; definition: TemplateDefinition },
  unitId: string,
  now: Date,
  requestId: string,
): Promise<void> {
  const as = (user: User): Caller => ({ principal: principalOf(user), requestId });
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const s = services.selfChecks;
  const plan = await s.createPlan(as(people.managerNorr), {
    unitId,
    templateVersionId: template.id,
    frequency: 'quarterly',
    performerRole: 'staff',
    firstDueOn: ago(120).toISOString().slice(0, 10),
  });
  await s.record(as(people.staffNorr), {
    clientId: '5c4e0000-0000-4000-8000-000000000001',
    planId: plan.id,
    answers: answersWith(template.definition, []),
    completedAt: ago(110),
  });
  const latest = await s.record(as(people.staffNorr), {
    clientId: '5c4e0000-0000-4000-8000-000000000002',
    planId: plan.id,
    answers: answersWith(template.definition, ['trip_hazards']),
    completedAt: ago(12),
  });
  const finding = latest.findings[0];
  if (finding)
    await s.addAction(as(people.managerNorr), finding.id, {
      what: 'Tejpa fast skarven i korridormattan vid personalingången.',
      ownerId: people.staffNorr.id,
      dueOn: new Date(now.getTime() + 14 * DAY).toISOString().slice(0, 10),
    });
}
