import { describe, expect, it } from 'vitest';
import { GraphQLRequestError, graphqlRequest, MAX_RETRY_AFTER_MS, retryAfterOf, type RequestFailure } from './graphql-client.js';
import { SubmitReviewsDocument } from './operations.js';

/** The network edge: one canned HTTP answer, and the request headers the phone sent. */
function answering(status: number, body: string, headers: Record<string, string> = {}) {
  const sent: Headers[] = [];
  const fetchImpl = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    sent.push(new Headers(init?.headers));
    return new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });
  };
  return { fetchImpl: fetchImpl as typeof fetch, sent };
}

async function failureOf(status: number, body: string, headers: Record<string, string> = {}): Promise<RequestFailure> {
  try {
    await graphqlRequest(SubmitReviewsDocument, { input: [] }, 'token', { fetchImpl: answering(status, body, headers).fetchImpl });
  } catch (error) {
    if (error instanceof GraphQLRequestError) return error.failure;
    throw error;
  }
  throw new Error('the request did not fail');
}

const graphqlError = (code: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ errors: [{ message: `failed: ${code}`, extensions: { code, ...extra } }], data: null });

describe('what a failed request means for the phone', () => {
  it('calls the phone offline when the request never reached the server', async () => {
    const fetchImpl = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(graphqlRequest(SubmitReviewsDocument, { input: [] }, null, { fetchImpl })).rejects.toMatchObject({ failure: { kind: 'offline' } });
  });

  it.each([502, 503, 504])('calls an HTTP %i the server being unavailable, whatever the body says', async (status) => {
    expect(await failureOf(status, graphqlError('INTERNAL_SERVER_ERROR'))).toMatchObject({ kind: 'unavailable', status });
  });

  it('reads how long a busy server asks the phone to wait from Retry-After, in seconds or as a date', async () => {
    const overloaded = graphqlError('OVERLOADED', { retryAfterSeconds: 7 });
    expect(await failureOf(503, overloaded, { 'retry-after': '7' })).toMatchObject({ kind: 'unavailable', status: 503, retryAfterMs: 7_000 });
    expect(await failureOf(503, overloaded)).not.toHaveProperty('retryAfterMs');
    expect(retryAfterOf('Thu, 26 Nov 2026 10:00:30 GMT', Date.parse('2026-11-26T10:00:00Z'))).toBe(30_000);
    expect(retryAfterOf('soon', 0)).toBeUndefined();
    expect(retryAfterOf('99999999', 0)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('calls a 500 without a GraphQL answer (a proxy page) the server being unavailable', async () => {
    expect(await failureOf(500, '<html>Internal Server Error</html>')).toMatchObject({ kind: 'unavailable', status: 500 });
  });

  it('calls an INTERNAL_SERVER_ERROR answer a failure of the server on this request, with its request id', async () => {
    expect(await failureOf(200, graphqlError('INTERNAL_SERVER_ERROR', { requestId: 'req-from-body' }))).toEqual({
      kind: 'server_error',
      status: 200,
      message: 'failed: INTERNAL_SERVER_ERROR',
      requestId: 'req-from-body',
    });
  });

  it('calls a 500 with a GraphQL answer a failure on this request, taking the request id from the header', async () => {
    expect(await failureOf(500, graphqlError('INTERNAL_SERVER_ERROR'), { 'x-request-id': 'req-from-header' })).toMatchObject({
      kind: 'server_error',
      status: 500,
      requestId: 'req-from-header',
    });
  });

  it('keeps the code and field of a refusal', async () => {
    expect(await failureOf(400, graphqlError('BAD_USER_INPUT', { field: 'input' }))).toMatchObject({ kind: 'refused', code: 'BAD_USER_INPUT', field: 'input' });
  });

  it('keeps every issue of a refused file, each with its place', async () => {
    const issues = [{ code: 'UNKNOWN_TYPE', field: 'survey!9/type', message: '"integr" is not an XLSForm question type.' }];
    expect(await failureOf(200, graphqlError('BAD_USER_INPUT', { field: 'survey!9/type', issues }))).toMatchObject({ kind: 'refused', issues });
  });

  it('keeps how long a refusal for too many attempts asks the sender to wait', async () => {
    expect(await failureOf(200, graphqlError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 1800 }))).toMatchObject({
      kind: 'refused',
      code: 'TOO_MANY_ATTEMPTS',
      retryAfterSeconds: 1800,
    });
  });

  it('asks for a login on UNAUTHENTICATED', async () => {
    expect(await failureOf(200, graphqlError('UNAUTHENTICATED'))).toMatchObject({ kind: 'unauthenticated' });
  });

  it('sends the request id it was given, so support can find a request whose answer never came', async () => {
    const network = answering(200, JSON.stringify({ data: { submitReviews: [] } }));
    await graphqlRequest(SubmitReviewsDocument, { input: [] }, 'token', { fetchImpl: network.fetchImpl, requestId: 'phone-chosen-id' });
    expect(network.sent[0]?.get('x-request-id')).toBe('phone-chosen-id');
  });
});
