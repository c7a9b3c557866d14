/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt\n      user { id displayName role unitId email }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Refresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt\n      user { id displayName role unitId email }\n    }\n  }\n": typeof types.RefreshDocument,
    "\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": typeof types.LogoutDocument,
    "\n  mutation SubmitReviews($input: [ReviewInput!]!) {\n    submitReviews(input: $input) {\n      clientId index outcome\n      review { id status }\n      error { code field message }\n    }\n  }\n": typeof types.SubmitReviewsDocument,
    "\n  mutation CloseAction($id: UUID!, $input: CloseFollowUpActionInput!) {\n    closeFollowUpAction(id: $id, input: $input) { id status closedAt }\n  }\n": typeof types.CloseActionDocument,
    "\n  query ReferenceData {\n    templates { key latestPublished { id version definition } }\n    careRecipients {\n      id reference housingType unitId\n      reviewStatus { period status reviewId performedAt }\n    }\n    followUpActions(filter: { mine: true, status: OPEN }) { id reviewId what actor dueDate status }\n  }\n": typeof types.ReferenceDataDocument,
    "\n  query TemplateVersion($id: UUID!) { templateVersion(id: $id) { id version definition } }\n": typeof types.TemplateVersionDocument,
};
const documents: Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt\n      user { id displayName role unitId email }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Refresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt\n      user { id displayName role unitId email }\n    }\n  }\n": types.RefreshDocument,
    "\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": types.LogoutDocument,
    "\n  mutation SubmitReviews($input: [ReviewInput!]!) {\n    submitReviews(input: $input) {\n      clientId index outcome\n      review { id status }\n      error { code field message }\n    }\n  }\n": types.SubmitReviewsDocument,
    "\n  mutation CloseAction($id: UUID!, $input: CloseFollowUpActionInput!) {\n    closeFollowUpAction(id: $id, input: $input) { id status closedAt }\n  }\n": types.CloseActionDocument,
    "\n  query ReferenceData {\n    templates { key latestPublished { id version definition } }\n    careRecipients {\n      id reference housingType unitId\n      reviewStatus { period status reviewId performedAt }\n    }\n    followUpActions(filter: { mine: true, status: OPEN }) { id reviewId what actor dueDate status }\n  }\n": types.ReferenceDataDocument,
    "\n  query TemplateVersion($id: UUID!) { templateVersion(id: $id) { id version definition } }\n": types.TemplateVersionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt\n      user { id displayName role unitId email }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Refresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt\n      user { id displayName role unitId email }\n    }\n  }\n"): typeof import('./graphql').RefreshDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitReviews($input: [ReviewInput!]!) {\n    submitReviews(input: $input) {\n      clientId index outcome\n      review { id status }\n      error { code field message }\n    }\n  }\n"): typeof import('./graphql').SubmitReviewsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseAction($id: UUID!, $input: CloseFollowUpActionInput!) {\n    closeFollowUpAction(id: $id, input: $input) { id status closedAt }\n  }\n"): typeof import('./graphql').CloseActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferenceData {\n    templates { key latestPublished { id version definition } }\n    careRecipients {\n      id reference housingType unitId\n      reviewStatus { period status reviewId performedAt }\n    }\n    followUpActions(filter: { mine: true, status: OPEN }) { id reviewId what actor dueDate status }\n  }\n"): typeof import('./graphql').ReferenceDataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TemplateVersion($id: UUID!) { templateVersion(id: $id) { id version definition } }\n"): typeof import('./graphql').TemplateVersionDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
