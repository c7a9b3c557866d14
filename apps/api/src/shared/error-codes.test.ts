import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError, TooManyAttempts } from './app-error.js';
import { APP_ERROR_CODES, CLIENT_ERROR_CODES, GRAPHQL_REFUSAL_CODES, refusalBody } from './error-codes.js';
import { createErrorFormatter } from './error-formatter.js';
import { createLogger } from './logger.js';

const API_DOC = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');

describe('the client error codes', () => {
  it('are all in docs/api.md under Errors, with the opaque INTERNAL_SERVER_ERROR', () => {
    const section = /## Errors\n([\s\S]*?)\n## /.exec(API_DOC)?.[1] ?? '';
    expect(section).not.toBe('');
    for (const code of [...CLIENT_ERROR_CODES, 'INTERNAL_SERVER_ERROR']) expect(section, code).toContain(`\`${code}\``);
  });

  it("leave the formatter as they came, ours with their field, GraphQL's and Apollo's as named", () => {
    const logged: string[] = [];
    const format = createErrorFormatter(createLogger('error', { write: (line: string) => void logged.push(line) }));
    for (const code of APP_ERROR_CODES) {
      const error = code === 'TOO_MANY_ATTEMPTS' ? new TooManyAttempts(60) : new AppError(code, 'refused', 'email');
      const formatted = format({ message: error.message, path: ['login'] }, new GraphQLError(error.message, { originalError: error }));
      expect(formatted.extensions?.['code'], code).toBe(code);
    }
    for (const code of GRAPHQL_REFUSAL_CODES) {
      const error = new GraphQLError('refused', { extensions: { code } });
      expect(format({ message: 'refused', extensions: { code } }, error).extensions?.['code'], code).toBe(code);
    }
    expect(logged).toEqual([]);
    // Any other code is ours to answer for: opaque, and logged with its stack.
    const other = format({ message: 'boom', extensions: { code: 'SOMETHING_ELSE' } }, new GraphQLError('boom', { extensions: { code: 'SOMETHING_ELSE' } }));
    expect(other.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toHaveLength(1);
  });

  it('shape a refusal in front of GraphQL as every GraphQL error of ours', () => {
    expect(refusalBody('OVERLOADED', 'busy', { retryAfterSeconds: 2 })).toEqual({
      errors: [{ message: 'busy', extensions: { code: 'OVERLOADED', field: null, retryAfterSeconds: 2 } }],
    });
  });
});
