import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';
import { TemplateOwnership1764200000000 } from './1764200000000-template-ownership.js';
import { ReviewSubmissionFingerprint1764300000000 } from './1764300000000-review-submission-fingerprint.js';
import { ResultHandoverAndDiscard1764500000000 } from './1764500000000-result-handover-and-discard.js';
import { PartnerClients1764800000000 } from './1764800000000-partner-clients.js';

/** Every migration, oldest first. PGlite and PostgreSQL run the same list. */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  TemplateOwnership1764200000000,
  ReviewSubmissionFingerprint1764300000000,
  ResultHandoverAndDiscard1764500000000,
  PartnerClients1764800000000,
];
