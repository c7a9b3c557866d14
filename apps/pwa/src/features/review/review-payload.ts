import { deriveRisks, normalizeAnswers, type Actor, type TemplateDefinition } from '@hjulet/domain';
import type { OutboxReview, ReviewDraft, ReviewPayload } from '../../data/db.js';

const outboxItem = (userId: string, recipientReference: string, payload: ReviewPayload, now: string): OutboxReview => ({
  id: payload.clientId,
  kind: 'review',
  userId,
  recipientReference,
  payload,
  createdAt: now,
  attempts: 0,
  nextAttemptAt: now,
  lastError: null,
});

/**
 * A finished draft as the outbox item `submitReviews` will receive; answers to hidden items dropped, and
 * actions agreed for a risk that a later answer took away too, since the summary no longer shows them.
 * A second review in the period carries the reason the worker gave for it.
 */
export function completedReviewItem(draft: ReviewDraft, template: TemplateDefinition, deviceId: string, now = new Date().toISOString()): OutboxReview {
  const answers = normalizeAnswers(template, draft.answers);
  const riskKeys = new Set(deriveRisks(template, answers).map((risk) => risk.itemKey));
  return outboxItem(
    draft.userId,
    draft.recipientReference,
    {
      clientId: draft.clientId,
      deviceId,
      recipientId: draft.recipientId,
      templateVersionId: draft.templateVersionId,
      status: 'completed',
      answers: Object.entries(answers).map(([itemKey, v]) => (typeof v === 'number' ? { itemKey, number: v } : { itemKey, value: v })),
      consentToShareWithFireService: draft.consentToShare,
      offeredAt: draft.offeredAt,
      performedAt: now,
      actions: draft.actions
        .filter((a) => a.itemKey === null || riskKeys.has(a.itemKey))
        .map((a) => ({
          clientId: a.clientId,
          itemKey: a.itemKey,
          what: a.what,
          actor: a.actor as Actor,
          dueDate: a.dueDate,
          declinedByClient: a.declinedByClient,
        })),
      ...(draft.repeatReason ? { repeatReason: draft.repeatReason } : {}),
    },
    now,
  );
}

/** A review the client declined, straight to the outbox: there is nothing to fill in. */
export function declinedReviewItem(
  input: {
    clientId: string;
    userId: string;
    recipientId: string;
    recipientReference: string;
    templateVersionId: string;
    reason: string;
    deviceId: string;
    offeredAt: string;
    /** Set when this was an offer of another review in a period that has one. */
    repeatReason?: string;
  },
  now = new Date().toISOString(),
): OutboxReview {
  return outboxItem(
    input.userId,
    input.recipientReference,
    {
      clientId: input.clientId,
      deviceId: input.deviceId,
      recipientId: input.recipientId,
      templateVersionId: input.templateVersionId,
      status: 'declined',
      declineReason: input.reason,
      answers: [],
      consentToShareWithFireService: false,
      offeredAt: input.offeredAt,
      performedAt: now,
      actions: [],
      ...(input.repeatReason ? { repeatReason: input.repeatReason } : {}),
    },
    now,
  );
}
