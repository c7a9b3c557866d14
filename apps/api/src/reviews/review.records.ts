import type { Answers, ReviewStatus } from '@hjulet/domain';

export type { ReviewStatus } from '@hjulet/domain';

/** A review row as the repository returns it. */
export interface ReviewRecord {
  id: string;
  clientId: string;
  deviceId: string | null;
  status: ReviewStatus;
  declineReason: string | null;
  recipientId: string;
  unitId: string;
  areaId: string;
  templateVersionId: string;
  answersJson: Answers;
  consentToShareWithFireService: boolean;
  performedById: string;
  offeredAt: Date;
  performedAt: Date | null;
  receivedAt: Date;
  /** The period's original, when this is a second review of the recipient in the same period. */
  repeatOf: string | null;
  repeatReason: string | null;
  /** The unit of the worker who handed the review over to its recipient's unit; null when its own unit stored it. */
  handedOverFromUnitId: string | null;
}

export interface RiskRecord {
  id: string;
  reviewId: string;
  itemKey: string;
  category: string;
  severity: 'low' | 'medium' | 'high';
  reportableToFireService: boolean;
  foundAt: Date;
}

/** The SQL select list that `reviewFromRow` reads, for a table aliased `r`. */
export const REVIEW_COLUMNS = `r.id, r.client_id, r.device_id, r.status, r.decline_reason, r.recipient_id, r.unit_id, r.area_id,
  r.template_version_id, r.answers, r.consent_to_share, r.performed_by, r.offered_at, r.performed_at, r.received_at, r.repeat_of, r.repeat_reason,
  r.handed_over_from_unit_id`;

/** A review row as PostgreSQL answers `REVIEW_COLUMNS` (timestamps as the driver gives them). */
export interface ReviewColumns {
  id: string;
  client_id: string;
  device_id: string | null;
  status: ReviewStatus;
  decline_reason: string | null;
  recipient_id: string;
  unit_id: string;
  area_id: string;
  template_version_id: string;
  answers: Answers;
  consent_to_share: boolean;
  performed_by: string;
  offered_at: Date | string;
  performed_at: Date | string | null;
  received_at: Date | string;
  repeat_of: string | null;
  repeat_reason: string | null;
  handed_over_from_unit_id: string | null;
}

export interface RiskColumns {
  id: string;
  review_id: string;
  item_key: string;
  category: string;
  severity: RiskRecord['severity'];
  reportable: boolean;
  found_at: Date | string;
}

export function reviewFromRow(row: ReviewColumns): ReviewRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    deviceId: row.device_id,
    status: row.status,
    declineReason: row.decline_reason,
    recipientId: row.recipient_id,
    unitId: row.unit_id,
    areaId: row.area_id,
    templateVersionId: row.template_version_id,
    answersJson: row.answers,
    consentToShareWithFireService: row.consent_to_share,
    performedById: row.performed_by,
    offeredAt: new Date(row.offered_at),
    performedAt: row.performed_at ? new Date(row.performed_at) : null,
    receivedAt: new Date(row.received_at),
    repeatOf: row.repeat_of,
    repeatReason: row.repeat_reason,
    handedOverFromUnitId: row.handed_over_from_unit_id,
  };
}

export function riskFromRow(row: RiskColumns): RiskRecord {
  return {
    id: row.id,
    reviewId: row.review_id,
    itemKey: row.item_key,
    category: row.category,
    severity: row.severity,
    reportableToFireService: row.reportable,
    foundAt: new Date(row.found_at),
  };
}
