import { describe, expect, it } from 'vitest';
import { addMonths, checkSelfCheckAction, checkSelfCheckPlan, plannedSelfChecks, selfCheckDueOn, selfCheckFindings, selfCheckState } from './self-checks.js';
import { buildTemplate } from './test-template.factory.js';

const complete = { alarm_present: 'yes', stove_forgotten: 'no', falls_last_year: 0, short_note: 'ok' };

describe('adding months', () => {
  it('keeps the day, or takes the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-08-31', 12)).toBe('2027-08-31');
  });
});

describe('when a self-check is due', () => {
  const quarterly = { firstDueOn: '2026-03-01', frequency: 'quarterly' as const };

  it("is the plan's first date until a check is done", () => {
    expect(selfCheckDueOn(quarterly, null)).toBe('2026-03-01');
  });

  it('is one interval after the last check, also when that check was late', () => {
    expect(selfCheckDueOn(quarterly, '2026-03-20')).toBe('2026-06-20');
    expect(selfCheckDueOn({ ...quarterly, frequency: 'half_yearly' }, '2026-03-20')).toBe('2026-09-20');
    expect(selfCheckDueOn({ ...quarterly, frequency: 'yearly' }, '2026-03-20')).toBe('2027-03-20');
    expect(selfCheckDueOn({ ...quarterly, frequency: 'monthly' }, '2026-03-20')).toBe('2026-04-20');
  });

  it('is overdue the day after its date, due two weeks before, and not due earlier', () => {
    expect(selfCheckState('2026-03-01', '2026-03-02')).toBe('overdue');
    expect(selfCheckState('2026-03-01', '2026-03-01')).toBe('due');
    expect(selfCheckState('2026-03-01', '2026-02-15')).toBe('due');
    expect(selfCheckState('2026-03-01', '2026-02-14')).toBe('not_due');
  });
});

describe('checks planned in a year', () => {
  const year = ['2026-01-01', '2027-01-01'] as const;
  it('are the dates of the plan that fall in the range', () => {
    expect(plannedSelfChecks({ firstDueOn: '2026-01-31', frequency: 'monthly' }, ...year)).toBe(12);
    expect(plannedSelfChecks({ firstDueOn: '2026-02-01', frequency: 'quarterly' }, ...year)).toBe(4);
    expect(plannedSelfChecks({ firstDueOn: '2026-02-01', frequency: 'half_yearly' }, ...year)).toBe(2);
    expect(plannedSelfChecks({ firstDueOn: '2026-06-01', frequency: 'yearly' }, ...year)).toBe(1);
  });

  it('count only from the first date, and none before it', () => {
    expect(plannedSelfChecks({ firstDueOn: '2026-11-01', frequency: 'monthly' }, ...year)).toBe(2);
    expect(plannedSelfChecks({ firstDueOn: '2027-02-01', frequency: 'monthly' }, ...year)).toBe(0);
    expect(plannedSelfChecks({ firstDueOn: '2025-12-15', frequency: 'quarterly' }, ...year)).toBe(4);
  });
});

describe('a plan and an action', () => {
  it('name who performs: a role or a user, exactly one', () => {
    expect(checkSelfCheckPlan({ performerRole: 'staff' })).toEqual([]);
    expect(checkSelfCheckPlan({ performerId: 'u' })).toEqual([]);
    expect(checkSelfCheckPlan({}).map((p) => p.field)).toEqual(['performerRole']);
    expect(checkSelfCheckPlan({ performerRole: 'staff', performerId: 'u' }).map((p) => p.code)).toEqual(['INVALID']);
  });

  it('needs what is to be done, trimmed and not too long', () => {
    expect(checkSelfCheckAction('  Byt batterier ')).toEqual({ ok: true, what: 'Byt batterier' });
    expect(checkSelfCheckAction(' ')).toMatchObject({ ok: false, problems: [{ code: 'REQUIRED' }] });
    expect(checkSelfCheckAction('x'.repeat(1001))).toMatchObject({ ok: false, problems: [{ code: 'TOO_LONG' }] });
  });
});

describe('the findings of a self-check', () => {
  it("are the template's risk answers, by the rules a review uses", () => {
    const checked = selfCheckFindings(buildTemplate(), { ...complete, alarm_present: 'no', stove_forgotten: 'yes', stove_guard: 'yes', guard_model: 'heat' });
    expect(checked).toMatchObject({
      ok: true,
      findings: [
        { itemKey: 'alarm_present', category: 'brand', severity: 'high' },
        { itemKey: 'stove_forgotten', category: 'brand', severity: 'medium' },
      ],
    });
  });

  it('are none when nothing is wrong', () => {
    expect(selfCheckFindings(buildTemplate(), complete)).toEqual({ ok: true, answers: complete, findings: [] });
  });

  it('need every visible required answer, and refuse unknown ones', () => {
    const checked = selfCheckFindings(buildTemplate(), { ...complete, stove_forgotten: 'yes', nonsense: 'x' });
    expect(checked.ok ? [] : checked.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['answers.stove_guard:REQUIRED', 'answers.nonsense:UNKNOWN_ITEM']);
  });
});
