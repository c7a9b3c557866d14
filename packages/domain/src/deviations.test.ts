import { describe, expect, it } from 'vitest';
import {
  checkDeviationInvestigation,
  checkDeviationReport,
  deviationDeadlines,
  deviationStepProblem,
  isDeviationOverdue,
  ivoNotification,
  mayReadDeviationContent,
  mayReceiveLexSarah,
} from './deviations.js';

const now = new Date('2026-03-10T10:00:00Z');

describe('a deviation report', () => {
  it('is trimmed, and a missförhållande is always a lex Sarah report', () => {
    const checked = checkDeviationReport({ kind: 'missforhallande', lexSarah: false, occurredAt: now, description: ' Hände ', immediateAction: ' ' }, now);
    expect(checked).toEqual({ ok: true, value: { kind: 'missforhallande', lexSarah: true, occurredAt: now, description: 'Hände', immediateAction: null } });
  });

  it('needs what happened, and a time that is not in the future', () => {
    const checked = checkDeviationReport({ kind: 'fall', lexSarah: false, occurredAt: new Date('2026-03-11T10:00:00Z'), description: '  ' }, now);
    expect(checked.ok ? [] : checked.problems.map((p) => p.field)).toEqual(['description', 'occurredAt']);
  });
});

describe('an investigation', () => {
  it('needs findings, a cause, and words for an other cause', () => {
    const checked = checkDeviationInvestigation({ findings: '', causes: [] });
    expect(checked.ok ? [] : checked.problems.map((p) => p.field)).toEqual(['findings', 'causes']);
    const other = checkDeviationInvestigation({ findings: 'x', causes: ['other'] });
    expect(other.ok ? [] : other.problems.map((p) => p.field)).toEqual(['causeDescription']);
  });
});

describe('deadlines', () => {
  it('run from the Swedish day of receipt: two weeks to investigate, four to close', () => {
    // 23:30 UTC on 9 March is 00:30 on 10 March in Sweden.
    expect(deviationDeadlines(new Date('2026-03-09T23:30:00Z'))).toEqual({ investigateBy: '2026-03-24', closeBy: '2026-04-07' });
  });

  it('are overdue only past the deadline the case waits on', () => {
    const d = { investigateBy: '2026-03-24', closeBy: '2026-04-07' };
    expect(isDeviationOverdue('received', d, '2026-03-24')).toBe(false);
    expect(isDeviationOverdue('received', d, '2026-03-25')).toBe(true);
    expect(isDeviationOverdue('investigated', d, '2026-03-25')).toBe(false);
    expect(isDeviationOverdue('closed', d, '2030-01-01')).toBe(false);
  });

  it('go received → investigated → closed', () => {
    expect(deviationStepProblem('received', 'close')).not.toBeNull();
    expect(deviationStepProblem('investigated', 'close')).toBeNull();
    expect(deviationStepProblem('closed', 'investigate')).not.toBeNull();
  });
});

describe('who reads a report', () => {
  it('a lex Sarah report: only the designated group, not its reporter or a manager in scope', () => {
    const report = { lexSarah: true, reportedBy: 'u1' };
    expect(mayReadDeviationContent(report, { userId: 'u1', lexSarahReceiver: false, inScope: true })).toBe(false);
    expect(mayReadDeviationContent(report, { userId: 'u2', lexSarahReceiver: true, inScope: false })).toBe(true);
  });

  it('another deviation: its reporter and those in scope', () => {
    const report = { lexSarah: false, reportedBy: 'u1' };
    expect(mayReadDeviationContent(report, { userId: 'u1', lexSarahReceiver: false, inScope: false })).toBe(true);
    expect(mayReadDeviationContent(report, { userId: 'u2', lexSarahReceiver: true, inScope: false })).toBe(false);
  });
});

it('the IVO notification is prefilled from the case', () => {
  const doc = ivoNotification({
    municipalityName: 'Norrköping',
    unitName: 'Hemtjänst Norr',
    caseReference: 'abc',
    kind: 'missforhallande',
    occurredAt: now,
    receivedAt: now,
    description: 'Beskrivning',
    immediateAction: 'Åtgärd',
    findings: 'Fynd',
    causes: ['information'],
    causeDescription: null,
    actions: [{ what: 'Utbilda', dueOn: '2026-04-01', status: 'open' }],
    contactName: 'Maria',
  });
  const text = doc.sections.map((s) => `${s.heading}\n${s.body}`).join('\n');
  for (const part of ['Norrköping, Hemtjänst Norr', 'Beskrivning', 'Åtgärd', 'Fynd', 'Information och kommunikation', 'Utbilda (senast 2026-04-01)', 'Maria'])
    expect(text).toContain(part);
});

describe('the lex Sarah group', () => {
  it('takes active unit managers and quality coordinators, and no one else', () => {
    expect(mayReceiveLexSarah({ role: 'unit_manager', active: true })).toBe(true);
    expect(mayReceiveLexSarah({ role: 'quality_coordinator', active: true })).toBe(true);
    expect(mayReceiveLexSarah({ role: 'quality_coordinator', active: false })).toBe(false);
    for (const role of ['staff', 'admin', null]) expect(mayReceiveLexSarah({ role, active: true })).toBe(false);
  });
});
