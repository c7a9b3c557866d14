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
  r.template_version_id, r.answers, r.consent_to_share, r.performed_by, r.offered_at, r.performed_at, r.received_at`;

export function reviewFromRow(row: Record<string, unknown>): ReviewRecord {
  return {
    id: row['id'] as string,
    clientId: row['client_id'] as string,
    deviceId: row['device_id'] as string | null,
    status: row['status'] as ReviewStatus,
    declineReason: row['decline_reason'] as string | null,
    recipientId: row['recipient_id'] as string,
    unitId: row['unit_id'] as string,
    areaId: row['area_id'] as string,
    templateVersionId: row['template_version_id'] as string,
    answersJson: row['answers'] as Answers,
    consentToShareWithFireService: row['consent_to_share'] as boolean,
    performedById: row['performed_by'] as string,
    offeredAt: new Date(row['offered_at'] as string),
    performedAt: row['performed_at'] ? new Date(row['performed_at'] as string) : null,
    receivedAt: new Date(row['received_at'] as string),
  };
}

export function riskFromRow(row: Record<string, unknown>): RiskRecord {
  return {
    id: row['id'] as string,
    reviewId: row['review_id'] as string,
    itemKey: row['item_key'] as string,
    category: row['category'] as string,
    severity: row['severity'] as RiskRecord['severity'],
    reportableToFireService: row['reportable'] as boolean,
    foundAt: new Date(row['found_at'] as string),
  };
}
