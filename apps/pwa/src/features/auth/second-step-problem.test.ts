import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '../../sync/graphql-client.js';
import { problemOf } from './second-step-problem.js';

const refused = (code: string, issues?: Array<{ field: string; code: string; message: string }>) =>
  new GraphQLRequestError({ kind: 'refused', code, field: 'code', message: 'Any wording the server chooses', ...(issues ? { issues } : {}) });

describe('what a refused second step tells the user', () => {
  it('reads the reason from its code, not from the wording of the message', () => {
    expect(problemOf(refused('BAD_USER_INPUT', [{ field: 'code', code: 'replayed', message: 'x' }]))).toBe('mfa.replayed');
    expect(problemOf(refused('BAD_USER_INPUT', [{ field: 'code', code: 'wrong', message: 'x' }]))).toBe('mfa.wrong');
    expect(problemOf(refused('BAD_USER_INPUT'))).toBe('mfa.wrong');
  });

  it('tells an expired step, a spent login budget and a failed passkey apart', () => {
    expect(problemOf(new GraphQLRequestError({ kind: 'unauthenticated', message: 'expired' }))).toBe('mfa.expired');
    expect(problemOf(refused('TOO_MANY_ATTEMPTS'))).toBe('login.tooManyAttempts');
    expect(problemOf(new DOMException('The operation was aborted', 'NotAllowedError'))).toBe('mfa.passkeyFailed');
  });
});
