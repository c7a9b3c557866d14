import type { RequestHandler } from 'express';
import { Kind, OperationTypeNode, parse, type DocumentNode } from 'graphql';
import { refusalBody } from './error-codes.js';

/**
 * Admission control: how many requests of one class the API works on at once. Without it, 200 phones
 * syncing with no pause took every database connection and every turn of the event loop, and a
 * supervisor's list waited seconds behind them (issue 11). A lane lets `concurrency` requests in, holds up
 * to `queue` more for at most `maxWaitMs`, and refuses the rest at once with 503 and `Retry-After`: a
 * refusal costs no SQL and stores nothing, and the phone's outbox keeps the batch and tries again later.
 */
export interface LaneLimits {
  /** Requests worked on at once; 0 turns the lane off (everything is let in). */
  concurrency: number;
  /** Requests that may wait for a free place; more are refused at once. */
  queue: number;
  /** How long a request may wait in the queue before it is refused after all. */
  maxWaitMs: number;
}

export interface LaneStats {
  active: number;
  queued: number;
  admitted: number;
  refused: number;
  /** Of the refused, those refused because the event loop lagged. */
  shed: number;
}

/** Frees the place a request held; calling it more than once frees it once. */
export type Release = () => void;

export interface Lane {
  /** A place for one request, or `null` when the lane is full (the caller answers 503). */
  enter(): Promise<Release | null>;
  /** Counts a request refused before it reached the lane (the event loop lagged): it is in `refused` and `shed`. */
  shed(): void;
  stats(): LaneStats;
}

interface Waiter {
  grant(release: Release | null): void;
  timer: NodeJS.Timeout;
}

/**
 * A lane that gives way: while `busy()` says so, it lets in at most `concurrency` requests (those already
 * in finish; new ones wait in its queue), and back to its own limit once not.
 */
export interface GiveWay {
  busy: () => boolean;
  concurrency: number;
}

export function createLane(limits: LaneLimits, giveWay?: GiveWay): Lane {
  let active = 0;
  let admitted = 0;
  let refused = 0;
  let shed = 0;
  const waiting: Waiter[] = [];
  const limit = () => (giveWay && giveWay.busy() ? Math.min(giveWay.concurrency, limits.concurrency) : limits.concurrency);

  /** Lets the oldest waiters in while there is room: after a release, and when the lane stops giving way. */
  const fill = () => {
    while (waiting.length > 0 && active < limit()) {
      const next = waiting.shift() as Waiter;
      clearTimeout(next.timer);
      active += 1;
      admitted += 1;
      next.grant(release());
    }
  };

  const release = (): Release => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      active -= 1;
      fill();
    };
  };

  return {
    enter() {
      if (limits.concurrency <= 0) {
        admitted += 1;
        return Promise.resolve(() => {});
      }
      fill();
      // Not past those already waiting: a place goes to the oldest first.
      if (waiting.length === 0 && active < limit()) {
        active += 1;
        admitted += 1;
        return Promise.resolve(release());
      }
      if (waiting.length >= limits.queue) {
        refused += 1;
        return Promise.resolve(null);
      }
      return new Promise<Release | null>((resolve) => {
        const waiter: Waiter = {
          grant: resolve,
          timer: setTimeout(() => {
            waiting.splice(waiting.indexOf(waiter), 1);
            refused += 1;
            resolve(null);
          }, limits.maxWaitMs),
        };
        waiting.push(waiter);
      });
    },
    shed() {
      refused += 1;
      shed += 1;
    },
    stats: () => ({ active, queued: waiting.length, admitted, refused, shed }),
  };
}

export type RequestClass = 'write' | 'read' | 'session';

/**
 * Mutations that only sign in (a password, the provider's one-time code, a second factor or its enrolment
 * at sign-in), refresh or end a session: the mutations without `@Authorized` (a test walks the schema).
 * They stay out of the write lane: guessing is bounded by the login rate limits (per account and address,
 * across instances), and a phone must be able to renew its token while the write lane is full, or it could
 * not send its batch once there is room.
 */
export const SESSION_FIELDS: ReadonlySet<string> = new Set([
  'login',
  'signIn',
  'completeSignInWithTotp',
  'completeSignInWithPasskey',
  'beginTotpEnrolmentAtSignIn',
  'beginPasskeyRegistrationAtSignIn',
  'refreshSession',
  'logout',
  'completeSignIn',
  'endSession',
]);

/**
 * Mutations open without a session that are writes all the same: the public feedback form. They stay in
 * the write lane (a flood of them must wait behind the writes, not beside sign-in), and are bounded by
 * their own per-address limit. With SESSION_FIELDS, exactly the mutations without `@Authorized`.
 */
export const OPEN_WRITE_FIELDS: ReadonlySet<string> = new Set(['submitFeedback']);

/**
 * Which lane a GraphQL request goes to: a mutation is a write (unless it only touches the session), anything
 * else (a query, or a body that is no GraphQL at all, which Apollo refuses quickly) a read. `maxTokens`
 * bounds what a hostile document can cost before Apollo's limits see it; `requestClassifier` remembers
 * the answer, so that a document is parsed here once, not on every request.
 */
export function classOfRequest(body: unknown, maxTokens: number): RequestClass {
  if (typeof body !== 'object' || body === null) return 'read';
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return 'read';
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens });
  } catch {
    return 'read';
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const chosen =
    typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (chosen?.operation !== OperationTypeNode.MUTATION) return 'read';
  const onlySession = chosen.selectionSet.selections.every((s) => s.kind === Kind.FIELD && SESSION_FIELDS.has(s.name.value));
  return onlySession ? 'session' : 'write';
}

/** How many documents a classifier remembers, and the longest it remembers (longer ones are parsed each time). */
const REMEMBERED_DOCUMENTS = 500;
const REMEMBERED_LENGTH = 16 * 1024;

export interface RequestClassifier {
  classify(body: unknown): RequestClass;
  /** Documents parsed so far (a document classified from memory is not parsed again). */
  parsed(): number;
}

/**
 * `classOfRequest` that parses each document once per process, not once per request. Apollo keeps the
 * documents it parsed and validated (its document store) and parses a repeated one no more; the phone's
 * batch and the dashboard's list are the same few texts every time, so without this memory admission was
 * the one place that parsed every request again. A document is remembered by its text and operation name,
 * the most recently used `REMEMBERED_DOCUMENTS` of them; a longer one, or a hostile one made different each
 * time, is parsed here and in Apollo, still bounded by `maxTokens`.
 */
export function requestClassifier(maxTokens: number, remembered = REMEMBERED_DOCUMENTS): RequestClassifier {
  const classes = new Map<string, RequestClass>();
  let parsed = 0;
  return {
    classify(body) {
      const { query, operationName } = (typeof body === 'object' && body !== null ? body : {}) as { query?: unknown; operationName?: unknown };
      if (typeof query !== 'string' || query.length > REMEMBERED_LENGTH) {
        if (typeof query === 'string') parsed += 1;
        return classOfRequest(body, maxTokens);
      }
      // The name's length first, so no name and text can make the key of another pair ('-' for no name).
      const key = typeof operationName === 'string' ? `${operationName.length}:${operationName}:${query}` : `-:${query}`;
      const known = classes.get(key);
      if (known) {
        // Used again: it moves to the newest end (a Map keeps insertion order), away from eviction.
        classes.delete(key);
        classes.set(key, known);
        return known;
      }
      parsed += 1;
      const found = classOfRequest(body, maxTokens);
      classes.set(key, found);
      if (classes.size > remembered) classes.delete(classes.keys().next().value as string);
      return found;
    },
    parsed: () => parsed,
  };
}

/**
 * How late this process's event loop runs. Admission's lanes count requests, but what a request costs
 * differs, and when the one thread of an instance is behind, every answer waits: /healthz, a list, the
 * token check. A timer ticks every `intervalMs`; the lag is how late the ticks came, averaged over about
 * the last five (so one garbage collection does not count as overload), or, while no tick has come for
 * longer than that (the loop is busy right now), how overdue the next one is.
 */
export interface LagMonitor {
  lagMs(): number;
  /** How often the timer ticks (ms). */
  readonly intervalMs: number;
  /** Calls `listener` at every tick, that is each time the loop turned (the health checks' heartbeat); answers how to stop. */
  onTick(listener: () => void): () => void;
  stop(): void;
}

export function startLagMonitor(intervalMs = 20): LagMonitor {
  let expected = performance.now() + intervalMs;
  let average = 0;
  const listeners = new Set<() => void>();
  const timer = setInterval(() => {
    const now = performance.now();
    average = 0.8 * average + 0.2 * Math.max(0, now - expected);
    expected = now + intervalMs;
    for (const listener of listeners) listener();
  }, intervalMs);
  timer.unref();
  return {
    lagMs: () => Math.max(average, performance.now() - expected),
    intervalMs,
    onTick(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => clearInterval(timer),
  };
}

export interface AdmissionOptions {
  lanes: Record<RequestClass, Lane>;
  retryAfterSeconds: number;
  maxTokens: number;
  /**
   * A write is refused at once (503, like a full lane) while the event loop lags more than `maxLagMs`
   * behind: the writes already let in finish, and reads and /healthz keep their turns. 0: never.
   */
  writeShedding?: { monitor: Pick<LagMonitor, 'lagMs'>; maxLagMs: number } | undefined;
}

/**
 * Express middleware for /graphql, after the body is parsed and before anything touches the database.
 * A refused request gets the GraphQL error shape every other refusal has, with code OVERLOADED.
 */
export function admission({ lanes, retryAfterSeconds, maxTokens, writeShedding }: AdmissionOptions): RequestHandler {
  const classifier = requestClassifier(maxTokens);
  const refuse = (res: Parameters<RequestHandler>[1]) => {
    res.setHeader('retry-after', String(retryAfterSeconds));
    res.status(503).json(refusalBody('OVERLOADED', 'The server is busy: try again shortly', { retryAfterSeconds }));
  };
  const shedding = writeShedding && writeShedding.maxLagMs > 0 ? writeShedding : undefined;
  return (req, res, next) => {
    const requestClass = classifier.classify(req.body);
    if (requestClass === 'write' && shedding && shedding.monitor.lagMs() > shedding.maxLagMs) {
      lanes.write.shed();
      refuse(res);
      return;
    }
    const lane = lanes[requestClass];
    // Listened for before waiting: a client that gives up while queued has already closed when its turn
    // comes, and a listener added then would never fire, leaking the place until every place was gone.
    let closed = false;
    let held: Release | null = null;
    res.once('close', () => {
      closed = true;
      held?.();
    });
    return lane.enter().then((release) => {
      if (closed) {
        // Nobody is waiting for the answer: do none of the work.
        release?.();
        return;
      }
      if (!release) {
        refuse(res);
        return;
      }
      // 'close' comes after the answer is sent and also when the client gives up first; the work may then
      // still run a little after the place is freed, which lets at most a few more in for a moment.
      held = release;
      next();
    });
  };
}
