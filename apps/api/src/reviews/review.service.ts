import { parsePeriod, validateAnswers, type TemplateDefinition } from '@hjulet/domain';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { assertReach, canReach } from '../access/scope.js';
import { AppError, badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { TemplateService } from '../templates/template.service.js';
import {
  answersFromList,
  prepareSubmission,
  submissionFingerprint,
  type SubmittedAnswer,
  type SubmittedReview,
  type SubmissionProblem,
  type PreparedReview,
} from './review-submission.js';
import type { ExistingReview, ReviewPageRow, ReviewRepository, SavedReview } from './review.repository.js';
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

const refusal = (entityType: string, entityId: string, careRecipientId: string | null, details: Record<string, unknown>): AuditEntry => ({
  action: 'refused',
  entityType,
  entityId,
  careRecipientId,
  details: { operation: 'submitReviews', ...details },
});

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
    const first = new Map<string, number>();
    inputs.forEach((input, index) => first.has(input.clientId) || first.set(input.clientId, index));
    const unique = [...first.values()].map((index) => ({ index, input: inputs[index] as SubmittedReview }));

    const [recipients, versions] = await Promise.all([
      this.repo.placements([...new Set(unique.map((u) => u.input.recipientId))]),
      this.templates.publishedVersions(
        unique.map((u) => u.input.templateVersionId),
        caller.principal,
      ),
    ]);
    const templates = new Map<string, TemplateDefinition>([...versions].map(([id, row]) => [id, row.definition]));
    const context = { principal: caller.principal, recipients, templates, now: new Date() };

    const results = new Map<string, SubmissionResult>();
    const reject = (clientId: string, error: SubmissionProblem) =>
      results.set(clientId, { clientId, index: first.get(clientId) as number, outcome: 'rejected', review: null, error });
    const prepared: PreparedReview[] = [];
    for (const { input } of unique) {
      const checked = prepareSubmission(input, context);
      if (checked.ok) prepared.push(checked.review);
      else reject(input.clientId, checked.error);
    }

    for (const saved of await this.store(caller, prepared, reject)) {
      const clientId = saved.review.clientId;
      results.set(clientId, { clientId, index: first.get(clientId) as number, outcome: 'created', review: saved.review, error: null, risks: saved.risks });
    }

    // Not written now: stored before (answer with the server state), or a client id that is not theirs.
    const unanswered = unique.filter((u) => results.get(u.input.clientId)?.outcome !== 'created');
    const refusals: AuditEntry[] = [];
    for (const found of await this.repo.byClientIds(unanswered.map((u) => u.input.clientId))) {
      const clientId = found.review.clientId;
      const input = inputs[first.get(clientId) as number] as SubmittedReview;
      const reachable = canReach(caller.principal, {
        unitId: found.review.unitId,
        administrationId: found.administrationId,
        municipalityId: found.municipalityId,
      });
      const sameReview = reachable && isFinal(found.review) && found.review.recipientId === input.recipientId;
      if (sameReview && (found.fingerprint === null || found.fingerprint === submissionFingerprint(input))) {
        results.set(clientId, { clientId, index: first.get(clientId) as number, outcome: 'already_stored', review: found.review, error: null });
      } else if (sameReview) {
        reject(clientId, {
          code: 'CONFLICT',
          field: 'clientId',
          message: 'A review with this client id is stored with other content; the stored version is kept',
        });
        refusals.push(refusal('review', found.review.id, found.review.recipientId, { reason: 'idempotency_conflict', clientId }));
      } else if (!results.has(clientId)) {
        reject(clientId, { code: 'CONFLICT', field: 'clientId', message: 'This client id belongs to another review' });
        refusals.push(refusal('review', found.review.id, reachable ? found.review.recipientId : null, { reason: 'client_id_of_another_review', clientId }));
      }
    }
    for (const { input } of unique) {
      const error = results.get(input.clientId)?.error;
      if (error?.field === 'recipientId' && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
        const known = recipients.get(input.recipientId)?.municipalityId === caller.principal.municipalityId;
        refusals.push(refusal('care_recipient', input.recipientId, known ? input.recipientId : null, { outcome: error.code, clientId: input.clientId }));
      }
    }
    await this.audit.record(caller, refusals);

    return inputs.map((input, index) => ({ ...(results.get(input.clientId) as SubmissionResult), index }));
  }

  /**
   * The batch in one statement; when the database refuses it (a value it cannot store, an action client id
   * stored meanwhile), each review again in its own savepoint, so one bad review never costs the others.
   */
  private async store(caller: Caller, prepared: PreparedReview[], reject: (clientId: string, error: SubmissionProblem) => void): Promise<SavedReview[]> {
    try {
      return await this.repo.saveFinished(caller, prepared);
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
    }
    const saved: SavedReview[] = [];
    await this.transactions.run(async (m) => {
      for (const review of prepared) {
        try {
          saved.push(...(await inSavepoint(m, () => this.repo.saveFinished(caller, [review], m))));
        } catch (error) {
          if (!isDatabaseError(error)) throw error;
          reject(review.clientId, await this.explainRefusal(error, review, m));
        }
      }
    });
    return saved;
  }

  private async explainRefusal(error: DatabaseError, review: PreparedReview, m: EntityManager): Promise<SubmissionProblem> {
    if (error.code === '23505' && error.constraint === 'follow_up_action_client_id_key') {
      const stored = await this.repo.storedActionClientIds(
        review.actions.map((a) => a.clientId),
        m,
      );
      const index = review.actions.findIndex((a) => stored.has(a.clientId));
      return { code: 'CONFLICT', field: `actions[${Math.max(index, 0)}].clientId`, message: 'An action with this client id is stored already' };
    }
    // Class 22 (data exception) and 23 (integrity): something in the review itself cannot be stored.
    if (error.code.startsWith('22') || error.code.startsWith('23')) {
      return { code: 'BAD_USER_INPUT', field: null, message: 'A value in this review cannot be stored' };
    }
    this.log?.error({ err: error, clientId: review.clientId }, 'the database refused one review of a batch');
    return { code: 'INTERNAL_SERVER_ERROR', field: null, message: 'The server could not store this review; it has been logged' };
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
