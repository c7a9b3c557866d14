import type { FollowUpActionService } from '../followup/follow-up-action.service.js';
import type { Caller } from '../shared/context.js';
import type { PlanService } from './plan.service.js';
import { OverdueKind, type OverdueAction } from './plan.types.js';

/** Today in Sweden, as `YYYY-MM-DD`: an action due today is not overdue until tomorrow. */
export const swedishToday = (now = new Date()): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

/** Act: the overdue actions a unit manager (or coordinator) acts on, from risks and from goals, earliest due first. */
export class ActService {
  constructor(
    private readonly actions: FollowUpActionService,
    private readonly plan: PlanService,
  ) {}

  async overdue(caller: Caller, unitId?: string | undefined, now = new Date()): Promise<OverdueAction[]> {
    const today = swedishToday(now);
    const [risk, goal] = await Promise.all([
      this.actions.overdue(caller, today, unitId),
      this.plan.improvementActionsInScope(caller.principal, { openOnly: true, dueBefore: today, unitId }),
    ]);
    const rows: OverdueAction[] = [
      ...risk.map(({ action, recipientId }) => ({
        kind: OverdueKind.RISK_ACTION,
        id: action.id,
        what: action.what,
        unitId: action.unitId,
        ownerId: action.ownerId,
        dueDate: action.dueDate as string,
        reviewId: action.reviewId,
        recipientId,
        goalId: null,
        goalText: null,
      })),
      ...goal.map(({ action, goalId, goalText }) => ({
        kind: OverdueKind.IMPROVEMENT_ACTION,
        id: action.id,
        what: action.what,
        unitId: action.unitId,
        ownerId: action.ownerId,
        dueDate: action.dueDate,
        reviewId: null,
        recipientId: null,
        goalId,
        goalText,
      })),
    ];
    return rows.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  }
}
