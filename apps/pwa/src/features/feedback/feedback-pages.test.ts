import { describe, expect, it } from 'vitest';
import { feedbackPageOf } from '../../app/public-pages.js';
import { GraphQLRequestError } from '../../sync/graphql-client.js';
import { contentInput, EMPTY_CONTENT, inFormOrder, problemsBeforeSending, sendFailureOf } from './feedback-api.js';
import { FEEDBACK_MESSAGES } from './feedback-messages.js';

describe('the public feedback page', () => {
  it('takes the kommunkod from its path, and asks for it when the path has none or a wrong one', () => {
    expect(feedbackPageOf('/synpunkter/0581')).toEqual({ kommunkod: '0581' });
    expect(feedbackPageOf('/synpunkter/0581/')).toEqual({ kommunkod: '0581' });
    expect(feedbackPageOf('/synpunkter')).toEqual({ kommunkod: null });
    expect(feedbackPageOf('/synpunkter/norrkoping')).toEqual({ kommunkod: null });
    expect(feedbackPageOf('/kvalitet/synpunkter')).toBeNull();
    expect(feedbackPageOf('/synpunkterna')).toBeNull();
    expect(feedbackPageOf('/')).toBeNull();
  });

  it('finds every problem before sending, the first field first', () => {
    const problems = problemsBeforeSending({ ...EMPTY_CONTENT, contactEmail: 'inte en adress' });
    expect(inFormOrder(problems)).toEqual([
      { field: 'kind', code: 'REQUIRED' },
      { field: 'message', code: 'REQUIRED' },
      { field: 'contactEmail', code: 'INVALID' },
    ]);
    expect(problemsBeforeSending({ ...EMPTY_CONTENT, kind: 'PRAISE', message: 'Tack!' })).toEqual([]);
  });

  it('sends what was filled in and leaves out blank optional fields', () => {
    expect(contentInput({ ...EMPTY_CONTENT, kind: 'COMPLAINT', message: 'Ingen kom', contactPhone: '  ' })).toEqual({
      kind: 'COMPLAINT',
      message: 'Ingen kom',
    });
  });

  it("reads the API's refusals: each field's problem, the wait after too many, and no connection", () => {
    const refused = (code: string, extra: object = {}) => new GraphQLRequestError({ kind: 'refused', code, field: null, message: 'x', ...extra });
    const issues = [{ field: 'input.contactPhone', code: 'INVALID', message: 'no' }];
    expect(sendFailureOf(refused('BAD_USER_INPUT', { field: 'input.contactPhone', issues }))).toEqual({
      kind: 'fields',
      problems: [{ field: 'contactPhone', code: 'INVALID' }],
    });
    expect(sendFailureOf(refused('NOT_FOUND', { field: 'input.unitId' }))).toEqual({ kind: 'fields', problems: [{ field: 'unitId', code: 'NOT_FOUND' }] });
    expect(sendFailureOf(refused('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 600 }))).toEqual({ kind: 'tooMany', retryAfterSeconds: 600 });
    expect(sendFailureOf(new GraphQLRequestError({ kind: 'offline', message: 'Failed to fetch' }))).toEqual({ kind: 'offline' });
  });

  it('has every Swedish text in English', () => {
    expect(Object.keys(FEEDBACK_MESSAGES.en).sort()).toEqual(Object.keys(FEEDBACK_MESSAGES.sv).sort());
  });
});
