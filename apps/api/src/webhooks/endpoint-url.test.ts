import { describe, expect, it } from 'vitest';
import { endpointUrlProblem } from './endpoint-url.js';

describe('a webhook endpoint URL', () => {
  it('is accepted over https', () => {
    expect(endpointUrlProblem('https://hooks.rtog.se/hjulet', true)).toBeNull();
  });
  it('is refused over plain http to another host, in any mode', () => {
    expect(endpointUrlProblem('http://hooks.rtog.se/hjulet', false)).toBe('not_https');
    expect(endpointUrlProblem('http://hooks.rtog.se/hjulet', true)).toBe('not_https');
  });
  it('may be http to the loopback outside production only', () => {
    expect(endpointUrlProblem('http://127.0.0.1:8080/hook', false)).toBeNull();
    expect(endpointUrlProblem('http://localhost:8080/hook', false)).toBeNull();
    expect(endpointUrlProblem('http://127.0.0.1:8080/hook', true)).toBe('not_https');
  });
  it('is refused when it is no URL, another scheme, or carries credentials', () => {
    expect(endpointUrlProblem('hooks.rtog.se', false)).toBe('not_a_url');
    expect(endpointUrlProblem('ftp://hooks.rtog.se/x', false)).toBe('not_a_url');
    expect(endpointUrlProblem('https://user:pw@hooks.rtog.se/x', false)).toBe('has_credentials');
    expect(endpointUrlProblem(`https://hooks.rtog.se/${'a'.repeat(2001)}`, false)).toBe('too_long');
  });
});
