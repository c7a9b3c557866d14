import { parsePeriod, validateAnswers, type TemplateDefinition } from '@hjulet/domain';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { assertReach, canReach } from '../access/scope.js';
import type { Principal } from '../auth/principal.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { TemplateService } from '../templates/template.service.js';
import {
  answersFromList,
  prepareSubmission,
  refusal as refused,
  submissionFingerprint,
  type RecipientPlacement,
  type SubmittedAnswer,
  type SubmittedReview,
  type SubmissionProblem,
  type PreparedReview,
} from './review-submission.js';
import type { DiscardedResultRecord, ExistingReview, ReviewPageRow, ReviewRepository, SavedReview } from './review.repository.js';
import { isOutboxNeeded, type SaveOptions } from './save-finished.sql.js';
import { inSavepoint, type UnitOfWork } from '../shared/unit-of-work.js';
import type { ReviewRecord, RiskRecord } from './review.records.js';

export type SubmissionResult =
  | { clientId: string; index: number; outcome: 'created'; review: ReviewRecord; error: null; risks: RiskRecord[] }
  | { clientId: string; index: number; outcome: 'already_stored'; review: ReviewRecord; error: null }
  | { clientId: string; index: number; outcome: 'rejected'; review: null; error: SubmissionProblem };

export interface ReviewPage {
  rows: ReviewPageRow[];
  hasNextPage: boolean;
}

export const encodeCursor = (r: ReviewRecord) => Buffer.from(`${r.offeredAt.toISOString()}|${r.id}`).toString('base64url');

function decodeCursor(cursor: string): { offeredAt: Date; id: string } {
  const [time, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const offeredAt = new Date(time ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(offeredAt.getTime())) throw badInput('Invalid cursor', 'after');
  return { offeredAt, id };
}

const isFinal = (r: ReviewRecord) => r.status === 'completed' || r.status === 'declined';

/** An error PostgreSQL answered with (TypeORM copies the driver's fields onto QueryFailedError). */
interface DatabaseError {
  code: string;
  constraint?: string;
}
const isDatabaseError = (error: unknown): error is DatabaseError =>
  typeof (error as DatabaseError | null)?.code === 'string' && /^[0-9A-Z]{5}$/.test((error as DatabaseError).code);

/** A refused review as the error of a single-review operation; an internal failure stays opaque. */
const problemError = (problem: SubmissionProblem): Error =>
  problem.code === 'INTERNAL_SERVER_ERROR' ? new Error(problem.message) : new AppError(problem.code, problem.message, problem.field ?? undefined);

const refusal = (
  entityType: string,
  entityId: string,
  careRecipientId: string | null,
  details: Record<string, unknown>,
  operation = 'submitReviews',
): AuditEntry => ({
  action: 'refused',
  entityType,
  entityId,
  careRecipientId,
  details: { operation, ...details },
});

/** A reason for a hand-over or a discard: the worker's words, kept in the audit log. */
export const MAX_DISPOSAL_REASON = 500;

/** What a phone sends to discard a refused result (discardResult). */
export interface DiscardInput {
  clientId: string;
  kind: 'review' | 'action_closing';
  recipientId?: string | null | undefined;
  actionId?: string | null | undefined;
  reason: string;
  refusalCode?: string | null | undefined;
}

/** Where the referrals a save creates get their webhook deliveries queued, in the save's transaction (webhooks/). */
export interface ReferralOutbox {
  queueReferralDeliveries(m: EntityManager, reviewIds: readonly string[]): Promise<void>;
  /** Whether any webhook endpoint may want to hear of a referral (cached: false may be stale, see the save). */
  mayHaveReferralEndpoints(): Promise<boolean>;
  /** Forgets what `mayHaveReferralEndpoints` remembered (an endpoint turned up that it did not know). */
  forgetReferralEndpoints(): void;
}

/** Whether storing the review can create a referral (save-finished.sql.ts makes one exactly then). */
const mayRefer = (r: PreparedReview) => r.status === 'completed' && r.consentToShare && r.risks.some((risk) => risk.reportableToFireService);

/** Where a follow-up action is, from the follow-up feature (the subject of a discarded closing). */
export interface ActionPlacements {
  placementOf(id: string): Promise<{ recipientId: string; municipalityId: string } | null>;
}

const reasonOf = (text: string): string => {
  const reason = text.trim();
  if (reason.length < 1 || reason.length > MAX_DISPOSAL_REASON) throw badInput(`A reason says why in 1 to ${MAX_DISPOSAL_REASON} characters`, 'reason');
  return reason;
};

/**
 * Reviews: offered and run online, or finished offline and sent in batches. Every path that finishes
 * a review goes through `submit`, so online and offline results are checked and stored the same way.
 */
export class ReviewService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly transactions: UnitOfWork,
    private readonly templates: TemplateService,
    private readonly audit: AuditService,
    private readonly actions: ActionPlacements,
    private readonly outbox: ReferralOutbox,
    private readonly log?: Logger,
  ) {}

  /**
   * Stores a batch of finished reviews exactly once each. Each review is checked on its own: the good
   * ones are stored, each bad one is answered with its reason, and a review stored by an earlier
   * (perhaps half-answered) request is answered ALREADY_STORED when the content is the same, CONFLICT when
   * it is not. Refusals are audited. Three statements for a good batch (placements, templates unless
   * cached, the write), plus one to answer for reviews it did not write.
   */
  async submit(caller: Caller, inputs: SubmittedReview[]): Promise<SubmissionResult[]> {
    const ids = (pick: (input: SubmittedReview) => string) => [...new Set(inputs.map(pick))];
    const [recipients, versions] = await Promise.all([
      this.repo.placements(ids((i) => i.recipientId)),
      this.templates.publishedVersions(
        ids((i) => i.templateVersionId),
        caller.principal,
      ),
    ]);
    const templates = new Map<string, TemplateDefinition>([...versions].map(([id, row]) => [id, row.definition]));
    return this.judge(caller, inputs, recipients, templates, { via: 'submitReviews' });
  }

  /**
   * Stores a review the server refused this caller because its recipient is in a unit out of their scope,
   * with the recipient's current unit (handOverReview). The rules:
   * - only a result `submitReviews` refused this caller, for this recipient and client id, as FORBIDDEN
   *   (the refusal is in the audit log); otherwise REJECTED with HANDOVER_NOT_ALLOWED;
   * - the recipient is in the caller's municipality and active, the template version one the receiving
   *   unit gets, and the review otherwise as `submitReviews` wants it;
   * - the review is stored as performed by the caller, with the recipient's current unit and area, its
   *   actions with that unit, remembering the caller's unit (`handedOverFromUnitId`); audited as created
   *   `via: handOverReview` and as a `hand_over` naming both units and the reason, in the same statement;
   * - exactly once: the same client id again is ALREADY_STORED (the same content) or CONFLICT;
   * - a recipient back in the caller's unit is stored as `submitReviews` would, with no hand-over.
   */
  async handOver(caller: Caller, input: SubmittedReview, reasonText: string): Promise<SubmissionResult> {
    const reason = reasonOf(reasonText);
    const recipient = (await this.repo.placements([input.recipientId])).get(input.recipientId);
    const only = (results: SubmissionResult[]) => results[0] as SubmissionResult;
    if (!recipient || recipient.municipalityId !== caller.principal.municipalityId || canReach(caller.principal, recipient)) {
      return only(await this.submit(caller, [input]));
    }
    const fromUnitId = caller.principal.unitId;
    if (!fromUnitId) throw forbidden('Only a worker of a unit hands a review over');
    if (!(await this.audit.wasRefusedForOtherUnit(caller.principal.userId, input.recipientId, input.clientId))) {
      await this.audit.record(caller, [
        refusal(
          'care_recipient',
          input.recipientId,
          input.recipientId,
          { outcome: 'FORBIDDEN', reason: 'not_refused_for_other_unit', clientId: input.clientId },
          'handOverReview',
        ),
      ]);
      return {
        clientId: input.clientId,
        index: 0,
        outcome: 'rejected',
        review: null,
        error: refused('HANDOVER_NOT_ALLOWED', 'Only a result the server refused you because its recipient is in another unit can be handed over', 'clientId'),
      };
    }
    // The version must be one the caller got and one the receiving unit gets.
    const receiving: Principal = { ...caller.principal, role: 'staff', unitId: recipient.unitId, administrationId: recipient.administrationId };
    const [mine, theirs] = await Promise.all([
      this.templates.publishedVersions([input.templateVersionId], caller.principal),
      this.templates.publishedVersions([input.templateVersionId], receiving),
    ]);
    const version = theirs.get(input.templateVersionId);
    const templates = new Map<string, TemplateDefinition>(version && mine.has(input.templateVersionId) ? [[input.templateVersionId, version.definition]] : []);
    return only(
      await this.judge(caller, [input], new Map([[input.recipientId, recipient]]), templates, { via: 'handOverReview', handOver: { fromUnitId, reason } }),
    );
  }

  /**
   * Checks, stores and answers a batch; `recipients` and `templates` hold what the batch may use. Refusals
   * of a recipient out of reach and idempotency conflicts are audited.
   */
  private async judge(
    caller: Caller,
    inputs: SubmittedReview[],
    recipients: ReadonlyMap<string, RecipientPlacement>,
    templates: ReadonlyMap<string, TemplateDefinition>,
    options: SaveOptions,
  ): Promise<SubmissionResult[]> {
    const first = new Map<string, number>();
    inputs.forEach((input, index) => first.has(input.clientId) || first.set(input.clientId, index));
    const unique = [...first.values()].map((index) => ({ index, input: inputs[index] as SubmittedReview }));
    const context = { principal: caller.principal, recipients, templates, now: new Date(), handOver: options.handOver !== undefined };

    const results = new Map<string, SubmissionResult>();
    const reject = (clientId: string, error: SubmissionProblem) =>
      results.set(clientId, { clientId, index: first.get(clientId) as number, outcome: 'rejected', review: null, error });
    const prepared: PreparedReview[] = [];
    for (const { input } of unique) {
      const checked = prepareSubmission(input, context);
      if (checked.ok) prepared.push(checked.review);
      else reject(input.clientId, checked.error);
    }

    for (const saved of await this.store(caller, prepared, reject, options)) {
      const clientId = saved.review.clientId;
      results.set(clientId, { clientId, index: first.get(clientId) as number, outcome: 'created', review: saved.review, error: null, risks: saved.risks });
    }

    // Not written now: stored before (answer with the server state), or a client id that is not theirs.
    const unanswered = unique.filter((u) => results.get(u.input.clientId)?.outcome !== 'created');
    const refusals: AuditEntry[] = [];
    for (const found of await this.repo.byClientIds(unanswered.map((u) => u.input.clientId))) {
      const clientId = found.review.clientId;
      const input = inputs[first.get(clientId) as number] as SubmittedReview;
      // Their own review is theirs to be told about, also one they handed over to another unit.
      const reachable =
        found.review.performedById === caller.principal.userId ||
        canReach(caller.principal, {
          unitId: found.review.unitId,
          administrationId: found.administrationId,
          municipalityId: found.municipalityId,
        });
      const sameReview = reachable && isFinal(found.review) && found.review.recipientId === input.recipientId;
      if (sameReview && (found.fingerprint === null || found.fingerprint === submissionFingerprint(input))) {
        results.set(clientId, { clientId, index: first.get(clientId) as number, outcome: 'already_stored', review: found.review, error: null });
      } else if (sameReview) {
        reject(
          clientId,
          refused('STORED_WITH_OTHER_CONTENT', 'A review with this client id is stored with other content; the stored version is kept', 'clientId'),
        );
        refusals.push(refusal('review', found.review.id, found.review.recipientId, { reason: 'idempotency_conflict', clientId }, options.via));
      } else if (!results.has(clientId)) {
        reject(clientId, refused('CLIENT_ID_OF_ANOTHER_REVIEW', 'This client id belongs to another review', 'clientId'));
        refusals.push(
          refusal('review', found.review.id, reachable ? found.review.recipientId : null, { reason: 'client_id_of_another_review', clientId }, options.via),
        );
      }
    }
    for (const { input } of unique) {
      const error = results.get(input.clientId)?.error;
      if (error?.field === 'recipientId' && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
        const known = recipients.get(input.recipientId)?.municipalityId === caller.principal.municipalityId;
        refusals.push(
          refusal('care_recipient', input.recipientId, known ? input.recipientId : null, { outcome: error.code, clientId: input.clientId }, options.via),
        );
      }
    }
    await this.audit.record(caller, refusals);

    return inputs.map((input, index) => ({ ...(results.get(input.clientId) as SubmissionResult), index }));
  }

  /**
   * Records that a phone discarded a result the server refused, with the worker's reason (discardResult):
   * a row in `discarded_result` and a `discard` audit row, in one transaction. It names the recipient (a
   * review) or the action (a closing) when the caller's municipality has it, in their unit or not (a result
   * whose recipient moved away is discarded too), and records the discard without it otherwise: every
   * refused result can be discarded with a trace, and the answer says nothing of other municipalities.
   * Idempotent per client id: the same discard again answers the row stored first; other content under
   * the same client id is CONFLICT, audited. Nothing but ids and the reason is kept.
   */
  async discard(caller: Caller, input: DiscardInput): Promise<DiscardedResultRecord> {
    const reason = reasonOf(input.reason);
    const refusalCode = input.refusalCode ?? null;
    if (refusalCode !== null && !/^[A-Z_]{1,40}$/.test(refusalCode)) throw badInput('A refusal code is 1 to 40 capital letters and underscores', 'refusalCode');
    const { municipalityId } = caller.principal;
    let recipientId: string | null = null;
    let actionId: string | null = null;
    /** Whose home the result is about, when known: the audit row names them. */
    let careRecipientId: string | null = null;
    if (input.kind === 'review') {
      if (!input.recipientId || input.actionId)
        throw badInput('A discarded review names its recipient and no action', input.recipientId ? 'actionId' : 'recipientId');
      const placement = (await this.repo.placements([input.recipientId])).get(input.recipientId);
      if (placement?.municipalityId === municipalityId) recipientId = careRecipientId = input.recipientId;
    } else {
      if (!input.actionId || input.recipientId)
        throw badInput('A discarded closing names its action and no recipient', input.actionId ? 'recipientId' : 'actionId');
      const placement = await this.actions.placementOf(input.actionId);
      if (placement?.municipalityId === municipalityId) {
        actionId = input.actionId;
        careRecipientId = placement.recipientId;
      }
    }
    const row = { clientId: input.clientId, kind: input.kind, recipientId, actionId, reason, refusalCode, discardedById: caller.principal.userId };
    const entityType = input.kind === 'review' ? 'review_result' : 'action_closing';
    const inserted = await this.transactions.run(async (m) => {
      const saved = await this.repo.insertDiscard(m, row);
      if (saved) {
        await this.audit.record(
          caller,
          [
            {
              action: 'discard',
              entityType,
              entityId: input.clientId,
              careRecipientId,
              details: { kind: input.kind, reason, refusalCode, recipientId, actionId },
            },
          ],
          m,
        );
      }
      return saved;
    });
    if (inserted) return inserted;
    // Read after the transaction, as in `offer`.
    const existing = await this.repo.discardByClientId(input.clientId);
    const same =
      existing !== null &&
      existing.discardedById === row.discardedById &&
      existing.kind === row.kind &&
      existing.recipientId === row.recipientId &&
      existing.actionId === row.actionId &&
      existing.reason === row.reason;
    if (same) return existing;
    await this.audit.record(caller, [
      refusal(entityType, input.clientId, careRecipientId, { reason: 'idempotency_conflict', clientId: input.clientId }, 'discardResult'),
    ]);
    throw conflict('This client id was discarded with other content; the first discard is kept', 'clientId');
  }

  /**
   * The batch in one statement; when the database refuses it (a value it cannot store, an action client id
   * stored meanwhile), each review again in its own savepoint, so one bad review never costs the others.
   */
  private async store(
    caller: Caller,
    prepared: PreparedReview[],
    reject: (clientId: string, error: SubmissionProblem) => void,
    options: SaveOptions,
  ): Promise<SavedReview[]> {
    try {
      // Only a batch that may refer something needs a transaction around the statement and its outbox rows.
      if (!prepared.some(mayRefer)) return await this.repo.saveFinished(caller, prepared, undefined, options);
      // Nor does one when no partner has an endpoint to tell, which is the usual case. This instance's answer
      // may be stale (an endpoint registered on another instance a moment ago): so the statement itself checks,
      // in its own snapshot, and fails storing nothing if a referral it makes has an endpoint after all; the
      // batch then goes the transactional way. An endpoint thus hears of every referral stored by a statement
      // that began after its registration committed, as on the transactional way.
      if (!(await this.outbox.mayHaveReferralEndpoints())) {
        try {
          return await this.repo.saveFinished(caller, prepared, undefined, { ...options, withoutOutbox: true });
        } catch (error) {
          if (!isOutboxNeeded(error)) throw error;
          this.outbox.forgetReferralEndpoints();
        }
      }
      return await this.transactions.run((m) => this.saveAndQueue(caller, prepared, m, options));
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
    }
    const saved: SavedReview[] = [];
    await this.transactions.run(async (m) => {
      for (const review of prepared) {
        try {
          saved.push(...(await inSavepoint(m, () => this.saveAndQueue(caller, [review], m, options))));
        } catch (error) {
          if (!isDatabaseError(error)) throw error;
          reject(review.clientId, await this.explainRefusal(error, review, m));
        }
      }
    });
    return saved;
  }

  /** Saves and, in the same transaction, queues the webhook deliveries of the referrals the save created. */
  private async saveAndQueue(caller: Caller, prepared: PreparedReview[], m: EntityManager, options: SaveOptions): Promise<SavedReview[]> {
    const saved = await this.repo.saveFinished(caller, prepared, m, options);
    await this.outbox.queueReferralDeliveries(
      m,
      saved.filter((s) => s.review.status === 'completed' && s.review.consentToShareWithFireService).map((s) => s.review.id),
    );
    return saved;
  }

  private async explainRefusal(error: DatabaseError, review: PreparedReview, m: EntityManager): Promise<SubmissionProblem> {
    if (error.code === '23505' && error.constraint === 'follow_up_action_client_id_key') {
      const stored = await this.repo.storedActionClientIds(
        review.actions.map((a) => a.clientId),
        m,
      );
      const index = review.actions.findIndex((a) => stored.has(a.clientId));
      return refused('ACTION_ID_TAKEN', 'An action with this client id is stored already', `actions[${Math.max(index, 0)}].clientId`);
    }
    // Class 22 (data exception) and 23 (integrity): something in the review itself cannot be stored.
    if (error.code.startsWith('22') || error.code.startsWith('23')) {
      return refused('UNSTORABLE_VALUE', 'A value in this review cannot be stored');
    }
    this.log?.error({ err: error, clientId: review.clientId }, 'the database refused one review of a batch');
    return refused('SERVER_FAILED', 'The server could not store this review; it has been logged');
  }

  /** Records that a review was offered. Idempotent on the client id. */
  async offer(
    caller: Caller,
    input: { clientId: string; recipientId: string; templateVersionId: string; deviceId?: string | null | undefined; offeredAt?: Date | null | undefined },
  ): Promise<ReviewRecord> {
    const recipient = (await this.repo.placements([input.recipientId])).get(input.recipientId) ?? null;
    assertReach(caller.principal, recipient, {
      what: 'Care recipient',
      field: 'recipientId',
      entityType: 'care_recipient',
      entityId: input.recipientId,
      careRecipientId: recipient ? input.recipientId : null,
    });
    if (!recipient.active) throw badInput('This care recipient is no longer active', 'recipientId');
    const versions = await this.templates.publishedVersions([input.templateVersionId], caller.principal);
    if (!versions.has(input.templateVersionId)) throw notFound('Published template version', 'templateVersionId');

    const created = await this.transactions.run(async (m) => {
      const inserted = await this.repo.insertOffered(m, {
        ...input,
        unitId: recipient.unitId,
        areaId: recipient.areaId,
        performedById: caller.principal.userId,
      });
      if (inserted) {
        await this.audit.record(
          caller,
          [{ action: 'create', entityType: 'review', entityId: inserted.id, careRecipientId: inserted.recipientId, details: { status: 'offered' } }],
          m,
        );
      }
      return inserted;
    });
    if (created) return created;
    // Read after the transaction: the repository reads on another connection, which PGlite would make wait for this one.
    const [existing] = await this.repo.byClientIds([input.clientId]);
    // The same key with other content is not a retry (as in submitReviews): the stored offer is kept.
    if (!existing || existing.review.recipientId !== input.recipientId || existing.review.templateVersionId !== input.templateVersionId) {
      throw conflict('This client id belongs to another review', 'clientId');
    }
    return existing.review;
  }

  /** Saves the answers so far (draft rules: partial is fine, wrong is not). */
  async saveAnswers(caller: Caller, reviewId: string, list: SubmittedAnswer[]): Promise<ReviewRecord> {
    const { review } = await this.reachable(caller, reviewId);
    if (isFinal(review)) throw conflict(`The review is already ${review.status}`, 'reviewId');
    const parsed = answersFromList(list);
    if (!parsed.ok) throw problemError(parsed.error);
    const template = (await this.templates.publishedVersions([review.templateVersionId], caller.principal)).get(review.templateVersionId);
    if (!template) throw notFound('Template version', 'templateVersionId');
    const issues = validateAnswers(template.definition, parsed.answers, 'draft');
    if (issues.length > 0) throw badInput(issues[0]?.message ?? 'Invalid answers', issues[0]?.field, issues);

    return this.transactions.run(async (m) => {
      const saved = await this.repo.saveDraftAnswers(m, reviewId, parsed.answers);
      if (!saved) throw conflict('The review was finished meanwhile', 'reviewId');
      await this.audit.record(
        caller,
        [
          {
            action: 'update',
            entityType: 'review',
            entityId: reviewId,
            careRecipientId: review.recipientId,
            details: { answers: Object.keys(parsed.answers).length },
          },
        ],
        m,
      );
      return saved;
    });
  }

  /** Finishes an online review through the same path as an offline batch of one. */
  async finish(
    caller: Caller,
    reviewId: string,
    input: Omit<SubmittedReview, 'clientId' | 'recipientId' | 'templateVersionId' | 'offeredAt' | 'deviceId'>,
  ): Promise<ReviewRecord> {
    const { review } = await this.reachable(caller, reviewId);
    if (isFinal(review)) throw conflict(`The review is already ${review.status}`, 'reviewId');
    const [result] = await this.submit(caller, [
      {
        ...input,
        clientId: review.clientId,
        recipientId: review.recipientId,
        templateVersionId: review.templateVersionId,
        offeredAt: review.offeredAt,
        deviceId: review.deviceId,
      },
    ]);
    if (!result) throw new Error('submit answered nothing');
    if (result.outcome === 'rejected') throw problemError(result.error);
    return result.review;
  }

  async list(
    caller: Caller,
    filter: { unitId?: string | null | undefined; recipientId?: string | null | undefined; period?: string | null | undefined },
    first: number,
    after?: string | null,
  ): Promise<ReviewPage> {
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first must be between 1 and 500', 'first');
    let period: { from: string; to: string } | undefined;
    if (filter.period) {
      const parsed = parsePeriod(filter.period);
      if (!parsed) throw badInput('Period must look like 2026, 2026-H1, 2026-Q3 or 2026-11', 'filter.period');
      period = parsed;
    }
    const rows = await this.repo.page(
      {
        principal: caller.principal,
        unitId: filter.unitId,
        recipientId: filter.recipientId,
        from: period?.from,
        to: period?.to,
        after: after ? decodeCursor(after) : undefined,
        first,
      },
      caller,
    );
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  async get(caller: Caller, id: string): Promise<ReviewRecord> {
    const { review } = await this.reachable(caller, id, 'id');
    await this.audit.record(caller, [{ action: 'read', entityType: 'review', entityId: review.id, careRecipientId: review.recipientId }]);
    return review;
  }

  risksByReviewIds(ids: readonly string[]) {
    return this.repo.risksByReviewIds(ids);
  }

  private async reachable(caller: Caller, id: string, field = 'reviewId'): Promise<ExistingReview> {
    const found = await this.repo.byId(id);
    const placement = found && { unitId: found.review.unitId, administrationId: found.administrationId, municipalityId: found.municipalityId };
    assertReach(caller.principal, placement, { what: 'Review', field, entityType: 'review', entityId: id, careRecipientId: found?.review.recipientId ?? null });
    return found as ExistingReview;
  }
}
