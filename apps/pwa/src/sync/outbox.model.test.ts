// @vitest-environment node
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHjuletDb, resetDbConnection, type OutboxItem, type OutboxReview, type ReviewDraft, type StoredUser } from '../data/db.js';
import { createDraft, draftsOf, getDraft, moveDraftToOutbox, saveAnswer } from '../data/drafts.js';
import { attentionOf, outboxOf } from '../data/outbox.js';
import { writeSession } from '../data/session-store.js';
import type { ReviewInput, SubmitReviewsMutation, TypedDocumentString } from '../gql/graphql.js';
import { GraphQLRequestError } from './graphql-client.js';
import { SubmitReviewsDocument } from './operations.js';
import { flushOutbox, type SyncDeps } from './sync-engine.js';

/*
 * Model-based tests of the outbox (issue 11): random sequences of edits, finished reviews, flushes that
 * meet faults, and app restarts, run against the real storage and sync code over fake-indexeddb, and
 * against a model of three maps (drafts, outbox, server). After every step the phone and the server must
 * hold what the model says: nothing lost, nothing stored twice or with other content, a draft never in
 * the outbox too. The full-stack version of the same promise is the sync soak (test/soak).
 */

const RUNS = Number(process.env['OUTBOX_MODEL_RUNS'] ?? 10_000);
const ANNA: StoredUser = { id: 'user-anna', displayName: 'Anna Andersson', role: 'staff', unitId: 'unit-1', email: 'anna@example.se' };
/** Past the longest backoff (10 minutes, +25 % jitter): every flush finds all items due. */
const CLOCK_STEP_MS = 13 * 60_000;

type Answers = Record<string, string>;
type Fault = 'none' | 'drop_before_server' | 'drop_after_commit' | 'server_error';

interface Model {
  drafts: Map<string, Answers>;
  outbox: Map<string, Answers>;
  server: Map<string, Answers>;
  nextId: number;
}

/** The server's side, idempotent by client id as the real one is, and the fault the next request meets. */
interface Real {
  server: Map<string, ReviewInput>;
  /** Writes of a review with content other than the stored one: must stay 0. */
  conflicts: number;
  fault: Fault;
  clock: number;
}

const clientIdOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sentAnswers = (input: ReviewInput): Answers => Object.fromEntries(Object.entries(input.answerValues ?? {}).map(([key, value]) => [key, String(value)]));
const queuedAnswers = (item: OutboxItem): Answers =>
  item.kind === 'review' ? Object.fromEntries((item.payload.answers ?? []).map((a) => [a.itemKey, a.value ?? ''])) : {};
const sorted = (map: Map<string, Answers>) => [...map].sort(([a], [b]) => a.localeCompare(b));

function submit(real: Real, input: ReviewInput[]): SubmitReviewsMutation {
  return {
    submitReviews: input.map((review, index) => {
      const stored = real.server.get(review.clientId);
      if (stored && JSON.stringify(stored) !== JSON.stringify(review)) real.conflicts += 1;
      if (!stored) real.server.set(review.clientId, review);
      return {
        clientId: review.clientId,
        index,
        outcome: stored ? 'ALREADY_STORED' : 'CREATED',
        review: { id: review.clientId, status: review.status },
        error: null,
      };
    }),
  };
}

function depsFor(real: Real): SyncDeps {
  const request = async <TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> => {
    if (document.toString() !== SubmitReviewsDocument.toString()) throw new Error(`unexpected ${document.toString()}`);
    const { input } = variables as unknown as { input: ReviewInput[] };
    const fault = real.fault;
    real.fault = 'none';
    if (fault === 'drop_before_server') throw new GraphQLRequestError({ kind: 'offline', message: 'Failed to fetch' });
    if (fault === 'server_error') throw new GraphQLRequestError({ kind: 'server_error', status: 500, message: 'Unexpected error.', requestId: null });
    const answer = submit(real, input);
    if (fault === 'drop_after_commit') throw new GraphQLRequestError({ kind: 'offline', message: 'Failed to fetch' });
    return answer as unknown as TResult;
  };
  return { request, token: async () => 'token-1', now: () => real.clock, online: () => true };
}

/** The outbox item a finished draft becomes (the review screens build the same from a template). */
function finishedItem(draft: ReviewDraft, now: string): OutboxReview {
  return {
    id: draft.clientId,
    kind: 'review',
    userId: draft.userId,
    recipientReference: draft.recipientReference,
    payload: {
      clientId: draft.clientId,
      recipientId: draft.recipientId,
      templateVersionId: draft.templateVersionId,
      status: 'completed',
      answers: Object.entries(draft.answers).map(([itemKey, value]) => ({ itemKey, value: String(value) })),
      consentToShareWithFireService: false,
      offeredAt: draft.offeredAt,
      performedAt: now,
      actions: [],
    },
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
  };
}

type Command = fc.AsyncCommand<Model, Real>;

class StartDraft implements Command {
  check = () => true;
  async run(model: Model): Promise<void> {
    const clientId = clientIdOf(model.nextId++);
    const now = new Date().toISOString();
    await createDraft({
      clientId,
      userId: ANNA.id,
      recipientId: 'recipient-1',
      recipientReference: 'R-1',
      templateVersionId: 'template-1',
      answers: {},
      sectionIndex: 0,
      consentToShare: false,
      actions: [],
      offeredAt: now,
      updatedAt: now,
    });
    model.drafts.set(clientId, {});
  }
  toString = () => 'StartDraft';
}

class EditDraft implements Command {
  constructor(
    readonly pick: number,
    readonly item: string,
    readonly value: string,
  ) {}
  check = (model: Readonly<Model>) => model.drafts.size > 0;
  async run(model: Model): Promise<void> {
    const clientId = [...model.drafts.keys()][this.pick % model.drafts.size]!;
    await saveAnswer(clientId, this.item, this.value);
    model.drafts.set(clientId, { ...model.drafts.get(clientId), [this.item]: this.value });
  }
  toString = () => `EditDraft(${this.pick}, ${this.item}=${this.value})`;
}

class FinishDraft implements Command {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.drafts.size > 0;
  async run(model: Model): Promise<void> {
    const clientId = [...model.drafts.keys()][this.pick % model.drafts.size]!;
    const draft = await getDraft(clientId, ANNA.id);
    await moveDraftToOutbox(clientId, finishedItem(draft!, new Date().toISOString()));
    model.outbox.set(clientId, model.drafts.get(clientId)!);
    model.drafts.delete(clientId);
  }
  toString = () => `FinishDraft(${this.pick})`;
}

class Flush implements Command {
  constructor(
    readonly fault: Fault,
    readonly restartAfter: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    real.fault = model.outbox.size > 0 ? this.fault : 'none';
    real.clock += CLOCK_STEP_MS;
    await flushOutbox(depsFor(real));
    // Dropped before the server: nothing moves. Dropped after the commit: stored, but still on the phone.
    if (this.fault !== 'drop_before_server') for (const [id, answers] of model.outbox) model.server.set(id, answers);
    if (this.fault === 'none' || this.fault === 'server_error') model.outbox.clear();
    if (this.restartAfter) await restartApp();
  }
  toString = () => `Flush(${this.fault}${this.restartAfter ? ', then the app is killed' : ''})`;
}

class Restart implements Command {
  check = () => true;
  async run(): Promise<void> {
    await restartApp();
  }
  toString = () => 'Restart';
}

/** The app closes and opens again: module state is gone, IndexedDB keeps what was committed. */
async function restartApp(): Promise<void> {
  (await openHjuletDb()).close();
  resetDbConnection();
}

/** After every step: the outbox and the server as modelled. */
async function expectOutboxAndServerAsModelled(model: Model, real: Real): Promise<void> {
  const outbox = new Map((await outboxOf(ANNA.id)).map((item) => [item.id, queuedAnswers(item)]));
  expect(sorted(outbox)).toEqual(sorted(model.outbox));
  expect(sorted(new Map([...real.server].map(([id, input]) => [id, sentAnswers(input)])))).toEqual(sorted(model.server));
  expect(real.conflicts).toBe(0);
}

/** At the end of a sequence, also the drafts, and nothing set aside as refused. */
async function expectPhoneAndServerAsModelled(model: Model, real: Real): Promise<void> {
  await expectOutboxAndServerAsModelled(model, real);
  const drafts = new Map((await draftsOf(ANNA.id)).map((d) => [d.clientId, d.answers as Answers]));
  expect(sorted(drafts)).toEqual(sorted(model.drafts));
  expect(await attentionOf(ANNA.id)).toEqual([]);
}

const commands = [
  fc.constant(new StartDraft()),
  fc.tuple(fc.nat(20), fc.constantFrom('stove', 'alarm', 'rugs'), fc.constantFrom('yes', 'no')).map(([pick, item, value]) => new EditDraft(pick, item, value)),
  fc.nat(20).map((pick) => new FinishDraft(pick)),
  fc
    .tuple(fc.constantFrom<Fault>('none', 'drop_before_server', 'drop_after_commit', 'server_error'), fc.boolean())
    .map(([fault, restartAfter]) => new Flush(fault, restartAfter)),
  fc.constant(new Restart()),
];

/** A phone with a logged-in user and nothing else: the database is made once, and emptied for each sequence. */
async function emptyPhone(): Promise<void> {
  const tx = (await openHjuletDb()).transaction(['drafts', 'outbox', 'attention', 'synced', 'meta'], 'readwrite');
  await Promise.all([...(['drafts', 'outbox', 'attention', 'synced', 'meta'] as const).map((store) => tx.objectStore(store).clear()), tx.done]);
}

beforeAll(async () => {
  globalThis.indexedDB = new IDBFactory();
  resetDbConnection();
  await writeSession({
    user: ANNA,
    accessToken: 'token-1',
    accessTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    refreshToken: 'refresh-1',
    refreshTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
});

afterAll(async () => {
  (await openHjuletDb()).close();
  resetDbConnection();
});

describe('the outbox against its model', () => {
  it(`keeps every finished review until the server has it, once and unchanged, over ${RUNS} random sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 8 }), async (sequence) => {
        await emptyPhone();
        const model: Model = { drafts: new Map(), outbox: new Map(), server: new Map(), nextId: 1 };
        const real: Real = { server: new Map(), conflicts: 0, fault: 'none', clock: Date.now() };
        await fc.asyncModelRun(
          () => ({ model, real }),
          [...sequence].map((command) => ({
            check: (m: Readonly<Model>) => command.check(m),
            run: async (m: Model, r: Real) => {
              await command.run(m, r);
              await expectOutboxAndServerAsModelled(m, r);
            },
            toString: () => command.toString(),
          })),
        );
        // The faults stop: one flush empties the outbox, and the server has every finished review.
        await new Flush('none', false).run(model, real);
        await expectPhoneAndServerAsModelled(model, real);
        expect(model.outbox.size).toBe(0);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
