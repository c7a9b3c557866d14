import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../auth/auth-checker.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { OidcResolver } from '../auth/oidc/oidc.resolver.js';
import { AccountAccessResolver } from '../auth/account-access.resolver.js';
import { SecondFactorResolver } from '../auth/second-factor/second-factor.resolver.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import { FollowUpActionResolver } from '../followup/follow-up-action.resolver.js';
import { OrganisationResolver } from '../organisation/organisation.resolver.js';
import { CareRecipientResolver } from '../recipients/care-recipient.resolver.js';
import { IdentifiedRiskResolver, ReviewResolver } from '../reviews/review.resolver.js';
import { TemplateResolver } from '../templates/template.resolver.js';
import { UserResolver } from '../users/user.resolver.js';
import { PartnerResolver } from '../partners/partner.resolver.js';
import { fenceRootFields } from '../partners/partner-fence.js';
import { validateArgument } from './validate-argument.js';
import { IndicatorResolver } from '../indicators/indicator.resolver.js';
import { RiskStatisticsResolver } from '../statistics/risk-statistics.resolver.js';
import { GoalFollowUpResolver, GoalResolver } from '../plan/plan.resolver.js';
import { RiskFollowUpResolver } from '../followup/risk-follow-up.resolver.js';
import { ComparisonResolver } from '../comparison/comparison.resolver.js';
import { ReportResolver } from '../report/report.resolver.js';
import { QualityRecordResolver } from '../quality-records/quality-record.resolver.js';
import { FollowUpReferralResolver, ReferralResolver } from '../referrals/referral.resolver.js';
import { InterchangeResolver } from '../interchange/interchange.resolver.js';
import { PrivacyResolver } from '../privacy/privacy.resolver.js';
import { WebhookResolver } from '../webhooks/webhook.resolver.js';
import { OwnSessionsResolver } from '../auth/own-sessions.resolver.js';
import { UserLifecycleResolver } from '../users/user-lifecycle.resolver.js';
import { FeedbackResolver } from '../feedback/feedback.resolver.js';
import { RoutineResolver } from '../routines/routine.resolver.js';
import { DeviationResolver } from '../deviations/deviation.resolver.js';
import { GoalSurveyEvidenceResolver, GoalSurveyResolver, SurveyResolver } from '../surveys/survey.resolver.js';
import { SelfCheckResolver } from '../self-checks/self-check.resolver.js';

export const RESOLVERS = [
  AuthResolver,
  OidcResolver,
  AccountAccessResolver,
  SecondFactorResolver,
  OrganisationResolver,
  UserResolver,
  CareRecipientResolver,
  TemplateResolver,
  ReviewResolver,
  IdentifiedRiskResolver,
  FollowUpActionResolver,
  AuditResolver,
  PartnerResolver,
  IndicatorResolver,
  RiskStatisticsResolver,
  GoalResolver,
  GoalFollowUpResolver,
  RiskFollowUpResolver,
  ComparisonResolver,
  ReportResolver,
  QualityRecordResolver,
  ReferralResolver,
  FollowUpReferralResolver,
  InterchangeResolver,
  PrivacyResolver,
  WebhookResolver,
  OwnSessionsResolver,
  UserLifecycleResolver,
  FeedbackResolver,
  RoutineResolver,
  DeviationResolver,
  SurveyResolver,
  GoalSurveyResolver,
  GoalSurveyEvidenceResolver,
  SelfCheckResolver,
] as const;

/** The executable schema, built from the resolvers' decorators; `print-schema.ts` writes it to graphql/. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    validateFn: validateArgument,
    emitSchemaFile: false,
  });
  return fenceRootFields(schema);
}
