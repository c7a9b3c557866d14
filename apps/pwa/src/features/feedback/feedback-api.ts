import { checkFeedbackContent } from '@hjulet/domain';
import { graphqlRequest, GraphQLRequestError } from '../../sync/graphql-client.js';
import type { TypedDocumentString } from '../../gql/graphql.js';

/*
 * The feedback screens ask the API directly (as the supervisors' screens do, plan-api.ts): the public form
 * has no session and nothing to keep offline. The documents live here, in the lazily loaded chunk, so the
 * login screen's critical path does not carry them.
 */

export type FeedbackKind = 'COMPLAINT' | 'SUGGESTION' | 'PRAISE' | 'OTHER';
export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['COMPLAINT', 'SUGGESTION', 'PRAISE', 'OTHER'];
export type FeedbackStatus = 'RECEIVED' | 'INVESTIGATING' | 'ANSWERED';
export const FEEDBACK_STATUSES: readonly FeedbackStatus[] = ['RECEIVED', 'INVESTIGATING', 'ANSWERED'];
export type StaffChannel = 'PHONE' | 'PAPER' | 'IN_PERSON';
export const STAFF_CHANNELS: readonly StaffChannel[] = ['PHONE', 'PAPER', 'IN_PERSON'];

export interface FeedbackUnit {
  id: string;
  name: string;
}

export interface FeedbackReceipt {
  caseNumber: string;
  dueOn: string;
}

/** What the sender fills in, as the form holds it (empty text for what is left out). */
export interface FeedbackContent {
  kind: FeedbackKind | null;
  unitId: string;
  message: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export const EMPTY_CONTENT: FeedbackContent = { kind: null, unitId: '', message: '', contactName: '', contactEmail: '', contactPhone: '' };

export const FEEDBACK_UNITS = `query($municipality: String!) { feedbackUnits(municipality: $municipality) { id name } }`;
export const SUBMIT_FEEDBACK = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { caseNumber dueOn } }`;
export const REGISTER_FEEDBACK = `mutation($input: RegisterFeedbackInput!) { registerFeedback(input: $input) { caseNumber dueOn } }`;

/** A public request: no token, whoever is logged in on this device (the form is the same for everyone). */
export function publicRequest<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const document = { toString: () => query } as unknown as TypedDocumentString<T, Record<string, unknown>>;
  return graphqlRequest(document, variables, null);
}

/** The input the API takes: blanks left out, so optional fields stay absent. */
export function contentInput(content: FeedbackContent): Record<string, string> {
  const optional = (name: keyof FeedbackContent, value: string) => (value.trim() === '' ? {} : { [name]: value });
  return {
    kind: content.kind ?? 'OTHER',
    message: content.message,
    ...optional('unitId', content.unitId),
    ...optional('contactName', content.contactName),
    ...optional('contactEmail', content.contactEmail),
    ...optional('contactPhone', content.contactPhone),
  };
}

/** A problem with one field, by its code (REQUIRED, TOO_LONG, INVALID, NOT_FOUND): the screen words it. */
export interface FieldProblem {
  field: string;
  code: string;
}

/** Why a send failed, as the form tells it. */
export type SendFailure =
  { kind: 'fields'; problems: FieldProblem[] } | { kind: 'tooMany'; retryAfterSeconds: number } | { kind: 'offline' } | { kind: 'other'; message: string };

/** The API's refusal as the form shows it: every field problem it listed, with `input.` taken off the field names. */
export function sendFailureOf(error: unknown): SendFailure {
  if (!(error instanceof GraphQLRequestError)) return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
  const failure = error.failure;
  if (failure.kind === 'offline') return { kind: 'offline' };
  if (failure.kind !== 'refused') return { kind: 'other', message: failure.message };
  if (failure.code === 'TOO_MANY_ATTEMPTS') return { kind: 'tooMany', retryAfterSeconds: failure.retryAfterSeconds ?? 3600 };
  const field = (name: string) => name.replace(/^input\./, '');
  const problems =
    failure.issues?.map((i) => ({ field: field(i.field), code: i.code })) ?? (failure.field ? [{ field: field(failure.field), code: failure.code }] : []);
  return problems.length > 0 ? { kind: 'fields', problems } : { kind: 'other', message: failure.message };
}

/** Where each field stands in the form: the first problem in this order gets the focus. */
export const FIELD_ORDER = ['municipality', 'kind', 'channel', 'unitId', 'message', 'contactName', 'contactEmail', 'contactPhone'] as const;

/** The same checks the API makes (packages/domain), before sending: the sender sees every problem at once. */
export function problemsBeforeSending(content: FeedbackContent): FieldProblem[] {
  const checked = checkFeedbackContent(content);
  const problems: FieldProblem[] = checked.ok ? [] : checked.problems.map((p) => ({ field: p.field, code: p.code }));
  return content.kind ? problems : [{ field: 'kind', code: 'REQUIRED' }, ...problems];
}

/** The problems in the form's order, one per field. */
export function inFormOrder(problems: FieldProblem[]): FieldProblem[] {
  const rank = (field: string) => {
    const at = (FIELD_ORDER as readonly string[]).indexOf(field);
    return at === -1 ? FIELD_ORDER.length : at;
  };
  const seen = new Set<string>();
  return [...problems].sort((a, b) => rank(a.field) - rank(b.field)).filter((p) => !seen.has(p.field) && seen.add(p.field));
}
