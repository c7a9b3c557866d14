import { randomUUID } from 'node:crypto';
// The IndexedDB classes (IDBRequest, IDBKeyRange …) as globals; each phone then gets an IDBFactory of its own.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { completeAnswers } from '@hjulet/api/test-support/factories.js';
import type { TemplateDefinition } from '@hjulet/domain';

/*
 * A simulated phone: the staff app's own storage, outbox and sync modules (apps/pwa/src), over an
 * in-memory IndexedDB that outlives the app. Each "life" of the app loads its own copy of those modules
 * (see phone-modules-hooks.mjs), so killing the app mid-flush is what it is on a phone: that life's
 * requests are cut, its database connection closes, and nothing it had not committed happens; the next
 * life starts from what IndexedDB holds.
 */

type Modules = Awaited<ReturnType<typeof loadModules>>;
export type SentReview = Awaited<ReturnType<Modules['outbox']['outboxOf']>>[number];
export type ReviewPayload = Extract<SentReview, { kind: 'review' }>['payload'];

const PWA_SRC = new URL('../../apps/pwa/src/', import.meta.url);

async function loadModules(life: string) {
  const load = <T>(file: string): Promise<T> => import(new URL(`${file}?phone-life=${life}`, PWA_SRC).href) as Promise<T>;
  const [db, outbox, drafts, store, engine, reference, payload, client, operations, casing] = await Promise.all([
    load<typeof import('../../apps/pwa/src/data/db.js')>('data/db.ts'),
    load<typeof import('../../apps/pwa/src/data/outbox.js')>('data/outbox.ts'),
    load<typeof import('../../apps/pwa/src/data/drafts.js')>('data/drafts.ts'),
    load<typeof import('../../apps/pwa/src/data/session-store.js')>('data/session-store.ts'),
    load<typeof import('../../apps/pwa/src/sync/sync-engine.js')>('sync/sync-engine.ts'),
    load<typeof import('../../apps/pwa/src/sync/reference-sync.js')>('sync/reference-sync.ts'),
    load<typeof import('../../apps/pwa/src/features/review/review-payload.js')>('features/review/review-payload.ts'),
    load<typeof import('../../apps/pwa/src/sync/graphql-client.js')>('sync/graphql-client.ts'),
    load<typeof import('../../apps/pwa/src/sync/operations.js')>('sync/operations.ts'),
    load<typeof import('../../apps/pwa/src/sync/enum-casing.js')>('sync/enum-casing.ts'),
  ]);
  const session = await load<typeof import('../../apps/pwa/src/sync/session.js')>('sync/session.ts');
  return { db, outbox, drafts, store, engine, reference, payload, client, operations, casing, session };
}

interface Life {
  modules: Modules;
  /** Cuts this life's requests when it is killed. */
  abort: AbortController;
  dead: boolean;
}

export interface PhoneOptions {
  index: number;
  apiUrl: string;
  email: string;
  password: string;
  random: () => number;
}

const never = new Promise<never>(() => undefined);

export class Phone {
  readonly index: number;
  /** Every review this phone finished (moved to its outbox), by client id: what the checker expects on the server. */
  readonly completed = new Map<string, ReviewPayload>();
  kills = 0;
  userId = '';
  private readonly idb = new IDBFactory();
  private lives = 0;
  private life!: Life;
  private template!: TemplateDefinition;
  private templateVersionId = '';
  private recipients: Array<{ id: string; reference: string }> = [];

  constructor(private readonly options: PhoneOptions) {
    this.index = options.index;
  }

  /** Starts the app (a new life over the same IndexedDB). */
  private async startLife(): Promise<void> {
    const modules = await loadModules(`p${this.index}-l${this.lives++}`);
    // The app finds IndexedDB as a global; this life's connection is opened now, while it is this phone's.
    globalThis.indexedDB = this.idb;
    void modules.db.openHjuletDb();
    this.life = { modules, abort: new AbortController(), dead: false };
  }

  /** Logs in and downloads the unit's recipients and the checklist, as the app does after a login. */
  async setUp(): Promise<void> {
    await this.startLife();
    const { client, operations, casing, store, reference } = this.life.modules;
    const data = await client.graphqlRequest(operations.SignInDocument, { email: this.options.email, password: this.options.password }, null, {
      endpoint: `${this.options.apiUrl}/graphql`,
    });
    const session = data.signIn.session;
    if (!session) throw new Error(`phone ${this.index}: the account asks for a second factor`);
    await store.writeSession({ ...session, user: casing.userFromWire(session.user) });
    this.userId = session.user.id;
    await reference.refreshReferenceData();
    const cached = await store.readReference(this.userId);
    if (!cached?.safetyTemplateVersionId || cached.recipients.length === 0) throw new Error(`phone ${this.index}: no recipients or checklist`);
    this.templateVersionId = cached.safetyTemplateVersionId;
    this.template = (await store.readTemplate(this.templateVersionId))!.definition;
    this.recipients = cached.recipients;
  }

  /** A worker runs the checklist: a draft, answers and an agreed action, then finished into the outbox. */
  async completeReview(): Promise<void> {
    const { drafts, payload, store } = this.life.modules;
    const recipient = this.recipients[Math.floor(this.options.random() * this.recipients.length)]!;
    const now = Date.now();
    const clientId = randomUUID();
    await drafts.createDraft({
      clientId,
      userId: this.userId,
      recipientId: recipient.id,
      recipientReference: recipient.reference,
      templateVersionId: this.templateVersionId,
      answers: {},
      sectionIndex: 0,
      consentToShare: false,
      actions: [],
      offeredAt: new Date(now - 600_000).toISOString(),
      updatedAt: new Date(now).toISOString(),
    });
    const risky = this.options.random() < 0.5 ? ['alarm_present'] : ['alarm_present', 'trip_hazards'];
    await drafts.replaceAnswers(clientId, completeAnswers(risky, this.template));
    await drafts.saveAgreement(clientId, this.options.random() < 0.5, [
      {
        clientId: randomUUID(),
        itemKey: 'alarm_present',
        what: `Brandvarnare monteras (${clientId.slice(0, 8)})`,
        actor: 'relative',
        dueDate: null,
        declinedByClient: false,
      },
    ]);
    const draft = (await drafts.getDraft(clientId, this.userId))!;
    const item = payload.completedReviewItem(draft, this.template, await store.deviceId());
    await drafts.moveDraftToOutbox(clientId, item);
    this.completed.set(clientId, item.payload);
  }

  /**
   * One flush of the outbox, as the app's triggers start it. With `killAfterMs`, the app is killed that
   * long into the flush (or after it, if it ended first) and started again from its stored outbox.
   */
  async flush(killAfterMs?: number): Promise<void> {
    const life = this.life;
    const { engine, client, session } = life.modules;
    const lifeFetch: typeof fetch = (input, init) => {
      if (life.dead) return never;
      const signal = init?.signal ? AbortSignal.any([init.signal, life.abort.signal]) : life.abort.signal;
      return fetch(input, { ...init, signal });
    };
    const flushing = engine.flushOutbox({
      request: (document, variables, token, options) =>
        life.dead ? never : client.graphqlRequest(document, variables, token, { ...options, endpoint: `${this.options.apiUrl}/graphql`, fetchImpl: lifeFetch }),
      token: session.accessToken,
      now: Date.now,
    });
    if (killAfterMs === undefined) return flushing;
    flushing.catch(() => undefined);
    await Promise.race([flushing, new Promise((resolve) => setTimeout(resolve, killAfterMs))]);
    await this.kill(life);
  }

  private async kill(life: Life): Promise<void> {
    life.dead = true;
    life.abort.abort();
    (await life.modules.db.openHjuletDb()).close();
    this.kills += 1;
    await this.startLife();
  }

  /** What is still on the phone: waiting in the outbox, and refused into "needs attention". */
  async leftOnPhone(): Promise<{ outbox: number; attention: number }> {
    const { outbox } = this.life.modules;
    return { outbox: (await outbox.outboxOf(this.userId)).length, attention: (await outbox.attentionOf(this.userId)).length };
  }
}
