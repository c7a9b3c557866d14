import { parsePeriod, validateAnswers, type TemplateDefinition } from '@hjulet/domain';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import { canReach } from '../auth/principal.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { TemplateService } from '../templates/template.service.js';
import { answersFromList, prepareSubmission, type SubmittedAnswer, type SubmittedReview, type SubmissionProblem, type PreparedReview } from './review-submission.js';
import { ReviewRepository, type ExistingReview, type ReviewPageRow } from './review.repository.js';
import { REVIEW_COLUMNS, reviewFromRow, type ReviewRecord } from './review.records.js';

export type SubmissionResult =
  | { clientId: string; index: number; outcome: 'created' | 'already_stored'; review: ReviewRecord; error: null }
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

/**
 * Reviews: offered and run online, or finished offline and sent in batches. Every path that finishes
 * a review goes through `submit`, so online and offline results are checked and stored the same way.
 */
export class ReviewService {
  private readonly repo: ReviewRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplateService,
    private readonly audit: AuditService,
  ) {
    this.repo = new ReviewRepository(dataSource);
  }

  /**
   * Stores a batch of finished reviews exactly once each. Each review is checked on its own: the good
   * ones are stored, each bad one is answered with its reason, and a review stored by an earlier
   * (perhaps half-answered) request is answered ALREADY_STORED. At most four statements a batch.
   */
  async submit(caller: Caller, inputs: SubmittedReview[]): Promise<SubmissionResult[]> {
    const first = new Map<string, number>();
    inputs.forEach((input, index) => first.has(input.clientId) || first.set(input.clientId, index));
    const unique = [...first.values()].map((index) => ({ index, input: inputs[index] as SubmittedReview }));

    const [recipients, versions] = await Promise.all([
      this.repo.placements([...new Set(unique.map((u) => u.input.recipientId))]),
      this.templates.publishedVersions(unique.map((u) => u.input.templateVersionId), caller.principal),
    ]);
    const templates = new Map<string, TemplateDefinition>([...versions].map(([id, row]) => [id, row.definition]));
    const context = { principal: caller.principal, recipients, templates, now: new Date() };

    const results = new Map<string, SubmissionResult>();
    const prepared: PreparedReview[] = [];
    for (const { index, input } of unique) {
      const checked = prepareSubmission(input, context);
      if (checked.ok) prepared.push(checked.review);
      else results.set(input.clientId, { clientId: input.clientId, index, outcome: 'rejected', review: null, error: checked.error });
    }

    for (const saved of await this.repo.saveFinished(caller, prepared)) {
      const index = first.get(saved.review.clientId) as number;
      results.set(saved.review.clientId, { clientId: saved.review.clientId, index, outcome: 'created', review: saved.review, error: null });
    }

    // Not written now: stored before (answer with the server state), or a client id that is not theirs.
    const unanswered = unique.filter((u) => results.get(u.input.clientId)?.outcome !== 'created');
    const existing = await this.repo.byClientIds(unanswered.map((u) => u.input.clientId));
    for (const found of existing) {
      const index = first.get(found.review.clientId) as number;
      const input = inputs[index] as SubmittedReview;
      const previous = results.get(found.review.clientId);
      const reachable = canReach(caller.principal, { unitId: found.review.unitId, administrationId: found.administrationId, municipalityId: found.municipalityId });
      if (reachable && isFinal(found.review) && found.review.recipientId === input.recipientId) {
        results.set(found.review.clientId, { clientId: input.clientId, index, outcome: 'already_stored', review: found.review, error: null });
      } else if (!previous) {
        const error: SubmissionProblem = { code: 'CONFLICT', field: 'clientId', message: 'This client id belongs to another review' };
        results.set(input.clientId, { clientId: input.clientId, index, outcome: 'rejected', review: null, error });
      }
    }

    return inputs.map((input, index) => ({ ...(results.get(input.clientId) as SubmissionResult), index }));
  }

  /** Records that a review was offered. Idempotent on the client id. */
  async offer(caller: Caller, input: { clientId: string; recipientId: string; templateVersionId: string; deviceId?: string | null | undefined; offeredAt?: Date | null | undefined }): Promise<ReviewRecord> {
    const recipient = (await this.repo.placements([input.recipientId])).get(input.recipientId);
    if (!recipient || recipient.municipalityId !== caller.principal.municipalityId) throw notFound('Care recipient', 'recipientId');
    if (!canReach(caller.principal, recipient)) throw forbidden('This care recipient belongs to another unit');
    if (!recipient.active) throw badInput('This care recipient is no longer active', 'recipientId');
    const versions = await this.templates.publishedVersions([input.templateVersionId], caller.principal);
    if (!versions.has(input.templateVersionId)) throw notFound('Published template version', 'templateVersionId');

    const created = await this.dataSource.transaction(async (m) => {
      const rows: Array<Record<string, unknown>> = await m.query(
        `INSERT INTO review AS r (id, client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status, performed_by, offered_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'offered', $7, coalesce($8::timestamptz, now()))
         ON CONFLICT (client_id) DO NOTHING
         RETURNING ${REVIEW_COLUMNS}`,
        [input.clientId, input.deviceId ?? null, input.recipientId, recipient.unitId, recipient.areaId, input.templateVersionId, caller.principal.userId, input.offeredAt?.toISOString() ?? null],
      );
      const inserted = rows[0] ? reviewFromRow(rows[0]) : null;
      if (inserted) {
        await this.audit.record(caller, [{ action: 'create', entityType: 'review', entityId: inserted.id, careRecipientId: inserted.recipientId, details: { status: 'offered' } }], m);
      }
      return inserted;
    });
    if (created) return created;
    // Read after the transaction: the repository reads on another connection, which PGlite would make wait for this one.
    const [existing] = await this.repo.byClientIds([input.clientId]);
    if (!existing || existing.review.recipientId !== input.recipientId) throw conflict('This client id belongs to another review', 'clientId');
    return existing.review;
  }

  /** Saves the answers so far (draft rules: partial is fine, wrong is not). */
  async saveAnswers(caller: Caller, reviewId: string, list: SubmittedAnswer[]): Promise<ReviewRecord> {
    const { review } = await this.reachable(caller, reviewId);
    if (isFinal(review)) throw conflict(`The review is already ${review.status}`, 'reviewId');
    const parsed = answersFromList(list);
    if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message, parsed.error.field ?? undefined);
    const template = (await this.templates.publishedVersions([review.templateVersionId], caller.principal)).get(review.templateVersionId);
    if (!template) throw notFound('Template version', 'templateVersionId');
    const issues = validateAnswers(template.definition, parsed.answers, 'draft');
    if (issues.length > 0) throw badInput(issues[0]?.message ?? 'Invalid answers', issues[0]?.field, issues);

    return this.dataSource.transaction(async (m) => {
      // TypeORM answers an UPDATE with [rows, affected count].
      const [rows]: [Array<Record<string, unknown>>, number] = await m.query(
        `UPDATE review r SET answers = $2, status = 'in_progress', updated_at = now(), received_at = now()
         WHERE id = $1 AND status IN ('offered', 'in_progress') RETURNING ${REVIEW_COLUMNS}`,
        [reviewId, JSON.stringify(parsed.answers)],
      );
      if (!rows[0]) throw conflict('The review was finished meanwhile', 'reviewId');
      await this.audit.record(caller, [{ action: 'update', entityType: 'review', entityId: reviewId, careRecipientId: review.recipientId, details: { answers: Object.keys(parsed.answers).length } }], m);
      return reviewFromRow(rows[0]);
    });
  }

  /** Finishes an online review through the same path as an offline batch of one. */
  async finish(caller: Caller, reviewId: string, input: Omit<SubmittedReview, 'clientId' | 'recipientId' | 'templateVersionId' | 'offeredAt' | 'deviceId'>): Promise<ReviewRecord> {
    const { review } = await this.reachable(caller, reviewId);
    if (isFinal(review)) throw conflict(`The review is already ${review.status}`, 'reviewId');
    const [result] = await this.submit(caller, [
      { ...input, clientId: review.clientId, recipientId: review.recipientId, templateVersionId: review.templateVersionId, offeredAt: review.offeredAt, deviceId: review.deviceId },
    ]);
    if (!result) throw new Error('submit answered nothing');
    if (result.outcome === 'rejected') throw new AppError(result.error.code, result.error.message, result.error.field ?? undefined);
    return result.review;
  }

  async list(caller: Caller, filter: { unitId?: string | null | undefined; recipientId?: string | null | undefined; period?: string | null | undefined }, first: number, after?: string | null): Promise<ReviewPage> {
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first must be between 1 and 500', 'first');
    let period: { from: string; to: string } | undefined;
    if (filter.period) {
      const parsed = parsePeriod(filter.period);
      if (!parsed) throw badInput('Period must look like 2026, 2026-H1, 2026-Q3 or 2026-11', 'filter.period');
      period = parsed;
    }
    const rows = await this.repo.page(
      { principal: caller.principal, unitId: filter.unitId, recipientId: filter.recipientId, from: period?.from, to: period?.to, after: after ? decodeCursor(after) : undefined, first },
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
    if (!found || found.municipalityId !== caller.principal.municipalityId) throw notFound('Review', field);
    if (!canReach(caller.principal, { unitId: found.review.unitId, administrationId: found.administrationId, municipalityId: found.municipalityId })) {
      throw forbidden('This review belongs to another unit');
    }
    return found;
  }
}
