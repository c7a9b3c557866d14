import type { CloseActionMutationVariables, ReviewInput } from '../gql/graphql.js';
import type { OutboxCloseAction, ReviewPayload, StoredUser } from '../data/db.js';
import { INDICATOR_KINDS } from '@hjulet/domain';

/*
 * The only place where enum values change case. GraphQL spells them UPPER_CASE on the wire; the phone
 * (IndexedDB, screens, packages/domain) keeps the domain's lower_case. Operations are converted here, at
 * the transport boundary, and nowhere else. Upper-casing is idempotent, so results queued by an older
 * version of the app in upper case still go out right.
 */

export function toWire<T extends string>(value: T): Uppercase<T> {
  return value.toUpperCase() as Uppercase<T>;
}

export function fromWire<T extends string>(value: T): Lowercase<T> {
  return value.toLowerCase() as Lowercase<T>;
}

/** A review from the outbox as `submitReviews` takes it. */
export function reviewToWire(review: ReviewPayload): ReviewInput {
  const { actions, answers, ...rest } = review;
  return {
    ...rest,
    status: toWire(review.status),
    // One object per review rather than one per answer: the server reads a batch of 500 at about half the cost.
    answerValues: Object.fromEntries((answers ?? []).map((a) => [a.itemKey, a.number ?? a.value])),
    ...(actions ? { actions: actions.map((a) => ({ ...a, actor: toWire(a.actor) })) } : {}),
  };
}

/** A closing from the outbox as `closeFollowUpAction` takes it. */
export function closingToWire(payload: OutboxCloseAction['payload']): CloseActionMutationVariables {
  return { id: payload.actionId, input: { outcome: toWire(payload.outcome), note: payload.note } };
}

/**
 * The logged-in user as the phone keeps it. The API gives a session only to a user with a role (one awaiting
 * a role is sent to the "awaiting" page instead), so a missing role here is a broken answer, not a state.
 */
export function userFromWire<U extends { role: Uppercase<StoredUser['role']> | null; unitId?: string | null }>(
  user: U,
): Omit<U, 'role' | 'unitId'> & Pick<StoredUser, 'role' | 'unitId'> {
  if (!user.role) throw new Error('A session for a user without a role');
  return { ...user, role: fromWire(user.role), unitId: user.unitId ?? null };
}

/** The indicator set as GraphQL spells it, in the domain's order (for the supervisors' pickers and tables). */
export const WIRE_INDICATOR_KINDS = INDICATOR_KINDS.map((kind) => toWire(kind));
