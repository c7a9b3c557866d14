import { describe, expect, it } from 'vitest';
import { parseRoute, pathOf, type Route } from '../../app/router.js';
import { formatValue, PLAN_MESSAGES } from './plan-messages.js';
import { PRIVACY_MESSAGES } from '../privacy/privacy-messages.js';

describe("the supervisors' routes", () => {
  it('reopen the same screen after a reload', () => {
    const routes: Route[] = [
      { name: 'quality', year: 2027 },
      { name: 'goal', goalId: '7d7f0b4e-1c2a-4b8e-9f00-0a1b2c3d4e5f' },
      { name: 'overdue' },
      { name: 'riskFollowUp', recipientId: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9' },
      { name: 'report', year: 2026 },
      { name: 'municipalComparison' },
      { name: 'templates' },
      { name: 'privacy' },
      { name: 'webhooks' },
      { name: 'feedbackCases' },
      { name: 'surveyImport' },
    ];
    for (const route of routes) expect(parseRoute(pathOf(route))).toEqual(route);
  });

  it('open the current year when none is named', () => {
    expect(parseRoute('/kvalitet')).toEqual({ name: 'quality', year: new Date().getFullYear() });
    expect(parseRoute('/kvalitet/rapport/x')).toEqual({ name: 'report', year: new Date().getFullYear() });
  });
});

describe("the supervisors' text", () => {
  it('has every Swedish key in English', () => {
    expect(Object.keys(PLAN_MESSAGES.en).sort()).toEqual(Object.keys(PLAN_MESSAGES.sv).sort());
    expect(Object.keys(PRIVACY_MESSAGES.en).sort()).toEqual(Object.keys(PRIVACY_MESSAGES.sv).sort());
  });

  it('shows shares as per cent and days as days, in the reader’s language', () => {
    expect(formatValue(0.925, 'COVERAGE', 'sv').replace(/\s/g, ' ')).toBe('92,5 %');
    expect(formatValue(0.925, 'COVERAGE', 'en')).toBe('92.5%');
    expect(formatValue(12.25, 'MEDIAN_DAYS_TO_CLOSE', 'sv')).toBe('12,3');
    expect(formatValue(null, 'COVERAGE', 'sv')).toBe('–');
  });
});
