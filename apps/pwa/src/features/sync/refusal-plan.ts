import { allItems, visibleItems, type Answers, type TemplateDefinition } from '@hjulet/domain';
import type { AgreedAction, AttentionItem, OutboxReview, ReviewDraft } from '../../data/db.js';
import type { RefusalReason } from '../../gql/graphql.js';
import type { MessageKey } from '../../i18n/messages.sv.js';

/*
 * What a worker can do about a result the server refused, decided from the server's reason for it:
 * - `retry`, only where sending the same again can succeed (the server failed on it);
 * - `correct`, for an answer, an action, a decline reason or a time the server did not accept: the result
 *   becomes a draft again, opened where the fault is, and is finished anew;
 * - `handOver`, for a recipient who moved to another unit: the result is stored with that unit;
 * - `discard`, always, with a reason that the server records.
 * Each plan comes with an explanation in the worker's language; the server's own words are for support.
 */

export type RefusalAction = 'retry' | 'correct' | 'handOver' | 'discard';

export interface RefusalPlan {
  explanation: MessageKey;
  actions: RefusalAction[];
}

/** A reason the server gives, or UNKNOWN for a refusal it gave none for (a whole request refused, a code new to this app). */
export type KnownReason = RefusalReason | 'UNKNOWN';

const DISCARD_ONLY: RefusalAction[] = ['discard'];
const CORRECT: RefusalAction[] = ['correct', 'discard'];

/** Every reason of the schema's RefusalReason: the Record makes a reason without a plan a type error. */
export const REVIEW_PLANS: Record<KnownReason, RefusalPlan> = {
  RECIPIENT_NOT_FOUND: { explanation: 'refusal.RECIPIENT_NOT_FOUND', actions: DISCARD_ONLY },
  RECIPIENT_OTHER_UNIT: { explanation: 'refusal.RECIPIENT_OTHER_UNIT', actions: ['handOver', 'discard'] },
  RECIPIENT_INACTIVE: { explanation: 'refusal.RECIPIENT_INACTIVE', actions: DISCARD_ONLY },
  TEMPLATE_VERSION_UNAVAILABLE: { explanation: 'refusal.TEMPLATE_VERSION_UNAVAILABLE', actions: DISCARD_ONLY },
  INVALID_TEXT: { explanation: 'refusal.INVALID_TEXT', actions: CORRECT },
  INVALID_ANSWERS: { explanation: 'refusal.INVALID_ANSWERS', actions: CORRECT },
  INVALID_ACTIONS: { explanation: 'refusal.INVALID_ACTIONS', actions: CORRECT },
  INVALID_DECLINE: { explanation: 'refusal.INVALID_DECLINE', actions: CORRECT },
  INVALID_TIME: { explanation: 'refusal.INVALID_TIME', actions: CORRECT },
  INVALID_DEVICE_ID: { explanation: 'refusal.INVALID_DEVICE_ID', actions: DISCARD_ONLY },
  // The phone keeps a repeat's reason within the limit; only another client could send a longer one.
  INVALID_REPEAT_REASON: { explanation: 'refusal.INVALID_REPEAT_REASON', actions: DISCARD_ONLY },
  UNSTORABLE_VALUE: { explanation: 'refusal.UNSTORABLE_VALUE', actions: CORRECT },
  STORED_WITH_OTHER_CONTENT: { explanation: 'refusal.STORED_WITH_OTHER_CONTENT', actions: DISCARD_ONLY },
  CLIENT_ID_OF_ANOTHER_REVIEW: { explanation: 'refusal.CLIENT_ID_OF_ANOTHER_REVIEW', actions: DISCARD_ONLY },
  // Corrected, the result's agreed actions get new ids.
  ACTION_ID_TAKEN: { explanation: 'refusal.ACTION_ID_TAKEN', actions: CORRECT },
  HANDOVER_NOT_ALLOWED: { explanation: 'refusal.HANDOVER_NOT_ALLOWED', actions: DISCARD_ONLY },
  SERVER_FAILED: { explanation: 'refusal.SERVER_FAILED', actions: ['retry', 'discard'] },
  UNKNOWN: { explanation: 'refusal.UNKNOWN', actions: DISCARD_ONLY },
};

const ANSWER_FIELD = /^(?:answers|answerValues)(?:\.|\[|$)/;
const ACTION_FIELD = /^actions(?:\.|\[|$)/;

/**
 * The server's reason for a refused review. Entries filed before the server sent one, and refusals of a
 * whole request, have only a code and a field: the reason is read from those the way the server makes them.
 */
export function reasonOf(entry: Pick<AttentionItem, 'code' | 'field' | 'reason'>): KnownReason {
  if (entry.reason && entry.reason in REVIEW_PLANS) return entry.reason as KnownReason;
  const field = entry.field ?? '';
  switch (entry.code) {
    case 'INTERNAL_SERVER_ERROR':
      return 'SERVER_FAILED';
    case 'FORBIDDEN':
      return field === 'recipientId' ? 'RECIPIENT_OTHER_UNIT' : 'UNKNOWN';
    case 'NOT_FOUND':
      return field === 'recipientId' ? 'RECIPIENT_NOT_FOUND' : field === 'templateVersionId' ? 'TEMPLATE_VERSION_UNAVAILABLE' : 'UNKNOWN';
    case 'CONFLICT':
      return field === 'clientId' ? 'STORED_WITH_OTHER_CONTENT' : ACTION_FIELD.test(field) ? 'ACTION_ID_TAKEN' : 'UNKNOWN';
    case 'BAD_USER_INPUT':
      if (field === 'recipientId') return 'RECIPIENT_INACTIVE';
      if (ANSWER_FIELD.test(field)) return 'INVALID_ANSWERS';
      if (ACTION_FIELD.test(field)) return 'INVALID_ACTIONS';
      if (field === 'declineReason') return 'INVALID_DECLINE';
      if (field === 'performedAt' || field === 'offeredAt') return 'INVALID_TIME';
      if (field === 'deviceId') return 'INVALID_DEVICE_ID';
      return field === '' ? 'UNSTORABLE_VALUE' : 'UNKNOWN';
    default:
      return 'UNKNOWN';
  }
}

/** What the worker reads and may do about one refused entry. A refused closing of an action can only be let go. */
export function refusalPlan(entry: Pick<AttentionItem, 'code' | 'field' | 'reason' | 'item'>): RefusalPlan {
  if (entry.item.kind === 'close_action') {
    const gone = entry.code === 'NOT_FOUND' || entry.code === 'FORBIDDEN';
    return { explanation: gone ? 'refusal.closing.gone' : 'refusal.closing.other', actions: DISCARD_ONLY };
  }
  // A "read and understood" of a routine that is gone or no longer in reach: nothing to correct.
  if (entry.item.kind === 'confirm_routine') return { explanation: 'refusal.routine', actions: DISCARD_ONLY };
  // A deviation report the server did not store: the worker reads why, and reports anew where it still applies.
  if (entry.item.kind === 'report_deviation') return { explanation: 'refusal.deviation', actions: DISCARD_ONLY };
  return REVIEW_PLANS[reasonOf(entry)];
}

/** Where "open and correct" opens a refused review: the question at fault, the summary, or the decline form. */
export type CorrectionTarget = { screen: 'review'; itemKey: string } | { screen: 'summary' } | { screen: 'decline' };

export function correctionTarget(entry: { item: OutboxReview; field: string | null }, template: TemplateDefinition | null): CorrectionTarget {
  if (entry.item.payload.status === 'declined') return { screen: 'decline' };
  const field = entry.field ?? '';
  const answers = entry.item.payload.answers ?? [];
  const keyed = /^(?:answers|answerValues)\.([a-z][a-z0-9_]*)/.exec(field)?.[1];
  const indexed = /^answers\[(\d+)\]/.exec(field)?.[1];
  const itemKey = keyed ?? (indexed !== undefined ? answers[Number(indexed)]?.itemKey : undefined);
  if (itemKey && template && allItems(template).some((item) => item.key === itemKey)) return { screen: 'review', itemKey };
  return { screen: 'summary' };
}

/**
 * A text without the characters the server's text policy refuses (apps/api/src/shared/input-strings.ts):
 * C0 controls but tab, line feed and carriage return, DEL and the C1 controls, lone surrogates and
 * non-characters. They are invisible, so a worker could not find them to correct them; the field they
 * were in is opened for the worker to check.
 */
export function withoutRefusedCharacters(text: string): string {
  let kept = '';
  for (const character of text) {
    const cp = character.codePointAt(0) as number;
    const refused =
      cp <= 0x08 ||
      cp === 0x0b ||
      cp === 0x0c ||
      (cp >= 0x0e && cp <= 0x1f) ||
      (cp >= 0x7f && cp <= 0x9f) ||
      (cp >= 0xd800 && cp <= 0xdfff) ||
      (cp >= 0xfdd0 && cp <= 0xfdef) ||
      (cp & 0xfffe) === 0xfffe;
    if (!refused) kept += character;
  }
  return kept;
}

/** The answers a refused review was sent with, as a draft keeps them. */
export function answersOf(item: OutboxReview, clean: (text: string) => string = (text) => text): Answers {
  return Object.fromEntries((item.payload.answers ?? []).map((a) => [a.itemKey, a.number ?? clean(a.value ?? '')])) as Answers;
}

/**
 * A refused review as a draft again, with the same client id (nothing is stored under it: it is finished
 * and sent anew), its answers, consent and agreed actions. Agreed actions get new ids when the server
 * holds theirs already; characters the server refuses are taken out of its texts when that was the fault.
 */
export function draftFromRefused(item: OutboxReview, reason: KnownReason, sectionIndex: number, now = new Date().toISOString()): ReviewDraft {
  const clean = reason === 'INVALID_TEXT' ? withoutRefusedCharacters : (text: string) => text;
  const actions: AgreedAction[] = (item.payload.actions ?? []).map((a) => ({
    clientId: reason === 'ACTION_ID_TAKEN' ? crypto.randomUUID() : a.clientId,
    itemKey: a.itemKey ?? null,
    what: clean(a.what),
    actor: a.actor,
    dueDate: a.dueDate ?? null,
    declinedByClient: a.declinedByClient ?? false,
  }));
  return {
    clientId: item.payload.clientId,
    userId: item.userId,
    recipientId: item.payload.recipientId,
    recipientReference: item.recipientReference,
    templateVersionId: item.payload.templateVersionId,
    answers: answersOf(item, clean),
    sectionIndex,
    consentToShare: item.payload.consentToShareWithFireService ?? false,
    actions,
    offeredAt: item.payload.offeredAt,
    updatedAt: now,
  };
}

/** The position of an item's section among the sections the review screen shows for these answers. */
export function sectionIndexOf(template: TemplateDefinition, answers: Answers, itemKey: string): number {
  const shown = template.sections.filter((s) => visibleItems({ ...template, sections: [s] }, answers).length > 0);
  return Math.max(
    0,
    shown.findIndex((s) => s.items.some((item) => item.key === itemKey)),
  );
}
