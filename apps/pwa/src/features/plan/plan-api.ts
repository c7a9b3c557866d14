import type { TypedDocumentString } from '../../gql/graphql.js';
import { graphqlRequest, GraphQLRequestError } from '../../sync/graphql-client.js';
import { accessToken } from '../../sync/session.js';

/*
 * The supervisors' screens ask the API directly through the small fetch client: they need the server's
 * current numbers, not the phone's offline copy. Their documents live here, in the lazy chunk, not in the
 * staff app's generated operations, so the staff app's critical path does not grow.
 */
export async function planRequest<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const document = { toString: () => query } as unknown as TypedDocumentString<T, Record<string, unknown>>;
  return graphqlRequest(document, variables, await accessToken());
}

/** A refusal's message for the screen. */
export const messageOf = (error: unknown): string =>
  error instanceof GraphQLRequestError ? error.failure.message : error instanceof Error ? error.message : String(error);

export interface GoalSummary {
  id: string;
  board: string;
  year: number;
  text: string;
  qualityDimension: string;
  targetIndicator: string;
  targetDirection: 'AT_LEAST' | 'AT_MOST';
  targetValue: number;
}

export interface FollowUpView {
  id: string;
  period: string;
  unitId: string | null;
  value: number | null;
  valueSource: 'COMPUTED' | 'MANUAL';
  comment: string | null;
  evidence: string[];
  met: boolean | null;
  lessons: Array<{ id: string; learned: string; changeNext: string }>;
  improvementActions: Array<{ id: string; what: string; ownerId: string; dueDate: string; status: 'OPEN' | 'DONE' | 'CANCELLED' }>;
}

export interface GoalDetail extends GoalSummary {
  activities: Array<{ id: string; unitId: string; what: string; responsibleId: string | null; dueDate: string | null; status: string }>;
  followUps: FollowUpView[];
}

export const GOAL_FIELDS = `id board year text qualityDimension targetIndicator targetDirection targetValue`;
export const FOLLOW_UP_FIELDS = `id period unitId value valueSource comment evidence met
  lessons { id learned changeNext } improvementActions { id what ownerId dueDate status }`;
