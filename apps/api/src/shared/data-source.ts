import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { Administration, Area, Municipality, Unit } from '../organisation/organisation.entities.js';
import { User } from '../users/user.entity.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import { ChecklistTemplateRow, TemplateVersionRow } from '../templates/template.entities.js';
import { FollowUpAction } from '../followup/follow-up-action.entity.js';
import { IdentifiedRiskRow, ReviewReceiptRow, ReviewRow } from '../reviews/review.entity.js';
import { DiscardedResultRow } from '../reviews/discarded-result.entity.js';
import { RefreshTokenRow } from '../auth/refresh-token.entity.js';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { PartnerClientAreaRow, PartnerClientRow } from '../partners/partner-client.entity.js';
import { WebhookDeliveryRow, WebhookEndpointRow } from '../webhooks/webhook.entities.js';
import { Activity, Goal, GoalFollowUp, ImprovementAction, Lesson, QualityDimension } from '../plan/plan.entities.js';
import { CareEvent, CauseAnalysis } from '../followup/risk-follow-up.entities.js';
import { ComparisonValueRow } from '../comparison/comparison-value.entity.js';
import { MIGRATIONS } from '../migrations/index.js';
import { installJobQueue } from '../webhooks/job-queue.js';
import { ReferralRow } from '../referrals/referral.entity.js';
import { AccessReviewFlagRow } from '../privacy/access-review-flag.entity.js';
import { OidcPendingLoginRow, SessionSignInRow, SignInHandoffRow } from '../auth/oidc/oidc.entities.js';
import { PasskeyCredentialRow, SecondFactorChallengeRow, SecondFactorPolicyRow, TotpSecretRow } from '../auth/second-factor/second-factor.entities.js';
import {
  IndicatorActionFactRow,
  IndicatorClosureCellRow,
  IndicatorCoverageCellRow,
  IndicatorEligibleCellRow,
  IndicatorFactPendingRow,
  IndicatorRecipientFactRow,
  IndicatorReviewCellRow,
  IndicatorReviewFactRow,
  IndicatorRiskFactRow,
  IndicatorSplitRow,
} from '../indicators/indicator-fact.entities.js';
import { IdentitySettingRow, RoleMappingRow } from '../users/role-mapping.entities.js';
import { FeedbackCaseRow, FeedbackCounterRow } from '../feedback/feedback.entities.js';
import { ProcessActivityRow, RoutineConfirmationRow, RoutineProcessRow, RoutineRow } from '../routines/routine.entities.js';
import { DeviationActionRow, DeviationRow, LexSarahReceiverRow } from '../deviations/deviation.entities.js';
import { GoalSurveyEvidenceRow, UserSurveyResultRow, UserSurveyRow } from '../surveys/survey.entities.js';
import { SelfCheckActionRow, SelfCheckFindingRow, SelfCheckPlanRow, SelfCheckResultRow } from '../self-checks/self-check.entities.js';
import type { DatabaseHandle } from './database.js';
import { SqlCountingLogger } from './request-metrics.js';

/** One entity per table (entities-match-migrations.test.ts checks that they describe the migrated schema). */
export const ENTITIES = [
  Municipality,
  Administration,
  Unit,
  Area,
  User,
  RefreshTokenRow,
  CareRecipient,
  ChecklistTemplateRow,
  TemplateVersionRow,
  ReviewRow,
  IdentifiedRiskRow,
  ReviewReceiptRow,
  FollowUpAction,
  AuditEventEntity,
  DiscardedResultRow,
  PartnerClientRow,
  PartnerClientAreaRow,
  WebhookEndpointRow,
  WebhookDeliveryRow,
  ReferralRow,
  QualityDimension,
  Goal,
  Activity,
  GoalFollowUp,
  Lesson,
  ImprovementAction,
  CauseAnalysis,
  CareEvent,
  ComparisonValueRow,
  AccessReviewFlagRow,
  OidcPendingLoginRow,
  SignInHandoffRow,
  PasskeyCredentialRow,
  TotpSecretRow,
  SecondFactorChallengeRow,
  SecondFactorPolicyRow,
  SessionSignInRow,
  IndicatorReviewFactRow,
  IndicatorRiskFactRow,
  IndicatorActionFactRow,
  IndicatorFactPendingRow,
  IndicatorRecipientFactRow,
  IndicatorSplitRow,
  IndicatorReviewCellRow,
  IndicatorCoverageCellRow,
  IndicatorEligibleCellRow,
  IndicatorClosureCellRow,
  RoleMappingRow,
  IdentitySettingRow,
  FeedbackCounterRow,
  FeedbackCaseRow,
  RoutineProcessRow,
  ProcessActivityRow,
  RoutineRow,
  RoutineConfirmationRow,
  LexSarahReceiverRow,
  DeviationRow,
  DeviationActionRow,
  UserSurveyRow,
  UserSurveyResultRow,
  GoalSurveyEvidenceRow,
  SelfCheckPlanRow,
  SelfCheckResultRow,
  SelfCheckFindingRow,
  SelfCheckActionRow,
];

/** TypeORM over `pg` for either database; the schema comes only from migrations, never `synchronize`. */
export async function openDataSource(db: DatabaseHandle, log?: Logger): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: db.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: new SqlCountingLogger((message, query) => log?.debug({ message, query }, 'query failed')),
    extra: { max: db.poolSize },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  // pg-boss's own schema and the webhook queues: its migrations, beside ours (webhooks/job-queue.ts).
  await installJobQueue(dataSource);
  return dataSource;
}

/**
 * A read replica (DATABASE_READ_URL): the same entities, no migrations (a replica is read-only and gets
 * the schema by replication). Only raw SQL of the read paths runs on it (shared/read-source.ts).
 */
export async function openReadDataSource(url: string, log?: Logger): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    synchronize: false,
    logger: new SqlCountingLogger((message, query) => log?.debug({ message, query }, 'replica query failed')),
    extra: { max: 10 },
  });
  await dataSource.initialize();
  return dataSource;
}
