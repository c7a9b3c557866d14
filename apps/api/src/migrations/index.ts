import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';
import { TemplateOwnership1764200000000 } from './1764200000000-template-ownership.js';
import { ReviewSubmissionFingerprint1764300000000 } from './1764300000000-review-submission-fingerprint.js';
import { ReviewRepeat1764400000000 } from './1764400000000-review-repeat.js';
import { ResultHandoverAndDiscard1764500000000 } from './1764500000000-result-handover-and-discard.js';
import { ReviewActionOwner1764600000000 } from './1764600000000-review-action-owner.js';
import { Indicators1764700000000 } from './1764700000000-indicators.js';
import { QualityWheel1764750000000 } from './1764750000000-quality-wheel.js';
import { PartnerClients1764800000000 } from './1764800000000-partner-clients.js';
import { IndicatorReportCounts1764900000000 } from './1764900000000-indicator-report-counts.js';
import { Referrals1764920000000 } from './1764920000000-referrals.js';
import { SessionRevocation1764940000000 } from './1764940000000-session-revocation.js';
import { AuditHashChain1764950000000 } from './1764950000000-audit-hash-chain.js';
import { IndicatorQuarterStep1764970000000 } from './1764970000000-indicator-quarter-step.js';
import { Webhooks1764990000000 } from './1764990000000-webhooks.js';
import { DataProtection1765020000000 } from './1765020000000-data-protection.js';
import { OidcSignIn1765040000000 } from './1765040000000-oidc-sign-in.js';
import { IndicatorRollup1765050000000 } from './1765050000000-indicator-rollup.js';
import { UserLifecycle1765060000000 } from './1765060000000-user-lifecycle.js';
import { SecondFactor1765070000000 } from './1765070000000-second-factor.js';
import { Feedback1765110000000 } from './1765110000000-feedback.js';
import { IndicatorCells1765120000000 } from './1765120000000-indicator-cells.js';
import { Routines1765130000000 } from './1765130000000-routines.js';
import { Deviations1765140000000 } from './1765140000000-deviations.js';
import { SelfChecks1765150000000 } from './1765150000000-self-checks.js';
import { UserSurveys1765160000000 } from './1765160000000-user-surveys.js';
import { LexSarahMembership1765180000000 } from './1765180000000-lex-sarah-membership.js';
import { ReviewPartitions1765190000000 } from './1765190000000-review-partitions.js';
import { IndicatorCachedPlans1765200000000 } from './1765200000000-indicator-cached-plans.js';

/** Every migration, oldest first. PGlite and PostgreSQL run the same list. */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  TemplateOwnership1764200000000,
  ReviewSubmissionFingerprint1764300000000,
  ReviewRepeat1764400000000,
  ResultHandoverAndDiscard1764500000000,
  ReviewActionOwner1764600000000,
  Indicators1764700000000,
  QualityWheel1764750000000,
  PartnerClients1764800000000,
  IndicatorReportCounts1764900000000,
  Referrals1764920000000,
  SessionRevocation1764940000000,
  AuditHashChain1764950000000,
  IndicatorQuarterStep1764970000000,
  Webhooks1764990000000,
  DataProtection1765020000000,
  OidcSignIn1765040000000,
  IndicatorRollup1765050000000,
  UserLifecycle1765060000000,
  SecondFactor1765070000000,
  Feedback1765110000000,
  IndicatorCells1765120000000,
  Routines1765130000000,
  Deviations1765140000000,
  SelfChecks1765150000000,
  UserSurveys1765160000000,
  LexSarahMembership1765180000000,
  ReviewPartitions1765190000000,
  IndicatorCachedPlans1765200000000,
];
