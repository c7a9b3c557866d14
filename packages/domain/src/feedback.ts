import { formatIsoDate, swedishEpochDayOf } from './calendar.js';

/*
 * Complaints and feedback (klagomål och synpunkter, SOSFS 2011:9 ch. 5): what a case is, what may be
 * sent, and when it is due. Pure, so the public form on a phone and the server check the same rules.
 */

export const FEEDBACK_KINDS = ['complaint', 'suggestion', 'praise', 'other'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** How a case came in: the public form (`web`), or registered by staff from a call, a letter or a visit. */
export const FEEDBACK_CHANNELS = ['web', 'phone', 'paper', 'in_person'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

export const FEEDBACK_STATUSES = ['received', 'investigating', 'answered'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_LIMITS = {
  messageMax: 4000,
  nameMax: 200,
  emailMax: 254,
  phoneMax: 40,
  answerMax: 4000,
  findingsMax: 4000,
} as const;

/**
 * Days from receipt to the answer's deadline. SOSFS 2011:9 asks for complaints to be handled without
 * delay but names no number; two weeks is what Swedish municipalities commonly promise for a first answer.
 */
export const FEEDBACK_ANSWER_DAYS = 14;

/**
 * Case numbers are allocated from 1 upwards per municipality and year, below this bound (the database
 * holds the counter to it); a refused bot is answered with a number at or above it, so it matches nothing.
 */
export const FEEDBACK_SEQUENCE_LIMIT = 90_000;

export interface FeedbackProblem {
  field: string;
  code: 'REQUIRED' | 'TOO_LONG' | 'INVALID';
  message: string;
}

export interface FeedbackContent {
  message: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

export type CheckedFeedback = { ok: true; value: FeedbackContent } | { ok: false; problems: FeedbackProblem[] };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63}$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,38}$/;

/** Trimmed text, or null when it is absent or only blanks. */
const optional = (text: string | null | undefined): string | null => {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

function tooLong(field: string, text: string | null, max: number): FeedbackProblem[] {
  return text !== null && [...text].length > max ? [{ field, code: 'TOO_LONG', message: `${field} is longer than ${max} characters` }] : [];
}

/**
 * Checks what someone sends: a message (required, limited), and optional contact details that must look
 * like what they say they are. Answers the trimmed values, with blanks as absent, or every problem found.
 */
export function checkFeedbackContent(input: {
  message: string;
  contactName?: string | null | undefined;
  contactEmail?: string | null | undefined;
  contactPhone?: string | null | undefined;
}): CheckedFeedback {
  const value: FeedbackContent = {
    message: input.message.trim(),
    contactName: optional(input.contactName),
    contactEmail: optional(input.contactEmail),
    contactPhone: optional(input.contactPhone),
  };
  const problems: FeedbackProblem[] = [
    ...(value.message === '' ? [{ field: 'message', code: 'REQUIRED' as const, message: 'Write a message' }] : []),
    ...tooLong('message', value.message, FEEDBACK_LIMITS.messageMax),
    ...tooLong('contactName', value.contactName, FEEDBACK_LIMITS.nameMax),
    ...tooLong('contactEmail', value.contactEmail, FEEDBACK_LIMITS.emailMax),
    ...tooLong('contactPhone', value.contactPhone, FEEDBACK_LIMITS.phoneMax),
  ];
  if (value.contactEmail !== null && value.contactEmail.length <= FEEDBACK_LIMITS.emailMax && !EMAIL.test(value.contactEmail)) {
    problems.push({ field: 'contactEmail', code: 'INVALID', message: 'contactEmail is not an email address' });
  }
  if (value.contactPhone !== null && value.contactPhone.length <= FEEDBACK_LIMITS.phoneMax && !PHONE.test(value.contactPhone)) {
    problems.push({ field: 'contactPhone', code: 'INVALID', message: 'contactPhone is not a phone number' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** The investigation and the answer that close a case: both required, both limited. Answers the trimmed texts or the problems. */
export function checkFeedbackAnswer(
  answer: string,
  findings: string,
): { ok: true; answer: string; findings: string } | { ok: false; problems: FeedbackProblem[] } {
  const a = answer.trim();
  const f = findings.trim();
  const problems: FeedbackProblem[] = [
    ...(a === '' ? [{ field: 'answer', code: 'REQUIRED' as const, message: 'Write the answer' }] : []),
    ...(f === '' ? [{ field: 'findings', code: 'REQUIRED' as const, message: 'Write what the investigation found' }] : []),
    ...tooLong('answer', a, FEEDBACK_LIMITS.answerMax),
    ...tooLong('findings', f, FEEDBACK_LIMITS.findingsMax),
  ];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answer: a, findings: f };
}

/** A municipality's SCB code as the public form names it: four digits. */
export const isKommunkod = (text: string): boolean => /^[0-9]{4}$/.test(text);

/** The case number read out on the phone: `SYN-2026-00042`. */
export function formatCaseNumber(year: number, sequence: number): string {
  return `SYN-${year}-${String(sequence).padStart(5, '0')}`;
}

/** The Swedish calendar year and the deadline (`YYYY-MM-DD`, FEEDBACK_ANSWER_DAYS after the Swedish day of receipt) of a case received at `receivedAt`. */
export function feedbackDates(receivedAt: Date): { year: number; dueOn: string } {
  const day = swedishEpochDayOf(receivedAt.getTime());
  return { year: Number(formatIsoDate(day).slice(0, 4)), dueOn: formatIsoDate(day + FEEDBACK_ANSWER_DAYS) };
}

/** Whether a case is past its deadline on `today` (`YYYY-MM-DD`, Swedish) without an answer. */
export function isFeedbackOverdue(status: FeedbackStatus, dueOn: string, today: string): boolean {
  return status !== 'answered' && today > dueOn;
}

/** Why a case cannot move on: an answered case is closed; routing and answering are for open ones. */
export function feedbackChangeProblem(status: FeedbackStatus): string | null {
  return status === 'answered' ? 'This case is answered and closed' : null;
}

/** The Swedish calendar day of `now` (`YYYY-MM-DD`), the day deadlines are compared with. */
export const swedishDateOf = (now: Date): string => formatIsoDate(swedishEpochDayOf(now.getTime()));
