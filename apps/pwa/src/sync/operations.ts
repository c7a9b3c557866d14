import { graphql } from '../gql/index.js';

/* Every GraphQL operation of the staff app, typed by codegen from graphql/schema.graphql. */

/*
 * What the phone keeps of a session, the same from a login, a provider sign-in and a refresh. codegen.ts
 * turns fragment masking off, so the operations' result types carry these fields directly (no useFragment).
 */
export const SessionFieldsFragment = graphql(`
  fragment SessionFields on AuthPayload {
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
`);

export const CompleteSignInDocument = graphql(`
  mutation CompleteSignIn($code: String!) {
    completeSignIn(code: $code) {
      ...SessionFields
    }
  }
`);

export const SignInOptionsDocument = graphql(`
  query SignInOptions {
    signInOptions {
      providerName
      providerStartPath
    }
  }
`);

export const RefreshDocument = graphql(`
  mutation Refresh($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...SessionFields
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

export const EndSessionDocument = graphql(`
  mutation EndSession($refreshToken: String!) {
    endSession(refreshToken: $refreshToken) {
      providerLogoutUrl
    }
  }
`);

export const SubmitReviewsDocument = graphql(`
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
        reason
        field
        message
      }
    }
  }
`);

export const HandOverReviewDocument = graphql(`
  mutation HandOverReview($input: ReviewInput!, $reason: String!) {
    handOverReview(input: $input, reason: $reason) {
      clientId
      outcome
      review {
        id
        unitId
      }
      error {
        code
        reason
        field
        message
      }
    }
  }
`);

export const DiscardResultDocument = graphql(`
  mutation DiscardResult($input: DiscardResultInput!) {
    discardResult(input: $input) {
      clientId
      discardedAt
    }
  }
`);

export const CloseActionDocument = graphql(`
  mutation CloseAction($id: UUID!, $input: CloseFollowUpActionInput!) {
    closeFollowUpAction(id: $id, input: $input) {
      id
      status
      closedAt
    }
  }
`);

export const ConfirmRoutineDocument = graphql(`
  mutation ConfirmRoutine($input: RoutineConfirmationInput!) {
    confirmRoutine(input: $input) {
      clientId
      version
    }
  }
`);

export const ReportDeviationDocument = graphql(`
  mutation ReportDeviation($input: DeviationReportInput!) {
    reportDeviation(input: $input) {
      clientId
      lexSarah
      investigateBy
    }
  }
`);

/** The routines the user reads, whole, so they open offline (docs/routines.md). */
export const RoutinesDocument = graphql(`
  query Routines {
    routines {
      id
      processName
      activityName
      unitId
      unitName
      ownerId
      ownerName
      title
      titleEn
      responsible
      frequency
      body
      bodyEn
      version
      reviewOn
      itemKey
      confirmedVersion
    }
  }
`);

export const ReferenceDataDocument = graphql(`
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
    followUpActions(filter: { mine: true, status: OPEN }) {
      id
      reviewId
      recipient {
        reference
      }
      what
      actor
      dueDate
      status
      fireServiceReferral {
        outcome
        withdrawnAt
      }
    }
  }
`);

export const TemplateVersionDocument = graphql(`
  query TemplateVersion($id: UUID!) {
    templateVersion(id: $id) {
      id
      version
      definition
    }
  }
`);

/* Sign-in with a second factor (docs/security.md): the session, or the step that waits for TOTP or a passkey. */
export const SignInDocument = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      session {
        ...SessionFields
      }
      secondStep {
        challenge
        methods
        mustEnrol
        passkeyOptionsJson
      }
    }
  }
`);

export const CompleteSignInWithTotpDocument = graphql(`
  mutation CompleteSignInWithTotp($challenge: String!, $code: String!) {
    completeSignInWithTotp(challenge: $challenge, code: $code) {
      ...SessionFields
    }
  }
`);

export const CompleteSignInWithPasskeyDocument = graphql(`
  mutation CompleteSignInWithPasskey($challenge: String!, $response: String!) {
    completeSignInWithPasskey(challenge: $challenge, response: $response) {
      ...SessionFields
    }
  }
`);

export const BeginTotpEnrolmentAtSignInDocument = graphql(`
  mutation BeginTotpEnrolmentAtSignIn($challenge: String!) {
    beginTotpEnrolmentAtSignIn(challenge: $challenge) {
      secret
      uri
    }
  }
`);

export const BeginPasskeyRegistrationAtSignInDocument = graphql(`
  mutation BeginPasskeyRegistrationAtSignIn($challenge: String!) {
    beginPasskeyRegistrationAtSignIn(challenge: $challenge)
  }
`);
