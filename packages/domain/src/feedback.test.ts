import { describe, expect, it } from 'vitest';
import {
  checkFeedbackAnswer,
  checkFeedbackContent,
  FEEDBACK_LIMITS,
  feedbackChangeProblem,
  feedbackDates,
  formatCaseNumber,
  isFeedbackOverdue,
  isKommunkod,
} from './feedback.js';

describe('feedback content', () => {
  it('keeps a message with no contact details, trimmed, blanks as absent', () => {
    expect(checkFeedbackContent({ message: '  Hemtjänsten kom för sent  ', contactName: ' ', contactEmail: '' })).toEqual({
      ok: true,
      value: { message: 'Hemtjänsten kom för sent', contactName: null, contactEmail: null, contactPhone: null },
    });
  });

  it('refuses an empty message and names the field', () => {
    const checked = checkFeedbackContent({ message: '   ' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems).toEqual([expect.objectContaining({ field: 'message', code: 'REQUIRED' })]);
  });

  it('refuses a message over the limit, counted in characters', () => {
    expect(checkFeedbackContent({ message: 'å'.repeat(FEEDBACK_LIMITS.messageMax) }).ok).toBe(true);
    const checked = checkFeedbackContent({ message: 'å'.repeat(FEEDBACK_LIMITS.messageMax + 1) });
    expect(checked.ok ? [] : checked.problems.map((p) => p.code)).toEqual(['TOO_LONG']);
  });

  it('refuses contact details that are not what they say, and reports every problem', () => {
    const checked = checkFeedbackContent({ message: 'Bra', contactEmail: 'inte en adress', contactPhone: 'ring mig' });
    expect(checked.ok ? [] : checked.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['contactEmail:INVALID', 'contactPhone:INVALID']);
  });

  it('accepts a Swedish phone number and an email address', () => {
    expect(checkFeedbackContent({ message: 'Tack', contactEmail: 'anna@example.se', contactPhone: '+46 70-123 45 67' }).ok).toBe(true);
  });
});

describe('the answer to a case', () => {
  it('needs both the answer and the findings', () => {
    const checked = checkFeedbackAnswer(' ', 'Utrett');
    expect(checked.ok ? [] : checked.problems.map((p) => p.field)).toEqual(['answer']);
    expect(checkFeedbackAnswer('Vi har ändrat rutinen', 'Schemat var fel')).toEqual({ ok: true, answer: 'Vi har ändrat rutinen', findings: 'Schemat var fel' });
  });

  it('cannot change an answered case', () => {
    expect(feedbackChangeProblem('answered')).not.toBeNull();
    expect(feedbackChangeProblem('received')).toBeNull();
    expect(feedbackChangeProblem('investigating')).toBeNull();
  });
});

describe('case numbers and deadlines', () => {
  it('formats a case number to read on the phone', () => {
    expect(formatCaseNumber(2026, 42)).toBe('SYN-2026-00042');
  });

  it('is due 14 days after the Swedish day of receipt, in the Swedish year', () => {
    expect(feedbackDates(new Date('2026-03-02T10:00:00Z'))).toEqual({ year: 2026, dueOn: '2026-03-16' });
    // 23:30 UTC on New Year's Eve is already 1 January in Sweden.
    expect(feedbackDates(new Date('2025-12-31T23:30:00Z'))).toEqual({ year: 2026, dueOn: '2026-01-15' });
  });

  it('is overdue after its deadline until it is answered', () => {
    expect(isFeedbackOverdue('received', '2026-03-16', '2026-03-16')).toBe(false);
    expect(isFeedbackOverdue('investigating', '2026-03-16', '2026-03-17')).toBe(true);
    expect(isFeedbackOverdue('answered', '2026-03-16', '2026-04-01')).toBe(false);
  });

  it('knows a kommunkod', () => {
    expect(isKommunkod('0581')).toBe(true);
    expect(isKommunkod('581')).toBe(false);
    expect(isKommunkod('05810')).toBe(false);
  });
});
