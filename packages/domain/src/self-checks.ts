import { validateAnswers } from './answers.js';
import { epochDayOf, formatIsoDate, parseIsoDate } from './calendar.js';
import { deriveRisks } from './risks.js';
import type { Answers, TemplateDefinition, ValidationIssue } from './template.types.js';
import type { Severity } from './vocabulary.js';

/*
 * Self-checks (egenkontroll, SOSFS 2011:9 ch. 5 § 2): a unit checks its own work, or one of its processes,
 * against a checklist on a schedule. The checklist is any published template, so the answers are checked
 * and their findings derived by the very rules a review of a person uses; a finding is of the unit, not of
 * anyone, and never counts in a person's indicators. Pure, so the phone and the server agree.
 */

export const SELF_CHECK_FREQUENCIES = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type SelfCheckFrequency = (typeof SELF_CHECK_FREQUENCIES)[number];

/** Months between two checks. */
export const SELF_CHECK_MONTHS: Readonly<Record<SelfCheckFrequency, number>> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

export const SELF_CHECK_STATES = ['not_due', 'due', 'overdue'] as const;
export type SelfCheckState = (typeof SELF_CHECK_STATES)[number];

/** A check becomes due this many days before its date: two weeks is time enough to plan a monthly round. */
export const SELF_CHECK_DUE_SOON_DAYS = 14;

/** The roles a plan may name as its performer: those who do the care work. */
export const SELF_CHECK_PERFORMER_ROLES = ['staff', 'unit_manager', 'quality_coordinator'] as const;
export type SelfCheckPerformerRole = (typeof SELF_CHECK_PERFORMER_ROLES)[number];

export const SELF_CHECK_LIMITS = { actionMax: 1000 } as const;

export interface SelfCheckProblem {
  field: string;
  code: 'REQUIRED' | 'TOO_LONG' | 'INVALID';
  message: string;
}

/**
 * `date` (YYYY-MM-DD) plus whole months; a day the target month lacks becomes its last day (31 January
 * plus one month is 28 or 29 February), as a person would read "a month later".
 */
export function addMonths(date: string, months: number): string {
  const day = parseIsoDate(date);
  if (day === null) throw new RangeError(`not a date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  for (let candidate = d; candidate >= 28; candidate--) {
    const found = epochDayOf(year, month, candidate);
    if (found !== null) return formatIsoDate(found);
  }
  return formatIsoDate(epochDayOf(year, month, d) as number);
}

/**
 * When the next check is due: the plan's first date until a check is done, then one interval after the
 * last check's day. Counting from the check actually done (not from the planned date) keeps the interval
 * between two checks what the plan says, also when one was late.
 */
export function selfCheckDueOn(plan: { firstDueOn: string; frequency: SelfCheckFrequency }, lastDoneOn: string | null): string {
  return lastDoneOn === null ? plan.firstDueOn : addMonths(lastDoneOn, SELF_CHECK_MONTHS[plan.frequency]);
}

/** Overdue past the due date, due within SELF_CHECK_DUE_SOON_DAYS of it, else not yet due; `today` is the Swedish day. */
export function selfCheckState(dueOn: string, today: string): SelfCheckState {
  if (today > dueOn) return 'overdue';
  const dueDay = parseIsoDate(dueOn) as number;
  return today >= formatIsoDate(dueDay - SELF_CHECK_DUE_SOON_DAYS) ? 'due' : 'not_due';
}

/**
 * How many checks the plan schedules in the half-open range of days [from, to): its first date and every
 * interval after it that falls in the range. The quality report sets this against the checks done.
 */
export function plannedSelfChecks(plan: { firstDueOn: string; frequency: SelfCheckFrequency }, from: string, to: string): number {
  const step = SELF_CHECK_MONTHS[plan.frequency];
  let count = 0;
  for (let k = 0; ; k++) {
    const due = addMonths(plan.firstDueOn, k * step);
    if (due >= to) return count;
    if (due >= from) count++;
  }
}

/** Checks a plan's performer and first date: a role or a named user, one of them. */
export function checkSelfCheckPlan(input: { performerRole?: string | null | undefined; performerId?: string | null | undefined }): SelfCheckProblem[] {
  const role = input.performerRole ?? null;
  const user = input.performerId ?? null;
  if ((role === null) === (user === null))
    return [{ field: 'performerRole', code: 'INVALID', message: 'Name who performs the check: a role or a user, one of them' }];
  return [];
}

/** Checks an action on a finding: what is to be done, trimmed, required, at most SELF_CHECK_LIMITS.actionMax characters. */
export function checkSelfCheckAction(what: string): { ok: true; what: string } | { ok: false; problems: SelfCheckProblem[] } {
  const trimmed = what.trim();
  if (trimmed === '') return { ok: false, problems: [{ field: 'what', code: 'REQUIRED', message: 'Say what is to be done' }] };
  if ([...trimmed].length > SELF_CHECK_LIMITS.actionMax)
    return { ok: false, problems: [{ field: 'what', code: 'TOO_LONG', message: `what is longer than ${SELF_CHECK_LIMITS.actionMax} characters` }] };
  return { ok: true, what: trimmed };
}

export interface SelfCheckFinding {
  itemKey: string;
  category: string;
  severity: Severity;
}

/**
 * A completed self-check's answers, checked as a completed review's are, and the findings they give: the
 * template's risk rules, one finding per item answered with a risk answer. Every issue is returned, so
 * the phone can mark them all at once.
 */
export function selfCheckFindings(
  def: TemplateDefinition,
  answers: unknown,
): { ok: true; answers: Answers; findings: SelfCheckFinding[] } | { ok: false; issues: ValidationIssue[] } {
  const issues = validateAnswers(def, answers, 'complete');
  if (issues.length > 0) return { ok: false, issues };
  const valid = answers as Answers;
  const findings = deriveRisks(def, valid).map((r) => ({ itemKey: r.itemKey, category: r.category, severity: r.severity }));
  return { ok: true, answers: valid, findings };
}
