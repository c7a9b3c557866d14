import { hash } from 'node:crypto';
import { allItems, deriveRisks, validateAnswers, type Actor, type Answers, type IdentifiedRisk, type TemplateDefinition } from '@hjulet/domain';
import type { OrgPlacement, Principal } from '../auth/principal.js';
import { canReach } from '../access/scope.js';
import { findInvalidString } from '../shared/input-strings.js';

/*
 * Checks one review sent from a phone, without I/O: everything it needs is loaded for the whole batch
 * first. Pure, so the rules are tested without a server, and a batch of 500 costs no queries per review.
 */

export interface SubmittedAnswer {
  itemKey: string;
  value?: string | null | undefined;
  number?: number | null | undefined;
}

export interface SubmittedAction {
  clientId: string;
  itemKey?: string | null | undefined;
  what: string;
  actor: Actor;
  dueDate?: string | null | undefined;
  declinedByClient: boolean;
}

export interface SubmittedReview {
  clientId: string;
  deviceId?: string | null | undefined;
  recipientId: string;
  templateVersionId: string;
  status: 'completed' | 'declined';
  declineReason?: string | null | undefined;
  answers: SubmittedAnswer[];
  /** The same answers as one object, item key → text or number: cheaper for a server to read in bulk. */
  answerValues?: Readonly<Record<string, unknown>> | null | undefined;
  consentToShareWithFireService: boolean;
  offeredAt: Date;
  performedAt: Date;
  actions: SubmittedAction[];
  /** Why another review was made in a period that has one already (a move, an incident). */
  repeatReason?: string | null | undefined;
}

export interface RecipientPlacement extends OrgPlacement {
  areaId: string;
  active: boolean;
}

export interface SubmissionContext {
  principal: Principal;
  recipients: ReadonlyMap<string, RecipientPlacement>;
  /** Published template versions only. */
  templates: ReadonlyMap<string, TemplateDefinition>;
  now: Date;
  /**
   * A hand-over (handOverReview): the recipient may be in a unit out of the caller's scope, and the review
   * is stored with that unit. Whether the caller may hand it over is decided before (review.service.ts).
   */
  handOver?: boolean;
}

export interface PreparedAction extends SubmittedAction {
  status: 'open' | 'declined';
}

export interface PreparedReview {
  clientId: string;
  /** What the phone sent, as `submissionFingerprint` sums it up. */
  fingerprint: string;
  deviceId: string | null;
  recipientId: string;
  unitId: string;
  areaId: string;
  templateVersionId: string;
  status: 'completed' | 'declined';
  declineReason: string | null;
  answers: Answers;
  consentToShare: boolean;
  offeredAt: Date;
  performedAt: Date;
  risks: IdentifiedRisk[];
  actions: PreparedAction[];
  repeatReason: string | null;
}

/**
 * Every reason the server can give for not storing a review a phone sent, with the error code it goes
 * with. A phone decides what a worker can do about a refused result from the reason (and where to look
 * from the field); the message is for support. A refusal is made with `refusal(reason, …)` only, so a new
 * kind of refusal cannot be sent without an entry here, which the schema then lists in `RefusalReason`.
 */
export const REFUSAL_REASONS = {
  RECIPIENT_NOT_FOUND: { code: 'NOT_FOUND', description: "The recipient does not exist in the caller's municipality." },
  RECIPIENT_OTHER_UNIT: {
    code: 'FORBIDDEN',
    description: "The recipient belongs to a unit out of the caller's scope (moved, typically): a hand-over can store it.",
  },
  RECIPIENT_INACTIVE: { code: 'BAD_USER_INPUT', description: "The recipient's care has ended (not active)." },
  TEMPLATE_VERSION_UNAVAILABLE: { code: 'NOT_FOUND', description: "The template version is not published, or not for the recipient's unit." },
  INVALID_TEXT: {
    code: 'BAD_USER_INPUT',
    description: 'Text the text policy refuses (control characters, lone surrogates, non-characters), anywhere in the review.',
  },
  INVALID_ANSWERS: {
    code: 'BAD_USER_INPUT',
    description: "The answers break the template's rules (missing, hidden, unknown, out of range), or their form is wrong.",
  },
  INVALID_ACTIONS: { code: 'BAD_USER_INPUT', description: 'An agreed action is wrong: its text, its item, too many, or two with one client id.' },
  INVALID_DECLINE: { code: 'BAD_USER_INPUT', description: 'A declined review without a reason, with a reason too long, or with answers or actions.' },
  INVALID_TIME: { code: 'BAD_USER_INPUT', description: "performedAt in the future or offeredAt after it: the phone's clock." },
  INVALID_REPEAT_REASON: { code: 'BAD_USER_INPUT', description: 'The reason given for a second review in the period is longer than 500 characters.' },
  INVALID_DEVICE_ID: { code: 'BAD_USER_INPUT', description: 'The device id is longer than 100 characters.' },
  UNSTORABLE_VALUE: { code: 'BAD_USER_INPUT', description: 'The database refused a value of the review (a data or integrity error).' },
  STORED_WITH_OTHER_CONTENT: { code: 'CONFLICT', description: 'A review with this client id is stored with other content; the stored one is kept.' },
  CLIENT_ID_OF_ANOTHER_REVIEW: { code: 'CONFLICT', description: 'This client id belongs to another review (another recipient, or one out of reach).' },
  ACTION_ID_TAKEN: { code: 'CONFLICT', description: "An agreed action's client id is stored already." },
  HANDOVER_NOT_ALLOWED: {
    code: 'FORBIDDEN',
    description: 'handOverReview: the server never refused this result to the caller because its recipient is in another unit.',
  },
  SERVER_FAILED: {
    code: 'INTERNAL_SERVER_ERROR',
    description: 'The server failed on this review for a reason nobody foresaw; it is logged with the request id.',
  },
} as const satisfies Record<string, { code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL_SERVER_ERROR'; description: string }>;

export type RefusalReason = keyof typeof REFUSAL_REASONS;

export interface SubmissionProblem {
  /** INTERNAL_SERVER_ERROR: the database refused this review for a reason we did not foresee; it is logged. */
  code: (typeof REFUSAL_REASONS)[RefusalReason]['code'];
  /** What kind of refusal, for the phone to choose what a worker can do. */
  reason: RefusalReason;
  field: string | null;
  message: string;
}

/** A refusal with the code its reason goes with. */
export const refusal = (reason: RefusalReason, message: string, field: string | null = null): SubmissionProblem => ({
  code: REFUSAL_REASONS[reason].code,
  reason,
  field,
  message,
});

export type Checked = { ok: true; review: PreparedReview } | { ok: false; error: SubmissionProblem };

// Phones' clocks drift; a review "performed" more than a day in the future is a clock or a forgery.
const MAX_CLOCK_SKEW_MS = 24 * 3600 * 1000;

const fail = (reason: RefusalReason, message: string, field: string | null = null): Checked => ({ ok: false, error: refusal(reason, message, field) });

/**
 * A review's answers as a list, from either form a phone may send: `answers` (a list of objects) or
 * `answerValues` (one object). Not both: which one would count?
 */
export function answerListOf(input: SubmittedReview): { ok: true; list: SubmittedAnswer[] } | { ok: false; error: SubmissionProblem } {
  if (!input.answerValues) return { ok: true, list: input.answers };
  if (input.answers.length > 0) return { ok: false, error: refusal('INVALID_ANSWERS', 'Give answers or answerValues, not both', 'answerValues') };
  const list: SubmittedAnswer[] = [];
  for (const [itemKey, value] of Object.entries(input.answerValues)) {
    if (typeof value === 'string') list.push({ itemKey, value });
    else if (typeof value === 'number' && Number.isFinite(value)) list.push({ itemKey, number: value });
    else return { ok: false, error: refusal('INVALID_ANSWERS', 'An answer is a text or a number', `answerValues.${itemKey}`) };
  }
  return { ok: true, list };
}

/** The answers list as the domain's map, or the first problem with it. */
export function answersFromList(list: SubmittedAnswer[]): { ok: true; answers: Answers } | { ok: false; error: SubmissionProblem } {
  // Entries, not assignments: a key such as `__proto__` stays an ordinary answer (and the domain refuses it).
  const seen = new Set<string>();
  const entries: Array<[string, string | number]> = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as SubmittedAnswer;
    const hasValue = a.value !== undefined && a.value !== null;
    const hasNumber = a.number !== undefined && a.number !== null;
    if (hasValue === hasNumber) {
      return { ok: false, error: refusal('INVALID_ANSWERS', 'Give exactly one of value and number', `answers[${i}]`) };
    }
    if (seen.has(a.itemKey)) {
      return { ok: false, error: refusal('INVALID_ANSWERS', `Item ${a.itemKey} is answered twice`, `answers[${i}].itemKey`) };
    }
    seen.add(a.itemKey);
    entries.push([a.itemKey, hasValue ? (a.value as string) : (a.number as number)]);
  }
  return { ok: true, answers: Object.fromEntries(entries) as Answers };
}

// Limits checked per review rather than by class-validator on the whole batch: one review over a limit
// is refused on its own and never costs the others of a shift's batch.
export const MAX_ANSWERS = 300;
export const MAX_ACTIONS = 100;
const MAX_DEVICE_ID = 100;
const MAX_DECLINE_REASON = 500;
const MAX_REPEAT_REASON = 500;
const MAX_ACTION_TEXT = 1000;
const ITEM_KEY = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A digest of everything a phone sent for one review but the device id, in a canonical order: the same
 * client id sent again is ALREADY_STORED only when this matches what was stored (Stripe's rule for
 * idempotency keys); other content under a stored key is a CONFLICT.
 */
export function submissionFingerprint(input: SubmittedReview, listed = answerListOf(input)): string {
  // Either form of the answers is the same content; an unreadable object is summed up as sent.
  const answers: SubmittedAnswer[] = listed.ok
    ? listed.list
    : Object.entries(input.answerValues ?? {}).map(([itemKey, value]) => ({ itemKey, value: JSON.stringify(value) }));
  const canonical = [
    input.recipientId,
    input.templateVersionId,
    input.status,
    input.status === 'declined' ? (input.declineReason ?? null) : null,
    [...answers].sort((a, b) => (a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : 0)).map((a) => [a.itemKey, a.value ?? null, a.number ?? null]),
    input.consentToShareWithFireService,
    input.offeredAt.toISOString(),
    input.performedAt.toISOString(),
    [...input.actions]
      .sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0))
      .map((a) => [a.clientId, a.itemKey ?? null, a.what, a.actor, a.dueDate ?? null, a.declinedByClient]),
  ];
  // Added only when given, so reviews stored before the field existed keep their fingerprint.
  if (input.repeatReason) canonical.push(input.repeatReason);
  return hash('sha256', JSON.stringify(canonical), 'hex');
}

// Published template versions are immutable, so what a review is checked against is worked out once per version.
const itemKeysOf = new WeakMap<TemplateDefinition, ReadonlySet<string>>();
function itemKeys(template: TemplateDefinition): ReadonlySet<string> {
  let keys = itemKeysOf.get(template);
  if (!keys) itemKeysOf.set(template, (keys = new Set(allItems(template).map((item) => item.key))));
  return keys;
}

/** The first limit a review breaks, checked before anything is looked up. */
function exceededLimit(input: SubmittedReview): Checked | null {
  if (input.deviceId && input.deviceId.length > MAX_DEVICE_ID)
    return fail('INVALID_DEVICE_ID', `deviceId is longer than ${MAX_DEVICE_ID} characters`, 'deviceId');
  if (input.declineReason && input.declineReason.length > MAX_DECLINE_REASON)
    return fail('INVALID_DECLINE', `declineReason is longer than ${MAX_DECLINE_REASON} characters`, 'declineReason');
  if (input.repeatReason && input.repeatReason.length > MAX_REPEAT_REASON)
    return fail('INVALID_REPEAT_REASON', `repeatReason is longer than ${MAX_REPEAT_REASON} characters`, 'repeatReason');
  if (input.actions.length > MAX_ACTIONS) return fail('INVALID_ACTIONS', `At most ${MAX_ACTIONS} actions`, 'actions');
  for (const [i, action] of input.actions.entries()) {
    const what = action.what.trim();
    if (what.length < 1 || what.length > MAX_ACTION_TEXT)
      return fail('INVALID_ACTIONS', `An action says what in 1 to ${MAX_ACTION_TEXT} characters`, `actions[${i}].what`);
    if (action.itemKey && !ITEM_KEY.test(action.itemKey)) return fail('INVALID_ACTIONS', 'Not an item key', `actions[${i}].itemKey`);
  }
  return null;
}

/** Validates one submitted review and derives its risks with the same rules the phone used. */
export function prepareSubmission(input: SubmittedReview, ctx: SubmissionContext): Checked {
  // The text policy (shared/input-strings.ts) is applied here, per review, not to the whole batch.
  const invalidText = findInvalidString(input);
  if (invalidText) return fail('INVALID_TEXT', invalidText.message, invalidText.field);
  const overLimit = exceededLimit(input);
  if (overLimit) return overLimit;
  const recipient = ctx.recipients.get(input.recipientId);
  if (!recipient || recipient.municipalityId !== ctx.principal.municipalityId) return fail('RECIPIENT_NOT_FOUND', 'Care recipient not found', 'recipientId');
  if (!canReach(ctx.principal, recipient) && !ctx.handOver) return fail('RECIPIENT_OTHER_UNIT', 'This care recipient belongs to another unit', 'recipientId');
  if (!recipient.active) return fail('RECIPIENT_INACTIVE', 'This care recipient is no longer active', 'recipientId');

  const template = ctx.templates.get(input.templateVersionId);
  if (!template) return fail('TEMPLATE_VERSION_UNAVAILABLE', 'No published template version with that id', 'templateVersionId');

  if (input.performedAt.getTime() > ctx.now.getTime() + MAX_CLOCK_SKEW_MS) return fail('INVALID_TIME', 'performedAt is in the future', 'performedAt');
  if (input.offeredAt.getTime() > input.performedAt.getTime()) return fail('INVALID_TIME', 'offeredAt is after performedAt', 'offeredAt');

  const listed = answerListOf(input);
  if (!listed.ok) return listed;
  if (listed.list.length > MAX_ANSWERS) return fail('INVALID_ANSWERS', `At most ${MAX_ANSWERS} answers`, input.answerValues ? 'answerValues' : 'answers');
  const parsed = answersFromList(listed.list);
  if (!parsed.ok) return parsed;
  const answers = parsed.answers;

  let declineReason: string | null = null;
  if (input.status === 'declined') {
    declineReason = input.declineReason?.trim() || null;
    if (!declineReason) return fail('INVALID_DECLINE', 'A declined review needs a reason', 'declineReason');
    if (Object.keys(answers).length > 0) return fail('INVALID_DECLINE', 'A declined review has no answers', 'answers');
    if (input.actions.length > 0) return fail('INVALID_DECLINE', 'A declined review has no actions', 'actions');
  } else {
    const issues = validateAnswers(template, answers, 'complete');
    const first = issues[0];
    if (first) return fail('INVALID_ANSWERS', `${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, first.field);
  }

  const keys = itemKeys(template);
  for (const [i, action] of input.actions.entries()) {
    if (action.itemKey && !keys.has(action.itemKey)) return fail('INVALID_ACTIONS', `Unknown item ${action.itemKey}`, `actions[${i}].itemKey`);
  }
  const actionIds = new Set(input.actions.map((a) => a.clientId));
  if (actionIds.size !== input.actions.length) return fail('INVALID_ACTIONS', 'Two actions share a clientId', 'actions');

  return {
    ok: true,
    review: {
      clientId: input.clientId,
      fingerprint: submissionFingerprint(input, listed),
      deviceId: input.deviceId ?? null,
      recipientId: input.recipientId,
      unitId: recipient.unitId,
      areaId: recipient.areaId,
      templateVersionId: input.templateVersionId,
      status: input.status,
      declineReason,
      answers,
      consentToShare: input.status === 'completed' && input.consentToShareWithFireService,
      offeredAt: input.offeredAt,
      performedAt: input.performedAt,
      risks: input.status === 'completed' ? deriveRisks(template, answers) : [],
      actions: input.actions.map((a) => ({ ...a, what: a.what.trim(), status: a.declinedByClient ? 'declined' : 'open' })),
      repeatReason: input.repeatReason?.trim() || null,
    },
  };
}
