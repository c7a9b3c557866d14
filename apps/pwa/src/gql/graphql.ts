/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ActionOutcome =
  | 'DECLINED'
  | 'DONE'
  | 'NOT_NEEDED';

export type ActionStatus =
  /** The client declined the action (självbestämmande); recorded, not hidden. */
  | 'DECLINED'
  | 'DONE'
  | 'NOT_NEEDED'
  | 'OPEN';

/** Who carries out an action agreed with the client. */
export type Actor =
  | 'FIRE_SERVICE'
  /** Home care helps the resident contact the landlord (hyresvärd). */
  | 'HOME_CARE_CONTACTS_LANDLORD'
  /** Housing adaptation grant (bostadsanpassning). */
  | 'HOUSING_ADAPTATION'
  /** Occupational therapist, e.g. for aids such as a stove guard. */
  | 'OCCUPATIONAL_THERAPIST'
  | 'OTHER'
  | 'RELATIVE'
  | 'RESIDENT';

/** An action agreed with the client (vem åtgärdar och när). */
export type AgreedActionInput = {
  actor: Actor;
  /** Generated on the phone; makes re-sending harmless. */
  clientId: string;
  /** The client declined it (självbestämmande): stored as declined, not hidden. */
  declinedByClient?: boolean;
  dueDate?: string | null | undefined;
  /** The item whose risk this addresses, if any. */
  itemKey?: string | null | undefined;
  what: string;
};

/** An answer by item key: `value` for yes/no, choices and text; `number` for numbers. */
export type AnswerInput = {
  itemKey: string;
  number?: number | null | undefined;
  value?: string | null | undefined;
};

export type CloseFollowUpActionInput = {
  note?: string | null | undefined;
  outcome: ActionOutcome;
};

export type HousingType =
  | 'HOUSE'
  | 'OTHER'
  | 'OWNED_FLAT'
  | 'RENTED_FLAT';

/** A review finished on a phone, possibly offline: completed, or declined by the client. */
export type ReviewInput = {
  actions?: Array<AgreedActionInput>;
  answers?: Array<AnswerInput>;
  /** Generated on the phone when the review started: the idempotency key. */
  clientId: string;
  consentToShareWithFireService?: boolean;
  /** Required when declined. */
  declineReason?: string | null | undefined;
  deviceId?: string | null | undefined;
  /** When the review was offered (device time). */
  offeredAt: string;
  /** When it was completed or declined (device time). */
  performedAt: string;
  recipientId: string;
  status: SubmittedReviewStatus;
  templateVersionId: string;
};

export type ReviewStatus =
  | 'COMPLETED'
  | 'DECLINED'
  | 'IN_PROGRESS'
  | 'OFFERED';

/** What a user does, and so what they may see. */
export type Role =
  | 'ADMIN'
  | 'QUALITY_COORDINATOR'
  | 'STAFF'
  | 'UNIT_MANAGER';

export type SubmissionOutcome =
  /** An earlier request stored it; nothing changed. The phone may drop it from its outbox. */
  | 'ALREADY_STORED'
  /** Stored now (a review offered online and finished offline counts as created). */
  | 'CREATED'
  /** Not stored; `error` says why. The phone keeps it in "needs attention". */
  | 'REJECTED';

export type SubmittedReviewStatus =
  | 'COMPLETED'
  | 'DECLINED';

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string, user: { id: string, displayName: string, role: Role, unitId: string | null, email: string } } };

export type RefreshMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshMutation = { refreshSession: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string, user: { id: string, displayName: string, role: Role, unitId: string | null, email: string } } };

export type LogoutMutationVariables = Exact<{
  refreshToken: string;
}>;


export type LogoutMutation = { logout: boolean };

export type SubmitReviewsMutationVariables = Exact<{
  input: Array<ReviewInput> | ReviewInput;
}>;


export type SubmitReviewsMutation = { submitReviews: Array<{ clientId: string, index: number, outcome: SubmissionOutcome, review: { id: string, status: ReviewStatus } | null, error: { code: string, field: string | null, message: string } | null }> };

export type CloseActionMutationVariables = Exact<{
  id: string;
  input: CloseFollowUpActionInput;
}>;


export type CloseActionMutation = { closeFollowUpAction: { id: string, status: ActionStatus, closedAt: string | null } };

export type ReferenceDataQueryVariables = Exact<{ [key: string]: never; }>;


export type ReferenceDataQuery = { templates: Array<{ key: string, latestPublished: { id: string, version: number, definition: Record<string, unknown> } | null }>, careRecipients: Array<{ id: string, reference: string, housingType: HousingType, unitId: string, reviewStatus: { period: string, status: ReviewStatus | null, reviewId: string | null, performedAt: string | null } }>, followUpActions: Array<{ id: string, reviewId: string, what: string, actor: Actor, dueDate: string | null, status: ActionStatus }> };

export type TemplateVersionQueryVariables = Exact<{
  id: string;
}>;


export type TemplateVersionQuery = { templateVersion: { id: string, version: number, definition: Record<string, unknown> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    refreshTokenExpiresAt
    user {
      id
      displayName
      role
      unitId
      email
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RefreshDocument = new TypedDocumentString(`
    mutation Refresh($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    refreshTokenExpiresAt
    user {
      id
      displayName
      role
      unitId
      email
    }
  }
}
    `) as unknown as TypedDocumentString<RefreshMutation, RefreshMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout($refreshToken: String!) {
  logout(refreshToken: $refreshToken)
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const SubmitReviewsDocument = new TypedDocumentString(`
    mutation SubmitReviews($input: [ReviewInput!]!) {
  submitReviews(input: $input) {
    clientId
    index
    outcome
    review {
      id
      status
    }
    error {
      code
      field
      message
    }
  }
}
    `) as unknown as TypedDocumentString<SubmitReviewsMutation, SubmitReviewsMutationVariables>;
export const CloseActionDocument = new TypedDocumentString(`
    mutation CloseAction($id: UUID!, $input: CloseFollowUpActionInput!) {
  closeFollowUpAction(id: $id, input: $input) {
    id
    status
    closedAt
  }
}
    `) as unknown as TypedDocumentString<CloseActionMutation, CloseActionMutationVariables>;
export const ReferenceDataDocument = new TypedDocumentString(`
    query ReferenceData {
  templates {
    key
    latestPublished {
      id
      version
      definition
    }
  }
  careRecipients {
    id
    reference
    housingType
    unitId
    reviewStatus {
      period
      status
      reviewId
      performedAt
    }
  }
  followUpActions(filter: {mine: true, status: OPEN}) {
    id
    reviewId
    what
    actor
    dueDate
    status
  }
}
    `) as unknown as TypedDocumentString<ReferenceDataQuery, ReferenceDataQueryVariables>;
export const TemplateVersionDocument = new TypedDocumentString(`
    query TemplateVersion($id: UUID!) {
  templateVersion(id: $id) {
    id
    version
    definition
  }
}
    `) as unknown as TypedDocumentString<TemplateVersionQuery, TemplateVersionQueryVariables>;