import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Request, Response } from 'express';
import { getMetadataStorage } from 'type-graphql';
import { buildAppSchema } from '../schema/build-schema.js';
import { admission, classOfRequest, createLane, OPEN_WRITE_FIELDS, requestClassifier, SESSION_FIELDS, startLagMonitor, type LagMonitor } from './admission.js';

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
    expect(lane.stats()).toEqual({ active: 2, queued: 1, admitted: 2, refused: 1, shed: 0 });

    first?.();
    const third = await queued;
    expect(third).toBeTypeOf('function');
    expect(lane.stats()).toEqual({ active: 2, queued: 0, admitted: 3, refused: 1, shed: 0 });
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
    expect(lane.stats()).toEqual({ active: 1, queued: 0, admitted: 1, refused: 1, shed: 0 });
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

  it('gives way while another lane is busy: at most the narrower number in, its own again once not, oldest first', async () => {
    let readsWait = true;
    const lane = createLane({ concurrency: 2, queue: 5, maxWaitMs: 10_000 }, { busy: () => readsWait, concurrency: 1 });
    const order: string[] = [];
    const first = await lane.enter();
    const older = lane.enter().then((release) => (order.push('older'), release));
    await Promise.resolve();
    expect(lane.stats()).toMatchObject({ active: 1, queued: 1 });

    // No longer busy: the next arrival first lets the one waiting in, then waits itself (2 are in).
    readsWait = false;
    const newer = lane.enter().then((release) => (order.push('newer'), release));
    const olderPlace = await older;
    expect(lane.stats()).toMatchObject({ active: 2, queued: 1 });

    // Busy again with 2 in: a place freed now is not passed on until fewer than 1 are in.
    readsWait = true;
    first?.();
    await Promise.resolve();
    expect(lane.stats()).toMatchObject({ active: 1, queued: 1 });
    olderPlace?.();
    const newerPlace = await newer;
    expect(order).toEqual(['older', 'newer']);
    expect(lane.stats()).toMatchObject({ active: 1, queued: 0, admitted: 3, refused: 0 });
    newerPlace?.();
    expect(lane.stats().active).toBe(0);
  });

  it('never gives way below its own concurrency when that is the narrower', async () => {
    const lane = createLane({ concurrency: 1, queue: 0, maxWaitMs: 0 }, { busy: () => true, concurrency: 3 });
    const held = await lane.enter();
    expect(await lane.enter()).toBeNull();
    held?.();
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

  it('counts exactly the mutations open without a session (no @Authorized) as session fields or open writes, each in its lane', async () => {
    const mutations = Object.keys((await buildAppSchema()).getMutationType()?.getFields() ?? {});
    const authorized = new Set(getMetadataStorage().authorizedFields.map((f) => f.fieldName));
    const open = mutations.filter((name) => !authorized.has(name)).sort();
    expect(open.length).toBeGreaterThan(0);
    expect([...SESSION_FIELDS].filter((name) => OPEN_WRITE_FIELDS.has(name))).toEqual([]);
    expect(open).toEqual([...SESSION_FIELDS, ...OPEN_WRITE_FIELDS].sort());
    for (const name of SESSION_FIELDS) expect(classOfRequest({ query: `mutation { ${name} }` }, 3000), name).toBe('session');
    for (const name of OPEN_WRITE_FIELDS) expect(classOfRequest({ query: `mutation { ${name} }` }, 3000), name).toBe('write');
  });

  it('keeps the public feedback form in the write lane, alone or beside a session field', () => {
    const submit = 'submitFeedback(input: { kind: PRAISE, municipality: "0581", message: "Tack" }) { caseNumber }';
    expect(classOfRequest({ query: `mutation { ${submit} }` }, 3000)).toBe('write');
    expect(classOfRequest({ query: `mutation { logout(refreshToken: "t") ${submit} }` }, 3000)).toBe('write');
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

describe('the event loop lag monitor', () => {
  it('reports the loop as late while it is kept busy, and on time again after', async () => {
    const monitor = startLagMonitor(10);
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Loose bounds: the machine running the tests may be busy with other work.
      expect(monitor.lagMs()).toBeLessThan(200);
      const busyUntil = performance.now() + 400;
      while (performance.now() < busyUntil);
      expect(monitor.lagMs()).toBeGreaterThanOrEqual(350);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(monitor.lagMs()).toBeLessThan(200);
    } finally {
      monitor.stop();
    }
  });

  it('tells each listener of every tick until it stops listening (the health checks beat with it)', async () => {
    const monitor = startLagMonitor(10);
    try {
      let ticks = 0;
      const stopListening = monitor.onTick(() => (ticks += 1));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ticks).toBeGreaterThanOrEqual(3);
      stopListening();
      const heard = ticks;
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(ticks).toBe(heard);
    } finally {
      monitor.stop();
    }
  });
});

describe('write shedding on event loop lag', () => {
  const submit = { query: 'mutation Submit($input: [ReviewInput!]!) { submitReviews(input: $input) { clientId } }' };
  const list = { query: '{ reviews(first: 50) { edges { node { id } } } }' };
  /** Runs the middleware on a body; answers the status it set (200 when it let the request through). */
  const run = async (lag: number, body: unknown) => {
    const lanes = {
      write: createLane({ concurrency: 8, queue: 0, maxWaitMs: 0 }),
      read: createLane({ concurrency: 8, queue: 0, maxWaitMs: 0 }),
      session: createLane({ concurrency: 0, queue: 0, maxWaitMs: 0 }),
    };
    const monitor: Pick<LagMonitor, 'lagMs'> = { lagMs: () => lag };
    const answer = { status: 200, headers: {} as Record<string, string>, body: null as unknown };
    const res = {
      once: () => res,
      setHeader: (name: string, value: string) => (answer.headers[name] = value),
      status: (code: number) => ((answer.status = code), res),
      json: (value: unknown) => (answer.body = value),
    };
    let passed = false;
    await admission({ lanes, retryAfterSeconds: 2, maxTokens: 3000, writeShedding: { monitor, maxLagMs: 75 } })(
      { body } as Request,
      res as unknown as Response,
      () => (passed = true),
    );
    return { ...answer, passed, write: lanes.write.stats() };
  };

  it('refuses a write with 503 and Retry-After while the loop lags more than the limit, and counts it as shed', async () => {
    const shed = await run(120, submit);
    expect(shed).toMatchObject({ status: 503, passed: false, headers: { 'retry-after': '2' }, write: { refused: 1, shed: 1, admitted: 0 } });
    expect(shed.body).toMatchObject({ errors: [{ extensions: { code: 'OVERLOADED', retryAfterSeconds: 2 } }] });
  });

  it('lets a write in below the limit, and a read in whatever the lag', async () => {
    expect(await run(40, submit)).toMatchObject({ status: 200, passed: true, write: { admitted: 1, shed: 0 } });
    expect(await run(500, list)).toMatchObject({ status: 200, passed: true });
  });
});
