import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { createAccessTokenIssuer, type AccessTokenIssuer } from './auth/access-token.js';
import { AuthService } from './auth/auth.service.js';
import { AccountAccessService } from './auth/account-access.service.js';
import { createLoginThrottle } from './auth/login-throttle.js';
import { createRateLimitStore, type RateLimitStore } from './partners/rate-limit.js';
import { SessionRepository } from './auth/session.repository.js';
import { IndicatorRepository } from './indicators/indicator.repository.js';
import { IndicatorService } from './indicators/indicator.service.js';
import { FollowUpActionRepository } from './followup/follow-up-action.repository.js';
import { FollowUpActionService } from './followup/follow-up-action.service.js';
import type { FollowUpAction } from './followup/follow-up-action.entity.js';
import type { Unit } from './organisation/organisation.entities.js';
import { OrganisationRepository } from './organisation/organisation.repository.js';
import { OrganisationService } from './organisation/organisation.service.js';
import { createPartnerTokenIssuer } from './partners/partner-token.js';
import { PartnerRepository } from './partners/partner.repository.js';
import { PartnerService } from './partners/partner.service.js';
import { RiskStatisticsRepository } from './statistics/risk-statistics.repository.js';
import { RiskStatisticsService } from './statistics/risk-statistics.service.js';
import type { CareRecipient } from './recipients/care-recipient.entity.js';
import { CareRecipientRepository } from './recipients/care-recipient.repository.js';
import { CareRecipientService } from './recipients/care-recipient.service.js';
import { createPeriodReviewLoader } from './recipients/review-status.js';
import type { RiskRecord } from './reviews/review.records.js';
import { ReviewRepository } from './reviews/review.repository.js';
import { ReviewService } from './reviews/review.service.js';
import type { Config } from './shared/config.js';
import { unitOfWork } from './shared/unit-of-work.js';
import { primaryReads, type ReadSource } from './shared/read-source.js';
import { TemplateRepository } from './templates/template.repository.js';
import { TemplateService } from './templates/template.service.js';
import { UserRepository } from './users/user.repository.js';
import { UserService } from './users/user.service.js';
import { PlanRepository } from './plan/plan.repository.js';
import { PlanService } from './plan/plan.service.js';
import { ActService } from './plan/act.service.js';
import { RiskFollowUpRepository } from './followup/risk-follow-up.repository.js';
import { RiskFollowUpService } from './followup/risk-follow-up.service.js';
import { ComparisonRepository } from './comparison/comparison.repository.js';
import { ComparisonService } from './comparison/comparison.service.js';
import { ReportRepository } from './report/report.repository.js';
import { ReportService } from './report/report.service.js';
import { QualityRecordRepository } from './quality-records/quality-record.repository.js';
import { QualityRecordService } from './quality-records/quality-record.service.js';
import { ReferralRepository } from './referrals/referral.repository.js';
import { ReferralService } from './referrals/referral.service.js';
import type { ReferralStatusRecord } from './referrals/referral.repository.js';
import { InterchangeService } from './interchange/interchange.service.js';
import { ErasureRepository } from './privacy/erasure.repository.js';
import { ErasureService } from './privacy/erasure.service.js';
import { AccessReviewRepository } from './privacy/access-review.repository.js';
import { AccessReviewService } from './privacy/access-review.service.js';
import { createJobQueue, type JobQueue } from './webhooks/job-queue.js';
import { WebhookRepository } from './webhooks/webhook.repository.js';
import { WebhookService } from './webhooks/webhook.service.js';
import { OidcClient } from './auth/oidc/oidc-client.js';
import { OidcRepository } from './auth/oidc/oidc.repository.js';
import { OidcService } from './auth/oidc/oidc.service.js';
import { Passkeys } from './auth/second-factor/passkeys.js';
import { createSecretBox } from './auth/second-factor/secret-box.js';
import { SecondFactorRepository } from './auth/second-factor/second-factor.repository.js';
import { SecondFactorService } from './auth/second-factor/second-factor.service.js';
import { ProviderUsers } from './auth/oidc/provider-user.js';
import { OwnSessionService } from './auth/own-sessions.service.js';
import { OwnSessionRepository } from './auth/session.repository.js';
import { RoleAssignment } from './users/role-assignment.js';
import { RoleMappingRepository } from './users/role-mapping.repository.js';
import { RoleMappingService } from './users/role-mapping.service.js';
import { UserLifecycleService } from './users/user-lifecycle.service.js';
import { AccountRepository } from './users/user.repository.js';
import { createFeedbackThrottle } from './feedback/feedback-throttle.js';
import { FeedbackRepository } from './feedback/feedback.repository.js';
import { FeedbackService } from './feedback/feedback.service.js';
import { RoutineRepository } from './routines/routine.repository.js';
import { RoutineService } from './routines/routine.service.js';
import { DeviationRepository } from './deviations/deviation.repository.js';
import { DeviationService } from './deviations/deviation.service.js';
import { SurveyRepository } from './surveys/survey.repository.js';
import { SurveyService } from './surveys/survey.service.js';
import { SelfCheckRepository } from './self-checks/self-check.repository.js';
import { SelfCheckService } from './self-checks/self-check.service.js';

/** The application's services, made once per process: the composition root. */
export interface Services {
  audit: AuditService;
  auth: AuthService;
  accountAccess: AccountAccessService;
  accessTokens: AccessTokenIssuer;
  organisation: OrganisationService;
  users: UserService;
  recipients: CareRecipientService;
  templates: TemplateService;
  reviews: ReviewService;
  actions: FollowUpActionService;
  partners: PartnerService;
  indicators: IndicatorService;
  riskStatistics: RiskStatisticsService;
  plan: PlanService;
  act: ActService;
  riskFollowUp: RiskFollowUpService;
  comparison: ComparisonService;
  report: ReportService;
  referrals: ReferralService;
  interchange: InterchangeService;
  erasure: ErasureService;
  accessReview: AccessReviewService;
  webhooks: WebhookService;
  /** The job queue (pg-boss, not started): the app starts it with the webhook worker. */
  jobQueue: JobQueue;
  webhookRepository: WebhookRepository;
  /** Sign-in through the municipality's OpenID provider; null when none is configured (local accounts only). */
  oidc: OidcService | null;
  /** TOTP and passkeys for local accounts, and the sign-in step that asks for them. */
  secondFactor: SecondFactorService;
  ownSessions: OwnSessionService;
  userLifecycle: UserLifecycleService;
  roleMappings: RoleMappingService;
  feedback: FeedbackService;
  routines: RoutineService;
  deviations: DeviationService;
  qualityRecords: QualityRecordService;
  surveys: SurveyService;
  selfChecks: SelfCheckService;
}

/**
 * `limits`: where login attempts are counted (the app's shared store); in memory when not given (seeding, tools).
 * `reads`: where statistics and dashboards read (a replica with DATABASE_READ_URL); the primary when not given.
 */
export function createServices(dataSource: DataSource, config: Config, log?: Logger, limits?: RateLimitStore, reads?: ReadSource): Services {
  const readSource = reads ?? primaryReads(dataSource);
  const limitStore = limits ?? createRateLimitStore({ redisUrl: undefined });
  const loginThrottle = createLoginThrottle(limitStore, config.loginLimits);
  const sessions = new SessionRepository(dataSource);
  const audit = new AuditService(new AuditRepository(dataSource));
  const accessTokens = createAccessTokenIssuer(config.jwtSecret, config.accessTokenTtlSeconds);
  const transactions = unitOfWork(dataSource);
  const organisation = new OrganisationService(new OrganisationRepository(dataSource), transactions, audit);
  const users = new UserService(new UserRepository(dataSource), transactions, organisation, audit);
  const templates = new TemplateService(new TemplateRepository(dataSource), transactions, audit);
  const actions = new FollowUpActionService(new FollowUpActionRepository(dataSource), transactions, users, audit);
  const indicators = new IndicatorService(new IndicatorRepository(dataSource, readSource), audit);
  const plan = new PlanService(new PlanRepository(dataSource), transactions, organisation, users, audit, indicators);
  const jobQueue = createJobQueue(dataSource, { supervise: true });
  const webhookRepository = new WebhookRepository(dataSource);
  const webhooks = new WebhookService(webhookRepository, transactions, audit, jobQueue, {
    production: config.env === 'production',
    retryLimit: config.webhooks.retryLimit,
    retryDelaySeconds: config.webhooks.retryDelaySeconds,
    referralEndpointsTtlMs: config.webhooks.endpointCacheMs,
  });
  const reviews = new ReviewService(new ReviewRepository(dataSource), transactions, templates, audit, actions, webhooks, log);
  const secondFactorRepository = new SecondFactorRepository(dataSource);
  const needsSecondStep = async (user: { id: string; municipalityId: string }) => {
    const { has, required } = await secondFactorRepository.standing(user.id, user.municipalityId);
    return has || required;
  };
  const auth = new AuthService(sessions, transactions, accessTokens, audit, config, loginThrottle, needsSecondStep);
  const secondFactor = new SecondFactorService(
    secondFactorRepository,
    sessions,
    transactions,
    auth,
    audit,
    loginThrottle,
    new Passkeys(config.secondFactor),
    createSecretBox(config.secondFactor.keyMaterial),
  );
  const accounts = new AccountRepository(dataSource);
  const mappings = new RoleMappingRepository(dataSource);
  const roleAssignment = new RoleAssignment(accounts, (manager, userId) => sessions.revokeSessionsOf(manager, userId), audit);
  const userLifecycle = new UserLifecycleService(accounts, roleAssignment, organisation, transactions);
  const providerUsers = new ProviderUsers(accounts, mappings, roleAssignment, audit, config.oidc?.municipalityCode);
  const qualityRecords = new QualityRecordService(new QualityRecordRepository(dataSource, readSource), organisation, audit);
  return {
    audit,
    accessTokens,
    auth,
    secondFactor,
    oidc: config.oidc
      ? new OidcService(config.oidc, new OidcClient(config.oidc), new OidcRepository(dataSource), sessions, transactions, auth, audit, providerUsers)
      : null,
    ownSessions: new OwnSessionService(new OwnSessionRepository(dataSource), transactions, audit),
    userLifecycle,
    roleMappings: new RoleMappingService(mappings, userLifecycle, transactions, audit),
    accountAccess: new AccountAccessService(sessions, transactions, audit, loginThrottle),
    organisation,
    users,
    recipients: new CareRecipientService(new CareRecipientRepository(dataSource), transactions, organisation, audit),
    templates,
    reviews,
    partners: new PartnerService(
      new PartnerRepository(dataSource),
      transactions,
      createPartnerTokenIssuer(config.jwtSecret, config.partnerTokenTtlSeconds),
      audit,
    ),
    indicators,
    riskStatistics: new RiskStatisticsService(new RiskStatisticsRepository(dataSource, readSource)),
    actions,
    plan,
    act: new ActService(actions, plan),
    riskFollowUp: new RiskFollowUpService(new RiskFollowUpRepository(dataSource), transactions, actions, audit),
    comparison: new ComparisonService(new ComparisonRepository(dataSource), transactions, audit),
    report: new ReportService(new ReportRepository(dataSource), plan, organisation, audit, qualityRecords),
    referrals: new ReferralService(new ReferralRepository(dataSource), transactions, audit),
    interchange: new InterchangeService(templates, reviews, audit),
    erasure: new ErasureService(new ErasureRepository(dataSource), transactions, audit),
    accessReview: new AccessReviewService(new AccessReviewRepository(dataSource), transactions, audit, config.accessReview),
    webhooks,
    jobQueue,
    webhookRepository,
    feedback: new FeedbackService(new FeedbackRepository(dataSource), transactions, audit, createFeedbackThrottle(limitStore, config.feedbackLimits)),
    routines: new RoutineService(new RoutineRepository(dataSource), transactions, audit),
    deviations: new DeviationService(new DeviationRepository(dataSource), transactions, audit),
    qualityRecords,
    surveys: new SurveyService(new SurveyRepository(dataSource), transactions, plan, audit),
    selfChecks: new SelfCheckService(new SelfCheckRepository(), transactions, templates, audit),
  };
}

/** Per-request batching of nested reads: a page of 500 reviews costs one query per relation. */
export interface Loaders {
  recipient: DataLoader<string, CareRecipient>;
  unit: DataLoader<string, Unit>;
  risksByReview: DataLoader<string, RiskRecord[]>;
  actionsByReview: DataLoader<string, FollowUpAction[]>;
  /** A review's care recipient id, for the recipient of a follow-up action. */
  recipientIdOfReview: DataLoader<string, string>;
  periodReview: ReturnType<typeof createPeriodReviewLoader>;
  /** The fire-service referral a risk was shared by, null when it was not. */
  referralByRisk: DataLoader<string, ReferralStatusRecord | null>;
}

function byKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): Array<T | Error> {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? new Error(`not found: ${key}`));
}

function groupedBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

export function createLoaders(services: Services): Loaders {
  return {
    recipient: new DataLoader(async (ids) => byKey(ids, await services.recipients.byIds(ids), (r) => r.id)),
    unit: new DataLoader(async (ids) => byKey(ids, await services.organisation.unitsByIds(ids), (u) => u.id)),
    risksByReview: new DataLoader(async (ids) => groupedBy(ids, await services.reviews.risksByReviewIds(ids), (r) => r.reviewId)),
    actionsByReview: new DataLoader(async (ids) => groupedBy(ids, await services.actions.byReviewIds(ids), (a) => a.reviewId)),
    recipientIdOfReview: new DataLoader(async (ids) =>
      byKey(ids, await services.actions.recipientIdsOfReviews(ids), (r) => r.reviewId).map((r) => (r instanceof Error ? r : r.recipientId)),
    ),
    periodReview: createPeriodReviewLoader((q) => services.recipients.periodReviews(q)),
    referralByRisk: new DataLoader(async (ids) => {
      const found = new Map((await services.referrals.statusByRiskIds(ids)).map((r) => [r.riskId, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
