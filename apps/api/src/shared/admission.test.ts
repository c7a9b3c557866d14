import { afterEach, describe, expect, it, vi } from 'vitest';
import { classOfRequest, createLane, requestClassifier } from './admission.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('a lane of admission control', () => {
  it('lets in as many as its concurrency, queues as many as its queue, and refuses the rest at once', async () => {
    const lane = createLane({ concurrency: 2, queue: 1, maxWaitMs: 10_000 });
    const first = await lane.enter();
    const second = await lane.enter();
    const queued = lane.enter();
    expect(await lane.enter()).toBeNull();
    expect(lane.stats()).toEqual({ active: 2, queued: 1, admitted: 2, refused: 1 });

    first?.();
    const third = await queued;
    expect(third).toBeTypeOf('function');
    expect(lane.stats()).toEqual({ active: 2, queued: 0, admitted: 3, refused: 1 });
    second?.();
    third?.();
    expect(lane.stats().active).toBe(0);
  });

  it('refuses a queued request that waited longer than its limit', async () => {
    vi.useFakeTimers();
    const lane = createLane({ concurrency: 1, queue: 5, maxWaitMs: 500 });
    const held = await lane.enter();
    const waiting = lane.enter();
    vi.advanceTimersByTime(501);
    expect(await waiting).toBeNull();
    expect(lane.stats()).toEqual({ active: 1, queued: 0, admitted: 1, refused: 1 });
    held?.();
    expect(lane.stats().active).toBe(0);
  });

  it('frees a place once however often it is released', async () => {
    const lane = createLane({ concurrency: 1, queue: 0, maxWaitMs: 0 });
    const release = await lane.enter();
    release?.();
    release?.();
    expect(lane.stats().active).toBe(0);
    const again = await lane.enter();
    expect(await lane.enter()).toBeNull();
    again?.();
  });

  it('lets everything in when its concurrency is 0 (turned off)', async () => {
    const lane = createLane({ concurrency: 0, queue: 0, maxWaitMs: 0 });
    const places = await Promise.all(Array.from({ length: 100 }, () => lane.enter()));
    expect(places.every((p) => typeof p === 'function')).toBe(true);
    expect(lane.stats().refused).toBe(0);
  });
});

describe('the class of a GraphQL request', () => {
  it('calls a mutation a write and a query a read', () => {
    expect(classOfRequest({ query: 'mutation Submit($input: [ReviewInput!]!) { submitReviews(input: $input) { clientId } }' }, 3000)).toBe('write');
    expect(classOfRequest({ query: '{ reviews(first: 50) { edges { node { id } } } }' }, 3000)).toBe('read');
    expect(classOfRequest({ query: 'query List { me { id } }' }, 3000)).toBe('read');
  });

  it('keeps signing in, refreshing and logging out out of the write lane, unless mixed with a write', () => {
    expect(classOfRequest({ query: 'mutation { login(email: "a@b.se", password: "x") { accessToken } }' }, 3000)).toBe('session');
    expect(classOfRequest({ query: 'mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }' }, 3000)).toBe('session');
    expect(classOfRequest({ query: 'mutation { logout(refreshToken: "t") }' }, 3000)).toBe('session');
    expect(classOfRequest({ query: 'mutation { logout(refreshToken: "t") discardResult(input: {}) { id } }' }, 3000)).toBe('write');
  });

  it('picks the named operation of a document with several', () => {
    const query = 'query A { me { id } } mutation B { closeFollowUpAction(id: "x") { id } }';
    expect(classOfRequest({ query, operationName: 'B' }, 3000)).toBe('write');
    expect(classOfRequest({ query, operationName: 'A' }, 3000)).toBe('read');
  });

  it('sends what is no GraphQL (or too long to parse here) to the read lane, where Apollo refuses it', () => {
    expect(classOfRequest(undefined, 3000)).toBe('read');
    expect(classOfRequest({ query: 42 }, 3000)).toBe('read');
    expect(classOfRequest({ query: 'mutation {' }, 3000)).toBe('read');
    expect(classOfRequest({ query: `mutation { ${'a '.repeat(50)} }` }, 10)).toBe('read');
  });
});

describe('the request classifier', () => {
  const submit = { query: 'mutation Submit($input: [ReviewInput!]!) { submitReviews(input: $input) { clientId } }', variables: { input: [] } };
  const list = { query: 'query List { reviews(first: 50) { edges { node { id } } } }' };

  it('parses a document it has classified before no more', () => {
    const classifier = requestClassifier(3000);
    const classes = Array.from({ length: 100 }, (_, i) => classifier.classify(i % 2 ? submit : list));
    expect(classes.slice(0, 2)).toEqual(['read', 'write']);
    expect(new Set(classes.slice(2))).toEqual(new Set(['read', 'write']));
    expect(classifier.parsed()).toBe(2);
  });

  it('tells the operations of one document apart by name', () => {
    const classifier = requestClassifier(3000);
    const query = 'query A { me { id } } mutation B { closeFollowUpAction(id: "x") { id } }';
    expect([classifier.classify({ query, operationName: 'B' }), classifier.classify({ query, operationName: 'A' })]).toEqual(['write', 'read']);
    expect([classifier.classify({ query, operationName: 'B' }), classifier.classify({ query })]).toEqual(['write', 'read']);
    // An empty name names no operation: remembering it must not answer for the same text sent without a name.
    const single = 'mutation { closeFollowUpAction(id: "x") { id } }';
    expect([classifier.classify({ query: single, operationName: '' }), classifier.classify({ query: single })]).toEqual(['read', 'write']);
  });

  it('forgets the least recently used document first, and answers the same after forgetting', () => {
    const classifier = requestClassifier(3000, 2);
    const other = { query: 'mutation { logout(refreshToken: "t") }' };
    classifier.classify(submit);
    classifier.classify(list);
    classifier.classify(submit);
    classifier.classify(other);
    expect(classifier.parsed()).toBe(3);
    expect(classifier.classify(submit)).toBe('write');
    expect(classifier.parsed()).toBe(3);
    expect(classifier.classify(list)).toBe('read');
    expect(classifier.parsed()).toBe(4);
  });
});
